"""What the site sends to a phone besides the article: icons, preview cards, the 404 page.

Used by plan_sphinx.py (the Sphinx extension); measured by scripts/benchmark_site.py.

- Icons. pydata-sphinx-theme 0.15 loads all of Font Awesome: a 1.5 MB script that
  blocks rendering and three preloaded fonts, ~850 KB compressed, for a dozen icons.
  book/_templates/layout.html drops them and links _static/icons.css instead, which
  `write_icons` makes after the pages are written: the Font Awesome rules for the
  icon classes the pages use and a font cut down to those glyphs (fontTools).
- Maths: scripts/maths.py writes formulas as MathML at build time, so a page with
  maths runs no maths script (MathJax cost a phone 260 KB and a second of CPU per
  page); its stylesheet and font come only with pages that have maths.
- Public address. SITE_URL (set by the publishing workflow) gives canonical links,
  Open Graph URLs, the sitemap and the 404 page's link prefix. Unset, the site is
  built for `make serve` at http://localhost:8000/.
- Repository. In GitHub Actions (GITHUB_REPOSITORY is set), every page gets
  "edit this page" and "open an issue" buttons pointing at its source file.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from pathlib import Path
from urllib.parse import urlparse

from docutils import nodes
from sphinx.errors import ConfigError

import maths
import plan

LOCAL_SITE_URL = "http://localhost:8000/"  # where `make serve` shows the build
DESCRIPTION_LENGTH = 200  # characters; preview cards and search results cut longer text
ICONS_CSS = "_static/icons.css"
ICON_FONTS = {  # Font Awesome style class -> (font family, weight, font file stem)
    "fa-solid": ("Font Awesome 6 Free", 900, "fa-solid-900"),
    "fa-regular": ("Font Awesome 6 Free", 400, "fa-regular-400"),
    "fa-brands": ("Font Awesome 6 Brands", 400, "fa-brands-400"),
}
STYLE_ALIASES = {"fas": "fa-solid", "far": "fa-regular", "fab": "fa-brands", "fa": "fa-solid"}
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_CONTENT = re.compile(r'content:"\\([0-9a-f]+)"')


def site_url() -> str:
    """The site's public address, ending in "/"; SITE_URL, or the local preview address."""
    url = os.environ.get("SITE_URL", "").strip() or LOCAL_SITE_URL
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(f"SITE_URL={url!r} is not a web address. Fix: set it to the site's public "
                          "address, e.g. https://OWNER.github.io/REPOSITORY/, or unset it for a local build.")
    return url if url.endswith("/") else url + "/"


def not_found_body(prefix: str) -> str:
    """The 404 page: what went wrong, how day links look, and the way into the plan.

    GitHub Pages serves this page for any missing address, at that address, so its
    links are absolute (prefix = the site's path). A small script reads a day number
    from a mistyped day link (/d/042, /day/42, /days/day-42) and offers that day.
    """
    phases = "".join(
        f'<li><a href="{prefix}{phase.index_doc}.html">Phase {phase.number} · {html.escape(phase.title)}</a>'
        f" (Days {phase.first}\u2013{phase.last})</li>"
        for phase in plan.PHASES)
    return f"""
<h1>Page not found</h1>
<p>Nothing lives at this address. Every day has a fixed page and a short link:
<a href="{prefix}d/42.html"><code>d/42</code></a> opens Day 42; days run from 1 to {plan.LAST_DAY}.</p>
<p id="day-guess" hidden></p>
<p><a href="{prefix}intro.html">Start with the plan</a>: how a day works, the phases and the blocks. Or go to a phase:</p>
<ul>{phases}</ul>
<script>
(function () {{
  var match = /\\/(?:d|day|days)\\/(?:day-)?0*(\\d+)/.exec(window.location.pathname);
  var day = match && Number(match[1]);
  if (day >= 1 && day <= {plan.LAST_DAY}) {{
    var guess = document.getElementById("day-guess");
    guess.innerHTML = 'Looking for <a href="{prefix}d/' + day + '.html">Day ' + day + "</a>?";
    guess.hidden = false;
  }}
}})();
</script>
"""


def configure_site_address(app, config) -> None:
    url = site_url()
    config.html_baseurl = url
    config.ogp_site_url = url
    config.notfound_urls_prefix = urlparse(url).path
    config.notfound_context = {"title": "Page not found", "body": not_found_body(urlparse(url).path)}


def repository_url() -> str | None:
    """The GitHub repository the build runs in, from the variables GitHub Actions sets."""
    repository = os.environ.get("GITHUB_REPOSITORY", "").strip()
    if not repository:
        return None
    return f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com').rstrip('/')}/{repository}"


def configure_repository(app, config) -> None:
    url = repository_url()
    if url:
        config.html_theme_options.update(
            repository_url=url, repository_branch="main", path_to_docs="book",
            use_edit_page_button=True, use_issues_button=True, use_repository_button=True)


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Text cut at a word boundary to at most `length` characters, with an ellipsis if cut."""
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def describe_page(app, pagename, templatename, context, doctree) -> None:
    """A day's description (search results, preview cards) is its why-it-matters line.

    Without it sphinxext-opengraph would take the first text of the page, which on a
    day page is the "Phase › Block" line. Runs before sphinxext-opengraph (priority).
    """
    why = (context.get("meta") or {}).get("plan-why")
    if why:
        context["meta"]["og:description"] = why
        context["metatags"] += f'<meta name="description" content="{html.escape(why)}" />\n'


def trim_page_assets(app, pagename, templatename, context, doctree) -> None:
    """Keep a page's scripts from blocking its first paint, and drop what it does not use.

    - Thebe (live code): the book has none, but Jupyter Book always adds it, and its
      inline settings come twice, raising "Identifier 'THEBE_JS_URL' has already been
      declared" in every page's console.
    - The maths stylesheet on pages without maths.
    - Every script file is deferred, except documentation_options.js, which inline
      scripts use at once. All of them wait for the document anyway. Not on the
      search page, whose search scripts need doctools.js at once.
    Runs after the other extensions have added their files (priority 900).
    """
    from sphinx.builders.html._assets import _JavaScript

    has_maths = app.env.get_domain("math").data["has_equations"].get(pagename, False)
    stylesheets = [css for css in context.get("css_files", [])
                   if "thebe" not in (css.filename or "") and (has_maths or not (css.filename or "").endswith(maths.STYLESHEET))]
    scripts, bodies = [], set()
    for script in context.get("script_files", []):
        name, body = script.filename or "", script.attributes.get("body", "")
        if "thebe" in name or "THEBE_JS_URL" in body or (body and body in bodies):
            continue  # Jupyter Book sets up some extensions twice: their inline settings come twice
        bodies.add(body)
        if (pagename != "search" and name and "documentation_options" not in name
                and not {"async", "defer"} & set(script.attributes)):
            script = _JavaScript(name, priority=script.priority, **{**script.attributes, "defer": "defer"})
        scripts.append(script)
    context["script_files"] = scripts
    context["css_files"] = stylesheets


def lazy_images(app, doctree) -> None:
    """Images load as the reader scrolls to them: a phone gets the text first."""
    for image in doctree.findall(nodes.image):
        image["loading"] = "lazy"


def font_awesome_dir() -> Path:
    import pydata_sphinx_theme
    theme_static = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    (css,) = theme_static.glob("vendor/fontawesome/*/css/all.min.css")
    return css.parent.parent


def css_rules(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a stylesheet; at-rules keep their nested body."""
    rules, depth, start, opening = [], 0, 0, 0
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                opening = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append((css[start:opening].strip(), css[opening + 1:index]))
                start = index + 1
    return rules


def used_icon_classes(outdir: Path, record: Path) -> set[str]:
    """The icon classes of every page of the site.

    Reading all 1,500 pages costs seconds on every build, so each page's classes
    are kept in `record` with its modification time; only pages written since are read.
    """
    known = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
    current = {}
    for page in outdir.rglob("*.html"):
        name, mtime = page.relative_to(outdir).as_posix(), page.stat().st_mtime_ns
        if name in known and known[name][0] == mtime:
            current[name] = known[name]
            continue
        classes = set()
        for attribute in CLASS_ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            classes.update(n for n in attribute.split() if n.startswith("fa"))
        current[name] = [mtime, sorted(classes)]
    record.write_text(json.dumps(current), encoding="utf-8")
    classes = {name for _, names in current.values() for name in names}
    return {STYLE_ALIASES.get(name, name) for name in classes} | classes


def unchanged(stamp: Path, inputs: str, outputs: list[Path]) -> bool:
    """True if `outputs` exist and were made from these inputs (see `remember`).

    For the files written after every build: with nothing changed, a rebuild skips them.
    """
    digest = hashlib.sha256(inputs.encode()).hexdigest()
    return stamp.exists() and stamp.read_text() == digest and all(path.exists() for path in outputs)


def remember(stamp: Path, inputs: str) -> None:
    """Record that the outputs were made from these inputs: called after writing them."""
    stamp.write_text(hashlib.sha256(inputs.encode()).hexdigest())


def icon_stylesheet(used: set[str], font_css: str) -> tuple[str, set[int]]:
    """Font Awesome's rules whose selectors name only used classes, and their code points."""
    kept, code_points = [], set()
    for prelude, body in css_rules(CSS_COMMENT.sub("", font_css)):
        if prelude.startswith("@"):
            continue  # fonts are declared below; animations are not used
        selectors = [s for s in prelude.split(",") if set(re.findall(r"\.([\w-]+)", s)) <= used]
        if selectors:
            kept.append(f"{','.join(selectors)}{{{body}}}")
            code_points.update(int(point, 16) for point in CSS_CONTENT.findall(body))
    return "\n".join(kept), code_points


def write_icons(app, exception) -> None:
    """Write _static/icons.css and the cut-down fonts it names, from the pages as written."""
    if exception is not None or app.builder.format != "html":
        return
    from fontTools import subset

    outdir = Path(app.outdir)
    source = font_awesome_dir()
    font_css = (source / "css" / "all.min.css").read_text(encoding="utf-8")
    state = Path(app.doctreedir)
    used = used_icon_classes(outdir, state / "plan-icon-classes.json")
    fonts = [outdir / "_static" / "icons" / f"{stem}.woff2" for style, (_, _, stem) in ICON_FONTS.items()
             if style in used]
    inputs = font_css + " ".join(sorted(used))
    if unchanged(state / "plan-icons.sha256", inputs, [outdir / ICONS_CSS, *fonts]):
        return
    rules, code_points = icon_stylesheet(used, font_css)
    licence = CSS_COMMENT.search(font_css).group(0)
    faces = []
    for style, (family, weight, stem) in ICON_FONTS.items():
        if style not in used:
            continue
        options = subset.Options()
        options.flavor = "woff2"
        font = subset.load_font(str(source / "webfonts" / f"{stem}.woff2"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=code_points)
        subsetter.subset(font)
        target = outdir / "_static" / "icons" / f"{stem}.woff2"
        target.parent.mkdir(parents=True, exist_ok=True)
        subset.save_font(font, str(target), options)
        version = hashlib.sha256(target.read_bytes()).hexdigest()[:12]
        faces.append(f'@font-face{{font-family:"{family}";font-style:normal;font-weight:{weight};'
                     f'font-display:block;src:url(icons/{stem}.woff2?v={version}) format("woff2")}}')
    stylesheet = (f"{licence}\n/* Cut down by scripts/site_assets.py to the icons the pages use. */\n"
                  + "\n".join(faces) + "\n" + rules + "\n")
    (outdir / ICONS_CSS).write_text(stylesheet, encoding="utf-8")
    remember(state / "plan-icons.sha256", inputs)
