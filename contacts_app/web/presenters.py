"""What a page shows of a contact: pure functions of a Contact and a language, cached per record version."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from contacts_app.model.contact import Contact
from contacts_app.model.phone import Phone
from contacts_app.normalise.names import party_title
from contacts_app.web.i18n import STRINGS


@dataclass(frozen=True)
class PhoneView:
    """A number as a page shows it: the tel: target (E.164), the form for the page's language and the label's words."""

    e164: str
    display: str
    label: str | None


@dataclass(frozen=True)
class PhotoView:
    """A photo as a page shows it: its resized copies' file names by width, the size to show, the credit."""

    names: tuple[tuple[int, str], ...]
    width: int
    height: int
    credit: str


@dataclass(frozen=True)
class CardView:
    """What a page shows of one contact, in one language."""

    id: str
    kind: str
    name: str
    title: str | None
    organisation: str | None
    party: str | None
    party_title: str | None
    phones: tuple[PhoneView, ...]
    emails: tuple[str, ...]
    #: The day the details were verified (YYYY-MM-DD), and as "month year" in the page's language.
    verified: str | None = None
    verified_month: str | None = None
    hours: str | None = None
    photo: PhotoView | None = None


@lru_cache(maxsize=1 << 17)  # both languages of a national directory: a build shows each card several times
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
        party_title=party_title(contact.party, lang),
        phones=tuple(
            PhoneView(p.e164, shown_number(p, lang), words.get(f"label_{p.label}") if p.label else None)
            for p in contact.phones
        ),
        emails=contact.emails,
        verified=contact.verified,
        verified_month=month_year(contact.verified, lang) if contact.verified else None,
        hours=contact.hours.pick(lang),
        photo=_photo_view(contact) if contact.photo is not None and contact.photo.path else None,
    )


def shown_number(phone: Phone, lang: str) -> str:
    """A number as a reader of the page dials it: the international form on the English page (+46 910 73 50 00,
    for a reader abroad), the form people in Sweden expect on the Swedish one."""
    return phone.international if lang == "en" else phone.display


def describe(card: CardView) -> str:
    """One sentence of who a contact is, for the page's description and a shared link's preview."""
    what = ", ".join(part for part in (card.title, card.organisation) if part)
    party = f" ({card.party_title or card.party})" if card.party else ""
    return f"{card.name}{': ' if what else ''}{what}{party}"


_BREAK_AFTER = re.compile(r"([@.])")


def breakable_email(address: str) -> Markup:
    """An address that a line may break only after its @ and dots (a <wbr> there; CSS keeps words whole)."""
    return Markup("").join(
        Markup(f"{escape(part)}<wbr>") if part in ("@", ".") else escape(part) for part in _BREAK_AFTER.split(address)
    )


def month_year(day: str, lang: str) -> str:
    """A YYYY-MM-DD day as month and year in `lang`, by CLDR (Babel): "december 2026", "December 2026"."""
    from datetime import date

    from babel.dates import format_date

    return format_date(date.fromisoformat(day), "LLLL y", locale=lang)


def _photo_view(contact: Contact) -> PhotoView:
    """The page's view of a contact's photo: shown at the smallest width, the larger for dense screens."""
    from contacts_app.outputs.photos import PAGE_WIDTHS, page_height, photo_name

    photo = contact.photo
    width = PAGE_WIDTHS[0]
    return PhotoView(tuple((w, photo_name(photo, w)) for w in PAGE_WIDTHS), width, page_height(photo, width),
                     photo.credit)


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
    if card.party and card.kind == "person":  # the party by its name, its letters as the other name
        party = {"@type": "PoliticalParty", "name": card.party_title or card.party}
        data["affiliation"] = {**party, "alternateName": card.party} if card.party_title else party
    return data


def script_json(data: object) -> Markup:
    """JSON that is safe inside <script type="application/ld+json">: no <, > or & can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def init_app(app) -> None:
    """Give templates the `breakable_email` filter."""
    app.add_template_filter(breakable_email)
