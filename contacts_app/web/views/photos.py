"""The contacts' photos in the sizes pages show them: made once per version of a photo (its digest names
the file), so an address always means the same bytes and is cached by browsers and proxies for a year."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from contacts_app.outputs.photos import parse_name, resized
from contacts_app.web.responses import precondition
from contacts_app.web.views.common import snapshot

bp = Blueprint("photos", __name__)

JPEG_TYPE = "image/jpeg"
#: The copies never change under their name: a new photo has a new digest, and so a new address.
IMMUTABLE = "public, max-age=31536000, immutable"


@bp.get("/photos/<name>")
def photo(name: str) -> Response:
    """A photo, `width` pixels wide, as JPEG (`<digest>-<width>.jpg`)."""
    parsed = parse_name(name)
    if parsed is None:
        abort(404)
    digest, width = parsed
    snap = snapshot()

    def make() -> bytes:
        source = next((c.photo for c in snap.contacts
                       if c.photo is not None and c.photo.path and c.photo.digest.startswith(digest)), None)
        if source is None:
            abort(404)
        return resized(source.path, source.digest, width)

    body, etag = snap.memos.rendered(("photo", name), make)
    status, etag = precondition(etag, None)
    response = Response(status=status) if status else Response(body, content_type=JPEG_TYPE)
    response.headers.extend([("ETag", f'"{etag}"'), ("Cache-Control", IMMUTABLE)])
    return response
