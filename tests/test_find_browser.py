"""Finding a contact as a journalist does, in a real headless chromium: by a number, by a misspelt name
("did you mean"), from a person to their release, the press desk when no one matches, and the static
export's own search (Pagefind) served by nginx with the deploy recipe's headers.

Needs what tests/test_browser.py needs (and nginx for the static site); skipped without them, except in CI.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import WEB_CONTACTS
from tests.test_browser import ARTIFACTS, audit, browser  # noqa: F401  (the module's browser fixture)
from tests.test_deploy_nginx import nginx  # noqa: F401  (Debian's nginx serving tmp_path/site)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

RELEASE = "Nu byggs batterifabriken i Skellefteå"
SOURCE = f"""    source:
      release: {RELEASE}
      url: https://www.example.se/press/batterifabriken
      date: 2026-03-14
      languages: [sv, en]
"""


@pytest.fixture
def contacts_file(tmp_path):
    """The web test contacts, Lorents Burman with the release he is a contact for."""
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(WEB_CONTACTS, path)
    text = path.read_text(encoding="utf-8")
    address = "      - lorents.burman@skelleftea.se\n"
    assert text.count(address) == 1
    path.write_text(text.replace(address, address + SOURCE), encoding="utf-8")
    return path


def phone(browser, **options):  # noqa: F811
    """A phone-sized page in Swedish that records requests to other hosts and console errors."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="sv-SE", **options
    )
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def search(page, text: str) -> None:
    """Type a search into the directory's form and send it, as a person does."""
    page.get_by_label("Sök på namn, titel eller organisation").fill(text)
    page.get_by_role("button", name="Sök").click()
    page.wait_for_load_state()


def names(page) -> list[str]:
    """The names of the cards the page lists."""
    return page.locator("article.h-card :is(.card-name, .row-name)").all_inner_texts()


def test_a_number_a_misspelt_name_a_release_and_the_press_desk(browser, live_server):  # noqa: F811
    page = phone(browser, bypass_csp=True)  # (the audit's script comes in past the site's CSP)
    page.goto(live_server + "/")
    every = len(names(page))

    for written in ("0910-73 50 00", "0910735000", "+46 910 73 50 00", "skelleftea.se"):
        search(page, written)
        assert names(page) == ["Lorents Burman"], written

    search(page, "Burmann")
    hint = page.locator(".did-you-mean")
    assert "Menade du" in hint.inner_text()
    assert names(page) == ["Lorents Burman"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "did-you-mean-390.png"), full_page=True)
    assert audit(page) == []
    hint.get_by_role("link", name="Burman").click()
    page.wait_for_url("**/?q=Burman")
    assert names(page) == ["Lorents Burman"] and page.locator(".did-you-mean").count() == 0

    search(page, "S")  # one letter: the start of a name's word, never a party's letter
    assert len(names(page)) < every

    search(page, "lorents")
    page.get_by_role("link", name="Lorents Burman", exact=True).click()
    page.wait_for_url("**/people/lorents-burman")
    assert "Kontakt för:" in page.locator(".contact-for").inner_text()
    page.get_by_role("link", name=RELEASE).click()
    page.wait_for_url("**/releases/*")
    assert page.get_by_role("heading", level=1).inner_text() == RELEASE
    assert "2026-03-14" in page.locator(".release-facts").inner_text()
    assert names(page) == ["Lorents Burman"]
    page.screenshot(path=str(ARTIFACTS / "release-390.png"), full_page=True)
    assert audit(page) == []

    page.goto(live_server + "/")
    search(page, "xyzzyqwv")
    assert names(page) == []
    desks = page.locator(".press-desks")
    assert desks.get_by_role("heading").inner_text() == "Ring pressjouren i stället"
    assert desks.get_by_role("link", name="090-16 10 00").get_attribute("href") == "tel:+4690161000"
    assert audit(page) == []
    assert page.errors == []


def test_the_static_export_searches_in_the_browser_from_its_own_files(browser, cli, tmp_path, contacts_file, nginx):  # noqa: F811
    assert cli("build", tmp_path / "site", contacts_file)[0] == 0
    site = f"http://127.0.0.1:{nginx}"
    page = phone(browser)  # the site's own Content-Security-Policy applies, as nginx sends it
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(site) else elsewhere.append(r.url))
    page.goto(site + "/")
    form = page.locator("form.static-search")
    assert form.is_visible()
    form.get_by_label("Sök på namn, titel eller organisation").fill("Burman")
    form.get_by_role("button", name="Sök").click()
    hit = page.locator(".static-results").get_by_role("link", name="Lorents Burman")
    hit.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "static-search-390.png"), full_page=True)
    hit.click()
    page.wait_for_url("**/people/lorents-burman*")
    assert page.get_by_role("heading", level=1).inner_text() == "Lorents Burman"

    for number in ("0910735000", "+46 910 73 50 00", "0046 (0)910-73 50 00"):  # the number as the release prints it
        page.goto(site + "/")
        page.get_by_label("Sök på namn, titel eller organisation").fill(number)
        page.get_by_role("button", name="Sök").click()
        page.locator(".static-results").get_by_role("link", name="Lorents Burman").wait_for()

    page.goto(site + "/en/")
    page.get_by_label("Search by name, title or organisation").fill("desk")
    page.get_by_role("button", name="Search").click()
    found = page.locator(".static-results").get_by_role("link", name="Pressjouren")
    found.wait_for()
    found.first.click()  # the English bundle's results lead to the English pages
    page.wait_for_url("**/en/people/pressjouren*")
    assert elsewhere == [] and page.errors == []

    audited = phone(browser, bypass_csp=True)  # the audit's script needs a way past the policy
    audited.goto(site + "/")
    audited.get_by_label("Sök på namn, titel eller organisation").fill("Burman")
    audited.get_by_role("button", name="Sök").click()
    audited.locator(".static-results a").first.wait_for()
    assert audit(audited) == []

    plain = phone(browser, java_script_enabled=False)  # without JavaScript: the organisations, no dead form
    plain.goto(site + "/")
    assert not plain.locator("form.static-search").is_visible()
    assert plain.get_by_role("link", name="Skellefteå kommun").is_visible()
