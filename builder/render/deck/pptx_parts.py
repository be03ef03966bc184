"""Every use of python-pptx's private API, and the faster ways to add what every slide needs.

No other module reaches past python-pptx's public API (a test checks): what it does not offer
is here, each piece named for what it does, and python-pptx is pinned to the minor version
these were written against (~=1.0.2). tests/test_pptx_parts.py compares the bytes and XML
they make with what python-pptx makes alone.

python-pptx rescans the whole package for each new part name, rebuilds each notes page from
the notes master, and reaches every XML value through proxies that ask an XPath question;
for a deck of a few dozen slides that was most of the writing time. These helpers write the
same XML python-pptx would — tests compare the two — by counting part names, copying each
layout's and the first notes page's placeholders, and writing text and shapes with lxml.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from xml.sax.saxutils import quoteattr

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart

from builder.theme.chain import script_slot

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PH = f"{{{_P}}}nvPr/{{{_P}}}ph"  # under a shape's first child (nvSpPr, nvPicPr, …)
_TX_BODY = f"{{{_P}}}txBody"
_A_P, _A_R, _A_RPR, _A_T, _A_BR, _A_LATIN = (
    f"{{{_A}}}{tag}" for tag in ("p", "r", "rPr", "t", "br", "latin")
)
Typefaces = Callable[[str], Sequence[tuple[str, "str | None"]]]  # text -> (run, fallback typeface)
MAX_SLIDE_ID = 2147483647  # the largest a presentation's slide list may hold (ECMA-376)
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")  # written as _xHHHH_, as python-pptx does


def placeholder_elements(tree) -> dict[int, object]:
    """The placeholder elements of a shape tree (p:spTree) by idx, in document order."""
    found = {}
    for element in tree.iterchildren():
        ph = element[0].find(_PH) if len(element) else None
        if ph is not None:
            found[int(ph.get("idx", "0"))] = element
    return found


def write_text(
    body,
    text: str,
    language: str,
    size: float | None = None,
    typeface: str | None = None,
    typefaces: Typefaces | None = None,
) -> None:
    """Give a text body (p:txBody) `text` as python-pptx's `TextFrame.text` would: a paragraph
    per line, a line break per vertical tab, control characters escaped; every run in
    `language`, and at `size` points and in `typeface` when given. `typefaces` cuts a piece
    into runs by the fallback typeface each needs (None: the template's). Written with lxml
    directly: python-pptx's proxies and their XPath lookups cost a deck tens of milliseconds.
    """
    for paragraph in body.findall(_A_P):
        body.remove(paragraph)
    for line in text.split("\n"):
        paragraph = etree.SubElement(body, _A_P)
        for index, piece in enumerate(line.split("\v")):
            if index:
                etree.SubElement(paragraph, _A_BR)
            if not piece:
                continue
            for part, fallback in typefaces(piece) if typefaces else ((piece, None),):
                run = etree.SubElement(paragraph, _A_R)
                properties = etree.SubElement(run, _A_RPR)
                if size is not None:  # (before the language, where python-pptx's proxies put it)
                    properties.set("sz", str(round(size * 100)))
                properties.set("lang", language)
                if fallback is not None:
                    set_typefaces(properties, part, fallback)
                elif typeface is not None:
                    etree.SubElement(properties, _A_LATIN, typeface=typeface)
                etree.SubElement(run, _A_T).text = escape_control(part)


def set_typefaces(properties, text: str, typeface: str) -> None:
    """Name `typeface` in a run's properties (a:rPr) for each kind of character `text` holds:
    a:latin, a:ea (East Asian) and a:cs (complex scripts) are where Office looks for each
    kind's font. Call it after any fill is added and before a link: the schema's order."""
    slots = {script_slot(char) for char in text if not char.isspace()} or {"latin"}
    for slot in ("latin", "ea", "cs"):
        if slot in slots:
            etree.SubElement(properties, f"{{{_A}}}{slot}", typeface=typeface)


def escape_control(text: str) -> str:
    """`text` with each control character but tab and line feed written as _xHHHH_, as
    python-pptx writes run text (XML cannot hold them)."""
    return _CONTROL.sub(lambda match: f"_x{ord(match[0]):04X}_", text)


_AUTOSHAPE = (
    f'<p:sp xmlns:p="{_P}" xmlns:a="{_A}"><p:nvSpPr><p:cNvPr id="{{id}}" name={{name}}/><p:cNvSpPr/>'
    '<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="{fill}"/>'
    "</a:solidFill><a:ln><a:noFill/></a:ln><a:effectLst/></p:spPr><p:style>"
    '<a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="3"><a:schemeClr val="accent1"/>'
    '</a:fillRef><a:effectRef idx="2"><a:schemeClr val="accent1"/></a:effectRef><a:fontRef idx="minor">'
    '<a:schemeClr val="lt1"/></a:fontRef></p:style><p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/>'
    '<a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p></p:txBody></p:sp>'
)


def autoshape(shape_id: int, name: str, preset: str, fill: str, box: tuple[int, int, int, int]):
    """A preset shape (p:sp) filled with a theme colour, with no outline and no shadow: the
    XML python-pptx's add_shape, then its fill, line and shadow proxies, would leave."""
    x, y, cx, cy = (int(value) for value in box)
    return parse_xml(
        _AUTOSHAPE.format(id=shape_id, name=quoteattr(name), x=x, y=y, cx=cx, cy=cy, preset=preset, fill=fill)
    )


def text_body(element):
    """A shape element's p:txBody."""
    return element.find(_TX_BODY)


def count_part_names(package) -> None:
    """Give this package a part-name counter in place of a scan of all parts per new part.

    Only this package object is changed; the first name for each pattern still comes from
    python-pptx's own scan, so a template's existing parts are respected.
    """
    scan = package.next_partname
    last: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        if template not in last:
            first = scan(template)
            last[template] = int(str(first)[len(template.split("%d")[0]) :].split(".")[0])
        else:
            last[template] += 1
        return PackURI(template % last[template])

    package.next_partname = next_partname


class NotesWriter:
    """Writes speaker notes, copying the first notes page's placeholders for the rest."""

    def __init__(self) -> None:
        self.prototype = None

    def write(self, slide, text: str, language: str, typefaces: Typefaces | None = None) -> None:
        """Give `slide` a notes page holding `text` (in fallback typefaces, see write_text)."""
        slide_part = slide.part
        master = slide_part.package.presentation_part.notes_master_part
        part = NotesSlidePart._add_notes_slide_part(slide_part.package, slide_part, master)
        notes = part.notes_slide
        element = part._element
        if self.prototype is None:  # as python-pptx builds a notes page from the notes master
            clone_placeholders(notes.shapes, master.notes_master.shapes._spTree, _cloned_to_notes)
            self.prototype = copy.deepcopy(element.find(qn("p:cSld")))
        else:
            element.replace(element.find(qn("p:cSld")), copy.deepcopy(self.prototype))
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        tree = notes._element.find(qn("p:cSld")).find(qn("p:spTree"))
        body = next((e for e in placeholder_elements(tree).values() if _is_body_element(e)), None)
        if body is None:  # a template whose notes master has no notes body: one is added
            body = _notes_body(tree, slide_part.package.presentation_part._element)
        write_text(text_body(body), text, language, typefaces=typefaces)


def _notes_body(tree, presentation):
    """A notes body placeholder added to a notes page whose master has none, so that no
    speaker note is lost: the lower half of the page, inside a tenth of its width."""
    size = presentation.find(qn("p:notesSz"))
    width, height = (int(size.get("cx")), int(size.get("cy"))) if size is not None else (6858000, 9144000)
    used = [int(value) for value in tree.xpath(".//@id") if value.isdigit()]
    shape_id = max(used, default=1) + 1
    element = parse_xml(
        f'<p:sp xmlns:p="{_P}" xmlns:a="{_A}"><p:nvSpPr>'
        f'<p:cNvPr id="{shape_id}" name="Notes Placeholder {shape_id - 1}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{width // 10}" y="{height // 2}"/>'
        f'<a:ext cx="{width * 8 // 10}" cy="{height * 4 // 10}"/></a:xfrm></p:spPr>'
        "<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>"
    )
    tree.append(element)
    return element


def add_placeholder_like(slide, layout_placeholder, name: str):
    """Add to `slide` an empty placeholder inheriting from `layout_placeholder`; its element.

    The same XML python-pptx's clone_placeholder writes: the placeholder reference and an
    empty body, nothing more, so position and style come from the layout.
    """
    ph = layout_placeholder._element.find(".//" + qn("p:ph"))
    tree = slide.shapes._spTree
    used = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    attributes = " ".join(f'{key}="{value}"' for key, value in ph.attrib.items())
    element = parse_xml(
        f'<p:sp xmlns:p="{_P}" xmlns:a="{_A}"><p:nvSpPr>'
        f'<p:cNvPr id="{max(used, default=1) + 1}" name="{name}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {attributes}/></p:nvPr></p:nvSpPr><p:spPr/>"
        "<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>"
    )
    tree.append(element)
    return element


class SlideMaker:
    """Adds slides, copying each layout's cloned placeholders from its first slide."""

    def __init__(self, presentation) -> None:
        self.presentation = presentation
        self.prototypes: dict[int, list] = {}

    def add(self, layout):
        """A new slide on `layout` with the layout's placeholders, as python-pptx adds it."""
        key = id(layout._element)
        relationship, slide = self.presentation.part.add_slide(layout)
        shapes = slide.shapes
        tree = shapes._spTree
        if key not in self.prototypes:
            clone_placeholders(shapes, layout.shapes._spTree, _cloned_to_slides)
            self.prototypes[key] = [copy.deepcopy(child) for child in tree.iterchildren() if _is_shape(child)]
        else:
            for child in self.prototypes[key]:
                tree.append(copy.deepcopy(child))
        ids = self.presentation.slides._sldIdLst
        next_id = max([255, *(int(entry.get("id")) for entry in ids)]) + 1  # python-pptx's rule, no XPath
        if next_id <= MAX_SLIDE_ID:
            ids._add_sldId(id=next_id, rId=relationship)
        else:  # python-pptx then looks for a gap
            ids.add_sldId(relationship)
        return slide


def clone_placeholders(shapes, source_tree, cloned) -> None:
    """Add to `shapes` a placeholder like each one of `source_tree` whose type `cloned(type)`
    accepts: python-pptx's clone_layout_placeholders and clone_master_placeholders, reading
    each placeholder element once instead of through proxies that ask an XPath question per
    property. Names and ids come from python-pptx, so the XML is the same."""
    tree = shapes._spTree
    for element in source_tree.iterchildren():
        ph = element[0].find(_PH) if len(element) else None
        if ph is None or not cloned(ph.type):
            continue
        shape_id = shapes._next_shape_id
        name = shapes._next_ph_name(ph.type, shape_id, ph.orient)
        tree.add_placeholder(shape_id, name, ph.type, ph.orient, ph.sz, ph.idx)


def _cloned_to_slides(kind) -> bool:
    """A layout's placeholders but its date, footer and slide number, as python-pptx clones."""
    return kind not in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


def _cloned_to_notes(kind) -> bool:
    """The notes master's slide image, notes body and slide number, as python-pptx clones."""
    return kind in (PP_PLACEHOLDER.SLIDE_IMAGE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.SLIDE_NUMBER)


def _is_body_element(element) -> bool:
    return element[0].find(_PH).get("type") == "body"


def _is_shape(element) -> bool:
    return element.tag not in (qn("p:nvGrpSpPr"), qn("p:grpSpPr"), qn("p:extLst"))


# -- what python-pptx keeps private ---------------------------------------------------------
def shape_for(shapes, element):
    """The python-pptx shape object for a p:sp element of `shapes`' tree (a placeholder gets
    its placeholder class), as python-pptx's own shape collections make them."""
    return shapes._shape_factory(element)


def fit_group(group) -> None:
    """Set a group's frame to its children's extent (python-pptx does so when a shape is added
    with add_shape, not when a freeform is)."""
    group.shapes._recalculate_extents()


def line_element(shape):
    """A shape's a:ln element, made if it has none (python-pptx keeps it private)."""
    return shape.line._get_or_add_ln()


def frame_body(frame):
    """A text frame's a:txBody element."""
    return frame._txBody


def content_types_xml(parts) -> bytes:
    """The package's [Content_Types].xml for `parts`, as python-pptx's save writes it."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    return serialize_part_xml(_ContentTypesItem.xml_for(parts))


def package_relationships(package):
    """The package's own relationships (_rels/.rels); parts have theirs as `part.rels`."""
    return package._rels


_TEXT_PROPERTIES = tuple(qn(f"a:{name}") for name in ("defRPr", "rPr", "endParaRPr"))


def set_default_language(presentation, language: str) -> int:
    """Give the template's default text styles (the presentation's, every master's and
    layout's) the deck's language, so text typed into the deck later is spell-checked in
    it; the number of styles changed."""
    trees = [presentation.part._element]
    for master in presentation.slide_masters:
        trees.append(master._element)
        trees.extend(layout._element for layout in master.slide_layouts)
    changed = 0
    for tree in trees:
        for element in tree.iter(*_TEXT_PROPERTIES):
            if element.get("lang") not in (None, language):
                element.set("lang", language)
                changed += 1
    return changed
