"""Characters a text field may not hold: control characters, bidirectional overrides and the invisible
format characters (zero-width space and joiners, soft hyphen, byte order mark).

Written as YAML escapes (`\\e`, `\\0`, `\\u202e`) they pass the parser, then reach pages, CSV files and
terminals, where they hide or reorder what staff and journalists read. Each is a finding at its position.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

#: Every control (Cc) and format (Cf) character but tab, LF and CR, as ranges of code points (Unicode 14;
#: tests/test_hardening_values.py checks them against the running Python's unicodedata).
HIDDEN_RANGES = (
    (0x0000, 0x0008), (0x000B, 0x000C), (0x000E, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD),
    (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891),
    (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064),
    (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)
#: Searched in C: a file of 200,000 entries has tens of millions of characters of values to look through.
_HIDDEN = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in HIDDEN_RANGES) + "]")


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(index, character) of every control or invisible format character in `text`."""
    return [(m.start(), m.group()) for m in _HIDDEN.finditer(text)]


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


def check(node: yaml.ScalarNode) -> list[tuple[int, int, str, int]]:
    """(line, column, the character described, its place in the value) for each hidden character in a scalar."""
    return [(*position(node, i), describe(ch), i + 1) for i, ch in hidden_characters(node.value)]
