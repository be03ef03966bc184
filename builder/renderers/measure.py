"""Measures text with a font's real metrics: widths, line breaks and line heights."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from builder.fonts import STYLES, FontFiles
from builder.model import Span


def style_of(bold: bool, italic: bool) -> str:
    """The font style name for a span's flags."""
    if bold and italic:
        return "bold_italic"
    return "bold" if bold else "italic" if italic else "regular"


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


def line_height_factor(path: str) -> float:
    """The line height as a multiple of the size, as Office and LibreOffice lay lines out.

    That is the font's Windows ascent plus descent (OS/2 table) over its units per em.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    tables = {}
    (count,) = struct.unpack(">H", data[4:6])
    for index in range(count):
        entry = data[12 + 16 * index : 28 + 16 * index]
        tag, _checksum, offset, _length = struct.unpack(">4sIII", entry)
        tables[tag] = offset
    units_per_em = struct.unpack(">H", data[tables[b"head"] + 18 : tables[b"head"] + 20])[0]
    os2 = tables[b"OS/2"]
    win_ascent, win_descent = struct.unpack(">HH", data[os2 + 74 : os2 + 78])
    return (win_ascent + win_descent) / units_per_em


@dataclass(frozen=True)
class TextMeasure:
    """Measures spans set in one font family."""

    files: FontFiles

    def font_name(self, style: str = "regular") -> str:
        """The registered name of a style, loading its file on first use."""
        return load_style(self.files, style)

    @property
    def line_factor(self) -> float:
        return _cached_line_factor(self.files.path("regular"))

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The advance width of `text` in points."""
        return _unit_width(text, self.font_name(style_of(bold, italic))) * size

    def missing_glyphs(self, text: str) -> str:
        """The characters of `text` that the regular font cannot draw."""
        face = pdfmetrics.getFont(self.font_name()).face
        return "".join(sorted({c for c in text if not c.isspace() and ord(c) not in face.charToGlyph}))

    def wrap(self, spans: tuple[Span, ...], size: float, width: float) -> list[str]:
        """Break styled text into lines no wider than `width`, the way a text box does."""
        words: list[tuple[str, float, float]] = []  # (word, width, width of a following space)
        for span in spans:
            for index, piece in enumerate(span.text.split(" ")):
                if index > 0 or not words:
                    words.append(("", 0.0, 0.0))
                word, word_width, _ = words[-1]
                space = self.width(" ", size, span.bold, span.italic)
                words[-1] = (word + piece, word_width + self.width(piece, size, span.bold, span.italic), space)
        lines: list[str] = []
        current, current_width = "", 0.0
        for word, word_width, space in words:
            if not word:
                continue
            if current and current_width + word_width > width:
                lines.append(current)
                current, current_width = "", 0.0
            while word_width > width and len(word) > 1:  # a word longer than the line breaks
                cut = len(word) - 1
                while cut > 1 and self.width(word[:cut], size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = self.width(word, size)
            current = f"{current} {word}" if current else word
            current_width += word_width + space
        if current:
            lines.append(current)
        return lines or [""]

    def height(self, spans: tuple[Span, ...], size: float, width: float) -> float:
        """The height in points that the wrapped text takes at single line spacing."""
        return len(self.wrap(spans, size, width)) * size * self.line_factor


@lru_cache(maxsize=16)
def _cached_line_factor(path: str) -> float:
    return line_height_factor(path)


@lru_cache(maxsize=65536)
def _unit_width(text: str, font_name: str) -> float:
    """A word's width at 1 pt: widths scale with the size, so one measurement serves all."""
    return pdfmetrics.stringWidth(text, font_name, 1.0)
