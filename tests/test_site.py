"""The built site (`make html`): every day at its permanent URL, links intact, code run."""

from __future__ import annotations

import html
import re

import pytest

import check_links
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
        assert re.search(r'<img alt="[^"]*" src="../_images/', text), f"day {day} shows no plot"
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


def test_pages_load_nothing_from_other_hosts(site):
    """Scripts, styles, fonts and images all come from the site itself (MathJax too)."""
    offenders = [str(path.relative_to(site)) for path in site.rglob("*.html")
                 if EXTERNAL_RESOURCE.search(path.read_text(encoding="utf-8"))]
    assert not offenders, offenders[:10]
    assert (site / "_static" / "mathjax" / "tex-chtml.js").exists()
