"""The subscribe page in a real headless browser: readable on a phone, WCAG-clean, its QR code scans to the
address, and its profile downloads (Debian's chromium via Playwright; see test_browser.py)."""

from __future__ import annotations

import plistlib

import pytest

from .test_browser import ARTIFACTS, audit, browser, scan_qr  # noqa: F401 (browser is a fixture)

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def app_config(tmp_path) -> dict:
    """Serve the books from a folder of the test's own."""
    return {"CARDDAV_FOLDER": str(tmp_path / "books"), "RELOAD_INTERVAL": None}


def test_subscribe_from_the_directory_on_a_phone(browser, live_server, tmp_path):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True,
        locale="sv-SE", accept_downloads=True, bypass_csp=True,
    )
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server + "/")
    page.get_by_role("link", name="Prenumerera på adressboken, så håller den sig uppdaterad i telefonen").click()
    page.wait_for_url("**/subscribe/")
    assert page.get_by_role("heading", level=1).inner_text() == "Prenumerera på Presskontakter"
    assert page.locator("code.carddav-url").inner_text() == live_server + "/carddav/"
    assert page.locator("code.carddav-user").inner_text() == "press"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    page.screenshot(path=str(ARTIFACTS / "subscribe-390.png"), full_page=True)
    assert scan_qr(page.locator(".qr-box").screenshot()) == live_server + "/carddav/"
    assert audit(page) == []

    with page.expect_download() as info:
        page.get_by_role("link", name="Hämta profilen (.mobileconfig)").click()
    assert info.value.suggested_filename == "press.mobileconfig"
    saved = tmp_path / "press.mobileconfig"
    info.value.save_as(saved)
    (account,) = plistlib.loads(saved.read_bytes())["PayloadContent"]
    assert (account["CardDAVUsername"], account["CardDAVPrincipalURL"]) == ("press", "/carddav/press/")

    page.get_by_role("link", name="In English").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Subscribe to Press contacts"
    page.get_by_role("link", name="Umeå Municipality").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Subscribe to Umeå Municipality"
    assert page.locator("code.carddav-user").inner_text() == "umea-kommun"
    assert audit(page) == []
    context.close()
    assert console_errors == []
