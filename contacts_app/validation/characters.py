"""Characters a text field may not hold: control characters, bidirectional overrides and the invisible
format characters (zero-width space and joiners, soft hyphen, byte order mark).

Written as YAML escapes (`\\e`, `\\0`, `\\u202e`) they pass the parser, then reach pages, CSV files and
terminals, where they hide or reorder what staff and journalists read. Each is a finding at its position.
"""

from __future__ import annotations

import unicodedata

import yaml

#: White space YAML folds into spaces anyway.
_ALLOWED = frozenset("\t\n\r")


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(index, character) of every control or invisible format character in `text`."""
    return [
        (i, ch) for i, ch in enumerate(text)
        if ch not in _ALLOWED and unicodedata.category(ch) in ("Cc", "Cf")
    ]


def describe(ch: str) -> str:
    """A character as staff can look it up: U+202E RIGHT-TO-LEFT OVERRIDE."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'a control character')}"


def position(node: yaml.ScalarNode, index: int) -> tuple[int, int]:
    """The 1-based line and column of character `index` of a scalar's value: exact for a plain value on one
    line (the source shows it one for one); for a quoted value, whose escapes take more room, the value's
    own position (the message names the character's place in the value)."""
    mark = node.start_mark
    if not node.style and "\n" not in node.value[:index]:
        return mark.line + 1, mark.column + 1 + index
    return mark.line + 1, mark.column + 1


def check(node: yaml.ScalarNode, what: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for each hidden character in a scalar's value."""
    return [
        (*position(node, i), f"{what} holds {describe(ch)} at character {i + 1}, which hides or reorders "
                             "text on pages and in spreadsheets; delete it")
        for i, ch in hidden_characters(node.value)
    ]
