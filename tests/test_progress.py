"""Progress, start date, today and the calendar, in a phone-sized Chromium; plan.json and plan.csv.

The reader's state lives in localStorage (book/_static/progress.js); every test
starts from a fresh browser profile.
"""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

import plan

KEY = "ds365-progress"


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


def test_ticks_and_done_survive_a_reload(new_phone, base_url):
    page = new_phone()
    page.goto(f"{base_url}/days/day-005.html")
    boxes = page.locator("article input.task-list-item-checkbox")
    assert boxes.count() >= 3 and boxes.first.is_enabled()
    boxes.nth(0).tap()
    boxes.nth(2).tap()
    page.get_by_role("button", name="Mark Day 5 done").tap()
    page.reload()
    boxes = page.locator("article input.task-list-item-checkbox")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    assert page.locator(".day-done-button").get_attribute("aria-pressed") == "true"
    assert stored(page)["days"] == {"5": {"tasks": [0, 2], "done": dt.date.today().isoformat()}}
    # The progress page shows it: one cell done, one day in phase 1.
    page.goto(f"{base_url}/progress.html")
    assert page.locator("a.progress-cell.done").count() == 1
    assert "1 of 365 days done" in page.locator(".progress-summary").inner_text()


def test_export_then_import_into_a_fresh_profile_restores_the_state(new_phone, base_url, tmp_path):
    page = new_phone()
    page.goto(f"{base_url}/days/day-001.html")
    page.locator("article input.task-list-item-checkbox").first.tap()
    page.goto(f"{base_url}/days/day-002.html")
    page.get_by_role("button", name="Mark Day 2 done").tap()
    page.goto(f"{base_url}/progress.html")
    page.fill("#plan-start", "2027-01-04")
    page.get_by_role("button", name="Save start date").tap()
    state = stored(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress (JSON)").tap()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text()) == state

    other = new_phone()
    other.goto(f"{base_url}/progress.html")
    assert stored(other) is None
    other.set_input_files("input[name=import]", str(exported))
    other.wait_for_selector("text=Imported progress.json")
    assert stored(other) == state
    other.goto(f"{base_url}/days/day-001.html")
    assert other.locator("article input.task-list-item-checkbox").first.is_checked()


@pytest.mark.parametrize("content, reason", [
    ("not json at all", "it is not JSON"),
    ('{"days": {}}', 'no "format" number'),
    ('{"format": 1, "days": {"400": {}}}', 'outside 1-365'),
    ('{"format": 1, "days": {"3": {"done": "yesterday"}}}', "not YYYY-MM-DD"),
    ('{"format": 99, "days": {}}', "newer version of the site"),
])
def test_a_malformed_or_foreign_import_changes_nothing(new_phone, base_url, tmp_path, content, reason):
    page = new_phone()
    page.goto(f"{base_url}/days/day-003.html")
    page.get_by_role("button", name="Mark Day 3 done").tap()
    before = stored(page)
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    page.goto(f"{base_url}/progress.html")
    page.set_input_files("input[name=import]", str(bad))
    message = page.locator(".progress-import-message")
    message.filter(has_text="Nothing was changed").wait_for()
    assert reason in message.inner_text()
    assert stored(page) == before


def test_today_link_opens_the_right_day(new_phone, base_url):
    page = new_phone()
    page.goto(f"{base_url}/today")
    assert "Set your start date" in page.locator("#plan-today").inner_text()
    start = dt.date.today() - dt.timedelta(days=41)  # no rest days: today is Day 42
    page.goto(f"{base_url}/progress.html")
    page.fill("#plan-start", start.isoformat())
    page.get_by_role("button", name="Save start date").tap()
    with page.expect_navigation(url="**/days/day-042.html"):
        page.goto(f"{base_url}/today")
    assert "Your plan: " in page.locator(".day-date").inner_text()


def test_today_before_the_start_says_so(new_phone, base_url):
    page = new_phone()
    page.goto(f"{base_url}/progress.html")
    page.fill("#plan-start", (dt.date.today() + dt.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Save start date").tap()
    page.goto(f"{base_url}/today")
    assert "Your plan starts on" in page.locator("#plan-today").inner_text()


def test_calendar_has_every_day_on_its_date(new_phone, base_url, tmp_path, site):
    import icalendar

    page = new_phone()
    page.goto(f"{base_url}/progress.html")
    page.fill("#plan-start", "2027-01-04")  # a Monday
    page.locator("input[name=rest][value='0']").check()  # Sundays off
    page.get_by_role("button", name="Save start date").tap()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar (.ics)").tap()
    path = tmp_path / "plan.ics"
    download.value.save_as(path)
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    days = {record["day"]: record for record in json.loads((site / "plan.json").read_text())["days"]}
    assert len(events) == plan.LAST_DAY
    date = dt.date(2027, 1, 4)
    for number, event in enumerate(events, start=1):
        while date.weekday() == 6:
            date += dt.timedelta(days=1)
        assert event.decoded("DTSTART") == date, number
        assert event.decoded("DTEND") == date + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == f"Day {number} \u00b7 {days[number]['title']}"
        assert str(event["URL"]) == days[number]["url"]
        assert days[number]["tasks"][0]["text"][:40] in str(event["DESCRIPTION"]).replace("\n", " ")
        date += dt.timedelta(days=1)


def test_unreadable_storage_is_kept_aside_not_wiped(new_phone, base_url):
    page = new_phone()
    page.goto(f"{base_url}/intro.html")
    page.evaluate(f"localStorage.setItem('{KEY}', '{{broken')")
    page.goto(f"{base_url}/days/day-010.html")
    assert "could not be read" in page.locator(".progress-notice").inner_text()
    kept = page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{KEY}.unreadable.'))"
                         ".map(k => localStorage.getItem(k))")
    assert kept == ["{broken"]


def test_newer_format_is_left_untouched(new_phone, base_url):
    page = new_phone()
    page.goto(f"{base_url}/intro.html")
    newer = json.dumps({"format": 2, "days": {"1": {"done": "2027-01-01"}}, "somethingNew": True})
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(newer)})")
    page.goto(f"{base_url}/days/day-001.html")
    assert page.locator(".day-done-button").is_disabled()
    assert "newer version" in page.locator(".progress-notice").inner_text()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == newer


def test_without_javascript_pages_read_fully(new_phone, base_url):
    page = new_phone(java_script_enabled=False)
    page.goto(f"{base_url}/days/day-005.html")
    # textContent: innerText leaves out sections not yet scrolled to (content-visibility,
    # plan.css), and without JavaScript they cannot be laid out from here.
    article = page.locator("article").text_content()
    assert "Why it matters" in article and "Check yourself" in article
    assert page.locator("article input.task-list-item-checkbox").first.is_disabled()
    page.goto(f"{base_url}/progress.html")
    assert "needs JavaScript" in page.locator("#plan-progress").inner_text()


def test_plan_files_match_the_pages(site):
    data = json.loads((site / "plan.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader((site / "plan.csv").open(encoding="utf-8")))
    assert len(data["days"]) == len(rows) == plan.LAST_DAY
    for record, row in zip(data["days"], rows):
        page = plan.read_page(plan.day_file(record["day"]))
        for field in ("title", "phase", "block", "kind", "hours", "tags", "prerequisites"):
            assert record[field] == page.meta[field], (record["day"], field)
        assert row["title"] == page.meta["title"] and int(row["day"]) == record["day"]
        assert row["tags"].split() == page.meta["tags"]
        assert record["url"].endswith(f"/{plan.day_doc(record['day'])}.html")
        assert (site / record["path"]).exists()
        assert sum(t["minutes"] for t in record["tasks"] if not t["track"]) > 0
        assert all("{footcite}" not in t["text"] and "](" not in t["text"] for t in record["tasks"])
