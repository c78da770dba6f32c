"""How fast and accessible the built site is on a phone: `make benchmark-site`.

Serves _build/html the way GitHub Pages does (nginx: gzip, `Cache-Control:
max-age=600`, 404.html for missing pages), then for four kinds of page runs
Lighthouse in mobile mode (simulated slow 4G and a slow CPU, Debian's chromium)
and axe-core in a phone-sized Chromium, and prints one table:

    Lighthouse performance, accessibility, best practices, SEO (0-100, median of --runs)
    axe-core violations (WCAG 2.x A/AA and best-practice rules)
    bytes transferred on a first visit (compressed, Lighthouse's total-byte-weight)

followed by the heaviest files of the plain day page. Targets (issue 4):
performance >= 90, the other three 100, no axe violations, a plain day page
<= 250 KB. It prints figures and flags misses; it does not fail a build.

Needs: nginx (apt-get install nginx-light), Node.js with `npm ci` run here
(make benchmark-site does it), chromium at /usr/bin/chromium, and a built site.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

import plan
from browser import CHROMIUM, CHROMIUM_FLAGS, MISSING_CHROMIUM, PHONE

SITE = plan.ROOT / "_build" / "html"
NODE_BIN = plan.ROOT / "node_modules" / ".bin"
AXE = plan.ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {  # what a reader opens: the plan, a phase, a day of text, a day with plots and maths
    "intro": "intro.html",
    "chapter": "phase-2/index.html",
    "plain day": "days/day-090.html",   # text only: no maths, no plots
    "day with plots + maths": "days/day-005.html",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
PLAIN_DAY_BUDGET_KB = 250
NGINX_CONF = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  types {{ image/svg+xml svg; font/woff2 woff2; }}
  access_log off;
  client_body_temp_path {tmp};
  # As GitHub Pages serves: compressed text, ten-minute cache, its own 404 page.
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 256;
  gzip_types text/css application/javascript text/javascript application/json image/svg+xml text/plain application/xml;
  server {{
    listen 127.0.0.1:{port};
    root {site};
    add_header Cache-Control "max-age=600";
    error_page 404 /404.html;
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_nginx(tmp: Path) -> tuple[subprocess.Popen, str]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        sys.exit("nginx not found. Fix: apt-get install nginx-light")
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, site=SITE))
    server = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    for _ in range(50):
        try:
            urlopen(base + "intro.html", timeout=1).close()
            return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit(f"nginx did not start: {server.stderr.read().decode()}")


def lighthouse(url: str, report: Path) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    command = [str(NODE_BIN / "lighthouse"), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(report.read_text())


def axe_violations(urls: dict[str, str]) -> dict[str, list[str]]:
    from playwright.sync_api import sync_playwright
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_context(**PHONE).new_page()
        for name, url in urls.items():
            page.goto(url, wait_until="networkidle")
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            found[name] = [f"{v['id']} ({len(v['nodes'])}), e.g. "
                           + "; ".join(" ".join(node["target"]) for node in v["nodes"][:3]) for v in result["violations"]]
        browser.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median counts")
    args = parser.parse_args()
    if not (SITE / "intro.html").exists():
        sys.exit("No built site. Fix: run 'make html' first.")
    if not (NODE_BIN / "lighthouse").exists() or not AXE.exists():
        sys.exit("Lighthouse or axe-core is missing. Fix: run 'npm ci' (make benchmark-site does).")
    if not Path(CHROMIUM).exists():
        sys.exit(MISSING_CHROMIUM)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        server, base = start_nginx(tmp)
        try:
            urls = {name: base + path for name, path in PAGES.items()}
            reports = {name: [lighthouse(url, tmp / f"report-{i}.json") for i in range(args.runs)]
                       for name, url in urls.items()}
            axe = axe_violations(urls)
        finally:
            server.terminate()
            server.wait()

    print(f"\nLighthouse {reports['intro'][0]['lighthouseVersion']} (mobile, median of {args.runs}), "
          f"axe-core, nginx with gzip; site {SITE.relative_to(plan.ROOT)}\n")
    header = f"{'page':<24}{'perf':>6}{'a11y':>6}{'best':>6}{'SEO':>6}{'axe':>5}{'KB':>8}{'requests':>10}"
    print(header)
    print("-" * len(header))
    misses = []
    for name, runs in reports.items():
        scores = {c: statistics.median(round(100 * r["categories"][c]["score"]) for r in runs) for c in CATEGORIES}
        first = runs[0]["audits"]
        weight_kb = first["total-byte-weight"]["numericValue"] / 1000
        requests = len(first["network-requests"]["details"]["items"])
        print(f"{name:<24}" + "".join(f"{scores[c]:>6.0f}" for c in CATEGORIES)
              + f"{len(axe[name]):>5}{weight_kb:>8.0f}{requests:>10}")
        misses += [f"{name}: {c} {scores[c]:.0f} < {TARGETS[c]}" for c in CATEGORIES if scores[c] < TARGETS[c]]
        misses += [f"{name}: axe {violation}" for violation in axe[name]]
        if name == "plain day" and weight_kb > PLAIN_DAY_BUDGET_KB:
            misses.append(f"{name}: {weight_kb:.0f} KB > {PLAIN_DAY_BUDGET_KB} KB")
        for category in CATEGORIES:  # what cost the points, from the first run
            failed = [a for a in runs[0]["categories"][category]["auditRefs"]
                      if a["weight"] and (first[a["id"]]["score"] or 0) < 1]
            for audit in failed if scores[category] < TARGETS[category] else []:
                detail = first[audit["id"]]
                misses.append(f"{name}: {category}: {detail['title']} {detail.get('displayValue', '')}".rstrip())

    plain = reports["plain day"][0]["audits"]["network-requests"]["details"]["items"]
    print(f"\nHeaviest files of the plain day page ({PAGES['plain day']}), bytes transferred:")
    for item in sorted(plain, key=lambda i: -i["transferSize"])[:8]:
        print(f"  {item['transferSize'] / 1000:>7.1f} KB  {item['url'].removeprefix(base)}")
    print("\nAll targets met." if not misses else "\nMissed targets:\n  " + "\n  ".join(misses))


if __name__ == "__main__":
    main()
