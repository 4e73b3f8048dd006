"""Subscribe / Prenumerera: how to add an address book to a phone, a Mac or Thunderbird, one page per book.

Registered only by a site that serves the books (web/carddav.py). Each page gives the address and the
user name to type (the book's own principal, so an account shows exactly that book), a configuration
profile for iOS and macOS, a vdirsyncer configuration, and a QR code of the address.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request
from markupsafe import Markup

from contacts_app.outputs.addressbooks import BOOK, DIRECTORY_USER, Book, find_book, organisation_user
from contacts_app.outputs.mobileconfig import MOBILECONFIG_TYPE, mobileconfig
from contacts_app.outputs.qr import qr_svg
from contacts_app.web.i18n import STRINGS
from contacts_app.web.links import ServerLinks, links
from contacts_app.web.responses import HTML_TYPE, answer, content_disposition, etag_of
from contacts_app.web.views.common import link_args, snapshot, view_args
from contacts_app.web.views.subscribe_text import TEXT

bp = Blueprint("subscribe", __name__)


@bp.route("/.well-known/carddav", methods=["GET", "HEAD", "PROPFIND", "OPTIONS", "REPORT"])
def well_known():
    """RFC 6764: a client that is given only the host finds the address books here."""
    return redirect(request.script_root + "/carddav/", code=301)


@bp.get("/subscribe/")
def directory() -> Response:
    """How to subscribe to the book of the whole directory."""
    return _page(DIRECTORY_USER)


@bp.get("/subscribe/<user>")
def organisation(user: str) -> Response:
    """How to subscribe to one organisation's book."""
    if user == DIRECTORY_USER:
        return redirect(links().href("subscribe.directory", request.args.to_dict()), code=301)
    return _page(user)


@bp.get("/subscribe/<user>.mobileconfig")
def profile(user: str) -> Response:
    """The iOS/macOS configuration profile that adds the book as a CardDAV account."""
    book = _book(user)
    _, _, lang, _ = view_args()
    text = TEXT[lang]
    body = mobileconfig(
        carddav_url(), book.user, book.user, book.name(lang), text["profile_description"].format(name=book.name(lang))
    )
    filename = f"{book.user}.mobileconfig"
    return answer(body, MOBILECONFIG_TYPE, etag_of(body), snapshot().modified,
                  **{"Content-Disposition": content_disposition(filename, filename)})


@bp.app_context_processor
def subscribe_link() -> dict:
    """Templates get `subscribe_href(args, org)`: on a server, the subscribe page of the organisation the
    directory is filtered to (its filter key is the slug its book is named by), else of the whole directory."""

    def subscribe_href(args: dict, org: str = "") -> str | None:
        if not isinstance(links(), ServerLinks):
            return None
        book = find_book(_books(), organisation_user(org)) if org else None
        if book is not None:
            return links().href("subscribe.organisation", {"user": book.user, **args})
        return links().href("subscribe.directory", dict(args))

    return {"subscribe_href": subscribe_href}


def carddav_url() -> str:
    """The address of the CardDAV root as a client must type it: PUBLIC_URL, else where the request came."""
    public = current_app.config.get("PUBLIC_URL")
    base = public.rstrip("/") if public else request.host_url.rstrip("/") + request.script_root
    return base + "/carddav/"


def _books() -> tuple[Book, ...]:
    """The books served now."""
    from contacts_app.web.carddav import carddav_of

    carddav = carddav_of(current_app)
    return carddav.books(snapshot()) if carddav else ()


def _book(user: str) -> Book:
    """The book of this principal, or a 404."""
    book = find_book(_books(), user)
    if book is None:
        abort(404)
    return book


def _page(user: str) -> Response:
    """The subscribe page of one book, in the request's language."""
    book = _book(user)
    _, _, lang, explicit = view_args()
    root = carddav_url()
    others = [b for b in _books() if b.user != book.user] if book.user == DIRECTORY_USER else []
    to = links()
    endpoint = "subscribe.directory" if book.user == DIRECTORY_USER else "subscribe.organisation"
    path_args = {} if book.user == DIRECTORY_USER else {"user": book.user}
    body = render_template(
        "subscribe.html",
        lang=lang,
        t=STRINGS[lang],
        s=TEXT[lang],
        book=book,
        name=book.name(lang),
        count=len(book.cards),
        carddav_url=root,
        book_url=f"{root}{book.user}/{BOOK}/",
        qr=Markup(qr_svg(root)),
        profile_href=to.href("subscribe.profile", {"user": book.user, **link_args(lang, explicit)}),
        directory_href=to.href("subscribe.directory", link_args(lang, explicit)),
        others=[(b, to.href("subscribe.organisation", {"user": b.user, **link_args(lang, explicit)})) for b in others],
        args=link_args(lang, explicit),
        other_href=to.other_language(endpoint, {"lang": STRINGS[lang]["other_language_code"]}, path_args),
    ).encode("utf-8")
    return answer(body, HTML_TYPE, etag_of(body), snapshot().modified)
