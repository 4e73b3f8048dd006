"""`fmt` as text edits: each value that has a safe fix becomes an edit of its exact span, so comments and
everything else stay byte for byte, and a file in canonical form costs one pass of the parser.

The fixes are those of canonical.py done in place: keys moved into canonical order with their comments
(key_blocks.py), text with its runs of white space made single, the party as its abbreviation, a phone
number in its display form, a phone label in canonical form, an email without spaces. When the file needs
a change of shape (a title or a list written as one value, a number with its label in its text),
`quick_edits` says so with None and canonical.py rewrites the whole file instead.
"""

from __future__ import annotations

import yaml

from contacts_app.contactsfile.key_blocks import reorder
from contacts_app.contactsfile.spans import Edit, Lines, Map, NeedsRewrite, Scalar, apply_edits, tree
from contacts_app.contactsfile.syntax import LOADER
from contacts_app.model.keys import CONTACT_KEYS, PHONE_KEYS, SOURCE_KEYS, TOP_KEYS
from contacts_app.normalise.names import canonical_party
from contacts_app.normalise.phones import LABEL_WORDS, LABELS, PhoneError, parse_phone

__all__ = ["Edit", "NeedsRewrite", "apply_edits", "quick_edits"]

_TEXT_FIELDS = ("id", "kind", "name", "party")
_PER_LANGUAGE = ("title", "organisation", "hours")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: Characters YAML may count as a line break or skip, which would put its positions off ours.
_UNEVEN = ("\r", "\x85", "\u2028", "\u2029", "\ufeff")


def quick_edits(text: str) -> list[Edit] | None:
    """The edits that put the text in canonical form, or None when it needs a rewrite (or is not plain YAML)."""
    if any(char in text for char in _UNEVEN):
        return None
    try:
        lines = Lines(text)
        root = tree(text, lines)
        edits: list[Edit] = []
        if root is not None:
            _file(root, lines, edits)
        return edits
    except (NeedsRewrite, yaml.YAMLError):
        return None


def _fields(mapping: Map) -> dict:
    """The mapping's values by key."""
    return {key: value for key, _, value in mapping}


def _file(root, lines: Lines, edits: list[Edit]) -> None:
    """The fixes of the whole file."""
    if not isinstance(root, Map):
        return
    contacts = _fields(root).get("contacts")
    if isinstance(contacts, list):
        for contact in contacts:
            if isinstance(contact, Map):
                _contact(contact, lines, edits)
    reorder(root, TOP_KEYS, lines, edits, 0)


def _contact(contact: Map, lines: Lines, edits: list[Edit]) -> None:
    """The fixes of one contact, its keys put in order last (that edit takes in the others)."""
    mark = len(edits)
    fields = _fields(contact)
    for key in _TEXT_FIELDS:
        if isinstance(fields.get(key), Scalar):
            tidy = " ".join(fields[key].value.split())
            _replace(fields[key], canonical_party(tidy) or tidy if key == "party" else tidy, edits)
    for key in _PER_LANGUAGE:
        value = fields.get(key)
        if isinstance(value, Scalar) and not value.is_null:
            raise NeedsRewrite  # a plain title becomes `sv: …`
        if isinstance(value, Map):
            for _, _, text in value:
                if isinstance(text, Scalar):
                    _replace(text, " ".join(text.value.split()), edits)
    for key in ("phones", "emails"):
        if isinstance(fields.get(key), Scalar) and not fields[key].is_null:
            raise NeedsRewrite  # one value becomes a list of one
    if isinstance(fields.get("phones"), list):
        for item in fields["phones"]:
            _phone(item, lines, edits)
    if isinstance(fields.get("emails"), list):
        for address in fields["emails"]:
            if isinstance(address, Scalar) and not address.is_null:
                _replace(address, " ".join(address.value.split()).replace(" ", ""), edits)
    if isinstance(fields.get("source"), Map):
        reorder(fields["source"], SOURCE_KEYS, lines, edits, len(edits))
    reorder(contact, CONTACT_KEYS, lines, edits, mark)


def _phone(item, lines: Lines, edits: list[Edit]) -> None:
    """The fixes of one phone: its number in display form, its label canonical, its keys in order."""
    if isinstance(item, Scalar):
        raise NeedsRewrite  # a bare number becomes `number: …`
    if not isinstance(item, Map):
        return
    mark = len(edits)
    fields = _fields(item)
    number = fields.get("number")
    if isinstance(number, Scalar) and not number.is_null:
        _number(number, fields.get("label"), edits)
    reorder(item, PHONE_KEYS, lines, edits, mark)


def _number(number: Scalar, label_node, edits: list[Edit]) -> None:
    """The fixes of a phone's number and label."""
    label = label_node.value if isinstance(label_node, Scalar) and not label_node.is_null else None
    if label is not None:
        canonical = LABEL_WORDS.get(label.strip().lower(), label.strip().lower())
        if canonical in LABELS:
            label = canonical
            _replace(label_node, canonical, edits, plain=True)
    try:
        phone = parse_phone(number.value, label if label in LABELS else None)
    except PhoneError:
        return
    if phone.label and not label:
        raise NeedsRewrite  # the label implied by the number's words becomes `label: …`
    _replace(number, phone.display, edits, plain=True)


def _replace(node: Scalar, value: str, edits: list[Edit], *, plain: bool = False) -> None:
    """An edit giving the scalar `value`, in its own quoting (or plain); none when it has it already."""
    if value == node.value and (node.style is None or not plain):
        return
    if node.style is None or plain:
        if not _safe_plain(value):
            raise NeedsRewrite
        edits.append(Edit(node.start, node.end, value))
    elif node.style == "'":
        edits.append(Edit(node.start, node.end, "'" + value.replace("'", "''") + "'"))
    elif node.style == '"' and value.isprintable():
        edits.append(Edit(node.start, node.end, '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'))
    else:
        raise NeedsRewrite  # a block scalar, or text a quoted one cannot hold as it is


def _safe_plain(value: str) -> bool:
    """Whether text reads back as itself when written without quotes."""
    if not value or not value.isprintable() or value[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in value or " #" in value:
        return False
    try:
        event = list(yaml.parse(f"k: {value}\n", Loader=LOADER))[4]
    except yaml.YAMLError:
        return False
    return isinstance(event, yaml.ScalarEvent) and event.value == value and value not in _NULLS
