"""Shared fixtures: a synthetic, valid book that tests break one rule at a time."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import plan
import validate

DATA = Path(__file__).parent / "data"
SITE = plan.ROOT / "_build" / "html"

PLAIN_TASKS = "- [ ] **60 min** · Read the sample chapter.\n- [ ] **60 min** · Solve the sample problems."
TRACK_TASKS = """- [ ] **20 min** · Shared sample task.

::::{tab-set}
:sync-group: track

:::{tab-item} NLP
:sync: nlp

- [ ] **100 min** · NLP sample task.
:::

:::{tab-item} Computer vision
:sync: cv

- [ ] **100 min** · Vision sample task.
:::

:::{tab-item} Time series
:sync: ts

- [ ] **100 min** · Time-series sample task.
:::
::::"""


def good_page(day: int) -> str:
    prerequisites = [day - 1] if day > 1 else []
    return (DATA / "good-page.md").read_text(encoding="utf-8").format(
        day=day,
        phase=plan.phase_of(day).number,
        block=plan.block_of(day).id,
        prerequisites=prerequisites,
        builds_on=", ".join(f"[](day-{p:03d}.md)" for p in prerequisites) or "nothing yet",
        tasks=TRACK_TASKS if day in plan.TRACK_DAYS else PLAIN_TASKS,
    )


@dataclass
class SampleBook:
    root: Path

    @property
    def days(self) -> Path:
        return self.root / "days"

    @property
    def toc(self) -> Path:
        return self.root / "_toc.yml"

    @property
    def registry(self) -> Path:
        return self.root / "references.bib"

    def page(self, day: int) -> Path:
        return self.days / f"day-{day:03d}.md"

    def edit(self, day: int, old: str, new: str, count: int = 1) -> None:
        path = self.page(day)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"sample page {day} has no {old!r}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def problems(self) -> list[str]:
        return [str(p) for p in validate.check_book(self.days, self.toc, self.registry)]


@pytest.fixture
def sample_book(tmp_path: Path) -> SampleBook:
    book = SampleBook(tmp_path)
    book.days.mkdir()
    for day in range(1, plan.LAST_DAY + 1):
        book.page(day).write_text(good_page(day), encoding="utf-8")
    book.toc.write_text(plan.toc_yaml(plan.expected_toc()), encoding="utf-8")
    shutil.copy(plan.REGISTRY, book.registry)
    return book


@pytest.fixture(scope="session")
def site() -> Path:
    """The site `make html` built; the tests of the built site need it."""
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} does not exist: run 'make html' (or 'make test', which builds first)")
    return SITE
