"""The phone the site is checked on: Debian's Chromium at an iPhone-sized viewport.

Shared by tests/test_phone.py and scripts/benchmark_site.py. Playwright cannot
download its own browser here, so both drive /usr/bin/chromium.
"""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
MISSING_CHROMIUM = f"Chromium not found at {CHROMIUM}. Fix: apt-get install chromium (.ci/run does)"


def lay_out_everything(page) -> None:
    """Lay out the sections a phone skips until they are scrolled to.

    plan.css gives a day's sections `content-visibility: auto`: off screen they
    have no layout, so neither their width nor their innerText counts. A check of
    what the reader will see when scrolling there must lay them out first.
    """
    page.add_style_tag(content="* { content-visibility: visible !important; }")
