"""The built site on a phone, in a real headless Chromium driven by Playwright.

Debian's /usr/bin/chromium is used (Playwright cannot download its own browser
here). Without it the tests fail when CI is set and are skipped, with the
reason, elsewhere.
"""

from __future__ import annotations

import pytest

import plan
from browser import lay_out_everything


def test_menu_opens_on_tap_and_a_tapped_link_navigates(phone, base_url):
    phone.goto(f"{base_url}/days/day-042.html")
    sidebar = phone.locator(".bd-sidebar-primary")
    box = sidebar.bounding_box()  # None while hidden; off-screen to the left while closed
    assert box is None or box["x"] + box["width"] <= 0, "the menu is open before any tap"
    phone.locator("button.primary-toggle").first.tap()
    phone.wait_for_timeout(400)
    assert sidebar.is_visible() and sidebar.bounding_box()["width"] > 200, "tapping the menu button shows no menu"
    link = sidebar.locator("a.reference.internal", has_text="Day 41 ").first
    with phone.expect_navigation():
        link.tap()
    assert phone.url.endswith("/days/day-041.html")


def test_search_finds_a_day_by_its_topic(phone, base_url):
    phone.goto(f"{base_url}/days/day-001.html")
    phone.locator("button.search-button__button:visible").first.tap()
    field = phone.locator("input[name='q']:visible").first
    field.fill("bootstrap confidence interval")
    with phone.expect_navigation():
        field.press("Enter")
    phone.wait_for_selector("#search-results ul.search li", timeout=15000)
    results = phone.locator("#search-results ul.search li a").evaluate_all("links => links.map(a => a.href)")
    assert any(url.endswith("days/day-040.html") for url in results), results[:10]


@pytest.mark.parametrize("page", ["intro.html", "phase-2/index.html", "days/day-005.html", "days/day-042.html",
                                  "days/day-171.html", "search.html", "404.html"])
def test_pages_raise_no_errors(phone, base_url, page):
    """Nothing in the browser console: no failed script, no missing file."""
    errors = []

    def on_console(message) -> None:
        if message.type == "error":
            errors.append(message.text)

    def on_error(error) -> None:
        errors.append(str(error))

    phone.on("console", on_console)
    phone.on("pageerror", on_error)
    try:
        phone.goto(f"{base_url}/{page}", wait_until="networkidle")
    finally:
        phone.remove_listener("console", on_console)
        phone.remove_listener("pageerror", on_error)
    if page == "404.html":  # served as a page here; its only error would be the 404 status itself
        errors = [e for e in errors if "404" not in e]
    assert not errors, errors


def test_icons_are_drawn_from_the_cut_down_font(phone, base_url):
    phone.goto(f"{base_url}/days/day-042.html", wait_until="networkidle")
    drawn = phone.evaluate("""async () => {
        await document.fonts.ready;
        const button = document.querySelector('button.primary-toggle i, button.primary-toggle span');
        return [getComputedStyle(button, '::before').content,
                document.fonts.check('900 16px "Font Awesome 6 Free"', '\\uf0c9')];
    }""")
    assert drawn == ['"\uf0c9"', True], drawn


def test_formulas_are_drawn_from_the_books_math_font(phone, base_url):
    """The site's own math font, not a phone's (Android has none): roots and sums drawn from it."""
    phone.goto(f"{base_url}/days/day-016.html", wait_until="networkidle")
    drawn = phone.evaluate("""async () => {
        await document.fonts.ready;
        const root = document.querySelector('.math-display msqrt');
        return {family: getComputedStyle(root.closest('math')).fontFamily,
                loaded: document.fonts.check('16px "Latin Modern Math Subset"', '\u221a\u2211'),
                rootWider: root.getBoundingClientRect().width - root.firstElementChild.getBoundingClientRect().width};
    }""")
    assert drawn["family"].startswith('"Latin Modern Math Subset"') and drawn["loaded"], drawn
    assert drawn["rootWider"] > 5, f"the square root sign is not drawn: {drawn}"


def test_mistyped_day_link_lands_on_a_helpful_404(phone, base_url):
    response = phone.goto(f"{base_url}/day/42")
    assert response.status == 404
    assert "Page not found" in phone.locator("article").inner_text()
    with phone.expect_navigation(url="**/days/day-042.html"):
        phone.locator("#day-guess a").tap()
    phone.goto(f"{base_url}/no/such/page.html")
    assert phone.locator("#day-guess").is_hidden()
    with phone.expect_navigation(url="**/intro.html"):
        phone.get_by_role("link", name="Start with the plan").tap()


def all_pages(site) -> list[str]:
    """Every page a reader can land on; redirect stubs (short links, index.html) move on at once."""
    skip = ("_static", "_sources", "_images")
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if not str(p.relative_to(site)).startswith(skip)
                  and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8").lower())


def test_no_page_scrolls_sideways(phone, base_url, site):
    wide = []
    for page in all_pages(site):
        phone.goto(f"{base_url}/{page}", wait_until="load")
        lay_out_everything(phone)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide.append(f"{page} ({width} px)")
    assert not wide, f"{len(wide)} page(s) scroll sideways at 390 px: {wide[:10]}"


@pytest.mark.parametrize("day", [1, 5, 42, 171, 357])
def test_body_text_and_tap_targets_are_phone_sized(phone, base_url, day):
    phone.goto(f"{base_url}/{plan.day_doc(day)}.html")
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('article.bd-article section > p:not(.day-context)')).fontSize)")
    assert size >= 16, f"day {day}: body text is {size}px"
    small = phone.evaluate("""() => [...document.querySelectorAll('button, .bd-header a, .day-neighbours a, summary')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.className || e.tagName, e.getBoundingClientRect()])
        .filter(([, r]) => r.width > 0 && r.height > 0 && (r.width < 24 || r.height < 24))
        .map(([name, r]) => `${name} ${Math.round(r.width)}x${Math.round(r.height)}`)""")
    assert not small, f"day {day}: tap targets under 24x24 px: {small}"
