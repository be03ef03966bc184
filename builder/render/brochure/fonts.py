"""Registers a font family with ReportLab, loading each style's file on first use, and the
theme's fallback fonts when a text first needs one."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from builder.theme.chain import FontChain, all_drawn, drawn_below, split_by_font
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


@lru_cache(maxsize=16)
def load_fallback(files: FontFiles) -> dict[str, str]:
    """Parse and register a fallback font's files, each once however many styles share it
    (so none is embedded twice); the ReportLab name of each style."""
    by_path: dict[str, str] = {}
    names = {}
    for style in STYLES:
        path = files.path(style)
        if path not in by_path:
            by_path[path] = f"{files.family.replace(' ', '')}-{style}"
            pdfmetrics.registerFont(TTFont(by_path[path], path))
        names[style] = by_path[path]
    _map_family(names)
    return names


@lru_cache(maxsize=8192)
def font_runs(main: str, chain: FontChain, text: str) -> tuple[tuple[str, dict[str, str] | None], ...]:
    """`text` in pieces by the font that draws them: (piece, None) for the registered font
    `main`, (piece, ReportLab names by style) for a fallback font, which is loaded now. A
    character no font draws stays with `main` (the glyph check has reported it)."""
    draws = _draws(main)
    if all_drawn(text, draws, _drawn_below(main)):
        return ((text, None),)
    covers = [draws, *chain.covers()]
    runs = []
    for piece, index in split_by_font(text, covers):
        names = load_fallback(chain.files(index - 1)) if index > 0 else None  # type: ignore[arg-type]
        if runs and names is None and runs[-1][1] is None:
            runs[-1] = (runs[-1][0] + piece, None)
        else:
            runs.append((piece, names))
    return tuple(runs)


@lru_cache(maxsize=16)
def _draws(name: str):
    """Whether the registered font `name` draws a character, from the map ReportLab parsed."""
    glyph_of = pdfmetrics.getFont(name).face.charToGlyph
    return lambda char: bool(glyph_of.get(ord(char)))


@lru_cache(maxsize=16)
def _drawn_below(name: str) -> str:
    return drawn_below(_draws(name))
