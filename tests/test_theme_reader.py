"""Reading a theme folder's theme.yaml and deck.yaml, and reporting each mistake at its file:line:col."""

from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

from builder.errors import Problem
from builder.location import Location
from builder.source.yamlpos import display_path
from builder.theme.reader import load_theme
from builder.theme.types import (
    COLOUR_NAMES,
    CONTRAST_PAIRS,
    FOOTER_CHOICES,
    MIN_CONTRAST,
    SLIDE_KINDS,
    contrast_ratio,
)

from .conftest import DEFAULT_THEME
from .theme_edits import at, copy_theme, drop, edit, key_at, only_problem, position, problems_of, rewrite

# -- helpers --------------------------------------------------------------------------------------


def default_colours() -> dict[str, str]:
    return yaml.safe_load((DEFAULT_THEME / "theme.yaml").read_text(encoding="utf-8"))["colours"]


# -- the default theme ----------------------------------------------------------------------------


def test_the_untouched_default_theme_loads_without_error(tmp_path, default_theme):
    folder = copy_theme(tmp_path)
    theme = load_theme(folder)
    assert theme.name == folder.name
    assert theme.template == str((folder / "reference.pptx").resolve())
    assert [binding.kind for binding in theme.slide_kinds] == list(SLIDE_KINDS)
    assert sorted(name for name, _ in theme.colours) == sorted(COLOUR_NAMES)
    assert theme.colour("text") == default_colours()["text"].upper()
    for read in ("fonts", "colours", "deck", "brochure", "slide_kinds", "reference_geometry", "deck_footer"):
        assert getattr(theme, read) == getattr(default_theme, read), read


def test_a_deck_binding_written_before_tables_came_shows_them_on_its_bullets_layout(tmp_path):
    folder = copy_theme(tmp_path)
    edit(
        folder,
        "deck.yaml",
        "  table:      {layout: Title and Content, title: 0, body: 1}  # optional: else as bullets\n",
        "",
    )
    edit(folder, "deck.yaml", "bullets:    {layout: Title and Content,", "bullets:    {layout: Two Content,")
    theme = load_theme(folder)
    assert theme.binding("table") == dataclasses.replace(theme.binding("bullets"), kind="table")
    assert theme.binding("table").layout == "Two Content"


def test_a_colour_may_be_written_with_a_hash_and_in_lower_case(tmp_path):
    folder = copy_theme(tmp_path)
    written = default_colours()["muted"]
    edit(folder, "theme.yaml", f'muted: "{written}"', f'muted: "#{written.lower()}"')
    assert load_theme(folder).colour("muted") == written.upper()


def test_type_sizes_at_the_ends_of_their_ranges_are_accepted(tmp_path):
    folder = copy_theme(tmp_path)
    edit(folder, "theme.yaml", "title_size: 40", "title_size: 8")
    edit(folder, "theme.yaml", "steps_share: 0.5", "steps_share: 0.8")
    edit(folder, "theme.yaml", "heading_size: 18", "heading_size: 96")
    edit(folder, "theme.yaml", "leading: 1.25", "leading: 1")
    theme = load_theme(folder)
    assert (theme.deck.title_size, theme.deck.steps_share) == (8, 0.8)
    assert (theme.brochure.heading_size, theme.brochure.leading) == (96, 1)


def test_the_title_footer_is_accepted(tmp_path):
    folder = copy_theme(tmp_path)
    edit(folder, "deck.yaml", "\nfooter: organisation", "\nfooter: title")
    assert load_theme(folder).deck_footer == "title"


# -- files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["theme.yaml", "deck.yaml", "brochure.yaml"])
def test_a_missing_theme_file_is_reported_by_its_path(tmp_path, name):
    folder = copy_theme(tmp_path)
    (folder / name).unlink()
    problem = only_problem(folder)
    assert problem.loc == Location(display_path(folder / name))
    assert str(problem) == f"{display_path(folder / name)}: error: no such file"


def test_every_missing_theme_file_is_reported_at_once(tmp_path):
    folder = copy_theme(tmp_path)
    names = ["theme.yaml", "deck.yaml", "brochure.yaml"]
    for name in names:
        (folder / name).unlink()
    problems = problems_of(folder)
    assert sorted(p.loc.path for p in problems) == sorted(display_path(folder / n) for n in names)
    assert {p.message for p in problems} == {"no such file"}


def test_an_empty_deck_yaml_is_reported_at_its_first_line(tmp_path):
    folder = copy_theme(tmp_path)
    (folder / "deck.yaml").write_text("# nothing bound yet\n", encoding="utf-8")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "deck.yaml", (1, 1))
    assert problem.message == "file is empty"


def test_a_slide_kind_bound_twice_is_a_duplicate_key_error_naming_the_first_line(tmp_path):
    folder = copy_theme(tmp_path)
    line = "  bullets:    {layout: Title and Content, title: 0, body: 1}\n"
    text = edit(folder, "deck.yaml", line, line + "  bullets:    {layout: Two Content, title: 0, body: 2}\n")
    first = key_at(text, "bullets")
    second = key_at(text, "bullets", after=line)
    assert second[0] == first[0] + 1
    problem = only_problem(folder)
    assert problem.loc == at(folder, "deck.yaml", second)
    assert problem.message == f"duplicate key 'bullets' (first at line {first[0]})"


# -- unknown and missing keys ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, old, new, key, what, suggestion",
    [
        pytest.param(
            "theme.yaml", "fonts:\n", "colors: {}\nfonts:\n", "colors", "theme", "colours", id="theme"
        ),
        pytest.param(
            "theme.yaml", "fonts:\n", "fonts:\n  familly: Carlito\n", "familly", "fonts", "family", id="fonts"
        ),
        pytest.param(
            "theme.yaml",
            "  files:\n    regular: Carlito-Regular.ttf\n",
            "  files:\n    bolditalic: Carlito-BoldItalic.ttf\n    regular: Carlito-Regular.ttf\n",
            "bolditalic",
            "font files",
            "bold_italic",
            id="font-files",
        ),
        pytest.param(
            "theme.yaml",
            "    - family: Noto Sans",
            "    - famly: Noto\n      family: Noto Sans",
            "famly",
            "a fallback font",
            "family",
            id="fallback-font",
        ),
        pytest.param(
            "theme.yaml",
            "        regular: wqy-zenhei.ttc\n",
            "        regular: wqy-zenhei.ttc\n        bolt: wqy-zenhei.ttc\n",
            "bolt",
            "files of WenQuanYi Zen Hei",
            "bold",
            id="fallback-files",
        ),
        pytest.param(
            "theme.yaml",
            "colours:\n",
            'colours:\n  primery: "0B5563"\n',
            "primery",
            "colours",
            "primary",
            id="colours",
        ),
        pytest.param(
            "theme.yaml",
            "deck:\n",
            "deck:\n  title_sise: 40\n",
            "title_sise",
            "deck sizes",
            "title_size",
            id="deck-sizes",
        ),
        pytest.param(
            "theme.yaml",
            "brochure:\n",
            "brochure:\n  leeding: 1.25\n",
            "leeding",
            "brochure sizes",
            "leading",
            id="brochure-sizes",
        ),
        pytest.param(
            "deck.yaml",
            "slide_kinds:\n",
            "refrence_geometry: {}\nslide_kinds:\n",
            "refrence_geometry",
            "deck binding",
            "reference_geometry",
            id="deck-binding",
        ),
        pytest.param(
            "deck.yaml",
            "slide_kinds:\n",
            "slide_kinds:\n  bullet:     {layout: Title and Content, title: 0, body: 1}\n",
            "bullet",
            "slide_kinds",
            "bullets",
            id="slide-kind",
        ),
        pytest.param(
            "deck.yaml",
            "{layout: Title Slide, title: 0, body: 1}\n  agenda",
            "{layout: Title Slide, title: 0, body: 1, captoin: 2}\n  agenda",
            "captoin",
            "slide kind title",
            "caption",
            id="placeholder-role",
        ),
    ],
)
def test_an_unknown_key_is_an_error_at_the_key_with_a_did_you_mean(
    tmp_path, name, old, new, key, what, suggestion
):
    folder = copy_theme(tmp_path)
    text = edit(folder, name, old, new)
    problem = only_problem(folder)
    assert problem.loc == at(folder, name, position(text, f"{key}:"))
    assert problem.message == f"unknown key '{key}' in {what} (did you mean '{suggestion}'?)"


def test_a_misspelt_slide_kind_is_unknown_and_the_kind_it_meant_is_missing(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, "deck.yaml", "  bullets:    {", "  bulets:     {")
    expected = {
        Problem(
            at(folder, "deck.yaml", key_at(text, "bulets")),
            "unknown key 'bulets' in slide_kinds (did you mean 'bullets'?)",
        ),
        Problem(  # a mapping is located where its first key is written
            at(folder, "deck.yaml", key_at(text, SLIDE_KINDS[0], after="slide_kinds:")),
            "slide_kinds is missing required key 'bullets'",
        ),
    }
    assert set(problems_of(folder)) == expected


@pytest.mark.parametrize(
    "name, keys, what",
    [
        pytest.param("theme.yaml", ("fonts", "family"), "fonts", id="font-family"),
        pytest.param("theme.yaml", ("fonts", "files", "bold_italic"), "font files", id="font-file"),
        pytest.param("theme.yaml", ("colours", "accent"), "colours", id="colour"),
        pytest.param("theme.yaml", ("deck", "notes_size"), "deck sizes", id="deck-size"),
        pytest.param("theme.yaml", ("brochure", "leading"), "brochure sizes", id="brochure-size"),
        pytest.param("deck.yaml", ("template",), "deck binding", id="template"),
        pytest.param("deck.yaml", ("slide_kinds", "glossary"), "slide_kinds", id="slide-kind"),
    ],
)
def test_a_missing_required_key_is_reported_where_its_mapping_starts(tmp_path, name, keys, what):
    folder = copy_theme(tmp_path)
    text = drop(folder, name, *keys)
    data = yaml.safe_load(text)
    for key in keys[:-1]:
        data = data[key]
    first_key = next(iter(data))  # a mapping is located where its first key is written
    header = f"{keys[-2]}:" if len(keys) > 1 else ""
    problem = only_problem(folder)
    assert problem.loc == at(folder, name, key_at(text, first_key, after=header))
    assert problem.message == f"{what} is missing required key '{keys[-1]}'"


def test_the_fallback_chain_is_read_in_the_order_it_is_written(tmp_path):
    folder = copy_theme(tmp_path)
    text = (folder / "theme.yaml").read_text(encoding="utf-8")
    written = re.findall(r"^    - family: (.+?)\s*(?:#.*)?$", text, re.MULTILINE)
    chain = load_theme(folder).fonts.fallback
    assert len(written) >= 2
    assert [font.family for font in chain] == written
    assert [font.loc.line for font in chain] == [position(text, f"family: {w}")[0] for w in written]


def test_a_fallback_font_without_a_regular_file_is_an_error_where_its_files_start(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", "        regular: wqy-zenhei.ttc\n", "        bold: wqy-zenhei.ttc\n")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "theme.yaml", key_at(text, "bold", after="WenQuanYi"))
    assert problem.message == "files of WenQuanYi Zen Hei is missing required key 'regular'"


def test_a_fallback_font_file_that_is_no_font_is_an_error_at_its_name(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", "regular: wqy-zenhei.ttc", "regular: wqy-zenhei.pcf.gz")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "theme.yaml", position(text, "wqy-zenhei.pcf.gz"))
    assert "must be a .ttf, .otf or .ttc file" in problem.message


def test_a_fallback_font_listed_twice_is_an_error_at_the_second(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", "    - family: WenQuanYi Zen Hei", "    - family: Noto Sans")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "theme.yaml", key_at(text, "family", after="NotoSans-BoldItalic"))
    assert problem.message == "fallback font 'Noto Sans' is listed twice"


@pytest.mark.parametrize(
    "old, new, missing",
    [
        pytest.param("{layout: Comparison, title: 0, ", "{title: 0, ", "layout", id="layout"),
        pytest.param("{layout: Comparison, title: 0, ", "{layout: Comparison, ", "title", id="title"),
    ],
)
def test_a_slide_kind_without_its_layout_or_title_placeholder_is_an_error(tmp_path, old, new, missing):
    folder = copy_theme(tmp_path)
    text = edit(folder, "deck.yaml", old, new)
    problem = only_problem(folder)
    assert problem.loc == at(folder, "deck.yaml", position(text, new))
    assert problem.message == f"slide kind comparison is missing required key '{missing}'"


# -- values of the wrong type ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, old, new, needle, message",
    [
        pytest.param(
            "theme.yaml",
            "family: Carlito",
            "family: [Carlito]",
            "[Carlito]",
            "font family must be text, not a list",
            id="font-family",
        ),
        pytest.param(
            "theme.yaml",
            "bold: Carlito-Bold.ttf",
            "bold: {file: Carlito-Bold.ttf}",
            "{file:",
            "bold font file must be text, not a mapping",
            id="font-file",
        ),
        pytest.param(
            "theme.yaml",
            "title_size: 40",
            "title_size: big",
            "big",
            "title_size must be a number, not 'big'",
            id="deck-size",
        ),
        pytest.param(
            "theme.yaml",
            "heading_size: 18",
            "heading_size: [18]",
            "[18]",
            "heading_size must be text, not a list",
            id="brochure-size",
        ),
        pytest.param(
            "deck.yaml",
            "template: reference.pptx",
            "template: [reference.pptx]",
            "[reference.pptx]",
            "template must be text, not a list",
            id="template",
        ),
        pytest.param(
            "deck.yaml",
            "\nfooter: organisation",
            "\nfooter: {of: organisation}",
            "{of:",
            "footer must be text, not a mapping",
            id="footer",
        ),
        pytest.param(
            "deck.yaml",
            "{layout: Title Slide, title: 0, body: 1}\n  agenda",
            "Title Slide\n  agenda",
            "Title Slide\n",
            "slide kind title must be a mapping of keys, not text",
            id="slide-kind",
        ),
        pytest.param(
            "deck.yaml",
            "{layout: Comparison,",
            "{layout: [Comparison],",
            "[Comparison]",
            "layout must be text, not a list",
            id="layout",
        ),
        pytest.param(
            "deck.yaml",
            "left: 2,",
            "left: two,",
            "two,",
            "left idx must be a number, not 'two'",
            id="placeholder-idx",
        ),
        pytest.param(
            "deck.yaml",
            "  Two Content:\n    0: [0.6, 0.35, 12.13, 1.05]\n    1: [0.6, 1.55, 5.9, 5.25]\n"
            "    2: [6.83, 1.55, 5.9, 5.25]\n",
            "  Two Content: [0.6, 1.55, 5.9, 5.25]\n",
            "[0.6, 1.55, 5.9, 5.25]",
            "reference_geometry of 'Two Content' must map idx to boxes",
            id="reference-geometry-layout",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_reported_where_it_is_written(tmp_path, name, old, new, needle, message):
    folder = copy_theme(tmp_path)
    text = edit(folder, name, old, new)
    problem = only_problem(folder)
    assert problem.loc == at(folder, name, position(text, needle))
    assert problem.message == message


@pytest.mark.parametrize(
    "name, key, value, needle, message",
    [
        pytest.param(
            "theme.yaml",
            "fonts",
            ["Carlito"],
            "- Carlito",
            "fonts must be a mapping of keys, not a list",
            id="fonts",
        ),
        pytest.param(
            "theme.yaml",
            "colours",
            "blue",
            "blue",
            "colours must be a mapping of keys, not text",
            id="colours",
        ),
        pytest.param(
            "theme.yaml", "deck", [40], "- 40", "deck sizes must be a mapping of keys, not a list", id="deck"
        ),
        pytest.param(
            "deck.yaml",
            "slide_kinds",
            ["title"],
            "- title",
            "slide_kinds must be a mapping of keys, not a list",
            id="slide-kinds",
        ),
        pytest.param(
            "deck.yaml",
            "reference_geometry",
            ["Title and Content"],
            "- Title and Content",
            "reference_geometry must map layout names to placeholders",
            id="reference-geometry",
        ),
    ],
)
def test_a_section_of_the_wrong_type_is_reported_where_it_is_written(
    tmp_path, name, key, value, needle, message
):
    folder = copy_theme(tmp_path)
    text = rewrite(folder, name, lambda data: data.__setitem__(key, value))
    problem = only_problem(folder)
    assert problem.loc == at(folder, name, position(text, needle, after=f"{key}:"))
    assert problem.message == message


def test_a_deck_yaml_that_is_a_list_is_reported_at_its_start(tmp_path):
    folder = copy_theme(tmp_path)
    (folder / "deck.yaml").write_text("- template\n- slide_kinds\n", encoding="utf-8")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "deck.yaml", (1, 1))
    assert problem.message == "deck binding must be a mapping of keys, not a list"


# -- colours and contrast -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["1B263", "1B26311", "1B263G", "#1B263", "dark blue", ""],
    ids=["five-digits", "seven-digits", "not-hex", "hash-and-five-digits", "a-name", "empty"],
)
def test_a_colour_that_is_not_rrggbb_hex_is_an_error(tmp_path, written):
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", f'text: "{default_colours()["text"]}"', f'text: "{written}"')
    problem = only_problem(folder)
    assert problem.loc == at(folder, "theme.yaml", position(text, f'"{written}"'))
    assert problem.message == f"colour text must be RRGGBB hex, not {written.lstrip('#')!r}"


@pytest.mark.parametrize(
    "foreground, background", CONTRAST_PAIRS, ids=[f"{fg}-on-{bg}" for fg, bg in CONTRAST_PAIRS]
)
def test_a_colour_pair_without_enough_contrast_is_an_error_at_the_foreground(
    tmp_path, foreground, background
):
    colours = default_colours()
    same = colours[background]  # the foreground drawn in the background's own colour
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", f'  {foreground}: "{colours[foreground]}"', f'  {foreground}: "{same}"')
    expected = Problem(
        at(folder, "theme.yaml", key_at(text, foreground)),
        f"{foreground} on {background} has a contrast ratio of {contrast_ratio(same, same):.2f}:1;"
        f" at least {MIN_CONTRAST}:1 is needed",
    )
    assert expected in problems_of(folder)  # other pairs with this colour may fail as well


def test_contrast_just_below_the_minimum_is_an_error(tmp_path):
    background = default_colours()["background"]
    grey = "777777"
    ratio = contrast_ratio(grey, background)
    assert ratio < MIN_CONTRAST < ratio + 0.1, "the grey is no longer just below the minimum"
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", f'muted: "{default_colours()["muted"]}"', f'muted: "{grey}"')
    problem = only_problem(folder)
    assert problem.loc == at(folder, "theme.yaml", key_at(text, "muted"))
    assert problem.message == (
        f"muted on background has a contrast ratio of {ratio:.2f}:1; at least {MIN_CONTRAST}:1 is needed"
    )


def test_contrast_just_above_the_minimum_is_accepted(tmp_path):
    grey = "767676"
    assert MIN_CONTRAST <= contrast_ratio(grey, default_colours()["background"]) < MIN_CONTRAST + 0.1
    folder = copy_theme(tmp_path)
    edit(folder, "theme.yaml", f'muted: "{default_colours()["muted"]}"', f'muted: "{grey}"')
    assert load_theme(folder).colour("muted") == grey


# -- sizes and ranges -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, written, value, low, high",
    [
        pytest.param("title_size", "40", "7", 8, 200, id="deck-size-too-small"),
        pytest.param("title_size", "40", "201", 8, 200, id="deck-size-too-large"),
        pytest.param("steps_share", "0.5", "0.1", 0.2, 0.8, id="steps-share-too-small"),
        pytest.param("steps_share", "0.5", "0.9", 0.2, 0.8, id="steps-share-too-large"),
        pytest.param("heading_size", "18", "8", 9, 96, id="brochure-size-too-small"),
        pytest.param("cover_title_size", "26", "97", 9, 96, id="brochure-size-too-large"),
        pytest.param("leading", "1.25", "0.9", 1, 96, id="leading-too-small"),
    ],
)
def test_a_size_outside_its_range_is_an_error_at_its_value(tmp_path, key, written, value, low, high):
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", f" {key}: {written}", f" {key}: {value}")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "theme.yaml", position(text, value, after=f" {key}:"))
    assert problem.message == f"{key} must be between {low:g} and {high:g}, not {float(value):g}"


def test_a_brochure_body_size_below_12_pt_is_an_error(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", "  body_size: 12", "  body_size: 11")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "theme.yaml", key_at(text, "body_size", after="brochure:"))
    assert problem.message == "brochure body_size must be at least 12 pt"


@pytest.mark.parametrize("value", ["-1", "10001"], ids=["negative", "too-large"])
def test_a_placeholder_idx_outside_its_range_is_an_error_at_its_value(tmp_path, value):
    folder = copy_theme(tmp_path)
    text = edit(folder, "deck.yaml", "left: 2,", f"left: {value},")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "deck.yaml", position(text, f"{value},", after="left:"))
    assert problem.message == f"left idx must be between 0 and 10000, not {float(value):g}"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(
            "nan",
            id="not-a-number",
        ),
        pytest.param(
            "1e999",
            id="infinite",
        ),
        pytest.param(
            "1.5",
            id="a-fraction",
        ),
    ],
)
def test_a_placeholder_idx_that_is_not_a_whole_number_is_a_located_error(tmp_path, value):
    folder = copy_theme(tmp_path)
    text = edit(folder, "deck.yaml", "left: 2,", f"left: {value},")
    problems = problems_of(folder)
    value_loc = at(folder, "deck.yaml", position(text, f"{value},", after="left:"))
    assert [p.loc for p in problems] == [value_loc]
    assert problems[0].message.startswith("left idx ")


# -- footer, template and reference geometry ------------------------------------------------------


def test_an_unknown_footer_choice_is_an_error_at_the_footer_key(tmp_path):
    folder = copy_theme(tmp_path)
    text = edit(folder, "deck.yaml", "\nfooter: organisation", "\nfooter: clinic")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "deck.yaml", key_at(text, "footer"))
    assert problem.message == f"footer must be one of {', '.join(FOOTER_CHOICES)}"


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_a_template_outside_the_theme_folder_is_an_error(tmp_path, where):
    folder = copy_theme(tmp_path)
    outside = "../reference.pptx" if where == "relative" else str(tmp_path / "reference.pptx")
    text = edit(folder, "deck.yaml", "template: reference.pptx", f"template: {outside}")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "deck.yaml", key_at(text, "template"))
    assert problem.message == "template must be inside the theme folder"


@pytest.mark.parametrize(
    "new, needle, message",
    [
        pytest.param(
            "    0: [0.9, 1.3, 11.5]",
            "[0.9, 1.3, 11.5]",
            "a box is [left, top, width, height] in inches, under an idx",
            id="three-numbers",
        ),
        pytest.param(
            "    top: [0.9, 1.3, 11.5, 2.3]",
            "[0.9, 1.3, 11.5, 2.3]",
            "a box is [left, top, width, height] in inches, under an idx",
            id="idx-not-a-number",
        ),
        pytest.param(
            "    0: [0.9, 1.3, 15, 2.3]",
            "15",
            "a box measure must be between 0 and 14, not 15",
            id="too-wide",
        ),
        pytest.param(
            "    0: [-0.9, 1.3, 11.5, 2.3]",
            "-0.9",
            "a box measure must be between 0 and 14, not -0.9",
            id="negative",
        ),
    ],
)
def test_a_bad_reference_geometry_box_is_an_error(tmp_path, new, needle, message):
    folder = copy_theme(tmp_path)
    text = edit(folder, "deck.yaml", "    0: [0.9, 1.3, 11.5, 2.3]", new)
    problem = only_problem(folder)
    assert problem.loc == at(folder, "deck.yaml", position(text, needle, after="Title Slide:\n"))
    assert problem.message == message


# -- many problems at once ------------------------------------------------------------------------


def test_several_problems_in_theme_yaml_are_all_reported_at_once(tmp_path):
    folder = copy_theme(tmp_path)
    edit(folder, "theme.yaml", "fonts:\n", "fonts:\n  familly: Carlito\n")
    edit(folder, "theme.yaml", f'accent: "{default_colours()["accent"]}"', 'accent: "9A3B1"')
    text = edit(folder, "theme.yaml", "figure_size: 54", "figure_size: 500")
    expected = [
        Problem(
            at(folder, "theme.yaml", key_at(text, "familly")),
            "unknown key 'familly' in fonts (did you mean 'family'?)",
        ),
        Problem(
            at(folder, "theme.yaml", position(text, "9A3B1")), "colour accent must be RRGGBB hex, not '9A3B1'"
        ),
        Problem(
            at(folder, "theme.yaml", position(text, "500")), "figure_size must be between 8 and 200, not 500"
        ),
    ]
    assert problems_of(folder) == expected  # in file order


def test_problems_in_theme_yaml_and_deck_yaml_are_reported_together(tmp_path):
    folder = copy_theme(tmp_path)
    look = edit(folder, "theme.yaml", "steps_share: 0.5", "steps_share: 0.95")
    deck = edit(folder, "deck.yaml", "\nfooter: organisation", "\nfooter: clinic")
    problems = problems_of(folder)
    assert len(problems) == 2
    assert {(p.loc, p.message) for p in problems} == {
        (
            at(folder, "theme.yaml", position(look, "0.95")),
            "steps_share must be between 0.2 and 0.8, not 0.95",
        ),
        (
            at(folder, "deck.yaml", key_at(deck, "footer")),
            f"footer must be one of {', '.join(FOOTER_CHOICES)}",
        ),
    }


# -- once bugs: each was a traceback, a wrong line or a value let through ---------------------


@pytest.mark.parametrize("section", ["fonts", "colours", "deck", "brochure"])
def test_a_missing_theme_section_is_reported_once_as_missing(tmp_path, section):
    folder = copy_theme(tmp_path)
    text = drop(folder, "theme.yaml", section)
    first_key = next(iter(yaml.safe_load(text)))
    expected = Problem(
        at(folder, "theme.yaml", key_at(text, first_key)), f"theme is missing required key '{section}'"
    )
    assert problems_of(folder) == [expected]


@pytest.mark.parametrize(
    "old, new, needle, after",
    [
        pytest.param('text: "1B2631"', "text: [1B2631]", "[1B2631]", "colours:", id="colour-as-a-list"),
        pytest.param("  body_size: 12", "  body_size: big", "big", "brochure:", id="body-size-not-a-number"),
        pytest.param("  body_size: 12\n", "", "heading_size", "brochure:", id="body-size-missing"),
    ],
)
def test_one_bad_value_in_theme_yaml_is_reported_once(tmp_path, old, new, needle, after):
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", old, new)
    problems = problems_of(folder)
    assert [p.loc for p in problems] == [at(folder, "theme.yaml", position(text, needle, after=after))]


@pytest.mark.parametrize("value", ["nan", "inf", "-1e999"])
def test_a_size_that_is_not_a_finite_number_is_an_error_at_its_value(tmp_path, value):
    folder = copy_theme(tmp_path)
    text = edit(folder, "theme.yaml", " notes_size: 12", f" notes_size: {value}")
    problem = only_problem(folder)
    assert problem.loc == at(folder, "theme.yaml", position(text, value, after=" notes_size:"))
    assert problem.message == f"notes_size must be a number, not '{value}'"


def test_the_default_theme_is_found_from_any_folder(tmp_path, monkeypatch):
    from builder.theme.folder import theme_folder

    monkeypatch.chdir(tmp_path)  # no layouts/ here: the project's own
    assert (theme_folder("default") / "theme.yaml").is_file()
