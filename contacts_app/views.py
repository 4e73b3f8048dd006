"""The directory's pages, vCard downloads and their JSON twins (a Flask blueprint).

Each view takes one Snapshot of the data for the whole request, so a reload never shows half a file.
What a page shows of a contact (`card_view`), its JSON-LD and its vCard are pure functions of the Contact,
cached per record version.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
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

from . import name_match
from .i18n import STRINGS, request_language
from .qr import qr_svg
from .records import Contact
from .reload import DirectoryStore, Snapshot
from .security import may_see_status
from .validate import slugify
from .vcard import DEFAULT_VERSION, VERSIONS, vcard

bp = Blueprint("directory", __name__)

MAX_QUERY = 200
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


def jsonld(card: CardView, url: str) -> dict:
    """schema.org JSON-LD of a card: a Person (a press desk is a ContactPoint)."""
    data: dict = {"@type": "Person" if card.kind == "person" else "ContactPoint", "name": card.name, "url": url}
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


@lru_cache(maxsize=16384)
def haystack(contact: Contact) -> str:
    """The searchable text of a contact: name, titles and organisations in every language, folded."""
    return name_match.fold(" ".join((contact.name, *contact.title, *contact.organisation)))


def organisation_key(contact: Contact) -> str:
    """The organisation filter's value: a slug of the Swedish name, the same in both languages."""
    return slugify(contact.organisation.pick("sv") or "")


def select(contacts: tuple[Contact, ...], query: str, org: str) -> list[Contact]:
    """The contacts whose name, title or organisation hold every word of the query, in the organisation."""
    words = name_match.fold(query).split()
    return [
        c
        for c in contacts
        if (not org or organisation_key(c) == org) and all(word in haystack(c) for word in words)
    ]


# -- helpers for responses -------------------------------------------------------------------------


def view_args() -> tuple[str, str, str, bool]:
    """(query, organisation, language, language chosen explicitly) of the current request."""
    query = " ".join(request.args.get("q", "").split())[:MAX_QUERY]
    org = request.args.get("org", "")[:MAX_QUERY]
    lang, explicit = request_language()
    return query, org, lang, explicit


def public_url(endpoint: str, **values) -> str:
    """The absolute address of a page: PUBLIC_URL when configured, else the address the request came to."""
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def person_url(contact: Contact, lang: str) -> str:
    """The absolute address of a contact's page (in English when lang is en)."""
    return public_url("directory.person", contact_id=contact.id, **({"lang": lang} if lang != "sv" else {}))


def content_disposition(ascii_name: str, name: str) -> str:
    """attachment with an ASCII filename and, per RFC 6266, the real name as filename*=UTF-8''…."""
    ascii_name = "".join(ch for ch in ascii_name if ch.isascii() and ch.isalnum() or ch in "-_.") or "contact.vcf"
    clean = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in '/\\"') or ascii_name
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(clean, safe=_ATTR_CHAR)}"


def conditional(response: Response, body: bytes, modified: datetime | None) -> Response:
    """A strong ETag of the body and Last-Modified; a 304 when the client already has this version."""
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
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


def vcard_response(text: str, ascii_name: str, name: str, modified: datetime | None) -> Response:
    """A vCard download with its type, filename and validators."""
    body = text.encode("utf-8")
    response = Response(body, content_type=VCARD_TYPE)
    response.headers["Content-Disposition"] = content_disposition(ascii_name, name)
    return conditional(response, body, modified)


def json_response(data: object, modified: datetime | None) -> Response:
    """A JSON twin with validators."""
    response = jsonify(data)
    return conditional(response, response.get_data(), modified)


def page(template: str, **context) -> Response:
    """An HTML page in the request's language."""
    response = Response(render_template(template, **context))
    response.vary.add("Accept-Language")
    response.headers["Cache-Control"] = "no-cache"
    return response


def link_args(lang: str, explicit: bool, **values) -> dict:
    """Query arguments for links that keep the language when the visitor chose it."""
    args = {key: value for key, value in values.items() if value}
    if explicit:
        args["lang"] = lang
    return args


# -- pages ---------------------------------------------------------------------------------------


@bp.get("/")
def index() -> Response:
    """Every spokesperson, grouped by organisation; search and organisation filter work without JavaScript."""
    query, org, lang, explicit = view_args()
    snap = snapshot()
    shown = select(snap.contacts, query, org)
    groups: dict[str, list[CardView]] = {}
    for contact in sorted(shown, key=lambda c: (sort_key(c.organisation.pick(lang) or "~"), sort_key(c.name))):
        card = card_view(contact, lang)
        groups.setdefault(card.organisation or "", []).append(card)
    organisations = sorted(
        {organisation_key(c): c.organisation.pick(lang) or "" for c in snap.contacts if c.organisation}.items(),
        key=lambda item: sort_key(item[1]),
    )
    graph = [jsonld(card_view(c, lang), person_url(c, lang)) for c in shown]
    return page(
        "index.html",
        lang=lang,
        t=STRINGS[lang],
        query=query,
        org=org,
        groups=groups,
        count=len(shown),
        total=len(snap.contacts),
        organisations=organisations,
        args=link_args(lang, explicit),
        download_args=link_args(lang, True),
        search_args=link_args(lang, explicit, q=query, org=org),
        all_args=link_args(lang, True, q=query, org=org),
        other_args=link_args(lang, False, q=query, org=org) | {"lang": STRINGS[lang]["other_language_code"]},
        jsonld=script_json({"@context": "https://schema.org", "@graph": graph}),
    )


@bp.get("/people/<contact_id>")
def person(contact_id: str) -> Response:
    """One spokesperson, with a QR code of their vCard to scan at a press event."""
    contact = find(contact_id)
    _, _, lang, explicit = view_args()
    card = card_view(contact, lang)
    url = person_url(contact, lang)
    text = vcard(contact, lang=lang, url=url, rev=snapshot().revision(contact))
    return page(
        "person.html",
        lang=lang,
        t=STRINGS[lang],
        card=card,
        qr=Markup(qr_svg(text)),
        args=link_args(lang, explicit),
        download_args=link_args(lang, True),
        other_args={"lang": STRINGS[lang]["other_language_code"]},
        jsonld=script_json({"@context": "https://schema.org", **jsonld(card, url)}),
    )


@bp.get("/people/<contact_id>.vcf")
def person_vcard(contact_id: str) -> Response:
    """One contact's vCard (3.0, or 4.0 with ?version=4.0; English with ?lang=en)."""
    contact = find(contact_id)
    version = vcard_version()
    _, _, lang, _ = view_args()
    rev = snapshot().revision(contact)
    text = vcard(contact, lang=lang, version=version, url=person_url(contact, lang), rev=rev)
    return vcard_response(text, f"{contact.id}.vcf", f"{contact.name}.vcf", rev)


@bp.get("/contacts.vcf")
def all_vcards() -> Response:
    """The vCards of every contact in the current view (the same q and org as the page) in one file."""
    version = vcard_version()
    query, org, lang, _ = view_args()
    snap = snapshot()
    shown = select(snap.contacts, query, org)
    text = "".join(
        vcard(c, lang=lang, version=version, url=person_url(c, lang), rev=snap.revision(c)) for c in shown
    )
    modified = max((snap.revision(c) for c in shown), default=snap.modified)
    return vcard_response(text, "contacts.vcf", "contacts.vcf", modified)


@bp.get("/api/contacts")
def api_contacts() -> Response:
    """The JSON twin of the directory: the records of the current view, shaped as `contacts export`."""
    query, org, _, _ = view_args()
    snap = snapshot()
    shown = select(snap.contacts, query, org)
    return json_response([c.as_dict() for c in shown], snap.modified)


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
    response = page("status.html", lang="en", t=STRINGS["en"], status=status_data())
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
