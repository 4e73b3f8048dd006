"""What the static export's search indexes: one small document per person and per release in each language
(a bundle a language: site_search.py).

Pagefind indexes these documents instead of the built pages. A page is mostly the site's frame (bar, footer,
QR code, links), which Pagefind would read and throw away, 38,000 times for a national directory; a
document holds only the words a journalist searches by: the name, title, organisation and party, every
number as the page shows it and as it is dialled (`0910735000`, `46910735000`), every address, the release.
Each document sits at its page's path, so a result links to the page. A document is a pure function of the
records' searched words, so a digest of those words says whether the index can be kept as it is.
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterator, Sequence

from markupsafe import escape

from contacts_app.model.contact import Contact
from contacts_app.web.i18n import STRINGS
from contacts_app.normalise.names import party_title
from contacts_app.web.presenters import shown_number
from contacts_app.web.static_site import EXPORTS

_NOT_DIGIT = re.compile(r"\D")


def documents(snap, lang: str) -> Iterator[tuple[str, str]]:
    """(the page's path in the site, the document Pagefind reads) for every person and release in `lang`."""
    person_file, release_file = EXPORTS["pages.person"].file, EXPORTS["releases.release"].file
    release_of = snap.search.releases.of_contact
    for contact in snap.contacts:
        release = release_of.get(contact.id)
        yield person_file({"contact_id": contact.id, "lang": lang}), _person(contact, lang, release)
    for release in snap.search.releases.all:
        yield release_file({"release_id": release.id, "lang": lang}), _release(release, lang)


def documents_keys(snap, program: str, languages: Sequence[str]) -> dict[str, str]:
    """A digest, for each language, of everything its documents are made of: the `program`
    (site_keys.build_key) and each person's and release's searched words as that language shows them,
    gathered without making a document (a rebuild that changes no searched word, a `verified:` stamp or a
    photo, need make none of 40,000; one that changes a Swedish title, none of the English ones)."""
    release_of = snap.search.releases.of_contact
    digests = {lang: hashlib.blake2b(f"{program}\0{lang}".encode(), digest_size=16) for lang in languages}
    for contact in snap.contacts:
        release = release_of.get(contact.id)
        numbers = [(phone.e164, phone.national, phone.international) for phone in contact.phones]
        shared = repr((contact.id, contact.name, contact.party, numbers, contact.emails,
                       release.title if release is not None else None)).encode()
        for lang, digest in digests.items():
            digest.update(shared + repr((contact.title.pick(lang), contact.organisation.pick(lang))).encode())
    for release in snap.search.releases.all:
        words = repr((release.id, release.title, release.date, [c.name for c in release.contacts])).encode()
        for digest in digests.values():
            digest.update(words)
    return {lang: digest.hexdigest() for lang, digest in digests.items()}


def _person(contact: Contact, lang: str, release) -> str:
    """A person's document: who they are and every way to reach them, as their page in `lang` shows it."""
    words = STRINGS[lang]
    lines = [contact.title.pick(lang), contact.organisation.pick(lang)]
    if contact.party:
        lines.append(f"{words['party']}: {contact.party} {party_title(contact.party, lang) or ''}")
    for phone in contact.phones:
        lines.append(f"{shown_number(phone, lang)} {_NOT_DIGIT.sub('', phone.display)} {phone.e164[1:]}")
    lines += contact.emails
    if release is not None:
        lines.append(f"{words['contact_for']}: {release.title}")
    return _document(lang, contact.name, lines)


def _release(release, lang: str) -> str:
    """A release's document: its title, date and spokespeople."""
    names = ", ".join(c.name for c in release.contacts)
    return _document(lang, release.title, [release.date, names])


def _document(lang: str, heading: str, lines: list[str | None]) -> str:
    """A minimal page in `lang` whose heading is the result's title and whose paragraphs are its words."""
    body = "".join(f"<p>{escape(line)}</p>" for line in lines if line)
    return f'<!doctype html><html lang="{lang}"><body><h1>{escape(heading)}</h1>{body}</body></html>'
