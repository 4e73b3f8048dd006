"""The JSON twins: the directory's records (the current view) and one contact's, shaped as `contacts export`."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from contacts_app.web.responses import JSON_TYPE, answer, etag_of
from contacts_app.web.views.common import find, snapshot, view_args

bp = Blueprint("api", __name__)


@bp.get("/api/contacts")
def contacts() -> Response:
    """The JSON twin of the directory: the records of the current view, shaped as `contacts export`."""
    query, org, _, _ = view_args()
    snap = snapshot()
    if query or org:  # a search's records, kept like a rendered page: a big story repeats the same searches
        body, etag = snap.memos.rendered(
            ("api", query, org), lambda: current_app.json.dumps([c.as_dict() for c in snap.search.select(query, org)])
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
