"""Sending a large body kept in memory (the whole directory's vCards or JSON) without copying it per request.

A bulk download is made once per version of the data and then sent to every journalist who asks. Handed
to the WSGI server as a plain string, waitress copies a body of more than 1 MB into a temporary file
before sending it; wrapped in `io.BytesIO` for `send_file`, the BytesIO copies it on the spot (Werkzeug
asks for its buffer to learn the size). `SharedBytes` is a read-only file over the very bytes of the
cache, so the server's file wrapper reads it chunk by chunk, as it would a file on disk.
"""

from __future__ import annotations

import io
import os

from flask import Response, request
from werkzeug.wsgi import wrap_file


class SharedBytes(io.RawIOBase):
    """A seekable, read-only file over `data`: every request gets its own position over the same bytes."""

    def __init__(self, data: bytes):
        super().__init__()
        self._view = memoryview(data)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes from the current position (all that is left when size is -1 or None)."""
        start = self._pos
        end = len(self._view) if size is None or size < 0 else min(len(self._view), start + size)
        self._pos = max(start, end)
        return bytes(self._view[start:end])

    def readinto(self, buffer) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._view)}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")  # the cache keeps the bytes; this file only lets go of them
        super().close()


def bulk_response(body: bytes, content_type: str) -> Response:
    """A 200 response sending `body` through the server's file wrapper, with its length known up front."""
    response = Response(wrap_file(request.environ, SharedBytes(body)), content_type=content_type,
                        direct_passthrough=True)
    response.content_length = len(body)
    return response
