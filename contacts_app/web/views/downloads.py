"""The downloads: a person's vCard and QR code, and the vCards of the current view in one file."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from contacts_app.web.links import links
from contacts_app.web.responses import SVG_TYPE, VCARD_TYPE, answer, content_disposition, etag_of
from contacts_app.web.views.common import find, qr_code, snapshot, vcard_version, view_args

bp = Blueprint("downloads", __name__)


@bp.get("/people/<contact_id>.vcf")
def person_vcard(contact_id: str) -> Response:
    """One contact's vCard (3.0, or 4.0 with ?version=4.0; English with ?lang=en)."""
    contact = find(contact_id)
    version = vcard_version()
    _, _, lang, _ = view_args()
    snap = snapshot()
    rev = snap.revision(contact)
    body, etag, disposition = snap.memos.download(contact, lang, version, links().person_url(contact, lang), rev)
    return answer(body, VCARD_TYPE, etag, rev, **{"Content-Disposition": disposition})


@bp.get("/people/<contact_id>.svg")
def person_qr(contact_id: str) -> Response:
    """A contact's QR code as an SVG image: what the person's page shows, as a file."""
    contact = find(contact_id)
    _, _, lang, _ = view_args()
    snap = snapshot()
    key = ("qr", contact.id, lang, links().card_url(contact, lang))
    body, etag = snap.memos.rendered(key, lambda: (qr_code(contact, lang) or "").encode("ascii"))
    if not body:
        abort(404, description="this card is too big for a QR code")
    return answer(body, SVG_TYPE, etag, snap.revision(contact))


@bp.get("/contacts.vcf")
def all_vcards() -> Response:
    """The vCards of every contact in the current view (the same q and org as the page) in one file.

    The whole directory's file is made once per snapshot, language, vCard version and site address, and
    then sent without any work per contact."""
    version = vcard_version()
    query, org, lang, _ = view_args()
    snap = snapshot()
    to = links()

    def cards(shown) -> bytes:
        return "".join(
            snap.memos.card(c, lang, version, to.person_url(c, lang), snap.revision(c)) for c in shown
        ).encode("utf-8")

    disposition = {"Content-Disposition": content_disposition("contacts.vcf", "contacts.vcf")}
    if not (query or org):
        body, etag = snap.memos.bulk(("vcf", lang, version, to.absolute("pages.index", {})), lambda: cards(snap.contacts))
        return answer(body, VCARD_TYPE, etag, snap.latest_revision, bulk=True, **disposition)
    shown = snap.search.select(query, org)
    modified = max((snap.revision(c) for c in shown), default=snap.modified)
    body = cards(shown)
    return answer(body, VCARD_TYPE, etag_of(body), modified, **disposition)
