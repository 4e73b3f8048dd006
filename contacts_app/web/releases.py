"""The releases the contacts came from: each with its spokespeople, made once per snapshot from their sources.

A release is known by its title and web address (`source.release`, `source.url`): the contacts whose
source names both are its spokespeople. Its id is a slug of the title's first words and a short digest
of title and address, so it stays the same while they do, and two releases of one title stay apart.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from contacts_app.model.contact import Contact
from contacts_app.normalise import name_match
from contacts_app.normalise.names import slugify

#: How much of the title a release's id keeps (a title may be a whole sentence).
SLUG_WORDS = 6
SLUG_CHARS = 60


@dataclass(frozen=True)
class Release:
    """A press release: its id, title, address, date (YYYY-MM-DD as the file gives it), languages and spokespeople."""

    id: str
    title: str
    url: str | None
    date: str | None
    languages: tuple[str, ...]
    contacts: tuple[Contact, ...]

    def as_dict(self, records: bool = False) -> dict:
        """The release as JSON: its spokespeople as ids, or (`records`) as `contacts export` shapes them."""
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "date": self.date,
            "languages": list(self.languages),
            "contacts": [c.as_dict() if records else c.id for c in self.contacts],
        }


@lru_cache(maxsize=4096)
def _slug(title: str) -> str:
    """The slug of a title's first words (remembered: many contacts, and releases, share a title)."""
    return "-".join(slugify(title).split("-")[:SLUG_WORDS])[:SLUG_CHARS].strip("-")


def release_id(title: str, url: str | None) -> str:
    """A release's stable id: the slug of its title's first words and a digest of title and address."""
    slug = _slug(title)
    digest = hashlib.blake2b(f"{title}\0{url or ''}".encode(), digest_size=3).hexdigest()
    return f"{slug}-{digest}"


class Releases:
    """The releases of one version's contacts, latest first (undated last), and by id and by contact."""

    def __init__(self, contacts: tuple[Contact, ...]):
        grouped: dict[tuple[str, str | None], list[Contact]] = {}
        for contact in contacts:
            source = contact.source
            if source and source.release:
                grouped.setdefault((source.release, source.location), []).append(contact)
        releases = [self._release(title, url, people) for (title, url), people in grouped.items()]
        releases.sort(key=lambda r: r.title.casefold())
        releases.sort(key=lambda r: r.date or "", reverse=True)
        self.all = tuple(releases)
        self.by_id = {r.id: r for r in releases}
        self.of_contact = {c.id: r for r in releases for c in r.contacts}
        self._titles = tuple(map(name_match.fold, (r.title for r in releases)))

    @staticmethod
    def _release(title: str, url: str | None, people: list[Contact]) -> Release:
        """One release of its spokespeople: the latest date any of them gives, and every language."""
        dates = [c.source.date for c in people if c.source and c.source.date]
        languages = dict.fromkeys(lang for c in people if c.source for lang in c.source.languages)
        return Release(release_id(title, url), title, url, max(dates, default=None), tuple(languages), tuple(people))

    def select(self, query: str) -> list[Release]:
        """The releases whose title holds every word of the query (all of them for none), latest first."""
        words = name_match.fold(query).split()
        return [r for r, title in zip(self.all, self._titles) if all(w in title for w in words)]
