"""Finding where a release's contacts are: blocks opened by a heading, and blocks grown around evidence.

A heading ("För mer information kontakta:", "Media contact", any short line ending in a colon that asks
the reader to get in touch) is strong evidence, and opens a block that the newsroom's boilerplate, the
sender's address or the body's prose ends. Without a heading, the evidence itself opens one: a short line
holding a phone number or an email address, with the short name and title lines just above it
("Anna Andersson / Presschef / 070-…"). Long sentences holding evidence are left to prose.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contacts_app.extraction import lexicon
from contacts_app.extraction.evidence import REGIONS, has_contact_data, is_contact_sentence, is_prose, without_evidence
from contacts_app.extraction.language import language_of_text

_HEADING = re.compile(
    "|".join(f"(?P<{lang}{i}>{pattern})" for i, (lang, pattern) in enumerate(lexicon.BLOCK_HEADINGS)),
    re.IGNORECASE,
)
_HEADING_AT = re.compile(rf"(?:^|(?<=[\s.!?)]))(?:{_HEADING.pattern})(?=\s*:|\s*$)", re.IGNORECASE)
#: A heading at a line's start, with a few words of qualifier before its colon ("Kontaktperson regeringskansliet:").
_HEADING_START = re.compile(rf"^(?:{_HEADING.pattern})\b(?:(?:\s+[^\s:,]+){{1,4}}\s*:)?[\s:,]*", re.IGNORECASE)
_CAPITALISED_PAIR = re.compile(r"\b[A-ZÅÄÖÆØ][a-zåäöæøé]+(?:-[A-ZÅÄÖ][a-zåäö]+)?\s+[A-ZÅÄÖÆØ][a-zåäöæøé]+")
#: Where one sentence ends and the next begins inside a block line ("… 070-741 21 16. Projektledaren är …").
_SENTENCE_END = re.compile(r"(?<=[a-zåäöæø0-9)])\.\s+(?=[A-ZÅÄÖÆØ][a-zåäöæø])")
#: Lines above the evidence that still belong to the person: name, title, organisation.
_LINES_ABOVE = 3
_MAX_BLOCK = 40
#: The language of a block whose heading's words several languages share: the release's.
RELEASE_LANGUAGE = "*"


@dataclass
class Block:
    """A contact block: the language it is in, its lines, and each line's index among the release's lines."""

    lang: str
    lines: list[str]
    indexes: list[int] = field(default_factory=list)
    headed: bool = True
    heading: int = 0  # the index of its heading's line, when it has one
    region: str = "SE"  # whose numbers it prints

    def add(self, line: str, index: int) -> None:
        self.lines.append(line)
        self.indexes.append(index)


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


def heading_of(line: str, region: str = "SE") -> str | None:
    """The block language when the whole line is a heading ("Presskontakt:", "Vill du veta mer, kontakta:")."""
    match = _HEADING.fullmatch(line.rstrip(": ").strip())
    if match:
        # "Kontakt", "Kontakter", "Kontaktperson" are Swedish, Norwegian and Danish alike: the release decides.
        return RELEASE_LANGUAGE if match.group().lower() in lexicon.SHARED_HEADINGS else _heading_lang(match)
    if line.rstrip().endswith(":") and len(line.split()) <= 14 and not has_contact_data(line, region):
        if lexicon.HEADING_CUE.search(line):
            return RELEASE_LANGUAGE
    return None


def _expand(line: str, region: str) -> list[str]:
    """A line as block lines: headings on lines of their own, also when contacts follow on the same line, and
    the sentences after a heading apart."""
    start = _HEADING_START.match(line)
    if start and start.end() < len(line) and has_contact_data(line[start.end():], region):
        parts = [start.group().strip(" ,"), *_split_headings(line[start.end():])]
    else:
        parts = _split_headings(line)
    if len(parts) == 1:
        return parts
    return [sentence for part in parts for sentence in _SENTENCE_END.split(part)]


def _is_boilerplate(line: str) -> bool:
    """The newsroom's boilerplate or the sender's postal address; "Om projektet: Anna …" is not."""
    if lexicon.CONTACT_PREFIX.match(line):
        return False
    if lexicon.BOILERPLATE_STARTS.match(line):
        return True
    postal = lexicon.POSTAL_ADDRESS.search(line)
    # A flattened paragraph may hold the contacts first and the sender's address after them.
    return bool(postal) and not has_contact_data(line[: postal.start()])


def _ends_block(line: str, block: Block, region: str) -> bool:
    """Past the block: boilerplate, the sender's address, or the body's prose (a first line may be a sentence)."""
    if _is_boilerplate(line):
        return True
    if not block.lines:
        return is_prose(line, region) and len(line.split()) > 24
    return is_prose(line, region)


def expanded_lines(lines: tuple[str, ...] | list[str], region: str) -> list[tuple[str, int]]:
    """Every release line as block lines, each with the index of the line it came from."""
    return [(part, index) for index, line in enumerate(lines) for part in _expand(line, region)]


def find_blocks(lines: tuple[str, ...] | list[str], lang: str = "sv", region: str | None = None) -> list[Block]:
    """The contact blocks of a release written in `lang` and printing the numbers of `region` (by default the
    language's): after headings first, then around evidence elsewhere."""
    region = region or REGIONS.get(lang, "SE")
    expanded = expanded_lines(lines, region)
    blocks, used = _headed_blocks(expanded, region)
    for block in blocks:
        if block.lang == RELEASE_LANGUAGE:  # the paragraphs just before say which language the block is in
            block.lang = language_of_text(lines[max(0, block.heading - 3) : block.heading + 1], default=lang, least=3)
    found = blocks + _evidence_blocks(expanded, used | _about_sections(expanded), lang, region)
    for block in found:
        block.region = region if block.lang == lang else REGIONS.get(block.lang, "SE")
    return found


def _about_sections(expanded: list[tuple[str, int]]) -> set[int]:
    """Positions inside an "Om Umeå kommun" / "About us" section, up to the next heading: the sender, not a contact."""
    inside, out = False, set()
    for position, (line, _) in enumerate(expanded):
        if heading_of(line):
            inside = False
        elif lexicon.ABOUT_SECTION.match(line) and not lexicon.CONTACT_PREFIX.match(line):
            inside = True
        if inside:
            out.add(position)
    return out


def _headed_blocks(expanded: list[tuple[str, int]], region: str) -> tuple[list[Block], set[int]]:
    """Blocks opened by headings, and the positions (in expanded) of the lines they took."""
    blocks: list[Block] = []
    used: set[int] = set()
    current: Block | None = None
    for position, (line, index) in enumerate(expanded):
        lang = heading_of(line)
        if lang:
            used.add(position)
            # A newsroom footer: "Kontakter / Anna Berg / Presskontakt Presschef … 070-…": the second heading
            # is the label of the person named above it, who has no number yet.
            if not (current and current.lines and not any(has_contact_data(text, region) for text in current.lines)):
                current = Block(lang, [], heading=index)
                blocks.append(current)
            elif _only_evidence(expanded, position + 1, region):
                current.add(line.rstrip(": "), index)  # "Pressekontakt 419 00 021": the label is their title
            continue
        if current is None:
            continue
        if _ends_block(line, current, region) or len(current.lines) >= _MAX_BLOCK:
            # "Göteborgs Stad" on its own line, then "Göteborgs Stad är ...": the sender's boilerplate.
            if current.lines and line.startswith(current.lines[-1]) and len(current.lines[-1].split()) <= 5:
                current.lines.pop()
                current.indexes.pop()
            current = None
            continue
        current.add(line, index)
        used.add(position)
    return [b for b in blocks if b.lines], used


def _only_evidence(expanded: list[tuple[str, int]], at: int, region: str) -> bool:
    """True when the line at `at` came from the same release line as the one before it and holds only evidence."""
    if at >= len(expanded) or expanded[at][1] != expanded[at - 1][1]:
        return False
    return has_contact_data(expanded[at][0], region) and not re.search(r"[^\W\d_]{3}", without_evidence(expanded[at][0]))


def _is_short(line: str, region: str) -> bool:
    """A line that can be a name, title or organisation line of a contact (not a sentence, not a heading)."""
    words = line.split()
    return 0 < len(words) <= 12 and not is_prose(line, region) and not _is_boilerplate(line) and heading_of(line, region) is None


def _evidence_blocks(expanded: list[tuple[str, int]], used: set[int], lang: str, region: str) -> list[Block]:
    """Blocks without a heading: each run of short lines holding numbers or addresses, with the lines above."""
    blocks: list[Block] = []
    taken = set(used)
    for position, (line, _) in enumerate(expanded):
        if position in taken or not has_contact_data(line, region) or is_contact_sentence(line, region) or _is_boilerplate(line):
            continue
        start = position
        while not _names_someone(line) and start > 0 and position - start < _LINES_ABOVE and start - 1 not in taken and _is_short(expanded[start - 1][0], region):
            start -= 1
        end = position + 1
        while end < len(expanded) and end not in taken and end - start < _MAX_BLOCK and _continues(expanded, end, region):
            end += 1
        block = Block(lang, [], headed=False)
        for at in range(start, end):
            block.add(*expanded[at])
            taken.add(at)
        blocks.append(block)
    return blocks


def _names_someone(line: str) -> bool:
    """True when a line holds a capitalised pair of words before its evidence: its name lines are not above it."""
    return bool(_CAPITALISED_PAIR.search(line.split("@")[0]))


def _continues(expanded: list[tuple[str, int]], at: int, region: str) -> bool:
    """True when the line at `at` still belongs to an evidence block: evidence, or a short line before more."""
    line = expanded[at][0]
    if _is_boilerplate(line) or is_prose(line, region) or is_contact_sentence(line, region) or heading_of(line):
        return False
    if has_contact_data(line, region):
        return True
    ahead = expanded[at + 1 : at + 1 + _LINES_ABOVE]
    return _is_short(line, region) and any(has_contact_data(text, region) and not is_prose(text, region) for text, _ in ahead)
