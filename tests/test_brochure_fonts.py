"""Brochures in more scripts than the theme's family draws: the fallback chain's fonts are
used for what the family lacks, embedded, measured and wrapped; and only when needed."""

from __future__ import annotations

import io
import re
import subprocess

import pdfplumber
import pytest

from builder.render import RenderOptions
from builder.render.brochure import fonts as brochure_fonts
from builder.render.brochure import write as brochure
from builder.render.brochure.fonts import font_runs, load_style
from builder.theme.chain import FontChain
from builder.theme.fonts import find_fonts

from .conftest import require_tool
from .helpers import material_from, minimal_source
from .scripts_source import CHINESE, GREEK_CYRILLIC, RARE_CYRILLIC, VIETNAMESE, scripts_source

LAYOUTS = ("trifold", "factsheet")
POINTS = 72


@pytest.fixture(scope="module", params=LAYOUTS)
def scripts_pdf(request, tmp_path_factory, default_theme) -> tuple[str, bytes]:
    """The scripts source's brochure in a layout: (layout name, PDF bytes)."""
    material = material_from(tmp_path_factory.mktemp("scripts"), scripts_source())
    rendered = brochure.render(material, default_theme, options=RenderOptions(brochure=request.param))
    (pdf,) = rendered.files.values()
    return request.param, pdf


def _fallback_family(theme, char: str) -> str:
    """The family of the first fallback font that draws `char` (worked out from the fonts)."""
    chain = FontChain(theme.fonts.fallback, theme.folder)
    index = next(i for i, draws in enumerate(chain.covers()) if draws(char))
    return theme.fonts.fallback[index].family


def _squeezed(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def test_every_line_in_every_script_is_extracted_back_from_the_pdf(scripts_pdf):
    _layout, pdf = scripts_pdf
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = re.sub(r"\s+", "", "".join(page.extract_text() for page in document.pages))
    for line in (VIETNAMESE, CHINESE, GREEK_CYRILLIC):
        assert re.sub(r"\s+", "", line) in text


def test_chinese_characters_are_set_in_the_fallback_font_that_draws_them(scripts_pdf, default_theme):
    _layout, pdf = scripts_pdf
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = [char for page in document.pages for char in page.chars]
    for sample in (CHINESE, RARE_CYRILLIC):
        expected = _squeezed(_fallback_family(default_theme, sample[0]))
        fonts = {_squeezed(char["fontname"]) for char in chars if char["text"] in sample}
        assert fonts, f"no character of {sample!r} in the PDF"
        assert all(expected in font for font in fonts), (sample, fonts)
    latin = {_squeezed(char["fontname"]) for char in chars if char["text"] in "Knees"}
    assert latin and all(_squeezed(default_theme.fonts.family) in font for font in latin)


def test_no_character_runs_past_its_panels_margin(scripts_pdf, default_theme):
    layout_name, pdf = scripts_pdf
    layout = default_theme.brochure_layout(layout_name)
    paper = layout.paper("letter")  # the source is en-US
    margin = paper.margin * POINTS
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages):
            sheet = layout.sheets[min(number, len(layout.sheets) - 1)]  # a growing layout repeats its last
            boxes = [[v * POINTS for v in paper.box(panel.name)] for panel in sheet.panels]
            assert page.chars
            for char in page.chars:
                left, _top, width, _height = next(
                    b for b in boxes if b[0] <= char["x0"] < b[0] + b[2] and b[1] <= char["top"] < b[1] + b[3]
                )
                assert char["x1"] <= left + width - margin + 0.5, (char["text"], char["x1"], number)
                assert char["x0"] >= left + margin - 0.5, (char["text"], char["x0"], number)


def test_a_long_chinese_paragraph_wraps_onto_several_lines(scripts_pdf):
    _layout, pdf = scripts_pdf
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        lines = [line for page in document.pages for line in page.extract_text().splitlines()]
    wrapped = [line for line in lines if CHINESE[:4] in line.replace(" ", "") or "粗体" in line]
    held = [line for line in lines if sum("\u4e00" <= c <= "\u9fff" for c in line) >= 8]
    assert wrapped and len(held) >= 4  # six copies of the sentence do not fit one line


def test_pdffonts_lists_every_font_of_the_scripts_brochure_as_embedded(scripts_pdf, tmp_path):
    pdffonts = require_tool("pdffonts")
    _layout, pdf = scripts_pdf
    path = tmp_path / "scripts.pdf"
    path.write_bytes(pdf)
    rows = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout
    rows = rows.splitlines()[2:]
    assert len(rows) >= 3  # the family, and at least two fallback fonts
    for row in rows:
        assert re.split(r"\s+", row.strip())[-5] == "yes", row


def test_a_latin_brochure_embeds_no_fallback_font(tmp_path, default_theme):
    rendered = brochure.render(material_from(tmp_path, minimal_source()), default_theme)
    (pdf,) = rendered.files.values()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        fonts = {_squeezed(char["fontname"]) for page in document.pages for char in page.chars}
    assert fonts
    for font in default_theme.fonts.fallback:
        assert not any(_squeezed(font.family) in used for used in fonts)


def test_font_runs_of_latin_text_load_no_fallback_font(default_theme, monkeypatch):
    loaded = []
    monkeypatch.setattr(brochure_fonts, "load_fallback", lambda files: loaded.append(files))
    main = load_style(find_fonts(default_theme.fonts, default_theme.folder), "regular")
    chain = FontChain(default_theme.fonts.fallback, default_theme.folder)
    assert font_runs.__wrapped__(main, chain, "Plain words, ñ and é.") == (("Plain words, ñ and é.", None),)
    assert loaded == []


def test_font_runs_cut_text_where_the_family_lacks_characters(default_theme):
    main = load_style(find_fonts(default_theme.fonts, default_theme.folder), "regular")
    chain = FontChain(default_theme.fonts.fallback, default_theme.folder)
    runs = font_runs(main, chain, f"Ask: {CHINESE} Thanks.")
    assert "".join(piece for piece, _names in runs) == f"Ask: {CHINESE} Thanks."
    assert [names is None for _piece, names in runs] == [True, False, True]
    assert runs[1][0].strip() == CHINESE


def test_bold_text_in_a_fallback_font_is_set_in_its_bold_even_inside_a_step_title(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"] += [
        {"paragraph": f"Plain {RARE_CYRILLIC} and **bold {RARE_CYRILLIC}**."},
        {"steps": [{"title": f"Step {RARE_CYRILLIC}", "text": "Then rest."}]},
    ]
    (pdf,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        fonts = [
            char["fontname"]
            for page in document.pages
            for char in page.chars
            if char["text"] in RARE_CYRILLIC
        ]
    family = _squeezed(_fallback_family(default_theme, RARE_CYRILLIC[0]))
    assert len(fonts) == 3 * len(RARE_CYRILLIC) and all(family in _squeezed(font) for font in fonts)
    assert sum("bold" in font.lower() for font in fonts) == 2 * len(RARE_CYRILLIC)  # the bold, the step's
