"""Press-release text to candidate contact records, found by their evidence.

Numbers and addresses are the anchors. Where they sit in short lines, a block forms around them
(blocks.py), opened by a heading where there is one ("För mer information kontakta:", "Media contact")
and grown from the evidence where there is none; each block line is cut into fields (fields.py), and
fields are grouped into people: a name opens a record, what follows belongs to it. Where they sit in
sentences, the nearest name before them owns them (prose.py). People named in the body without a way
to reach them are not contacts. The same person seen twice (Swedish and English block, body and
footer) becomes one record, inference.py adds what the text implies, and every number or address
left unused becomes a finding (skipped.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from contacts_app.extraction import lexicon
from contacts_app.extraction.blocks import Block, find_blocks
from contacts_app.extraction.dates import release_date
from contacts_app.extraction.evidence import REGIONS, unglued
from contacts_app.extraction.fields import (
    Field,
    column_headings,
    fields_of_line,
    is_english_title,
    is_org,
    split_title_org,
    starts_with_title,
)
from contacts_app.extraction.inference import finish
from contacts_app.extraction.language import language_of_text
from contacts_app.extraction.prose import Mention, mentions, title_in_text
from contacts_app.extraction.release_text import Release
from contacts_app.extraction.skipped import skipped
from contacts_app.model.finding import Finding
from contacts_app.model.phone import Phone
from contacts_app.normalise.name_match import fold
from contacts_app.normalise.phones import LABEL_WORDS

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

    def add_phone(self, phone: Phone) -> None:
        """Add a number once; a label seen the second time fills a missing one."""
        for i, known in enumerate(self.phones):
            if known.e164 == phone.e164:
                if phone.label and not known.label:
                    self.phones[i] = phone
                return
        self.phones.append(phone)

    def add_email(self, email: str) -> None:
        """Add an address once (compared without case)."""
        if email.lower() not in (e.lower() for e in self.emails):
            self.emails.append(email)

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
    skipped: tuple[Finding, ...] = ()


# -- grouping -------------------------------------------------------------------------------------


def _people_of_block(block: Block) -> list[Candidate]:
    """The people (and desks) of one block, in order."""
    people: list[Candidate] = []
    current: Candidate | None = None
    headings: dict[int, str] = {}
    region = REGIONS.get(block.lang, "SE")
    for line in block.lines:
        line = lexicon.CONTACT_TOPIC.sub("", line)
        fields = fields_of_line(line, region)
        headings = column_headings(fields) or headings
        if lexicon.SHARED_LINE.match(line):
            _share(people, fields, LABEL_WORDS.get(next((w for w in re.findall(r"\w+", line.lower()) if w in LABEL_WORDS), "")))
            continue
        pending: list[str] = []  # text before the line's name: "Kommunikationschef – Anna Berg – anna@…"
        for item in fields:
            if item.kind == "desk" and current and (
                (current.kind == "desk" and not current.reachable) or (item.label_only and current.kind == "person")
            ):
                continue  # "Presstjänsten" then "Presstelefon: 031-...", or a person's "Press line: ...": a label
            if item.kind in ("name", "desk"):
                current = Candidate(kind="person" if item.kind == "name" else "desk", name=item.text, party=item.party)
                current.languages.append(block.lang)
                people.append(current)
                for text in [*pending, *filter(None, [item.title_before])]:
                    _add_text(current, text, block.lang)
                pending = []
            elif item.kind == "text" and not any(f.kind in ("name", "desk") for f in fields[: fields.index(item)]) and any(
                f.kind in ("name", "desk") for f in fields[fields.index(item) :]
            ):
                pending.append(item.text)
            elif item.kind == "address":
                current = None  # the sender's address: its switchboard and fax are nobody's
            elif current is None:
                continue
            elif item.kind == "phone":
                current.add_phone(_column_label(item, headings))
            elif item.kind == "email":
                current.add_email(item.text)
            elif item.text.lower() not in lexicon.COLUMN_HEADINGS:
                _add_text(current, item.text, block.lang)
    return people


def _column_label(item: Field, headings: dict[int, str]) -> Phone:
    """A number in a table column headed Mobil or Direkt gets that label."""
    phone = item.phone
    label = LABEL_WORDS.get(headings.get(item.column, ""))
    if phone.label or not label:
        return phone
    return phone.labelled(label)


def _share(people: list[Candidate], fields: list[Field], label: str | None) -> None:
    """'Båda nås via växeln, 08-…': the numbers go to everyone listed so far who has none."""
    for person in people:
        if person.kind == "person" and not person.phones:
            for item in fields:
                if item.kind == "phone":
                    phone = item.phone
                    if label and not phone.label:
                        phone = phone.labelled(label)
                    person.add_phone(phone)


def _add_text(person: Candidate, text: str, lang: str) -> None:
    """Give a text field to a person as title and/or organisation."""
    if person.kind == "desk":
        if is_org(text) and lang not in person.organisation:
            person.organisation[lang] = text
        return
    title, org = split_title_org(text)
    if org and lang not in person.organisation:
        person.organisation[lang] = org
    if not title:
        return
    title_lang = "en" if lang != "en" and is_english_title(title) else lang
    if title_lang not in person.title:
        person.title[title_lang] = title
    elif title[:1].islower() and len(title.split()) <= 3 and not starts_with_title(title) and not org:
        # "Förbundskapten, damlandslaget": the lower-case part after a comma still belongs to the title.
        person.title[title_lang] += f", {title}"


# -- putting it together --------------------------------------------------------------------------


def merge_people(groups: list[list[Candidate]]) -> list[Candidate]:
    """One record per person across blocks: matched by name or by email address."""
    merged: list[Candidate] = []
    for person in (p for people in groups for p in people):
        same = next((m for m in merged if _same(m, person)), None)
        if same is None:
            merged.append(person)
            continue
        if person.name and same.name and len(person.name.split()) > len(same.name.split()):
            same.name = person.name  # the fuller spelling
        for lang, text in person.title.items():
            same.title.setdefault(lang, text)
        for lang, text in person.organisation.items():
            same.organisation.setdefault(lang, text)
        same.party = same.party or person.party
        for phone in person.phones:
            same.add_phone(phone)
        for email in person.emails:
            same.add_email(email)
        same.languages += [lang for lang in person.languages if lang not in same.languages]
    return merged


def _same(a: Candidate, b: Candidate) -> bool:
    """The same person (or desk) seen twice."""
    if a.kind != b.kind:
        return False
    if {e.lower() for e in a.emails} & {e.lower() for e in b.emails}:
        return True
    return bool(a.name and b.name and (fold(a.name) == fold(b.name) or _same_name_shorter(a.name, b.name)))


def _same_name_shorter(a: str, b: str) -> bool:
    """ "Jacob Andersen" and "Jacob Bech Andersen": first and last names agree, one leaves out a middle name."""
    x, y = fold(a).split(), fold(b).split()
    short, long = sorted((x, y), key=len)
    return len(short) >= 2 and len(long) > len(short) and short[0] == long[0] and short[-1] == long[-1] and set(short) <= set(long)


def extract(release: Release) -> Extraction:
    """Every spokesperson (and press desk) a release gives a way to reach."""
    release = replace(release, lines=tuple(unglued(line, lexicon.GLUE_WORDS) for line in release.lines))
    lang = language_of_text(release.lines)
    region = REGIONS.get(lang, "SE")
    blocks = find_blocks(release.lines, lang)
    in_blocks = {index for block in blocks for index in block.indexes}
    found = [_people_of_block(b) or _read_as_prose(b, release, region) for b in blocks]
    # With a contact heading in the release, the body's numbers (a dial-in, a line for relatives) need a cue.
    headed = any(b.headed and people for b, people in zip(blocks, found))
    found.append(_people_of_prose(release, in_blocks, lang, region, cued_only=headed))
    people = merge_people(found)
    for person in people:
        if person.kind == "person" and not person.title and person.name:
            title = title_in_text(person.name, release.lines)
            if title:
                _add_text(person, title, lang)
        finish(person)
    candidates = tuple(p for p in people if p.name and (p.reachable or (p.kind == "person" and p.title)))
    languages = tuple(dict.fromkeys(lang for c in candidates for lang in c.languages))
    return Extraction(release, candidates, languages, release_date(release), skipped(release, region, candidates))


def _read_as_prose(block: Block, release: Release, region: str) -> list[Candidate]:
    """A block grown from evidence that names nobody read as a sentence: "… via sms till kommunikationschef X,
    076 …", or "… kan rettes til Morten Skjønsberg:" just above "mms@fotball.no / +47 …"."""
    if block.headed or not block.lines:
        return []
    first = block.indexes[0]
    above = release.lines[first - 1] if first and release.lines[first - 1].rstrip().endswith(":") else ""
    text = " ".join([above, *block.lines]).strip()
    return [_candidate_of(m, block.lang) for m in mentions(text, region)]


def _people_of_prose(release: Release, in_blocks: set[int], lang: str, region: str, cued_only: bool) -> list[Candidate]:
    """The contacts named in sentences outside the blocks (with cued_only, those a contact cue introduces)."""
    people = []
    for index, line in enumerate(release.lines):
        if index in in_blocks:
            continue
        for mention in mentions(line, region):
            if mention.cued or not cued_only:
                people.append(_candidate_of(mention, lang))
    return people


def _candidate_of(mention: Mention, lang: str) -> Candidate:
    """A prose mention as a candidate record."""
    person = Candidate(name=mention.name, party=mention.party, languages=[lang])
    if mention.title:
        _add_text(person, mention.title, lang)
    for phone in mention.phones:
        person.add_phone(phone)
    for email in mention.emails:
        person.add_email(email)
    return person
