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

from dataclasses import dataclass, replace

from contacts_app.extraction import lexicon
from contacts_app.extraction.blocks import Block, find_blocks
from contacts_app.extraction.candidate import Candidate
from contacts_app.extraction.dates import release_date
from contacts_app.extraction.evidence import EMAIL, MAX_LINE, REGIONS, region_of, unglued
from contacts_app.extraction.inference import finish
from contacts_app.extraction.language import language_of_text
from contacts_app.extraction.people import add_text, merge_people, people_of_block
from contacts_app.extraction.prose import Mention, mentions, nearest_names, title_in_text
from contacts_app.extraction.release_text import Release
from contacts_app.extraction.skipped import skipped
from contacts_app.model.finding import Finding
from contacts_app.normalise.name_match import fits


@dataclass(frozen=True)
class Extraction:
    """What a release yielded: its candidates, the languages of its blocks, and its date if printed."""

    release: Release
    candidates: tuple[Candidate, ...]
    languages: tuple[str, ...]
    date: str | None
    skipped: tuple[Finding, ...] = ()


# -- grouping -------------------------------------------------------------------------------------


def extract(release: Release) -> Extraction:
    """Every spokesperson (and press desk) a release gives a way to reach."""
    release = replace(release, lines=tuple(unglued(line, lexicon.GLUE_WORDS) for line in release.lines))
    lang = language_of_text(release.lines)
    region = region_of(release.lines, REGIONS.get(lang, "SE"))
    blocks = find_blocks(release.lines, lang, region)
    in_blocks = {index for block in blocks for index in block.indexes}
    found = [people_of_block(b) or _read_as_prose(b, release, region) for b in blocks]
    # With a contact heading in the release, the body's numbers (a dial-in, a line for relatives) need a cue.
    headed = any(b.headed and people for b, people in zip(blocks, found))
    found.append(_people_of_prose(release, in_blocks, lang, region, cued_only=headed))
    people = merge_people(found)
    _give_spelt_addresses(people, release.lines)
    for person in people:
        if person.kind == "person" and not person.title and person.name:
            title = title_in_text(person.name, release.lines)
            if title:
                add_text(person, title, lang)
        finish(person)
    candidates = tuple(p for p in people if p.name and (p.reachable or (p.kind == "person" and p.title)))
    if not candidates:  # a person sees a contact beside a number even where no rule above did
        candidates = tuple(merge_people([[_candidate_of(m, lang) for m in nearest_names(release.lines, region)]]))
    languages = tuple(dict.fromkeys(lang for c in candidates for lang in c.languages))
    return Extraction(release, candidates, languages, release_date(release), skipped(release, region, candidates))


def _give_spelt_addresses(people: list[Candidate], lines) -> None:
    """An address elsewhere in the release whose local part spells one person's name is theirs
    ("Anmälan: thomas.a.jonsson@…" for the footer's Thomas Jonsson)."""
    owned = {e.lower() for p in people for e in p.emails}
    for email in dict.fromkeys(m.group() for line in lines if len(line) <= MAX_LINE for m in EMAIL.finditer(line)):
        if email.lower() in owned:
            continue
        owners = [p for p in people if p.kind == "person" and p.name and fits(p.name, email)]
        if len(owners) == 1:
            owners[0].add_email(email)


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
        add_text(person, mention.title, lang)
    for phone in mention.phones:
        person.add_phone(phone)
    for email in mention.emails:
        person.add_email(email)
    return person
