"""The canonical form of a contacts file: its fixes made as text edits (fixes.py), so comments and
everything else stay byte for byte; a file that needs a change of shape is written with ruamel.yaml,
which keeps comments and unknown fields too.

`contacts fmt` and `contacts import` both edit the user's file through here, and write atomically.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from os import PathLike

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import PlainScalarString, ScalarString

from contacts_app.contactsfile.diff import edits_diff, unified_diff
from contacts_app.contactsfile.fixes import apply_edits, quick_edits
from contacts_app.contactsfile.reading import read_text, screen
from contacts_app.contactsfile.syntax import syntax_finding
from contacts_app.contactsfile.writing import write_atomic
from contacts_app.model.contact import DEFAULT_LANGUAGE
from contacts_app.model.errors import SourceError
from contacts_app.model.keys import CONTACT_KEYS, PHONE_KEYS, SOURCE_KEYS, TOP_KEYS
from contacts_app.normalise.names import canonical_party
from contacts_app.normalise.phones import LABEL_WORDS, LABELS, PhoneError, parse_phone

_TEXT_FIELDS = ("id", "kind", "name", "party")
_PER_LANGUAGE = ("title", "organisation", "hours")


class _TextConstructor(RoundTripConstructor):
    """Every field of a contacts file is text: read 0701234567 or 1.5 as written, not as numbers."""

    def construct_as_text(self, node):
        return node.value


for _tag in ("int", "float", "bool"):
    _TextConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _TextConstructor.construct_as_text)


def round_trip_yaml() -> YAML:
    """A ruamel.yaml instance configured for the file's canonical layout."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextConstructor
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def load_round_trip(text: str, path: str):
    """The file as ruamel.yaml's commented data; SourceError (with position) when it cannot be read.

    The text is screened first, as for validation: no aliases, tags or deep nesting reach ruamel.yaml.
    """
    problem = screen(text, path)
    if problem:
        raise SourceError(problem)
    try:
        return round_trip_yaml().load(text)
    except YAMLError as exc:
        raise SourceError(syntax_finding(exc, path, text, rewriting=True)) from None


def dump_round_trip(data) -> str:
    """ruamel.yaml data back to text."""
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def canonicalise(data) -> None:
    """Put loaded contacts data into canonical form in place; what it does not understand stays as it is."""
    if not isinstance(data, CommentedMap):
        return
    _order_keys(data, TOP_KEYS)
    contacts = data.get("contacts")
    if not isinstance(contacts, CommentedSeq):
        return
    for contact in contacts:
        if isinstance(contact, CommentedMap):
            canonicalise_contact(contact)


def canonicalise_contact(contact: CommentedMap) -> None:
    """One contact in canonical form: key order, tidy text, phones as number + label, party abbreviated."""
    _order_keys(contact, CONTACT_KEYS)
    for key in _TEXT_FIELDS:
        if isinstance(contact.get(key), str):
            contact[key] = _tidy(contact[key])
    if isinstance(contact.get("party"), str):
        contact["party"] = canonical_party(contact["party"]) or contact["party"]
    for key in _PER_LANGUAGE:
        value = contact.get(key)
        if isinstance(value, str):
            contact[key] = CommentedMap()
            contact[key][DEFAULT_LANGUAGE] = _tidy(value)
        elif isinstance(value, CommentedMap):
            for lang, text in value.items():
                if isinstance(text, str):
                    value[lang] = _tidy(text)
    for key in ("phones", "emails"):
        if isinstance(contact.get(key), str):  # one value as a list of one; a blank one, as validation reads it, none
            contact[key] = CommentedSeq([contact[key]] if contact[key].strip() else [])
    if isinstance(contact.get("phones"), CommentedSeq):
        _canonical_phones(contact["phones"])
    if isinstance(contact.get("emails"), CommentedSeq):
        emails = contact["emails"]
        for i, address in enumerate(emails):
            if isinstance(address, str):
                emails[i] = _tidy(address).replace(" ", "")
    if isinstance(contact.get("source"), CommentedMap):
        _order_keys(contact["source"], SOURCE_KEYS)


def _canonical_phones(phones: CommentedSeq) -> None:
    """Each phone as {number: national display form, label: canonical label}."""
    for i, item in enumerate(phones):
        if isinstance(item, str):
            number, item = item, CommentedMap()
            item["number"] = number
            phones[i] = item
        if not isinstance(item, CommentedMap):
            continue
        _order_keys(item, PHONE_KEYS)  # as fixes.py does, whatever the number holds
        if not isinstance(item.get("number"), str):
            continue
        label = item.get("label")
        if isinstance(label, str):
            canonical = LABEL_WORDS.get(label.strip().lower(), label.strip().lower())
            label = canonical if canonical in LABELS else label
            item["label"] = label
        try:
            phone = parse_phone(item["number"], label if label in LABELS else None)
        except PhoneError:
            continue
        item["number"] = PlainScalarString(phone.display)
        if phone.label and not item.get("label"):
            item["label"] = phone.label
        _order_keys(item, PHONE_KEYS)


def _tidy(text: str) -> str:
    """Text with runs of white space made single spaces, keeping the scalar's quoting style."""
    tidy = " ".join(text.split())
    if tidy == text:
        return text
    return type(text)(tidy) if isinstance(text, ScalarString) else tidy


def _order_keys(mapping: CommentedMap, order: tuple[str, ...]) -> None:
    """Known keys in the schema's order, unknown keys after them in the order they had."""
    keys = list(mapping.keys())
    wanted = [k for k in order if k in mapping] + [k for k in keys if k not in order]
    if keys != wanted:
        for key in wanted:
            mapping.move_to_end(key)


def untab(text: str) -> str:
    """The text with each tab in a line's indentation made spaces: the first tab width (2, 4, 8) that makes
    the text read as YAML, since an editor may have shown the tab at any of them."""
    if "\t" not in text:
        return text
    for width in (2, 4, 8):
        candidate = "".join(_untab_line(line, width) for line in text.splitlines(keepends=True))
        try:
            screen(candidate, "<text>")
        except SourceError:
            continue
        return candidate
    return text


def _untab_line(line: str, width: int) -> str:
    """One line with the tabs of its indentation expanded to `width` columns."""
    body = line.lstrip(" \t")
    lead = line[: len(line) - len(body)]
    return lead.expandtabs(width) + body if "\t" in lead else line


@dataclass(frozen=True)
class FormatResult:
    """What `fmt` found: the canonical text, whether it differs, and a unified diff."""

    text: str
    changed: bool
    diff: str


def canonical_text(text: str, path: str = "<text>") -> str:
    """The canonical form of a contacts file's text (tabs in indentation replaced by spaces first): its
    fixes made as text edits (fixes.py), or, when it needs a change of shape, the whole file rewritten."""
    text = untab(text)
    edits = quick_edits(text)
    return apply_edits(text, edits) if edits is not None else rewritten_text(text, path)


def rewritten_text(text: str, path: str = "<text>") -> str:
    """The canonical form of a text by a round trip through ruamel.yaml (comments kept, layout its own)."""
    data = load_round_trip(text, path)
    if data is None:
        return text
    canonicalise(data)
    return dump_round_trip(data)


def format_file(path: str | PathLike, *, check: bool = False) -> FormatResult:
    """Rewrite a file in canonical form (atomically), or with check=True only compare."""
    name = str(path)
    text, _ = read_text(path)
    edits = quick_edits(text) if "\t" not in text else None
    if edits is not None:  # the diff made from the edits: difflib takes minutes on a big file
        new, diff = apply_edits(text, edits), edits_diff(text, edits, name, "canonical")
    else:
        new = canonical_text(text, name)
        diff = unified_diff(text, new, name, "canonical")
    if new != text and not check:
        write_atomic(path, new)
    return FormatResult(new, new != text, diff)
