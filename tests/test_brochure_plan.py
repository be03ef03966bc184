"""plan_brochure: which content goes on which panel, without writing a PDF."""

from __future__ import annotations

from builder.renderers.brochure_plan import brochure_texts, plan_brochure

from .helpers import material_from, minimal_source


def test_the_outside_sheet_reads_flap_back_cover_and_the_inside_flows(sample_material, default_theme):
    plan = plan_brochure(sample_material, sample_material.conditions[0], default_theme)
    outside, inside = plan.sheets
    assert [p.name for p in outside.panels] == ["flap", "back", "cover"]
    assert not outside.flows and inside.flows
    assert outside.panels[0].width_in < outside.panels[2].width_in, "the fold-in flap is narrower"


def test_the_cover_holds_title_condition_and_main_message(sample_material, default_theme):
    condition = sample_material.conditions[1]
    plan = plan_brochure(sample_material, condition, default_theme)
    cover = next(p for p in plan.sheets[0].panels if p.name == "cover")
    words = [item.plain for item in cover.items]
    assert sample_material.meta.title.plain in words
    assert condition.name.plain in words
    assert condition.main_message.plain in words


def test_questions_and_contact_are_on_the_back_and_key_facts_on_the_flap(sample_material, default_theme):
    plan = plan_brochure(sample_material, sample_material.conditions[0], default_theme)
    flap, back, _cover = plan.sheets[0].panels
    assert sum(item.kind == "check" for item in back.items) == 8
    assert any(item.kind == "contact_line" for item in back.items)
    assert any(item.kind == "figure" for item in flap.items)
    assert any(item.kind == "status" for item in flap.items)


def test_only_this_conditions_sections_are_in_its_brochure(sample_material, default_theme):
    first, second = sample_material.conditions[:2]
    plan = plan_brochure(sample_material, first, default_theme)
    headings = [item.plain for item in plan.sheets[1].flow if item.kind == "heading"]
    assert first.sections[0].title.plain in headings
    assert second.sections[0].title.plain not in headings


def test_the_inside_follows_the_source_order_with_the_condition_where_it_is_inserted(sample_material, default_theme):
    condition = sample_material.conditions[0]
    plan = plan_brochure(sample_material, condition, default_theme)
    headings = [item.plain for item in plan.sheets[1].flow if item.kind == "heading"]
    expected = [s.title.plain for s in sample_material.sections_before_conditions]
    expected += [s.title.plain for s in condition.sections]
    assert headings[: len(expected)] == expected


def test_deck_only_blocks_stay_out_and_brochure_only_blocks_go_in(tmp_path, default_theme):
    material = material_from(tmp_path, minimal_source())
    plan = plan_brochure(material, material.conditions[0], default_theme)
    words = [item.plain for item in plan.items()]
    assert "Only in the brochure." in words
    assert "Only on slides." not in words
    assert "The long handout form of the point." in words
    assert "Short form" not in words


def test_every_brochure_text_is_planned_exactly_once_on_some_panel(sample_material, default_theme):
    for condition in sample_material.conditions:
        plan = plan_brochure(sample_material, condition, default_theme)
        planned = " ".join(item.plain for item in plan.items())
        for text, loc in brochure_texts(sample_material, condition):
            assert text in planned, f"{loc}: {text}"


def test_brochure_texts_leave_out_what_is_meant_only_for_the_deck(tmp_path):
    material = material_from(tmp_path, minimal_source())
    texts = [text for text, _loc in brochure_texts(material, material.conditions[0])]
    assert "Only on slides." not in texts
    assert "Only in the brochure." in texts
