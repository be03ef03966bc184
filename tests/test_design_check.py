"""The design check: every bundled slide and page, rendered, meets the design figures.

The bundled plan's decks (through LibreOffice) and brochures (tri-folds and fact sheets) are
rendered to pictures and measured as a reader sees them: how much of a slide is filled, how
far each word's colour stands out from what is behind it, the sizes text is set in, how much
larger headings are than the body, and how little of a cover is left blank.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pdfplumber
import pytest
import yaml
from pptx import Presentation

from builder.render.deck.plan import DISPLAY_KINDS
from builder.source.materials import read_all

from . import design_measure as measure
from .conftest import DEFAULT_THEME, ROOT

SLIDE_DPI = 48  # a 13.3 in slide: 640 pixels across, a 12 pt footer 8 pixels tall
PAGE_DPI = 72  # a brochure's 9.5 pt small print: 9 pixels tall
FILL_CELL = 0.5  # inches: a slide or page counts as filled cell by cell, at this grain
LEAST_SLIDE_FILL = 1 / 3  # of a content slide (title, section and closing slides are display)
LEAST_PANEL_FILL = 1 / 3  # of a tri-fold panel, and of every fact-sheet page but the last
MOST_COVER_BLANK = 0.45
SMALLEST_TEXT = 9.0  # points, anywhere
SMALLEST_FOOTER = 10.0  # points: a slide's footer and number, a fact sheet's page number
FOOTER_BAND = 0.08  # of a slide's height, at its foot: the footer row
PAGE_NUMBER_BAND = 0.6  # inches at the foot of a fact-sheet page
SMALLEST_BODY = 12.0  # points: a brochure's body text
LEAST_HEADING_RATIO = 1.5  # a section heading's size over the body's
HEADING_WORDS = 3  # a heading is found by its first words, set in bold, in this order

def _decks(bundled_network) -> dict[str, Path]:
    return {name: path for name, path in bundled_network.items() if name.endswith(".pptx")}


def _brochures(bundled_network) -> dict[str, Path]:
    return {name: path for name, path in bundled_network.items() if name.endswith(".pdf")}


@pytest.fixture(scope="module")
def slides(bundled_network, converted_decks):
    """Every slide of every bundled deck: (deck, number, layout name, title, page, picture)."""
    found = []
    for name, path in _decks(bundled_network).items():
        presentation = Presentation(str(path))
        with pdfplumber.open(converted_decks[name]) as pdf:
            assert len(pdf.pages) == len(presentation.slides), f"{name}: LibreOffice lost slides"
            for number, (slide, page) in enumerate(zip(presentation.slides, pdf.pages), 1):
                title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
                picture = page.to_image(resolution=SLIDE_DPI).original
                found.append((name, number, slide.slide_layout.name, title, measure.words_on(page), picture, page))
    assert len(found) > 100, "the bundled plan's decks"
    return found


@pytest.fixture(scope="module")
def pages(bundled_network):
    """Every page of every bundled brochure: (brochure, number, page count, words, picture, page)."""
    found = []
    for name, path in _brochures(bundled_network).items():
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                picture = page.to_image(resolution=PAGE_DPI).original
                found.append((name, number, len(pdf.pages), measure.words_on(page), picture, page))
    assert {name.rsplit("-", 2)[1] for name, *_ in found} == {"trifold", "factsheet"}
    return found


def _display_layouts() -> set[str]:
    kinds = yaml.safe_load((DEFAULT_THEME / "deck.yaml").read_text(encoding="utf-8"))["slide_kinds"]
    return {kinds[kind]["layout"] for kind in DISPLAY_KINDS}


def _thin_slides(slides) -> dict[tuple[str, str], float]:
    display = _display_layouts()
    thin = {}
    for name, number, layout, title, _words, picture, _page in slides:
        if layout in display:
            continue
        filled = _filled(picture, SLIDE_DPI)
        if filled < LEAST_SLIDE_FILL:
            thin[(name.rsplit("/", 1)[1], title)] = filled
    return thin


def _filled(picture, dpi, region=None) -> float:
    before, measure.CELL = measure.CELL, FILL_CELL
    try:
        return measure.filled_fraction(picture, dpi, region)
    finally:
        measure.CELL = before


def test_every_content_slide_is_at_least_a_third_full(slides):
    thin = {key: round(filled, 2) for key, filled in _thin_slides(slides).items()}
    assert not thin, f"content slides under {LEAST_SLIDE_FILL:.0%} full: {thin}"


def test_no_column_of_any_brochure_page_ends_with_a_heading(pages, default_theme):
    heading = default_theme.brochure.heading_size
    stranded = []
    for name, number, _count, words, _picture, page in pages:
        columns = 3 if "-trifold-" in name else 2  # the bundled layouts' columns across a page
        body = [word for word in words if word.box[1] < page.height - PAGE_NUMBER_BAND * 72]
        for column in range(columns):
            left, right = page.width * column / columns, page.width * (column + 1) / columns
            inside = [word for word in body if left <= word.box[0] < right]
            if inside and max(inside, key=lambda word: word.box[3]).size >= heading:
                stranded.append(f"{name} page {number} column {column + 1}")
    assert not stranded, stranded


def test_every_word_on_every_slide_stands_out_from_what_is_behind_it(slides):
    failing = []
    for name, number, _layout, _title, _words, picture, page in slides:
        for word, ratio in measure.low_contrast_words(page, picture, SLIDE_DPI / 72):
            failing.append(f"{name} slide {number}: {word.text!r} {ratio:.2f}:1")
    assert not failing, failing[:20]


def test_every_word_on_every_brochure_page_stands_out_from_what_is_behind_it(pages):
    failing = []
    for name, number, _count, _words, picture, page in pages:
        for word, ratio in measure.low_contrast_words(page, picture, PAGE_DPI / 72):
            failing.append(f"{name} page {number}: {word.text!r} {ratio:.2f}:1")
    assert not failing, failing[:20]


def test_no_text_on_any_slide_or_page_is_set_smaller_than_nine_points(slides, pages):
    small = [
        f"{name} {number}: {word.text!r} at {word.size} pt"
        for name, number, *rest in [(s[0], s[1], s[4]) for s in slides] + [(p[0], p[1], p[3]) for p in pages]
        for word in rest[0]
        if word.size < SMALLEST_TEXT
    ]
    assert not small, small[:20]


def test_slide_footers_and_numbers_are_at_least_ten_points(slides):
    display = _display_layouts()
    footers = 0
    for name, number, layout, _title, words, _picture, page in slides:
        if layout in display:
            continue
        in_footer = [w for w in words if w.box[1] > page.height * (1 - FOOTER_BAND)]
        assert in_footer, f"{name} slide {number}: no footer"
        footers += 1
        assert min(w.size for w in in_footer) >= SMALLEST_FOOTER, f"{name} slide {number}: footer"
    assert footers > 100


def test_fact_sheet_page_numbers_are_at_least_ten_points(pages):
    numbered = 0
    for name, number, count, words, _picture, page in pages:
        if "-factsheet-" not in name:
            continue
        foot = [w for w in words if w.box[1] > page.height - PAGE_NUMBER_BAND * 72]
        numbers = [w for w in foot if w.text == str(number)]
        assert numbers, f"{name} page {number}: no page number at the foot"
        assert all(w.size >= SMALLEST_FOOTER for w in numbers), f"{name} page {number}"
        numbered += 1
    assert numbered >= 20


def test_brochure_body_text_is_at_least_twelve_points(pages):
    words_of: dict[str, list[measure.Word]] = {}
    for name, _number, _count, words, _picture, _page in pages:
        words_of.setdefault(name, []).extend(words)
    small = {name: measure.body_size(words) for name, words in words_of.items()}
    assert not {name: size for name, size in small.items() if size < SMALLEST_BODY}


@cache
def _section_titles() -> tuple[tuple[str, ...], ...]:
    """The first words of every section title of every bundled material and translation."""
    sources = sorted(path for path in (ROOT / "sources").glob("*.yaml") if path.name != "clinics.yaml")
    titles = set()
    for material in read_all(sources):
        for section in material.sections + tuple(s for c in material.conditions for s in c.sections):
            titles.add(tuple(section.title.plain.split()[:HEADING_WORDS]))
    return tuple(sorted(titles))


def _heading_sizes(words: list[measure.Word]) -> list[tuple[str, float]]:
    """The section headings on a page, found by their first words in bold, and their sizes."""
    found = []
    texts = [word.text for word in words]
    for title in _section_titles():
        for start in range(len(texts) - len(title) + 1):
            run = words[start : start + len(title)]
            if tuple(texts[start : start + len(title)]) == title and all(w.bold for w in run):
                found.append((" ".join(title), min(w.size for w in run)))
    return found


def test_brochure_section_headings_are_at_least_one_and_a_half_times_the_body(pages):
    words_of: dict[str, list[measure.Word]] = {}
    for name, _number, _count, words, _picture, _page in pages:
        words_of.setdefault(name, []).extend(words)
    for name, words in words_of.items():
        body = measure.body_size(words)
        headings = _heading_sizes(words)
        assert len(headings) >= 3, f"{name}: found only {headings}"
        small = [(title, size) for title, size in headings if size < LEAST_HEADING_RATIO * body]
        assert not small, f"{name}: body {body} pt, headings {small}"


def test_every_tri_fold_panel_and_fact_sheet_page_but_the_last_is_at_least_a_third_full(pages):
    thin = []
    for name, number, count, _words, picture, page in pages:
        width, height = page.width / 72, page.height / 72
        if "-trifold-" in name:
            for panel in range(3):
                region = (panel * width / 3, 0, (panel + 1) * width / 3, height)
                if _filled(picture, PAGE_DPI, region) < LEAST_PANEL_FILL:
                    thin.append(f"{name} page {number} panel {panel + 1}")
        elif number < count and _filled(picture, PAGE_DPI) < LEAST_PANEL_FILL:
            thin.append(f"{name} page {number}")
    assert not thin, thin


def test_every_tri_fold_cover_is_at_most_45_percent_blank(pages):
    covers = 0
    for name, number, _count, words, picture, page in pages:
        if "-trifold-" not in name or number != 1:
            continue
        width, height = page.width / 72, page.height / 72
        largest = max(words, key=lambda word: word.size)  # the condition's name leads the cover
        panel = int(largest.box[0] / (page.width / 3))
        region = (panel * width / 3, 0, (panel + 1) * width / 3, height)
        blank = 1 - _filled(picture, PAGE_DPI, region)
        assert blank <= MOST_COVER_BLANK, f"{name}: the cover is {blank:.0%} blank"
        covers += 1
    assert covers >= 20
