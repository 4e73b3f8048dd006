"""QR codes as inline SVG (segno), to scan a contact card with a phone at a press event."""

from __future__ import annotations

import io
from functools import lru_cache

import segno


@lru_cache(maxsize=4096)
def qr_svg(data: str) -> str | None:
    """An SVG QR code of `data` (error correction M), sized by its viewBox so CSS decides how big it is;
    None when `data` is more than a QR code holds (about 2,300 bytes)."""
    try:
        code = segno.make(data, error="m", micro=False)
    except segno.DataOverflowError:
        return None
    out = io.BytesIO()
    code.save(
        out, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, border=4,
        svgclass="qr", lineclass=None, dark="#000", light="#fff",
    )
    return out.getvalue().decode("ascii")
