"""`fmt` as text edits: each value that has a safe fix becomes an edit of its exact span, so comments and
everything else stay byte for byte, and a file in canonical form costs one pass of the parser.

The fixes are those of canonical.py done in place: text with its runs of white space made single, the
party as its abbreviation, a phone number in its display form, a phone label in canonical form, an email
without spaces. When the file needs a change of shape (keys out of order, a title or a list written as
one value, a number with its label in its text), `quick_edits` says so with None and canonical.py
rewrites the whole file instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from contacts_app.contactsfile.reading import MAX_DEPTH
from contacts_app.contactsfile.syntax import LOADER
from contacts_app.model.keys import CONTACT_KEYS, PHONE_KEYS, SOURCE_KEYS, TOP_KEYS
from contacts_app.normalise.names import canonical_party
from contacts_app.normalise.phones import LABEL_WORDS, LABELS, PhoneError, parse_phone

_TEXT_FIELDS = ("id", "kind", "name", "party")
_PER_LANGUAGE = ("title", "organisation", "hours")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: Characters YAML may count as a line break or skip, which would put its positions off ours.
_UNEVEN = ("\r", "\x85", "\u2028", "\u2029", "\ufeff")


class NeedsRewrite(Exception):
    """The file needs a change of shape, which only a rewrite of the whole file makes."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the characters [start, end) of the text with `text`."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Scalar:
    """A scalar: its value, style (None for plain) and span in the text."""

    value: str
    style: str | None
    start: int
    end: int


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text with every edit made (the edits do not overlap)."""
    out, at = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        out += (text[at : edit.start], edit.text)
        at = edit.end
    out.append(text[at:])
    return "".join(out)


def quick_edits(text: str) -> list[Edit] | None:
    """The edits that put the text in canonical form, or None when it needs a rewrite (or is not plain YAML)."""
    if any(char in text for char in _UNEVEN):
        return None
    try:
        root = _tree(text)
        edits: list[Edit] = []
        if root is not None:
            _file(root, edits)
        return edits
    except (NeedsRewrite, yaml.YAMLError):
        return None


def _tree(text: str):
    """The text as nested lists of (key, value) pairs, lists and _Scalars; NeedsRewrite for an alias, a tag,
    a duplicate key or more than one document."""
    starts = [0]
    starts += [i + 1 for i, char in enumerate(text) if char == "\n"]

    def offset(mark) -> int:
        return starts[mark.line] + mark.column if mark.line < len(starts) else len(text)

    stack: list[list] = []
    root = None
    documents = 0
    for event in yaml.parse(text, Loader=LOADER):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.tag is not None:
                raise NeedsRewrite
            node = _Scalar(event.value, event.style or None, offset(event.start_mark), offset(event.end_mark))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag is not None or event.anchor is not None or len(stack) >= MAX_DEPTH:
                raise NeedsRewrite
            stack.append(["map" if kind is yaml.MappingStartEvent else "seq", []])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            shape, items = stack.pop()
            node = _pairs(items) if shape == "map" else items
        elif kind is yaml.AliasEvent:
            raise NeedsRewrite
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise NeedsRewrite
            continue
        else:
            continue
        if stack:
            stack[-1][1].append(node)
        else:
            root = node
    return root


class _Map(list):
    """A mapping's (key text, key, value) triples in the file's order."""


def _pairs(items: list) -> _Map:
    """A mapping from its alternating keys and values; NeedsRewrite for a key that is not text or appears twice."""
    out, seen = _Map(), set()
    for key, value in zip(items[::2], items[1::2]):
        if not isinstance(key, _Scalar) or key.value in seen:
            raise NeedsRewrite
        seen.add(key.value)
        out.append((key.value, key, value))
    return out


def _in_order(mapping: _Map, order: tuple[str, ...]) -> dict:
    """The mapping's values by key, checking its keys are in canonical order (known keys first, in order)."""
    keys = [key for key, _, _ in mapping]
    wanted = [k for k in order if k in keys] + [k for k in keys if k not in order]
    if keys != wanted:
        raise NeedsRewrite
    return {key: value for key, _, value in mapping}


def _file(root, edits: list[Edit]) -> None:
    """The fixes of the whole file."""
    if not isinstance(root, _Map):
        return
    contacts = _in_order(root, TOP_KEYS).get("contacts")
    if isinstance(contacts, list):
        for contact in contacts:
            if isinstance(contact, _Map):
                _contact(contact, edits)


def _contact(contact: _Map, edits: list[Edit]) -> None:
    """The fixes of one contact."""
    fields = _in_order(contact, CONTACT_KEYS)
    for key in _TEXT_FIELDS:
        if isinstance(fields.get(key), _Scalar):
            tidy = " ".join(fields[key].value.split())
            _replace(fields[key], canonical_party(tidy) or tidy if key == "party" else tidy, edits)
    for key in _PER_LANGUAGE:
        value = fields.get(key)
        if isinstance(value, _Scalar) and not _is_null(value):
            raise NeedsRewrite  # a plain title becomes `sv: …`
        if isinstance(value, _Map):
            for _, _, text in value:
                if isinstance(text, _Scalar):
                    _replace(text, " ".join(text.value.split()), edits)
    for key in ("phones", "emails"):
        if isinstance(fields.get(key), _Scalar) and not _is_null(fields[key]):
            raise NeedsRewrite  # one value becomes a list of one
    if isinstance(fields.get("phones"), list):
        for item in fields["phones"]:
            _phone(item, edits)
    if isinstance(fields.get("emails"), list):
        for address in fields["emails"]:
            if isinstance(address, _Scalar) and not _is_null(address):
                _replace(address, " ".join(address.value.split()).replace(" ", ""), edits)
    if isinstance(fields.get("source"), _Map):
        _in_order(fields["source"], SOURCE_KEYS)


def _phone(item, edits: list[Edit]) -> None:
    """The fixes of one phone: its number in display form, its label canonical."""
    if isinstance(item, _Scalar):
        raise NeedsRewrite  # a bare number becomes `number: …`
    if not isinstance(item, _Map):
        return
    fields = _in_order(item, PHONE_KEYS)
    number = fields.get("number")
    if not isinstance(number, _Scalar) or _is_null(number):
        return
    label_node = fields.get("label")
    label = label_node.value if isinstance(label_node, _Scalar) and not _is_null(label_node) else None
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


def _is_null(node: _Scalar) -> bool:
    """Whether a scalar is YAML's null (an empty value)."""
    return node.style is None and node.value in _NULLS


def _replace(node: _Scalar, value: str, edits: list[Edit], *, plain: bool = False) -> None:
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
