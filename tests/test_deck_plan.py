"""plan_deck: which slides a material becomes, measured and split, without writing files."""

from __future__ import annotations

import pytest

from builder.errors import SourceError
from builder.render.deck.plan import Frame, plan_deck
from builder.theme.types import SLIDE_KINDS

from .helpers import FixedWidthMeasure, material_from, minimal_source

BODY = Frame(870, 390)
FRAMES = {kind: {"title": Frame(870, 75), "body": BODY} for kind in SLIDE_KINDS}
FRAMES["key_figure"] = {"title": Frame(870, 75), "figure": Frame(420, 390), "body": Frame(420, 390)}
FRAMES["comparison"] = {
    "title": Frame(870, 75),
    "left_heading": Frame(420, 50),
    "left": Frame(420, 310),
    "right_heading": Frame(420, 50),
    "right": Frame(420, 310),
}
FRAMES["image"] = {"title": Frame(430, 45), "picture": Frame(430, 320), "caption": Frame(430, 60)}


def plan(material, theme):
    return plan_deck(material, theme, FRAMES, FixedWidthMeasure())


def test_the_talk_opens_with_title_and_agenda_and_closes_with_references_and_contact(
    sample_material, default_theme
):
    slides = plan(sample_material, default_theme)
    assert [s.kind for s in slides[:2]] == ["title", "agenda"]
    assert [s.kind for s in slides[-2:]] == ["references", "closing"]
    assert slides[0].title == sample_material.meta.title.plain


def _agenda_topics(material) -> list[str]:
    return [
        *(s.title.plain for s in material.sections_before_conditions),
        *(c.name.plain for c in material.conditions),
        *(s.title.plain for s in material.sections_after_conditions),
    ]


def test_a_long_agenda_takes_two_columns_at_the_body_size_where_the_theme_binds_a_right_one(
    sample_material, default_theme
):
    frames = {**FRAMES, "agenda": {"title": Frame(870, 75), "body": Frame(420, 390), "right": Frame(420, 390)}}
    agenda = plan_deck(sample_material, default_theme, frames, FixedWidthMeasure())[1]
    left, right = agenda.body, agenda.box("right")
    assert [line.plain for line in left + right] == _agenda_topics(sample_material), "down one, then the other"
    assert len(left) - len(right) in (0, 1)
    assert {line.size for line in left + right} == {default_theme.deck.body_size}


def test_without_a_right_column_the_agenda_stays_in_one_and_shrinks_to_fit(sample_material, default_theme):
    agenda = plan(sample_material, default_theme)[1]
    assert [line.plain for line in agenda.body] == _agenda_topics(sample_material)
    assert not agenda.box("right")
    assert {line.size for line in agenda.body} != {default_theme.deck.body_size}, "ten topics in one column"


def test_every_condition_has_a_section_slide_with_its_main_message(sample_material, default_theme):
    slides = plan(sample_material, default_theme)
    section_slides = [s for s in slides if s.kind == "section"]
    assert [s.title for s in section_slides] == [c.name.plain for c in sample_material.conditions]
    for slide, condition in zip(section_slides, sample_material.conditions):
        assert slide.body[0].plain == condition.main_message.plain


def test_titles_are_unique_and_never_empty(sample_material, default_theme):
    titles = [s.title for s in plan(sample_material, default_theme)]
    assert all(t.strip() for t in titles)
    assert len(titles) == len(set(titles))


def test_every_slide_has_speaker_notes(sample_material, default_theme):
    assert all(s.notes.strip() for s in plan(sample_material, default_theme))


def test_the_bundled_deck_uses_at_least_eight_slide_kinds(sample_material, default_theme):
    assert len({s.kind for s in plan(sample_material, default_theme)}) >= 8


def test_points_show_the_short_form_and_put_the_full_form_in_the_notes(tmp_path, default_theme):
    slides = plan(material_from(tmp_path, minimal_source()), default_theme)
    intro = next(s for s in slides if s.title == "Introduction")
    assert "Short form" in [line.plain for line in intro.body]
    assert "The long handout form of the point." in intro.notes
    assert intro.notes.startswith("Say hello.")


def test_deck_only_text_is_on_the_slide_and_brochure_only_text_only_in_the_notes(tmp_path, default_theme):
    slides = plan(material_from(tmp_path, minimal_source()), default_theme)
    intro = next(s for s in slides if s.title == "Introduction")
    shown = [line.plain for line in intro.body]
    assert "Only on slides." in shown
    assert "Only in the brochure." not in shown
    assert "Only in the brochure." in intro.notes


def test_cited_blocks_carry_their_reference_number(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"][0]["cite"] = "ref"
    slides = plan(material_from(tmp_path, source), default_theme)
    intro = next(s for s in slides if s.title == "Introduction")
    assert intro.body[0].plain == "Short form [1]"


def test_text_that_does_not_fit_continues_on_numbered_slides_with_unique_titles(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"] = [
        {"bullets": [f"Bullet number {n} with a few more words" for n in range(30)]}
    ]
    slides = plan(material_from(tmp_path, source), default_theme)
    parts = [s for s in slides if s.title.startswith("Introduction")]
    assert len(parts) >= 2
    assert parts[0].title == f"Introduction (1 of {len(parts)})"
    assert parts[-1].title == f"Introduction ({len(parts)} of {len(parts)})"
    shown = [line.plain for part in parts for line in part.body]
    assert shown == [f"Bullet number {n} with a few more words" for n in range(30)]
    assert all(part.notes for part in parts)


def test_text_shrinks_towards_the_minimum_size_before_it_is_split(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"] = [{"bullets": [f"Item {n}" for n in range(9)]}]
    slides = plan(material_from(tmp_path, source), default_theme)
    intro = next(s for s in slides if s.title.startswith("Introduction"))
    assert intro.title == "Introduction"
    sizes = {line.size for line in intro.body}
    assert len(sizes) == 1
    assert default_theme.deck.min_body_size <= sizes.pop() < default_theme.deck.body_size


def test_no_line_is_planned_below_the_minimum_body_size(sample_material, default_theme):
    for slide in plan(sample_material, default_theme):
        for line in slide.body + tuple(line for _role, lines in slide.boxes for line in lines):
            assert line.size >= default_theme.deck.min_body_size, (slide.title, line.plain)
        for step in slide.steps:
            assert step.size >= default_theme.deck.min_body_size, (slide.title, step.plain)


def test_a_single_line_too_long_for_any_slide_is_an_error_at_its_line(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"] = [{"paragraph": "word " * 900}]
    with pytest.raises(SourceError) as caught:
        plan(material_from(tmp_path, source), default_theme)
    problem = caught.value.problems[0]
    assert problem.loc.path.endswith("tiny.yaml") and problem.loc.line > 0
    assert "too long for one slide" in problem.message


def test_two_sections_with_the_same_title_are_reported(tmp_path, default_theme):
    source = minimal_source()
    source["sections"].append({"id": "again", "title": "Introduction", "blocks": [{"paragraph": "More."}]})
    with pytest.raises(SourceError, match="slide title 'Introduction' is already used"):
        plan(material_from(tmp_path, source), default_theme)


def test_key_figures_get_the_two_column_kind_with_the_number_in_the_figure_slot(
    sample_material, default_theme
):
    slides = plan(sample_material, default_theme)
    figure_slide = next(s for s in slides if s.kind == "key_figure")
    assert figure_slide.box("figure")[0].style == "figure"
    assert figure_slide.box("figure")[0].plain == "More than 1 in 5"
    assert figure_slide.body, "the section's other points share the slide"


def test_steps_become_numbered_shapes_with_the_sections_text_below(sample_material, default_theme):
    steps_slide = next(s for s in plan(sample_material, default_theme) if s.kind == "steps")
    assert [step.number for step in steps_slide.steps] == [1, 2, 3]
    assert ["".join(span.text for span in step.title) for step in steps_slide.steps] == [
        "Collect",
        "Prepare",
        "Inject",
    ]
    assert len({step.size for step in steps_slide.steps}) == 1
    assert steps_slide.body, "the section's points stay on the slide, under the diagram"


def test_questions_become_a_checklist_slide(sample_material, default_theme):
    questions = [s for s in plan(sample_material, default_theme) if s.kind == "questions"]
    checks = [line for slide in questions for line in slide.body if line.style == "check"]
    assert len(checks) == 11


def test_in_a_translation_slide_lines_point_into_the_translation_file(default_theme):
    from builder.source.materials import read_all

    from .conftest import SAMPLE

    _english, spanish = read_all([SAMPLE, SAMPLE.with_name(f"{SAMPLE.stem}.es.yaml")])
    elsewhere = [
        (slide.kind, line.style, line.loc)
        for slide in plan(spanish, default_theme)
        for line in slide.body + tuple(line for _role, box in slide.boxes for line in box)
        if line.loc.line and not line.loc.path.endswith(".es.yaml")
    ]
    # Only the citations stay English: the references and the "adapted from" line.
    assert {(kind, style) for kind, style, _loc in elsewhere} <= {
        ("references", "plain"),
        ("questions", "caption"),
    }


def test_a_labelled_links_address_is_on_the_references_slide_in_full(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"].append(
        {"paragraph": "See [the FDA page](https://www.fda.gov/consumers)."}
    )
    slides = plan(material_from(tmp_path, source), default_theme)
    (references,) = [s for s in slides if s.kind == "references"]
    assert references.body[-1].plain == "the FDA page: https://www.fda.gov/consumers"
    assert references.body[0].plain.startswith("[1] A study.")


def test_the_glossary_slide_lists_every_term_the_deck_is_meant_to_have(sample_material, default_theme):
    glossary = [s for s in plan(sample_material, default_theme) if s.kind == "glossary"]
    shown = [line.spans[0].text for slide in glossary for line in slide.body]
    assert shown == [entry.term.plain for entry in sample_material.glossary], "deck-only terms too"
