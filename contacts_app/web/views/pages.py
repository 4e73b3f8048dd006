"""The pages: the directory (search, organisation filter, pagination) and a person's page."""

from __future__ import annotations

from flask import Blueprint, Response, abort
from markupsafe import Markup

from contacts_app.web.i18n import STRINGS
from contacts_app.web.links import links
from contacts_app.web.presenters import CardView, card_view, describe, jsonld, script_json
from contacts_app.web.views.common import (
    PAGE_SIZE,
    cached_page,
    find,
    link_args,
    page,
    page_count,
    page_number,
    pager,
    qr_code,
    snapshot,
    view_args,
)

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> Response:
    """The spokespeople, grouped by organisation, PAGE_SIZE to a page; search, organisation filter and
    pagination are links and a form, so they work without JavaScript."""
    query, org, lang, explicit = view_args()
    number = page_number()
    snap = snapshot()
    key = ("index", query, org, lang, explicit, number)
    hit = cached_page(key)
    if hit is not None:  # a page asked for before: no search, no rendering
        return hit
    found = snap.search.find(query, org, lang)
    shown = found.contacts
    pages = page_count(len(shown), PAGE_SIZE)
    if number > pages:
        abort(404)

    def context() -> dict:
        to = links()
        first = (number - 1) * PAGE_SIZE
        on_page = shown[first : first + PAGE_SIZE]
        groups: dict[str, list[CardView]] = {}
        for contact in on_page:
            card = card_view(contact, lang)
            groups.setdefault(card.organisation or "", []).append(card)
        graph = [jsonld(card_view(c, lang), to.person_url(c, lang)) for c in on_page]
        search_args = link_args(lang, explicit, q=query, org=org)
        other_args = link_args(lang, False, q=query, org=org, page=number if number > 1 else None)
        other_args["lang"] = STRINGS[lang]["other_language_code"]
        return dict(
            lang=lang,
            t=STRINGS[lang],
            query=query,
            suggestion=found.suggestion,
            org=org,
            groups=groups,
            count=len(shown),
            total=len(snap.contacts),
            first=first + 1,
            last=first + len(on_page),
            **pager("pages.index", search_args, number, pages),
            organisations=snap.search.organisations(lang),
            args=link_args(lang, explicit),
            download_args=link_args(lang, True),
            search_args=search_args,
            all_args=link_args(lang, True, q=query, org=org),
            other_href=to.other_language("pages.index", other_args),
            jsonld=script_json({"@context": "https://schema.org", "@graph": graph}),
            description=_describe_directory(STRINGS[lang], len(shown), query, org, snap.search.organisations(lang)),
            page_url=to.absolute("pages.index", {**search_args, **({"page": number} if number > 1 else {})}),
        )

    return page(key, "index.html", context)


@bp.get("/people/<contact_id>")
def person(contact_id: str) -> Response:
    """One spokesperson, with a QR code to scan their vCard at a press event."""
    contact = find(contact_id)
    _, _, lang, explicit = view_args()

    def context() -> dict:
        to = links()
        card = card_view(contact, lang)
        url = to.person_url(contact, lang)
        other_args = {"lang": STRINGS[lang]["other_language_code"]}
        return dict(
            lang=lang,
            t=STRINGS[lang],
            card=card,
            qr=_qr(qr_code(contact, lang)),
            args=link_args(lang, explicit),
            download_args=link_args(lang, True),
            other_href=to.other_language("pages.person", other_args, {"contact_id": contact.id}),
            qr_file=to.qr_file(contact.id, lang),
            jsonld=script_json({"@context": "https://schema.org", **jsonld(card, url)}),
            description=describe(card),
            page_url=url,
        )

    return page(("person", contact.id, lang, explicit), "person.html", context)


def _describe_directory(t: dict, count: int, query: str, org: str, organisations) -> str:
    """The description of a page of the directory: what it lists, for a search engine or a shared link."""
    if query:
        results = t["result"] if count == 1 else t["results"].format(n=count)
        return t["describe_search"].format(results=results, query=f"“{query}”")
    name = dict(organisations).get(org) if org else None
    if name:
        return t["describe_organisation"].format(organisation=name)
    return t["describe_directory"].format(n=count)


def _qr(svg: str | None) -> Markup | None:
    """A QR code for the page, or None when the card is too big for one (the page shows none)."""
    return None if svg is None else Markup(svg)
