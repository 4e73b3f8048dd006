"""Contacts written into sentences: "kontakta gärna fiskekonsulenten Anna Berg, 070-… för att …",
"Pressekontaktar er statssekretær X, telefon …, e-post … og kommunikasjonsrådgivar Y, telefon …".

In a sentence the evidence (a number, an address) belongs to the nearest name before it, and a name counts
only when evidence follows it closely or a contact cue ("kontakta", "contact", "rettes til") comes just before
it. A name after a verb of saying ("säger X") is a quote, never a contact. The words just before a name are
its title when they end like a job ("kommunikationschef", "pressesekretær"); the words between a name and its
evidence are its title when they are few.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers
from phonenumbers import Leniency

from contacts_app.extraction import lexicon
from contacts_app.extraction.evidence import EMAIL, MAX_LINE, deobfuscated
from contacts_app.extraction.fields import is_name, is_title_word, label_in, split_party, strong_name
from contacts_app.model.phone import Phone
from contacts_app.normalise.name_match import fits, is_role_address
from contacts_app.normalise.phones import LABEL_WORDS, PHONE_WORDS, PhoneError, parse_phone

_NAME = re.compile(
    r"(?<![\w@.])[A-ZÅÄÖÆØÜÉ][\w’'-]+(?:\s+(?:(?:af|von|van|der|de|la|du)\s+)?[A-ZÅÄÖÆØÜÉ][\w’'-]+){1,3}"
    r"(?:\s*\(\s*[A-Za-zÅÄÖåäö]{1,4}\s*\))?"
)
_WORD = re.compile(r"[\w’'-]+")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖÆØ])")
_PERSONAL_LABEL = re.compile(r"(?:tel|tfn|telefon|mobil|mobile|e-?post|e-?mail|mail|phone|puh|tlf|direkt|direct)\b", re.IGNORECASE)
#: How many words may stand between a name and its evidence.
_REACH = 14


@dataclass
class Mention:
    """A person a sentence names as a contact, with what the sentence gives them."""

    name: str
    party: str | None = None
    title: str | None = None
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    cued: bool = False
    span: tuple[int, int] = (0, 0)


def mentions(line: str, region: str) -> list[Mention]:
    """The contacts a prose line names, in order."""
    if len(line) > MAX_LINE:
        return []
    line = deobfuscated(line)
    anchors = _anchors(line, region)
    people: list[Mention] = []
    for name in _names(line):
        before = line[max(0, name.start() - 80) : name.start()]
        if lexicon.SAYING.search(before):
            continue
        role = lexicon.ROLE_IS.search(before)
        cued = bool(role or lexicon.PROSE_CUE.search(before[-40:]))
        following = [a for a in anchors if a[0] >= name.end()]
        near = bool(following) and len(_WORD.findall(line[name.end() : following[0][0]])) <= _REACH
        if not (cued or near):
            continue
        bare, party = split_party(name.group())
        title = role.group("role") if role else _title_before(before)
        if _believable(bare, title, anchors) or lexicon.CUE_JUST_BEFORE.search(before):
            people.append(Mention(bare, party, title or None, cued=cued, span=(name.start(), name.end())))
    _give_anchors(people, anchors, line)
    return [p for p in people if p.phones or p.emails or (p.cued and p.title)]


def _believable(name: str, title: str, anchors) -> bool:
    """A person's name, not a place or a phrase: a known first name, a job just before it, or an address that fits it."""
    if name.split()[0].lower() in lexicon.NOT_NAME_STARTS:
        return False
    return strong_name(name) or bool(title) or any(kind == "email" and fits(name, value) for _, kind, value in anchors)


def _anchors(line: str, region: str) -> list[tuple[int, str, object]]:
    """(position, kind, value) of every address and valid number in the line."""
    found: list[tuple[int, str, object]] = [(m.start(), "email", m.group()) for m in EMAIL.finditer(line)]
    for match in phonenumbers.PhoneNumberMatcher(line, region, leniency=Leniency.VALID):
        label = label_in(line[max(0, match.start - 16) : match.start])
        try:
            found.append((match.start, "phone", parse_phone(match.raw_string, label, region)))
        except PhoneError:
            continue
    return sorted(found, key=lambda a: a[0])


def _names(line: str):
    """Name-shaped runs of capitalised words, without a sentence's capitalised first word."""
    for match in _NAME.finditer(line):
        text = match.group()
        bare = split_party(text)[0]
        if is_name(bare):
            yield match
            continue
        # "Kontakta Anna Berg": drop a leading word that is not part of the name.
        words = bare.split()
        if len(words) >= 3 and is_name(" ".join(words[1:])) or (len(words) >= 3 and words[0].lower() in lexicon.NOT_NAME_STARTS):
            start = match.start() + text.index(words[1])
            inner = _NAME.match(line, start)
            if inner:
                yield inner


def _title_before(before: str) -> str:
    """The job words just before a name: "… till biträdande kommunikationschef" → "biträdande kommunikationschef",
    "hälso- och sjukvårdsdirektör", "press officer"."""
    words = before.rstrip().split()
    if not words or not _is_job(words[-1]) or words[-1].endswith((",", ".", ":")):
        return ""
    take = 1
    while take < min(len(words), 5):
        previous = words[-take - 1].lower()
        if previous.endswith("-"):
            take += 1
        elif previous in ("och", "eller", "og", "and", "&") and take + 1 < len(words) and words[-take - 2].endswith("-"):
            take += 2
        elif previous in lexicon.TITLE_MODIFIERS or (previous in lexicon.TITLE_WORDS and words[-take - 1][:1].islower()):
            take += 1
        else:
            break
    return " ".join(words[-take:])


def _is_job(word: str) -> bool:
    """A job word, also in its definite form ("säkerhetschefen", "fiskekonsulenten")."""
    word = word.strip(",.:;").lower()
    if len(word) < 3 or word in PHONE_WORDS or word in LABEL_WORDS:
        return False
    return is_title_word(word) or any(
        len(word) > len(end) + 4 and is_title_word(word[: -len(end)]) for end in ("en", "n", "et") if word.endswith(end)
    )


def _give_anchors(people: list[Mention], anchors: list[tuple[int, str, object]], line: str) -> None:
    """Each number and address to the nearest person named before it; their title from the words between."""
    for position, kind, value in anchors:
        owner = None
        for person in people:
            if person.span[1] <= position:
                owner = person
        if owner is None or _new_sentence_between(line, owner.span[1], position):
            continue  # evidence in a later sentence ("… Växel 08-…. Fax …") is not the person's
        if kind == "email":
            if value.lower() not in (e.lower() for e in owner.emails):
                owner.emails.append(value)
        elif all(p.e164 != value.e164 for p in owner.phones):
            owner.phones.append(value)
        if not owner.title:
            owner.title = _title_after(line[owner.span[1] : position]) or None


def _new_sentence_between(line: str, start: int, end: int) -> bool:
    """True when a sentence that does not begin with a personal label ("Tel", "Mobil", "E-post") starts between."""
    for boundary in _SENTENCE_END.finditer(line, start, end):
        if not _PERSONAL_LABEL.match(line, boundary.end()):
            return True
    return False


def _title_after(between: str) -> str:
    """ "Anna Berg, presschef, tel. 070-…": the few words between a name and its evidence, as a title."""
    text = between.strip(" ,.:;–-")
    text = re.split(r"[,;]\s*(?:tel|tfn|telefon|phone|mobil|e-?post|e-?mail|puh|tlf)\b|\s(?:på|on|at|tel|tfn|telefon|phone|puh|tlf)\b", text, flags=re.IGNORECASE)[0]
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts or len(parts[0].split()) > 6 or not any(_is_job(w) for w in parts[0].split()):
        return ""
    return parts[0]


def title_in_text(name: str, lines) -> str | None:
    """A title the release's sentences give a person: "Anna Berg, styrelsens ordförande, …" or "presschef Anna Berg"."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for line in lines:
        if len(line) > MAX_LINE or name not in line:
            continue
        for match in pattern.finditer(line):
            before = line[max(0, match.start() - 80) : match.start()]
            if lexicon.SAYING.search(before):
                continue
            title = _title_before(before) or _appositive(line[match.end() : match.end() + 120])
            if title:
                return title
    return None


def _appositive(after: str) -> str:
    """ ", styrelsens ordförande, och …": a job phrase set off by commas right after a name."""
    match = re.match(r"\s*([,.])\s*([^,.;:()]{2,80}?)\s*(?:,|\.|\s(?:och|and|og|samt)\s|$)", after)
    if not match:
        return ""
    words = match.group(2).split()
    # After a comma a title is lower case ("…, styrelsens ordförande,"); after a full stop it starts the sentence.
    capital_ok = match.group(1) == "." or words[0][:1].islower()
    return match.group(2) if len(words) <= 6 and capital_ok and any(_is_job(w) for w in words) else ""


def nearest_names(lines, region: str) -> list[Mention]:
    """The last resort for a release that gave no contact though it shows evidence: each line's numbers and
    addresses go to the last name-shaped words before them on that line, or else at the end of the line above."""
    people: list[Mention] = []
    for at, line in enumerate(lines):
        anchors = _anchors(deobfuscated(line), region) if len(line) <= MAX_LINE else []
        anchors = [a for a in anchors if a[1] == "phone" or not is_role_address(a[2])]
        if not anchors:
            continue
        here = [m for m in _names(line[: anchors[0][0]]) if not lexicon.SAYING.search(line[: m.start()])]
        # The line above only when it is a name line, not a sentence that mentions someone.
        above = list(_names(lines[at - 1])) if at and not here and len(lines[at - 1].split()) <= 6 else []
        for match in (here or above)[-1:]:
            bare, party = split_party(match.group())
            if not (strong_name(bare) or any(kind == "email" and fits(bare, value) for _, kind, value in anchors)):
                continue
            person = Mention(bare, party, span=(0, 0))
            for _, kind, value in anchors:
                (person.emails if kind == "email" else person.phones).append(value)
            people.append(person)
    return people
