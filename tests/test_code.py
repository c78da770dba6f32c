"""Executed code: where it must be, how long it takes, and that it is reproducible."""

from __future__ import annotations

import hashlib

import pytest

import execute
import plan

FULL_STANDARD_DAYS = range(1, 43)  # Days 1-42 set the conventions every later page follows


def outputs(notebook) -> list:
    """What a reader sees of each code cell: text and images (hashed), without metadata."""
    seen = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                seen.append((output["name"], output["text"]))
            elif output["output_type"] in ("execute_result", "display_data"):
                data = output["data"]
                seen.append(tuple(sorted(
                    (kind, hashlib.sha256(str(value).encode()).hexdigest()) for kind, value in data.items())))
            elif output["output_type"] == "error":
                seen.append(("error", output["ename"], output["evalue"]))
    return seen


@pytest.mark.parametrize("day", FULL_STANDARD_DAYS)
def test_first_six_weeks_are_at_full_standard(day):
    page = plan.read_page(plan.day_file(day))
    assert page.meta.get("standard", "full") == "full", f"day {day} is still an outline"
    if page.meta["kind"] in plan.HANDS_ON_KINDS:
        assert page.code_cells, f"hands-on day {day} has no executed code"


@pytest.fixture(scope="module")
def build_cache(site):
    from jupyter_cache import get_cache
    return get_cache(str(execute.CACHE))


@pytest.mark.parametrize("path", execute.code_pages(), ids=lambda p: p.stem)
def test_page_executes_within_its_budget(build_cache, path):
    try:
        record = build_cache.match_cache_notebook(execute.read_notebook(path))
    except KeyError:
        pytest.fail(f"{path.name} has no executed result in the build's cache: run 'make html'")
    seconds = record.data["execution_seconds"]
    assert seconds <= execute.PAGE_BUDGET, (
        f"{path.name} took {seconds:.1f} s to execute (budget {execute.PAGE_BUDGET} s): "
        f"use less data or fewer iterations; 'python scripts/execute.py --page N' times each cell")


def test_outputs_are_identical_in_a_second_run(build_cache, tmp_path):
    """Run every code page again from scratch and compare with the build's outputs."""
    from jupyter_cache import get_cache

    execute.execute_outdated(tmp_path / "cache")
    rerun = get_cache(str(tmp_path / "cache"))
    differ = []
    for path in execute.code_pages():
        notebook = execute.read_notebook(path)
        first = build_cache.get_cache_bundle(build_cache.match_cache_notebook(notebook).pk).nb
        second = rerun.get_cache_bundle(rerun.match_cache_notebook(notebook).pk).nb
        if outputs(first) != outputs(second):
            differ.append(path.name)
    assert not differ, (f"outputs differ between two runs of {differ}: seed every random generator "
                        "(rng = np.random.default_rng(DAY), random_state=DAY) and print no timings")
