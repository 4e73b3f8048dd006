"""The CardDAV address books of a directory: one for the whole directory, one per organisation.

Every book is the only address book of a principal of its own (the user name a person types), because
iOS and macOS show just one address book per CardDAV account: subscribing to an organisation must not
bring the whole directory along. The whole directory's principal is DIRECTORY_USER; an organisation's
is the slug of its Swedish name, so its address stays the same for as long as the name does.

Every function here is pure; book_storage.py writes the books where Radicale serves them.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Iterable, Mapping

from contacts_app.model.contact import DEFAULT_LANGUAGE, Contact
from contacts_app.normalise.names import slugify
from contacts_app.outputs.vcard import UID_NAMESPACE

#: The principal (user name) of the book of the whole directory.
DIRECTORY_USER = "press"
#: The name of the one address book inside every principal: a book's address is /<user>/<BOOK>/.
BOOK = "contacts"
#: The whole directory's book, by language.
DIRECTORY_NAMES = {"sv": "Presskontakter", "en": "Press contacts"}

_SAFE_HREF = re.compile(r"[a-z0-9][a-z0-9_-]{0,100}")


@dataclass(frozen=True)
class Book:
    """One address book: its principal, its names by language, and its cards by file name (href)."""

    user: str
    names: Mapping[str, str]
    organisation: str | None
    cards: Mapping[str, str]

    @property
    def path(self) -> str:
        """The book's path under the CardDAV root, without slashes at either end."""
        return f"{self.user}/{BOOK}"

    def name(self, lang: str) -> str:
        """The book's name in `lang`, else in the directory's language."""
        return self.names.get(lang) or self.names[DEFAULT_LANGUAGE]


def organisation_user(name: str) -> str:
    """The principal of an organisation's book: its slug, never the whole directory's user name."""
    slug = slugify(name)
    return f"{slug}-org" if slug == DIRECTORY_USER else slug


def card_href(contact: Contact) -> str:
    """The card's file name in a book: the contact's id when it is a safe file name, else its UID's UUID."""
    if _SAFE_HREF.fullmatch(contact.id):
        return f"{contact.id}.vcf"
    return f"{uuid.uuid5(UID_NAMESPACE, contact.id)}.vcf"


def books(contacts: Iterable[Contact], card_for: Callable[[Contact], str]) -> tuple[Book, ...]:
    """The whole directory's book, then one book per organisation in order of first appearance.

    `card_for` gives a contact's card; it is called once per contact."""
    everyone: dict[str, str] = {}
    by_user: dict[str, tuple[dict[str, str], str, dict[str, str]]] = {}
    for contact in contacts:
        href, card = card_href(contact), card_for(contact)
        everyone[href] = card
        organisation = contact.organisation.pick(DEFAULT_LANGUAGE)
        if not organisation:
            continue
        user = organisation_user(organisation)
        if user not in by_user:
            names = {lang: contact.organisation.pick(lang) or organisation for lang in DIRECTORY_NAMES}
            by_user[user] = (names, organisation, {})
        by_user[user][2][href] = card
    whole = Book(DIRECTORY_USER, MappingProxyType(DIRECTORY_NAMES), None, MappingProxyType(everyone))
    return (whole, *(
        Book(user, MappingProxyType(names), organisation, MappingProxyType(cards))
        for user, (names, organisation, cards) in by_user.items()
    ))


def find_book(all_books: Iterable[Book], user: str) -> Book | None:
    """The book of this principal, or None."""
    return next((book for book in all_books if book.user == user), None)
