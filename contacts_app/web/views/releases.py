"""The releases: a page per release with its spokespeople, the list of them latest first, and what other
pages show of releases and of a search that found no one (template globals)."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from contacts_app.web.i18n import STRINGS
from contacts_app.web.links import links
from contacts_app.web.presenters import card_view
from contacts_app.web.releases import Release
from contacts_app.web.search_fallback import press_desks, switchboards
from contacts_app.web.views.common import link_args, page, page_count, page_number, pager, snapshot, view_args

bp = Blueprint("releases", __name__)
#: Releases to a page of the list: a line each, so twice the directory's PAGE_SIZE (a national list has
#: tens of thousands, which no phone should have to load at once).
RELEASES_PER_PAGE = 100


def find_release(release_id: str) -> Release:
    """The release with this id, or a 404."""
    release = snapshot().search.releases.by_id.get(release_id)
    if release is None:
        abort(404)
    return release


@bp.get("/releases")
def index() -> Response:
    """Every release, latest first, RELEASES_PER_PAGE to a page; `?q=` keeps those whose title holds every word."""
    query, _, lang, explicit = view_args()
    number = page_number()
    found = snapshot().search.releases.select(query)
    pages = page_count(len(found), RELEASES_PER_PAGE)
    if number > pages:
        abort(404)

    def context() -> dict:
        first = (number - 1) * RELEASES_PER_PAGE
        search_args = link_args(lang, explicit, q=query)
        return dict(
            lang=lang, t=STRINGS[lang], query=query, releases=found[first : first + RELEASES_PER_PAGE],
            count=len(found), first=first + 1, last=min(first + RELEASES_PER_PAGE, len(found)),
            **pager("releases.index", search_args, number, pages),
            args=link_args(lang, explicit), search_args=search_args,
            other_href=links().other_language(
                "releases.index", _other(lang, q=query, page=number if number > 1 else None)),
        )

    return page(("releases", query, lang, explicit, number), "releases.html", context)


@bp.get("/releases/<release_id>")
def release(release_id: str) -> Response:
    """One release: its title, date, address, languages and spokespeople."""
    found = find_release(release_id)
    _, _, lang, explicit = view_args()

    def context() -> dict:
        return dict(
            lang=lang, t=STRINGS[lang], release=found, cards=[card_view(c, lang) for c in found.contacts],
            args=link_args(lang, explicit), download_args=link_args(lang, True),
            other_href=links().other_language("releases.release", _other(lang), {"release_id": found.id}),
        )

    return page(("release", found.id, lang, explicit), "release.html", context)


def _other(lang: str, **values) -> dict:
    """The query arguments of the same page in the other language."""
    return {**{k: v for k, v in values.items() if v}, "lang": STRINGS[lang]["other_language_code"]}


@bp.app_template_global()
def release_of(contact_id: str) -> Release | None:
    """The release a contact came from, if the file names one."""
    return snapshot().search.releases.of_contact.get(contact_id)


@bp.app_template_global()
def releases_matching(query: str) -> list[Release]:
    """The releases whose title holds every word of a search (none for an empty one)."""
    return snapshot().search.releases.select(query) if query else []


@bp.app_template_global()
def fallback(org: str, lang: str) -> dict:
    """Where to turn after a search that found no one: press desks (`desks`), else switchboards."""
    search = snapshot().search
    desks = press_desks(search.contacts, search.org_keys, org)
    if desks:
        return {"desks": [card_view(c, lang) for c in desks], "switchboards": []}
    return {"desks": [], "switchboards": switchboards(search.contacts, search.org_keys, org, lang)}


@bp.app_template_global()
def language_name(code: str, lang: str) -> str:
    """A language's name in the page's language (CLDR's, by Babel), or its code when CLDR has none."""
    from babel import Locale  # its data loads once, on the first release page

    return Locale.parse(lang).languages.get(code, code)
