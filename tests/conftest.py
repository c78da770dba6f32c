"""Shared fixtures: a synthetic, valid book that tests break one rule at a time."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

import plan
import validate
from browser import CHROMIUM, CHROMIUM_FLAGS, MISSING_CHROMIUM, PHONE

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


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: /today is today.html, and a missing
    address gets 404.html with status 404."""

    site_path = ""  # "/REPOSITORY" when the site was built for a project page

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if self.site_path and path.startswith(self.site_path + "/"):
            path = path[len(self.site_path):]
        local = super().translate_path(path)
        if not os.path.exists(local) and os.path.exists(local + ".html"):
            return local + ".html"
        return local

    def send_error(self, code, message=None, explain=None) -> None:
        not_found = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.exists(not_found):
            return super().send_error(code, message, explain)
        with open(not_found, "rb") as page:
            body = page.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def base_url(site):
    """The site served at the path it was built for (SITE_URL's path), as on GitHub Pages."""
    import check_links

    site_path = check_links.site_path(site).rstrip("/")
    handler = type("Handler", (PagesLikeHandler,), {"site_path": site_path})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{site_path}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; missing, it fails the run when CI is set."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(MISSING_CHROMIUM)
        pytest.skip(MISSING_CHROMIUM)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def new_phone(browser):
    """Makes phones with fresh profiles (empty local storage): new_phone(**options)."""
    contexts = []

    def make(**options):
        context = browser.new_context(**{**PHONE, **options})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()
