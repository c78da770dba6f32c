"""Printing a day page from the browser: content only, solutions shown, link targets readable.

Headless Chromium prints pages to PDF (as a reader's "Print > Save as PDF" does)
and pypdf reads the text back.
"""

from __future__ import annotations

import io
import re

import pytest

import plan


def printed_text(page) -> str:
    from pypdf import PdfReader

    pdf = page.pdf(format="A4", print_background=False)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def words(text: str, count: int = 5) -> str:
    """The first `count` consecutive plain words of `text` (formulas print differently)."""
    tokens = text.split()
    for start in range(len(tokens)):
        run = tokens[start:start + count]
        if len(run) == count and all(re.fullmatch(r"[A-Za-z][A-Za-z'-]*[,.;:]?", token) for token in run):
            return " ".join(run)
    raise AssertionError(f"no {count} plain words in {text!r}")


@pytest.mark.parametrize("day", [5, 42, 171])
def test_a_printed_day_has_its_content_and_solutions_but_no_navigation(browser, base_url, day):
    page = browser.new_page()
    try:
        page.goto(f"{base_url}/{plan.day_doc(day)}.html", wait_until="networkidle")
        solution = page.evaluate("""() => {
            const copies = [...document.querySelectorAll('details.sd-dropdown .sd-summary-content')].map(e => e.cloneNode(true));
            copies.forEach(c => c.querySelectorAll('math, pre, code').forEach(e => e.replaceWith(' # ')));  // print differently; no run of words across them
            return copies.map(c => c.textContent).join(' | '); }""")
        text = printed_text(page)
    finally:
        page.close()
    title = plan.read_page(plan.day_file(day)).meta["title"]
    assert f"Day {day}" in text
    assert "Why it matters" in text and "Check yourself" in text
    assert words(solution) in text, "a hidden solution is missing from the print"
    assert re.search(r"<https?://[^>]+>", text.replace(" ", "")), "resource link targets are not printed"
    for chrome in ("Skip to main content", "Mark Day", "Previous day", "Back to top", "Your progress", "Contents"):
        assert chrome not in text, f"'{chrome}' is printed"
