"""Where a person must edit to mend a YAML syntax error, and what to do, in plain words.

The parser stops where it notices a problem, which is often later than the mistake: the end of the file
for a quote never closed, the next line for `name:X`. Each hint below looks at the lines up to where the
parser stopped for one typical mistake and, when it finds it, names the character to edit. The hints are
tried in order; None means none applies and the parser's own position stands.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

#: A line's indentation, an optional list dash, and a key followed by its colon.
_KEYED = re.compile(r"(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#'\"{}\[\]:][^#:]*?):(?P<after>.*)\Z")
#: Where a value starts on a line: after `key: ` or after `- `.
_VALUE = re.compile(r" *(?:- +)*(?:[^\s#'\"{}\[\]:][^#:]*?: +)?(?P<value>\S.*)?\Z")


class Hint(NamedTuple):
    """A 1-based line and column to edit, and what to do there: an entry of the messages catalogue and its values."""

    line: int
    col: int
    key: str
    args: dict


def find_hint(lines: list[str], problem_line: int, problem: str) -> Hint | None:
    """The first hint that explains a syntax error the parser noticed on 0-based `problem_line`."""
    last = min(problem_line, len(lines) - 1)
    for hint in _HINTS:
        found = hint(lines, last, problem)
        if found:
            return found
    return None


def _tab(lines: list[str], last: int, problem: str) -> Hint | None:
    """A tab in a line's indentation: YAML indents with spaces only."""
    for number, text in enumerate(lines[: last + 1]):
        lead = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in lead and text.strip():
            return Hint(number + 1, lead.index("\t") + 1, "yaml-syntax:tab", {})
    return None


def _unclosed_quote(lines: list[str], last: int, problem: str) -> Hint | None:
    """A value that opens a quote its line never closes (a contacts file never needs a value over two lines)."""
    for number, text in enumerate(lines[: last + 1]):
        match = _VALUE.match(text)
        value = match and match.group("value")
        if value and value[0] in "'\"" and not _closes(value):
            col = len(text) - len(value) + 1
            return Hint(number + 1, col, "yaml-syntax:unclosed-quote", {"quote": value[0]})
    return None


def _closes(value: str) -> bool:
    """Whether a value that starts with a quote closes it on the same line."""
    quote, i = value[0], 1
    while i < len(value):
        char = value[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and value[i + 1 : i + 2] == "'":  # '' is a quote inside single quotes
                i += 2
                continue
            return True
        i += 1
    return False


def _colon_in_value(lines: list[str], last: int, problem: str) -> Hint | None:
    """`sv: Kommunalråd: näringsliv`: a colon and a space inside a value read as a second key."""
    if "mapping values are not allowed" not in problem:
        return None
    match = _KEYED.match(lines[last])
    after = match.group("after") if match else ""
    value = after.strip()
    if not value or value[0] in "'\"[{" or ": " not in value + " ":
        return None
    col = len(lines[last]) - len(after) + (len(after) - len(after.lstrip())) + 1
    key = match.group("key").strip()
    return Hint(last + 1, col, "yaml-syntax:colon-in-value", {"key": key, "value": value.replace('"', '\\"')})


def _no_space_after_colon(lines: list[str], last: int, problem: str) -> Hint | None:
    """`name:Lorents`: a key's colon must be followed by a space (the parser notices on the next line)."""
    for number in range(last, max(last - 2, -1), -1):
        match = _KEYED.match(lines[number])
        after = match.group("after") if match else ""
        if after and not after[0].isspace() and not after.startswith("//"):
            col = len(lines[number]) - len(after) + 1
            key = match.group("key").strip()
            return Hint(number + 1, col, "yaml-syntax:no-space", {"key": key, "value": after.strip()})
    return None


def _wrong_indent(lines: list[str], last: int, problem: str) -> Hint | None:
    """A line indented by a number of spaces no line above it at the same kind of level uses."""
    text = lines[last]
    if not text.strip() or text.lstrip().startswith("#"):
        return None
    indent = len(text) - len(text.lstrip(" "))
    is_item = text.lstrip(" ").startswith("- ")
    levels = set()
    for above in lines[:last]:
        match = _KEYED.match(above)
        if not match:
            continue
        dash = match.group("dash")
        if is_item and dash:
            levels.add(len(match.group("indent")))
        elif not is_item:
            levels.add(len(match.group("indent")) + len(dash or ""))
    if not levels or indent in levels:
        return None
    expected = min(sorted(levels, reverse=True), key=lambda level: abs(level - indent))
    return Hint(last + 1, indent + 1, "yaml-syntax:indent", {"found": indent, "expected": expected})


_HINTS: tuple[Callable[[list[str], int, str], Hint | None], ...] = (
    _tab, _unclosed_quote, _colon_in_value, _no_space_after_colon, _wrong_indent,
)
