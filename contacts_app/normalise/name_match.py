"""Does a personal email address fit the person's name? And if it nearly does, what was meant?

Organisations build addresses from names in a handful of ways: first.last, f.last, first-last,
firstlast, a middle initial (emma.e.johansson), one or both of a double surname, hyphenated first
names, with å/ä/ö folded to a/a/o (or aa/ae/oe). An address that fits none of them but comes within
a letter or two of one is most likely a typo in the release (richard.carstedt for Rickard Carstedt).
An address that resembles the name not at all follows some other scheme, and is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

#: Local parts (or parts of them) that name a function, not a person: not compared with names.
ROLE_WORDS = frozenset(
    """
    press pressjour presstjanst presstjansten pressinfo pressrum pressekreterare media medie
    medierelationer info information registrator registrar registratur diarium kansli kommunikation
    kommunikationsavdelningen kommun kontakt contact kundtjanst kundservice service servicecenter
    kontaktcenter reception vaxel news nyheter redaktion webmaster webb web noreply postmaster post
    mail support communications office admin jour pr
    """.split()
)

_SIMPLE_FOLD = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "þ": "th"})
_GERMAN_FOLD = str.maketrans({"å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "æ": "ae"})
_NAME_SPLIT = re.compile(r"[\s\-‐–.,]+")
_LOCAL_SPLIT = re.compile(r"[._\-]+")
_PARENTHESES = re.compile(r"\([^)]*\)")
#: The combining accents of Latin letters (U+0300 to U+036F, all but the grapheme joiner, which does not combine):
#: taken away in one pass, the text of nearly every name is ASCII (a loop over its characters cost more).
_ACCENTS = re.compile("[\u0300-\u034e\u0350-\u036f]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII form of a name or address part: Åsa Öberg → asa oberg."""
    text = text.lower().translate(_SIMPLE_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = _ACCENTS.sub("", decomposed)
    if not bare.isascii():  # a letter beyond Latin accents: each character asked whether it combines
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("'", "").replace("’", "")


@lru_cache(maxsize=65536)
def _variants(token: str) -> tuple[str, ...]:
    """The ways an organisation may spell one name token in an address (å as a, or as aa)."""
    simple = fold(token)
    german = fold(token.lower().translate(_GERMAN_FOLD))
    return (simple,) if simple == german else (simple, german)


def name_tokens(name: str) -> list[str]:
    """The parts of a name, without a party marker: 'Anna-Karin Öberg (S)' → Anna, Karin, Öberg."""
    return [t for t in _NAME_SPLIT.split(_PARENTHESES.sub(" ", name)) if t]


def _spellings(tokens: list[str]) -> set[str]:
    """Every token spelling, and runs of consecutive tokens written together (hellmarkknutsson)."""
    options = [_variants(t) for t in tokens]
    out: set[str] = set()
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + 3, len(tokens)) + 1):
            out.update("".join(parts) for parts in product(*options[start:end]))
    return out


def _explains(part: str, spellings: set[str], initials: str) -> str | None:
    """How a local-part piece relates to the name: 'full', 'initial', or None when it does not."""
    if part in spellings:
        return "full"
    if len(part) > 2 and part[0] in initials and part[1:] in spellings:
        return "full"
    if len(part) == 1 or (len(part) <= 3 and all(ch in initials for ch in part)):
        return "initial"
    return None


def _pieces(local: str) -> list[str]:
    """The comparable pieces of a local part: folded, split at . _ -, without a +tag or trailing digits."""
    local = fold(local.split("+", 1)[0])
    return [p.rstrip("0123456789") for p in _LOCAL_SPLIT.split(local) if p.rstrip("0123456789")]


def is_role_address(email: str) -> bool:
    """True for addresses of a function (press@, info@, registrator@) rather than a person."""
    return any(piece in ROLE_WORDS for piece in _pieces(email.rpartition("@")[0]))


def fits(name: str, email: str) -> bool:
    """True when the address's local part is one of the usual ways to write the name."""
    tokens = name_tokens(name)
    pieces = _pieces(email.rpartition("@")[0])
    spellings = _spellings(tokens)
    initials = "".join(fold(t)[:1] for t in tokens)
    kinds = [_explains(p, spellings, initials) for p in pieces]
    return bool(kinds) and None not in kinds and "full" in kinds


def suggest(name: str, email: str) -> str | None:
    """The address most likely meant, when this one is a near miss of the name; otherwise None."""
    if is_role_address(email) or fits(name, email):
        return None
    local, _, domain = email.rpartition("@")
    spellings = _spellings(name_tokens(name))
    repaired = local
    for piece in _LOCAL_SPLIT.split(local):
        folded = fold(piece)
        if not folded or folded in spellings:
            continue
        best = _nearest(folded, spellings)
        if best is None:
            return None
        repaired = repaired.replace(piece, best, 1)
    candidate = f"{repaired}@{domain}"
    return candidate if candidate != email and fits(name, candidate) else None


def _nearest(piece: str, spellings: set[str]) -> str | None:
    """The spelling within typo distance of a piece (one edit, two for long words), if exactly one is closest."""
    if len(piece) < 4:
        return None
    allowed = 1 if len(piece) < 7 else 2
    scored = sorted((distance(piece, s), s) for s in spellings if abs(len(s) - len(piece)) <= allowed)
    if not scored or scored[0][0] > allowed:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1] != scored[0][1]:
        return None
    return scored[0][1]


def distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, prev2[j - 2] + 1)
            row.append(value)
        prev2, prev = prev, row
    return prev[-1]
