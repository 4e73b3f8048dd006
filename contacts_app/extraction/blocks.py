"""Finding a release's contact blocks: a heading ("För mer information kontakta:", "Media contact") opens one;
the newsroom's boilerplate, the sender's address or the next prose paragraph ends it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency

from contacts_app.extraction import lexicon
from contacts_app.extraction.fields import EMAIL

_HEADING = re.compile(
    "|".join(f"(?P<{lang}{i}>{pattern})" for i, (lang, pattern) in enumerate(lexicon.BLOCK_HEADINGS)),
    re.IGNORECASE,
)
_HEADING_AT = re.compile(rf"(?:^|(?<=[\s.]))(?:{_HEADING.pattern})(?=\s*:|\s*$)", re.IGNORECASE)
_HEADING_START = re.compile(rf"^(?:{_HEADING.pattern})\b[\s:,]*", re.IGNORECASE)


@dataclass
class Block:
    """A contact block: the language its heading is in, and its lines."""

    lang: str
    lines: list[str]


def _heading_lang(match: re.Match) -> str:
    """The language of the heading a match found."""
    group = next(name for name, value in match.groupdict().items() if value is not None)
    return re.match(r"[a-z]+", group).group()


def _split_headings(line: str) -> list[str]:
    """A line with each heading put on a line of its own (blocks squashed onto one line)."""
    out, start = [], 0
    for match in _HEADING_AT.finditer(line):
        before = line[start:match.start()].strip()
        if before:
            out.append(before)
        out.append(match.group().strip())
        start = match.end()
    rest = line[start:].strip().lstrip(":").strip()
    if rest:
        out.append(rest)
    return out if start else [line]


def _heading(line: str) -> str | None:
    """The block language when the whole line is a heading ("Presskontakt:"), else None."""
    match = _HEADING.fullmatch(line.rstrip(": ").strip())
    return _heading_lang(match) if match else None


def _has_contact_data(line: str) -> bool:
    return bool(EMAIL.search(line)) or phonenumbers.PhoneNumberMatcher(line, "SE", leniency=Leniency.VALID).has_next()


def _is_prose(line: str) -> bool:
    """A sentence of the release body, not a line of a contact block."""
    if _has_contact_data(line):
        return False
    words = line.split()
    lower = sum(w[:1].islower() for w in words)
    return len(words) >= 12 or (
        len(words) >= 8 and (line.rstrip().endswith((".", "!", "?", "”", '"')) or lower * 2 > len(words))
    )


def _ends_block(line: str) -> bool:
    """The newsroom's boilerplate, the sender's postal address, or the body's prose: past the block."""
    return bool(lexicon.BOILERPLATE_STARTS.match(line) or lexicon.POSTAL_ADDRESS.search(line)) or _is_prose(line)


def _expand(line: str) -> list[str]:
    """A line as block lines: headings on lines of their own, also when contacts follow on the same line."""
    start = _HEADING_START.match(line)
    if start and start.end() < len(line) and _has_contact_data(line[start.end():]):
        return [start.group().strip(" ,"), *_split_headings(line[start.end():])]
    return _split_headings(line)


def find_blocks(lines: tuple[str, ...] | list[str]) -> list[Block]:
    """The contact blocks of a release, each with its language and lines."""
    expanded = [part for line in lines for part in _expand(line)]
    blocks: list[Block] = []
    current: Block | None = None
    for line in expanded:
        lang = _heading(line)
        if lang:
            current = Block(lang, [])
            blocks.append(current)
            continue
        if current is None:
            if re.match(r"(?i)press|media", line) and lexicon.DESK_WORDS.match(line) and _has_contact_data(line):
                blocks.append(Block("en" if re.match(r"(?i)(press|media)\s", line) else "sv", [line]))
            continue
        if _ends_block(line) or len(current.lines) >= 40:
            # "Göteborgs Stad" on its own line, then "Göteborgs Stad är ...": the sender's boilerplate.
            if current.lines and line.startswith(current.lines[-1]) and len(current.lines[-1].split()) <= 5:
                current.lines.pop()
            current = None
            continue
        current.lines.append(line)
    return [b for b in blocks if b.lines]
