"""plan_brochure: which content goes on which panel, without writing a PDF."""

from __future__ import annotations

from builder.render.brochure.plan import brochure_texts, plan_brochure

from .helpers import material_from, minimal_source


def test_the_outside_sheet_reads_flap_back_cover_and_the_inside_flows(sample_material, default_theme):
    plan = plan_brochure(sample_material, sample_material.conditions[0], default_theme)
    outside, inside = plan.sheets
    assert [p.name for p in outside.panels] == ["flap", "back", "cover"]
    assert not outside.flows and inside.flows
    assert outside.panels[0].box[2] < outside.panels[2].box[2], "the fold-in flap is narrower"
    assert [p.box[0] for p in outside.panels] == sorted(p.box[0] for p in outside.panels), "left to right"


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
    assert sum(item.kind == "check" for item in back.items) == 11
    assert any(item.kind == "contact_line" for item in back.items)
    assert any(item.kind == "figure" for item in flap.items)
    assert any(item.kind == "status" for item in flap.items)


def test_only_this_conditions_sections_are_in_its_brochure(sample_material, default_theme):
    first, second = sample_material.conditions[:2]
    plan = plan_brochure(sample_material, first, default_theme)
    headings = [item.plain for item in plan.flow if item.kind == "heading"]
    assert first.sections[0].title.plain in headings
    assert second.sections[0].title.plain not in headings


def test_the_inside_follows_the_source_order_with_the_condition_where_it_is_inserted(
    sample_material, default_theme
):
    condition = sample_material.conditions[0]
    plan = plan_brochure(sample_material, condition, default_theme)
    headings = [item.plain for item in plan.flow if item.kind == "heading"]
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


def test_every_panel_of_every_layout_and_paper_lies_on_its_page(sample_material, default_theme):
    for layout in default_theme.brochure_layouts:
        for paper in layout.papers:
            plan = plan_brochure(
                sample_material, sample_material.conditions[0], default_theme, layout.name, paper.paper
            )
            for sheet in plan.sheets:
                for panel in sheet.panels:
                    left, top, width, height = panel.box
                    assert left >= 0 and top >= 0
                    assert left + width <= plan.page[0] + 1e-6 and top + height <= plan.page[1] + 1e-6


def test_the_a4_tri_fold_uses_100_100_97_mm_panels_outside(sample_material, default_theme):
    plan = plan_brochure(sample_material, sample_material.conditions[0], default_theme, "trifold", "a4")
    widths_mm = [round(p.box[2] * 25.4) for p in plan.sheets[0].panels]
    assert widths_mm == [97, 100, 100]
    assert [round(x * 25.4) for x in plan.page] == [297, 210]


def test_the_fact_sheet_is_two_portrait_pages_with_a_masthead(sample_material, default_theme):
    plan = plan_brochure(sample_material, sample_material.conditions[0], default_theme, "factsheet", "letter")
    assert plan.page == (8.5, 11.0) and len(plan.sheets) == 2
    masthead = plan.sheets[0].panels[0]
    assert masthead.fill == "primary" and any(i.kind == "cover_title" for i in masthead.items)
    assert any(item.kind == "check" for item in plan.flow), "the checklist flows on the fact sheet"


def test_paper_follows_the_request_then_the_clinic_then_the_language(tmp_path):
    from builder.render.brochure.plan import paper_for

    source = minimal_source()
    assert paper_for(material_from(tmp_path, source)) == "letter"  # en-US
    source["material"]["language"] = "es-ES"
    assert paper_for(material_from(tmp_path, source)) == "a4"
    source["variables"]["clinic"]["paper"] = "letter"
    assert paper_for(material_from(tmp_path, source)) == "letter"
    assert paper_for(material_from(tmp_path, source), "a4") == "a4"


def test_file_names_say_condition_layout_paper_and_profile(sample_material, default_theme):
    condition = sample_material.conditions[0]
    names = {
        plan_brochure(sample_material, condition, default_theme, layout, paper, press, large).file_name
        for layout in ("trifold", "factsheet")
        for paper in ("letter", "a4")
        for press in (False, True)
        for large in (False, True)
    }
    assert len(names) == 16
    assert "msc-chronic-pain-osteoarthritis-factsheet-a4-large-print-press.pdf" in names


def test_in_a_translation_every_translated_item_points_into_the_translation_file(default_theme):
    from builder.source.materials import read_all

    from .conftest import SAMPLE

    translation = SAMPLE.with_name(f"{SAMPLE.stem}.es.yaml")
    _english, spanish = read_all([SAMPLE, translation])
    untranslated = {"reference", "source", "colophon"}  # citations and the version line
    for condition in spanish.conditions:
        plan = plan_brochure(spanish, condition, default_theme)
        for item in plan.items():
            if item.kind in untranslated or (item.kind == "subheading" and item.plain == "Referencias"):
                continue
            assert item.loc.path.endswith(".es.yaml") and item.loc.line > 0, (item.kind, item.plain, item.loc)


def with_picture(tmp_path, **picture):
    from .helpers import png_bytes

    (tmp_path / "knee.png").write_bytes(png_bytes(300, 200))
    source = minimal_source()
    source["conditions"][0]["sections"][0]["blocks"].append(
        {"image": {"path": "knee.png", "alt": "A knee", "caption": "The knee", **picture}}
    )
    return material_from(tmp_path, source)


def panel_of(plan, kind: str) -> str:
    (name,) = {p.name for s in plan.sheets for p in s.panels for item in p.items if item.kind == kind}
    return name


def test_a_cover_picture_is_on_the_tri_fold_cover_and_in_its_section_on_a_fact_sheet(tmp_path, default_theme):
    material = with_picture(tmp_path, placement="cover", size="half")
    plan = plan_brochure(material, material.conditions[0], default_theme, "trifold")
    assert panel_of(plan, "cover_image") == "cover"
    (item,) = [i for i in plan.items() if i.kind == "cover_image"]
    assert item.scale == 0.5 and item.plain == "The knee"
    assert not any(i.kind == "image" for i in plan.flow), "not also in the flow"
    # The fact sheet's masthead has no cover_picture slot: the picture stays where the source has it.
    plan = plan_brochure(material, material.conditions[0], default_theme, "factsheet")
    assert not any(i.kind == "cover_image" for i in plan.items())
    kinds = [i.kind for i in plan.flow]
    (image,) = [i for i in plan.flow if i.kind == "image"]
    assert image.plain == "The knee" and kinds.index("image") > kinds.index("heading")


def test_a_summary_section_is_one_box_at_the_front_of_the_flow(tmp_path, default_theme):
    source = minimal_source()
    source["conditions"][0]["sections"][0]["summary"] = True
    material = material_from(tmp_path, source)
    for layout in ("trifold", "factsheet"):
        plan = plan_brochure(material, material.conditions[0], default_theme, layout)
        boxed = [i for i in plan.flow if i.boxed]
        assert boxed and boxed[0].kind == "heading" and plan.flow[: len(boxed)] == tuple(boxed)
        assert plan.flow[0].plain == material.conditions[0].sections[0].title.plain


def test_a_picture_may_be_placed_on_a_named_fixed_panel(tmp_path, default_theme):
    material = with_picture(tmp_path, placement="flap")
    plan = plan_brochure(material, material.conditions[0], default_theme, "trifold")
    assert panel_of(plan, "image") == "flap"


def test_a_placement_the_layout_lacks_or_that_flows_is_an_error_at_the_picture(tmp_path, default_theme):
    from builder.render import RenderOptions
    from builder.render.brochure.plan import prepare

    material = with_picture(tmp_path, placement="flap")
    (planned,) = prepare(material, default_theme, options=RenderOptions(brochure="factsheet"))
    (problem,) = planned.problems
    assert "placement 'flap' is neither a content slot nor a panel of the factsheet" in problem.message
    assert "panels: masthead, masthead-link, front-left" in problem.message and problem.loc.line > 0
    material = with_picture(tmp_path, placement="inside-left")
    (planned,) = prepare(material, default_theme)
    assert "takes the flowing text" in planned.problems[0].message


def test_an_unknown_picture_size_is_an_error_with_a_suggestion(tmp_path):
    import pytest

    from builder.errors import SourceError

    with pytest.raises(SourceError) as caught:
        with_picture(tmp_path, size="hlf")
    assert caught.value.problems[0].message == "size must be full or half, not 'hlf' (did you mean 'half'?)"


def test_a_labelled_links_address_is_listed_in_full_with_the_references_once(tmp_path, default_theme):
    source = minimal_source()
    guide = "https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/important-patient-and-consumer-information"
    source["sections"][0]["blocks"] += [
        {"paragraph": f"Read the [FDA guidance]({guide}) first."},
        {"bullets": [f"Or ask for [the FDA page]({guide}).", "Or see https://example.org/bare-address"]},
        {"paragraph": "The study [is here](https://example.org/a)."},  # already a reference's address
    ]
    material = material_from(tmp_path, source)
    plan = plan_brochure(material, material.conditions[0], default_theme)
    links = [item for item in plan.items() if item.kind == "link"]
    assert [item.plain for item in links] == [f"FDA guidance: {guide}"]
    assert links[0].loc.line > 0 and links[0].spans[-1].href == guide
    flap = next(p for p in plan.sheets[0].panels if p.name == "flap")
    kinds = [item.kind for item in flap.items]
    assert kinds.index("link") > kinds.index("reference"), "after the references, on their panel"


def test_a_picture_without_a_caption_shows_its_title_and_never_its_alt_text(tmp_path, default_theme):
    from .helpers import png_bytes

    (tmp_path / "knee.png").write_bytes(png_bytes(300, 200))
    source = minimal_source()
    source["conditions"][0]["sections"][0]["blocks"].append(
        {"image": {"path": "knee.png", "alt": "A knee, drawn from the side", "title": "Inside the knee"}}
    )
    material = material_from(tmp_path, source)
    plan = plan_brochure(material, material.conditions[0], default_theme)
    (item,) = [i for i in plan.items() if i.kind == "image"]
    assert item.plain == "Inside the knee"
    assert all("drawn from the side" not in i.plain for i in plan.items())
