"""What every request of one snapshot shares: rendered pages, vCards, downloads, addresses, bulk files.

The store makes a new set with each snapshot it swaps in, so nothing here is ever stale; each memo is an
LRU with a byte budget (keys counted), so none grows without bound whatever requests bring; and none is
keyed by anything a request can vary freely (the Host is never part of an answer: see links.base_url).
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from contacts_app.model.contact import Contact
from contacts_app.outputs.vcard import vcard
from contacts_app.web.responses import content_disposition, etag_of
from contacts_app.web.serving.lru import LRU

#: Rendered pages kept per version of the data (see Memos.rendered).
PAGE_CACHE_BYTES = 8 * 1024 * 1024
#: vCard texts kept per version (a card is about half a kilobyte: some 64,000 cards).
CARD_CACHE_BYTES = 32 * 1024 * 1024
#: Single-card downloads (body, ETag, Content-Disposition) kept per version.
DOWNLOAD_CACHE_BYTES = 16 * 1024 * 1024
#: Absolute addresses of contacts' pages kept per version (one per contact and language).
URL_CACHE_BYTES = 4 * 1024 * 1024
#: Whole-directory downloads kept per version: a few megabytes each with 10,000 contacts.
BULK_CACHE_BYTES = 96 * 1024 * 1024
BULK_CACHE_ENTRIES = 32


class Memos:
    """The bounded memos of one snapshot (see the module's docstring)."""

    def __init__(self) -> None:
        self.pages: LRU[tuple[bytes, str]] = LRU(max_bytes=PAGE_CACHE_BYTES, size=lambda e: len(e[0]))
        self.cards: LRU[str] = LRU(max_bytes=CARD_CACHE_BYTES, size=len)
        self.downloads: LRU[tuple[bytes, str, str]] = LRU(
            max_bytes=DOWNLOAD_CACHE_BYTES, size=lambda e: len(e[0]) + len(e[2]) + 64
        )
        self.urls: LRU[str] = LRU(max_bytes=URL_CACHE_BYTES, size=lambda url: len(url or "") + 48)
        self.bulks: LRU[tuple[bytes, str]] = LRU(
            max_bytes=BULK_CACHE_BYTES, max_entries=BULK_CACHE_ENTRIES, size=lambda e: len(e[0])
        )

    def card(self, contact: Contact, lang: str, version: str, url: str | None, rev: datetime) -> str:
        """The contact's vCard, built once per record, language, vCard version and address in this snapshot."""
        return self.cards.get_or_make(
            (contact.id, lang, version, url), lambda: vcard(contact, lang=lang, version=version, url=url, rev=rev)
        )

    def remember_card(self, contact: Contact, lang: str, version: str, url: str | None, text: str) -> None:
        """Keep a card made before, as `card` would have made it (a rebuild reads unchanged cards back)."""
        self.cards.put((contact.id, lang, version, url), text)

    def download(self, contact: Contact, lang: str, version: str, url: str | None,
                 rev: datetime) -> tuple[bytes, str, str]:
        """A contact's vCard download: body, ETag and Content-Disposition, made once per snapshot."""

        def make() -> tuple[bytes, str, str]:
            body = self.card(contact, lang, version, url, rev).encode("utf-8")
            return body, etag_of(body), content_disposition(f"{contact.id}.vcf", f"{contact.name}.vcf")

        return self.downloads.get_or_make((contact.id, lang, version, url), make)

    def cached(self, key: tuple) -> tuple[bytes, str] | None:
        """A page rendered before, if it is still kept."""
        return self.pages.get(key)

    def rendered(self, key: tuple, render: Callable[[], str | bytes]) -> tuple[bytes, str]:
        """A rendered page (bytes and ETag), kept while it is among the recently asked-for pages.

        Pages are pure functions of the snapshot and the request's arguments; under a big story's traffic
        the same few are asked for again and again. The memo holds at most PAGE_CACHE_BYTES."""

        def make() -> tuple[bytes, str]:
            body = render()
            body = body.encode("utf-8") if isinstance(body, str) else body
            return body, etag_of(body)

        return self.pages.get_or_make(key, make)

    def bulk(self, key: tuple, make: Callable[[], bytes]) -> tuple[bytes, str]:
        """A bulk download of this snapshot (bytes and ETag), made once: requests that ask meanwhile wait
        for that one making (the whole directory's vCards take seconds)."""

        def with_etag() -> tuple[bytes, str]:
            body = make()
            return body, etag_of(body)

        return self.bulks.get_or_make(key, with_etag, once=True)
