"""A failing or hanging code cell fails the build, naming the page and the cell.

Each test builds a one-page book with the project's own _config.yml (only the
cell timeout is shortened for the hanging cell) and the Makefile's strict flags.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

import plan

HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# A sample page

"""


def build_one_page(tmp_path: Path, cells: str, timeout: int | None = None,
                   env: dict | None = None) -> subprocess.CompletedProcess:
    book = tmp_path / "book"
    book.mkdir()
    (book / "page.md").write_text(HEADER + cells, encoding="utf-8")
    (book / "references.bib").write_text("", encoding="utf-8")
    for folder in ("_static", "_templates"):  # favicon, card, layout: as in the real book
        shutil.copytree(plan.BOOK / folder, book / folder)
    config = yaml.safe_load((plan.ROOT / "_config.yml").read_text(encoding="utf-8"))
    # Paths in the config are relative to where it lives; the config moves to tmp_path.
    extensions = config["sphinx"]["local_extensions"]
    for name, folder in extensions.items():
        extensions[name] = str(plan.ROOT / folder)
    sphinx_config = config["sphinx"]["config"]
    sphinx_config["redirect_html_template_file"] = str(plan.BOOK / sphinx_config["redirect_html_template_file"])
    if timeout is not None:
        config["execute"]["timeout"] = timeout
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    # A root page with the page as its chapter: the 404 page's sidebar needs a toctree.
    (book / "index.md").write_text("# A sample book\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n- file: page\n", encoding="utf-8")
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book),
               "--config", str(tmp_path / "_config.yml"), "--toc", str(tmp_path / "_toc.yml"),
               "--path-output", str(tmp_path), "-W", "-n", "--keep-going"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def test_a_failing_cell_fails_the_build_and_names_page_and_cell(tmp_path):
    result = build_one_page(tmp_path, "```{code-cell} ipython3\nprint('fine')\n```\n\n"
                                      "```{code-cell} ipython3\nratio = 1 / 0\n```\n")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "page.md" in output
    assert "ratio = 1 / 0" in output and "ZeroDivisionError" in output


def test_a_cell_marked_to_fail_is_allowed(tmp_path):
    result = build_one_page(tmp_path, "```{code-cell} ipython3\n:tags: [raises-exception]\nratio = 1 / 0\n```\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ZeroDivisionError" in (tmp_path / "_build" / "html" / "page.html").read_text(encoding="utf-8")


def test_a_hanging_cell_times_out(tmp_path):
    result = build_one_page(tmp_path, "```{code-cell} ipython3\nimport time\ntime.sleep(120)\n```\n", timeout=3)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "page.md" in output
    assert "timed out" in output.lower() or "CellTimeoutError" in output


def test_a_formula_temml_cannot_render_fails_the_build_naming_page_and_line(tmp_path):
    result = build_one_page(tmp_path, "Fine: $x^2$.\n\nNot fine: $\\notacommand{x}$.\n")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"page\.md:\d+: WARNING: Temml cannot render \$\\notacommand\{x\}\$: "
                     r"Unsupported function name: \\notacommand at position 1\. Fix:", output), output[-2000:]
    assert "Fix: use a command Temml supports" in output


def test_in_github_actions_pages_get_edit_and_issue_buttons(tmp_path):
    result = build_one_page(tmp_path, "Some text.\n", env={"GITHUB_REPOSITORY": "someone/data-science-365",
                                                           "GITHUB_SERVER_URL": "https://github.com"})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    text = (tmp_path / "_build" / "html" / "page.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/someone/data-science-365/edit/main/book/page.md"' in text
    assert 'href="https://github.com/someone/data-science-365/issues/new?title=' in text
    icons = (tmp_path / "_build" / "html" / "_static" / "icons.css").read_text(encoding="utf-8")
    assert ".fa-github:before" in icons and "fa-brands-400.woff2" in icons
