"""The directory's pages, vCard downloads and their JSON twins (a Flask blueprint).

Each view takes one Snapshot of the data for the whole request, so a reload never shows half a file.
What a page shows of a contact (`card_view`), its JSON-LD and its vCard are pure functions of the Contact,
cached per record version.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup
from werkzeug.http import http_date

from contacts_app.model.contact import Contact
from contacts_app.normalise import name_match
from contacts_app.normalise.names import slugify
from contacts_app.outputs.qr import qr_svg
from contacts_app.outputs.vcard import DEFAULT_VERSION, VERSIONS, vcard
from contacts_app.web.i18n import STRINGS, request_language
from contacts_app.web.security import may_see_status
from contacts_app.web.serving.bulk_body import bulk_response
from contacts_app.web.serving.compression import etag_matches
from contacts_app.web.store import DirectoryStore, Snapshot

bp = Blueprint("directory", __name__)

MAX_QUERY = 200
#: Rendered pages kept per version of the data (see SnapshotIndex.rendered).
PAGE_CACHE_BYTES = 8 * 1024 * 1024
#: Contacts on one page of the directory: with thousands of contacts a page stays small on a phone.
PAGE_SIZE = 50
VCARD_TYPE = "text/vcard; charset=utf-8"
_ATTR_CHAR = "!#$&+-.^_`|~"  # RFC 5987 attr-char besides letters and digits
_SWEDISH_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "æ": "z\x02", "ö": "z\x03", "ø": "z\x03"})


# -- the data of one request ---------------------------------------------------------------------


def store() -> DirectoryStore:
    """The app's DirectoryStore."""
    return current_app.extensions["contacts_store"]


def snapshot() -> Snapshot:
    """The data this request is served from: taken once, then the same for the whole request."""
    if "snapshot" not in g:
        g.snapshot = store().snapshot
    return g.snapshot


def index_of(snap: Snapshot) -> "SnapshotIndex":
    """The SnapshotIndex of a snapshot: built on first use, then shared by every request of that version."""
    index = snap.derived.get("views")
    if index is None:
        with _INDEX_LOCK:  # built once even when the first requests of a version arrive together
            index = snap.derived.get("views")
            if index is None:
                index = snap.derived["views"] = SnapshotIndex(snap)
    return index


def find(contact_id: str) -> Contact:
    """The contact with this id, or a 404."""
    contact = snapshot().directory.by_id.get(contact_id)
    if contact is None:
        abort(404)
    return contact


# -- pure views of a contact ---------------------------------------------------------------------


@dataclass(frozen=True)
class PhoneView:
    """A number as a page shows it: the tel: target, the national display form and the label's words."""

    e164: str
    display: str
    label: str | None


@dataclass(frozen=True)
class CardView:
    """What a page shows of one contact, in one language."""

    id: str
    kind: str
    name: str
    title: str | None
    organisation: str | None
    party: str | None
    phones: tuple[PhoneView, ...]
    emails: tuple[str, ...]


@lru_cache(maxsize=16384)
def card_view(contact: Contact, lang: str) -> CardView:
    """The page context of a contact in `lang` (titles fall back to Swedish)."""
    words = STRINGS[lang]
    return CardView(
        id=contact.id,
        kind=contact.kind,
        name=contact.name,
        title=contact.title.pick(lang),
        organisation=contact.organisation.pick(lang),
        party=contact.party,
        phones=tuple(
            PhoneView(p.e164, p.display, words.get(f"label_{p.label}") if p.label else None) for p in contact.phones
        ),
        emails=contact.emails,
    )


def jsonld(card: CardView, url: str | None) -> dict:
    """schema.org JSON-LD of a card: a Person (a press desk is a ContactPoint)."""
    data: dict = {"@type": "Person" if card.kind == "person" else "ContactPoint", "name": card.name}
    if url:
        data["url"] = url
    if card.kind == "desk":
        data["contactType"] = "press"
    if card.title and card.kind == "person":
        data["jobTitle"] = card.title
    if card.organisation:
        key = "worksFor" if card.kind == "person" else "areaServed"
        data[key] = {"@type": "Organization", "name": card.organisation}
    if card.phones:
        data["telephone"] = [p.e164 for p in card.phones]
    if card.emails:
        data["email"] = list(card.emails)
    if card.party and card.kind == "person":
        data["affiliation"] = {"@type": "PoliticalParty", "name": card.party}
    return data


def script_json(data: object) -> Markup:
    """JSON that is safe inside <script type="application/ld+json">: no <, > or & can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def sort_key(text: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z; other accents as their base letter."""
    text = text.casefold().translate(_SWEDISH_ORDER)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def haystack(contact: Contact) -> str:
    """The searchable text of a contact: name, titles and organisations in every language, folded."""
    return name_match.fold(" ".join((contact.name, *contact.title, *contact.organisation)))


def organisation_key(contact: Contact) -> str:
    """The organisation filter's value: a slug of the Swedish name, the same in both languages."""
    return slugify(contact.organisation.pick("sv") or "")


_INDEX_LOCK = threading.Lock()


@dataclass(eq=False)
class SnapshotIndex:
    """What every request of one snapshot shares, computed once per version of the data, never per request:
    the search texts and organisation keys, the directory's order and organisation list per language, each
    card, and the bulk download of the whole directory with its ETag."""

    snapshot: Snapshot
    haystacks: tuple[str, ...] = field(init=False)
    org_keys: tuple[str, ...] = field(init=False)
    _derived: dict = field(init=False, default_factory=dict)
    _locks: dict = field(init=False, default_factory=dict)
    _words: dict = field(init=False, default_factory=dict)
    _locks_lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    cards: dict = field(init=False, default_factory=dict)
    downloads: dict = field(init=False, default_factory=dict)
    urls: dict = field(init=False, default_factory=dict)
    _pages: OrderedDict = field(init=False, default_factory=OrderedDict)
    _page_bytes: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        contacts = self.snapshot.contacts
        self.haystacks = tuple(haystack(c) for c in contacts)
        self.org_keys = tuple(organisation_key(c) for c in contacts)

    def _once(self, key: tuple, make):
        """A value derived from this snapshot, made on first use; requests that need it meanwhile wait for
        that one making instead of each making it again (the whole directory's vCards take seconds)."""
        value = self._derived.get(key)
        if value is None:
            with self._locks_lock:
                lock = self._locks.setdefault(key, threading.Lock())
            with lock:
                value = self._derived.get(key)
                if value is None:
                    value = self._derived[key] = make()
        return value

    def order(self, lang: str) -> tuple[int, ...]:
        """Positions of the contacts as the directory lists them in `lang`: by organisation, then name."""
        contacts = self.snapshot.contacts

        def make() -> tuple[int, ...]:
            keys = [(sort_key(c.organisation.pick(lang) or "~"), sort_key(c.name)) for c in contacts]
            return tuple(sorted(range(len(contacts)), key=keys.__getitem__))

        return self._once(("order", lang), make)

    def organisations(self, lang: str) -> tuple[tuple[str, str], ...]:
        """(filter key, name in `lang`) of every organisation, in Swedish alphabetical order."""

        def make() -> tuple[tuple[str, str], ...]:
            names = {k: c.organisation.pick(lang) or "" for k, c in zip(self.org_keys, self.snapshot.contacts) if k}
            return tuple(sorted(names.items(), key=lambda item: sort_key(item[1])))

        return self._once(("organisations", lang), make)

    def select(self, query: str, org: str, lang: str | None = None) -> list[Contact]:
        """The contacts whose name, title or organisation hold every word of the query, in the organisation;
        in the file's order, or in the directory's order for `lang`."""
        contacts = self.snapshot.contacts
        positions = self.order(lang) if lang else range(len(contacts))
        words = name_match.fold(query).split()
        if not words and not org:
            return [contacts[i] for i in positions]
        keys = self.org_keys
        if not words:
            return [contacts[i] for i in positions if keys[i] == org]
        hits = self.matching(words[0])
        for word in words[1:]:
            hits = hits & self.matching(word)
        return [contacts[i] for i in positions if i in hits and (not org or keys[i] == org)]

    def matching(self, word: str) -> frozenset[int]:
        """Positions of the contacts whose search text holds `word`: found by a scan of all the texts joined
        into one string (in C, not a Python loop per contact); the last few hundred words are remembered."""
        hits = self._words.get(word)
        if hits is None:
            text, starts = self._joined()
            found = set()
            at = text.find(word)
            while at != -1:
                i = bisect.bisect_right(starts, at) - 1
                found.add(i)
                at = text.find(word, starts[i + 1] if i + 1 < len(starts) else len(text))
            hits = frozenset(found)
            with self._locks_lock:
                if len(self._words) >= 512:
                    self._words.pop(next(iter(self._words)), None)
                self._words[word] = hits
        return hits

    def _joined(self) -> tuple[str, list[int]]:
        """Every search text joined by newlines (which a folded word never holds), and where each begins."""

        def make() -> tuple[str, list[int]]:
            starts, at = [], 0
            for text in self.haystacks:
                starts.append(at)
                at += len(text) + 1
            return "\n".join(self.haystacks), starts

        return self._once(("joined",), make)

    def card(self, contact: Contact, lang: str, version: str, url: str | None) -> str:
        """The contact's vCard, built once per record, language, vCard version and address in this snapshot."""
        key = (contact.id, lang, version, url)
        text = self.cards.get(key)
        if text is None:
            text = self.cards[key] = vcard(
                contact, lang=lang, version=version, url=url, rev=self.snapshot.revision(contact)
            )
        return text

    def cached(self, key: tuple) -> tuple[bytes, str] | None:
        """A page rendered before, if it is still kept."""
        with self._locks_lock:
            hit = self._pages.get(key)
            if hit is not None:
                self._pages.move_to_end(key)
            return hit

    def rendered(self, key: tuple, render) -> tuple[bytes, str]:
        """A rendered page (bytes and ETag), kept while it is among the recently asked-for pages.

        Pages are pure functions of the snapshot and the request's arguments; under a big story's traffic
        the same few are asked for again and again. The cache holds at most PAGE_CACHE_BYTES."""
        hit = self.cached(key)
        if hit is not None:
            return hit
        body = render().encode("utf-8")
        entry = (body, etag_of(body))
        with self._locks_lock:
            if key not in self._pages:
                self._pages[key] = entry
                self._page_bytes += len(body)
                while self._page_bytes > PAGE_CACHE_BYTES and len(self._pages) > 1:
                    self._page_bytes -= len(self._pages.popitem(last=False)[1][0])
        return entry

    def download(self, contact: Contact, lang: str, version: str, url: str | None) -> tuple[bytes, str, str]:
        """A contact's vCard download: body, ETag and Content-Disposition, made once per snapshot."""
        key = (contact.id, lang, version, url)
        hit = self.downloads.get(key)
        if hit is None:
            body = self.card(contact, lang, version, url).encode("utf-8")
            hit = self.downloads[key] = (
                body, etag_of(body), content_disposition(f"{contact.id}.vcf", f"{contact.name}.vcf")
            )
        return hit

    def bulk(self, key: tuple, make) -> tuple[bytes, str]:
        """A bulk download of this snapshot (bytes and ETag), made once."""

        def with_etag() -> tuple[bytes, str]:
            body = make()
            return body, etag_of(body)

        return self._once(("bulk", *key), with_etag)


# -- helpers for responses -------------------------------------------------------------------------


def view_args() -> tuple[str, str, str, bool]:
    """(query, organisation, language, language chosen explicitly) of the current request."""
    query = " ".join(request.args.get("q", "").split())[:MAX_QUERY]
    org = request.args.get("org", "")[:MAX_QUERY]
    lang, explicit = request_language()
    return query, org, lang, explicit


def href(endpoint: str, **values) -> str:
    """The address of a page or download in links: url_for on the server; in a static export (contacts build)
    the path of the exported file, relative to the page being written."""
    site = g.get("static_site")
    if site is not None:
        return site.href(endpoint, values)
    return url_for(endpoint, **values)


bp.add_app_template_global(href)


def public_url(endpoint: str, **values) -> str | None:
    """The absolute address of a page: PUBLIC_URL when configured, else the address the request came to.

    In a static export it is the build's --base-url, or None when none was given."""
    site = g.get("static_site")
    if site is not None:
        return site.absolute(endpoint, values)
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def person_url(contact: Contact, lang: str) -> str | None:
    """The absolute address of a contact's page (in English when lang is en), built once per address of the site."""
    if g.get("static_site") is not None:
        return _person_url(contact, lang)
    urls = index_of(snapshot()).urls
    key = (contact.id, lang, request.host_url, request.script_root)
    url = urls.get(key)
    if url is None:
        url = urls[key] = _person_url(contact, lang)
    return url


def _person_url(contact: Contact, lang: str) -> str | None:
    return public_url("directory.person", contact_id=contact.id, **({"lang": lang} if lang != "sv" else {}))


def content_disposition(ascii_name: str, name: str) -> str:
    """attachment with an ASCII filename and, per RFC 6266, the real name as filename*=UTF-8''…."""
    ascii_name = "".join(ch for ch in ascii_name if ch.isascii() and ch.isalnum() or ch in "-_.") or "contact.vcf"
    clean = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in '/\\"') or ascii_name
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(clean, safe=_ATTR_CHAR)}"


def etag_of(body: bytes) -> str:
    """A strong ETag of a body."""
    return hashlib.sha256(body).hexdigest()[:32]


def cached_answer(body: bytes, content_type: str, etag: str, modified: datetime | None, **headers: str) -> Response:
    """A response from cached bytes, with validators; a 304 when the client already has this version.

    The same as `conditional`, without building and re-parsing the headers on every request: for the
    answers that are asked for most (pages, single cards). A client holding the compressed form gets its
    own ETag back with the 304."""
    held = etag_matches(request.if_none_match, etag) if request.if_none_match else None
    if held or (
        modified is not None and not request.if_none_match and request.if_modified_since
        and request.if_modified_since >= modified.replace(microsecond=0)
    ):
        response = Response(status=304)
    else:
        response = Response(body, content_type=content_type)
    response.headers.extend(
        [("ETag", f'"{held or etag}"'), ("Cache-Control", "no-cache"), ("Vary", "Accept-Language"), *headers.items()]
    )
    if modified is not None:
        response.headers["Last-Modified"] = _http_date(modified)
    return response


@lru_cache(maxsize=4096)
def _http_date(moment: datetime) -> str:
    return http_date(moment)


def conditional(response: Response, body: bytes, modified: datetime | None, etag: str | None = None) -> Response:
    """A strong ETag of the body and Last-Modified; a 304 when the client already has this version."""
    response.set_etag(etag or etag_of(body))
    if modified is not None:
        response.last_modified = modified
    response.headers["Cache-Control"] = "no-cache"
    response.vary.add("Accept-Language")
    return response.make_conditional(request)


def vcard_version() -> str:
    """`?version=` of a vCard download: 3.0 (the default) or 4.0; anything else is a bad request."""
    version = request.args.get("version", DEFAULT_VERSION)
    if version not in VERSIONS:
        abort(400, description=f"version must be one of {', '.join(VERSIONS)}")
    return version


def vcard_response(
    body: str | bytes, ascii_name: str, name: str, modified: datetime | None, etag: str | None = None
) -> Response:
    """A vCard download with its type, filename and validators."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    response = Response(body, content_type=VCARD_TYPE)
    response.headers["Content-Disposition"] = content_disposition(ascii_name, name)
    return conditional(response, body, modified, etag)


def json_response(data: object, modified: datetime | None) -> Response:
    """A JSON twin with validators."""
    response = jsonify(data)
    return conditional(response, response.get_data(), modified)


def page_number() -> int:
    """`?page=` of the directory: 1 when absent; anything but a positive whole number is a bad request."""
    raw = request.args.get("page", "1")
    if not (raw.isascii() and raw.isdigit() and 0 < len(raw) <= 6 and int(raw) > 0):
        abort(400, description="page must be a whole number from 1 up")
    return int(raw)


def page_links(current: int, pages: int) -> list[int | None]:
    """The page numbers a pagination bar shows: the first, the last and two either side of the current
    one; None where numbers are left out."""
    wanted = sorted({1, pages, *range(max(1, current - 2), min(pages, current + 2) + 1)})
    links: list[int | None] = []
    for number in wanted:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links


def page(key: tuple, template: str, context) -> Response:
    """An HTML page in the request's language, rendered once per version of the data and arguments.

    `context` is a function giving the template's context, called only when the page is not cached."""
    snap = snapshot()
    body, etag = index_of(snap).rendered(page_key(key), lambda: render_template(template, **context()))
    return cached_answer(body, "text/html; charset=utf-8", etag, snap.modified)


def page_key(key: tuple) -> tuple:
    """A page's cache key: what the view says it depends on, and where the site is served from."""
    return (*key, bool(g.get("static_site")), request.script_root)


def link_args(lang: str, explicit: bool, **values) -> dict:
    """Query arguments for links that keep the language when the visitor chose it."""
    args = {key: value for key, value in values.items() if value}
    if explicit:
        args["lang"] = lang
    return args


# -- pages ---------------------------------------------------------------------------------------


@bp.get("/")
def index() -> Response:
    """The spokespeople, grouped by organisation, PAGE_SIZE to a page; search, organisation filter and
    pagination are links and a form, so they work without JavaScript."""
    query, org, lang, explicit = view_args()
    number = page_number()
    snap = snapshot()
    idx = index_of(snap)
    key = ("index", query, org, lang, explicit, number)
    hit = idx.cached(page_key(key))
    if hit is not None:  # a page asked for before: no search, no rendering
        return cached_answer(hit[0], "text/html; charset=utf-8", hit[1], snap.modified)
    shown = idx.select(query, org, lang)
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    if number > pages:
        abort(404)

    def context() -> dict:
        first = (number - 1) * PAGE_SIZE
        on_page = shown[first : first + PAGE_SIZE]
        groups: dict[str, list[CardView]] = {}
        for contact in on_page:
            card = card_view(contact, lang)
            groups.setdefault(card.organisation or "", []).append(card)
        graph = [jsonld(card_view(c, lang), person_url(c, lang)) for c in on_page]
        search_args = link_args(lang, explicit, q=query, org=org)
        links = page_links(number, pages) if pages > 1 else []
        wanted = {n for n in (*links, number - 1, number + 1) if n and 1 <= n <= pages}
        other_args = link_args(lang, False, q=query, org=org, page=number if number > 1 else None)
        other_args["lang"] = STRINGS[lang]["other_language_code"]
        return dict(
            lang=lang,
            t=STRINGS[lang],
            query=query,
            org=org,
            groups=groups,
            count=len(shown),
            total=len(snap.contacts),
            first=first + 1,
            last=first + len(on_page),
            page_number=number,
            pages=pages,
            page_links=links,
            page_hrefs={
                n: href("directory.index", **search_args, **({"page": n} if n > 1 else {})) for n in wanted
            },
            organisations=idx.organisations(lang),
            args=link_args(lang, explicit),
            download_args=link_args(lang, True),
            search_args=search_args,
            all_args=link_args(lang, True, q=query, org=org),
            other_args=other_args,
            other_href=href("directory.index", **other_args) if g.get("static_site") else None,
            jsonld=script_json({"@context": "https://schema.org", "@graph": graph}),
        )

    return page(key, "index.html", context)


@bp.get("/people/<contact_id>")
def person(contact_id: str) -> Response:
    """One spokesperson, with a QR code of their vCard to scan at a press event."""
    contact = find(contact_id)
    _, _, lang, explicit = view_args()

    def context() -> dict:
        card = card_view(contact, lang)
        url = person_url(contact, lang)
        text = index_of(snapshot()).card(contact, lang, DEFAULT_VERSION, url)
        other_args = {"lang": STRINGS[lang]["other_language_code"]}
        return dict(
            lang=lang,
            t=STRINGS[lang],
            card=card,
            qr=Markup(qr_svg(text)),
            args=link_args(lang, explicit),
            download_args=link_args(lang, True),
            other_args=other_args,
            other_href=href("directory.person", contact_id=contact.id, **other_args) if g.get("static_site") else None,
            qr_file=href("qr", contact_id=contact.id, lang=lang) if g.get("static_site") else None,
            jsonld=script_json({"@context": "https://schema.org", **jsonld(card, url)}),
        )

    return page(("person", contact.id, lang, explicit), "person.html", context)


@bp.get("/people/<contact_id>.vcf")
def person_vcard(contact_id: str) -> Response:
    """One contact's vCard (3.0, or 4.0 with ?version=4.0; English with ?lang=en)."""
    contact = find(contact_id)
    version = vcard_version()
    _, _, lang, _ = view_args()
    snap = snapshot()
    body, etag, disposition = index_of(snap).download(contact, lang, version, person_url(contact, lang))
    return cached_answer(body, VCARD_TYPE, etag, snap.revision(contact), **{"Content-Disposition": disposition})


@bp.get("/contacts.vcf")
def all_vcards() -> Response:
    """The vCards of every contact in the current view (the same q and org as the page) in one file.

    The whole directory's file is made once per snapshot, language, vCard version and site address, and
    then sent without any work per contact."""
    version = vcard_version()
    query, org, lang, _ = view_args()
    snap = snapshot()
    idx = index_of(snap)

    def cards(shown) -> bytes:
        return "".join(idx.card(c, lang, version, person_url(c, lang)) for c in shown).encode("utf-8")

    if not (query or org):
        body, etag = idx.bulk(("vcf", lang, version, public_url("directory.index")), lambda: cards(snap.contacts))
        response = bulk_response(body, VCARD_TYPE)
        response.headers["Content-Disposition"] = content_disposition("contacts.vcf", "contacts.vcf")
        return conditional(response, body, snap.latest_revision, etag)
    shown = idx.select(query, org)
    modified = max((snap.revision(c) for c in shown), default=snap.modified)
    return vcard_response(cards(shown), "contacts.vcf", "contacts.vcf", modified)


@bp.get("/api/contacts")
def api_contacts() -> Response:
    """The JSON twin of the directory: the records of the current view, shaped as `contacts export`."""
    query, org, _, _ = view_args()
    snap = snapshot()
    idx = index_of(snap)
    if query or org:  # a search's records, kept like a rendered page: a big story repeats the same searches
        body, etag = idx.rendered(
            ("api", query, org), lambda: current_app.json.dumps([c.as_dict() for c in idx.select(query, org)])
        )
        return cached_answer(body, "application/json", etag, snap.modified)

    def whole() -> bytes:
        return jsonify([c.as_dict() for c in snap.contacts]).get_data()

    body, etag = idx.bulk(("json",), whole)
    return conditional(bulk_response(body, "application/json"), body, snap.modified, etag)


@bp.get("/api/contacts/<contact_id>")
def api_contact(contact_id: str) -> Response:
    """The JSON twin of a person's page."""
    contact = find(contact_id)
    return json_response(contact.as_dict(), snapshot().revision(contact))


# -- staff -----------------------------------------------------------------------------------------


def status_data() -> dict:
    """What the status page shows: the file, when it was loaded, and the current findings."""
    s = store()
    snap = snapshot()
    directory = snap.directory
    return {
        "file": s.path,
        "loaded_at": directory.loaded_at.isoformat(),
        "modified": snap.modified.isoformat(),
        "version": directory.version,
        "contacts": len(directory.contacts),
        "errors": len(directory.errors),
        "warnings": len(directory.findings) - len(directory.errors),
        "findings": [f.as_dict() for f in directory.findings],
        "failed_reload": (
            {"at": s.failed.at.isoformat(), "findings": [f.as_dict() for f in s.failed.findings]}
            if s.failed
            else None
        ),
    }


def _staff_only() -> None:
    """Refuse the status page to anyone but staff: 401 asking for the token, or 404 without one."""
    if may_see_status(current_app):
        return
    if current_app.config.get("STATUS_TOKEN"):
        abort(Response("", 401, {"WWW-Authenticate": 'Basic realm="staff", charset="UTF-8"'}))
    abort(404)


@bp.get("/_status")
def status() -> Response:
    """For staff: the current findings, when the data was loaded, and a failed reload if there was one."""
    _staff_only()
    response = Response(render_template("status.html", lang="en", t=STRINGS["en"], status=status_data()))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/api/status")
def api_status() -> Response:
    """The JSON twin of the status page."""
    _staff_only()
    response = jsonify(status_data())
    response.headers["Cache-Control"] = "no-store"
    return response
