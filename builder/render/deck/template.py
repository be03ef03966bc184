"""Binds slide kinds to a .pptx template: layouts by name, placeholders by idx, fonts by name.

The theme's table names, for each slide kind, a layout (PowerPoint's standard names such as
"Title and Content") and the idx of each placeholder role. A user's template whose layouts
carry those names works as it is: a role whose idx the layout lacks falls back to the layout's
next unused content placeholder. A missing layout is an error naming template and layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import LayoutPlaceholder

from builder.errors import SourceError
from builder.model import Location
from builder.render.deck.plan import Frame, Frames
from builder.render.deck.pptx_parts import shape_for
from builder.theme.fonts import FontFiles, fallback_fonts, find_family, find_fonts
from builder.theme.types import Theme

EMU_PER_POINT = 12700
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
CONTENT_TYPES = (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.SUBTITLE)
FOOTER_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
# The same, as the placeholder types are written in the XML (a placeholder without one is "obj").
_ROLE_TYPES = {"picture": ("pic",), "title": ("title", "ctrTitle")}  # PICTURE, TITLE_TYPES
_CONTENT_TYPES = ("obj", "body", "subTitle")  # CONTENT_TYPES; a placeholder without a type is "obj"
_FOOTER_ROLES = {"dt": "date", "ftr": "footer", "sldNum": "number"}  # FOOTER_TYPES, as in the XML
_SP_PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_PH = f"{qn('p:nvPr')}/{qn('p:ph')}"  # under any shape's first child


@dataclass(frozen=True)
class TemplateFonts:
    """The fonts text is measured with: the template's heading and body typefaces."""

    heading: FontFiles
    body: FontFiles
    notes: tuple[str, ...]


def open_template(path: str):
    """A template presentation; SourceError when it is missing or not a usable .pptx."""
    if not Path(path).is_file():
        raise SourceError.at(Location(path), "the deck template does not exist")
    try:
        presentation = Presentation(path)
    except Exception as error:  # python-pptx raises many kinds for a broken package
        raise SourceError.at(Location(path), f"not a usable .pptx template: {error}") from None
    for slide_id in list(presentation.slides.element):  # a template's own slides are not ours
        presentation.part.drop_rel(slide_id.rId)
        presentation.slides.element.remove(slide_id)
    return presentation


def layout_named(presentation, name: str, template: str):
    """The slide layout called `name`; a SourceError naming template and layout if none is."""
    for layout in presentation.slide_layouts:
        if layout.name == name:
            return layout
    names = ", ".join(f"'{layout.name}'" for layout in presentation.slide_layouts)
    raise SourceError.at(
        Location(template), f"the template has no slide layout named '{name}' (it has {names})"
    )


def placeholder_roles(layout, roles: tuple[tuple[str, int], ...], template: str) -> dict[str, object]:
    """Each role's placeholder on a layout: by idx, else the next unused one of its type.

    Read from the layout's XML (one lookup per shape, where python-pptx's proxies ask an
    XPath question per property); python-pptx's proxies only for the placeholders chosen.
    """
    placeholders = []  # (idx, type, element), in document order
    for element in layout.shapes.element.iterchildren():
        ph = element[0].find(_PH) if len(element) else None
        if ph is not None:
            placeholders.append((int(ph.get("idx", "0")), ph.get("type", "obj"), element))
    by_idx = {idx: element for idx, _type, element in placeholders}
    found: dict[str, object] = {role: by_idx[idx] for role, idx in roles if idx in by_idx}
    used = {id(element) for element in found.values()}
    for role, idx in roles:
        if role in found:
            continue
        wanted = _ROLE_TYPES.get(role, _CONTENT_TYPES)
        spare = next((e for _i, kind, e in placeholders if id(e) not in used and kind in wanted), None)
        if spare is None:
            raise SourceError.at(
                Location(template),
                f"layout '{layout.name}' has no placeholder idx {idx}, nor another one for the {role}",
            )
        found[role] = spare
        used.add(id(spare))
    return {role: shape_for(layout.placeholders, element) for role, element in found.items()}


Bound = dict[str, tuple[object, dict[str, object]]]


def bind_layouts(presentation, theme: Theme, template: str) -> Bound:
    """Each slide kind's template layout and that layout's placeholders by role.

    Worked out once per deck: both the plan (frame sizes) and the writer need it.
    """
    by_name: dict[str, object] = {}
    for layout in presentation.slide_layouts:
        by_name.setdefault(layout.name, layout)
    bound: Bound = {}
    for binding in theme.slide_kinds:
        layout = by_name.get(binding.layout) or layout_named(presentation, binding.layout, template)
        bound[binding.kind] = (layout, placeholder_roles(layout, binding.placeholders, template))
    return bound


def template_frames(bound: Bound, template: str = "", slide: tuple[int, int] | None = None) -> Frames:
    """Each slide kind's placeholder sizes in points, read from the template's layouts; a
    placeholder that runs past the slide's edge (`slide`: its width and height in EMU) counts
    only as far as the edge, so nothing is planned where it cannot be seen."""
    shown = f" in {Path(template).name}" if template else ""

    def visible(start, length, edge) -> float:
        if edge is None or start is None:
            return length / EMU_PER_POINT
        return max(0, min(length, edge - start)) / EMU_PER_POINT

    right, bottom = slide or (None, None)
    return {
        kind: {
            role: Frame(
                visible(shape.left, shape.width, right),
                visible(shape.top, shape.height, bottom),
                in_capitals(shape, role),
                f"the {role} placeholder (idx {shape.placeholder_format.idx}) of the"
                f" '{layout.name}' layout{shown}",
            )
            for role, shape in roles.items()
        }
        for kind, (layout, roles) in bound.items()
    }


def in_capitals(placeholder, role: str) -> bool:
    """True when the template sets this placeholder's text in capitals (cap="all")."""
    own = placeholder.element.find(".//" + qn("a:lstStyle"))
    if own is not None:
        first = own.find(qn("a:lvl1pPr") + "/" + qn("a:defRPr"))
        if first is not None and first.get("cap"):
            return first.get("cap") == "all"
    styles = placeholder.part.slide_master.element.find(qn("p:txStyles"))
    which = "p:titleStyle" if role == "title" else "p:bodyStyle"
    first = (
        styles.find(qn(which) + "/" + qn("a:lvl1pPr") + "/" + qn("a:defRPr")) if styles is not None else None
    )
    return first is not None and first.get("cap") == "all"


def on_the_slide(shape, slide: tuple[int, int]) -> bool:
    """Whether a placeholder lies wholly on a slide of `slide` (width, height) EMU.

    Read from the placeholder's own a:xfrm where it has one (one lxml lookup); python-pptx's
    inherited-position properties ask several XPath questions each, which for every footer
    placeholder of a deck's layouts cost tens of milliseconds."""
    box = _own_box(shape.element)
    if box is None:  # placed where the master puts that kind of placeholder
        kind = _placeholder_type(shape.element)
        masters = shape.part.slide_master.element.iter(qn("p:sp"))
        box = next((b for sp in masters if _placeholder_type(sp) == kind and (b := _own_box(sp))), None)
    if box is None:
        right, bottom = shape.left + shape.width, shape.top + shape.height
    else:
        right, bottom = box
    return right <= slide[0] + 12700 and bottom <= slide[1] + 12700


def _own_box(element) -> tuple[int, int] | None:
    """The right and bottom edges an element's own a:xfrm gives, or None."""
    off, ext = element.find(_OFF), element.find(_EXT)
    if off is None or ext is None:
        return None
    return int(off.get("x", 0)) + int(ext.get("cx", 0)), int(off.get("y", 0)) + int(ext.get("cy", 0))


def _placeholder_type(element) -> str | None:
    ph = element.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else ph.get("type", "obj")


_OFF = f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}"
_EXT = f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}"


def footer_placeholders(layout) -> dict[str, object]:
    """The layout's date, footer and slide-number placeholders, by 'date', 'footer', 'number'.

    Found with one lxml lookup per shape: python-pptx asks an XPath question per property
    of every placeholder, which for a deck's dozen layouts cost milliseconds.
    """
    found = {}
    for element in layout.shapes.element.iterchildren(qn("p:sp")):
        ph = element.find(_SP_PH)
        role = _FOOTER_ROLES.get(ph.get("type", "")) if ph is not None else None
        if role:
            found[role] = LayoutPlaceholder(element, layout.placeholders)
    return found


def template_typefaces(presentation) -> tuple[str, str]:
    """The theme fonts of the template's master: (headings, body)."""
    part = presentation.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    major = root.find(f".//{{{_A}}}majorFont/{{{_A}}}latin")
    minor = root.find(f".//{{{_A}}}minorFont/{{{_A}}}latin")
    return (
        major.get("typeface", "") if major is not None else "",
        minor.get("typeface", "") if minor is not None else "",
    )


def template_fonts(presentation, theme: Theme) -> TemplateFonts:
    """Font files to measure the template's text with, and a note for each stand-in used."""
    notes = []
    chosen = []
    for role, typeface in zip(("heading", "body"), template_typefaces(presentation)):
        if typeface == theme.fonts.deck_typeface or not typeface:
            files = find_fonts(theme.fonts, theme.folder)
        else:
            files = find_family(typeface, theme.folder)
            if files is None:
                files = fallback_fonts()
                notes.append(
                    f"note: the template's {role} font '{typeface}' is not installed here;"
                    f" measuring with {files.family}, which is wider than most"
                )
        chosen.append(files)
    return TemplateFonts(heading=chosen[0], body=chosen[1], notes=tuple(notes))
