"""`contacts verify`: today's date written into `verified:` of some contacts as text edits, so comments and
every other byte of the file stay as they were (the span edits of spans.py, the one atomic write)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterable

import yaml

from contacts_app.contactsfile.spans import Edit, Lines, Map, NeedsRewrite, Scalar, apply_edits, tree
from contacts_app.model.errors import EXIT_UNREADABLE, ContactsError
from contacts_app.model.keys import CONTACT_KEYS


def stamp_text(text: str, ids: Iterable[str], day: str) -> str:
    """The file's text with `verified: day` in each contact of `ids`; a ContactsError (nothing changed) when
    an id is not in the file or the file cannot be edited in place."""
    wanted = list(dict.fromkeys(ids))
    try:
        root = tree(text, Lines(text))
    except (NeedsRewrite, yaml.YAMLError):
        raise ContactsError("the file is not plain YAML that can be edited in place; "
                            "run contacts validate and contacts fmt first; nothing was changed") from None
    contacts = _contacts(root)
    by_id = {value.value: contact for contact in contacts
             if isinstance(value := _field(contact, "id"), Scalar)}
    unknown = [contact_id for contact_id in wanted if contact_id not in by_id]
    if unknown:
        raise ContactsError(_unknown_message(unknown, list(by_id)), EXIT_UNREADABLE)
    edits = [_stamp(text, by_id[contact_id], day) for contact_id in wanted]
    return apply_edits(text, edits)


def stamp_file(path: str | Path, ids: Iterable[str], day: str) -> None:
    """Write `verified: day` into the contacts of `ids` in the file, atomically (see stamp_text)."""
    from contacts_app.contactsfile.reading import read_text
    from contacts_app.contactsfile.writing import write_atomic

    text, _ = read_text(path)
    write_atomic(path, stamp_text(text, ids, day))


def _contacts(root) -> list[Map]:
    """The contacts of the file's tree (mappings only)."""
    contacts = _field(root, "contacts") if isinstance(root, Map) else None
    return [c for c in contacts if isinstance(c, Map)] if isinstance(contacts, list) else []


def _field(mapping: Map, key: str):
    """The value of `key` in a mapping of the tree, or None."""
    return next((value for name, _, value in mapping if name == key), None)


def _stamp(text: str, contact: Map, day: str) -> Edit:
    """The edit that gives one contact `verified: day`: its value replaced, or a line of its own added where
    `contacts fmt` would put it."""
    value = _field(contact, "verified")
    if isinstance(value, Scalar):
        if value.start == value.end:  # `verified:` left empty: the date goes after the colon
            return Edit(value.start, value.end, f" {day}" if text[value.start - 1:value.start] == ":" else day)
        return Edit(value.start, value.end, day)
    first_key = contact[0][1]
    line_start = text.rfind("\n", 0, first_key.start) + 1
    if text[line_start:first_key.start].strip(" -"):
        raise ContactsError("a contact written on one line ({…}) cannot be stamped in place; "
                            "run contacts fmt first; nothing was changed")
    indent = " " * (first_key.start - line_start)
    later = CONTACT_KEYS[CONTACT_KEYS.index("verified") + 1:]
    # After the last field that fmt writes before verified: a comment above a later key stays with it.
    at = next((n for n, (name, _, _) in enumerate(contact) if name in later), len(contact))
    if at == 0:
        line = text.rfind("\n", 0, first_key.start) + 1
        return Edit(line, line, f"{indent}verified: {day}\n")
    _, key, value = contact[at - 1]
    newline = text.find("\n", max(key.end, value.end))  # every node of spans.tree knows where it ends
    if newline == -1:
        return Edit(len(text), len(text), f"\n{indent}verified: {day}\n")
    return Edit(newline + 1, newline + 1, f"{indent}verified: {day}\n")


def _unknown_message(unknown: list[str], known: list[str]) -> str:
    """No contact has these ids: which, with the nearest ids the file has."""
    parts = []
    for contact_id in unknown:
        close = difflib.get_close_matches(contact_id, known, n=1, cutoff=0.6)
        parts.append(f"{contact_id!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return (f"no contact has the id {', '.join(parts)}; `contacts export` lists the ids; nothing was changed")
