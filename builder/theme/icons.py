"""A theme's icons: simple vector drawings on a square grid, read from `icons.yaml`.

An icon is a few shapes on an ICON_GRID-unit square, y running down as in SVG: polylines
(open and stroked, or closed and stroked or filled) and circles. Each renderer draws them
with its own vector primitives (ReportLab paths, inline SVG, PowerPoint freeforms), in one
colour, so an icon prints sharp at any size and follows the theme's colours.
"""

from __future__ import annotations

from dataclasses import dataclass

ICON_GRID = 24.0  # units on each side of an icon's square
# The content an icon marks: a theme may draw any of these (a theme without icons.yaml has none).
ICON_ROLES = ("key_facts", "status", "warning", "questions", "contact")
ICON_SIZE = 1.05  # of the text's size: an icon's side beside text, about a capital and a descender
ICON_GAP = 0.35  # of the text's size: between the icon and the text beside it


def icon_room(font_size: float) -> float:
    """The points an icon and its gap take before text of `font_size`."""
    return font_size * (ICON_SIZE + ICON_GAP)


@dataclass(frozen=True)
class Shape:
    """One stroke or fill of an icon: a polyline through `points`, or a circle of `radius`
    about its one point."""

    points: tuple[tuple[float, float], ...]
    radius: float = 0.0  # a circle when above zero
    closed: bool = False
    fill: bool = False  # filled, else stroked

    @property
    def is_circle(self) -> bool:
        return self.radius > 0


@dataclass(frozen=True)
class Icon:
    """One icon: its shapes, stroked `stroke` grid units wide."""

    name: str
    shapes: tuple[Shape, ...]
    stroke: float = 2.0


@dataclass(frozen=True)
class Icons:
    """The theme's icons by role."""

    icons: tuple[Icon, ...] = ()

    def get(self, role: str) -> Icon | None:
        """The icon for `role`, or None when the theme draws none for it."""
        return next((icon for icon in self.icons if icon.name == role), None)


def svg(icon: Icon, size: float, label: str = "") -> str:
    """The icon as inline SVG `size` CSS pixels square, drawn in the text's colour
    (currentColor); decorative (hidden from screen readers) unless `label` names it."""
    parts = []
    for shape in icon.shapes:
        paint = 'fill="currentColor" stroke="none"' if shape.fill else 'fill="none" stroke="currentColor"'
        if shape.is_circle:
            (x, y), r = shape.points[0], shape.radius
            parts.append(f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}" {paint}/>')
        else:
            points = " ".join(f"{x:g},{y:g}" for x, y in shape.points)
            tag = "polygon" if shape.closed else "polyline"
            parts.append(f'<{tag} points="{points}" {paint}/>')
    label_attributes = f'role="img" aria-label="{label}"' if label else 'aria-hidden="true" focusable="false"'
    return (
        f'<svg class="icon" width="{size:g}" height="{size:g}" viewBox="0 0 {ICON_GRID:g} {ICON_GRID:g}"'
        f' stroke-width="{icon.stroke:g}" stroke-linecap="round" stroke-linejoin="round"'
        f" {label_attributes}>{''.join(parts)}</svg>"
    )
