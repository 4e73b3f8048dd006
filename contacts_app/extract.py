"""Press-release text to candidate contact records.

The release's contact blocks are found by their headings ("För mer information kontakta:",
"Media contact", ...) and end where the newsroom's boilerplate or the next prose paragraph begins.
Each block is cut into fields (commas, lines, labels), each field is classified (name, title,
organisation, phone, email, press desk), and fields are grouped into people: a name opens a record,
what follows belongs to it. People named in the body are never read, because only blocks are.
The same person in two blocks (Swedish and English) becomes one record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import phonenumbers
from phonenumbers import Leniency

from . import lexicon
from .name_match import fold
from .phones import LABEL_WORDS, PHONE_WORDS, Phone, PhoneError, parse_phone
from .release_text import Release
from .validate import canonical_party

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<![.])", re.UNICODE)
_REGIONS = {"nb": "NO", "da": "DK", "fi": "FI"}
_HEADING = re.compile(
    "|".join(f"(?P<{lang}{i}>{pattern})" for i, (lang, pattern) in enumerate(lexicon.BLOCK_HEADINGS)),
    re.IGNORECASE,
)
_HEADING_AT = re.compile(rf"(?:^|(?<=[\s.]))(?:{_HEADING.pattern})(?=\s*:|\s*$)", re.IGNORECASE)
_HEADING_VERB_START = re.compile(rf"^(?:{_HEADING.pattern})(?:(?<=kontakta)|(?<=contact))\b\s*", re.IGNORECASE)
_FIELD_SPLIT = re.compile(r"\s*(?:[,;|]|\s[–—-]\s|\s/\s)\s*")
_TIMES = re.compile(r"\b\d{1,2}[.:]\d{2}\s*[–—-]\s*\d{1,2}[.:]\d{2}\b")
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
_CONNECTORS = re.compile(
    r"\b(?:nås|nas|på|pa|och|eller|or|and|at|via|ring|call|on|e-?post|e-?mail|mail|email|epost|tlf|tel|tfn|"
    r"telefon|phone|mobil|mobile)\b\.?:?",
    re.IGNORECASE,
)
_PREPOSITION_END = re.compile(r"\b(?:i|på|vid|för|till|åt|hos|av|om|of|in|at|for|to|the|och|and)\s*$", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"), ("februari", "february", "feb"), ("mars", "march", "mar"),
            ("april", "apr"), ("maj", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
            ("augusti", "august", "aug"), ("september", "sep", "sept"), ("oktober", "october", "okt", "oct"),
            ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DATE_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_DATE_WORDS = re.compile(r"\b(\d{1,2})\s+([a-zåäö]{3,9})\.?\s+(20\d\d)\b", re.IGNORECASE)


@dataclass
class Candidate:
    """A contact read from a release, before it meets the contacts file."""

    kind: str = "person"
    name: str | None = None
    title: dict[str, str] = field(default_factory=dict)
    organisation: dict[str, str] = field(default_factory=dict)
    party: str | None = None
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)

    @property
    def reachable(self) -> bool:
        """True when there is a phone number or an email address."""
        return bool(self.phones or self.emails)

    def as_record(self) -> dict:
        """The candidate as the fields of a contacts-file record (no id or source)."""
        record: dict = {"kind": self.kind, "name": self.name}
        if self.title:
            record["title"] = dict(self.title)
        if self.organisation:
            record["organisation"] = dict(self.organisation)
        if self.party:
            record["party"] = self.party
        if self.phones:
            record["phones"] = [
                {"number": p.display, **({"label": p.label} if p.label else {})} for p in self.phones
            ]
        if self.emails:
            record["emails"] = list(self.emails)
        return record


@dataclass(frozen=True)
class Extraction:
    """What a release yielded: its candidates, the languages of its blocks, and its date if printed."""

    release: Release
    candidates: tuple[Candidate, ...]
    languages: tuple[str, ...]
    date: str | None


@dataclass
class _Block:
    lang: str
    lines: list[str]


# -- finding the blocks ---------------------------------------------------------------------------


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


def _is_prose(line: str) -> bool:
    """A sentence of the release body, not a line of a contact block."""
    if EMAIL.search(line) or _has_phone(line, "SE"):
        return False
    words = line.split()
    return len(words) >= 12 or (len(words) >= 8 and line.rstrip().endswith((".", "!", "?", "”", '"')))


def _ends_block(line: str) -> bool:
    """The newsroom's boilerplate, the sender's postal address, or the body's prose: past the block."""
    return bool(lexicon.BOILERPLATE_STARTS.match(line) or lexicon.POSTAL_ADDRESS.search(line)) or _is_prose(line)


def _has_phone(text: str, region: str) -> bool:
    """True when the text holds a valid phone number."""
    return phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.VALID).has_next()


def find_blocks(lines: tuple[str, ...] | list[str]) -> list[_Block]:
    """The contact blocks of a release, each with its language and lines."""
    expanded: list[str] = []
    for line in lines:
        verb = _HEADING_VERB_START.match(line)
        if verb and verb.end() < len(line):
            expanded.extend([verb.group().strip(), *(_split_headings(line[verb.end():]))])
        else:
            expanded.extend(_split_headings(line))
    blocks: list[_Block] = []
    current: _Block | None = None
    for line in expanded:
        lang = _heading(line)
        if lang:
            current = _Block(lang, [])
            blocks.append(current)
            continue
        if current is None:
            if lexicon.DESK_WORDS.match(line) and (EMAIL.search(line) or _has_phone(line, "SE")):
                blocks.append(_Block("en" if re.match(r"(?i)press\s|media\s|news", line) else "sv", [line]))
            continue
        if _ends_block(line) or len(current.lines) >= 40:
            current = None
            continue
        current.lines.append(line)
    return [b for b in blocks if b.lines]


# -- fields -------------------------------------------------------------------------------------


@dataclass
class _Field:
    kind: str  # name | desk | title | org | text | phone | email
    text: str = ""
    phone: Phone | None = None
    party: str | None = None
    first_on_line: bool = False


def _fields_of_line(line: str, region: str) -> list[_Field]:
    """A block line cut into classified fields; numbers and addresses are found before the cutting."""
    found: list[tuple[str, object]] = []

    def hold(kind: str, value: object) -> str:
        found.append((kind, value))
        return f"\x00{len(found) - 1}\x00"

    masked = EMAIL.sub(lambda m: hold("email", m.group()), _TIMES.sub(" ", line))
    matches = list(phonenumbers.PhoneNumberMatcher(masked, region, leniency=Leniency.VALID))
    for match in reversed(matches):
        masked = masked[: match.start] + hold("phone", match.raw_string) + masked[match.end :]
    fields: list[_Field] = []
    for position, part in enumerate(p for p in _FIELD_SPLIT.split(masked) if p and p.strip(" .:")):
        fields.extend(_classify_part(part, found, region, first=position == 0))
    return fields


def _classify_part(part: str, found: list, region: str, first: bool) -> list[_Field]:
    """The fields in one comma-separated part: its numbers and addresses, then its text."""
    out: list[_Field] = []
    pieces = _PLACEHOLDER.split(part)
    # pieces alternate: text, index, text, index, ... text
    texts = pieces[0::2]
    indexes = [int(i) for i in pieces[1::2]]
    for n, index in enumerate(indexes):
        kind, value = found[index]
        if kind == "email":
            out.append(_Field("email", str(value)))
            continue
        before, after = texts[n], texts[n + 1]
        last = n == len(indexes) - 1
        label = _label_in(after) if (last or after.strip().startswith("(")) else None
        label = label or _label_in(before)
        try:
            phone = parse_phone(str(value), label, region)
        except PhoneError:
            continue
        out.append(_Field("phone", phone=phone))
    leftover = " ".join(t.strip() for t in texts if t.strip())
    desk = lexicon.DESK_WORDS.match(leftover)
    if indexes:
        leftover = desk.group() if desk else _strip_connectors(leftover)
    if leftover and not any(ch.isdigit() for ch in leftover):
        out.insert(0, _classify_text(leftover, first))
    return out


def _label_in(text: str) -> str | None:
    """The phone label a context word gives ("Mobil:", "(vx)", "växel"), if any."""
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if word in LABEL_WORDS:
            return LABEL_WORDS[word]
    return None


def _strip_connectors(text: str) -> str:
    """Text beside a number or address without its labels and link words ("nås på", "tel.", "vx")."""
    text = re.sub(r"\(\s*[^()]*\)", lambda m: "" if _label_in(m.group()) else m.group(), text)
    words = [w for w in re.split(r"\s+", _CONNECTORS.sub(" ", text)) if w]
    words = [w for w in words if w.strip(".:()").lower() not in LABEL_WORDS and w.strip(".:").lower() not in PHONE_WORDS]
    return " ".join(words).strip(" .:,;-–")


def _classify_text(text: str, first: bool) -> _Field:
    """A text field as a name (with party), a press desk, a title, an organisation, or title + name."""
    text = text.strip(" .:")
    party = None
    marker = lexicon.PARTY_MARKER.search(text)
    bare = text
    if marker and marker.end() == len(text.rstrip()):
        bare = text[: marker.start()].strip()
        party = canonical_party(marker.group(1))
    desk = lexicon.DESK_WORDS.match(text)
    if desk and first and not any(_is_title_word(w) for w in text.split()):
        return _Field("desk", desk.group(), first_on_line=first)
    if _is_name(bare) and (_strong_name(bare) or first):
        return _Field("name", bare, party=party, first_on_line=first)
    split = _title_then_name(text)
    if split:
        return _TitledName(split)
    return _Field("text", text, first_on_line=first)


class _TitledName(_Field):
    """A field that holds a title and then a name: "bildningsdirektör Mikaela Sundqvist"."""

    def __init__(self, split: tuple[str, str, str | None]):
        super().__init__("name", split[1], party=split[2], first_on_line=True)
        self.title_before = split[0]


def _tokens(text: str) -> list[str]:
    return text.split()


def _is_name(text: str) -> bool:
    """Shaped like a person's name: two to five capitalised words (particles allowed), nothing else."""
    tokens = _tokens(text)
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() or ch in "@/&:()" for ch in text):
        return False
    capitalised = 0
    for token in tokens:
        low = token.lower()
        if low in lexicon.NAME_PARTICLES:
            continue
        if low in lexicon.TITLE_WORDS or low in lexicon.ORG_SUFFIXES or low in lexicon.ORG_PREFIXES:
            return False
        if low.endswith(lexicon.ORG_WORD_ENDINGS) or (low.endswith(lexicon.TITLE_ENDINGS) and len(low) > 6 and low not in lexicon.FIRST_NAMES):
            return False
        if not all(part[:1].isupper() and (part[1:].islower() or not part[1:]) for part in re.split(r"[-']", token) if part):
            return False
        capitalised += 1
    return capitalised >= 2


_FOLDED_FIRST = frozenset(fold(n) for n in lexicon.FIRST_NAMES)


def _strong_name(text: str) -> bool:
    """A name whose first word (or its first part, Anna of Anna-Karin) is a known first name."""
    first = fold(_tokens(text)[0])
    return first in _FOLDED_FIRST or first.split("-")[0] in _FOLDED_FIRST


def _title_then_name(text: str) -> tuple[str, str, str | None] | None:
    """(title, name, party) for "projektchef vid lokalservice Henrik Björkqvist", else None."""
    marker = lexicon.PARTY_MARKER.search(text)
    party = None
    if marker and marker.end() == len(text.rstrip()):
        party = canonical_party(marker.group(1))
        text = text[: marker.start()].strip()
    tokens = _tokens(text)
    for size in (3, 2):
        if len(tokens) <= size:
            continue
        head, tail = " ".join(tokens[:-size]), " ".join(tokens[-size:])
        if not head[:1].islower() or _PREPOSITION_END.search(head):
            continue
        if _is_name(tail) and _strong_name(tail):
            return head, tail, party
    return None


# -- grouping -------------------------------------------------------------------------------------


def _people_of_block(block: _Block) -> list[Candidate]:
    """The people (and desks) of one block, in order."""
    people: list[Candidate] = []
    current: Candidate | None = None
    lang = block.lang
    for line in block.lines:
        for item in _fields_of_line(line, _REGIONS.get(lang, "SE")):
            if item.kind == "desk" and current and current.kind == "desk" and not current.reachable:
                continue  # "Presstjänsten" then "Presstelefon: 031-...": one desk
            if item.kind in ("name", "desk"):
                current = Candidate(kind="person" if item.kind == "name" else "desk", name=item.text, party=item.party)
                current.languages.append(lang)
                people.append(current)
                if isinstance(item, _TitledName):
                    _add_text(current, item.title_before, lang)
            elif current is None:
                continue
            elif item.kind == "phone":
                if all(p.e164 != item.phone.e164 for p in current.phones):
                    current.phones.append(item.phone)
            elif item.kind == "email":
                if item.text.lower() not in (e.lower() for e in current.emails):
                    current.emails.append(item.text)
            else:
                _add_text(current, item.text, lang)
    return people


def _add_text(person: Candidate, text: str, lang: str) -> None:
    """Give a text field to a person as title and/or organisation."""
    if person.kind == "desk":
        if _org_like(text) and lang not in person.organisation:
            person.organisation[lang] = text
        return
    title, org = split_title_org(text)
    if org and lang not in person.organisation:
        person.organisation[lang] = org
    if title and lang not in person.title:
        person.title[lang] = title


def _org_like(text: str) -> bool:
    """True when a text names an organisation rather than a job."""
    words = [w.strip("(),.").lower() for w in text.split()]
    if not words:
        return False
    if words[-1] in lexicon.ORG_SUFFIXES or words[0] in lexicon.ORG_PREFIXES - {"the"}:
        return True
    if len(words) == 1 and words[0].endswith(lexicon.ORG_WORD_ENDINGS) and text[:1].isupper():
        return True
    has_title = any(w in lexicon.TITLE_WORDS or (w.endswith(lexicon.TITLE_ENDINGS) and len(w) > 5) for w in words)
    return not has_title and any(w in lexicon.ORG_SUFFIXES for w in words) and text[:1].isupper() or (
        words[0] == "the" and not has_title
    )


def split_title_org(text: str) -> tuple[str | None, str | None]:
    """('Kommunalråd', 'Skellefteå kommun') from 'Kommunalråd Skellefteå kommun'; a text that is one or the other."""
    if _org_like(text) and not _starts_with_title(text):
        return None, text
    tokens = text.split()
    for cut in range(1, len(tokens)):
        head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        last = tokens[cut - 1]
        if (
            tokens[cut][:1].isupper()
            and (last[:1].islower() or cut == 1)
            and not _PREPOSITION_END.search(head)
            and _org_like(tail)
            and _starts_with_title(head)
        ):
            return head, tail
    return text, None


def _starts_with_title(text: str) -> bool:
    """True when the first word is a job word ("Kommunalråd", "presschef", "Head")."""
    return bool(text.split()) and _is_title_word(text.split()[0])


def _is_title_word(word: str) -> bool:
    """A job word, or a word ending like one (-chef, -direktör, -ansvarig)."""
    word = word.strip(",.").lower()
    return word in lexicon.TITLE_WORDS or (word.endswith(lexicon.TITLE_ENDINGS) and len(word) > 4)


# -- putting it together --------------------------------------------------------------------------


def merge_people(groups: list[list[Candidate]]) -> list[Candidate]:
    """One record per person across blocks: matched by name or by email address."""
    merged: list[Candidate] = []
    for people in groups:
        for person in people:
            same = next((m for m in merged if _same(m, person)), None)
            if same is None:
                merged.append(person)
                continue
            for lang, text in person.title.items():
                same.title.setdefault(lang, text)
            for lang, text in person.organisation.items():
                same.organisation.setdefault(lang, text)
            same.party = same.party or person.party
            for phone in person.phones:
                if all(p.e164 != phone.e164 for p in same.phones):
                    same.phones.append(phone)
                elif phone.label:
                    same.phones = [p if p.e164 != phone.e164 or p.label else phone for p in same.phones]
            for email in person.emails:
                if email.lower() not in (e.lower() for e in same.emails):
                    same.emails.append(email)
            for lang in person.languages:
                if lang not in same.languages:
                    same.languages.append(lang)
    return merged


def _same(a: Candidate, b: Candidate) -> bool:
    """The same person (or desk) seen twice."""
    if a.kind != b.kind:
        return False
    if {e.lower() for e in a.emails} & {e.lower() for e in b.emails}:
        return True
    return bool(a.name and b.name and fold(a.name) == fold(b.name))


def finish(person: Candidate) -> Candidate:
    """Tidy a merged record: capitalised titles, only sv/en titles unless there are none, derived names."""
    primary = {lang: text for lang, text in person.title.items() if lang in ("sv", "en")}
    person.title = {lang: text[:1].upper() + text[1:] for lang, text in (primary or person.title).items()}
    orgs = {lang: text for lang, text in person.organisation.items() if lang in ("sv", "en")}
    person.organisation = orgs or dict(person.organisation)
    _derive_organisation(person)
    person.phones = [_default_label(person, p) for p in person.phones]
    return person


_COUNTY_GOVERNOR = re.compile(r"^landshövding(?:en)?\s+(?:i\s+)?(?P<county>.+?)s?\s+län\b", re.IGNORECASE)
_EN_COUNTY_GOVERNOR = re.compile(r"^county\s+governor\s+of\s+(?P<county>.+)$", re.IGNORECASE)
_TRANSLATIONS = (
    (re.compile(r"^Länsstyrelsen (?:i )?(?P<x>.+?)(?:s län)?$"), "County Administrative Board of {x}"),
    (re.compile(r"^(?P<x>.+) kommun$"), "{x} Municipality"),
    (re.compile(r"^(?P<x>.+) stad$"), "City of {x}"),
    (re.compile(r"^Region (?P<x>.+)$"), "Region {x}"),
)


def _derive_organisation(person: Candidate) -> None:
    """Fill organisation names that the block implies: a county governor heads the county board."""
    sv_title, en_title = person.title.get("sv", ""), person.title.get("en", "")
    governor = _COUNTY_GOVERNOR.match(sv_title)
    if governor and "sv" not in person.organisation:
        person.organisation["sv"] = f"Länsstyrelsen {governor.group('county')}"
    en_governor = _EN_COUNTY_GOVERNOR.match(en_title)
    if en_governor and "en" not in person.organisation:
        person.organisation["en"] = f"County Administrative Board of {en_governor.group('county')}"
    sv_org, en_org = person.organisation.get("sv"), person.organisation.get("en")
    if sv_org and en_org and en_org.endswith(f"({sv_org})"):
        person.organisation["en"] = sv_org
    if sv_org and not en_org and "en" in person.title:
        for pattern, template in _TRANSLATIONS:
            match = pattern.match(sv_org)
            if match:
                person.organisation["en"] = template.format(**match.groupdict())
                break


def _default_label(person: Candidate, phone: Phone) -> Phone:
    """A label where the block gave none: a desk's number is its press line, an organisation's 00 number its switchboard."""
    if phone.label:
        return phone
    if person.kind == "desk":
        return Phone(phone.e164, phone.national, phone.international, phone.type, "press line")
    if phone.type != "mobile" and phone.e164.endswith("00"):
        return Phone(phone.e164, phone.national, phone.international, phone.type, "switchboard")
    return phone


def release_date(release: Release) -> str | None:
    """The release's date when its first lines print one (2025-03-03, 3 March 2025, 3 mars 2025)."""
    for line in release.lines[:12]:
        iso = _DATE_ISO.search(line)
        if iso:
            try:
                return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
            except ValueError:
                continue
        words = _DATE_WORDS.search(line)
        if words and words[2].lower() in _MONTHS:
            try:
                return date(int(words[3]), _MONTHS[words[2].lower()], int(words[1])).isoformat()
            except ValueError:
                continue
    return None


def extract(release: Release) -> Extraction:
    """Every spokesperson (and press desk) in a release's contact blocks."""
    blocks = find_blocks(release.lines)
    people = merge_people([_people_of_block(b) for b in blocks])
    candidates = tuple(finish(p) for p in people if p.name and (p.reachable or (p.kind == "person" and p.title)))
    languages = tuple(dict.fromkeys(b.lang for b in blocks if any(b.lang in c.languages for c in candidates)))
    return Extraction(release, candidates, languages, release_date(release))
