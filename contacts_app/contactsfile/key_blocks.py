"""A block mapping's keys as blocks of lines, so keys can be moved into order, and new keys put in place, as
text edits: each key's block holds the comments and blank lines above it, its value and the comment after it.

The first key of a list item shares its line with the `- `: its block starts at the key itself.
"""

from __future__ import annotations

import re

from contacts_app.contactsfile.spans import Edit, Lines, Map, NeedsRewrite, apply_edits

_ITEM_LEAD = re.compile(r"[ ]*(?:-[ ]+)+")


def key_blocks(mapping: Map, lines: Lines) -> list[tuple[int, int]]:
    """The span of each key's block, in the file's order; NeedsRewrite for a mapping not written one key a line."""
    text = lines.text
    if mapping.flow or not mapping:
        raise NeedsRewrite
    first = mapping[0][1].start
    lead = text[lines.line_start(first) : first]
    if lead.strip(" ") and not _ITEM_LEAD.fullmatch(lead):
        raise NeedsRewrite
    bounds = [first if lead.strip(" ") else lines.line_start(first)]
    for (_, _, before), (_, key, _) in zip(mapping, mapping[1:]):
        if text[lines.line_start(key.start) : key.start].strip(" "):
            raise NeedsRewrite  # two keys on one line
        bounds.append(lines.line_end(before.end))
    bounds.append(lines.line_end(mapping.end))
    return list(zip(bounds, bounds[1:]))


def is_inline(mapping: Map, lines: Lines) -> bool:
    """Whether the mapping's first key shares its line with the `- ` of a list item."""
    first = mapping[0][1].start
    return bool(lines.text[lines.line_start(first) : first].strip(" "))


def reorder(mapping: Map, order: tuple[str, ...], lines: Lines, edits: list[Edit], mark: int) -> None:
    """Put the mapping's keys in canonical order (known keys first, in order; unknown ones after, as they were)
    by one edit of its span, which takes in the edits made inside it since `mark`; none when in order."""
    keys = [key for key, _, _ in mapping]
    wanted = [k for k in order if k in keys] + [k for k in keys if k not in order]
    if keys == wanted:
        return
    text = lines.text
    spans = key_blocks(mapping, lines)
    inside, edits[mark:] = edits[mark:], []
    blocks, taken = {}, 0
    for key, (start, end) in zip(keys, spans):
        own = [Edit(e.start - start, e.end - start, e.text) for e in inside if start <= e.start and e.end <= end]
        blocks[key], taken = apply_edits(text[start:end], own), taken + len(own)
    if taken != len(inside):
        raise NeedsRewrite  # an edit across two blocks: never made by the fixes, but no edit may be lost
    first = mapping[0][1].start
    indent, begin = " " * indent_of(mapping, lines), spans[0][0]
    if is_inline(mapping, lines):  # the edit starts at the line's `- `, so comments may go above it
        begin = lines.line_start(first)
        blocks[keys[0]] = indent + blocks[keys[0]]
        head = blocks[wanted[0]]
        at = _key_line(head)
        blocks[wanted[0]] = head[:at] + text[begin:first] + head[at + len(indent) :]
    ends_line = text[spans[-1][1] - 1] == "\n"
    joined = "".join(block if block.endswith("\n") else block + "\n" for block in (blocks[k] for k in wanted))
    edits.append(Edit(begin, spans[-1][1], joined if ends_line else joined[:-1]))


def _key_line(block: str) -> int:
    """Where the key's own line starts in a block, after the comments and blank lines above it."""
    at = 0
    for line in block.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            return at
        at += len(line)
    raise NeedsRewrite


def insert_key(mapping: Map, order: tuple[str, ...], key: str, block: str, lines: Lines) -> Edit:
    """An edit putting a new key's block (its lines, indented as the mapping's keys) where canonical order
    puts it: before the first key that comes after it, else after the last."""
    spans = key_blocks(mapping, lines)
    later = order[order.index(key) + 1 :] if key in order else ()
    for (name, _, _), (start, _) in zip(mapping, spans):
        if name in later or (key in order and name not in order):
            if start == mapping[0][1].start:  # the first key, after `- `: the new key takes its place
                indent = block[: len(block) - len(block.lstrip(" "))]
                return Edit(start, start, block.lstrip(" ") + indent)
            return Edit(start, start, block)
    end = spans[-1][1]
    return Edit(end, end, block if lines.text[end - 1] == "\n" else "\n" + block)


def indent_of(mapping: Map, lines: Lines) -> int:
    """The column of the mapping's keys."""
    first = mapping[0][1].start
    return first - lines.line_start(first)
