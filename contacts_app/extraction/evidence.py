"""The evidence that a line holds a way to reach someone: phone numbers and email addresses, and what is prose.

Numbers are found by phonenumbers' matcher (every way people write them: 070-595 60 85, +46 723 877 438,
08-123 456 78, (0)40 …), addresses by their shape, also when written against harvesters (name[at]domain).
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency

#: An email address (a Cloudflare "[email protected]" placeholder has no @ and is never one).
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<![.])", re.UNICODE)
#: Addresses written to fool harvesters: anna.andersson[at]umea.se, anna.andersson (at) umea.se.
OBFUSCATED_AT = re.compile(r"(?<=[\w.])\s*[\[(]\s*(?:at|snabel-a)\s*[\])]\s*(?=[\w-]+[.\[(])", re.IGNORECASE)
OBFUSCATED_DOT = re.compile(r"\s*[\[(]\s*(?:dot|punkt)\s*[\])]\s*", re.IGNORECASE)
_HAS_OBFUSCATION = re.compile(r"[\[(]\s*(?:at|snabel-a)\s*[\])]", re.IGNORECASE)
#: The phone region of each release language (Swedish releases, and any other, dial as from Sweden).
REGIONS = {"nb": "NO", "nn": "NO", "da": "DK", "fi": "FI"}

_NOT_NUMBERS = re.compile(
    r"\b\d{1,2}[.:]\d{2}\s*[–—-]\s*\d{1,2}[.:]\d{2}\b|(?<![\d-])(?<!\d\s)\b(?:19|20)\d\d\s*[–—-]\s*(?:19|20)?\d\d\b(?![\s-]?\d)"
)

#: Longer lines are not contact lines: they are never searched for people (and cannot slow the import down).
MAX_LINE = 2000


_GLUED = re.compile(r"(?<=[a-zåäöæøüé])(?=[A-ZÅÄÖÆØÜ][a-zåäöæøüé]+)|(?<=\d)(?=[A-ZÅÄÖÆØÜ](?:[a-zåäöæøüé]{2,}|[A-ZÅÄÖ]+\b))")
#: An address glued to the number before it or the word after it: "15 40niklas.g@m.seOm oss".
_GLUED_BEFORE_ADDRESS = re.compile(r"(?<=[\s-]\d\d)(?=[a-zåäö][\w.-]*@)")
_GLUED_AFTER_ADDRESS = re.compile(r"(@(?:[a-z0-9-]+\.)+[a-z]{2,})(?=[A-ZÅÄÖ])")
#: A phone label glued to the word before it: "Metsä Grouppuh. 010 465 4541".
_GLUED_LABEL = re.compile(r"(?<=[a-zåäö]{3})(?<!\s)(puh|tel|tfn|tlf|mob)(\.?\s*[+(]?\d)")
#: "Press - och opinionschef": the first half of a compound, spaced like a dash.
_SPACED_COMPOUND = re.compile(r"(?<=[a-zåäö])(\w) - (och|eller|og|and) ")
_WORD_AT = re.compile(r"[A-ZÅÄÖÆØÜ](?:[a-zåäöæøüé]+|[A-ZÅÄÖ]+\b)")


def unglued(line: str, known: frozenset[str]) -> str:
    """Words a flattened page glued together taken apart: "Jacob AndersenRedaktør" → "Jacob Andersen, Redaktør".

    Only before a word the extractor knows (a title, a first name, a heading word), so "SkiStar" stays whole."""
    if len(line) > MAX_LINE:
        return line
    line = _GLUED_AFTER_ADDRESS.sub(r"\1 ", _GLUED_BEFORE_ADDRESS.sub(" ", line))
    line = _GLUED_LABEL.sub(r", \1\2", line)
    line = _SPACED_COMPOUND.sub(r"\1- \2", line)
    if not _GLUED.search(line):
        return line
    pieces, start = [], 0
    for match in _GLUED.finditer(line):
        word = _WORD_AT.match(line, match.start())
        if word and word.group().lower() in known and not EMAIL.match(line, _token_start(line, match.start())):
            pieces.append(line[start : match.start()])
            start = match.start()
    pieces.append(line[start:])
    return ", ".join(pieces) if len(pieces) > 1 else line


def _token_start(line: str, at: int) -> int:
    """Where the white-space-delimited token holding position `at` starts."""
    return line.rfind(" ", 0, at) + 1


def deobfuscated(line: str) -> str:
    """The line with harvester-proofed addresses written plainly, and spans of times and years (08.00–16.00,
    2019–2022) blanked, so the number matcher cannot read them as numbers (eight digits dial in Denmark)."""
    if _HAS_OBFUSCATION.search(line):
        line = OBFUSCATED_AT.sub("@", OBFUSCATED_DOT.sub(".", line))
    return _NOT_NUMBERS.sub(lambda m: " " * len(m.group()), line)


@lru_cache(maxsize=4096)
def has_contact_data(line: str, region: str = "SE") -> bool:
    """True when the line holds an email address or a phone number valid in (or dialled from) `region`."""
    if len(line) > MAX_LINE:
        return False
    line = deobfuscated(line)
    return bool(EMAIL.search(line)) or phonenumbers.PhoneNumberMatcher(line, region, leniency=Leniency.VALID).has_next()


def is_prose(line: str, region: str = "SE") -> bool:
    """A sentence of the release body, not a line of a contact block."""
    if has_contact_data(line, region):
        return False
    words = line.split()
    lower = sum(w[:1].islower() for w in words)
    return len(words) >= 12 or (
        len(words) >= 8 and (line.rstrip().endswith((".", "!", "?", "”", '"')) or lower * 2 > len(words))
    )


def without_evidence(line: str) -> str:
    """The line with its addresses and numbers taken out, so its words can be counted."""
    line = EMAIL.sub(" ", deobfuscated(line))
    return re.sub(r"[+(]?\d[\d\s()./-]{5,}\d", " ", line)


#: Words that make a line with a number a sentence rather than a list of fields.
_SENTENCE_WORDS = frozenset(
    "är er is are var was kan can finns nås når reached available tillgänglig tilgjengelig som who kontakta contact".split()
)


def is_contact_sentence(line: str, region: str = "SE") -> bool:
    """A sentence of prose that holds a number or an address ("kontakta gärna Anna Berg 070-… för att …")."""
    if not has_contact_data(line, region):
        return False
    words = without_evidence(line).split()
    lower = sum(w[:1].islower() for w in words)
    if lower * 2 < len(words):
        return False
    return len(words) >= 14 or (len(words) >= 8 and any(w.lower() in _SENTENCE_WORDS for w in words))


_NORDIC_DOMAINS = {"se": "SE", "fi": "FI", "no": "NO", "dk": "DK"}


def region_of(lines, default: str) -> str:
    """The country whose numbers a release prints: the language's, unless all its Nordic addresses end in
    another Nordic country's domain (a Finland-Swedish release prints "09-771 27 15" for Helsinki)."""
    domains = [m.group().rsplit(".", 1)[-1].lower() for line in lines if len(line) <= MAX_LINE for m in EMAIL.finditer(line)]
    countries = [_NORDIC_DOMAINS[d] for d in domains if d in _NORDIC_DOMAINS]
    if not countries:
        return default
    # Only when every Nordic address agrees: a Swedish release with a Danish partner's addresses stays Swedish.
    return countries[0] if len(set(countries)) == 1 else default
