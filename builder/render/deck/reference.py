"""Builds a theme's reference .pptx from its theme.yaml: 16:9, named layouts, theme colours.

Run `python -m builder.render.deck.reference layouts/default` after changing the theme.
It starts from python-pptx's own template, whose layouts carry PowerPoint's standard names,
widens it to 16:9, and writes the theme's fonts, colours and sizes into the master.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from builder.render.deck.package import fix_core_properties, saved_bytes
from builder.theme.types import Theme

WIDE = Emu(12192000)  # 13.333 in
HIGH = Emu(6858000)  # 7.5 in
TOP_RULE = Pt(8)  # the band of primary colour above each title
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# Layouts whose whole slide is the primary colour, with text on it in the on-primary colour.
FULL_COLOUR_LAYOUTS = ("Title Slide", "Section Header")
REFERENCE_DATE = dt.date(2026, 1, 1)


def build_reference(theme: Theme) -> bytes:
    """The reference deck's bytes for `theme`."""
    presentation = Presentation()
    scale = WIDE / presentation.slide_width
    presentation.slide_width, presentation.slide_height = WIDE, HIGH
    master = presentation.slide_master
    for shape in master.shapes:
        _widen(shape, scale)
    for layout in master.slide_layouts:
        for shape in layout.shapes:
            _widen(shape, scale)
    set_theme_part(master, theme)
    _set_text_styles(master, theme)
    _add_top_rule(master, theme)
    for layout in master.slide_layouts:
        _drop_size_overrides(layout)
        if layout.name in FULL_COLOUR_LAYOUTS:
            _make_full_colour(layout, theme)
    for name, idx, box in theme.reference_geometry:
        _place(master, name, idx, box)
    fix_core_properties(
        presentation, REFERENCE_DATE, title=f"{theme.name} reference", author="handout-builder"
    )
    return saved_bytes(presentation)


def _widen(shape, scale: float) -> None:
    xfrm = shape.element.find(".//" + qn("a:xfrm"))
    if xfrm is None:
        return
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    off.set("x", str(round(int(off.get("x")) * scale)))
    ext.set("cx", str(round(int(ext.get("cx")) * scale)))


def set_theme_part(master, theme: Theme) -> None:
    """Write the theme's colours and fonts into the master's theme part."""
    part = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{{{_A}}}clrScheme")
    slots = {
        "dk1": theme.colour("text"),
        "lt1": theme.colour("background"),
        "dk2": theme.colour("primary"),
        "lt2": theme.colour("tint"),
        "accent1": theme.colour("primary"),
        "accent2": theme.colour("accent"),
        "hlink": theme.colour("primary"),
        "folHlink": theme.colour("muted"),
    }
    for slot, colour in slots.items():
        element = scheme.find(f"{{{_A}}}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{_A}}}srgbClr", val=colour)
    for which in ("majorFont", "minorFont"):
        root.find(f".//{{{_A}}}{which}/{{{_A}}}latin").set("typeface", theme.fonts.deck_typeface)
    part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_text_styles(master, theme: Theme) -> None:
    styles = master.element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    title_run = title.find(qn("a:defRPr"))
    title_run.set("sz", str(int(theme.deck.title_size * 100)))
    title_run.set("b", "1")
    _scheme_fill(title_run, "tx2")
    body = styles.find(qn("p:bodyStyle"))
    sizes = [theme.deck.body_size, theme.deck.body_size - 2, theme.deck.min_body_size]
    for level in range(1, 10):
        props = body.find(qn(f"a:lvl{level}pPr"))
        run = props.find(qn("a:defRPr"))
        run.set("sz", str(int(max(sizes[min(level, 3) - 1], theme.deck.min_body_size) * 100)))
        _scheme_fill(run, "tx1")
        spacing = props.find(qn("a:spcBef"))
        if spacing is not None:
            spacing.find(qn("a:spcPct")).set("val", "40000")


def _scheme_fill(run, value: str) -> None:
    for fill in run.findall(qn("a:solidFill")):
        run.remove(fill)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr"), val=value)
    run.insert(0, fill)


def _add_top_rule(master, theme: Theme) -> None:
    """A thin band of the primary colour across the top of every content slide."""
    tree = master.shapes.element
    used = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    band = etree.fromstring(
        f'<p:sp xmlns:p="{tree.nsmap["p"]}" xmlns:a="{_A}">'
        f'<p:nvSpPr><p:cNvPr id="{max(used) + 1}" name="Top rule"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{WIDE}" cy="{TOP_RULE}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:schemeClr val="tx2"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
        "</p:sp>"
    )
    tree.insert(2, band)  # after the group properties, behind the placeholders


def _drop_size_overrides(layout) -> None:
    """Let the master's text sizes rule every layout (python-pptx's Two Content shrinks them)."""
    for run_defaults in layout.element.iter(qn("a:defRPr")):
        run_defaults.attrib.pop("sz", None)


def _place(master, layout_name: str, idx: int, box: tuple[float, float, float, float]) -> None:
    layout = next((l for l in master.slide_layouts if l.name == layout_name), None)
    if layout is None:
        raise SystemExit(f"reference_geometry names a layout the template lacks: {layout_name}")
    shape = next((s for s in layout.placeholders if s.placeholder_format.idx == idx), None)
    if shape is None:
        raise SystemExit(f"layout {layout_name} has no placeholder idx {idx}")
    shape.left, shape.top, shape.width, shape.height = (Emu(round(v * 914400)) for v in box)


def _make_full_colour(layout, theme: Theme) -> None:
    c_sld = layout.element.find(qn("p:cSld"))
    background = etree.fromstring(
        f'<p:bg xmlns:p="{c_sld.nsmap["p"]}" xmlns:a="{_A}"><p:bgPr><a:solidFill>'
        '<a:schemeClr val="tx2"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
    )
    c_sld.insert(0, background)
    for shape in layout.placeholders:
        if shape.placeholder_format.idx > 9:
            continue
        body = shape.element.find(qn("p:txBody"))
        if body is None:
            continue
        body.find(qn("a:bodyPr")).set("anchor", "b" if shape.placeholder_format.idx == 0 else "t")
        list_style = body.find(qn("a:lstStyle"))
        if list_style is None:
            list_style = etree.SubElement(body, qn("a:lstStyle"))
            body.insert(1, list_style)
        for child in list(list_style):
            list_style.remove(child)
        level = etree.SubElement(list_style, qn("a:lvl1pPr"), algn="l", marL="0", indent="0")
        etree.SubElement(level, qn("a:buNone"))
        run = etree.SubElement(level, qn("a:defRPr"))
        if shape.placeholder_format.idx == 0:
            run.set("sz", str(int(theme.deck.display_title_size * 100)))
            run.set("b", "1")
        _scheme_fill(run, "bg1")


def main(argv: list[str] | None = None) -> int:
    """Write reference.pptx into the theme folder named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "layouts/default")
    from builder.theme.reader import load_theme  # the command reads a theme; rendering does not

    theme = load_theme(folder)
    target = Path(theme.template)
    target.write_bytes(build_reference(theme))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
