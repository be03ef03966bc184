"""The theme's icons: read from icons.yaml and checked at their lines; drawn as inline SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from builder.errors import SourceError
from builder.theme.icons import ICON_GRID, ICON_ROLES, svg
from builder.theme.reader import load_theme

from .theme_edits import copy_theme, edit, position


def test_the_default_theme_draws_an_icon_for_every_role_inside_its_square(default_theme):
    for role in ICON_ROLES:
        icon = default_theme.icons.get(role)
        assert icon is not None and icon.shapes, role
        for shape in icon.shapes:
            for x, y in shape.points:
                assert 0 <= x - shape.radius and x + shape.radius <= ICON_GRID, role
                assert 0 <= y - shape.radius and y + shape.radius <= ICON_GRID, role


def test_a_theme_without_icons_yaml_has_no_icons(tmp_path):
    folder = copy_theme(tmp_path)
    (folder / "icons.yaml").unlink()
    assert all(load_theme(folder).icons.get(role) is None for role in ICON_ROLES)


def test_a_theme_that_leaves_a_role_out_draws_no_icon_for_it(tmp_path):
    folder = copy_theme(tmp_path)
    text = (folder / "icons.yaml").read_text(encoding="utf-8")
    start = text.index("  contact:")
    (folder / "icons.yaml").write_text(text[:start], encoding="utf-8")
    theme = load_theme(folder)
    assert theme.icons.get("contact") is None and theme.icons.get("warning") is not None


@pytest.mark.parametrize(
    "old, new, needle, message",
    [
        ("  contact:", "  contacts:", "contacts", "unknown icon 'contacts' (did you mean 'contact'?)"),
        ("{circle: [12, 12], r: 10}", "{circle: [12, 12]}", "{circle: [12, 12]}", "a circle needs its radius"),
        ("{circle: [12, 12], r: 10}", "{circle: [12, 30], r: 1}", "30", "a coordinate must be from 0 to 24"),
        ("{polyline: [[2, 22], [22, 22]]}", "{polyline: [[2, 22]]}", "[[2, 22]]", "at least 2 points"),
        ("{polyline: [[2, 22], [22, 22]]}", "{polyline: [[2, 22], [22]]}", "[22]]", "a point is [x, y]"),
        ("{polyline: [[2, 22], [22, 22]]}", "{polyline: [[2, 22], [22, 22]], fil: true}", "fil:", "did you mean 'fill'?"),
        (
            "{polyline: [[2, 22], [22, 22]]}",
            "{polyline: [[2, 22], [22, 22]], circle: [1, 1], r: 1}",
            "{polyline: [[2, 22], [22, 22]], circle",
            "either a polyline or a circle",
        ),
    ],
    ids=["role", "radius", "range", "points", "point", "key", "both"],
)
def test_a_broken_icon_is_an_error_at_its_line(tmp_path, old, new, needle, message):
    folder = copy_theme(tmp_path)
    text = edit(folder, "icons.yaml", old, new)
    with pytest.raises(SourceError) as raised:
        load_theme(folder)
    (problem,) = raised.value.problems
    assert message in problem.message
    assert problem.loc.path.endswith("icons.yaml") and problem.loc.line == position(text, needle, after="icons:")[0]


def test_an_icon_as_svg_is_hidden_from_screen_readers_and_drawn_in_the_texts_colour(default_theme):
    icon = default_theme.icons.get("warning")
    element = ET.fromstring(svg(icon, 20))
    assert element.get("aria-hidden") == "true" and element.get("viewBox") == "0 0 24 24"
    shapes = list(element)
    assert len(shapes) == len(icon.shapes)
    assert {shape.get("stroke") for shape in shapes if shape.get("fill") == "none"} == {"currentColor"}
    assert [shape.tag for shape in shapes] == ["polygon", "polyline", "circle"]
    labelled = ET.fromstring(svg(icon, 20, label="Warning"))
    assert labelled.get("role") == "img" and labelled.get("aria-label") == "Warning"
