"""Makes plain-4x3.pptx: a deliberately different template for the deck tests.

python-pptx's own template (4:3, PowerPoint's standard layout names and placeholder idx),
with other theme fonts (DejaVu Serif headings, DejaVu Sans body) and other colours. Run it
from anywhere: `python tests/templates/make_test_template.py`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from builder.render.deck.package import fix_core_properties, saved_bytes

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
HERE = Path(__file__).resolve().parent
COLOURS = {
    "dk1": "202020",
    "lt1": "FFFFFF",
    "dk2": "5B1A4A",
    "lt2": "F3EEF6",
    "accent1": "2E5E2E",
    "accent2": "8A2D00",
}
FONTS = {"majorFont": "DejaVu Serif", "minorFont": "DejaVu Sans"}


def build() -> bytes:
    presentation = Presentation()
    theme = presentation.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    scheme = root.find(f".//{{{A}}}clrScheme")
    for slot, colour in COLOURS.items():
        element = scheme.find(f"{{{A}}}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{A}}}srgbClr", val=colour)
    for which, typeface in FONTS.items():
        root.find(f".//{{{A}}}{which}/{{{A}}}latin").set("typeface", typeface)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    fix_core_properties(presentation, dt.date(2026, 1, 1), title="A different template")
    return saved_bytes(presentation)


if __name__ == "__main__":
    target = HERE / "plain-4x3.pptx"
    target.write_bytes(build())
    print(f"wrote {target}")
