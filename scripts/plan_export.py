"""The plan as data for readers' tools and for the browser, from scripts/plan.py and the pages.

- plan.json and plan.csv in the built site: one record per day (day, title, phase,
  block, kind, hours, tags, prerequisites, path, url); plan.json also lists each
  day's tasks as plain text, which the reader's calendar export puts in each event.
- window.PLAN on every page (the last day and the phases) for book/_static/progress.js.
- today.html: the fixed "today" link, which opens the reader's day of the plan.
Written by the Sphinx extension on every HTML build; `python scripts/plan_export.py`
prints the JSON.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import string
import sys
from pathlib import Path

import plan
import site_assets

CSV_FIELDS = ("day", "title", "phase", "block", "kind", "hours", "tags", "prerequisites", "url")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")  # {footcite}`key`: the resource is named in the text


def plain_text(markdown: str) -> str:
    """A task line without Markdown: link texts kept, citations and emphasis marks dropped."""
    def link_text(match: re.Match) -> str:
        day = re.fullmatch(r"day-(\d{3})\.md", match.group(2))
        return match.group(1) or (f"Day {int(day.group(1))}" if day else match.group(2))

    text = MARKDOWN_LINK.sub(link_text, markdown)
    text = ROLE.sub("", text)
    text = re.sub(r"\*\*|`", "", text)
    return " ".join(text.split()).replace(" .", ".").replace(" ,", ",")


def records(site_url: str) -> list[dict]:
    days = []
    for day in range(1, plan.LAST_DAY + 1):
        page = plan.read_page(plan.day_file(day))
        meta = page.meta
        tasks = plan.section_tasks(page.section("Tasks"))
        days.append({
            "day": day,
            "title": meta["title"],
            "phase": meta["phase"],
            "block": meta["block"],
            "kind": meta["kind"],
            "hours": meta["hours"],
            "tags": list(meta["tags"]),
            "prerequisites": list(meta["prerequisites"]),
            "path": f"{plan.day_doc(day)}.html",
            "url": f"{site_url}{plan.day_doc(day)}.html",
            "tasks": [{"track": plan.TRACKS.get(task.track, ""), "minutes": task.minutes,
                       "text": plain_text(task.text)} for task in tasks],
        })
    return days


def phases() -> list[dict]:
    return [{"number": p.number, "title": p.title, "first": p.first, "last": p.last} for p in plan.PHASES]


def browser_plan() -> str:
    """window.PLAN: what progress.js needs to know of the plan's shape."""
    return json.dumps({"lastDay": plan.LAST_DAY, "phases": phases()}, ensure_ascii=False)


def as_json(days: list[dict]) -> str:
    blocks = [{"id": b.id, "title": b.title, "phase": b.phase, "first": b.first, "last": b.last} for b in plan.BLOCKS]
    return json.dumps({"format": 1, "phases": phases(), "blocks": blocks, "days": days}, ensure_ascii=False, indent=1)


def as_csv(days: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in days:
        writer.writerow({**record, "tags": " ".join(record["tags"]),
                         "prerequisites": " ".join(map(str, record["prerequisites"]))})
    return out.getvalue()


def add_browser_plan(app) -> None:
    app.add_js_file(None, body=f"window.PLAN = {browser_plan()};", priority=200)


def write_plan_files(app, exception) -> None:
    """plan.json, plan.csv and today.html at the root of the built site."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    sources = [plan.day_file(day) for day in range(1, plan.LAST_DAY + 1)] + [
        plan.BOOK / "_static" / "progress.js", plan.BOOK / "_templates" / "today.html",
        Path(plan.__file__), Path(__file__)]
    inputs = app.config.html_baseurl + "".join(hashlib.sha256(path.read_bytes()).hexdigest() for path in sources)
    outputs = [outdir / name for name in ("plan.json", "plan.csv", "today.html")]
    stamp = Path(app.doctreedir) / "plan-files.sha256"
    if site_assets.unchanged(stamp, inputs, outputs):
        return
    days = records(app.config.html_baseurl)
    (outdir / "plan.json").write_text(as_json(days), encoding="utf-8")
    (outdir / "plan.csv").write_text(as_csv(days), encoding="utf-8")
    script = (plan.BOOK / "_static" / "progress.js").read_bytes()
    template = string.Template((plan.BOOK / "_templates" / "today.html").read_text(encoding="utf-8"))
    (outdir / "today.html").write_text(template.substitute(
        plan_json=browser_plan(), version=hashlib.sha256(script).hexdigest()[:8]), encoding="utf-8")
    site_assets.remember(stamp, inputs)


if __name__ == "__main__":
    sys.stdout.write(as_json(records(site_assets.site_url())))
