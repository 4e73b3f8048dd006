"""QR codes as inline SVG, to scan a contact card with a phone at a press event.

The code is made by zxing-cpp (compiled: a code of a card's address takes well under a millisecond, where a
pure-Python encoder spent 88 ms choosing the mask of a code that held a whole card) and drawn here as one
SVG path, one horizontal run of dark modules at a time. What a code carries is the caller's choice (see
`web/views/common.qr_code`): the address of the person's vCard where the site's address is known, else the
card itself.
"""

from __future__ import annotations

from functools import lru_cache

import zxingcpp

#: Light modules around the code, as the QR specification asks (four).
QUIET_ZONE = 4
#: Error correction M: 15 % of the code may be unreadable (a glare, a crease) and it still scans.
ERROR_CORRECTION = "M"
#: A module as a digit: zxing-cpp gives a byte a module, 0 for dark; the path is made of runs of 1s (dark).
_AS_DIGITS = bytes.maketrans(b"\x00\xff", b"10")


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
    """The path of the code, row by row: each run of dark modules a horizontal line one module thick (`h`),
    each run of light ones a move past it (`m`), and a move back to the start of the next row. Made by
    string methods and a table of every run's command, not a loop over the runs: a page's code costs a
    third of the time, which a build of every person's page feels."""
    bits = modules.translate(_AS_DIGITS).decode("ascii")
    rows = "/".join(bits[i : i + size] for i in range(0, size * size, size))
    runs = rows.replace("01", "0 1").replace("10", "1 0").replace("/", " / ").split()
    return f"M{QUIET_ZONE} {QUIET_ZONE}.5" + "".join(map(_commands(size).__getitem__, runs))


@lru_cache(maxsize=64)
def _commands(size: int) -> dict[str, str]:
    """The path command of every run a row of `size` modules can hold (1 dark, 0 light) and of a row's end."""
    commands = {"1" * n: f"h{n}" for n in range(1, size + 1)}
    commands.update({"0" * n: f"m{n} 0" for n in range(1, size + 1)})
    commands["/"] = f"m-{size} 1"
    return commands
