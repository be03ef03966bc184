"""Finds a theme's folder by name or path, without reading it."""

from __future__ import annotations

from pathlib import Path

from builder.errors import SourceError
from builder.location import Location

DEFAULT_THEME = "default"


def theme_folder(name_or_path: str = DEFAULT_THEME) -> Path:
    """A theme folder: a path, or a name under ./layouts or the project's own layouts/."""
    candidate = Path(name_or_path)
    if candidate.is_dir():
        return candidate
    for layouts in (Path("layouts"), Path(__file__).resolve().parents[2] / "layouts"):  # ./, the project's
        if (layouts / name_or_path).is_dir():
            return layouts / name_or_path
    raise SourceError.at(Location(name_or_path), "no such theme folder (looked in layouts/)")
