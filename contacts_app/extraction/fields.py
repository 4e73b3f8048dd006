"""The fields of a contact-block line: names, titles, organisations, numbers, addresses, press desks.

A line is cut at commas (or at table columns); phone numbers and email addresses are taken out
first, so the commas and dashes inside them cannot cut them. Each remaining text is classified
by its shape and its words (see lexicon.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency

from contacts_app.extraction import lexicon
from contacts_app.extraction.evidence import EMAIL, MAX_LINE, deobfuscated
from contacts_app.extraction.release_text import COLUMN
from contacts_app.model.phone import Phone
from contacts_app.normalise.name_match import fold
from contacts_app.normalise.names import canonical_party
from contacts_app.normalise.phones import LABEL_WORDS, PHONE_WORDS, PhoneError, parse_phone

_FIELD_SPLIT = re.compile(r"\s*(?:[,;]|\s[–—·•-]\s|(?<=[a-zåäö])[–—]\s|\s/\s|:\s+(?=[A-ZÅÄÖÆØ][a-zåäöæø]))\s*")
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
_CONNECTORS = re.compile(
    r"\b(?:nås|nas|på|pa|och|eller|or|and|at|via|ring|call|on|som|who|can|be|reached|även|also|"
    r"e-?post|e-?mail|mail|email|epost|tlf|tel|tfn|telefon|phone|mobil|mobile)\b\.?:?",
    re.IGNORECASE,
)
_LEADING_CONJUNCTION = re.compile(r"^(?:och|samt|eller|and|or|&)\s+", re.IGNORECASE)
_PREPOSITION_END = re.compile(r"\b(?:i|på|vid|för|till|åt|hos|av|om|of|in|at|for|to|the|och|and)\s*$", re.IGNORECASE)
#: "pressekreterare hos infrastrukturminister Anna Johansson": the name after is the superior, part of the title.
_SUPERIOR = re.compile(r"\b(?:hos|till|åt|för|to|for|of|til|for)\s+\S+$|\b(?:är|er|is|was|var|blir|blev)$", re.IGNORECASE)
#: "Anna Berg (M) 1:e vice ordförande": the party marker ends the name, what follows is a field of its own.
_AFTER_PARTY = re.compile(r"(\([A-Za-zÅÄÖåäö]{1,4}\))\s+(?=[\w])")
_NUMBER_PIECE = re.compile(r"[+(]?[\d()./-]*\d[\d()./-]*[,.;:]?")
#: "1:e vice ordförande", "2nd deputy": a number that is part of a title.
_ORDINAL = re.compile(r"\b\d{1,2}(?::[ea]|st|nd|rd|th|\.)(?=\s)")
_FAX = re.compile(r"\b(?:fax|telefax|faks)\b[\s.:]*$", re.IGNORECASE)
_WORKPLACE = re.compile(r"^(?P<title>.+?)\s+(?:på|vid|hos|at)\s+(?P<org>[A-ZÅÄÖ].*)$")
_FOLDED_FIRST = frozenset(fold(n) for n in lexicon.FIRST_NAMES)


@dataclass
class Field:
    """One classified piece of a line. kind: name, desk, text, phone, email, or address (a postal address)."""

    kind: str
    text: str = ""
    phone: Phone | None = None
    party: str | None = None
    title_before: str | None = None
    column: int | None = None
    label_only: bool = False


def fields_of_line(line: str, region: str) -> list[Field]:
    """A block line cut into classified fields; numbers and addresses are found before the cutting."""
    found: list[tuple[str, str]] = []

    def hold(kind: str, value: str) -> str:
        found.append((kind, value))
        return f"\x00{len(found) - 1}\x00"

    if len(line) > MAX_LINE:
        return []
    line = deobfuscated(line)
    masked = EMAIL.sub(lambda m: hold("email", m.group()), line)
    matches = list(phonenumbers.PhoneNumberMatcher(masked, region, leniency=Leniency.VALID))
    for match in reversed(matches):
        masked = masked[: match.start] + hold("phone", match.raw_string) + masked[match.end :]
    fields: list[Field] = []
    if COLUMN in masked:
        for column, cell in enumerate(masked.split(COLUMN)):
            for item in _classify_part(cell, found, region, first=column == 0):
                item.column = column
                fields.append(item)
        return fields
    masked = _AFTER_PARTY.sub(r"\1, ", masked)
    parts = [p for p in _FIELD_SPLIT.split(masked) if p and p.strip(" .:")]
    for position, part in enumerate(parts):
        fields.extend(_classify_part(part, found, region, first=position == 0))
    return fields


def _classify_part(part: str, found: list[tuple[str, str]], region: str, first: bool) -> list[Field]:
    """The fields in one comma-separated part: its numbers and addresses, then its text."""
    out: list[Field] = []
    pieces = _PLACEHOLDER.split(part)
    texts, indexes = pieces[0::2], [int(i) for i in pieces[1::2]]
    if not indexes and lexicon.STREET_ADDRESS.search(part):
        return [Field("address", part.strip())]
    for n, index in enumerate(indexes):
        kind, value = found[index]
        if kind == "email":
            out.append(Field("email", value))
            continue
        before, after = texts[n], texts[n + 1]
        if _FAX.search(before):
            continue  # nobody answers a fax
        last = n == len(indexes) - 1
        # Words after a number label it only in brackets or at the end: in "070-… eller 063-… (vx)"
        # the "(vx)" is the second number's, and in "mobil 070-…, växel 0910-…" växel the second's.
        label = (label_in(after) if last or after.strip().startswith("(") else None) or label_in(before)
        try:
            out.append(Field("phone", phone=parse_phone(value, label, region)))
        except PhoneError:
            continue
    leftover = " ".join(t.strip() for t in texts if t.strip())
    desk = lexicon.DESK_WORDS.match(leftover)
    if indexes:
        label_only = bool(desk and re.fullmatch(r"\s*:?\s*", leftover[desk.end():]) and texts[0].rstrip().endswith(":"))
        leftover = desk.group() if desk else _strip_connectors(leftover)
        if label_only:
            out.insert(0, Field("desk", leftover, label_only=True))
            return out
    leftover = " ".join(w for w in leftover.split() if not _NUMBER_PIECE.fullmatch(w))  # "… eller 070" cut short
    if leftover and not any(ch.isdigit() for ch in _ORDINAL.sub("", leftover)) and leftover.strip("–—-. "):
        out.insert(0, classify_text(leftover, first))
    return out


def label_in(text: str) -> str | None:
    """The phone label a context word gives ("Mobil:", "(vx)", "växel"), if any."""
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if word in LABEL_WORDS:
            return LABEL_WORDS[word]
    return None


def _strip_connectors(text: str) -> str:
    """Text beside a number or address without its labels and link words ("nås på", "tel.", "vx")."""
    text = re.sub(r"\(\s*[^()]*\)", lambda m: "" if label_in(m.group()) else m.group(), text)
    words = [w for w in re.split(r"\s+", _CONNECTORS.sub(" ", text)) if w]
    words = [w for w in words if w.strip(".:()").lower() not in LABEL_WORDS and w.strip(".:").lower() not in PHONE_WORDS]
    return " ".join(words).strip(" .:,;-–")


def classify_text(text: str, first: bool) -> Field:
    """A text field as a name (with party), a press desk, a title before a name, or other text."""
    text = _LEADING_CONJUNCTION.sub("", _balanced(text).strip(" .:"))
    cue = lexicon.LEADING_CUE.match(text)
    text = text[cue.end():] if cue else text
    bare, party = split_party(text)
    desk = lexicon.DESK_WORDS.match(text)
    if desk and first and not any(is_title_word(w) for w in text.split()):
        return Field("desk", desk.group())
    if is_name(bare) and (strong_name(bare) or first or cue):
        return Field("name", bare, party=party)
    split = _title_then_name(text)
    if split:
        return Field("name", split[1], party=split[2], title_before=split[0])
    return Field("text", text)


def _balanced(text: str) -> str:
    """The text without brackets that open or close nothing: "Anna Berg (S) )" → "Anna Berg (S)"."""
    depth, out = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if not depth:
                continue
            depth -= 1
        out.append(ch)
    text = "".join(out)
    return text.replace("(", " ", depth) if depth else text


def split_party(text: str) -> tuple[str, str | None]:
    """A name and the party marker after it: 'Lorents Burman (s)' → ('Lorents Burman', 'S')."""
    marker = lexicon.PARTY_MARKER.search(text)
    if marker and marker.end() == len(text.rstrip()):
        return text[: marker.start()].strip(), canonical_party(marker.group(1))
    return text, None


def is_name(text: str) -> bool:
    """Shaped like a person's name: two to five capitalised words (particles allowed), nothing else."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() or ch in "@/&:()" for ch in text):
        return False
    capitalised = 0
    for token in tokens:
        low = token.lower()
        if low in lexicon.NOT_IN_NAMES:
            return False
        if low in lexicon.NAME_PARTICLES:
            continue
        if low in lexicon.TITLE_WORDS or low in lexicon.ORG_SUFFIXES or low in lexicon.ORG_PREFIXES:
            return False
        if low.endswith(lexicon.ORG_WORD_ENDINGS) or (
            low.endswith(lexicon.TITLE_ENDINGS) and len(low) > 6 and low not in lexicon.FIRST_NAMES
        ):
            return False
        parts = [part for part in re.split(r"[-']", token) if part]
        if not all(part[:1].isupper() and (part[1:].islower() or not part[1:]) for part in parts):
            return False
        capitalised += 1
    return capitalised >= 2


def strong_name(text: str) -> bool:
    """A name whose first word (or its first part, Anna of Anna-Karin) is a known first name."""
    first = fold(text.split()[0])
    return first in _FOLDED_FIRST or first.split("-")[0] in _FOLDED_FIRST


def _title_then_name(text: str) -> tuple[str, str, str | None] | None:
    """(title, name, party) for "projektchef vid lokalservice Henrik Björkqvist", else None."""
    text, party = split_party(text)
    tokens = text.split()
    for size in (3, 2):
        if len(tokens) <= size:
            continue
        head, tail = " ".join(tokens[:-size]), " ".join(tokens[-size:])
        if _PREPOSITION_END.search(head) or _SUPERIOR.search(head):
            continue
        words = head.split()
        if not (head[:1].islower() or any(is_title_word(w) for w in words)):
            continue
        # An unknown first name needs a head that is only a job ("Presstalesperson Ewa-Lena Rydh").
        if is_name(tail) and (strong_name(tail) or (len(words) <= 2 and is_title_word(words[-1]))):
            return head, tail, party
    return None


def is_title_word(word: str) -> bool:
    """A job word, or a word ending like one (-chef, -direktör, -ansvarig)."""
    word = word.strip(",.").lower()
    return word in lexicon.TITLE_WORDS or (word.endswith(lexicon.TITLE_ENDINGS) and len(word) > 4)


def starts_with_title(text: str) -> bool:
    """True when the first word is a job word ("Kommunalråd", "presschef", "Head")."""
    return bool(text.split()) and is_title_word(text.split()[0])


def is_org(text: str) -> bool:
    """True when a text names an organisation rather than a job."""
    words = [w.strip("(),.").lower() for w in text.split()]
    if not words:
        return False
    if words[-1] in lexicon.ORG_SUFFIXES or words[0] in lexicon.ORG_PREFIXES - {"the"} or words[0] in ("avd", "dept"):
        return True
    if text[:1].isupper() and not starts_with_title(text) and (
        words[-1].endswith(lexicon.ORG_WORD_ENDINGS) or words[0].endswith(lexicon.ORG_WORD_ENDINGS)
    ):
        return True  # Skånes universitetssjukhus, Svenska Innebandyförbundet, Polisregion Väst
    if lexicon.ORG_PATTERN.match(text):
        return True
    has_title = any(is_title_word(w) for w in words)
    if has_title:
        return False
    return (any(w in lexicon.ORG_SUFFIXES for w in words) and text[:1].isupper()) or words[0] == "the"


def split_title_org(text: str) -> tuple[str | None, str | None]:
    """('Kommunalråd', 'Skellefteå kommun') from 'Kommunalråd Skellefteå kommun'; a text that is one or the other."""
    if is_org(text) and not starts_with_title(text):
        return None, text
    workplace = _WORKPLACE.match(text)
    if workplace and starts_with_title(workplace["title"]) and not _is_unit(workplace["org"]) and not is_name(workplace["org"]):
        return workplace["title"], workplace["org"]
    tokens = text.split()
    for cut in range(1, len(tokens)):
        head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        if (
            tokens[cut][:1].isupper()
            and (tokens[cut - 1][:1].islower() or cut == 1)
            and not _PREPOSITION_END.search(head)
            and is_org(tail)
            and starts_with_title(head)
        ):
            return head, tail
    return text, None


def _is_unit(text: str) -> bool:
    """A unit inside an organisation ("Viltanalysenheten", "Hälso- och sjukvårdskansliet i Borås"): part of a title."""
    first = text.split(" i ")[0].split()
    return bool(first) and first[-1].lower().endswith(lexicon.UNIT_ENDINGS)


def is_english_title(text: str) -> bool:
    """A title in English inside a Nordic block ("CEO", "Country Manager Sweden")."""
    words = [w.strip(",.").lower() for w in text.split()]
    return (
        all(w.isascii() for w in words)
        and any(w in lexicon.ENGLISH_TITLE_WORDS for w in words)
        and not any(is_title_word(w) and w not in lexicon.ENGLISH_TITLE_WORDS and not w.isascii() for w in words)
    )
