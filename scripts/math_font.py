"""Cut Latin Modern Math down to the glyphs the book's maths uses: book/_static/maths/.

    python scripts/math_font.py [--source latinmodern-math.otf]

Run it after `make html` when tests/test_site.py reports a character the font
lacks (a new symbol on some page). The font is 730 KB whole; the cut keeps:
- ASCII, the Greek letters, and their italic forms (the browser draws a
  one-letter variable in italic by switching to the Mathematical Italic letters),
  and the radical sign, which the browser draws for roots;
- every other character inside a <math> element of the built site;
- for each of those, the font's larger and stretched variants (OpenType MATH).
It is about 45 KB, fetched once for all pages.

The source is Latin Modern Math from GUST (GUST Font License), in Debian's
fonts-lmodern package, which TeX Live installs. The cut is a modified version,
so it carries its own file and family name (book/_static/maths/LICENSE.txt).
"""

from __future__ import annotations

import argparse
import html
import io
import re
import sys
from pathlib import Path

import plan

SOURCE = Path("/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf")
SITE = plan.ROOT / "_build" / "html"
MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.S)
TAG = re.compile(r"<[^>]*>")
GREEK = [*range(0x391, 0x3A2), *range(0x3A3, 0x3AA), *range(0x3B1, 0x3CA), 0x3D1, 0x3D5, 0x3D6, 0x3F0, 0x3F1, 0x3F5]
ITALIC = [*range(0x1D434, 0x1D455), *range(0x1D456, 0x1D468), 0x210E, *range(0x1D6E2, 0x1D71C)]   # Latin (h is U+210E) and Greek
FAMILY = "Latin Modern Math Subset"
RADICAL = 0x221A   # drawn by the browser for every square root, though no page's text has it
ALWAYS = {chr(code) for code in [*range(0x20, 0x7F), *GREEK, *ITALIC, RADICAL]}


# Characters Temml writes that Latin Modern Math lacks; browsers draw them from the
# text font, which is fine for these. Another one makes tests/test_site.py fail.
NOT_IN_LATIN_MODERN = {"\u203e"}   # OVERLINE, the accent of \bar


def characters_in_maths(page_html: str) -> set[str]:
    """The characters the <math> elements of a page draw."""
    return {char for element in MATH_ELEMENT.findall(page_html)
            for char in html.unescape(TAG.sub("", element)) if not char.isspace()}


def characters_on_site(site: Path) -> set[str]:
    return set().union(*(characters_in_maths(page.read_text(encoding="utf-8")) for page in site.rglob("*.html")))


def cut(source: Path, characters: set[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    # dtls: dotless i and j under accents. Not ssty, the script-size redrawings of
    # every glyph: 55 of 98 KB. Measured on Day 5 (Lighthouse, phone), dropping them
    # moved first paint from 2.2-2.3 s to 1.8-2.2 s; scripts are then drawn from
    # the base glyphs, scaled down, as KaTeX draws them.
    options.layout_features = ["dtls"]
    options.drop_tables += ["FFTM"]   # FontForge's time stamps
    options.hinting = False   # phone screens do not use it: 11% smaller
    options.desubroutinize = True   # compresses better in WOFF2
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(map(ord, characters)))
    subsetter.subset(font)   # keeps the MATH table's variants of the kept glyphs
    # GUST asks that a modified font carry a new name (book/_static/maths/LICENSE.txt).
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 16):
            record.string = FAMILY
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-Regular"
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main() -> None:
    import maths

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="Latin Modern Math (.otf)")
    args = parser.parse_args()
    if not args.source.exists():
        sys.exit(f"{args.source} not found. Fix: apt-get install fonts-lmodern, or pass --source")
    if not (SITE / "intro.html").exists():
        sys.exit("No built site to read the maths from. Fix: run 'make html' first.")
    characters = ALWAYS | characters_on_site(SITE)
    font = cut(args.source, characters)
    from fontTools.ttLib import TTFont
    lacking = characters - set(map(chr, TTFont(args.source).getBestCmap())) - NOT_IN_LATIN_MODERN
    if lacking:
        print(f"Latin Modern Math lacks {''.join(sorted(lacking))} (U+{', U+'.join(f'{ord(c):04X}' for c in sorted(lacking))}): "
              "browsers will draw them from another font. Check them on a page; if they look right, "
              "add them to NOT_IN_LATIN_MODERN in scripts/math_font.py.")
    maths.FONT.write_bytes(font)
    print(f"{maths.FONT.relative_to(plan.ROOT)}: {len(characters)} characters, {len(font) / 1000:.0f} KB")


if __name__ == "__main__":
    main()
