"""Answers with validators, and the one place that decides whether a client already has this version.

Every page, card, QR code and JSON twin carries a strong ETag of its body, Last-Modified where the data says
when it changed, `Cache-Control: no-cache` and `Vary: Accept-Language`. `precondition` answers "412, 304 or
the body?" for all of them, and for the compression hook (which gives a gzipped body the ETag of the plain
one with `:gzip` after it), so a client holding either form gets a 304 without anything being rendered
or compressed again.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import datetime
from functools import lru_cache
from urllib.parse import quote

from flask import Response, request
from werkzeug.datastructures import ETags
from werkzeug.http import http_date

from contacts_app.web.serving.bulk_body import bulk_response

#: What a compressed body's ETag has after the plain one.
GZIP_SUFFIX = ":gzip"
HTML_TYPE = "text/html; charset=utf-8"
JSON_TYPE = "application/json"
SVG_TYPE = "image/svg+xml"
VCARD_TYPE = "text/vcard; charset=utf-8"
_ATTR_CHAR = "!#$&+-.^_`|~"  # RFC 5987 attr-char besides letters and digits


def etag_of(body: bytes) -> str:
    """A strong ETag of a body."""
    return hashlib.sha256(body).hexdigest()[:32]


def etag_matches(tags: ETags, etag: str) -> str | None:
    """The tag in If-None-Match that names this version (plain or compressed), else None; weak comparison,
    as RFC 9110 asks for If-None-Match."""
    if tags.contains_weak(etag):
        return etag
    if tags.contains_weak(etag + GZIP_SUFFIX):
        return etag + GZIP_SUFFIX
    return None


def precondition(etag: str | None, modified: datetime | None) -> tuple[int | None, str | None]:
    """(412, 304 or None; the ETag to answer with) for a GET or HEAD of this version.

    In the order of RFC 9110, section 13.2.2: If-Match that names only other versions is a 412 (`*` names
    any); If-None-Match naming this version in either form is a 304 (and the ETag sent back is the form
    the client holds); without If-None-Match, If-Modified-Since no earlier than `modified` is a 304."""
    if request.method not in ("GET", "HEAD"):
        return None, etag
    if_match = request.if_match
    if if_match and not if_match.star_tag and (etag is None or not if_match.is_strong(etag)):
        return 412, etag
    if request.if_none_match:
        held = etag_matches(request.if_none_match, etag) if etag else None
        return (304, held) if held else (None, etag)
    since = request.if_modified_since
    if modified is not None and since and since >= modified.replace(microsecond=0):
        return 304, etag
    return None, etag


def answer(body: bytes, content_type: str, etag: str, modified: datetime | None, *, bulk: bool = False,
           **headers: str) -> Response:
    """The response of a body with its validators, or a 304/412 when the request's conditions say so.

    With `bulk` the body goes through the server's file wrapper as it is (the whole directory's files)."""
    status, etag = precondition(etag, modified)
    if status is not None:
        response = Response(status=status)
    elif bulk:
        response = bulk_response(body, content_type)
    else:
        response = Response(body, content_type=content_type)
    response.headers.extend(
        [("ETag", f'"{etag}"'), ("Cache-Control", "no-cache"), ("Vary", "Accept-Language"), *headers.items()]
    )
    if modified is not None:
        response.headers["Last-Modified"] = _http_date(modified)
    return response


def recheck(response: Response) -> Response:
    """A finished 200 made a 304 (or 412) when the client already holds it: for the compression hook, after
    it has given the body a new ETag."""
    if response.status_code != 200:
        return response
    etag, _ = response.get_etag()
    modified = response.last_modified
    status, held = precondition(etag, modified)
    if status is None:
        return response
    response.status_code = status
    response.set_etag(held or etag)
    return response


@lru_cache(maxsize=4096)
def _http_date(moment: datetime) -> str:
    return http_date(moment)


def content_disposition(ascii_name: str, name: str) -> str:
    """attachment with an ASCII filename and, per RFC 6266, the real name as filename*=UTF-8''…."""
    ascii_name = "".join(ch for ch in ascii_name if ch.isascii() and ch.isalnum() or ch in "-_.") or "contact.vcf"
    clean = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in '/\\"') or ascii_name
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(clean, safe=_ATTR_CHAR)}"

