"""A contacts file's text as a light tree whose every node knows its span, and the text edits made of spans.

fmt's fixes (fixes.py), the moving of keys into order (key_blocks.py) and import's new records and
filled fields (importing/) are all edits of exact spans of the original text, so every other byte stays.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

import yaml

from contacts_app.contactsfile.reading import MAX_DEPTH
from contacts_app.contactsfile.syntax import LOADER

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: Explicit tags `tree(tags=True)` takes: those that keep a value as text, as validation does.
_TEXT_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str"})


class NeedsRewrite(Exception):
    """The file needs a change of shape, which only a rewrite of the whole file makes."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the characters [start, end) of the text with `text`."""

    start: int
    end: int
    text: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text with every edit made (the edits do not overlap)."""
    out, at = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out += (text[at : edit.start], edit.text)
        at = edit.end
    out.append(text[at:])
    return "".join(out)


@dataclass(slots=True)
class Scalar:
    """A scalar: its value, style (None for plain) and span in the text."""

    value: str
    style: str | None
    start: int
    end: int

    @property
    def is_null(self) -> bool:
        """Whether the scalar is YAML's null (an empty value)."""
        return self.style is None and self.value in _NULLS


class Map(list):
    """A mapping's (key text, key Scalar, value) triples in the file's order; `start`, `end` its span and
    `flow` whether it is written in flow style ({...})."""

    start = end = 0
    flow = False


class Seq(list):
    """A list's items; `start`, `end` its span and `flow` whether it is written in flow style ([...])."""

    start = end = 0
    flow = False


class Lines:
    """Offsets of a text's line starts: from a parser's (line, column) to an offset and back."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n")[:-1])]

    def offset(self, mark) -> int:
        """The offset of a parser mark."""
        return self.starts[mark.line] + mark.column if mark.line < len(self.starts) else len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_start(self, offset: int) -> int:
        """The offset where the offset's line begins."""
        return self.starts[bisect.bisect_right(self.starts, offset) - 1]

    def line_end(self, offset: int) -> int:
        """The offset just after the line break of the offset's line (the offset itself when a line begins
        there and the text before it ends a line)."""
        if offset > 0 and self.text[offset - 1] == "\n":
            return offset
        found = self.text.find("\n", offset)
        return len(self.text) if found < 0 else found + 1


def tree(text: str, lines: Lines, *, tags: bool = False):
    """The text as nested Maps, Seqs and Scalars; NeedsRewrite for an alias, a duplicate key, more than one
    document, nesting deeper than MAX_DEPTH or an explicit tag (with `tags`, one that is not a text tag)."""
    stack: list[list] = []
    root = None
    documents = 0
    for event in yaml.parse(text, Loader=LOADER):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.tag is not None and not (tags and event.tag in _TEXT_TAGS):
                raise NeedsRewrite
            node = Scalar(event.value, event.style or None, lines.offset(event.start_mark), lines.offset(event.end_mark))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            refused_tag = event.tag is not None and not (tags and event.tag in _TEXT_TAGS)
            if refused_tag or event.anchor is not None or len(stack) >= MAX_DEPTH:
                raise NeedsRewrite
            collection = Map() if kind is yaml.MappingStartEvent else Seq()
            collection.start, collection.flow = lines.offset(event.start_mark), bool(event.flow_style)
            stack.append([collection, []])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            node, items = stack.pop()
            if isinstance(node, Map):
                _pairs(node, items)
            else:
                node.extend(items)
            # a block collection ends with its last value; the parser's mark is at the next token, past comments
            node.end = lines.offset(event.end_mark) if node.flow or not items else items[-1].end
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


def _pairs(mapping: Map, items: list) -> None:
    """Fill a Map from its alternating keys and values; NeedsRewrite for a key that is not text or is there twice."""
    seen = set()
    for key, value in zip(items[::2], items[1::2]):
        if not isinstance(key, Scalar) or key.value in seen:
            raise NeedsRewrite
        seen.add(key.value)
        mapping.append((key.value, key, value))


def plain(node):
    """A node as plain data: str (None for null), dict, list."""
    if isinstance(node, Scalar):
        return None if node.is_null else node.value
    if isinstance(node, Map):
        return {key: plain(value) for key, _, value in node}
    return [plain(item) for item in node]
