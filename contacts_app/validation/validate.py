"""Validation: the composed YAML nodes become Contacts, and every problem becomes a Finding.

Validation never stops at the first problem. A contact with an error is left out of the
Directory (the public never sees it); warnings leave it in.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from os import PathLike

import yaml

from contacts_app.contactsfile.reading import Document, collector_paused, read_document, walk
from contacts_app.model.contact import DEFAULT_LANGUAGE, KINDS, Contact, Directory, Source, Texts
from contacts_app.model.finding import Finding, Severity
from contacts_app.model.keys import CONTACT_KEYS, PHONE_KEYS, SOURCE_KEYS, TOP_KEYS
from contacts_app.model.rules import ACKNOWLEDGEABLE, RULES
from contacts_app.normalise import name_match
from contacts_app.normalise.emails import EmailError, check_email
from contacts_app.normalise.names import canonical_party, slugify
from contacts_app.normalise.phones import LABEL_WORDS, LABELS, PhoneError, parse_phone

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2}\Z")
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass
class _Draft:
    """A contact being read: its values so far and the findings that belong to it."""

    line: int
    values: dict = field(default_factory=dict)
    nodes: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    acks: dict[str, tuple[str, yaml.Node]] = field(default_factory=dict)
    email_nodes: list[yaml.Node] = field(default_factory=list)

    @property
    def has_error(self) -> bool:
        return any(f.is_error for f in self.findings)


class _Reader:
    """Reads nodes of one file, sending each finding to the draft it concerns (or the file)."""

    def __init__(self, path: str, check_dns: bool):
        self.path = path
        self.check_dns = check_dns
        self.file_findings: list[Finding] = []

    def report(self, sink: list[Finding], node: yaml.Node | None, code: str, message: str) -> None:
        """Add a finding of rule `code` at the node's position."""
        severity = RULES[code][0]
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        sink.append(Finding(self.path, line, col, severity, code, message))

    # -- shapes ---------------------------------------------------------------------------------

    def items(self, sink, node, allowed: tuple[str, ...] | None, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The key → (key node, value node) pairs of a mapping; duplicate and unknown keys reported.

        `allowed` None means any key (the keys are data: language codes, rule codes).
        """
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(sink, key_node, "wrong-type", f"a key in {what} must be a plain word")
                continue
            key = key_node.value
            if key in out:
                first = out[key][0].start_mark.line + 1
                self.report(
                    sink, key_node, "duplicate-key",
                    f"{key!r} appears twice in {what} (first on line {first}); keep one and delete the other",
                )
                continue
            if allowed is not None and key not in allowed:
                self.report(sink, key_node, "unknown-key", _unknown_key_message(key, allowed, what))
                continue
            out[key] = (key_node, value_node)
        return out

    def text(self, sink, node: yaml.Node, what: str) -> str | None:
        """A scalar's text as written (never a number or a date), or None when it is empty."""
        if not isinstance(node, yaml.ScalarNode):
            self.report(sink, node, "wrong-type", f"{what} should be text, not a {_shape(node)}")
            return None
        if node.tag == _NULL_TAG:
            return None
        value = " ".join(node.value.split())
        return value or None

    def sequence(self, sink, node: yaml.Node, what: str) -> list[yaml.Node]:
        """A list's items; a single value is taken as a list of one, an empty value as no items."""
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.ScalarNode):
            return [] if node.tag == _NULL_TAG or not node.value.strip() else [node]
        self.report(sink, node, "wrong-type", f"{what} should be a list (lines starting with -), not a mapping")
        return []

    def texts(self, sink, node: yaml.Node, what: str) -> Texts:
        """A per-language text: `sv: …` / `en: …`, or plain text in the directory's language."""
        if isinstance(node, yaml.ScalarNode):
            text = self.text(sink, node, what)
            return Texts(((DEFAULT_LANGUAGE, text),)) if text else Texts()
        if not isinstance(node, yaml.MappingNode):
            self.report(sink, node, "wrong-type", f"{what} should be written per language (sv: …, en: …)")
            return Texts()
        pairs = []
        for lang, (key_node, value_node) in self.items(sink, node, None, what).items():
            if not LANGUAGE_PATTERN.match(lang):
                self.report(
                    sink, key_node, "language-invalid",
                    f"{lang!r} is not a language code; use sv for Swedish and en for English",
                )
                continue
            text = self.text(sink, value_node, f"{what} ({lang})")
            if text:
                pairs.append((lang, text))
        return Texts(tuple(pairs))

    # -- a contact ------------------------------------------------------------------------------

    def contact(self, node: yaml.Node) -> _Draft | None:
        """Read one contact mapping into a draft, reporting what is wrong with each field."""
        if not isinstance(node, yaml.MappingNode):
            self.report(
                self.file_findings, node, "wrong-type",
                f"each contact should be a mapping of fields (id:, name:, ...), not a {_shape(node)}",
            )
            return None
        draft = _Draft(node.start_mark.line + 1)
        sink = draft.findings
        fields = self.items(sink, node, CONTACT_KEYS, "a contact")
        draft.nodes = {key: value for key, (_, value) in fields.items()}
        get = draft.nodes.get

        contact_id = self.text(sink, get("id"), "id") if get("id") is not None else None
        name = self.text(sink, get("name"), "name") if get("name") is not None else None
        if contact_id is None:
            hint = f" such as {slugify(name)!r}" if name else ""
            self.report(sink, get("id") or node, "missing-field", f"the contact has no id; add one{hint}")
        elif not ID_PATTERN.match(contact_id):
            self.report(
                sink, get("id"), "id-invalid",
                f"id {contact_id!r} may hold only a-z, 0-9 and single hyphens; try {slugify(contact_id)!r}",
            )
        if name is None:
            self.report(sink, get("name") or node, "missing-field", "the contact has no name; add name: …")

        kind = "person"
        if get("kind") is not None:
            kind = self.text(sink, get("kind"), "kind") or "person"
            if kind not in KINDS:
                self.report(sink, get("kind"), "kind-invalid", f"kind {kind!r} should be person or desk")

        draft.values = {"id": contact_id, "kind": kind, "name": name}
        draft.values.update(
            title=self.texts(sink, get("title"), "title") if get("title") is not None else Texts(),
            organisation=(
                self.texts(sink, get("organisation"), "organisation") if get("organisation") is not None else Texts()
            ),
            party=canonical_party(self.text(sink, get("party"), "party")) if get("party") is not None else None,
            phones=self.phones(sink, get("phones")) if get("phones") is not None else (),
            emails=self.emails(draft) if get("emails") is not None else (),
            source=self.source(sink, get("source")) if get("source") is not None else None,
        )
        if get("acknowledged") is not None:
            draft.acks = self.acknowledgements(sink, get("acknowledged"))
        if not draft.values["phones"] and not draft.values["emails"] and not draft.has_error:
            self.report(
                sink, get("name") or node, "no-contact-method",
                "there is no phone number or email address: a journalist cannot reach this contact",
            )
        return draft

    def phones(self, sink, node: yaml.Node) -> tuple:
        """The phone list: each a mapping (number:, label:) or a number with its label around it."""
        phones, seen = [], {}
        for item in self.sequence(sink, node, "phones"):
            if isinstance(item, yaml.MappingNode):
                fields = self.items(sink, item, PHONE_KEYS, "a phone")
                number_node = fields.get("number", (None, None))[1]
                label_node = fields.get("label", (None, None))[1]
            else:
                number_node, label_node = item, None
            raw = self.text(sink, number_node, "number") if number_node is not None else None
            if raw is None:
                self.report(sink, number_node or item, "missing-field", "the phone has no number; add number: …")
                continue
            label = self.label(sink, label_node) if label_node is not None else None
            try:
                phone = parse_phone(raw, label)
            except PhoneError as exc:
                self.report(sink, number_node, "phone-invalid", str(exc))
                continue
            if phone.e164 in seen:
                self.report(
                    sink, number_node, "phone-duplicate",
                    f"{phone.national} is already listed on line {seen[phone.e164]}; remove one",
                )
                continue
            seen[phone.e164] = number_node.start_mark.line + 1
            mismatch = _label_mismatch(phone.label, phone.type)
            if mismatch:
                self.report(sink, label_node or number_node, "phone-label-mismatch", mismatch.format(phone=phone))
            phones.append(phone)
        return tuple(phones)

    def label(self, sink, node: yaml.Node) -> str | None:
        """A phone label in canonical form; Swedish words (växel, mobil) are understood."""
        text = self.text(sink, node, "label")
        if text is None:
            return None
        canonical = LABEL_WORDS.get(text.lower(), text.lower())
        if canonical not in LABELS:
            close = difflib.get_close_matches(text.lower(), LABELS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.report(sink, node, "phone-label-unknown", f"label {text!r} is unknown: {hint}use one of {', '.join(LABELS)}")
            return None
        return canonical

    def emails(self, draft: _Draft) -> tuple[str, ...]:
        """The email list, each checked; personal addresses compared with the name."""
        sink, out = draft.findings, []
        name, kind = draft.values.get("name"), draft.values.get("kind")
        for item in self.sequence(sink, draft.nodes["emails"], "emails"):
            address = self.text(sink, item, "email")
            if address is None:
                continue
            try:
                normalised = check_email(address, self.check_dns)
            except EmailError as exc:
                self.report(sink, item, "email-invalid", str(exc))
                continue
            out.append(normalised)
            draft.email_nodes.append(item)
            if kind == "person" and name:
                suggestion = name_match.suggest(name, address)
                if suggestion:
                    self.report(
                        sink, item, "email-name-mismatch",
                        f"{address!r} does not match the name {name!r}: did you mean {suggestion!r}? "
                        "If the address is right, acknowledge it under acknowledged: with a reason",
                    )
        return tuple(out)

    def source(self, sink, node: yaml.Node) -> Source | None:
        """Where the record came from."""
        if not isinstance(node, yaml.MappingNode):
            self.report(sink, node, "wrong-type", "source should be a mapping (release:, languages:, date:)")
            return None
        fields = self.items(sink, node, SOURCE_KEYS, "source")
        value = {key: fields[key][1] for key in fields}
        languages = []
        for item in self.sequence(sink, value["languages"], "languages") if "languages" in value else []:
            lang = self.text(sink, item, "language")
            if lang and not LANGUAGE_PATTERN.match(lang):
                self.report(sink, item, "language-invalid", f"{lang!r} is not a language code such as sv or en")
            elif lang:
                languages.append(lang)
        when = self.text(sink, value["date"], "date") if "date" in value else None
        if when:
            try:
                when = date.fromisoformat(when).isoformat()
            except ValueError:
                self.report(sink, value["date"], "date-invalid", f"{when!r} is not a date; write it as 2026-11-27")
                when = None
        text = {key: self.text(sink, value[key], key) for key in ("release", "url", "file") if key in value}
        return Source(
            release=text.get("release"),
            location=text.get("url") or text.get("file"),
            languages=tuple(languages),
            date=when,
        )

    def acknowledgements(self, sink, node: yaml.Node) -> dict[str, tuple[str, yaml.Node]]:
        """Warnings a person has checked: rule code → (reason, node)."""
        if not isinstance(node, yaml.MappingNode):
            self.report(sink, node, "wrong-type", "acknowledged should map a rule code to a reason")
            return {}
        acks = {}
        for code, (key_node, value_node) in self.items(sink, node, None, "acknowledged").items():
            reason = self.text(sink, value_node, "the reason")
            if code not in ACKNOWLEDGEABLE:
                what = "an error: fix the value instead" if code in RULES else "not a rule code"
                self.report(
                    sink, key_node, "ack-invalid",
                    f"{code!r} is {what}; warnings that can be acknowledged: {', '.join(ACKNOWLEDGEABLE)}",
                )
            elif not reason:
                self.report(sink, value_node, "ack-invalid", f"say why {code} is fine, e.g. {code}: checked with the press office")
            else:
                acks[code] = (reason, key_node)
        return acks


def validate_document(doc: Document, *, check_dns: bool = False) -> Directory:
    """Every finding for a file, and the Directory of the contacts without errors.

    Contacts are read one at a time as the file is parsed (source.walk); each draft keeps only the
    few nodes the rules across records need, so memory does not grow with the file's node tree.
    """
    reader = _Reader(doc.path, check_dns)
    drafts: list[_Draft] = []

    def take(node: yaml.Node) -> None:
        draft = reader.contact(node)
        if draft is not None:
            draft.nodes = {key: draft.nodes[key] for key in ("id", "name") if key in draft.nodes}
            drafts.append(draft)

    root, problem = walk(doc.text, doc.path, take)
    if problem:
        return Directory(doc.path, (), (problem,), doc.version)
    for node in _unstreamed_contacts(reader, root):
        take(node)
    _cross_check(reader, drafts)
    contacts = []
    for draft in drafts:
        _apply_acknowledgements(reader, draft)
        if not draft.has_error:
            contacts.append(_build(draft))
    findings = sorted([*reader.file_findings, *(f for d in drafts for f in d.findings)])
    return Directory(doc.path, tuple(contacts), tuple(findings), doc.version)


def load_directory(path: str | PathLike, *, check_dns: bool = False) -> Directory:
    """Read, compose and validate a contacts file; SourceError when it is not readable YAML.

    The garbage collector is paused throughout: the node tree is large, acyclic and short-lived, and
    each collection would walk all of it again (it cost more than the validation itself).
    """
    with collector_paused():
        return validate_document(read_document(path), check_dns=check_dns)


def _unstreamed_contacts(reader: _Reader, root: yaml.Node | None) -> list[yaml.Node]:
    """Check the file's outer shape; return a contacts value that was not a list and so not streamed."""
    sink = reader.file_findings
    if root is None:
        reader.report(sink, None, "empty-file", "the file is empty; it should start with contacts: and a list")
        return []
    if not isinstance(root, yaml.MappingNode):
        reader.report(sink, root, "wrong-type", f"the file should be a mapping starting with contacts:, not a {_shape(root)}")
        return []
    fields = reader.items(sink, root, TOP_KEYS, "the file")
    if "contacts" not in fields:
        reader.report(sink, root, "missing-field", "the file has no contacts: list")
        return []
    return reader.sequence(sink, fields["contacts"][1], "contacts")


def _cross_check(reader: _Reader, drafts: list[_Draft]) -> None:
    """Rules across records: ids and emails unique, the same person not listed twice."""
    ids: dict[str, int] = {}
    emails: dict[str, tuple[str, int]] = {}
    people: dict[tuple[str, str], int] = {}
    for draft in drafts:
        values, nodes = draft.values, draft.nodes
        contact_id = values.get("id")
        if contact_id:
            if contact_id in ids:
                reader.report(
                    draft.findings, nodes["id"], "id-duplicate",
                    f"id {contact_id!r} is already used on line {ids[contact_id]}; give this contact another id",
                )
            else:
                ids[contact_id] = nodes["id"].start_mark.line + 1
        for address, node in zip(values.get("emails", ()), draft.email_nodes):
            owner = emails.get(address.lower())
            if owner and owner[0] != contact_id:
                reader.report(
                    draft.findings, node, "email-duplicate",
                    f"{address!r} is also given for {owner[0]!r} on line {owner[1]}; "
                    "a personal address belongs to one contact",
                )
            elif not owner:
                emails[address.lower()] = (contact_id, node.start_mark.line + 1)
        if values.get("name") and values.get("kind") == "person":
            key = (name_match.fold(values["name"]), name_match.fold(" ".join(values["organisation"])))
            if key in people:
                reader.report(
                    draft.findings, nodes["name"], "person-duplicate",
                    f"{values['name']} of this organisation is already listed on line {people[key]}; "
                    "merge the two records",
                )
            else:
                people[key] = nodes["name"].start_mark.line + 1


def _apply_acknowledgements(reader: _Reader, draft: _Draft) -> None:
    """Drop warnings a person has acknowledged; report acknowledgements that match nothing."""
    if not draft.acks:
        return
    kept = [f for f in draft.findings if f.is_error or f.code not in draft.acks]
    used = {f.code for f in draft.findings} & set(draft.acks)
    draft.findings[:] = kept
    for code, (_, key_node) in draft.acks.items():
        if code not in used:
            reader.report(
                draft.findings, key_node, "ack-unused",
                f"there is no {code} warning here any more; remove this acknowledgement",
            )


def _build(draft: _Draft) -> Contact:
    """The immutable Contact of a draft that has no errors."""
    v = draft.values
    return Contact(
        id=v["id"],
        kind=v["kind"],
        name=v["name"],
        title=v["title"],
        organisation=v["organisation"],
        party=v["party"],
        phones=v["phones"],
        emails=v["emails"],
        source=v["source"],
        line=draft.line,
    )


def _label_mismatch(label: str | None, line_type: str) -> str | None:
    """A message template when a label contradicts the line type phonenumbers reports."""
    if label == "mobile" and line_type not in ("mobile", "fixed_line_or_mobile"):
        return "{phone.national} is labelled mobile but is a {phone.type} number; check the label"
    if label in ("switchboard", "direct") and line_type == "mobile":
        return "{phone.national} is labelled " + label + " but is a mobile number; label it mobile"
    return None


def _unknown_key_message(key: str, allowed: tuple[str, ...], what: str) -> str:
    """Say a key is unknown, suggesting the nearest known one."""
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key {key!r} in {what}: did you mean {close[0]!r}?"
    return f"unknown key {key!r} in {what}; known keys: {', '.join(allowed)}"


def _shape(node: yaml.Node) -> str:
    """What kind of YAML value a node is, in words."""
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"


__all__ = ["Severity", "load_directory", "validate_document"]
