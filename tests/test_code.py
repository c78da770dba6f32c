"""Executed code: where it must be and that it is reproducible.

How long pages take is a benchmark figure (make benchmark), not a test: timings
vary with the load of the machine.
"""

from __future__ import annotations

import hashlib

import pytest

import execute
import plan

FULL_STANDARD_DAYS = range(1, 151)  # Days 1-150: Days 1-42 set the conventions, 43-150 follow them


def outputs(notebook) -> list:
    """What a reader sees of each code cell: text and images (hashed), without metadata.

    Consecutive stream outputs are joined: how a kernel chunks printed text
    varies from run to run; the text does not.
    """
    seen = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        shown = []
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                if shown and shown[-1][0] == output["name"]:
                    shown[-1] = (output["name"], shown[-1][1] + output["text"])
                else:
                    shown.append((output["name"], output["text"]))
            elif output["output_type"] in ("execute_result", "display_data"):
                data = output["data"]
                shown.append(tuple(sorted(
                    (kind, hashlib.sha256(str(value).encode()).hexdigest()) for kind, value in data.items())))
            elif output["output_type"] == "error":
                shown.append(("error", output["ename"], output["evalue"]))
        seen.append(shown)
    return seen


@pytest.mark.parametrize("day", FULL_STANDARD_DAYS)
def test_day_is_at_full_standard(day):
    page = plan.read_page(plan.day_file(day))
    assert page.meta.get("standard", "full") == "full", f"day {day} is still an outline"
    if page.meta["kind"] in plan.HANDS_ON_KINDS:
        assert page.code_cells, f"hands-on day {day} has no executed code"


@pytest.fixture(scope="module")
def build_cache(site):
    from jupyter_cache import get_cache
    return get_cache(str(execute.CACHE))


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
        cells = [n for n, (a, b) in enumerate(zip(outputs(first), outputs(second)), 1) if a != b]
        if cells:
            differ.append(f"{path.name} (code cell {', '.join(map(str, cells))})")
    assert not differ, (f"outputs differ between two runs of {differ}: seed every random generator "
                        "(rng = np.random.default_rng(DAY), random_state=DAY) and print no timings")


def test_the_comparison_catches_an_unseeded_page(tmp_path):
    page = tmp_path / "day-999.md"
    page.write_text("---\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n# Sample\n\n"
                    "```{code-cell} ipython3\nimport numpy as np\nprint(np.random.default_rng().random())\n```\n",
                    encoding="utf-8")
    first, _ = execute.run_page(page)
    second, _ = execute.run_page(page)
    assert outputs(first) != outputs(second)


def test_only_pages_changed_since_their_last_run_are_executed(tmp_path, capsys):
    def page(name, code):
        (tmp_path / name).write_text("---\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n"
                                     f"# Sample\n\n```{{code-cell}} ipython3\n{code}\n```\n", encoding="utf-8")

    def run() -> str:
        execute.execute_outdated(tmp_path / "cache", days_dir=tmp_path)
        return capsys.readouterr()

    page("day-001.md", "print(1)")
    page("day-002.md", "print(2)")
    assert "executed 2 page(s), 0 failed" in run().out
    assert "no page's code changed" in run().out
    page("day-002.md", "print(22)")
    assert "executed 1 page(s), 0 failed" in run().out
    page("day-001.md", "raise ValueError('broken')")
    failed = run()
    assert "executed 0 page(s), 1 failed" in failed.out and "day-001.md: a code cell failed" in failed.err
    assert "executed 0 page(s), 1 failed" in run().out  # a failed page is tried again, not taken as done


def test_a_page_run_saves_its_plots_and_a_rerun_overwrites_them(tmp_path, capsys):
    execute.main(["--page", "5", "--plots", str(tmp_path)])
    execute.main(["--page", "5", "--plots", str(tmp_path)])
    plots = sorted(tmp_path.iterdir())
    assert [p.name for p in plots] == ["day-005-plot-1.png", "day-005-plot-2.png"]  # Day 5 draws two plots
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in plots)
    with pytest.raises(SystemExit):
        execute.main(["--plots", str(tmp_path)])
    assert "--plots needs --page N" in capsys.readouterr().err
