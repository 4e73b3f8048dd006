"""Addresses in pages and downloads, behind one interface with two implementations, chosen once per request.

`ServerLinks` gives the server's addresses (url_for; absolute ones from the one configured base,
`base_url`: never from the Host a request names, so no request can change another's answer); `StaticLinks` (in static_site.py) gives the files of a static export, relative to the
page being written. The views put a ServerLinks on `g` before each request; `contacts build` puts its
StaticLinks there first, and nothing else in the views asks which one it is.
"""

from __future__ import annotations

from flask import current_app, g, request, url_for
from jinja2.filters import do_urlencode

from contacts_app.model.contact import DEFAULT_LANGUAGE, Contact
from contacts_app.web.serving.lru import LRU


class Links:
    """Where a page or download is: what every view and template links through."""

    #: The Content-Security-Policy as a <meta> for hosts that send no headers, or None.
    meta_csp: str | None = None
    #: Whether the site answers searches (a static export lists the organisations instead).
    searchable: bool = True

    def href(self, endpoint: str, values: dict) -> str:
        """A link to an endpoint with these arguments, from the page being made."""
        raise NotImplementedError

    def absolute(self, endpoint: str, values: dict) -> str | None:
        """The public address of an endpoint with these arguments, or None when it is not known."""
        raise NotImplementedError

    def other_language(self, endpoint: str, query: dict, path: dict | None = None) -> str:
        """The link to the same page in the other language: `query` holds its query arguments (the
        other language's among them), `path` the arguments of its path."""
        raise NotImplementedError

    def qr_file(self, contact_id: str, lang: str) -> str | None:
        """A link to a person's QR code as a file of its own, where a page offers one."""
        return None

    def search_bundle(self, lang: str) -> str | None:
        """A link to the folder of the static export's search index of `lang` (Pagefind's), where the site has one."""
        return None

    def page_key(self) -> tuple:
        """What a rendered page depends on of where the site is served from."""
        raise NotImplementedError

    def person_url(self, contact: Contact, lang: str) -> str | None:
        """The absolute address of a contact's page (in English when lang is en)."""
        return self.absolute("pages.person", _person_values(contact, lang))

    def card_url(self, contact: Contact, lang: str) -> str | None:
        """The absolute address of a contact's vCard (in English when lang is en), what the QR code carries."""
        return self.absolute("downloads.person_vcard", _person_values(contact, lang))


def _person_values(contact: Contact, lang: str) -> dict:
    """The arguments of a contact's page in `lang` (none for the default language)."""
    return {"contact_id": contact.id, **({"lang": lang} if lang != DEFAULT_LANGUAGE else {})}


class ServerLinks(Links):
    """The server's addresses, for one request."""

    def __init__(self, public_url: str, urls: LRU[str | None] | None = None):
        self.public_url = public_url.rstrip("/")
        self._urls = urls  # the snapshot's memo of contacts' addresses

    def href(self, endpoint: str, values: dict) -> str:
        """url_for."""
        return url_for(endpoint, **values)

    def absolute(self, endpoint: str, values: dict) -> str | None:
        """The configured base (see base_url) and the path."""
        return self.public_url + url_for(endpoint, **values)

    def other_language(self, endpoint: str, query: dict, path: dict | None = None) -> str:
        """The same path with the other language's arguments (a link relative to the page)."""
        return "?" + do_urlencode(query)

    def page_key(self) -> tuple:
        """Pages depend on the path the site is served under (set by the server, never by a request)."""
        return (False, request.script_root)

    def person_url(self, contact: Contact, lang: str) -> str | None:
        """As Links.person_url, remembered per contact and language."""
        if self._urls is None:
            return super().person_url(contact, lang)
        key = (contact.id, lang, request.script_root)
        url = self._urls.get(key)
        if url is None:
            url = self._urls.put(key, super().person_url(contact, lang))
        return url


def links() -> Links:
    """The Links of the current request, chosen once before it ran (see views.prepare); the server's
    addresses for an answer made before that (an error page of a request that never reached a view)."""
    if "links" not in g:
        g.links = ServerLinks(base_url(current_app.config))
    return g.links


#: The base of absolute links when neither PUBLIC_URL nor SERVER_URL is set (an app not run by `serve`).
FALLBACK_URL = "http://localhost"


def base_url(config) -> str:
    """The one base of every absolute link: PUBLIC_URL, else SERVER_URL (the address `contacts serve`
    listens on), else FALLBACK_URL; the same for every visitor, whatever Host they send."""
    return config.get("PUBLIC_URL") or config.get("SERVER_URL") or FALLBACK_URL


def href(endpoint: str, **values) -> str:
    """The address of a page or download in links (a template global)."""
    return links().href(endpoint, values)


def init_app(app) -> None:
    """Give templates `href` and `links`."""
    app.add_template_global(href)
    app.add_template_global(links)
