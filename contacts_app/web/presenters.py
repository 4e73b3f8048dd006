"""What a page shows of a contact: pure functions of a Contact and a language, cached per record version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from contacts_app.model.contact import Contact
from contacts_app.web.i18n import STRINGS


@dataclass(frozen=True)
class PhoneView:
    """A number as a page shows it: the tel: target, the national display form and the label's words."""

    e164: str
    display: str
    label: str | None


@dataclass(frozen=True)
class CardView:
    """What a page shows of one contact, in one language."""

    id: str
    kind: str
    name: str
    title: str | None
    organisation: str | None
    party: str | None
    phones: tuple[PhoneView, ...]
    emails: tuple[str, ...]


@lru_cache(maxsize=16384)
def card_view(contact: Contact, lang: str) -> CardView:
    """The page context of a contact in `lang` (titles fall back to Swedish)."""
    words = STRINGS[lang]
    return CardView(
        id=contact.id,
        kind=contact.kind,
        name=contact.name,
        title=contact.title.pick(lang),
        organisation=contact.organisation.pick(lang),
        party=contact.party,
        phones=tuple(
            PhoneView(p.e164, p.display, words.get(f"label_{p.label}") if p.label else None) for p in contact.phones
        ),
        emails=contact.emails,
    )


def jsonld(card: CardView, url: str | None) -> dict:
    """schema.org JSON-LD of a card: a Person (a press desk is a ContactPoint)."""
    data: dict = {"@type": "Person" if card.kind == "person" else "ContactPoint", "name": card.name}
    if url:
        data["url"] = url
    if card.kind == "desk":
        data["contactType"] = "press"
    if card.title and card.kind == "person":
        data["jobTitle"] = card.title
    if card.organisation:
        key = "worksFor" if card.kind == "person" else "areaServed"
        data[key] = {"@type": "Organization", "name": card.organisation}
    if card.phones:
        data["telephone"] = [p.e164 for p in card.phones]
    if card.emails:
        data["email"] = list(card.emails)
    if card.party and card.kind == "person":
        data["affiliation"] = {"@type": "PoliticalParty", "name": card.party}
    return data


def script_json(data: object) -> Markup:
    """JSON that is safe inside <script type="application/ld+json">: no <, > or & can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
