"""The real book: complete, consistent with the plan and faithful to the source plan."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import plan
import validate

SOURCE_TOPICS = yaml.safe_load((Path(__file__).parent / "data" / "source-topics.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages() -> dict[int, plan.DayPage]:
    return {day: plan.read_page(plan.day_file(day)) for day in range(1, plan.LAST_DAY + 1)}


def test_validator_finds_nothing_wrong():
    result = subprocess.run([sys.executable, str(plan.ROOT / "scripts" / "validate.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_phases_and_blocks_tile_the_year():
    days = [d for phase in plan.PHASES for d in range(phase.first, phase.last + 1)]
    assert days == list(range(1, plan.LAST_DAY + 1))
    days = [d for block in plan.BLOCKS for d in range(block.first, block.last + 1)]
    assert days == list(range(1, plan.LAST_DAY + 1))
    for block in plan.BLOCKS:
        phase = plan.PHASES[block.phase - 1]
        assert phase.first <= block.first <= block.last <= phase.last, block
    assert len({b.id for b in plan.BLOCKS}) == len(plan.BLOCKS)


def test_every_phase_and_block_has_its_page():
    for doc in [p.index_doc for p in plan.PHASES] + [b.doc for b in plan.BLOCKS]:
        assert (plan.BOOK / f"{doc}.md").exists(), doc


def test_toc_is_the_plan():
    assert yaml.safe_load(plan.TOC_FILE.read_text(encoding="utf-8")) == plan.expected_toc()


@pytest.mark.parametrize("day", sorted(SOURCE_TOPICS))
def test_spelled_out_days_keep_the_source_topic_verbatim(pages, day):
    assert pages[day].meta["title"] == SOURCE_TOPICS[day]


def test_every_day_has_its_own_topic(pages):
    titles = [page.meta["title"] for page in pages.values()]
    repeated = {t for t in titles if titles.count(t) > 1}
    assert not repeated, f"several days share a title: {sorted(repeated)}"
    for day, page in pages.items():
        assert not re.search(r"\bDays?\s+\d+\s*[\u2013-]\s*\d+\b", page.meta["title"]), f"day {day} covers a range"


def test_no_page_defers_its_content(pages):
    for day, page in pages.items():
        text = "\n".join(page.lines).lower()
        assert "daily increments" not in text, f"day {day}"


def test_specialisation_days_offer_every_track(pages):
    for day in plan.TRACK_DAYS:
        totals = plan.task_minutes(pages[day].section("Tasks"))
        assert set(totals) == set(plan.TRACKS), f"day {day}: {totals}"


def test_registry_entries_have_urls_and_are_cited():
    urls = plan.registry_urls()
    keys = plan.registry_keys()
    assert set(urls) == keys, f"entries without a url: {keys - set(urls)}"
    cited = set()
    for path in plan.DAYS_DIR.glob("day-*.md"):
        for keys_text in plan.FOOTCITE.findall(path.read_text(encoding="utf-8")):
            cited.update(k.strip() for k in keys_text.split(","))
    assert cited <= keys
    for key, url in urls.items():
        assert url.startswith(("https://", "http://")), (key, url)


def test_no_notebook_files_in_the_repository():
    assert not list(plan.ROOT.glob("book/**/*.ipynb"))
