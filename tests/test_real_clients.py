"""Real clients open what we build: LibreOffice the deck, qpdf and pdffonts the brochures.

Each test skips when its tool is missing on a developer's machine and fails in CI, where
.ci/run installs the tools. LibreOffice converts the deck once per session.
"""

from __future__ import annotations

import re
import subprocess

import pdfplumber
import pytest
from pptx import Presentation

from .conftest import require_tool

EMU_PER_POINT = 12700
TOLERANCE = 2.0  # points


def test_qpdf_finds_no_problem_in_any_brochure(brochure_paths):
    qpdf = require_tool("qpdf")
    for path in brochure_paths.values():
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


def test_pdffonts_lists_only_embedded_fonts(brochure_paths):
    pdffonts = require_tool("pdffonts")
    for path in brochure_paths.values():
        result = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True)
        rows = result.stdout.splitlines()[2:]
        assert rows, "no fonts listed"
        for row in rows:
            columns = re.split(r"\s+", row.strip())
            embedded = columns[-5]
            assert embedded == "yes", row
            assert not any(
                base in row for base in ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
            )


@pytest.fixture(scope="module")
def slides(deck_path):
    return list(Presentation(str(deck_path)).slides)


@pytest.fixture(scope="module")
def rendered(deck_as_pdf):
    with pdfplumber.open(deck_as_pdf) as pdf:
        yield [(page.extract_text() or "", page.chars, page.width) for page in pdf.pages]


def test_libreoffice_renders_one_page_per_slide(slides, rendered):
    assert len(rendered) == len(slides)


def test_every_slide_title_and_word_is_on_its_rendered_page(slides, rendered):
    for slide, (text, _chars, _width) in zip(slides, rendered):
        # A template may set capitals; the spacing pdfplumber reads back around a web
        # address's zero-width break points is its own guess, so words are found in the page's
        # letters without spaces.
        page_letters = re.sub(r"[\s\u200b]+", "", text.lower())
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for word in re.findall(r"\w+", shape.text_frame.text.lower()):
                assert word in page_letters, f"'{word}' of '{slide.shapes.title.text}' is not on its page"


def test_no_rendered_character_lies_outside_the_frame_it_belongs_to(slides, rendered):
    for slide, (_text, chars, _width) in zip(slides, rendered):
        boxes = [
            (
                s.left / EMU_PER_POINT,
                s.top / EMU_PER_POINT,
                (s.left + s.width) / EMU_PER_POINT,
                (s.top + s.height) / EMU_PER_POINT,
            )
            for s in slide.shapes
            if s.has_text_frame
        ]
        for char in chars:
            if not char["text"].strip():
                continue
            inside = any(
                x0 - TOLERANCE <= char["x0"]
                and char["x1"] <= x1 + TOLERANCE
                and y0 - TOLERANCE <= char["top"]
                and char["bottom"] <= y1 + TOLERANCE
                for x0, y0, x1, y1 in boxes
            )
            assert inside, (
                f"'{char['text']}' at ({char['x0']:.0f}, {char['top']:.0f}) is outside every frame on '{slide.shapes.title.text}'"
            )


def test_libreoffice_keeps_every_table_cells_words_inside_the_table(decks, converted_decks):
    deck = Presentation(str(decks["tables"]))
    with pdfplumber.open(converted_decks["tables"]) as pdf:
        pages = [(page.extract_text() or "", page.chars) for page in pdf.pages]
    checked = 0
    for slide, (text, chars) in zip(deck.slides, pages):
        tables = [shape for shape in slide.shapes if shape.has_table]
        if not tables:
            continue
        (frame,) = tables
        letters = re.sub(r"[\s\u200b]+", "", text.lower())
        for row in frame.table.rows:
            for cell in row.cells:
                for word in re.findall(r"\w+", cell.text.lower()):
                    assert word in letters, f"'{word}' of a table cell is not on '{slide.shapes.title.text}'"
        height = sum(row.height for row in frame.table.rows) / EMU_PER_POINT
        table_box = (frame.left, frame.top, frame.left + frame.width, frame.top + height * EMU_PER_POINT)
        others = [
            (s.left, s.top, s.left + s.width, s.top + s.height) for s in slide.shapes if s.has_text_frame
        ]
        for char in chars:
            if not char["text"].strip() or any(_holds(box, char) for box in others):
                continue  # the title's, the footer's, the slide number's
            assert _holds(table_box, char), (
                f"'{char['text']}' at ({char['x0']:.0f}, {char['top']:.0f}) is outside the table"
                f" on '{slide.shapes.title.text}': a column was too narrow or its rows grew"
            )
        checked += 1
    assert checked >= 3, "the table deck should have a table slide and a split table's slides"


def _holds(box, char) -> bool:
    x0, y0, x1, y1 = (value / EMU_PER_POINT for value in box)
    return (
        x0 - TOLERANCE <= char["x0"]
        and char["x1"] <= x1 + TOLERANCE
        and y0 - TOLERANCE <= char["top"]
        and char["bottom"] <= y1 + TOLERANCE
    )
