"""The JSON twins: the directory's records (the current view) and one contact's, shaped as `contacts export`;
the releases (their spokespeople as ids) and one release's (its spokespeople as records)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from contacts_app.web.responses import JSON_TYPE, answer, etag_of
from contacts_app.web.views.common import find, snapshot, view_args
from contacts_app.web.views.releases import find_release

bp = Blueprint("api", __name__)


@bp.get("/api/contacts")
def contacts() -> Response:
    """The JSON twin of the directory: the records of the current view, shaped as `contacts export`."""
    query, org, _, _ = view_args()
    snap = snapshot()
    if query or org:  # a search's records, kept like a rendered page: a big story repeats the same searches
        body, etag = snap.memos.rendered(
            ("api", query, org), lambda: current_app.json.dumps([c.as_dict() for c in snap.search.find(query, org).contacts])
        )
        return answer(body, JSON_TYPE, etag, snap.modified)

    def whole() -> bytes:
        return jsonify([c.as_dict() for c in snap.contacts]).get_data()

    body, etag = snap.memos.bulk(("json",), whole)
    return answer(body, JSON_TYPE, etag, snap.modified, bulk=True)


@bp.get("/api/contacts/<contact_id>")
def contact(contact_id: str) -> Response:
    """The JSON twin of a person's page."""
    record = find(contact_id)
    body = jsonify(record.as_dict()).get_data()
    return answer(body, JSON_TYPE, etag_of(body), snapshot().revision(record))


@bp.get("/api/releases")
def releases() -> Response:
    """The JSON twin of the releases' list: each release, latest first, its spokespeople as ids."""
    query, _, _, _ = view_args()
    snap = snapshot()
    body, etag = snap.memos.rendered(
        ("api-releases", query), lambda: current_app.json.dumps([r.as_dict() for r in snap.search.releases.select(query)])
    )
    return answer(body, JSON_TYPE, etag, snap.modified)


@bp.get("/api/releases/<release_id>")
def release(release_id: str) -> Response:
    """The JSON twin of a release's page: the release, its spokespeople as `contacts export` shapes them."""
    body = jsonify(find_release(release_id).as_dict(records=True)).get_data()
    return answer(body, JSON_TYPE, etag_of(body), snapshot().modified)
