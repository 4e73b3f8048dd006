"""Where each page and download of the server lives in a static export (static_site.EXPORTS), and the links
between them: relative to the page being rendered, so the site works at any address, a sub-path included."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

from flask import request

from contacts_app.web.links import Links
from contacts_app.web.site_folder import BuildError
from contacts_app.web.static_site import EXPORTS, STATIC_SITE_POLICY, search_bundle


@lru_cache(maxsize=65536)
def _relative(target: str, folder: str) -> str:
    """The link from a file in `folder` to `target`, both site-relative (remembered: a build asks for the same
    few thousand again and again). Done on the names alone: posixpath.relpath asks the system for the
    working folder twice a call, and a build makes hundreds of thousands of links."""
    parts, base = target.split("/"), [] if folder == "." else folder.split("/")
    common = 0
    while common < min(len(parts), len(base)) and parts[common] == base[common]:
        common += 1
    return quote("/".join([".."] * (len(base) - common) + parts[common:]) or ".")


class StaticLinks(Links):
    """Where each page and download of the server lives in the export, and links relative to a page."""

    searchable = False

    def __init__(self, base_url: str | None = None):
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.current = "index.html"  # the file being rendered; links are relative to it
        #: The server's policy as a <meta> (a static host may send no headers); frame-ancestors has no
        #: effect there, so it is left out.
        self.meta_csp = "; ".join(
            part.strip() for part in STATIC_SITE_POLICY.split(";") if not part.strip().startswith("frame-ancestors")
        )

    def path(self, endpoint: str, values: dict) -> str:
        """The site-relative file of a server address (endpoint and its arguments)."""
        export = EXPORTS.get(endpoint)
        if export is None:
            raise BuildError(f"a page links to {endpoint}, which a static export does not have")
        return export.file(values)

    def href(self, endpoint: str, values: dict) -> str:
        """A link from the page being rendered to that file: relative, so the site works under any path."""
        return self._from_here(self.path(endpoint, values))

    def absolute(self, endpoint: str, values: dict) -> str | None:
        """The public address of that file (for vCards and JSON-LD), when the build was given --base-url."""
        return self.base_url + quote(self.path(endpoint, values)) if self.base_url else None

    def other_language(self, endpoint: str, query: dict, path: dict | None = None) -> str:
        """The same page's file in the other language."""
        return self.href(endpoint, {**(path or {}), **query})

    def qr_file(self, contact_id: str, lang: str) -> str | None:
        """The QR code's own file, next to the page."""
        return self.href("downloads.person_qr", {"contact_id": contact_id, "lang": lang})

    def search_bundle(self, lang: str) -> str | None:
        """The folder of the search index of `lang` (made by site_search at the end of the build), relative to the page."""
        return self._from_here(search_bundle(lang)) + "/"

    def page_key(self) -> tuple:
        """Pages of an export are kept apart from the server's."""
        return (True, request.script_root)

    def _from_here(self, target: str) -> str:
        """The link from the page being rendered to a site-relative file."""
        return _relative(target, posixpath.dirname(self.current) or ".")
