"""The built site (`make html`): every day at its permanent URL, links intact, code run."""

from __future__ import annotations

import html
import re

import pytest

import check_links
import math_font
import maths
import plan


# Sphinx's smart quotes curl the straight quotes of a title.
SMART_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def article(site, day: int) -> str:
    text = (site / f"{plan.day_doc(day)}.html").read_text(encoding="utf-8")
    return text[text.index('<article class="bd-article"'):text.index("</article>")]


def test_every_day_is_built_at_its_permanent_url(site):
    for day in range(1, plan.LAST_DAY + 1):
        page = plan.read_page(plan.day_file(day))
        heading = re.search(r"<h1>(.*?)<a class=\"headerlink\"", article(site, day), re.S)
        assert heading, f"day {day} has no title"
        shown = html.unescape(heading.group(1)).strip().translate(SMART_QUOTES)
        assert shown == f"Day {day}{plan.TITLE_SEPARATOR}{page.meta['title']}"


def test_phase_and_block_pages_list_their_days(site):
    for block in plan.BLOCKS:
        text = (site / f"{block.doc}.html").read_text(encoding="utf-8")
        for day in range(block.first, block.last + 1):
            assert f'href="../days/day-{day:03d}.html"' in text, (block.id, day)


def test_internal_links_and_anchors_resolve(site):
    result = check_links.check(site)
    assert result.returncode == 0, result.stdout + result.stderr


def test_resources_render_with_their_urls(site):
    text = article(site, 5)
    assert "footnote-list" in text
    assert re.search(r'class="reference external" href="https?://', text)


@pytest.mark.parametrize("day", [d for d in range(1, plan.LAST_DAY + 1)
                                 if plan.read_page(plan.day_file(d)).code_cells])
def test_code_pages_show_their_outputs(site, day):
    page = plan.read_page(plan.day_file(day))
    text = article(site, day)
    assert len(re.findall(r'class="cell( tag_[\w-]+)* docutils container"', text)) >= page.code_cells
    assert "cell_output" in text, f"day {day} shows no output"
    if "plt.show()" in "\n".join(page.lines):
        assert re.search(r'<img [^>]*src="../_images/', text), f"day {day} shows no plot"
    assert "Traceback" not in text or "raises-exception" in "\n".join(page.lines)


def test_every_day_links_to_the_previous_and_next_day(site):
    for day in range(1, plan.LAST_DAY + 1):
        text = article(site, day)
        previous = re.search(r'class="day-previous">.*?href="(day-\d{3}\.html)"', text, re.S)
        following = re.search(r'class="day-next">.*?href="(day-\d{3}\.html)"', text, re.S)
        assert (previous.group(1) if previous else None) == (f"day-{day - 1:03d}.html" if day > 1 else None), day
        assert (following.group(1) if following else None) == (
            f"day-{day + 1:03d}.html" if day < plan.LAST_DAY else None), day


def test_every_day_has_a_short_link(site):
    for day in range(1, plan.LAST_DAY + 1):
        text = (site / "d" / f"{day}.html").read_text(encoding="utf-8")
        assert f'content="0; url=../days/day-{day:03d}.html"' in text, day
        assert f'<a href="../days/day-{day:03d}.html">' in text, day  # for browsers that ignore refresh


EXTERNAL_RESOURCE = re.compile(r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*" />')  # names the page's address; loads nothing
META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)" />')


def test_pages_load_nothing_from_other_hosts(site):
    """Scripts, styles, fonts and images all come from the site itself."""
    offenders = [str(path.relative_to(site)) for path in site.rglob("*.html")
                 if EXTERNAL_RESOURCE.search(CANONICAL.sub("", path.read_text(encoding="utf-8")))]
    assert not offenders, offenders[:10]


def test_maths_is_mathml_written_at_build_time(site):
    """MathML in the page, Temml's stylesheet where there is maths only, no maths script at all."""
    pages_with_maths = 0
    for path in (site / "days").glob("day-*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*(mathjax|katex)|window\.MathJax", text, re.I), path.name
        has_maths = "<math" in text
        pages_with_maths += has_maths
        assert (maths.STYLESHEET in text) == has_maths, f"{path.name}: the maths stylesheet only where there is maths"
    assert pages_with_maths > 50
    stylesheet = (site / "_static" / maths.STYLESHEET).read_text(encoding="utf-8")
    fonts = re.findall(r"url\('\./([\w.-]+\.woff2)'\)", stylesheet)
    assert maths.FONT.name in fonts and all((site / "_static" / "maths" / font).exists() for font in fonts)
    assert f"font-family: '{math_font.FAMILY}', math" in stylesheet


def test_the_maths_font_has_every_character_the_formulas_use(site):
    """A symbol missing from the cut-down font would be drawn from some other font, or not at all."""
    from fontTools.ttLib import TTFont

    covered = set(map(chr, TTFont(maths.FONT).getBestCmap())) | math_font.NOT_IN_LATIN_MODERN
    missing = math_font.ALWAYS - covered
    for page in site.rglob("*.html"):
        for char in math_font.characters_in_maths(page.read_text(encoding="utf-8")) - covered:
            missing.add(char)
            print(f"{page.relative_to(site)}: U+{ord(char):04X} {char}")
    assert not missing, (f"the maths font lacks {''.join(sorted(missing))}. "
                         "Fix: python scripts/math_font.py (after make html), and commit the font")



def test_day_pages_have_preview_cards(site):
    """Open Graph tags: title, the day's why-it-matters as description, image and address."""
    for day in range(1, plan.LAST_DAY + 1):
        text = (site / f"{plan.day_doc(day)}.html").read_text(encoding="utf-8")
        meta = {name: html.unescape(content) for name, content in META.findall(text)}
        title = plan.read_page(plan.day_file(day)).meta["title"]
        assert meta["og:title"].translate(SMART_QUOTES) == f"Day {day}{plan.TITLE_SEPARATOR}{title}", day
        assert len(meta["og:description"]) > 40 and meta["og:description"] == meta["description"], day
        assert not re.match(r"Phase \d \u00b7|Why it matters", meta["og:description"]), day  # not the context line
        assert meta["og:url"].startswith("http") and meta["og:url"].endswith(f"/{plan.day_doc(day)}.html"), day
        assert f'<link rel="canonical" href="{meta["og:url"]}" />' in text, day
        image = meta["og:image"]
        assert image.startswith("http") and (site / image.split("/", 3)[3].removeprefix(
            meta["og:url"].split("/", 3)[3].removesuffix(f"{plan.day_doc(day)}.html"))).exists(), image


def test_not_found_page_leads_into_the_plan(site):
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in text
    prefix = re.search(r'<a href="([^"]*)intro.html">Start with the plan', text).group(1)
    assert prefix.startswith("/") and prefix.endswith("/"), "404 links must be absolute: it is served at any depth"
    for phase in plan.PHASES:
        assert f'href="{prefix}{phase.index_doc}.html"' in text
    assert f'href="{prefix}d/42.html"' in text


def test_sitemap_lists_every_day(site):
    import xml.etree.ElementTree as ElementTree
    urls = {loc.text for loc in ElementTree.parse(site / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for day in range(1, plan.LAST_DAY + 1):
        assert any(url.endswith(f"/{plan.day_doc(day)}.html") for url in urls), day


def test_icons_come_from_a_cut_down_font(site):
    """No page loads Font Awesome's 1.5 MB script; every icon a page uses has its glyph."""
    stylesheet = (site / "_static" / "icons.css").read_text(encoding="utf-8")
    used = set()
    for path in site.rglob("*.html"):
        if path.relative_to(site).parts[0] == "_static":
            continue  # the theme's template sources
        text = path.read_text(encoding="utf-8")
        assert "vendor/fontawesome" not in text, path
        used.update(re.findall(r'class="[^"]*\b(fa-(?!solid\b|regular\b|brands\b|lg\b)[a-z0-9-]+)', text))
    assert {"fa-bars", "fa-magnifying-glass"} <= used
    for icon in used:
        assert f".{icon}:before{{content:" in stylesheet, f"{icon} has no glyph in icons.css"
    for font in re.findall(r"url\((icons/[\w-]+\.woff2)", stylesheet):
        assert (site / "_static" / font).stat().st_size < 20_000
