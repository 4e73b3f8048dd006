"""gzip for clients that accept it (every browser does): a search page of 80 KB goes as 9 KB.

Journalists open the directory on phones, often on a mobile network. The response cache in front of the
app keeps the compressed answer beside the plain one, so a page asked for again is compressed once per
version of the data, not per request. Brotli and Zstandard at the levels fast enough to use here make pages
of these sizes no smaller than gzip does (measured: 9.2 and 9.5 KB against 9.4 KB), so gzip from the
standard library it is.

Bodies sent through the server's file wrapper (the whole directory's downloads, static files) go as they
are: compressing megabytes on every request would cost more server time than it saves. Private answers
(`Cache-Control: no-store`, the staff pages) go as they are too, so compression can never be used to guess
their content from its size.

A compressed answer's ETag is the plain one with `:gzip` after it; `responses.precondition` recognises
either form in If-None-Match, so a revisit is a 304 without rendering or compressing anything.
"""

from __future__ import annotations

import gzip
from functools import lru_cache

from flask import Flask, Response, request
from werkzeug.http import parse_accept_header

from contacts_app.web.responses import GZIP_SUFFIX, recheck

COMPRESSIBLE = frozenset({"text/html", "application/json", "text/vcard", "image/svg+xml", "text/css", "text/plain"})
MIN_SIZE = 1024  # below a kilobyte the saving is smaller than a packet
LEVEL = 6
SUFFIX = GZIP_SUFFIX


@lru_cache(maxsize=256)
def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (RFC 9110: named with a quality above 0, or `*` is)."""
    qualities = {value.lower(): quality for value, quality in parse_accept_header(accept_encoding)}
    quality = qualities.get("gzip", qualities.get("x-gzip", qualities.get("*", 0)))
    return quality > 0


def compress(response: Response) -> Response:
    """gzip a response when it is worth it and the client accepts it (an after_request hook)."""
    if response.mimetype not in COMPRESSIBLE or response.direct_passthrough:
        return response
    response.vary.add("Accept-Encoding")
    if (
        response.status_code != 200
        or response.cache_control.no_store  # staff pages: never compress private data (BREACH)
        or "Content-Encoding" in response.headers
        or (response.content_length or 0) < MIN_SIZE
        or not accepts_gzip(request.headers.get("Accept-Encoding", ""))
    ):
        return response
    response.set_data(gzip.compress(response.get_data(), LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag:
        response.set_etag(etag + SUFFIX, weak=weak)
        return recheck(response)  # a client may hold this compressed version already
    return response


def init_app(app: Flask) -> None:
    """Compress the app's answers for clients that accept gzip."""
    app.after_request(compress)
