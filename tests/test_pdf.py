"""The whole book as a PDF (`make pdf`, run by `make test` before these tests).

Without xelatex the PDF cannot be built: these tests then fail when CI is set
(.ci/run installs TeX) and are skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import os
import re

import pytest

import check_links
import plan

LATEX = plan.ROOT / "_build" / "latex"
OVERFULL_BOUND = 10  # Overfull \hbox warnings accepted in the whole book (each a few points too wide)


@pytest.fixture(scope="module")
def pdf():
    path = LATEX / "book.pdf"
    if not path.exists():
        message = f"{path} does not exist: run 'make pdf' (needs xelatex: apt-get install texlive-xetex ...)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from pypdf import PdfReader
    return PdfReader(path)


def outline_titles(outline, depth=0):
    for item in outline:
        if isinstance(item, list):
            yield from outline_titles(item, depth + 1)
        else:
            yield depth, " ".join(item.title.split())


def test_outline_has_every_phase_block_and_day_in_order(pdf):
    titles = list(outline_titles(pdf.outline))
    days = [title for _, title in titles if re.match(r"Day \d+ \u00b7 ", title)]
    expected = [f"Day {day}{plan.TITLE_SEPARATOR}{plan.read_page(plan.day_file(day)).meta['title']}"
                for day in range(1, plan.LAST_DAY + 1)]
    smart = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    assert [d.translate(smart) for d in days] == expected
    names = [title for _, title in titles]
    for phase in plan.PHASES:
        assert any(f"Phase {phase.number} \u00b7 {phase.title}" in name for name in names), phase
    for block in plan.BLOCKS:
        assert any(f"Days {block.first}\u2013{block.last} \u00b7 " in name for name in names), block.id


def test_every_day_title_is_in_the_text_and_solutions_are_printed(pdf):
    # Compared without whitespace: pypdf drops the spaces between words on some
    # pages of this PDF ("Whyitmatters"), although the PDF has them (pdftotext
    # reads them); what is tested is that the words are printed.
    def squeeze(words: str) -> str:
        return "".join(words.split())

    text = squeeze("".join(page.extract_text() for page in pdf.pages))
    for day in range(1, plan.LAST_DAY + 1):
        assert squeeze(f"Day {day} \u00b7") in text, f"Day {day} is missing from the PDF text"
    assert text.count(squeeze("Why it matters")) >= plan.LAST_DAY
    # Solutions are printed in full, not only their "Solution" headings: the first
    # plain words of each solution of Day 1 are in the text.
    lines = plan.read_page(plan.day_file(1)).lines
    starts = [lines[i + 1] for i, line in enumerate(lines) if line.strip().startswith(":::{dropdown}")]
    plain_starts = [m.group(1) for m in (re.match(r"\s*([A-Za-z][A-Za-z ,]{15,}?)(?=[$`{(]|$)", s) for s in starts) if m]
    assert plain_starts, "no solution of Day 1 starts with plain words to look for"
    for start in plain_starts:
        if start:
            assert squeeze(start) in text, f"solution not printed: {start!r}"


def test_pdf_has_outputs_maths_and_page_numbers(pdf):
    tex = (LATEX / "book.tex").read_text(encoding="utf-8")
    assert tex.count("\\sphinxincludegraphics") > 50, "plots of executed cells are missing"
    assert "\\begin{equation" in tex or "\\[" in tex or "\\(" in tex, "no maths"
    assert len(pdf.pages) > 500
    assert pdf.page_labels[10].strip(), "pages are not numbered"


def test_latex_log_has_few_overfull_boxes_and_no_missing_characters(pdf):
    log = (LATEX / "book.log").read_text(encoding="utf-8", errors="replace")
    overfull = log.count("Overfull \\hbox")
    assert overfull <= OVERFULL_BOUND, f"{overfull} overfull boxes (bound {OVERFULL_BOUND}): see _build/latex/book.log"
    missing = sorted(set(re.findall(r"Missing character: There is no (\S+)", log)))
    assert not missing, f"characters the fonts lack: {missing}"


def test_the_site_publishes_the_pdf_and_links_to_it(pdf, site):
    published = site / check_links.PDF
    assert published.exists() and published.read_bytes() == (LATEX / "book.pdf").read_bytes()
    for page in ("intro.html", "days/day-042.html"):
        assert check_links.PDF in (site / page).read_text(encoding="utf-8"), page
