"""Decks in more scripts than the template's font draws: runs in the fallback typeface, in
the slot Office reads it from, and text measured with the fallback fonts' own metrics."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from builder.model import Span
from builder.render.deck import write as deck
from builder.render.deck.measure import TextMeasure
from builder.theme.chain import FontChain
from builder.theme.fonts import find_fonts
from builder.theme.ttf import read_metrics

from .helpers import material_from
from .scripts_source import CHINESE, RARE_CYRILLIC, VIETNAMESE, scripts_source

SLOTS = ("latin", "ea", "cs")


@pytest.fixture(scope="module")
def scripts_deck(tmp_path_factory, default_theme):
    """The scripts source's deck, reopened, and its material."""
    material = material_from(tmp_path_factory.mktemp("scripts"), scripts_source())
    (pptx,) = deck.render(material, default_theme).files.values()
    return Presentation(io.BytesIO(pptx)), material


def _runs(presentation):
    for slide in presentation.slides:
        for run in slide.shapes.element.iter(qn("a:r")):
            yield run.find(qn("a:rPr")), run.findtext(qn("a:t"))


def _typefaces(properties) -> dict[str, str]:
    return {
        slot: found.get("typeface")
        for slot in SLOTS
        if (found := properties.find(qn(f"a:{slot}"))) is not None
    }


def _fallback_for(theme, char: str):
    chain = FontChain(theme.fonts.fallback, theme.folder)
    return theme.fonts.fallback[next(i for i, draws in enumerate(chain.covers()) if draws(char))]


def test_chinese_runs_name_the_fallback_typeface_as_east_asian_in_the_material_language(
    scripts_deck, default_theme
):
    presentation, material = scripts_deck
    expected = _fallback_for(default_theme, CHINESE[0]).deck_typeface
    chinese = [(p, t) for p, t in _runs(presentation) if t and CHINESE[:4] in t]
    assert chinese
    for properties, text in chinese:
        assert _typefaces(properties) == {"ea": expected}, text
        assert properties.get("lang") == material.meta.language


def test_a_rare_cyrillic_letter_is_in_the_latin_slot_of_its_fallback_typeface(scripts_deck, default_theme):
    presentation, _material = scripts_deck
    expected = _fallback_for(default_theme, RARE_CYRILLIC[0]).deck_typeface
    found = [p for p, t in _runs(presentation) if t and RARE_CYRILLIC[0] in t]
    assert found and all(_typefaces(p) == {"latin": expected} for p in found)


def test_text_the_templates_font_draws_names_no_typeface(scripts_deck):
    presentation, _material = scripts_deck
    found = [p for p, t in _runs(presentation) if t == VIETNAMESE]
    assert found and all(_typefaces(p) == {} for p in found)


@pytest.fixture(scope="module")
def measure(default_theme) -> TextMeasure:
    files = find_fonts(default_theme.fonts, default_theme.folder)
    return TextMeasure(files, FontChain(default_theme.fonts.fallback, default_theme.folder))


def test_chinese_is_measured_with_the_fallback_fonts_widths_not_the_familys(measure, default_theme):
    chain = measure.chain
    index = next(i for i, draws in enumerate(chain.covers()) if draws(CHINESE[0]))
    fallback = read_metrics(chain.files(index).path("regular"))
    assert measure.width(CHINESE, 20) == pytest.approx(fallback.width(CHINESE, 20))
    assert measure.width(CHINESE, 20) != pytest.approx(measure.metrics().width(CHINESE, 20))
    mixed = f"Ask: {CHINESE}"
    assert measure.width(mixed, 20) == pytest.approx(
        measure.metrics().width("Ask: ", 20) + fallback.width(CHINESE, 20)
    )


def test_chinese_without_spaces_wraps_between_characters_within_the_width(measure):
    lines = measure.wrap((Span(CHINESE * 3),), 24, 300)
    assert len(lines) > 1
    assert "".join(lines) == CHINESE * 3
    assert all(measure.width(line, 24) <= 300 for line in lines)
    assert all(line[0] not in "，。" for line in lines)


def test_a_line_holding_fallback_text_is_as_tall_as_the_tallest_font_in_it(measure):
    chain = measure.chain
    latin = (Span("Plain words"),)
    assert measure.line_factor_for(latin) == measure.line_factor
    tallest = max(measure.line_factor, *(chain.metrics(i).line_factor for i in range(len(chain.fonts))))
    mixed = (Span("Plain words"), Span(CHINESE), Span(RARE_CYRILLIC))
    assert measure.line_factor_for(mixed) == pytest.approx(
        max(
            measure.line_factor,
            *(measure.metrics_of(i).line_factor for _p, i in measure.runs(CHINESE + RARE_CYRILLIC)),
        )
    )
    assert measure.line_factor <= measure.line_factor_for(mixed) <= tallest
