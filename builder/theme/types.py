"""What a theme is: the look, the deck binding and the brochure layouts of a `layouts/` folder.

Renderers import only this; reading and checking the folder's YAML is builder.theme.reader
(`load_theme`), which rendering never loads, nor the YAML parser with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from builder.location import NOWHERE, Location
from builder.theme.folder import DEFAULT_THEME, theme_folder  # noqa: F401  (where themes live)
from builder.theme.icons import Icons

if TYPE_CHECKING:  # a deck's theme carries no brochure layouts, so its renderer need not load them
    from builder.theme.brochure_layouts import BrochureLayout

SLIDE_KINDS = (
    "title",
    "agenda",
    "section",
    "bullets",
    "key_figure",
    "steps",
    "comparison",
    "image",
    "callout",
    "status",
    "questions",
    "glossary",
    "references",
    "closing",
    "table",
    "picture_text",
)
# Slide kinds a theme's deck.yaml may leave out, and the kind whose binding they then share
# (a theme written before tables came takes its bullets layout for them); None: no other
# (without a picture_text binding, a picture keeps a slide of its own).
OPTIONAL_SLIDE_KINDS: dict[str, str | None] = {"table": "bullets", "picture_text": None}
PLACEHOLDER_ROLES = (
    "title",
    "body",
    "figure",
    "left_heading",
    "left",
    "right_heading",
    "right",
    "picture",
    "caption",
)
COLOUR_NAMES = ("text", "muted", "background", "primary", "on_primary", "tint", "accent")
# Every (foreground, background) pair the renderers draw text with.
CONTRAST_PAIRS = (
    ("text", "background"),
    ("muted", "background"),
    ("primary", "background"),
    ("accent", "background"),
    ("on_primary", "primary"),
    ("text", "tint"),
    ("primary", "tint"),
)
MIN_CONTRAST = 4.5
FOOTER_CHOICES = ("organisation", "title")


@dataclass(frozen=True)
class FallbackFont:
    """A font of the fallback chain: it draws what the fonts before it cannot. Its files by
    style (regular at least: a style without a file uses the nearest one that has), and where
    theme.yaml names it, for a message when it is not installed."""

    family: str
    deck_typeface: str
    files: tuple[tuple[str, str], ...]
    loc: Location = field(default=NOWHERE, compare=False)  # equal fonts at other lines are one


@dataclass(frozen=True)
class Fonts:
    """The font family: its name, its TrueType files by style, and the deck's typeface name;
    then the fallback chain, tried in order for a character the family cannot draw."""

    family: str
    deck_typeface: str
    files: tuple[tuple[str, str], ...]
    fallback: tuple[FallbackFont, ...] = ()


@dataclass(frozen=True)
class DeckSizes:
    """Type sizes of the deck, in points."""

    DISPLAY_KINDS = ("title", "section", "closing")

    title_size: float
    display_title_size: float
    body_size: float
    min_title_size: float
    min_body_size: float
    figure_size: float
    notes_size: float
    steps_share: float  # the share of the body frame that a process diagram takes

    def title_size_for(self, kind: str) -> float:
        """The title size of a slide kind: larger on the full-colour display slides."""
        return self.display_title_size if kind in self.DISPLAY_KINDS else self.title_size


@dataclass(frozen=True)
class BrochureSizes:
    """Type sizes of the brochures, in points, and the line height factor."""

    body_size: float
    heading_size: float
    subheading_size: float
    cover_title_size: float
    small_size: float
    leading: float
    heading_leading: float = 1.1  # headings' line height: display type sets closer than text


@dataclass(frozen=True)
class SlideKindBinding:
    """Which template layout a slide kind uses, and the idx of each placeholder role."""

    kind: str
    layout: str
    placeholders: tuple[tuple[str, int], ...]

    def idx(self, role: str) -> int | None:
        """The placeholder idx for `role`, or None when this kind has no such placeholder."""
        return dict(self.placeholders).get(role)


@dataclass(frozen=True)
class Theme:
    """Everything in one theme folder."""

    name: str
    folder: str
    fonts: Fonts
    colours: tuple[tuple[str, str], ...]
    deck: DeckSizes
    brochure: BrochureSizes
    template: str
    slide_kinds: tuple[SlideKindBinding, ...]
    brochure_default: str
    brochure_layouts: tuple[BrochureLayout, ...]
    reference_geometry: tuple[tuple[str, int, tuple[float, float, float, float]], ...] = ()
    deck_footer: str = "organisation"  # what content slides' footers say: organisation or title
    icons: Icons = Icons()  # drawn beside key facts, status, warnings, questions and contact

    def colour(self, name: str) -> str:
        """A colour as RRGGBB hex."""
        return dict(self.colours)[name]

    def brochure_layout(self, name: str) -> BrochureLayout:
        """A brochure layout by name (trifold, factsheet, …)."""
        for layout in self.brochure_layouts:
            if layout.name == name:
                return layout
        raise KeyError(name)

    def default_brochure(self, large_print: bool = False) -> BrochureLayout:
        """The layout used when none is named: the theme's default; for large print, when the
        default cannot grow past its sheets (a tri-fold), the first layout that can."""
        default = self.brochure_layout(self.brochure_default)
        if large_print and not default.grow:
            return next((layout for layout in self.brochure_layouts if layout.grow), default)
        return default

    def binding(self, kind: str) -> SlideKindBinding:
        """The layout binding of a slide kind."""
        for binding in self.slide_kinds:
            if binding.kind == kind:
                return binding
        raise KeyError(kind)


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two RRGGBB colours, from 1 to 21."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


TINT_SHARE = 0.10  # a tint made for a brand colour is this much of it over white, as the
# default theme's is


def light_tint(colour: str) -> str:
    """RRGGBB `colour` at TINT_SHARE over white, or lighter, so that `colour` (headings and
    the boxes' titles) keeps the 4.5:1 contrast on it that every tint must have."""
    channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    share = TINT_SHARE
    while True:
        tint = "".join(f"{round(255 - share * (255 - c)):02X}" for c in channels)
        if share <= 0 or contrast_ratio(colour, tint) >= MIN_CONTRAST:
            return tint
        share = max(0.0, round(share - 0.01, 2))


def with_primary(theme: Theme, colour: str | None) -> Theme:
    """The theme with `colour` as its primary and a light tint of it (a condition's own
    colour); the theme itself when there is none."""
    if not colour:
        return theme
    colours = {**dict(theme.colours), "primary": colour, "tint": light_tint(colour)}
    return replace(theme, colours=tuple(sorted(colours.items())))
