"""A journalist's view in a real headless chromium against waitress on loopback: a person's photo with
its credit, "verified <month year>", the press desk when the person does not answer; the card they save
parsed back by vobject (REV from the verified day, a PHOTO under 40 KB)."""

from __future__ import annotations

import urllib.request
from datetime import date

import pytest
import vobject
from babel.dates import format_date

from contacts_app import create_app
from tests.conftest import serving
from tests.fresh_data import RECENT, fresh_folder
from tests.test_browser import ARTIFACTS, audit, browser  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def site(tmp_path):
    path = fresh_folder(tmp_path)
    app = create_app({"CONTACTS_FILE": str(path), "RELOAD_INTERVAL": 0, "KEEP_LAST_GOOD": False})
    with serving(app) as url:
        yield url


@pytest.mark.parametrize("lang, width, height", [("sv", 390, 844), ("en", 1280, 900)])
def test_a_person_page_shows_photo_verified_and_the_desk(browser, site, lang, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    outside = []
    page.on("request", lambda r: None if r.url.startswith(site) else outside.append(r.url))
    page.goto(f"{site}/people/bo-berg?lang={lang}")
    fallback = page.locator(".desk-fallback")
    assert fallback.is_visible()
    words = "Om Bo Berg inte svarar:" if lang == "sv" else "If Bo Berg does not answer:"
    assert words in fallback.inner_text()
    assert fallback.locator("a[href='tel:+46910735500']").is_visible()

    page.goto(f"{site}/people/anna-andersson?lang={lang}")
    photo = page.locator("figure.photo img")
    photo.wait_for()
    page.wait_for_function("() => document.querySelector('figure.photo img').complete")
    assert page.evaluate("() => document.querySelector('figure.photo img').naturalWidth") in (160, 320)
    box = photo.bounding_box()
    assert box["width"] == (96 if width < 640 else 160) and box["height"] > 60  # smaller on a phone
    assert page.locator("figure.photo figcaption").inner_text() == "Foto: Per Persson"
    month = format_date(date.fromisoformat(RECENT), "LLLL y", locale=lang)
    verified = page.locator(".card-verified")
    assert verified.inner_text() == ("Kontrollerad " if lang == "sv" else "Verified ") + month
    assert verified.is_visible()
    assert page.locator(".desk-fallback").inner_text().startswith("Om Anna" if lang == "sv" else "If Anna")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"person-fresh-{lang}-{width}x{height}.png"), full_page=True)
    assert outside == []

    save = page.locator("a.save")
    text = urllib.request.urlopen(site + save.get_attribute("href")).read().decode("utf-8")
    card = vobject.readOne(text)
    assert card.rev.value == f"{RECENT}T00:00:00Z"
    assert len(card.photo.value) <= 40 * 1024 and card.photo.value[:2] == b"\xff\xd8"
    page.close()

    # The site's own policy was in force above (the photo loads under img-src 'self'); the audit script
    # needs it set aside.
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    checked = context.new_page()
    for person in ("anna-andersson", "bo-berg"):
        checked.goto(f"{site}/people/{person}?lang={lang}")
        assert audit(checked) == [], person
    context.close()


def test_the_desk_heads_its_organisation_in_the_list(browser, site):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + "/?lang=en")
    group = page.locator("section.group", has=page.locator("h2", has_text="Skellefteå Municipality"))
    desks = group.locator(".org-desks")
    assert desks.is_visible()
    assert "Pressjouren" in desks.inner_text() and "Weekdays 8am–5pm" in desks.inner_text()
    first_card = group.locator("article").first.bounding_box()
    assert desks.bounding_box()["y"] < first_card["y"]
    page.close()
