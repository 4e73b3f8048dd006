"""A contacts file with its known records stood in for: what a validation with a record cache parses.

A national file is 10,000 records; after a one-record edit, 9,999 of them have an outcome in the cache
(record_cache.py) and need no node, yet the YAML parser would still turn each of their half a million
events into objects, more than a second of a rebuild. So the records of the `contacts:` list are found in
the text first (`record_spans`, by the lines where its items begin), and each one whose text has an
outcome is replaced by a one-line item, `- 0`, followed by as many empty lines as it had: every other
line keeps its number and every character its column, so what the parser says of the rest is what it
says of the whole file.

That holds only if the text was cut where the parser cuts it. It is checked as the reduced text is read
(`Reduced.check`): each stand-in must come out as one item of its own, at its own line, and no other
item may reach into one. When anything else happens (the stand-in is swallowed by a quote left open above
it, the parser stops at a syntax error) the caller validates the whole text instead, so a message is
always about the file as written. A text with a tab, a document marker, a directive or a block scalar, or
whose `contacts:` list is not the simple kind, is never reduced.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable

#: What the reading here does not follow: a tab, a carriage return, a document's start or end, a directive;
#: and `|` or `>`, which may open a block scalar, the one kind of value whose text may go on past its last
#: character (kept trailing newlines), where a record cut at its last character would be cut short.
_UNUSUAL = ("\t", "\r", "|", ">", "\n---", "\n...", "\n%")
_FIRST_ITEM = re.compile(r"(?:[ ]*(?:#[^\n]*)?\n)*( *)- \S")
#: The stand-in's value: plain, so it is a scalar item the rules of a record never see.
PLACEHOLDER = "0"


class Mismatch(Exception):
    """The reduced text was not cut where the parser cuts the file: validate the whole text."""


def record_spans(text: str) -> list[tuple[int, int]] | None:
    """(start, end) of each item of the `contacts:` list: from the start of the line of its `- ` to the end of
    its text, trailing blank lines and spaces left out; None for a text this cannot read safely."""
    # (searches that begin with a newline: the regular expression engine skips to each one, not to every character)
    if text.startswith(("---", "...", "%")) or any(mark in text for mark in _UNUSUAL):
        return None
    if text.startswith("contacts:") + text.count("\ncontacts:") != 1:
        return None
    top = 0 if text.startswith("contacts:") else text.index("\ncontacts:") + 1
    line_end = text.find("\n", top)
    rest = text[top + len("contacts:") : line_end].strip()
    if line_end < 0 or (rest and not rest.startswith("#")):
        return None
    first = _FIRST_ITEM.match(text, line_end + 1)
    if first is None:
        return None
    indent = len(first.group(1))
    begin = first.start(1)
    # the list ends at the first line that is not blank, not a comment, and less indented than its items
    # (or, at the items' own indentation, not an item)
    closing = rf"\n(?: {{0,{indent - 1}}}[^ \n#]| {{{indent}}}[^ \n#-])" if indent else r"\n[^ \n#-]"
    end_of_list = re.compile(closing).search(text, begin)
    stop = end_of_list.start() + 1 if end_of_list else len(text)
    starts = [begin] + [m.start() + 1 for m in re.compile(rf"\n {{{indent}}}- ").finditer(text, begin, stop)]
    ends = starts[1:] + [stop]
    return [(start, start + len(text[start:end].rstrip())) for start, end in zip(starts, ends)]


def reduced(text: str, known: Callable[[str], object | None]) -> Reduced | None:
    """The text with each record `known` says something of (given its text) stood in for; None when it has no
    such record, or cannot be cut safely."""
    spans = record_spans(text)
    if not spans:
        return None
    shortened = Reduced(text, spans, known)
    return shortened if shortened.stand_ins else None


class Reduced:
    """A text with some of its records stood in for; where each stand-in is; its own positions in the text's."""

    def __init__(self, text: str, spans: list[tuple[int, int]], known: Callable[[str], object | None]):
        pieces, at, shift = [], 0, 0
        self.stand_ins: dict[int, object] = {}  # the 0-based line of a stand-in → what `known` said of its record
        self._gaps: list[int] = []  # each stand-in's start and end in the reduced text, in order
        self._shifts: list[tuple[int, int]] = []  # (reduced index where a shift starts, characters removed before)
        line, counted = 0, 0
        for start, end in spans:
            found = known(text[start:end])
            if found is None:
                continue
            line += text.count("\n", counted, start)
            counted = start
            newlines = text.count("\n", start, end)
            indent = text[start : text.index("-", start)]
            stand_in = f"{indent}- {PLACEHOLDER}" + "\n" * newlines
            pieces.append(text[at:start])
            reduced_start = start - shift
            self._gaps += [reduced_start, reduced_start + len(stand_in)]
            shift += (end - start) - len(stand_in)
            self._shifts.append((reduced_start + len(stand_in), shift))
            pieces.append(stand_in)
            self.stand_ins[line] = found
            at = end
        pieces.append(text[at:])
        self.text = "".join(pieces)
        self._seen: set[int] = set()

    def original(self, index: int) -> int:
        """The text's index of a reduced text's index (outside the stand-ins)."""
        n = bisect.bisect_right(self._shifts, (index, float("inf")))
        return index + (self._shifts[n - 1][1] if n else 0)

    def stand_in(self, node) -> object | None:
        """What `known` said of the record a node stands in for; None for a record of the file itself."""
        line = node.start_mark.line
        found = self.stand_ins.get(line)
        if found is None:
            self._outside(node)
            return None
        if getattr(node, "value", None) != PLACEHOLDER or line in self._seen:
            raise Mismatch(f"line {line + 1} is not the stand-in it should be")
        self._seen.add(line)
        return found

    def _outside(self, node) -> None:
        """A record of the file itself must lie between two stand-ins, none of it inside one."""
        start, end = node.start_mark.index, node.end_mark.index
        n = bisect.bisect_right(self._gaps, start)
        if n % 2 or bisect.bisect_left(self._gaps, end) != n:
            raise Mismatch(f"the record at line {node.start_mark.line + 1} reaches into a stand-in")

    def check(self) -> None:
        """Every stand-in was read as one (at the end of the validation)."""
        if len(self._seen) != len(self.stand_ins):
            raise Mismatch("a stand-in was not read as a record")
