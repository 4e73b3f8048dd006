"""A release's bytes from a file or a web address, fetched within a total deadline and a size cap.

A per-read timeout would let a server that drips a byte every few seconds hold the import for ever, so a
timer closes the connection once DEADLINE seconds have passed since the fetch began. Redirects are
followed by hand, at most MAX_REDIRECTS, and only to http(s) addresses whose host is not loopback, private,
link-local or otherwise not on the public internet (a release page has no business sending us there).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from contacts_app.model.errors import ContactsError

#: The largest release page fetched.
MAX_DOWNLOAD = 5 * 1024 * 1024
#: Seconds the whole fetch may take, redirects and a slow server included.
DEADLINE = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "contacts-import (press-room contact directory)"


class ReleaseError(ContactsError):
    """A release that cannot be read; the message says which file and what to do."""


def read_bytes(location: str) -> bytes:
    """A release's bytes from a file or a web address."""
    if location.startswith(("http://", "https://")):
        return download(location)
    try:
        return Path(location).read_bytes()
    except FileNotFoundError:
        raise ReleaseError(f"{location}: no such file") from None
    except IsADirectoryError:
        raise ReleaseError(f"{location}: this is a folder; name the release file") from None
    except OSError as exc:
        raise ReleaseError(f"{location}: cannot read it ({exc.strerror})") from None


def download(url: str) -> bytes:
    """A release page's bytes from its web address; ReleaseError when it cannot be fetched in time."""
    end = time.monotonic() + DEADLINE
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, location, data = _get(url, current, end)
        if location is None:
            if status != 200:
                raise ReleaseError(f"{url}: the server answered {status}")
            return data
        current = urljoin(current, location)
        _check_redirect(url, current)
    raise ReleaseError(f"{url}: more than {MAX_REDIRECTS} redirects; save the page as a file and import that")


def _check_redirect(url: str, target: str) -> None:
    """Refuse a redirect to another scheme, or to a host that is not on the public internet."""
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https"):
        raise ReleaseError(f"{url}: redirected to a {parts.scheme or 'relative'}: address ({target}); not followed")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname or "", parts.port or 80)}
    except (socket.gaierror, UnicodeError):
        raise ReleaseError(f"{url}: redirected to {target}, whose host cannot be found") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise ReleaseError(f"{url}: redirected to {target}, a {_kind(ip)} address; not followed")


def _kind(ip) -> str:
    """What sort of non-public address `ip` is, in a word."""
    return "loopback" if ip.is_loopback else "link-local" if ip.is_link_local else "private"


def _get(url: str, current: str, end: float) -> tuple[int, str | None, bytes]:
    """(status, redirect target or None, body) of one GET of `current`, closed when the deadline `end` passes."""
    parts = urlsplit(current)
    left = end - time.monotonic()
    if left <= 0:
        raise _late(url)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=left, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=left)
    timer = threading.Timer(left, _abort, (conn,))
    timer.start()
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        response = conn.getresponse()
        if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
            return response.status, response.getheader("Location"), b""
        data = _read_capped(url, response, end)
        return response.status, None, data
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if time.monotonic() >= end:
            raise _late(url) from None
        raise ReleaseError(f"{url}: cannot fetch it ({exc}); save the page as a file and import that") from None
    finally:
        timer.cancel()
        conn.close()


def _read_capped(url: str, response: http.client.HTTPResponse, end: float) -> bytes:
    """The body, at most MAX_DOWNLOAD bytes, read before the deadline."""
    chunks, size = [], 0
    while chunk := response.read1(65536):
        size += len(chunk)
        if size > MAX_DOWNLOAD:
            raise ReleaseError(f"{url}: the page is larger than {MAX_DOWNLOAD // 1024 // 1024} MB; not a press release")
        if time.monotonic() >= end:
            raise _late(url)
        chunks.append(chunk)
    return b"".join(chunks)


def _abort(conn: http.client.HTTPConnection) -> None:
    """The deadline passed: wake the read that waits on the connection."""
    sock = conn.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _late(url: str) -> ReleaseError:
    """The error of a fetch that took longer than DEADLINE."""
    return ReleaseError(f"{url}: no complete answer within {DEADLINE:g} s; save the page as a file and import that")
