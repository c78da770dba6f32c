"""scripts/site_assets.py on small inputs: the site address, descriptions, the icon cut."""

from __future__ import annotations

import os

import pytest
from sphinx.errors import ConfigError

import math_font
import site_assets


def test_site_url_defaults_to_the_local_preview(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert site_assets.site_url() == "http://localhost:8000/"


def test_site_url_gets_a_trailing_slash(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/data-science-365")
    assert site_assets.site_url() == "https://someone.github.io/data-science-365/"


@pytest.mark.parametrize("bad", ["someone.github.io/repo", "ftp://example.org/", "https://"])
def test_site_url_that_is_not_a_web_address_is_refused_with_the_fix(monkeypatch, bad):
    monkeypatch.setenv("SITE_URL", bad)
    with pytest.raises(ConfigError, match=r"SITE_URL=.*Fix: set it to the site's public address"):
        site_assets.site_url()


def test_not_found_page_links_from_the_site_path():
    body = site_assets.not_found_body("/data-science-365/")
    assert 'href="/data-science-365/intro.html"' in body
    assert 'href="/data-science-365/phase-4/index.html"' in body


def test_shorten_cuts_at_a_word_and_capitalises():
    text = "fifty days in, " + "word " * 60
    short = site_assets.shorten(text, 50)
    assert len(short) <= 50 and short.endswith("\u2026") and short.startswith("Fifty days in")
    assert not short[:-1].endswith(" ")
    assert site_assets.shorten("short text") == "Short text"


FONT_CSS = (
    '/*! licence */.fa,.fa-brands,.fa-solid{display:inline-block}.fa-solid{font-family:"FA"}'
    '@font-face{font-family:"FA";src:url(x.woff2)}@keyframes fa-spin{0%{transform:rotate(0)}}'
    '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-spin{animation:fa-spin}'
    '.fa-moon:before{content:"\\f186"}.fa-ul>li{position:relative}'
)


def test_icon_stylesheet_keeps_only_rules_for_used_classes():
    rules, code_points = site_assets.icon_stylesheet({"fa-solid", "fa-bars"}, site_assets.CSS_COMMENT.sub("", FONT_CSS))
    assert ".fa-solid{display:inline-block}" in rules
    assert '.fa-bars:before{content:"\\f0c9"}' in rules
    assert "navicon" not in rules and "moon" not in rules and "@" not in rules and "fa-ul" not in rules
    assert code_points == {0xF0C9}


def test_css_rules_keep_nested_blocks_whole():
    rules = site_assets.css_rules("a{b:c}@media (x){.d{e:f}}g{h:i}")
    assert rules == [("a", "b:c"), ("@media (x)", ".d{e:f}"), ("g", "h:i")]


def test_icon_classes_are_reread_only_from_pages_written_since_the_last_build(tmp_path):
    site, record = tmp_path / "html", tmp_path / "icons.json"
    site.mkdir()
    (site / "a.html").write_text('<i class="fa-brands fa-github"></i>')
    (site / "b.html").write_text('<i class="fa-solid fa-list"></i>')
    assert {"fa-github", "fa-list"} <= site_assets.used_icon_classes(site, record)

    (site / "b.html").write_text('<i class="fa-solid fa-print"></i>')  # rewritten: new mtime
    os.utime(site / "b.html", ns=(1, 1))
    (site / "a.html").unlink()                                         # page removed
    used = site_assets.used_icon_classes(site, record)
    assert "fa-print" in used and "fa-list" not in used and "fa-github" not in used

    # A page whose time stamp did not change is not read again: its recorded classes stand.
    stamp = (site / "b.html").stat().st_mtime_ns
    (site / "b.html").write_text('<i class="fa-solid fa-gear"></i>')
    os.utime(site / "b.html", ns=(stamp, stamp))
    assert "fa-print" in site_assets.used_icon_classes(site, record)


def test_outputs_made_from_the_same_inputs_are_not_rewritten(tmp_path):
    stamp, output = tmp_path / "stamp", tmp_path / "plan.json"
    assert not site_assets.unchanged(stamp, "inputs v1", [output])
    output.write_text("{}")
    site_assets.remember(stamp, "inputs v1")
    assert site_assets.unchanged(stamp, "inputs v1", [output])
    assert not site_assets.unchanged(stamp, "inputs v2", [output])  # an input changed
    output.unlink()
    assert not site_assets.unchanged(stamp, "inputs v1", [output])  # the output is gone


def test_the_maths_font_is_cut_to_the_text_of_math_elements_only():
    page = ('<p>prose outside: z</p><math><mrow><mi>α</mi><mo>&lt;</mo><mn>2</mn></mrow></math>'
            '<div class="math-display"><math display="block"><msqrt><mi>x</mi></msqrt></math></div>')
    assert math_font.characters_in_maths(page) == {"α", "<", "2", "x"}
    assert "\u221a" in math_font.ALWAYS, "the radical sign is drawn for msqrt without being in any text"
    assert {"\U0001d465", "\u210e", "\U0001d6fc"} <= math_font.ALWAYS, "italic x, h and alpha: how one-letter variables are drawn"
