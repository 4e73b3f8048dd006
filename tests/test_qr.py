"""The QR code's SVG, read back by a parser of its own and by ZXing's reader: every dark module is drawn, no
light one is, and the code says what it was given."""

import re

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from contacts_app.outputs.qr import QUIET_ZONE, qr_svg

PAYLOADS = [
    "https://kontakter.example.se/people/rickard-stromqvist-wikstrom.vcf",
    "x",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Åsa Öberg-Lindén\r\nTEL;TYPE=WORK:+46 910 73 50 00\r\nEND:VCARD\r\n" * 8,
]


def drawn(svg: str) -> tuple[int, set[tuple[int, int]]]:
    """The side of the code's square and the modules its dark path covers, read from the SVG's commands."""
    side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    path = re.search(r'<path stroke="#000" d="([^"]*)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark.update((int(x) + k, int(y)) for k in range(int(a)))
            x += float(a)
    return side, dark


def zxing_modules(data: str) -> set[tuple[int, int]]:
    """The dark modules ZXing's own encoder makes of `data`, placed inside the quiet zone."""
    code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    size = image.shape[0]
    raw = image.tobytes()
    return {(i % size + QUIET_ZONE, i // size + QUIET_ZONE) for i in range(size * size) if raw[i] == 0}


def read_back(side: int, dark: set[tuple[int, int]], scale: int = 4) -> str:
    """What ZXing's reader finds in the drawn modules, painted black on white at `scale` pixels a module."""
    image = Image.new("L", (side * scale, side * scale), 255)
    for x, y in dark:
        image.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1
    return found[0].text


@pytest.mark.parametrize("data", PAYLOADS, ids=["address", "one letter", "a whole card"])
def test_the_path_draws_exactly_the_codes_dark_modules_and_scans(data):
    side, dark = drawn(qr_svg(data))
    assert dark == zxing_modules(data)
    assert all(QUIET_ZONE <= x < side - QUIET_ZONE and QUIET_ZONE <= y < side - QUIET_ZONE for x, y in dark)
    assert read_back(side, dark) == data


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x17F), min_size=1, max_size=300))
def test_any_text_is_drawn_module_for_module(data):
    side, dark = drawn(qr_svg(data))
    assert dark == zxing_modules(data)


def test_more_than_a_code_holds_is_none():
    assert qr_svg("x" * 3000) is None
