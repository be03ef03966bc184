"""A theme icon on a slide: one decorative group of freeform and oval shapes."""

from __future__ import annotations

from lxml import etree
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Emu

from builder.render.deck.pptx_parts import fit_group, line_element
from builder.render.deck.pptx_shapes import mark_decorative
from builder.theme.icons import ICON_GRID, Icon

ICON_COLOUR = MSO_THEME_COLOR.TEXT_2  # the titles' colour in the reference template
SCHEME_COLOURS = {  # DrawingML's scheme colour names, as python-pptx's theme colours
    "tx1": MSO_THEME_COLOR.TEXT_1,
    "tx2": MSO_THEME_COLOR.TEXT_2,
    "bg1": MSO_THEME_COLOR.BACKGROUND_1,
    "bg2": MSO_THEME_COLOR.BACKGROUND_2,
    "dk1": MSO_THEME_COLOR.DARK_1,
    "dk2": MSO_THEME_COLOR.DARK_2,
    "lt1": MSO_THEME_COLOR.LIGHT_1,
    "lt2": MSO_THEME_COLOR.LIGHT_2,
    **{f"accent{n}": getattr(MSO_THEME_COLOR, f"ACCENT_{n}") for n in range(1, 7)},
}


def title_colour(layout, idx: int) -> MSO_THEME_COLOR | RGBColor:
    """The colour `layout`'s title placeholder (`idx`) sets its text in: its own first
    level's, else its master's title style's, else the reference template's title colour."""
    placeholder = next((shape for shape in layout.placeholders if shape.placeholder_format.idx == idx), None)
    places = [placeholder.element if placeholder is not None else None]
    places.append(layout.slide_master.element.find(qn("p:txStyles")))
    for element in places:
        if element is None:
            continue
        for fill in element.iter(qn("a:solidFill")):
            if fill.getparent().tag != qn("a:defRPr"):
                continue
            colour = fill[0] if len(fill) else None
            if colour is not None and colour.tag == qn("a:schemeClr") and colour.get("val") in SCHEME_COLOURS:
                return SCHEME_COLOURS[colour.get("val")]
            if colour is not None and colour.tag == qn("a:srgbClr"):
                return RGBColor.from_string(colour.get("val"))
            break
    return ICON_COLOUR


def draw_icon(
    shapes, icon: Icon, left: int, top: int, side: int, colour: MSO_THEME_COLOR | RGBColor = ICON_COLOUR
) -> None:
    """`icon` in a `side`-EMU square at (left, top), in `colour` (the title's), as one group
    marked decorative (the title beside it says what it marks)."""
    group = shapes.add_group_shape()
    group.name = f"Icon: {icon.name}"
    scale = side / ICON_GRID
    for shape in icon.shapes:
        if shape.is_circle:
            (x, y), r = shape.points[0], shape.radius
            drawn = group.shapes.add_shape(
                MSO_SHAPE.OVAL,
                Emu(left + round((x - r) * scale)),
                Emu(top + round((y - r) * scale)),
                Emu(round(2 * r * scale)),
                Emu(round(2 * r * scale)),
            )
        else:
            points = [(left + round(x * scale), top + round(y * scale)) for x, y in shape.points]
            builder = group.shapes.build_freeform(*points[0])
            builder.add_line_segments(points[1:], close=shape.closed)
            drawn = builder.convert_to_shape()
        _paint(drawn, shape.fill, round(icon.stroke * scale), colour)
        mark_decorative(drawn)
    fit_group(group)
    mark_decorative(group)


def _paint(shape, fill: bool, stroke: int, colour: MSO_THEME_COLOR | RGBColor) -> None:
    """Filled in `colour`, or stroked `stroke` EMU wide with round ends and joins."""
    if fill:
        shape.fill.solid()
        _set(shape.fill.fore_color, colour)
        shape.line.fill.background()
    else:
        shape.fill.background()
        _set(shape.line.color, colour)
        shape.line.width = Emu(stroke)
        line = line_element(shape)  # python-pptx has no setting for caps and joins
        line.set("cap", "rnd")
        etree.SubElement(line, qn("a:round"))
    shape.shadow.inherit = False  # the template's shape style would add a shadow
    if shape.has_text_frame:
        shape.text_frame.text = ""


def _set(colour_format, colour: MSO_THEME_COLOR | RGBColor) -> None:
    if isinstance(colour, RGBColor):
        colour_format.rgb = colour
    else:
        colour_format.theme_color = colour
