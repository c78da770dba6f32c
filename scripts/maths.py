"""Maths as MathML written at build time: no script on the page, offline and in print.

A Sphinx extension (set up by plan_sphinx.py). Every formula is converted once,
when its page is read, by Temml (npm; a fork of KaTeX that writes MathML Core
only), and browsers lay it out themselves (Chromium 109+, Firefox, Safari).
Measured on Day 5 against KaTeX's HTML: half the elements on the page (3,617
-> 1,813), no layout shift when KaTeX's fonts replaced the fallback (CLS 0.2),
Lighthouse performance on a phone from 76-88 to 91-96.

- A formula Temml cannot convert fails the build at its file and line.
- Pages with maths link Temml's stylesheet and one font: Latin Modern Math cut
  down to the glyphs the book uses (book/_static/maths/, made by
  scripts/math_font.py). A math font must come with the site: Android has none,
  and without one roots, big operators and stretchy brackets are drawn from
  text glyphs.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

import math_font
import plan

TEMML = plan.ROOT / "node_modules" / "temml"
CONVERTER = Path(__file__).with_name("temml-server.js")
STATIC = plan.BOOK / "_static" / "maths"
FONT = STATIC / "latin-modern-math-subset.woff2"   # scripts/math_font.py writes it
STYLESHEET = "maths/temml.css"   # under _static/; written by write_stylesheet
SUPPORTED = "https://temml.org/docs/en/supported.html"


class MathsError(Exception):
    """Temml could not convert a formula; the message is Temml's."""


class Converter:
    """One Node.js process for the whole build, started at the first formula."""

    process: subprocess.Popen | None = None
    owner = 0   # the process id that started it: a forked Sphinx worker starts its own

    @classmethod
    def convert(cls, latex: str, display: bool) -> str:
        if cls.process is None or cls.process.poll() is not None or cls.owner != os.getpid():
            cls.process = subprocess.Popen(
                ["node", str(CONVERTER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, encoding="utf-8", env={**os.environ, "NODE_PATH": str(TEMML.parent)})
            cls.owner = os.getpid()
            atexit.register(cls.process.kill)
        cls.process.stdin.write(json.dumps({"latex": latex, "display": display}) + "\n")
        cls.process.stdin.flush()
        line = cls.process.stdout.readline()
        if not line:
            raise ConfigError(f"The maths converter stopped: {cls.process.stderr.read()[-2000:]}. Fix: npm ci")
        answer = json.loads(line)
        if "error" in answer:
            raise MathsError(answer["error"].strip().splitlines()[0].rstrip(": "))   # the rest underlines the source
        return answer["mathml"]


def check_converter(app, config) -> None:
    """Fail early, with the fix, when the maths cannot be converted."""
    if not shutil.which("node"):
        raise ConfigError("Node.js is needed to write the maths at build time. "
                          "Fix: apt-get install nodejs npm, then npm ci (make html does the npm step).")
    if not (TEMML / "package.json").exists():
        raise ConfigError(f"Temml, which writes the maths, is missing ({TEMML}). Fix: npm ci")
    if not FONT.exists():
        raise ConfigError(f"The maths font is missing ({FONT}). Fix: python scripts/math_font.py")


def convert_formulas(app, doctree) -> None:
    """Convert each formula of a page once, as it is read; a failure names the file and line."""
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        try:
            node["mathml"] = Converter.convert(node.astext(), display=isinstance(node, nodes.math_block))
        except MathsError as error:
            logging.getLogger(__name__).warning(
                f"Temml cannot render ${node.astext()}$: {error}. Fix: use a command Temml supports "
                f"({SUPPORTED}) or define it as a macro.", location=node)


def mathml(self, node) -> str:
    if "mathml" in node:
        return node["mathml"]
    try:  # a formula made after reading, or one that failed and was reported then
        return Converter.convert(node.astext(), display=isinstance(node, nodes.math_block))
    except MathsError:
        return f'<code class="math-error">{self.encode(node.astext())}</code>'


def visit_math(self, node) -> None:
    self.body.append(mathml(self, node))
    raise nodes.SkipNode


def visit_math_block(self, node) -> None:
    # The box scrolls sideways on a phone when a formula is wider than the screen;
    # tabindex lets a keyboard scroll it too (WCAG 2.1.1; axe: scrollable-region-focusable).
    self.body.append(self.starttag(node, "div", CLASS="math-display", tabindex="0"))
    if node["number"]:
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(mathml(self, node) + "</div>\n")
    raise nodes.SkipNode


def write_stylesheet(app) -> None:
    """Temml's stylesheet, with its math font replaced by the book's subset.

    Written before any page, so that pages link it with its checksum (?v=...) and a
    new version reaches readers whose browsers cached the old one.
    """
    if app.builder.format != "html":
        return
    stylesheet = (TEMML / "dist" / "Temml-Latin-Modern.css").read_text(encoding="utf-8")
    font_face = ("@font-face {\n  font-family: Latin Modern Math;\n  src: url('./latinmodernmath.woff2');\n}")
    if font_face not in stylesheet:
        raise ConfigError(f"Temml's stylesheet changed; update maths.write_stylesheet for {TEMML / 'dist'}")
    # swap: on a slow first visit the formulas show at once in a fallback font.
    stylesheet = stylesheet.replace(font_face, (
        f"@font-face {{\n  font-family: '{math_font.FAMILY}';\n  src: url('./{FONT.name}') format('woff2');\n"
        "  font-display: swap;\n}")).replace('"Latin Modern Math", math', f"'{math_font.FAMILY}', math")
    target = Path(app.outdir) / "_static" / STYLESHEET
    if not target.exists() or target.read_text(encoding="utf-8") != stylesheet:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(stylesheet, encoding="utf-8")
        shutil.copy2(TEMML / "dist" / "Temml.woff2", target.parent)   # Temml's \mathscr glyphs


def setup(app) -> dict:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    app.add_css_file(STYLESHEET)   # site_assets.trim_page_assets keeps it on pages with maths only
    app.connect("config-inited", check_converter)
    app.connect("doctree-read", convert_formulas)
    app.connect("builder-inited", write_stylesheet)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
