"""The browser harness finds what it should on hand-written pages, before the renderer exists.

All sample pages are checked in one node process per session: starting Chromium costs seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from . import web_browser
from .web_browser import BrowserHarnessError, check_pages, require_browser

HEAD = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
PICTURE = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='600' height='300'%3E"
    "%3Crect width='600' height='300' fill='%23cde'/%3E%3C/svg%3E"
)
PAGES = {
    # Everything a good handout page has: a language, a title, headings in order, landmarks, a
    # table with header scopes, a described picture, #1a1a1a on white (17:1), a fluid layout.
    "good": f"""<!doctype html>
<html lang="en"><head>{HEAD}<title>Living with type 2 diabetes</title>
<style>
body {{ font: 1.125rem/1.5 sans-serif; color: #1a1a1a; background: #fff;
       max-width: 40rem; margin: 0 auto; padding: 1rem; }}
img {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #555; padding: .25rem; text-align: left; }}
</style></head>
<body>
<header><p>Riverside Clinic</p></header>
<nav aria-label="Sections"><ul><li><a href="#what">What it is</a></li><li><a href="#checks">Checks</a></li></ul></nav>
<main>
<h1>Living with type 2 diabetes</h1>
<h2 id="what">What it is</h2>
<p>Your body makes insulin but does not use it well, so sugar stays in the blood.</p>
<img src="{PICTURE}" width="600" height="300" alt="A plate: half vegetables, a quarter protein, a quarter starch.">
<h2 id="checks">Checks at home</h2>
<table><caption>How often to check</caption>
<thead><tr><th scope="col">Check</th><th scope="col">How often</th></tr></thead>
<tbody><tr><th scope="row">Blood sugar</th><td>As your nurse says</td></tr>
<tr><th scope="row">Feet</th><td>Every day</td></tr></tbody></table>
</main>
<footer><p>Call 555-0100 with your questions.</p></footer>
</body></html>""",
    # No lang, #999 on white (2.8:1), a picture without alt, and a stylesheet from the network.
    "flawed": f"""<!doctype html>
<html><head>{HEAD}<title>A flawed page</title>
<link rel="stylesheet" href="https://fonts.example.invalid/handout.css"></head>
<body><main><h1>A flawed page</h1>
<p id="grey" style="color: #999; background: #fff">Grey words on white.</p>
<img id="undescribed" src="{PICTURE}" width="200" height="100">
</main></body></html>""",
    "wide": f"""<!doctype html>
<html lang="en"><head>{HEAD}<title>A wide page</title></head>
<body><main><h1>A wide page</h1><div id="fixed" style="width: 800px">A box of fixed width.</div></main></body></html>""",
    # A wide table in a box that scrolls by itself is the reflow exception for data tables.
    "scrolling-table": f"""<!doctype html>
<html lang="en"><head>{HEAD}<title>A scrolling table</title></head>
<body><main><h1>A scrolling table</h1>
<div style="overflow-x: auto"><table style="width: 900px"><caption>Doses</caption>
<tr><th scope="col">Medicine</th><th scope="col">Dose</th></tr><tr><td>Metformin</td><td>500 mg</td></tr>
</table></div></main></body></html>""",
    "scripted": f"""<!doctype html>
<html lang="en"><head>{HEAD}<title>Written by a script</title></head>
<body><main id="content"></main>
<script>document.getElementById("content").innerHTML = "<h1>Only with JavaScript</h1>";</script>
</body></html>""",
}


@pytest.fixture(scope="session")
def browser_report(tmp_path_factory) -> dict:
    """Every sample page checked once, with screenshots: the harness's whole report."""
    require_browser()
    folder = tmp_path_factory.mktemp("pages")
    paths = []
    for name, html in PAGES.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return check_pages(paths, screenshots=folder / "screenshots")


@pytest.fixture(scope="session")
def pages(browser_report) -> dict[str, dict]:
    """Each sample page's result by page name."""
    return {Path(page["path"]).stem: page for page in browser_report["pages"]}


def test_every_page_gets_a_result_in_the_order_given(browser_report):
    assert [Path(page["path"]).stem for page in browser_report["pages"]] == list(PAGES)


def test_axe_runs_the_wcag_2_1_a_and_aa_rules(browser_report):
    assert browser_report["tags"] == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    assert browser_report["axe"].startswith("4.")


def test_a_well_made_page_has_no_violation(pages):
    assert pages["good"]["violations"] == []


def test_a_well_made_page_reflows_at_320_px_and_at_200_percent_zoom(pages):
    for view, width in (("narrow", 320), ("zoomed", 640)):
        assert pages["good"][view] == {"width": width, "scrolls": False, "overflowing": []}


def test_a_missing_alt_grey_text_and_a_missing_lang_are_each_reported_on_their_element(pages):
    found = {violation["id"]: violation["targets"] for violation in pages["flawed"]["violations"]}
    assert found == {"image-alt": ["#undescribed"], "color-contrast": ["#grey"], "html-has-lang": ["html"]}
    assert all(violation["help"] and violation["impact"] for violation in pages["flawed"]["violations"])


def test_a_fixed_800_px_box_makes_the_page_scroll_sideways_and_is_named(pages):
    for view in ("narrow", "zoomed"):
        assert pages["wide"][view]["scrolls"] is True
        assert pages["wide"][view]["overflowing"] == ["#fixed"]


def test_a_wide_table_in_its_own_scrolling_box_does_not_count_as_overflow(pages):
    assert pages["scrolling-table"]["narrow"] == {"width": 320, "scrolls": False, "overflowing": []}


def test_a_static_page_shows_the_same_text_without_javascript(pages):
    text = pages["good"]["text"]
    assert text["withoutScript"] == text["withScript"] > 100


def test_text_a_script_writes_is_missing_without_javascript(pages):
    text = pages["scripted"]["text"]
    assert text["withScript"] > 0
    assert text["withoutScript"] == 0


def test_what_a_page_asks_of_the_network_is_refused_and_named(pages):
    assert pages["flawed"]["blocked"] == ["https://fonts.example.invalid/handout.css"]
    assert pages["good"]["blocked"] == []


def test_screenshots_are_pngs_as_wide_as_their_viewport(pages):
    for width in (320, 1280):
        path = Path(pages["good"]["screenshots"][str(width)])
        assert path.name == f"good-{width}.png"
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert image.width == width


def test_a_screenshot_at_320_px_shows_all_of_what_sticks_out(pages):
    with Image.open(pages["wide"]["screenshots"]["320"]) as image:
        assert image.width >= 800


def test_a_page_that_does_not_exist_stops_the_harness_and_is_named(tmp_path):
    require_browser()
    absent = tmp_path / "absent.html"
    with pytest.raises(BrowserHarnessError, match=r"no such page: .*absent\.html"):
        check_pages([absent])


def test_without_chromium_the_checks_skip_here_and_fail_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(web_browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setattr(web_browser, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not at"):
        require_browser()
    monkeypatch.setattr(web_browser, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="required in CI"):
        require_browser()
    with pytest.raises(BrowserHarnessError, match="Chromium is not at"):
        check_pages([tmp_path / "page.html"])
