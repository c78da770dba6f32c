"""The validator names the file, the line and the fix for each kind of broken page."""

from __future__ import annotations

import pytest

import new_day
import plan


def test_sample_book_is_valid(sample_book):
    # Every mutation test below starts from this book: it must be clean.
    assert sample_book.problems() == []


def only(problems: list[str], needle: str) -> str:
    matching = [p for p in problems if needle in p]
    assert len(matching) == 1, f"expected one problem containing {needle!r}, got:\n" + "\n".join(problems)
    return matching[0]


# (what is broken, day, old text, new text, expected message, expected "file:line" prefix)
BROKEN_PAGES = [
    ("bad YAML", 17, "kind: study", "kind: [study", "the front matter is not valid YAML", "day-017.md:7:"),
    ("wrong day", 17, "day: 17", "day: 71", "front matter says day 71 but the file is day-017.md", "day-017.md:2:"),
    ("duplicate day", 17, "day: 17", "day: 16", "(day 16 is already day-016.md)", "day-017.md:2:"),
    ("wrong phase", 17, "phase: 1", "phase: 2", "day 17 belongs to phase 1, not 2", "day-017.md:4:"),
    ("unknown block", 17, "block: deeper-math-classic-ml", "block: deep-math", "not 'deep-math' (no such block)", "day-017.md:5:"),
    ("unknown kind", 17, "kind: study", "kind: lecture", "unknown kind 'lecture'", "day-017.md:6:"),
    ("implausible hours", 17, "hours: 2", "hours: 9", "'hours' is 9", "day-017.md:7:"),
    ("bad tags", 17, "tags: [sample, day-17]", "tags: [Sample Tag]", "'tags' is ['Sample Tag']", "day-017.md:8:"),
    ("future prerequisite", 17, "prerequisites: [16]", "prerequisites: [18]", "'prerequisites' is [18]", "day-017.md:9:"),
    ("unknown field", 17, "hours: 2", "hours: 2\nhorus: 2", "unknown front-matter field 'horus'", "day-017.md:8:"),
    ("missing field", 17, "tags: [sample, day-17]\n", "", "front-matter field 'tags' is missing", "day-017.md:1:"),
    ("wrong title", 17, "# Day 17 · Topic number 17", "# Day 17 - Topic number 17", "the title is 'Day 17 - Topic number 17'", "day-017.md:12:"),
    ("no why", 17, "**Why it matters:** a", "A", "the first paragraph is not the why-it-matters line", "day-017.md:13:"),
    ("missing section", 17, "## Check yourself", "## Questions", "section '## Check yourself' is missing", "day-017.md:"),
    ("sections out of order", 17, "## Objectives", "## Key ideas\n\nText.\n\n## Objectives", "extra section '## Key ideas' stands before Resources", "day-017.md:16:"),
    ("one objective", 17, "- Done when you can state the sample idea.\n", "", "1 objectives", "day-017.md:16:"),
    ("vague objective", 17, "- Done when you can state", "- Understand", "an objective does not say when it is done", "day-017.md:18:"),
    ("untimed task", 17, "- [ ] **60 min** · Read", "- [ ] Read", "a task is not in the form", "day-017.md:23:"),
    ("minutes off", 17, "**60 min** · Solve", "**20 min** · Solve", "tasks add up to 80 min but 'hours' is 2 (120 min)", "day-017.md:21:"),
    ("one resource", 17, "{footcite}`mml`", "", "1 resource(s) cited", "day-017.md:26:"),
    ("unknown citation", 17, "{footcite}`mml`", "{footcite}`mml2`", "'mml2' is not in the reference registry", "day-017.md:29:"),
    ("raw URL", 17, "a sample page", "a sample page (https://example.com)", "a raw URL in the page", "day-017.md:14:"),
    ("Markdown footnote", 17, "a sample page", "a sample page[^1]", "a Markdown footnote", "day-017.md:14:"),
    ("few checks", 17, "   :::{dropdown} Solution\n   Third answer.\n   :::\n", "", "2 check-yourself question(s)", "day-017.md:34:"),
    ("unlinked prerequisite", 17, "- **Builds on:** [](day-016.md)", "- **Builds on:** nothing", "prerequisite day(s) [16] are not linked", "day-017.md:"),
    ("link outside the plan", 17, "[](day-365.md)", "[](day-366.md)", "link to day-366.md, which is not a day of the plan", "day-017.md:"),
    ("placeholder", 17, "First answer.", "TODO", "a TODO placeholder is left in the page", "day-017.md:"),
    ("display maths inside a paragraph", 17, "First answer.", "First answer:\n   $$x = 1$$", "a $$ display formula continues the paragraph above it", "day-017.md:"),
    ("control character", 17, "First answer.", "First \x07pprox answer.", "an invisible control character U+0007", "day-017.md:"),
    ("hands-on without code", 17, "kind: study", "kind: practice", "section '## Code' is missing", "day-017.md:"),
    ("track day without tabs", 160, "::::{tab-set}", "::::{tab-set}\n:::{tab-item} Other\n:sync: other\n:::", "track tabs are", "day-160.md:"),
    ("code cells without kernelspec", 17, "## Check yourself", "## Code\n\n```{code-cell} ipython3\n1 + 1\n```\n\n## Check yourself",
     "the page has code cells but no kernelspec", "day-017.md:1:"),
]


@pytest.mark.parametrize("what, day, old, new, message, where", BROKEN_PAGES, ids=[case[0] for case in BROKEN_PAGES])
def test_broken_page_is_reported_with_file_line_and_fix(sample_book, what, day, old, new, message, where):
    sample_book.edit(day, old, new)
    problem = only(sample_book.problems(), message)
    assert where in problem
    assert "Fix: " in problem and problem.split("Fix: ", 1)[1].strip()


def test_outline_page_may_lack_code_until_it_reaches_the_standard(sample_book):
    sample_book.edit(17, "kind: study", "kind: practice\nstandard: outline")
    assert sample_book.problems() == []


def test_page_without_front_matter(sample_book):
    path = sample_book.page(17)
    path.write_text(path.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    assert "day-017.md:1: the page has no front matter" in only(sample_book.problems(), "no front matter")


def test_missing_day_is_a_gap(sample_book):
    sample_book.page(17).unlink()
    problem = only(sample_book.problems(), "day 17 has no page")
    assert "python scripts/new_day.py 17" in problem


def test_misnamed_file(sample_book):
    sample_book.page(17).rename(sample_book.days / "day-17.md")
    problems = sample_book.problems()
    assert "name day pages day-NNN.md" in only(problems, "'day-17.md' is not named like a day page")
    only(problems, "day 17 has no page")


def test_notebook_file_is_refused(sample_book):
    (sample_book.days / "day-017.ipynb").write_text("{}", encoding="utf-8")
    assert "jupytext --to myst" in only(sample_book.problems(), "a .ipynb notebook in the book")


def test_page_missing_from_the_toc(sample_book):
    text = sample_book.toc.read_text(encoding="utf-8")
    sample_book.toc.write_text(text.replace("    - file: days/day-017\n", ""), encoding="utf-8")
    problem = only(sample_book.problems(), "'days/day-017' is not listed")
    assert "add '- file: days/day-017' under 'phase-1/deeper-math-classic-ml', after 'days/day-016'" in problem
    assert "_toc.yml:" in problem


def test_page_under_the_wrong_block_in_the_toc(sample_book):
    text = sample_book.toc.read_text(encoding="utf-8")
    text = text.replace("    - file: days/day-015\n", "").replace("    - file: days/day-014\n", "    - file: days/day-014\n    - file: days/day-015\n")
    sample_book.toc.write_text(text, encoding="utf-8")
    problem = only(sample_book.problems(), "'days/day-015' stands under 'phase-1/foundational-math-classic-ml'")
    assert "move it under 'phase-1/deeper-math-classic-ml'" in problem


def test_toc_out_of_order(sample_book):
    text = sample_book.toc.read_text(encoding="utf-8")
    text = text.replace("    - file: days/day-016\n    - file: days/day-017\n", "    - file: days/day-017\n    - file: days/day-016\n")
    sample_book.toc.write_text(text, encoding="utf-8")
    assert "--print-toc" in only(sample_book.problems(), "out of order")


def test_only_reports_the_requested_days(sample_book):
    sample_book.edit(17, "kind: study", "kind: lecture")
    sample_book.edit(40, "kind: study", "kind: lecture")
    import validate
    problems = validate.check_book(sample_book.days, sample_book.toc, sample_book.registry, only=range(15, 29))
    assert [p.path.name for p in problems] == ["day-017.md"]


def test_new_day_creates_a_skeleton_and_never_overwrites(sample_book, monkeypatch, capsys):
    monkeypatch.setattr(plan, "DAYS_DIR", sample_book.days)
    monkeypatch.setattr(plan, "ROOT", sample_book.root)
    original = sample_book.page(17).read_text(encoding="utf-8")
    assert new_day.main(["17"]) == 1
    assert "exists; edit it by hand" in capsys.readouterr().err
    assert sample_book.page(17).read_text(encoding="utf-8") == original

    sample_book.page(17).unlink()
    assert new_day.main(["17", "--title", "A new topic"]) == 0
    created = sample_book.page(17).read_text(encoding="utf-8")
    assert "# Day 17 · A new topic" in created and "block: deeper-math-classic-ml" in created
    # The skeleton is not a finished page: the validator points at what to fill in.
    assert any("'tags' is ['TODO']" in p for p in sample_book.problems())
    sample_book.edit(17, "tags: [TODO]", "tags: [new-topic]")
    assert any("TODO placeholder" in p for p in sample_book.problems())


NEW_ENTRY = """
@book{sample-book,
  title = {A Sample Book},
  author = {Writer, Sam},
  publisher = {Press},
  year = {2020},
  url = {https://example.org/book}
}
"""


@pytest.mark.parametrize("what, old, new, message", [
    ("no url", "  url = {https://example.org/book}\n", "", "entry 'sample-book' has no url"),
    ("missing field", "  publisher = {Press},\n", "", "entry 'sample-book' cannot be rendered"),
    ("repeated key", "@book{sample-book,", "@book{islp,", "the registry does not parse"),
])
def test_broken_registry_entry(sample_book, what, old, new, message):
    text = sample_book.registry.read_text(encoding="utf-8")
    sample_book.registry.write_text(text + NEW_ENTRY.replace(old, new), encoding="utf-8")
    problem = only(sample_book.problems(), message)
    assert "references.bib:" in problem and "Fix: " in problem
