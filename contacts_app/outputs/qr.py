"""QR codes as inline SVG, to scan a contact card with a phone at a press event.

The code is made by zxing-cpp (compiled: a code of a card's address takes well under a millisecond, where a
pure-Python encoder spent 88 ms choosing the mask of a code that held a whole card) and drawn here as one
SVG path, one horizontal run of dark modules at a time. What a code carries is the caller's choice (see
`web/views/common.qr_code`): the address of the person's vCard where the site's address is known, else the
card itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

import zxingcpp

#: Light modules around the code, as the QR specification asks (four).
QUIET_ZONE = 4
#: Error correction M: 15 % of the code may be unreadable (a glare, a crease) and it still scans.
ERROR_CORRECTION = "M"
_DARK_RUN = re.compile(rb"\x00+")


@lru_cache(maxsize=4096)
def qr_svg(data: str) -> str | None:
    """An SVG QR code of `data` (error correction M), sized by its viewBox so CSS decides how big it is;
    None when `data` is more than a QR code holds (about 2,300 bytes)."""
    try:
        code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION)
    except ValueError:  # "Input too long for ECC level M"
        return None
    modules = memoryview(code.to_image(scale=1, add_quiet_zones=False))  # a byte a module: 0 is dark
    size = modules.shape[0]
    side = size + 2 * QUIET_ZONE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" class="qr">'
        f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>'
        f'<path stroke="#000" d="{_dark_path(modules.tobytes(), size)}"/></svg>'
    )


def _dark_path(modules: bytes, size: int) -> str:
    """The path of every run of dark modules, row by row, each a horizontal line one module thick; moves are
    relative to where the last run ended, which keeps the path short."""
    rows = b"\xff".join(modules[i : i + size] for i in range(0, size * size, size))  # no run spans two rows
    parts = []
    x, y = 0, None
    width = size + 1
    for run in _DARK_RUN.finditer(rows):
        start, end = run.span()
        row, column = divmod(start, width)
        if y is None:
            parts.append(f"M{column + QUIET_ZONE} {row + QUIET_ZONE}.5h{end - start}")
        else:
            parts.append(f"m{column - x} {row - y}h{end - start}")
        x, y = column + end - start, row
    return "".join(parts)
