"""Search and order of one snapshot's contacts: built once when the store swaps a version in.

The search texts and organisation keys, the directory's order and the organisation list in each language
are computed at swap time, never per request; a query's words are found by a scan in C of all the texts
joined into one string, and the last few hundred words are remembered.

The search forgives: a number in any written form is found through its E.164 form (normalise.phones),
an address or a domain through the emails, words of a release's title through the source; a word of one
or two letters matches only the start of a word of a name (never a party's letter or the inside of a
word); and when nothing matches, the nearest words of the names and titles (search_fuzzy) are tried and
offered as "did you mean".
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from contacts_app.model.contact import LANGUAGES, Contact
from contacts_app.normalise import name_match
from contacts_app.normalise.names import slugify
from contacts_app.normalise.phones import query_number
from contacts_app.web.releases import Releases
from contacts_app.web.search_fuzzy import Suggester
from contacts_app.web.serving.lru import LRU

#: Words whose hits are remembered per snapshot, and the bytes they may hold (a hit is some 40 bytes).
REMEMBERED_WORDS = 512
REMEMBERED_BYTES = 4 * 1024 * 1024
_SWEDISH_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "æ": "z\x02", "ö": "z\x03", "ø": "z\x03"})


def sort_key(text: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z; other accents as their base letter."""
    text = text.casefold().translate(_SWEDISH_ORDER)
    if text.isascii():  # nothing to decompose (å, ä and ö are ASCII by now): most names and organisations
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


#: Words this short match only the start of a word of a name.
SHORT_WORD = 2


def haystack(contact: Contact) -> str:
    """The searchable text of a contact, folded: name, titles and organisations in every language, the
    release's title, the email addresses, and each number as E.164 and as its national digits."""
    release = contact.source.release if contact.source and contact.source.release else ""
    numbers = [f"{p.e164} {''.join(ch for ch in p.national if ch.isdigit())}" for p in contact.phones]
    texts = (contact.name, *contact.title, *contact.organisation, release, *contact.emails, *numbers)
    return " ".join(map(name_match.fold, texts))  # folded one by one: the titles, organisations and releases repeat


def name_words(contact: Contact) -> str:
    """The words of a contact's name, folded, each after a space (what a one- or two-letter word may match)."""
    return " " + " ".join(name_match.fold(contact.name).replace("-", " ").split())


@dataclass(frozen=True)
class Found:
    """A search's contacts, and the query they were found for when it is not the one asked (did you mean)."""

    contacts: list[Contact]
    suggestion: str | None = None


def organisation_key(contact: Contact) -> str:
    """The organisation filter's value: a slug of the Swedish name, the same in both languages."""
    return _slug(contact.organisation.pick("sv") or "")


@lru_cache(maxsize=8192)
def _slug(name: str) -> str:
    """An organisation's slug (remembered: an organisation has many people, and a build asks for each often)."""
    return slugify(name)


class SearchIndex:
    """The search texts, organisation keys, orders and organisation lists of one version's contacts."""

    def __init__(self, contacts: tuple[Contact, ...], *, texts: bool = True):
        self.contacts = contacts
        self.org_keys = tuple(organisation_key(c) for c in contacts)
        if texts:  # made now, with the snapshot, rather than by the first search (a build never searches)
            self._texts
        self.releases = Releases(contacts)
        self._orders = {lang: self._order(lang) for lang in LANGUAGES}
        self._organisations = {lang: self._organisation_list(lang) for lang in LANGUAGES}
        self._words: LRU[frozenset[int]] = LRU(
            max_entries=REMEMBERED_WORDS, max_bytes=REMEMBERED_BYTES, size=lambda hits: 256 + 40 * len(hits)
        )
        self._listings: dict[tuple[str, str | None], list[Contact]] = {}  # no query: a few per organisation
        self._known_orgs = frozenset(self.org_keys)

    @cached_property
    def _texts(self) -> tuple[str, list[int], str, list[int]]:
        """Every search text joined by newlines (which a folded word never holds), and where each begins; the
        same of the names' words."""
        names = tuple(name_words(c) for c in self.contacts)
        return "\n".join(self.haystacks), _starts_of(self.haystacks), "\n".join(names), _starts_of(names)

    @cached_property
    def haystacks(self) -> tuple[str, ...]:
        """Each contact's search text (see `haystack`)."""
        return tuple(haystack(c) for c in self.contacts)

    @cached_property
    def suggester(self) -> Suggester:
        """The words of the names and titles for "did you mean": made at the first search that matches no one,
        so a reload or a build that never needs it does not pay for it."""
        return Suggester(text for c in self.contacts for text in (c.name, *c.title))

    @cached_property
    def _org_key_by_id(self) -> dict[str, str]:
        return dict(zip((c.id for c in self.contacts), self.org_keys))

    def org_key(self, contact: Contact) -> str:
        """The organisation filter's value of one of the index's contacts (looked up, not made again)."""
        key = self._org_key_by_id.get(contact.id)
        return organisation_key(contact) if key is None else key

    def _order(self, lang: str) -> tuple[int, ...]:
        keys = [(sort_key(c.organisation.pick(lang) or "~"), sort_key(c.name)) for c in self.contacts]
        return tuple(sorted(range(len(self.contacts)), key=keys.__getitem__))

    def _organisation_list(self, lang: str) -> tuple[tuple[str, str], ...]:
        names = {k: c.organisation.pick(lang) or "" for k, c in zip(self.org_keys, self.contacts) if k}
        return tuple(sorted(names.items(), key=lambda item: sort_key(item[1])))

    def order(self, lang: str) -> tuple[int, ...]:
        """Positions of the contacts as the directory lists them in `lang`: by organisation, then name."""
        return self._orders[lang]

    def organisations(self, lang: str) -> tuple[tuple[str, str], ...]:
        """(filter key, name in `lang`) of every organisation, in Swedish alphabetical order."""
        return self._organisations[lang]

    def select(self, query: str, org: str, lang: str | None = None) -> list[Contact]:
        """The contacts whose name, title or organisation hold every word of the query, in the organisation;
        in the file's order, or in the directory's order for `lang`."""
        contacts = self.contacts
        positions = self.order(lang) if lang else range(len(contacts))
        words = query_words(query)
        keys = self.org_keys
        if not words:  # the whole directory or one organisation: made once per snapshot and language
            if org and org not in self._known_orgs:
                return []  # (never remembered: a request may name any organisation)
            listing = self._listings.get((org, lang))
            if listing is None:
                listing = self._list_all(lang, positions)[org]
            return list(listing)
        hits = self.matching(words[0])
        for word in words[1:]:
            hits = hits & self.matching(word)
        return [contacts[i] for i in positions if i in hits and (not org or keys[i] == org)]

    def _list_all(self, lang: str | None, positions) -> dict[str, list[Contact]]:
        """Remember the whole directory's listing in one order and every organisation's, in one pass (a build
        lists every organisation; one scan of the contacts each would cost seconds at national scale)."""
        contacts, keys = self.contacts, self.org_keys
        listings: dict[str, list[Contact]] = {"": []}
        for i in positions:
            listings[""].append(contacts[i])
            if keys[i]:
                listings.setdefault(keys[i], []).append(contacts[i])
        for org, listing in listings.items():
            self._listings[(org, lang)] = listing
        return listings

    def find(self, query: str, org: str, lang: str | None = None) -> Found:
        """As `select`; when nothing matches, the contacts of the query with each word that matches nothing
        replaced by the nearest word of the names and titles, and that query as the suggestion."""
        contacts = self.select(query, org, lang)
        if contacts or not query:
            return Found(contacts)
        words, written = query_words(query), query.split()
        if query_number(query) or len(words) != len(written):
            return Found(contacts)  # a number is not misspelt (nor is a word that folds away)
        nearest = [self.suggester.nearest(w) if not self.matching(w) else None for w in words]
        if not any(nearest):
            return Found(contacts)
        suggestion = " ".join(near or word for near, word in zip(nearest, written))
        return Found(self.select(suggestion, org, lang), suggestion)

    def matching(self, word: str) -> frozenset[int]:
        """Positions of the contacts whose search text holds `word`, or for a word of one or two letters
        whose name has a word starting with it (remembered for the last few hundred)."""
        hits = self._words.get(word)
        if hits is None:
            joined, starts, names, name_starts = self._texts
            if len(word) <= SHORT_WORD:
                found = _scan(names, name_starts, " " + word)
            else:
                found = _scan(joined, starts, word)
            hits = self._words.put(word, frozenset(found))
        return hits


def query_words(query: str) -> list[str]:
    """The folded words of a query; a query that is a phone number, in any written form, is one word: its E.164."""
    number = query_number(query)
    return [number] if number else name_match.fold(query).split()


def _starts_of(texts: tuple[str, ...]) -> list[int]:
    """Where each of `texts` begins once they are joined by newlines."""
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    return starts


def _scan(text: str, starts: list[int], word: str) -> set[int]:
    """The positions of the texts (joined in `text`, beginning at `starts`) that hold `word`: one C scan."""
    found = set()
    at = text.find(word)
    while at != -1:
        i = bisect.bisect_right(starts, at) - 1
        found.add(i)
        at = text.find(word, starts[i + 1] if i + 1 < len(starts) else len(text))
    return found
