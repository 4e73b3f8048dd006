"""The pages' languages: which one a request asks for, and the interface's words in Swedish and English."""

from __future__ import annotations

from flask import request
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from contacts_app.model.contact import DEFAULT_LANGUAGE, LANGUAGES


def request_language() -> tuple[str, bool]:
    """(language, chosen explicitly): `?lang=sv|en` first, else the browser's Accept-Language, else Swedish."""
    return negotiate(request.args.get("lang", ""), request.headers.get("Accept-Language", ""))


def negotiate(asked: str, accept_language: str) -> tuple[str, bool]:
    """(language, chosen explicitly) of a `lang` argument and an Accept-Language header (see request_language)."""
    if asked in LANGUAGES:
        return asked, True
    return parse_accept_header(accept_language, LanguageAccept).best_match(LANGUAGES, default=DEFAULT_LANGUAGE), False


STRINGS: dict[str, dict[str, str]] = {
    "sv": {
        "site": "Presskontakter",
        "tagline": "Talespersoner att ringa, mejla och spara i telefonen.",
        "skip": "Hoppa till innehållet",
        "search_label": "Sök på namn, titel eller organisation",
        "search_button": "Sök",
        "organisation_label": "Organisation",
        "all_organisations": "Alla organisationer",
        "results": "{n} kontakter",
        "result": "1 kontakt",
        "no_results": "Ingen kontakt matchar sökningen.",
        "show_all": "Visa alla",
        "showing": "visar {first}–{last}",
        "pages": "Sidor",
        "page": "Sida",
        "page_n": "sida {n}",
        "previous": "Föregående",
        "next": "Nästa",
        "organisations": "Organisationer",
        "qr_file": "QR-koden som SVG-bild",
        "download_all": "Ladda ner alla ({n}) som vCard",
        "download": "Spara kontakt (vCard)",
        "save": "Spara",
        "describe_directory": "{n} talespersoner att ringa, mejla och spara i telefonen.",
        "describe_search": "{results} som matchar {query}.",
        "describe_organisation": "Presskontakter på {organisation}: ring, mejla och spara i telefonen.",
        "call": "Ring",
        "email": "E-post",
        "party": "Parti",
        "phone": "Telefon",
        "qr_heading": "Skanna för att spara",
        "qr_help": "Rikta telefonens kamera mot koden för att spara kontakten.",
        "qr_alt": "QR-kod för att spara kontaktkortet för {name}",
        "back": "Alla kontakter",
        "other_language": "In English",
        "other_language_code": "en",
        "label_switchboard": "växel",
        "label_direct": "direkt",
        "label_mobile": "mobil",
        "label_press line": "presstelefon",
        "verified": "Kontrollerad {when}",
        "desk_fallback": "Om {name} inte svarar:",
        "desk_heading": "Pressjour",
        "hours": "Öppet",
        "photo_alt": "Porträtt av {name}",
        "not_found_title": "Sidan finns inte",
        "not_found": "Vi hittar ingen sida på den adressen. Kontakten kan ha tagits bort eller bytt adress.",
        "error_title": "Något gick fel",
        "error": "Sidan kunde inte visas just nu. Försök igen om en stund.",
        "data_from": "Uppgifter från pressmeddelanden.",
        "machine_readable": "Som JSON",
        "subscribe": "Prenumerera på adressboken, så håller den sig uppdaterad i telefonen",
    },
    "en": {
        "site": "Press contacts",
        "tagline": "Spokespeople to call, email and save to your phone.",
        "skip": "Skip to content",
        "search_label": "Search by name, title or organisation",
        "search_button": "Search",
        "organisation_label": "Organisation",
        "all_organisations": "All organisations",
        "results": "{n} contacts",
        "result": "1 contact",
        "no_results": "No contact matches the search.",
        "show_all": "Show all",
        "showing": "showing {first}–{last}",
        "pages": "Pages",
        "page": "Page",
        "page_n": "page {n}",
        "previous": "Previous",
        "next": "Next",
        "organisations": "Organisations",
        "qr_file": "The QR code as an SVG image",
        "download_all": "Download all ({n}) as vCard",
        "download": "Save contact (vCard)",
        "save": "Save",
        "describe_directory": "{n} spokespeople to call, email and save to your phone.",
        "describe_search": "{results} matching {query}.",
        "describe_organisation": "Press contacts at {organisation}: call, email and save to your phone.",
        "call": "Call",
        "email": "Email",
        "party": "Party",
        "phone": "Phone",
        "qr_heading": "Scan to save",
        "qr_help": "Point your phone's camera at the code to save the contact.",
        "qr_alt": "QR code to save the contact card of {name}",
        "back": "All contacts",
        "other_language": "På svenska",
        "other_language_code": "sv",
        "label_switchboard": "switchboard",
        "label_direct": "direct",
        "label_mobile": "mobile",
        "label_press line": "press line",
        "verified": "Verified {when}",
        "desk_fallback": "If {name} does not answer:",
        "desk_heading": "Press desk",
        "hours": "Open",
        "photo_alt": "Portrait of {name}",
        "not_found_title": "Page not found",
        "not_found": "There is no page at this address. The contact may have been removed or moved.",
        "error_title": "Something went wrong",
        "error": "The page cannot be shown right now. Please try again in a moment.",
        "data_from": "Details from press releases.",
        "machine_readable": "As JSON",
        "subscribe": "Subscribe to the address book, and it stays current on your phone",
    },
}
