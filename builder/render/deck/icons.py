"""A theme icon on a slide: one decorative group of freeform and oval shapes."""

from __future__ import annotations

from lxml import etree
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Emu

from builder.render.deck.pptx_parts import fit_group, line_element
from builder.render.deck.pptx_shapes import mark_decorative
from builder.theme.icons import ICON_GRID, Icon

ICON_COLOUR = MSO_THEME_COLOR.TEXT_2  # the titles' colour in the reference template


def draw_icon(shapes, icon: Icon, left: int, top: int, side: int) -> None:
    """`icon` in a `side`-EMU square at (left, top), in the titles' colour, as one group
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
        _paint(drawn, shape.fill, round(icon.stroke * scale))
        mark_decorative(drawn)
    fit_group(group)
    mark_decorative(group)


def _paint(shape, fill: bool, stroke: int) -> None:
    """Filled in the icon's colour, or stroked `stroke` EMU wide with round ends and joins."""
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.theme_color = ICON_COLOUR
        shape.line.fill.background()
    else:
        shape.fill.background()
        shape.line.color.theme_color = ICON_COLOUR
        shape.line.width = Emu(stroke)
        line = line_element(shape)  # python-pptx has no setting for caps and joins
        line.set("cap", "rnd")
        etree.SubElement(line, qn("a:round"))
    shape.shadow.inherit = False  # the template's shape style would add a shadow
    if shape.has_text_frame:
        shape.text_frame.text = ""
