"""Sphinx extension: shows each day's place in the plan, from scripts/plan.py.

It also gives every day a short link, /d/42, through sphinx-reredirects.

Under a day page's title it adds one line, "Phase 1 · ... › Days 1–14 · ... ·
study · 2 h", linking to the phase and block pages (on a phone the sidebar is
hidden, so this is how a reader sees where today sits). A page whose front
matter says `standard: outline` also gets a note, after why-it-matters, saying
what is still missing.
Nodes are added to the parsed document, so line numbers in warnings stay true.
"""

from __future__ import annotations

import re
from pathlib import Path

import functools

import myst_parser.parsers.mdit
import pybtex.plugin
from docutils import nodes
from mdit_py_plugins.tasklists import tasklists_plugin
from sphinx import addnodes
from sphinx.application import Sphinx

import plan
import plan_export
import site_assets

DAY_DOC = re.compile(r"^days/day-(\d{3})$")
OUTLINE_NOTE = ("This page is an outline of a hands-on day: its tasks, resources and questions are ready "
                "to use, but its executed example code is still to be written.")


def doc_link(target: str, text: str, current: str) -> addnodes.pending_xref:
    """A link to another page that Sphinx resolves for every builder (HTML, LaTeX)."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + target,
                                refexplicit=True, refdoc=current, refwarn=True)
    ref += nodes.inline(text=text)
    return ref


def add_day_context(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    match = DAY_DOC.match(docname)
    if not match:
        return
    day = int(match.group(1))
    page = plan.read_page(Path(app.env.doc2path(docname)))
    phase, block = plan.phase_of(day), plan.block_of(day)
    section = doctree.next_node(nodes.section)
    if section is None:
        return
    context = nodes.paragraph(classes=["day-context"])
    context += doc_link(phase.index_doc, f"Phase {phase.number} · {phase.title}", docname)
    context += nodes.Text(" › ")
    context += doc_link(block.doc, f"Days {block.first}\u2013{block.last} · {block.title}", docname)
    context += nodes.Text(f" · {page.meta.get('kind', '')} · {page.meta.get('hours', '')} h")
    section.insert(1, context)  # right under the title
    why = next((p for p in section.findall(nodes.paragraph) if p.astext().startswith("Why it matters:")), None)
    if why is not None:  # the page's description in search results and preview cards
        app.env.metadata[docname]["plan-why"] = site_assets.shorten(why.astext().removeprefix("Why it matters:"))
    if page.meta.get("standard") == "outline":
        note = nodes.note()
        note += nodes.paragraph(text=OUTLINE_NOTE)
        section.insert(3, note)  # after the why-it-matters paragraph
    section += day_neighbours(day, docname)


def day_neighbours(day: int, docname: str) -> nodes.container:
    """Links to the previous and the next day, with their titles, at the end of the page.

    The theme's own previous/next links follow the table of contents, which puts
    a block's overview page between the last day of one block and the next day.
    """
    links = nodes.container(classes=["day-neighbours"])
    for neighbour, label in ((day - 1, "Previous day"), (day + 1, "Next day")):
        if 1 <= neighbour <= plan.LAST_DAY:
            ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + plan.day_doc(neighbour),
                                        refexplicit=False, refdoc=docname, refwarn=True)
            ref += nodes.inline(text=plan.day_doc(neighbour))  # replaced by the day's title
            paragraph = nodes.paragraph(classes=[f"day-{label.split()[0].lower()}"])
            paragraph += nodes.strong(text=f"{label}: ")
            paragraph += ref
            links += paragraph
    return links


def tasklists_for_notebooks(md, **options) -> None:
    """The task-list plugin, made safe for MyST-NB's block-level pre-parse.

    MyST-NB splits a Markdown notebook into cells with a parser whose inline
    rule is disabled; the task-list rule (mdit-py-plugins 0.7) then indexes the
    missing inline children of a "- [ ]" line and raises IndexError. The full
    parse that renders the page is unaffected, so the rule is skipped when the
    inline tokens have no children.
    """
    # label=True wraps each task in a <label>, so its checkbox has an accessible name.
    tasklists_plugin(md, **{**options, "label": True})
    rule = next(r for r in md.core.ruler.__rules__ if r.name == "github-tasklists")
    apply_tasklists = rule.fn

    def guarded(state) -> None:
        if all(t.children for t in state.tokens if t.type == "inline"):
            apply_tasklists(state)

    md.core.ruler.at("github-tasklists", guarded)


def add_short_links(app: Sphinx, config) -> None:
    """/d/42 for every day: short enough to type on a phone; GitHub Pages serves d/42.html for it."""
    short = {f"d/{day}": f"/{plan.day_doc(day)}.html" for day in range(1, plan.LAST_DAY + 1)}
    config.redirects = {**short, **config.redirects}


def record_digests(app: Sphinx, config) -> None:
    """Make edits that Sphinx does not track rebuild the pages.

    - book/_static/: Sphinx copies static files only when some page is written;
      after a CSS-only edit it finds no page out of date and the old CSS stays.
    - This extension's code (and plan.py, site_assets.py): a change of what it adds
      to pages would otherwise show only on pages edited later.
    Config values that change with the files' contents make Sphinx rewrite every
    page (static files) or read every page again (extension code).
    """
    import hashlib

    def digest(paths) -> str:
        total = hashlib.sha256()
        for path in sorted(paths):
            if path.is_file():
                total.update(path.name.encode() + path.read_bytes())
        return total.hexdigest()

    config.plan_static_digest = digest((plan.BOOK / "_static").rglob("*"))
    scripts = Path(__file__).parent
    config.plan_extension_digest = digest([Path(__file__)] + [scripts / name for name in (
        "plan.py", "site_assets.py", "plan_export.py", "maths.py", "temml-server.js")] + [
        plan.ROOT / "node_modules" / "temml" / "package.json"])   # Temml's version: formulas converted again


def setup(app: Sphinx) -> dict:
    app.add_config_value("plan_static_digest", "", "html")
    app.add_config_value("plan_extension_digest", "", "env")
    app.connect("config-inited", record_digests)
    app.connect("config-inited", add_short_links)
    myst_parser.parsers.mdit.tasklists_plugin = tasklists_for_notebooks
    # sphinxcontrib-bibtex looks up pybtex's style plugins for every {footcite};
    # each look-up scans all installed packages' entry points. Measured: 84 of
    # 209 s of a full build. The plugins never change during a build: cache them.
    pybtex.plugin._load_entry_point = functools.lru_cache(maxsize=None)(pybtex.plugin._load_entry_point)
    app.connect("doctree-read", add_day_context)
    # Progress in the browser: the plan's shape on every page, plan.json/.csv, today.html.
    app.connect("builder-inited", plan_export.add_browser_plan)
    app.connect("build-finished", plan_export.write_plan_files)
    # What a phone downloads, preview cards, maths and the 404 page: scripts/site_assets.py.
    app.connect("config-inited", site_assets.configure_site_address)
    app.connect("config-inited", site_assets.configure_repository)
    app.connect("doctree-read", site_assets.lazy_images)
    app.connect("html-page-context", site_assets.describe_page, priority=400)  # before sphinxext-opengraph
    app.connect("html-page-context", site_assets.trim_page_assets, priority=900)  # after the others
    app.connect("build-finished", site_assets.write_icons)
    app.setup_extension("maths")   # formulas as MathML: scripts/maths.py
    return {"parallel_read_safe": True, "parallel_write_safe": True}
