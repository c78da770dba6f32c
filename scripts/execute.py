"""Run the code cells of day pages.

    python scripts/execute.py                # run every page whose code changed, in parallel,
                                             # into the build's cache (make html does this first)
    python scripts/execute.py --page 18      # run one page now: each cell's time and output
    python scripts/execute.py --page 18 --plots /tmp/plots   # ... and save its plots as PNG files

Jupyter Book runs notebooks one after another; most of a page's time is kernel
start-up and imports, so running the changed pages on all cores first and
letting the build pick up the cached results cuts a cold build by a third.
Pages run in book/days/, where the shared matplotlibrc lives.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plan  # noqa: E402

CACHE = plan.ROOT / "_build" / ".jupyter_cache"  # where Jupyter Book 1 keeps its execution cache
CELL_TIMEOUT = 60     # seconds; the same as execute.timeout in _config.yml
CELL_BUDGET = 10      # seconds a cell should take at most (page standard)
PAGE_BUDGET = 20      # seconds a page should take at most (page standard)
READER = {"name": "myst_nb_md", "type": "plugin"}  # MyST-NB's own reader: same notebook as the build


def code_pages(days_dir: Path = plan.DAYS_DIR) -> list[Path]:
    return [p for p in sorted(days_dir.glob("day-*.md")) if plan.read_page(p).code_cells]


def read_notebook(path: Path):
    from myst_nb.core.read import read_myst_markdown_notebook
    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), path=path)


def run_page(path: Path):
    """Execute one page's notebook; returns it with per-cell wall times in seconds."""
    from nbclient import NotebookClient

    notebook = read_notebook(path)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    times = []
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            start = time.perf_counter()
            client.execute_cell(cell, index)
            times.append(time.perf_counter() - start)
    return notebook, times


def page_digests(pages: list[Path]) -> dict[str, str]:
    import hashlib
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in pages}


def one_thread_per_kernel() -> None:
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")


def execute_outdated(cache_path: Path = CACHE, days_dir: Path = plan.DAYS_DIR) -> int:
    """Run every page whose code is not in the cache, in parallel.

    Always 0: a page that fails is not cached, so the build that follows runs
    it again and stops there, showing the page, the cell and the error.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    pages = code_pages(days_dir)
    digests = page_digests(pages)
    # The code pages as of their last successful run. Only pages changed since are
    # handed to jupyter-cache: it reads every notebook it is given (about 70 ms a
    # page), which made a one-page edit pay for all 125 code pages.
    stamp = cache_path / "executed-pages.json"
    known = json.loads(stamp.read_text()) if stamp.exists() else {}
    changed = sorted(uri for uri, digest in digests.items() if known.get(uri) != digest)
    if not changed and known.keys() == digests.keys():
        print("no page's code changed since the last run")  # skips starting jupyter-cache: a no-change build stays fast
        return 0
    # Pages run side by side on all cores; each kernel's maths libraries would
    # otherwise start one thread per core too and fight over the same cores
    # (measured: a small fit 10-50x slower). Kernels inherit this environment.
    one_thread_per_kernel()
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache = get_cache(str(cache_path))
    for record in cache.list_project_records():
        if record.uri not in digests:  # the page lost its code, or is gone
            cache.remove_nb_from_project(record.uri)
    for uri in changed:
        cache.add_nb_to_project(uri, read_data=READER)
    result = load_executor("local-parallel", cache).run_and_cache(
        filter_uris=changed, timeout=CELL_TIMEOUT, allow_errors=False) if changed else None
    failed = set(result.errored + result.excepted) if result else set()
    for uri in sorted(failed):
        print(f"{os.path.relpath(uri, plan.ROOT)}: a code cell failed; the build will show the cell and the error",
              file=sys.stderr)
    print(f"executed {len(result.succeeded) if result else 0} page(s), {len(failed)} failed")
    stamp.write_text(json.dumps({uri: digest for uri, digest in digests.items() if uri not in failed}, indent=0))
    return 0


def report_page(day: int, plots: Path | None = None) -> int:
    """Run one page as the build does (one thread per kernel) and print each cell's time and output."""
    import base64

    one_thread_per_kernel()
    path = plan.day_file(day)
    notebook, times = run_page(path)
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    shown = 0
    for number, (cell, seconds) in enumerate(zip(cells, times), 1):
        flag = f"  <-- over the {CELL_BUDGET} s cell budget" if seconds > CELL_BUDGET else ""
        first_line = cell.source.splitlines()[0] if cell.source else ""
        print(f"cell {number}: {seconds:5.2f} s  {first_line[:60]}{flag}")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                print("    " + output["text"].rstrip().replace("\n", "\n    "))
            elif "image/png" in output.get("data", {}):
                if plots is None:
                    print("    [plot]")
                    continue
                plots.mkdir(parents=True, exist_ok=True)
                shown += 1  # numbered by page, so a re-run overwrites the same files
                image = plots / f"day-{day:03d}-plot-{shown}.png"
                image.write_bytes(base64.b64decode(output["data"]["image/png"]))
                print(f"    [plot: {image}]")
            elif "text/plain" in output.get("data", {}):
                print("    " + output["data"]["text/plain"].rstrip().replace("\n", "\n    "))
    total = sum(times)
    flag = f"  <-- over the {PAGE_BUDGET} s page budget" if total > PAGE_BUDGET else ""
    print(f"{path.name}: {total:.2f} s in cells (plus kernel start-up){flag}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=int, help="run this day's cells now and report each cell")
    parser.add_argument("--plots", type=Path, help="with --page: save the page's plots as PNG files here")
    args = parser.parse_args(argv)
    if args.plots and not args.page:
        parser.error("--plots needs --page N")
    if args.page:
        return report_page(args.page, args.plots)
    return execute_outdated()


if __name__ == "__main__":
    sys.exit(main())
