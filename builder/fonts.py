"""Finds a theme's TrueType files on this machine, or falls back to the fonts ReportLab ships."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from builder.theme import Fonts

STYLES = ("regular", "bold", "italic", "bold_italic")
FALLBACK_FAMILY = "Bitstream Vera Sans"
_FALLBACK_FILES = {
    "regular": "Vera.ttf",
    "bold": "VeraBd.ttf",
    "italic": "VeraIt.ttf",
    "bold_italic": "VeraBI.ttf",
}


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
    wanted = dict(fonts.files)
    found: dict[str, str] = {}
    for folder in font_folders(theme_folder):
        if not folder.is_dir():
            continue
        for root, _dirs, names in os.walk(folder):
            for style, name in wanted.items():
                if style not in found and name in names:
                    found[style] = str(Path(root) / name)
        if len(found) == len(STYLES):
            return FontFiles(fonts.family, tuple(sorted(found.items())), is_fallback=False)
    return fallback_fonts()


def fallback_fonts() -> FontFiles:
    """The Bitstream Vera family that ships inside ReportLab."""
    spec = find_spec("reportlab")
    assert spec is not None and spec.origin is not None, "reportlab is a dependency"
    folder = Path(spec.origin).parent / "fonts"
    paths = tuple(sorted((style, str(folder / name)) for style, name in _FALLBACK_FILES.items()))
    return FontFiles(FALLBACK_FAMILY, paths, is_fallback=True)
