"""What a contact block implies but does not print: organisation names, labels, title languages."""

from __future__ import annotations

import re

from contacts_app.model.phone import Phone
from contacts_app.normalise.name_match import fold

_COUNTY_GOVERNOR = re.compile(r"^landshövding(?:en)?\s+(?:i\s+)?(?P<county>.+?)s?\s+län\b", re.IGNORECASE)
_EN_COUNTY_GOVERNOR = re.compile(r"^county\s+governor\s+of\s+(?P<county>.+)$", re.IGNORECASE)
#: The standard English names of Swedish public bodies.
_TRANSLATIONS = (
    (re.compile(r"^Länsstyrelsen (?:i )?(?P<x>.+?)(?:s län)?$"), "County Administrative Board of {x}"),
    (re.compile(r"^(?P<x>.+) kommun$"), "{x} Municipality"),
    (re.compile(r"^(?P<x>.+) stad$"), "City of {x}"),
    (re.compile(r"^Region (?P<x>.+)$"), "Region {x}"),
)
PRIMARY_LANGUAGES = ("sv", "en")


def finish(person) -> None:
    """Tidy a merged candidate in place: capitalised titles, kept languages, derived names, labels."""
    person.title = {lang: text[:1].upper() + text[1:] for lang, text in _kept(person.title).items()}
    person.organisation = _kept(person.organisation)
    derive_organisation(person)
    person.phones = [default_label(person.kind, p) for p in person.phones]


def _kept(texts: dict[str, str]) -> dict[str, str]:
    """Swedish and English texts, and a third language's only where it says something they do not."""
    primary = {lang: text for lang, text in texts.items() if lang in PRIMARY_LANGUAGES}
    said = {fold(text) for text in primary.values()}
    others = {lang: text for lang, text in texts.items() if lang not in PRIMARY_LANGUAGES and fold(text) not in said}
    return {**primary, **others}


def derive_organisation(person) -> None:
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


def default_label(kind: str, phone: Phone) -> Phone:
    """A label where the block gave none: a desk's number is its press line, an organisation's 00 number its switchboard."""
    if phone.label:
        return phone
    if kind == "desk":
        return phone.labelled("press line")
    if phone.type != "mobile" and phone.e164.endswith("00"):
        return phone.labelled("switchboard")
    return phone
