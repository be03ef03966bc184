"""Finds a theme's TrueType files on this machine, or falls back to the fonts ReportLab ships."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from builder.theme.types import FallbackFont, Fonts

STYLES = ("regular", "bold", "italic", "bold_italic")
FALLBACK_FAMILY = "Bitstream Vera Sans"
_FALLBACK_FILES = {
    "regular": "Vera.ttf",
    "bold": "VeraBd.ttf",
    "italic": "VeraIt.ttf",
    "bold_italic": "VeraBI.ttf",
}


def style_of(bold: bool, italic: bool) -> str:
    """The font style name for a span's flags."""
    if bold and italic:
        return "bold_italic"
    return "bold" if bold else "italic" if italic else "regular"


@dataclass(frozen=True)
class FontFiles:
    """The four TrueType files of one family, and whether they are the fallback."""

    family: str
    paths: tuple[tuple[str, str], ...]
    is_fallback: bool

    def path(self, style: str) -> str:
        """The file for 'regular', 'bold', 'italic' or 'bold_italic'."""
        return dict(self.paths)[style]


def font_folders(theme_folder: str) -> list[Path]:
    """Where fonts are looked for, in order: the theme, the user, the system."""
    home = Path.home()
    folders = [Path(theme_folder) / "fonts", Path(theme_folder).parent / "fonts"]
    folders += [home / ".local/share/fonts", home / ".fonts"]
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        folders += [Path(windir) / "Fonts", home / "AppData/Local/Microsoft/Windows/Fonts"]
    elif sys.platform == "darwin":
        folders += [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    else:
        folders += [Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]
    return folders


@lru_cache(maxsize=8)
def find_fonts(fonts: Fonts, theme_folder: str) -> FontFiles:
    """The theme's font files, or ReportLab's Vera family when any of them is missing."""
    found = _locate(dict(fonts.files), theme_folder)
    if len(found) == len(STYLES):
        return FontFiles(fonts.family, tuple(sorted(found.items())), is_fallback=False)
    return fallback_fonts()


@lru_cache(maxsize=16)
def find_fallback(font: FallbackFont, theme_folder: str) -> FontFiles | None:
    """A fallback font's files, where they are looked for as the family's are; a style it
    has no file for uses the nearest style that has one (bold italic: bold, then italic; any
    other: regular). None when its regular file is not installed."""
    found = _locate(dict(font.files), theme_folder)
    if "regular" not in found:
        return None
    found.setdefault("bold_italic", found.get("bold") or found.get("italic") or found["regular"])
    found.setdefault("bold", found["regular"])
    found.setdefault("italic", found["regular"])
    return FontFiles(font.family, tuple(sorted(found.items())), is_fallback=False)


def _locate(wanted: dict[str, str], theme_folder: str) -> dict[str, str]:
    """The path of each wanted file name (by style), searched for folder by folder in order,
    stopping at the folder where the last one is found."""
    found: dict[str, str] = {}
    for folder in font_folders(theme_folder):
        if not folder.is_dir():
            continue
        for root, _dirs, names in os.walk(folder):
            for style, name in wanted.items():
                if style not in found and name in names:
                    found[style] = str(Path(root) / name)
        if len(found) == len(wanted):
            break
    return found


def fallback_fonts() -> FontFiles:
    """The Bitstream Vera family that ships inside ReportLab."""
    spec = find_spec("reportlab")
    assert spec is not None and spec.origin is not None, "reportlab is a dependency"
    folder = Path(spec.origin).parent / "fonts"
    paths = tuple(sorted((style, str(folder / name)) for style, name in _FALLBACK_FILES.items()))
    return FontFiles(FALLBACK_FAMILY, paths, is_fallback=True)


# Free fonts drawn to the same widths as common Office fonts, so text measures the same.
METRIC_COMPATIBLE = {
    "calibri": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "times new roman": "Liberation Serif",
    "courier new": "Liberation Mono",
}
_STYLE_WORDS = {
    "regular": ("regular", "book", "normal", "roman", "medium"),
    "bold": ("bold",),
    "italic": ("italic", "oblique"),
    "bold_italic": ("bold italic", "bold oblique"),
}
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@lru_cache(maxsize=4)
def font_index(theme_folder: str) -> dict[tuple[str, str], str]:
    """Every font file found, by (lower-case family name, style)."""
    from builder.theme.ttf import FontFileError, read_family_name

    index: dict[tuple[str, str], str] = {}
    for folder in font_folders(theme_folder):
        if not folder.is_dir():
            continue
        for root, _dirs, names in os.walk(folder):
            for name in sorted(names):
                if not name.lower().endswith(FONT_SUFFIXES):
                    continue
                path = str(Path(root) / name)
                try:
                    family, subfamily = read_family_name(path)
                except (FontFileError, OSError, ValueError):
                    continue
                style = next((key for key, words in _STYLE_WORDS.items() if subfamily.lower() in words), None)
                if style:
                    index.setdefault((family.lower(), style), path)
    return index


def find_family(family: str, theme_folder: str) -> FontFiles | None:
    """The files of a family by its name, or of a metric-compatible stand-in; None if neither."""
    index = font_index(theme_folder)
    for name in (family, METRIC_COMPATIBLE.get(family.lower(), "")):
        regular = index.get((name.lower(), "regular"))
        if not name or not regular:
            continue
        bold = index.get((name.lower(), "bold"), regular)
        italic = index.get((name.lower(), "italic"), regular)
        paths = {
            "regular": regular,
            "bold": bold,
            "italic": italic,
            "bold_italic": index.get((name.lower(), "bold_italic"), bold),
        }
        return FontFiles(name, tuple(sorted(paths.items())), is_fallback=False)
    return None
