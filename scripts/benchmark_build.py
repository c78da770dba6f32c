"""Print the build's figures: how long builds take and how big the site is.

    python scripts/benchmark_build.py      # or: make benchmark

Works on a copy of the project in a temporary folder, so the edits it makes to
measure one-page rebuilds never touch your files, and your _build is left alone.
Measures: a cold build (code executed in parallel, then Jupyter Book), a rebuild
with nothing changed, a rebuild after editing one plain page and after editing
one code cell, the ten slowest pages to execute, and the size of the site.
Budgets (2-core machine): cold < 180 s, no-change < 3 s, one-page edit < 6 s.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import execute as execution  # noqa: E402
import plan  # noqa: E402

PROJECT_FILES = ("book", "scripts", "_config.yml", "_toc.yml")
BUDGETS = {"cold build": 180, "no-change rebuild": 3, "plain page edited": 6, "code cell edited": 6}


def build(root: Path) -> tuple[float, float]:
    """(seconds executing code in parallel, seconds of the Jupyter Book build)."""
    bin_dir = Path(sys.executable).parent
    start = time.perf_counter()
    subprocess.run([sys.executable, "scripts/execute.py"], cwd=root, check=True, capture_output=True)
    executed = time.perf_counter()
    subprocess.run([str(bin_dir / "jupyter-book"), "build", "book", "--config", str(root / "_config.yml"),
                    "--toc", str(root / "_toc.yml"), "--path-output", ".", "-W", "-n", "--keep-going"],
                   cwd=root, check=True, capture_output=True)
    return executed - start, time.perf_counter() - executed


def build_pdf(root: Path) -> tuple[float, int, int]:
    """(seconds of the LaTeX build and xelatex, PDF bytes, PDF pages), as `make pdf` does it."""
    from pypdf import PdfReader

    bin_dir = Path(sys.executable).parent
    start = time.perf_counter()
    subprocess.run([str(bin_dir / "jupyter-book"), "build", "book", "--builder", "latex", "--config",
                    str(root / "_config.yml"), "--toc", str(root / "_toc.yml"), "--path-output", ".", "-W", "-n",
                    "--keep-going"], cwd=root, check=True, capture_output=True)
    subprocess.run(["make", "-C", "_build/latex", "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
                   cwd=root, check=True, capture_output=True)
    pdf = root / "_build" / "latex" / "book.pdf"
    return time.perf_counter() - start, pdf.stat().st_size, len(PdfReader(pdf).pages)


def first_page(root: Path, with_code: bool) -> Path:
    for day in range(1, plan.LAST_DAY + 1):
        path = root / "book" / "days" / f"day-{day:03d}.md"
        if bool(plan.read_page(path).code_cells) == with_code:
            return path
    raise SystemExit("no such page")


def edit_prose(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("**Why it matters:**", "**Why it matters:** (edited)", 1), encoding="utf-8")


def edit_code(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("```{code-cell} ipython3\n", "```{code-cell} ipython3\n# edited\n", 1),
                    encoding="utf-8")


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def slowest_pages(root: Path, count: int = 10) -> list[tuple[str, float]]:
    from jupyter_cache import get_cache
    records = get_cache(str(root / "_build" / ".jupyter_cache")).list_cache_records()
    times = [(Path(r.uri).name, r.data.get("execution_seconds", 0.0)) for r in records]
    return sorted(times, key=lambda item: -item[1])[:count]


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory(prefix="benchmark-") as folder:
        root = Path(folder)
        for name in PROJECT_FILES:
            source = plan.ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
        (root / "node_modules").symlink_to(plan.ROOT / "node_modules")  # Temml, which writes the maths

        execute, book = build(root)
        rows.append(("cold build", execute + book, f"code {execute:.1f} s + book {book:.1f} s"))
        execute, book = build(root)
        rows.append(("no-change rebuild", execute + book, f"code {execute:.1f} s + book {book:.1f} s"))
        plain = first_page(root, with_code=False)
        edit_prose(plain)
        execute, book = build(root)
        rows.append(("plain page edited", execute + book, plain.name))
        code = first_page(root, with_code=True)
        edit_code(code)
        execute, book = build(root)
        rows.append(("code cell edited", execute + book, f"{code.name}: code {execute:.1f} s + book {book:.1f} s"))

        pdf_seconds, pdf_bytes, pdf_pages = build_pdf(root) if shutil.which("xelatex") else (0.0, 0, 0)
        slowest = slowest_pages(root)
        files, size = site_size(root / "_build" / "html")
        pages = len(list((root / "_build" / "html" / "days").glob("day-*.html")))

    print(f"{'measure':<20} {'seconds':>8} {'budget':>7}  detail")
    for name, seconds, detail in rows:
        verdict = "" if seconds <= BUDGETS[name] else "  OVER BUDGET"
        print(f"{name:<20} {seconds:8.1f} {BUDGETS[name]:7d}  {detail}{verdict}")
    print("\nslowest pages to execute (seconds, incl. kernel start-up):")
    for name, seconds in slowest:
        flag = f"  over the {execution.PAGE_BUDGET} s page budget" if seconds > execution.PAGE_BUDGET else ""
        print(f"  {name:<14} {seconds:5.1f}{flag}")
    print(f"\n_build/html: {size / 2**20:.1f} MiB in {files} files; {pages} day pages")
    if pdf_pages:
        print(f"PDF (make pdf): {pdf_seconds:.0f} s (LaTeX build + xelatex), {pdf_bytes / 2**20:.1f} MiB, {pdf_pages} pages")
    else:
        print("PDF: not measured (no xelatex; see make pdf)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
