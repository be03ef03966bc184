"""Registers a font family with ReportLab, loading each style's file on first use."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from builder.theme.fonts import STYLES, FontFiles


@lru_cache(maxsize=16)
def register_family(files: FontFiles) -> dict[str, str]:
    """The ReportLab name of each style; the family is mapped, the files load on first use."""
    names = {style: f"{files.family.replace(' ', '')}-{style}" for style in STYLES}
    _map_family(names)
    return names


def _map_family(names: dict[str, str]) -> None:
    """Tell ReportLab which font <b> and <i> switch to inside a paragraph."""
    pdfmetrics.registerFontFamily(
        names["regular"],
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold_italic"],
    )


@lru_cache(maxsize=64)
def load_style(files: FontFiles, style: str) -> str:
    """Parse and register one style's TrueType file (once); its ReportLab name."""
    names = register_family(files)
    name = names[style]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, files.path(style)))
        _map_family(names)  # registering a TrueType font maps its whole family to itself
    return name


def missing_glyphs(files: FontFiles, text: str, style: str = "regular") -> str:
    """The characters of `text` that one style's font cannot draw, from the character map
    ReportLab parsed when it loaded the file (so no second parse is needed)."""
    glyph_of = pdfmetrics.getFont(load_style(files, style)).face.charToGlyph
    return "".join(sorted(c for c in set(text) if not c.isspace() and not glyph_of.get(ord(c))))
