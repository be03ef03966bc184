"""Small python-pptx helpers the library lacks: alt text, decorative marks, fitted pictures.

python-pptx has no public API for a shape's description (its alt text) or for Office's
"decorative" flag, so both are written here, in one place, on the shape's non-visual
properties (`p:cNvPr`).
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Emu

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def non_visual_properties(shape):
    """The shape's (a python-pptx shape's, or a shape element's) `p:cNvPr` element, where
    names, descriptions and flags live."""
    found = getattr(shape, "_element", shape).find(".//" + qn("p:cNvPr"))
    if found is None:  # pragma: no cover - every shape python-pptx makes has one
        raise ValueError("shape has no non-visual properties")
    return found


def set_alt_text(shape, text: str) -> None:
    """Write `text` as the shape's alt text (what a screen reader says)."""
    non_visual_properties(shape).set("descr", text)


def alt_text(shape) -> str:
    """The shape's alt text, or '' when it has none."""
    return non_visual_properties(shape).get("descr", "")


def mark_decorative(shape) -> None:
    """Flag the shape as decorative, so screen readers skip it (Office's 'Mark as decorative')."""
    properties = non_visual_properties(shape)
    properties.set("descr", "")
    extensions = properties.find(qn("a:extLst"))
    if extensions is None:
        extensions = etree.SubElement(properties, qn("a:extLst"))
    extension = etree.SubElement(extensions, qn("a:ext"), uri=DECORATIVE_URI)
    etree.SubElement(extension, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}, val="1")


def is_decorative(shape) -> bool:
    """True when the shape carries Office's decorative flag."""
    properties = non_visual_properties(shape)
    return properties.find(f".//{{{DECORATIVE_NS}}}decorative") is not None


def fitted_box(image_size: tuple[int, int], box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The largest (left, top, width, height) of the image's shape, centred inside `box`."""
    left, top, width, height = box
    image_width, image_height = image_size
    scale = min(width / image_width, height / image_height)
    fitted_width, fitted_height = round(image_width * scale), round(image_height * scale)
    return (
        left + (width - fitted_width) // 2,
        top + (height - fitted_height) // 2,
        fitted_width,
        fitted_height,
    )


def add_fitted_picture(shapes, path: str, box: tuple[int, int, int, int], alt: str, decorative: bool):
    """Add a picture scaled to fit inside `box` without cropping, with its alt text."""
    picture = shapes.add_picture(path, 0, 0)
    left, top, width, height = fitted_box((picture.width, picture.height), box)
    picture.left, picture.top, picture.width, picture.height = Emu(left), Emu(top), Emu(width), Emu(height)
    if decorative:
        mark_decorative(picture)
    else:
        set_alt_text(picture, alt)
    return picture
