"""What every view of the directory shares: the request's snapshot, its arguments, and cached pages.

Each view takes one Snapshot of the data for the whole request, so a reload never shows half a file;
taking it only reads the store's current snapshot (the store's watcher does the reloading).
"""

from __future__ import annotations

from typing import Mapping
from urllib.parse import parse_qsl

from flask import abort, current_app, g, render_template, request

from contacts_app.model.contact import Contact
from contacts_app.outputs.qr import qr_svg
from contacts_app.outputs.vcard import DEFAULT_VERSION, VERSIONS, vcard
from contacts_app.web.i18n import negotiate
from contacts_app.web.links import links
from contacts_app.web.responses import HTML_TYPE, answer
from contacts_app.web.store import DirectoryStore, Snapshot, store_of

MAX_QUERY = 200
#: Contacts on one page of the directory: with thousands of contacts a page stays small on a phone.
PAGE_SIZE = 50


def store() -> DirectoryStore:
    """The app's DirectoryStore."""
    return store_of(current_app)


def snapshot() -> Snapshot:
    """The data this request is served from: taken once, then the same for the whole request."""
    if "snapshot" not in g:
        g.snapshot = store().snapshot
    return g.snapshot


def find(contact_id: str) -> Contact:
    """The contact with this id, or a 404."""
    contact = snapshot().directory.by_id.get(contact_id)
    if contact is None:
        abort(404)
    return contact


#: The query arguments any view reads; every other argument is ignored, and is no part of a cache key.
ARGUMENTS = ("q", "org", "lang", "page", "version")


def qr_code(contact: Contact, lang: str) -> str | None:
    """A contact's QR code (SVG), the same on the page and as a file of its own.

    It carries the address of the person's vCard: a short code (33 modules a side where a whole card needs
    77) that a phone's camera reads from further away and in worse light, that stays right when the card
    changes, and that costs a fraction of a millisecond to make. Scanning it opens the card, ready to save.
    Where the site's address is not known (`contacts build` without --base-url) it carries the card itself;
    None when that card is too big for a QR code."""
    snap = snapshot()
    payload = links().card_url(contact, lang) or vcard(  # a photo would not fit in the code: left out
        contact, lang=lang, url=links().person_url(contact, lang), rev=snap.revision(contact), photo=False
    )
    return qr_svg(payload)


def view_args() -> tuple[str, str, str, bool]:
    """(query, organisation, language, language chosen explicitly) of the current request."""
    return shaping_values(request.args, request.headers.get("Accept-Language", ""))[:4]


def shaping_values(args: Mapping[str, str], accept_language: str) -> tuple:
    """All of a request's arguments and Accept-Language that can shape an answer, canonical: (query,
    organisation, language, chosen explicitly, page, vCard version). Views read them so; the response
    cache keys answers by them."""
    query = " ".join(args.get("q", "").split())[:MAX_QUERY]
    org = args.get("org", "")[:MAX_QUERY]
    lang, explicit = negotiate(args.get("lang", ""), accept_language)
    return query, org, lang, explicit, args.get("page", "1")[:8], args.get("version", "")[:8]


def answer_key(environ: dict) -> tuple:
    """What of a WSGI request's query string and headers shapes its answer (see shaping_values)."""
    args: dict[str, str] = {}
    for name, value in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True):
        if name in ARGUMENTS:
            args.setdefault(name, value)  # the first value counts, as request.args.get gives it
    return shaping_values(args, environ.get("HTTP_ACCEPT_LANGUAGE", ""))


def link_args(lang: str, explicit: bool, **values) -> dict:
    """Query arguments for links that keep the language when the visitor chose it."""
    args = {key: value for key, value in values.items() if value}
    if explicit:
        args["lang"] = lang
    return args


def vcard_version() -> str:
    """`?version=` of a vCard download: 3.0 (the default) or 4.0; anything else is a bad request."""
    version = request.args.get("version", DEFAULT_VERSION)
    if version not in VERSIONS:
        abort(400, description=f"version must be one of {', '.join(VERSIONS)}")
    return version


def page_number() -> int:
    """`?page=` of the directory: 1 when absent; anything but a positive whole number is a bad request."""
    raw = request.args.get("page", "1")
    if not (raw.isascii() and raw.isdigit() and 0 < len(raw) <= 6 and int(raw) > 0):
        abort(400, description="page must be a whole number from 1 up")
    return int(raw)


def page_count(count: int, size: int) -> int:
    """How many pages a list of `count` items takes, `size` to a page (one, when there are none)."""
    return max(1, -(-count // size))


def pager(endpoint: str, args: dict, number: int, pages: int) -> dict:
    """What _pagination.html shows of page `number` of `pages` of a list at `endpoint` (its query `args`):
    the numbers, and the link to each page it shows and to the ones before and after."""
    numbers = page_links(number, pages) if pages > 1 else []
    wanted = {n for n in (*numbers, number - 1, number + 1) if n and 1 <= n <= pages}
    hrefs = {n: links().href(endpoint, {**args, **({"page": n} if n > 1 else {})}) for n in wanted}
    return dict(page_number=number, pages=pages, page_links=numbers, page_hrefs=hrefs)


def page_links(current: int, pages: int) -> list[int | None]:
    """The page numbers a pagination bar shows: the first, the last and two either side of the current
    one; None where numbers are left out."""
    wanted = sorted({1, pages, *range(max(1, current - 2), min(pages, current + 2) + 1)})
    shown: list[int | None] = []
    for number in wanted:
        if shown and number - shown[-1] > 1:
            shown.append(None)
        shown.append(number)
    return shown


def page_key(key: tuple) -> tuple:
    """A page's cache key: what the view says it depends on, and where the site is served from."""
    return (*key, *links().page_key())


def cached_page(key: tuple):
    """The answer of a page rendered before, if it is still kept; else None."""
    snap = snapshot()
    hit = snap.memos.cached(page_key(key))
    return None if hit is None else answer(hit[0], HTML_TYPE, hit[1], snap.modified)


def page(key: tuple, template: str, context):
    """An HTML page in the request's language, rendered once per version of the data and arguments.

    `context` is a function giving the template's context, called only when the page is not cached."""
    snap = snapshot()
    body, etag = snap.memos.rendered(page_key(key), lambda: render_template(template, **context()))
    return answer(body, HTML_TYPE, etag, snap.modified)
