"""Reading a theme's brochure.yaml into brochure layouts, and reporting each mistake at its file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.errors import Problem
from builder.theme.brochure_layouts import CONTENT_SLOTS, FILLS
from builder.theme.reader import load_theme

from .conftest import DEFAULT_THEME
from .theme_edits import (
    at,
    copy_theme,
    drop,
    edit,
    key_at,
    only_problem,
    position,
    problems_of,
    rewrite,
)

NAME = "brochure.yaml"


def default_layouts() -> dict:
    return yaml.safe_load((DEFAULT_THEME / NAME).read_text(encoding="utf-8"))


def one_page_layout() -> dict:
    """A small valid layout: one page, a top panel with every fixed slot, a flowing body."""
    return {
        "flow": ["sections"],
        "sheets": [
            {
                "name": "page",
                "panels": [
                    {"name": "top", "content": [slot for slot in CONTENT_SLOTS if slot != "sections"]},
                    {"name": "body", "flow": True},
                ],
            }
        ],
        "paper": {
            "letter": {
                "page": [8.5, 11],
                "margin": 0.5,
                "boxes": {"top": [0, 0, 8.5, 4], "body": [0, 4, 8.5, 7]},
            }
        },
    }


def add_layout(folder: Path, name: str, layout: dict) -> str:
    return rewrite(folder, NAME, lambda data: data["layouts"].__setitem__(name, layout))


def located(folder: Path, text: str, needle: str, message: str, after: str = "") -> Problem:
    return Problem(at(folder, NAME, position(text, needle, after=after)), message)


# -- what loads -----------------------------------------------------------------------------------


def test_the_untouched_default_brochure_layouts_load_as_written(tmp_path):
    written = default_layouts()
    theme = load_theme(copy_theme(tmp_path))
    assert theme.brochure_default == written["default"]
    assert [layout.name for layout in theme.brochure_layouts] == list(written["layouts"])
    for layout in theme.brochure_layouts:
        source = written["layouts"][layout.name]
        assert layout.flow == tuple(source["flow"])
        assert layout.grow == source.get("grow", 0)
        assert [sheet.name for sheet in layout.sheets] == [sheet["name"] for sheet in source["sheets"]]
        assert [paper.paper for paper in layout.papers] == list(source["paper"])
        for paper in layout.papers:
            geometry = source["paper"][paper.paper]
            assert paper.page == tuple(geometry["page"])
            assert paper.margin == geometry["margin"]
            assert dict(paper.boxes) == {panel: tuple(box) for panel, box in geometry["boxes"].items()}


def test_an_added_layout_that_places_every_slot_once_loads(tmp_path):
    folder = copy_theme(tmp_path)
    add_layout(folder, "one-page", one_page_layout())
    layout = load_theme(folder).brochure_layout("one-page")
    assert [panel.name for panel in layout.sheets[0].panels] == ["top", "body"]
    assert layout.sheets[0].panels[1].flows


def test_the_ends_of_the_grow_and_margin_ranges_are_accepted(tmp_path):
    folder = copy_theme(tmp_path)
    edit(folder, NAME, "grow: 2", "grow: 20")
    edit(folder, NAME, "page: [11, 8.5]\n        margin: 0.25", "page: [11, 8.5]\n        margin: 0.125")
    edit(folder, NAME, "page: [8.5, 11]\n        margin: 0.3", "page: [8.5, 11]\n        margin: 1")
    theme = load_theme(folder)
    assert theme.brochure_layout("factsheet").grow == 20
    assert theme.brochure_layout("trifold").paper("letter").margin == 0.125
    assert theme.brochure_layout("factsheet").paper("letter").margin == 1


# -- the file and its top level -------------------------------------------------------------------


def test_a_brochure_yaml_that_is_a_list_is_reported_at_its_start(tmp_path):
    folder = copy_theme(tmp_path)
    (folder / NAME).write_text("- trifold\n- factsheet\n", encoding="utf-8")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, (1, 1))
    assert problem.message == "brochure layouts must be a mapping of keys, not a list"


def test_a_layout_name_written_twice_is_a_duplicate_key_error_naming_the_first_line(tmp_path):
    folder = copy_theme(tmp_path)
    path = folder / NAME
    text = path.read_text(encoding="utf-8") + "  trifold: {}\n"
    path.write_text(text, encoding="utf-8")
    first = key_at(text, "trifold", after="layouts:")
    second = key_at(text, "trifold", after="  factsheet:")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, second)
    assert problem.message == f"duplicate key 'trifold' (first at line {first[0]})"


def test_an_unknown_default_layout_is_an_error_with_a_did_you_mean(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, "default: trifold", "default: trifld")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, key_at(text, "default"))
    assert problem.message == "default layout 'trifld' is not defined (did you mean 'trifold'?)"


# -- unknown and missing keys ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, key, what, suggestion",
    [
        pytest.param(
            "default: trifold\n",
            "default: trifold\ndefualt: trifold\n",
            "defualt",
            "brochure layouts",
            "default",
            id="top-level",
        ),
        pytest.param(
            "    grow: 2\n", "    grow: 2\n    grwo: 2\n", "grwo", "layout factsheet", "grow", id="layout"
        ),
        pytest.param(
            "      - name: outside\n",
            "      - name: outside\n        panles: []\n",
            "panles",
            "a sheet",
            "panels",
            id="sheet",
        ),
        pytest.param(
            "{name: flap, content:", "{name: flap, fil: tint, content:", "fil", "a panel", "fill", id="panel"
        ),
        pytest.param(
            "page: [11, 8.5]\n",
            "page: [11, 8.5]\n        margins: 0.25\n",
            "margins",
            "paper letter",
            "margin",
            id="paper",
        ),
    ],
)
def test_an_unknown_key_in_brochure_yaml_is_an_error_with_a_did_you_mean(
    tmp_path, old, new, key, what, suggestion
):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, old, new)
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, f"{key}:"))
    assert problem.message == f"unknown key '{key}' in {what} (did you mean '{suggestion}'?)"


@pytest.mark.parametrize(
    "old, new, needle, message",
    [
        pytest.param(
            "      letter:\n        page: [11, 8.5]",
            "      leter:\n        page: [11, 8.5]",
            "leter:",
            "unknown paper 'leter' (did you mean 'letter'?)",
            id="paper",
        ),
        pytest.param(
            "[questions, call_to_action, colophon]",
            "[questions, call_to_action, colophon, glosary]",
            "glosary",
            "unknown content slot 'glosary' (did you mean 'glossary'?)",
            id="content-slot",
        ),
    ],
)
def test_an_unknown_paper_or_content_slot_is_an_error_with_a_did_you_mean(
    tmp_path, old, new, needle, message
):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, old, new)
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, needle))
    assert problem.message == message


def test_a_box_for_an_unknown_panel_is_an_error_and_the_panel_it_meant_has_no_box(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, "          flap: [0, 0, 3.625, 8.5]", "          flapp: [0, 0, 3.625, 8.5]")
    boxes = at(folder, NAME, key_at(text, "flapp"))  # also the first key of the boxes mapping
    assert set(problems_of(folder)) == {
        Problem(boxes, "no panel named 'flapp' (did you mean 'flap'?)"),
        Problem(boxes, "paper letter gives no box for panel 'flap'"),
    }


def test_a_panel_without_a_box_is_an_error_where_the_boxes_start(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, "          back: [3.625, 0, 3.6875, 8.5]\n", "")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, key_at(text, "flap", after="page: [11, 8.5]"))
    assert problem.message == "paper letter gives no box for panel 'back'"


@pytest.mark.parametrize(
    "keys, what",
    [
        pytest.param(("default",), "brochure layouts", id="default"),
        pytest.param(("layouts",), "brochure layouts", id="layouts"),
        pytest.param(("layouts", "factsheet", "paper"), "layout factsheet", id="paper"),
        pytest.param(("layouts", "trifold", "sheets", 0, "name"), "a sheet", id="sheet-name"),
        pytest.param(("layouts", "trifold", "paper", "letter", "margin"), "paper letter", id="margin"),
        pytest.param(("layouts", "trifold", "paper", "letter", "boxes"), "paper letter", id="boxes"),
    ],
)
def test_a_missing_required_key_is_reported_where_its_mapping_starts(tmp_path, keys, what):
    folder = copy_theme(tmp_path)
    text = drop(folder, NAME, *keys)
    data = yaml.safe_load(text)
    for key in keys[:-1]:
        data = data[key]
    first_key = next(iter(data))  # a mapping is located where its first key is written
    header = next((f"{key}:" for key in reversed(keys[:-1]) if isinstance(key, str)), "")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, key_at(text, first_key, after=header))
    assert problem.message == f"{what} is missing required key '{keys[-1]}'"


# -- values of the wrong type ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, needle, after, message",
    [
        pytest.param(
            "default: trifold",
            "default: [trifold]",
            "[trifold]",
            "",
            "default must be text, not a list",
            id="default",
        ),
        pytest.param(
            "      - name: back\n        panels:\n          - {name: back-left, flow: true}\n"
            "          - {name: back-right, flow: true}\n",
            "      - name: back\n        panels: two columns\n",
            "two columns",
            "- name: back\n",
            "panels must be a list, not text",
            id="panels",
        ),
        pytest.param(
            "- {name: flap, content: [key_facts, status, references]}",
            "- flap",
            "flap",
            "panels:\n",
            "a panel must be a mapping of keys, not text",
            id="panel",
        ),
        pytest.param(
            "flow: [key_points, sections, glossary]",
            "flow: sections",
            "sections",
            "flow: ",
            "content slots must be a list, not text",
            id="flow",
        ),
        pytest.param(
            "flow: [key_points, sections, glossary]",
            "flow: []",
            "[]",
            "flow: ",
            "content slots is an empty list",
            id="empty-flow",
        ),
        pytest.param(
            "[key_facts, status, references]",
            "[key_facts, {status: 1}, references]",
            "{status",
            "",
            "a content slot must be text, not a mapping",
            id="content-slot",
        ),
        pytest.param(
            "{name: inside-left, flow: true}",
            "{name: inside-left, flow: maybe}",
            "maybe",
            "",
            "flow must be true or false, not 'maybe'",
            id="flow-flag",
        ),
        pytest.param(
            "[cover, cover_picture, web_link, contact_strip], fill: primary}",
            "[cover, cover_picture, web_link, contact_strip], fill: [primary]}",
            "[primary]",
            "",
            "fill must be text, not a list",
            id="fill",
        ),
        pytest.param(
            "page: [11, 8.5]", "page: [11]", "[11]", "", "page must be 2 numbers in inches", id="page"
        ),
        pytest.param(
            "page: [11, 8.5]",
            "page: [11, wide]",
            "wide",
            "",
            "page must be a number, not 'wide'",
            id="page-measure",
        ),
        pytest.param(
            "page: [8.5, 11]\n        margin: 0.3",
            "page: [8.5, 11]\n        margin: wide",
            "wide",
            "",
            "margin must be a number, not 'wide'",
            id="margin",
        ),
        pytest.param(
            "flap: [0, 0, 3.625, 8.5]",
            "flap: [0, 0, 3.625]",
            "[0, 0, 3.625]",
            "",
            "box of flap must be 4 numbers in inches",
            id="box",
        ),
        pytest.param(
            "flap: [0, 0, 3.625, 8.5]",
            "flap: [0, 0, 3.625, tall]",
            "tall",
            "",
            "box of flap must be a number, not 'tall'",
            id="box-measure",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_reported_where_it_is_written(
    tmp_path, old, new, needle, after, message
):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, old, new)
    assert located(folder, text, needle, message, after=after) in problems_of(
        folder
    )  # with its knock-on effects


@pytest.mark.parametrize(
    "keys, value, needle, after, message",
    [
        pytest.param(
            ("layouts",),
            ["trifold"],
            "- trifold",
            "layouts:",
            "layouts must map layout names to layouts",
            id="layouts",
        ),
        pytest.param(
            ("layouts", "factsheet"),
            "two pages",
            "two pages",
            "",
            "layout factsheet must be a mapping of keys, not text",
            id="layout",
        ),
        pytest.param(
            ("layouts", "factsheet", "sheets"),
            "front and back",
            "front and back",
            "",
            "sheets must be a list, not text",
            id="sheets",
        ),
        pytest.param(
            ("layouts", "factsheet", "sheets"),
            [],
            "[]",
            "factsheet:",
            "sheets is an empty list",
            id="no-sheets",
        ),
        pytest.param(
            ("layouts", "trifold", "sheets", 0),
            "outside",
            "outside",
            "sheets:",
            "a sheet must be a mapping of keys, not text",
            id="sheet",
        ),
        pytest.param(
            ("layouts", "factsheet", "paper"),
            ["letter"],
            "- letter",
            "factsheet:",
            "paper must map paper sizes (letter, a4) to geometry",
            id="paper",
        ),
        pytest.param(
            ("layouts", "trifold", "paper", "a4"),
            "A4 sheet",
            "A4 sheet",
            "",
            "paper a4 must be a mapping of keys, not text",
            id="paper-size",
        ),
    ],
)
def test_a_part_of_the_wrong_type_is_reported_where_it_is_written(
    tmp_path, keys, value, needle, after, message
):
    def change(data):
        for key in keys[:-1]:
            data = data[key]
        data[keys[-1]] = value

    folder = copy_theme(tmp_path)
    text = rewrite(folder, NAME, change)
    assert located(folder, text, needle, message, after=after) in problems_of(
        folder
    )  # with its knock-on effects


# -- placing the content slots --------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, slot, count",
    [
        pytest.param(
            "flow: [key_points, sections, glossary]", "flow: [key_points, sections, glossary, status]", "status", 2, id="twice"
        ),
        pytest.param("[key_facts, status, references]", "[key_facts, status]", "references", 0, id="never"),
    ],
)
def test_a_content_slot_not_placed_exactly_once_is_an_error_at_its_layout(tmp_path, old, new, slot, count):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, old, new)
    first_key = next(iter(yaml.safe_load(text)["layouts"]["trifold"]))  # where the layout mapping starts
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, key_at(text, first_key, after="  trifold:"))
    assert (
        problem.message
        == f"layout trifold places content slot '{slot}' {count} times; it must appear exactly once"
    )


def test_the_web_link_may_be_left_out_or_placed_in_the_flow_but_only_once(tmp_path):
    folder = copy_theme(tmp_path)
    edit(folder, NAME, "[cover, cover_picture, web_link, contact_strip]", "[cover, cover_picture, contact_strip]")
    load_theme(folder)  # without it: no problem
    edit(folder, NAME, "flow: [key_points, sections, glossary]", "flow: [key_points, sections, web_link, glossary]")
    assert load_theme(folder).brochure_layout("trifold").flow == ("key_points", "sections", "web_link", "glossary")
    text = edit(folder, NAME, "[cover, cover_picture, contact_strip]", "[cover, cover_picture, web_link, contact_strip]")
    first_key = next(iter(yaml.safe_load(text)["layouts"]["trifold"]))
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, key_at(text, first_key, after="  trifold:"))
    assert problem.message == "layout trifold places slot 'web_link' 2 times; it may appear at most once"


def test_a_repeating_slot_may_not_be_part_of_the_flow(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, "flow: [key_points, sections, glossary]", "flow: [sections, glossary, contact_strip]")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, "contact_strip", after="flow: "))
    assert problem.message.startswith("unknown content slot 'contact_strip'")


def test_a_layout_with_a_flow_but_no_flowing_panel_is_an_error(tmp_path):
    folder = copy_theme(tmp_path)
    layout = one_page_layout()
    layout["sheets"][0]["panels"][1] = {"name": "body", "content": ["contact_strip"]}
    text = add_layout(folder, "one-page", layout)
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, key_at(text, next(iter(layout)), after="one-page:"))
    assert problem.message == "layout one-page has a flow but no panel with 'flow: true'"


def test_a_sheet_of_fixed_panels_after_a_flowing_sheet_is_an_error(tmp_path):
    folder = copy_theme(tmp_path)
    text = rewrite(folder, NAME, lambda data: data["layouts"]["trifold"]["sheets"].reverse())
    first_key = next(iter(yaml.safe_load(text)["layouts"]["trifold"]))
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, key_at(text, first_key, after="  trifold:"))
    assert problem.message == "layout trifold: a sheet without flowing panels comes after one with them"


@pytest.mark.parametrize(
    "panel",
    [
        "{name: inside-left}",
        "{name: inside-left, flow: false}",
        "{name: inside-left, flow: true, content: [contact_strip]}",
    ],
    ids=["neither", "flow-false-without-content", "both"],
)
def test_a_panel_needs_either_content_slots_or_flow_true(tmp_path, panel):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, "{name: inside-left, flow: true}", panel)
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, panel))
    assert problem.message == "a panel has either content slots or 'flow: true'"


def test_an_unknown_fill_is_an_error_at_its_value(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(
        folder,
        NAME,
        "[cover, cover_picture, web_link, contact_strip], fill: primary}",
        "[cover, cover_picture, web_link, contact_strip], fill: blue}",
    )
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, "blue"))
    assert problem.message == f"fill must be one of {', '.join(FILLS)}"


# -- grow, margins and boxes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, message",
    [
        pytest.param("-1", "grow must be a whole number from 0 to 20", id="negative"),
        pytest.param("21", "grow must be a whole number from 0 to 20", id="too-large"),
        pytest.param("lots", "grow must be a number, not 'lots'", id="not-a-number"),
    ],
)
def test_a_bad_grow_is_an_error_at_its_value(tmp_path, value, message):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, "grow: 2", f"grow: {value}")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, value, after="grow: "))
    assert problem.message == message


@pytest.mark.parametrize(
    "value, message",
    [
        pytest.param("nan", "grow must be a number, not 'nan'", id="not-a-number"),
        pytest.param("1e999", "grow must be a number, not '1e999'", id="infinite"),
        pytest.param("2.5", "grow must be a whole number from 0 to 20", id="a-fraction"),
    ],
)
def test_a_grow_that_is_not_a_whole_number_is_a_located_error(tmp_path, value, message):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, "grow: 2", f"grow: {value}")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, value, after="grow: "))
    assert problem.message == message


@pytest.mark.parametrize("value", ["0.1", "1.5"], ids=["too-small", "too-large"])
def test_a_margin_outside_the_safe_zone_is_an_error_at_its_value(tmp_path, value):
    folder = copy_theme(tmp_path)
    anchor = "page: [11, 8.5]\n        margin: "
    text = edit(folder, NAME, anchor + "0.25", anchor + value)
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, value, after=anchor))
    assert problem.message == "margin must be between 0.125 and 1 inch (the printer's safe zone)"


@pytest.mark.parametrize(
    "box",
    ["[-0.5, 0, 3.625, 8.5]", "[0, -0.5, 3.625, 8.5]", "[8, 0, 3.625, 8.5]", "[0, 0, 3.625, 9]"],
    ids=["left-of-the-page", "above-the-page", "past-the-right-edge", "past-the-bottom-edge"],
)
def test_a_panel_box_reaching_outside_its_page_is_an_error_at_the_box(tmp_path, box):
    width, height = default_layouts()["layouts"]["trifold"]["paper"]["letter"]["page"]
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, "flap: [0, 0, 3.625, 8.5]", f"flap: {box}")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, box))
    assert problem.message == f"panel flap reaches outside the {width:g} x {height:g} in page"


# -- many problems at once ------------------------------------------------------------------------


def test_several_problems_in_brochure_yaml_are_all_reported_at_once(tmp_path):
    folder = copy_theme(tmp_path)
    edit(
        folder,
        NAME,
        "[cover, cover_picture, web_link, contact_strip], fill: primary}",
        "[cover, cover_picture, web_link, contact_strip], fill: blue}",
    )
    edit(folder, NAME, "page: [11, 8.5]\n        margin: 0.25", "page: [11, 8.5]\n        margin: 1.5")
    text = edit(
        folder,
        NAME,
        "      a4:                        # 297 x 210",
        "      a5:                        # 297 x 210",
    )
    assert problems_of(folder) == [  # in file order
        located(folder, text, "blue", f"fill must be one of {', '.join(FILLS)}"),
        located(folder, text, "1.5", "margin must be between 0.125 and 1 inch (the printer's safe zone)"),
        located(folder, text, "a5:", "unknown paper 'a5'"),
    ]


# -- once bugs: each was a traceback, a wrong line or a value let through ---------------------


def test_boxes_that_are_not_a_mapping_are_an_error(tmp_path):
    folder = copy_theme(tmp_path)
    path = folder / NAME
    text = path.read_text(encoding="utf-8")
    start = text.index("        boxes:\n", text.index("      letter:"))
    end = text.index("      a4:")
    text = text[:start] + "        boxes: [flap, back, cover]\n" + text[end:]
    path.write_text(text, encoding="utf-8")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, "[flap, back, cover]"))


@pytest.mark.parametrize(
    "old, new, needle",
    [
        pytest.param("flap: [0, 0, 3.625, 8.5]", "flap: [nan, 0, 3.625, 8.5]", "[nan, 0", id="nan-in-a-box"),
        pytest.param(
            "flap: [0, 0, 3.625, 8.5]", "flap: [0, 0, -3.625, 8.5]", "[0, 0, -3.625", id="negative-width"
        ),
        pytest.param("page: [11, 8.5]", "page: [11, nan]", "[11, nan]", id="nan-page-height"),
    ],
)
def test_a_nonsensical_measure_is_an_error_on_its_line(tmp_path, old, new, needle):
    folder = copy_theme(tmp_path)
    text = edit(folder, NAME, old, new)
    problems = problems_of(folder)
    assert [p.loc.line for p in problems] == [position(text, needle)[0]]


def test_two_panels_with_the_same_name_are_an_error(tmp_path):
    folder = copy_theme(tmp_path)
    edit(folder, NAME, "{name: back, content:", "{name: flap, content:")
    edit(folder, NAME, "          back: [3.625, 0, 3.6875, 8.5]\n", "")
    text = edit(folder, NAME, "          back: [3.8189, 0, 3.937, 8.2677]\n", "")
    problem = only_problem(folder)
    assert problem.loc.line == position(text, "{name: flap, content: [questions")[0]
    assert "'flap'" in problem.message


def test_a_margin_that_is_not_a_number_is_one_error_at_its_value(tmp_path):
    folder = copy_theme(tmp_path)
    anchor = "page: [11, 8.5]\n        margin: "
    text = edit(folder, NAME, anchor + "0.25", anchor + "nan")
    problem = only_problem(folder)
    assert problem.loc == at(folder, NAME, position(text, "nan", after=anchor))
    assert problem.message == "margin must be a number, not 'nan'"
