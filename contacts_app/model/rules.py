"""The catalogue of rules: every code, its severity (set here and nowhere else) and a summary; docs/rules.md
says more."""

from __future__ import annotations

from contacts_app.model.finding import Finding, Severity
from contacts_app.model.rule_messages import render

#: Every rule: its code, its severity, and a one-line summary (docs/rules.md says more).
RULES: dict[str, tuple[Severity, str]] = {
    "file-unreadable": (Severity.ERROR, "the file cannot be opened"),
    "not-utf8": (Severity.ERROR, "the file is not UTF-8 text"),
    "yaml-syntax": (Severity.ERROR, "the file is not valid YAML"),
    "yaml-alias": (Severity.ERROR, "anchors and aliases are not allowed"),
    "yaml-too-deep": (Severity.ERROR, "values are nested deeper than any contact needs"),
    "yaml-tag": (Severity.ERROR, "an explicit tag such as !!python/object"),
    "empty-file": (Severity.ERROR, "the file holds no contacts: list"),
    "duplicate-key": (Severity.ERROR, "a key appears twice in one mapping"),
    "wrong-type": (Severity.ERROR, "a value has the wrong type (text, list or mapping)"),
    "unknown-key": (Severity.ERROR, "a key the schema does not know, often a typo"),
    "missing-field": (Severity.ERROR, "a required field is missing or empty"),
    "id-invalid": (Severity.ERROR, "an id is not lower-case letters, digits and hyphens"),
    "id-duplicate": (Severity.ERROR, "two contacts share an id"),
    "id-too-long": (Severity.ERROR, "an id is longer than 64 characters"),
    "text-hidden-character": (Severity.ERROR, "a text holds a control, bidirectional or invisible character"),
    "url-invalid": (Severity.ERROR, "a source url is not an http or https address"),
    "card-too-big": (Severity.WARNING, "the contact's card is too big for a QR code that carries the whole card"),
    "kind-invalid": (Severity.ERROR, "kind is neither person nor desk"),
    "language-invalid": (Severity.ERROR, "a language code is not the two-letter code of any language"),
    "language-unused": (Severity.WARNING, "a text is in a language the directory is not shown in (se for sv?)"),
    "party-unknown": (Severity.WARNING, "a party is not one of the Riksdag parties"),
    "phone-invalid": (Severity.ERROR, "a phone number cannot be read or is not in use"),
    "phone-label-unknown": (Severity.ERROR, "a phone label is not switchboard, direct, mobile or press line"),
    "phone-label-mismatch": (Severity.WARNING, "a number labelled mobile is not a mobile line, or the reverse"),
    "phone-duplicate": (Severity.WARNING, "one contact lists the same number twice"),
    "email-invalid": (Severity.ERROR, "an email address is not valid"),
    "email-duplicate": (Severity.ERROR, "one email address is given for two contacts"),
    "email-name-mismatch": (Severity.WARNING, "a personal address nearly, but not quite, spells the name"),
    "date-invalid": (Severity.ERROR, "a date is not written YYYY-MM-DD"),
    "person-duplicate": (Severity.WARNING, "the same name and organisation appear twice"),
    "no-contact-method": (Severity.WARNING, "a contact has neither a phone number nor an email address"),
    "ack-invalid": (Severity.ERROR, "an acknowledgement names no warning rule, or has no reason"),
    "ack-unused": (Severity.WARNING, "an acknowledgement matches no current warning"),
    "import-conflict": (Severity.WARNING, "an imported value differs from the file's, which is kept"),
    "import-skipped": (Severity.WARNING, "a release line looked like contact data but was not imported"),
    "contact-stale": (Severity.WARNING, "a contact was last verified longer ago than the allowed age"),
    "photo-missing": (Severity.WARNING, "a photo file is not in the photos folder (the photo is not shown)"),
    "photo-invalid": (Severity.WARNING, "a photo is not an image, or lies outside the photos folder (not shown)"),
    "photo-no-credit": (Severity.WARNING, "a photo has no photographer's credit (the photo is not shown)"),
    "desk-no-organisation": (Severity.WARNING, "a press desk names no organisation, so no person's page shows it"),
}

#: Warnings a person may acknowledge in the file, with a reason.
ACKNOWLEDGEABLE = tuple(
    code
    for code, (severity, _) in RULES.items()
    if severity is Severity.WARNING and code not in ("ack-unused", "import-conflict", "import-skipped", "card-too-big")
)

#: Warnings whose fix is an act, never a reason: check the contact (contacts verify), mend the photo.
ACKNOWLEDGEABLE = tuple(
    code for code in ACKNOWLEDGEABLE if code not in ("contact-stale", "photo-missing", "photo-invalid", "photo-no-credit")
)


def finding(path: str, line: int, col: int, code: str, message: str, excerpt: str = "") -> Finding:
    """A finding of rule `code`, with the severity the catalogue gives it: the one place a severity is set."""
    return Finding(path, line, col, RULES[code][0], code, message, excerpt)


def rule_finding(path: str, line: int, col: int, key: str, /, excerpt: str = "", **args) -> Finding:
    """A finding whose message is the entry `key` (`code` or `code:variant`) of the messages catalogue,
    in English, and can be said in Swedish too (Finding.in_language)."""
    code = key.partition(":")[0]
    values = tuple(args.items())
    return Finding(path, line, col, RULES[code][0], code, render(key, "en", values), excerpt, key, values)
