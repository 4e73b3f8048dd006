"""What an import changed, as text edits of the contacts file: new records appended after the last one,
filled fields put in where canonical order wants them. Every byte outside the edits stays as it was.

The new text itself (a record, a field) is written by ruamel.yaml in the file's canonical layout and
indented to sit where it goes.
"""

from __future__ import annotations

import io

import yaml
from ruamel.yaml.comments import CommentedSeq

from contacts_app.contactsfile.canonical import round_trip_yaml
from contacts_app.contactsfile.key_blocks import indent_of, insert_key, key_blocks
from contacts_app.contactsfile.reading import parse_document, screen
from contacts_app.contactsfile.spans import Edit, Lines, Map, NeedsRewrite, Scalar, Seq, plain, tree
from contacts_app.importing.merge import Entry, MergeError, Target
from contacts_app.model.errors import SourceError
from contacts_app.model.keys import CONTACT_KEYS
from contacts_app.validation.validate import validate_document

NEW_FILE_HEADER = (
    "# Spokespeople for the press-room contact directory.\n"
    "# The fields are described in docs/schema.md; check the file with `contacts validate`.\n"
)


def read_target(text: str, path: str) -> Target:
    """The contacts file's records and their places; SourceError when it cannot be read, MergeError when it
    is YAML but cannot take records."""
    lines = Lines(text)
    try:
        root = tree(text, lines, tags=True)
    except (NeedsRewrite, yaml.YAMLError):  # said as validation says it: syntax, an alias, a tag, deep nesting
        problem = screen(text, path) or _duplicate_key(text, path)
        if problem:
            raise SourceError(problem) from None
        raise MergeError(f"{path}: the file cannot take records; fix it before importing (contacts validate {path})") from None
    target = Target(path, text, lines, root)
    if root is None:
        return target
    if not isinstance(root, Map):
        raise MergeError(f"{path}: the file is not a contacts file (it should start with contacts:)")
    contacts = next((value for key, _, value in root if key == "contacts"), None)
    if contacts is not None and not isinstance(contacts, Seq) and not (isinstance(contacts, Scalar) and contacts.is_null):
        raise MergeError(f"{path}: contacts: should be a list; fix it before importing (contacts validate {path})")
    target.contacts = contacts
    if isinstance(contacts, Seq):
        target.entries = [Entry(plain(item), item) for item in contacts if isinstance(item, Map)]
    return target


def _duplicate_key(text: str, path: str):
    """The finding of a key written twice, as validation says it."""
    findings = validate_document(parse_document(text, path, "")).findings
    return next((f for f in findings if f.code == "duplicate-key"), None)


def edits(target: Target) -> list[Edit]:
    """The text edits that give the file the target's new records and filled fields."""
    out = []
    for entry in target.entries:
        if entry.node is not None and entry.filled:
            try:
                out += _filled(entry, target.lines)
            except NeedsRewrite:
                raise MergeError(
                    f"{target.path}:{target.lines.position(entry.node.start)[0]}: the record of "
                    f"{entry.record.get('id')} is written on one line ({{...}}); write it one key a line to import into it"
                ) from None
    new = [entry.record for entry in target.entries if entry.node is None]
    if new:
        out.append(_appended(target, new))
    return out


def _dump(data) -> str:
    """Data as YAML text in the file's canonical layout."""
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def _shifted(text: str, by: int) -> str:
    """Each line of the text moved `by` columns right (left when negative)."""
    if by >= 0:
        return "".join(" " * by + line if line.strip() else line for line in text.splitlines(keepends=True))
    return "".join(line[-by:] if line[: -by].isspace() else line for line in text.splitlines(keepends=True))


def _records(records: list, dash: int) -> str:
    """New records as list items whose `-` is at column `dash`, a blank line between them."""
    return "\n".join(_shifted(_dump(CommentedSeq([record])), dash - 2) for record in records)


def _appended(target: Target, records: list) -> Edit:
    """The edit adding new records after the file's last one (or making the contacts: list)."""
    text, lines, contacts = target.text, target.lines, target.contacts
    if target.root is not None and target.root.flow:  # {contacts: []}: the file becomes a block mapping
        if len(target.root) > 1 or (isinstance(contacts, Seq) and contacts):
            raise MergeError(f"{target.path}: the file is written in flow style ({{...}}); write it as contacts: "
                             "with one `- id:` item a record before importing")
        return Edit(target.root.start, target.root.end, "contacts:\n" + _records(records, 2).removesuffix("\n"))
    if isinstance(contacts, Seq) and contacts and not contacts.flow:
        at = lines.line_end(contacts.end)
        dash = contacts.start - lines.line_start(contacts.start)
        return Edit(at, at, ("" if text[at - 1] == "\n" else "\n") + "\n" + _records(records, dash))
    if isinstance(contacts, Seq) and contacts:
        raise MergeError(
            f"{target.path}: contacts: is written in flow style ([...]); write it as one `- id:` item a record "
            "before importing"
        )
    if contacts is not None:  # `contacts:` with nothing, or `[]`: the list takes its place
        key = next(k for name, k, _ in target.root if name == "contacts")
        dash = key.start - lines.line_start(key.start) + 2
        return Edit(contacts.start, contacts.end, "\n" + _records(records, dash).removesuffix("\n"))
    if target.root is not None and (target.root.flow or indent_of(target.root, lines)):
        raise MergeError(f"{target.path}: the file is not a contacts file (it should start with contacts:)")
    head = NEW_FILE_HEADER if not text.strip() else "" if not text or text.endswith("\n") else "\n"
    return Edit(len(text), len(text), head + "contacts:\n" + _records(records, 2))


def _filled(entry: Entry, lines: Lines) -> list[Edit]:
    """The edits that give an existing record the fields the import filled."""
    node, out = entry.node, []
    key_blocks(node, lines)  # NeedsRewrite for a record not written one key a line
    column = indent_of(node, lines)
    values = {name: (key, value) for name, key, value in node}
    for name in sorted(entry.filled, key=lambda k: CONTACT_KEYS.index(k)):
        block = _shifted(_dump({name: entry.record[name]}), column)
        if name not in values:
            out.append(insert_key(node, CONTACT_KEYS, name, block, lines))
            continue
        key, value = values[name]
        given = {k: v for k, v in entry.record[name].items() if plain(value).get(k) != v} if isinstance(value, Map) else {}
        if given and not value.flow and not set(given) & set(plain(value)):
            at = lines.line_end(value.end)  # a title gets its new languages after its last one
            prefix = "" if lines.text[at - 1] == "\n" else "\n"
            out.append(Edit(at, at, prefix + _shifted(_dump(given), indent_of(value, lines))))
        else:  # an empty value, or one written on its line: the key and its new value in its place
            out.append(Edit(key.start, value.end, block[column:].removesuffix("\n")))
    return out
