"""The directory on a phone (390×844) and a desktop (1440×900) in a real headless browser, served by waitress
on loopback: contacts per screen, a fixed action grid, addresses that break only after @ and dots, no
sideways scrolling, the QR code folded away on a phone, and axe-core's WCAG 2.1 AA audit.

Screenshots go to test-artifacts/ (phone-directory-390x844.png, phone-search-390x844.png,
phone-person-390x844.png, desktop-directory-1440x900.png, desktop-person-1440x900.png); the test prints
their paths and the count.
"""

from __future__ import annotations

import pytest

from contacts_app import create_app
from tests.conftest import generated, serving
from tests.test_browser import ARTIFACTS, audit, browser  # noqa: F401  (the shared chromium fixture)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
#: A person with a long address, so it must wrap on a phone.
LONG_ADDRESS = "rickard.stromqvist.wikstrom@lansstyrelsen.se"

# Each measure runs in the page, on the layout the browser made.
CONTACTS_PER_SCREEN = """height => {
  // a press desk atop its organisation is an entry too: a line to call or write to
  const rows = [...document.querySelectorAll('main article.h-card, main .org-desks .desk')].map(r => r.getBoundingClientRect())
    .map(r => ({top: r.top + scrollY, bottom: r.bottom + scrollY}));
  // the fewest whole rows in any screen that starts at a row: the worst place to stop scrolling
  return Math.min(...rows.slice(0, -6).map(first => rows.filter(
    r => r.top >= first.top && r.bottom <= first.top + height).length));
}"""

ACTION_COLUMNS = """() => [...document.querySelectorAll('article.row')].map(row => {
  const left = row.getBoundingClientRect().left;
  const at = sel => { const a = row.querySelector(sel); if (!a) return null;
    const r = a.getBoundingClientRect(); return [Math.round(r.left - left), Math.round(r.width)]; };
  return {call: at('.slot-call'), mail: at('.slot-mail'), save: at('.slot-save')};
})"""

# Where each line of an address ends: the character before every line break, for every address shown.
EMAIL_BREAKS = """() => [...document.querySelectorAll('.action-value.email')].filter(e => e.offsetWidth > 1).map(e => {
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  const chars = [];
  for (let node; (node = walker.nextNode());) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      chars.push([node.data[i], range.getClientRects()[0].top]);
    }
  }
  const breaks = [];
  for (let i = 1; i < chars.length; i++) if (chars[i][1] > chars[i - 1][1] + 2) breaks.push(chars[i - 1][0]);
  return {text: e.textContent, breaks};
})"""

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Buttons whose text runs out of them (a number too long for its column).
SPILLING = "() => [...document.querySelectorAll('.action')].filter(a => a.scrollWidth > a.clientWidth).map(a => a.textContent)"


@pytest.fixture(scope="module")
def directory_site(tmp_path_factory):
    """waitress on loopback serving a synthetic directory of 41 contacts (37 organisations, so nearly every
    row has an organisation's heading above it: the tallest list per contact)."""
    path = generated(tmp_path_factory.mktemp("phone") / "contacts.yaml", 40, seed=19)
    assert LONG_ADDRESS in path.read_text(encoding="utf-8")
    app = create_app({"CONTACTS_FILE": str(path)})
    with serving(app) as url:
        yield url


def new_page(browser, viewport, locale="sv-SE"):  # noqa: F811
    """A page in a fresh context of this size; bypass_csp lets the audit script in past the site's CSP."""
    mobile = viewport is PHONE
    context = browser.new_context(viewport=viewport, locale=locale, bypass_csp=True, is_mobile=mobile, has_touch=mobile)
    return context, context.new_page()


def assert_stable_actions(page):
    """Every row's call, email and save buttons sit at the same place and width as every other row's."""
    rows = page.evaluate(ACTION_COLUMNS)
    assert len(rows) > 30
    for slot in ("call", "mail", "save"):
        places = {tuple(row[slot]) for row in rows if row[slot]}
        assert len(places) == 1, f"{slot} buttons at {sorted(places)}"


def assert_emails_break_at_separators(page, must_wrap: bool):
    """No address breaks inside a word; on a phone the long one does wrap (so the check checks something)."""
    shown = page.evaluate(EMAIL_BREAKS)
    assert shown
    for email in shown:
        assert set(email["breaks"]) <= {"@", "."}, email
    if must_wrap:
        assert any(email["breaks"] for email in shown), shown


def test_phone_directory_is_a_compact_list(browser, directory_site):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    context, page = new_page(browser, PHONE)
    page.goto(directory_site + "/")
    per_screen = page.evaluate(CONTACTS_PER_SCREEN, PHONE["height"])
    print(f"\ncontacts per 390x844 screen: {per_screen}")
    assert per_screen >= 5
    assert page.evaluate(OVERFLOW) <= 0 and page.evaluate(SPILLING) == []
    assert_stable_actions(page)
    row = page.locator("article.row").first
    for action in ("a.call[href^='tel:+46']", "a.mail[href^='mailto:']", "a.save[download]"):
        assert row.locator(action).is_visible()
    shot = ARTIFACTS / "phone-directory-390x844.png"
    page.screenshot(path=str(shot), full_page=False)
    print(f"screenshot: {shot}")
    assert audit(page) == []

    page.get_by_label("Sök på namn, titel eller organisation").fill("kommun")
    page.get_by_role("button", name="Sök").click()
    page.wait_for_url("**/?q=kommun**")
    form = page.locator("form.search").bounding_box()
    assert form["y"] + form["height"] <= 300, form  # the form stays small after a search
    on_first_screen = page.evaluate("""() => [...document.querySelectorAll('article.row')]
      .filter(r => r.getBoundingClientRect().bottom <= innerHeight).length""")
    assert on_first_screen >= 3
    shot = ARTIFACTS / "phone-search-390x844.png"
    page.screenshot(path=str(shot), full_page=False)
    print(f"screenshot: {shot}; search form ends at {form['y'] + form['height']:.0f} px")
    page.goto(directory_site + "/?lang=en")  # international numbers are longer: they still fit their column
    assert page.evaluate(OVERFLOW) <= 0 and page.evaluate(SPILLING) == []
    assert page.locator("article.row a.call .action-value").first.inner_text().startswith("+46 ")
    context.close()


def test_phone_person_page_folds_the_qr_code(browser, directory_site):  # noqa: F811
    context, page = new_page(browser, PHONE)
    page.goto(directory_site + "/people/rickard-stromqvist-wikstrom")
    assert page.evaluate(OVERFLOW) <= 0
    assert_emails_break_at_separators(page, must_wrap=True)
    qr = page.locator(".qr-box")
    assert not qr.is_visible()  # half a phone screen is not given to a code for another phone
    shot = ARTIFACTS / "phone-person-390x844.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot: {shot}")
    page.locator(".qr-section summary").click()
    assert qr.is_visible()
    assert audit(page) == []
    context.close()


def test_desktop_uses_the_width(browser, directory_site):  # noqa: F811
    context, page = new_page(browser, DESKTOP, locale="en-GB")
    page.goto(directory_site + "/")
    assert page.evaluate(OVERFLOW) <= 0
    rows = page.locator("article.row")
    assert rows.first.bounding_box()["width"] >= 1100  # no narrow column in the middle of a wide screen
    assert_stable_actions(page)
    assert_emails_break_at_separators(page, must_wrap=False)
    assert rows.first.locator(".action-value.email").is_visible()  # room for the address itself
    # the English page gives numbers for a reader abroad, the link stays E.164
    call = rows.first.locator("a.call")
    assert call.locator(".action-value").inner_text().startswith("+46 ") and call.get_attribute("href").startswith("tel:+46")
    shot = ARTIFACTS / "desktop-directory-1440x900.png"
    page.screenshot(path=str(shot), full_page=False)
    print(f"\nscreenshot: {shot}")
    assert audit(page) == []

    page.goto(directory_site + "/people/rickard-stromqvist-wikstrom?lang=en")
    assert page.locator(".qr-box").is_visible()  # open on a wide screen, no click
    assert page.evaluate(OVERFLOW) <= 0
    assert_emails_break_at_separators(page, must_wrap=False)
    shot = ARTIFACTS / "desktop-person-1440x900.png"
    page.screenshot(path=str(shot), full_page=False)
    print(f"screenshot: {shot}")
    assert audit(page) == []
    context.close()
