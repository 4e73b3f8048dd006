"""Fields of a block's lines grouped into people: a name opens a record, what follows belongs to it; and the same
person seen twice (Swedish and English block, body and footer) merged into one record."""

from __future__ import annotations

import re

from contacts_app.extraction import lexicon
from contacts_app.extraction.blocks import Block
from contacts_app.extraction.candidate import Candidate
from contacts_app.extraction.fields import (
    Field,
    fields_of_line,
    is_english_title,
    is_name,
    is_org,
    is_title_word,
    split_party,
    split_title_org,
    starts_with_title,
)
from contacts_app.model.phone import Phone
from contacts_app.normalise.name_match import fits, fold
from contacts_app.normalise.phones import LABEL_WORDS


def people_of_block(block: Block) -> list[Candidate]:
    """The people (and desks) of one block, in order."""
    people: list[Candidate] = []
    current: Candidate | None = None
    headings: dict[int, str] = {}
    region = block.region
    for line in block.lines:
        line = lexicon.CONTACT_TOPIC.sub("", line)
        fields = _with_evidenced_names(fields_of_line(line, region))
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
                    add_text(current, text, block.lang)
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
                add_text(current, item.text, block.lang)
    return people


def _with_evidenced_names(fields: list[Field]) -> list[Field]:
    """Name-shaped text made a name where the line gives evidence for it: a job just before it ("VD – Dan
    Törnsten – …") or an address after it that spells it (dan.tornsten@…)."""
    out = list(fields)
    for at, item in enumerate(fields):
        if item.kind != "text" or not is_name(split_party(item.text)[0]):
            continue
        job_before = at > 0 and fields[at - 1].kind == "text" and any(is_title_word(w) for w in fields[at - 1].text.split())
        spelt = any(f.kind == "email" and fits(item.text, f.text) for f in fields[at + 1 :])
        if job_before or spelt:
            bare, party = split_party(item.text)
            out[at] = Field("name", bare, party=party)
    return out


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


def add_text(person: Candidate, text: str, lang: str) -> None:
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
    elif (
        (title[:1].islower() or _is_area(title))
        and len(title.split()) <= 3
        and not starts_with_title(title)
        and not org
        and ", " not in person.title[title_lang]
    ):
        # "Förbundskapten, damlandslaget", "SVP, Communications": the part after a comma still belongs to the title.
        person.title[title_lang] += f", {title}"


def _is_area(text: str) -> bool:
    """A field of work that completes a title: Communications, Investor Relations, Marketing."""
    return all(w.lower() in lexicon.WORK_AREAS for w in text.replace("&", " ").split())


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


def column_headings(fields: list[Field]) -> dict[int, str] | None:
    """Column number → heading, when a line is the heading row of a contact table."""
    if len(fields) >= 2 and all(
        f.kind == "text" and f.column is not None and f.text.lower() in lexicon.COLUMN_HEADINGS for f in fields
    ):
        return {f.column: f.text.lower() for f in fields}
    return None
