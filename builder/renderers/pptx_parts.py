"""Faster ways to add what every slide needs: part names, speaker notes, footer placeholders.

python-pptx rescans the whole package for each new part name and rebuilds each notes page
from the notes master; for a deck of a few dozen slides that was most of the writing time.
These helpers produce the same parts — the same XML python-pptx would write — by counting
part names and copying the first notes page's placeholders.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart
from pptx.shapes.shapetree import SlideShapeFactory

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PH = f"{{{_P}}}nvPr/{{{_P}}}ph"  # under a shape's first child (nvSpPr, nvPicPr, …)


def placeholders_by_idx(shapes) -> dict[int, object]:
    """A slide's (or notes page's) placeholder shapes by idx, as python-pptx's own proxies.

    python-pptx asks an XPath question of every shape for every lookup; one lxml find per
    shape gives the same answer.
    """
    found = {}
    for element in shapes._spTree.iterchildren():
        ph = element[0].find(_PH) if len(element) else None
        if ph is not None:
            found[int(ph.get("idx", "0"))] = SlideShapeFactory(element, shapes)
    return found


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

    def write(self, slide, text: str, language: str) -> None:
        """Give `slide` a notes page holding `text`."""
        if self.prototype is None:
            notes = slide.notes_slide  # python-pptx builds the first one from the notes master
            self.prototype = copy.deepcopy(notes._element.find(qn("p:cSld")))
        else:
            slide_part = slide.part
            master = slide_part.package.presentation_part.notes_master_part
            part = NotesSlidePart._add_notes_slide_part(slide_part.package, slide_part, master)
            element = part._element
            element.replace(element.find(qn("p:cSld")), copy.deepcopy(self.prototype))
            slide_part.relate_to(part, RT.NOTES_SLIDE)
            notes = part.notes_slide
        body = next((shape for shape in placeholders_by_idx(notes.shapes).values() if _is_body(shape)), None)
        if body is None:  # a notes master without a body placeholder: python-pptx's way
            frame = notes.notes_text_frame
        else:
            frame = body.text_frame
        frame.text = text
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font._rPr.set("lang", language)


def add_placeholder_like(slide, layout_placeholder, name: str):
    """Add to `slide` an empty placeholder inheriting from `layout_placeholder`.

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
    return slide.shapes[len(slide.shapes) - 1]


class SlideMaker:
    """Adds slides, copying each layout's cloned placeholders from its first slide."""

    def __init__(self, presentation) -> None:
        self.presentation = presentation
        self.prototypes: dict[int, list] = {}

    def add(self, layout):
        """A new slide on `layout` with the layout's placeholders, as python-pptx adds it."""
        key = id(layout._element)
        if key not in self.prototypes:
            slide = self.presentation.slides.add_slide(layout)
            tree = slide.shapes._spTree
            self.prototypes[key] = [copy.deepcopy(child) for child in tree.iterchildren() if _is_shape(child)]
            return slide
        relationship, slide = self.presentation.part.add_slide(layout)
        tree = slide.shapes._spTree
        for child in self.prototypes[key]:
            tree.append(copy.deepcopy(child))
        self.presentation.slides._sldIdLst.add_sldId(relationship)
        return slide


def _is_body(shape) -> bool:
    ph = shape._element[0].find(_PH)
    return ph.get("type") == "body"


def _is_shape(element) -> bool:
    return element.tag not in (qn("p:nvGrpSpPr"), qn("p:grpSpPr"), qn("p:extLst"))
