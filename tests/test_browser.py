"""End to end in a real headless browser (Debian's chromium via Playwright), with an axe-core WCAG audit.

Needs /usr/bin/chromium, Python Playwright and tests/axe/node_modules/axe-core (scripts/install-test-deps).
Without them the test is skipped, except in CI (CI=true or VCARD_READERS_REQUIRED=1), where it fails.
"""

from __future__ import annotations

import io
import os
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _missing() -> str | None:
    """What the browser test lacks, if anything."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (scripts/install-test-deps)"
    if not AXE.exists():
        return f"{AXE} is missing (scripts/install-test-deps)"
    return None


@pytest.fixture(scope="module")
def browser():
    """Headless Debian chromium driven by Playwright; never a downloaded browser."""
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true" or os.environ.get("VCARD_READERS_REQUIRED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def scan_qr(png: bytes) -> str:
    """The text of the one QR code in a screenshot, read by ZXing (the decoder in many phone scanner apps)."""
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, f"{len(found)} QR codes found"
    return found[0].text


def audit(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def test_search_open_a_person_and_save_their_vcard(browser, live_server, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    # bypass_csp lets the audit script in past the site's own Content-Security-Policy
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True,
        locale="sv-SE", accept_downloads=True, bypass_csp=True,
    )
    page = context.new_page()
    external: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_server) else external.append(r.url))
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    response = page.goto(live_server + "/")
    assert response.headers.get("content-encoding") in ("zstd", "br", "gzip")  # a phone on a mobile network
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("article.h-card").count() == 4
    page.screenshot(path=str(ARTIFACTS / "directory-390.png"), full_page=True)
    assert audit(page) == []

    page.get_by_label("Sök på namn, titel eller organisation").fill("öberg")
    page.get_by_role("button", name="Sök").click()
    page.wait_for_url("**/?q=%C3%B6berg**")
    assert page.locator("article.h-card").count() == 1
    assert page.get_by_role("link", name="070-123 45 67").get_attribute("href") == "tel:+46701234567"

    page.get_by_role("link", name="Åsa Öberg-Lindén", exact=True).click()
    page.wait_for_url("**/people/asa-oberg-linden")
    assert page.get_by_role("heading", level=1).inner_text() == "Åsa Öberg-Lindén"
    qr = page.get_by_role("img", name="QR-kod för att spara kontaktkortet för Åsa Öberg-Lindén")
    assert not qr.is_visible()  # folded on a phone: the phone that scans it is another one
    page.get_by_text("Skanna för att spara").click()
    assert qr.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    page.screenshot(path=str(ARTIFACTS / "person-390.png"), full_page=True)
    scanned = scan_qr(page.locator(".qr-box").screenshot())  # as the phone's screen shows it
    assert audit(page) == []

    with page.expect_download() as info:
        page.get_by_role("link", name="Spara kontakt (vCard): Åsa Öberg-Lindén").click()
    download = info.value
    assert download.suggested_filename == "Åsa Öberg-Lindén.vcf"
    saved = tmp_path / "card.vcf"
    download.save_as(saved)
    text = saved.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and "FN:Åsa Öberg-Lindén\r\n" in text
    assert "TEL;TYPE=work,cell,voice:+46701234567\r\n" in text
    # a journalist scanning the QR code is taken to exactly the card the link saves
    assert scanned == live_server + "/people/asa-oberg-linden.vcf"
    with urllib.request.urlopen(scanned) as response:
        assert response.headers["Content-Type"] == "text/vcard; charset=utf-8"
        assert response.read() == saved.read_bytes()

    page.reload()
    page.keyboard.press("Tab")  # the first Tab reaches the skip link
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"

    context.close()
    assert external == []
    assert console_errors == []  # e.g. no Content-Security-Policy violation


def test_english_directory_passes_the_audit(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert audit(page) == []
    page.goto(live_server + "/people/nobody")
    assert audit(page) == []
    context.close()


def camera_view(png: bytes):
    """A screenshot as a phone camera sees it: a little turned, out of focus and JPEG-compressed."""
    from PIL import Image, ImageFilter

    image = Image.open(io.BytesIO(png)).convert("L")
    image = image.rotate(8, resample=Image.BICUBIC, expand=True, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=60)
    return out.getvalue()


@pytest.mark.parametrize(("base_url", "pixels"), [("https://press.example.se/kontakter/", 160), (None, 400)])
def test_the_exported_qr_code_scans_at_a_phone_cameras_scale(browser, cli, tmp_path, contacts_file, base_url, pixels):
    """The SVG file of an export, drawn `pixels` wide in a 720-pixel frame (a code held at arm's length in a
    phone camera's preview), turned, blurred and JPEG-compressed, scans: with --base-url it carries the
    card's address, a code of 37 modules a side that reads even at 120 pixels; without, the card itself, 77
    modules a side, which needs more than twice that."""
    out = tmp_path / "site"
    assert cli("build", out, contacts_file, *(["--base-url", base_url] if base_url else []))[0] == 0
    svg = out / "en" / "people" / "asa-oberg-linden.svg"
    context = browser.new_context(viewport={"width": 720, "height": 720}, device_scale_factor=1)
    page = context.new_page()
    frame = tmp_path / "frame.html"
    frame.write_text('<body style="margin:0;display:grid;place-items:center;height:100vh">'
                     f'<img src="{svg.as_uri()}" width="{pixels}" height="{pixels}"></body>', encoding="utf-8")
    page.goto(frame.as_uri())
    page.wait_for_function("document.images[0].complete && document.images[0].naturalWidth > 0")
    scanned = scan_qr(camera_view(page.screenshot()))
    context.close()
    card = (out / "en" / "people" / "asa-oberg-linden.vcf").read_bytes().decode("utf-8")
    assert scanned == (base_url + "en/people/asa-oberg-linden.vcf" if base_url else card)
