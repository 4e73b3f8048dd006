"""A response cache in front of the app: repeated requests for the same public answer skip Flask entirely.

When a big story breaks, journalists ask for the same few pages and cards again and again. Every
answer is a pure function of the data's version and the request (path, the query arguments the views read,
canonicalised, the negotiated language, the encoding: never the Host, which answers do not depend on), so
the finished response (status, headers, body) can be kept per version and sent again as it is, the
way a caching proxy would. Only plain GET and HEAD requests of public routes are cached, only 200s,
and only small bodies; requests with validators (If-None-Match, If-Modified-Since) go through the app,
which answers 304. Memory is bounded by a byte budget that counts each entry's body, headers and key,
oldest-used first out.
"""

from __future__ import annotations

from typing import Callable, Iterable

from contacts_app.web.serving.compression import accepts_gzip
from contacts_app.web.serving.lru import LRU

#: The longest path cached (ids are at most 64 characters).
MAX_PATH = 256
#: Paths never cached: the staff pages (their answer depends on who asks).
PRIVATE_PREFIXES = ("/_status", "/api/status")
#: Request headers that make an answer depend on more than the key below.
_VALIDATORS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE",
               "HTTP_RANGE", "HTTP_AUTHORIZATION")


class ResponseCache:
    """WSGI middleware keeping finished 200 responses per data version (see the module's docstring)."""

    def __init__(self, app, version: Callable[[], object], shaping: Callable[[dict], tuple], *,
                 max_bytes: int = 16 * 1024 * 1024, max_body: int = 256 * 1024):
        self.app = app
        self.version = version
        self.shaping = shaping  # what of the query and headers shapes an answer (views.common.answer_key)
        self.max_bytes = max_bytes
        self.max_body = max_body
        #: (status, headers, body) by request; an entry counts its body, headers and key (see LRU).
        self._entries: LRU[tuple[str, list, bytes]] = LRU(max_bytes=max_bytes, size=_entry_bytes)

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        hit = self._entries.get(key)
        if hit is not None:
            status, headers, body = hit
            start_response(status, list(headers))
            return [body]
        return self._fill(key, environ, start_response)

    def _key(self, environ: dict) -> tuple | None:
        """What the answer depends on, or None when the request is not to be cached."""
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "")
        if method not in ("GET", "HEAD") or path.startswith(PRIVATE_PREFIXES):
            return None
        if any(name in environ for name in _VALIDATORS):
            return None
        if len(path) > MAX_PATH:  # no route has such a path: a 404, not worth a place
            return None
        return (
            self.version(), method, environ.get("wsgi.url_scheme"), environ.get("SCRIPT_NAME", ""), path,
            *self.shaping(environ), accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")),
        )

    def _fill(self, key: tuple, environ: dict, start_response) -> Iterable[bytes]:
        """Answer through the app; keep the answer when it is a small 200."""
        seen: dict = {}

        def capture(status: str, headers: list, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = self.app(environ, capture)
        status, headers = seen.get("status", ""), seen.get("headers", [])
        length = next((int(v) for k, v in headers if k.lower() == "content-length" and v.isdigit()), None)
        if not status.startswith("200 ") or length is None or length > self.max_body:
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close:
                close()
        if len(body) == length or key[1] == "HEAD":
            self._keep(key, (status, list(headers), body))
        return [body]

    def _keep(self, key: tuple, entry: tuple[str, list, bytes]) -> None:
        """Keep a finished answer under its key."""
        self._entries.put(key, entry)


def _entry_bytes(entry: tuple[str, list, bytes]) -> int:
    """What a kept answer holds: its body, status and headers, and the objects around them."""
    status, headers, body = entry
    return len(body) + len(status) + sum(len(k) + len(v) + 112 for k, v in headers) + 256
