"""What a brochure layout is: its panels, its flow and its paper sizes (read from a theme's
brochure.yaml by builder.theme.brochure_layouts_reader)."""

from __future__ import annotations

from dataclasses import dataclass

from builder.location import Location

# Slots that hold source text: every layout must place each exactly once, so nothing is lost.
CONTENT_SLOTS = (
    "cover",
    "key_facts",
    "status",
    "glossary",
    "questions",
    "call_to_action",
    "references",
    "colophon",
    "sections",
)
# Slots that repeat text placed elsewhere (the contact lines on a cover): optional.
REPEAT_SLOTS = ("contact_strip",)
# Slots of what the builder makes itself (the QR code to the condition's web page, with its
# printed address): a layout places each at most once, on a panel or in the flow; a layout
# without one goes without it, and the build says so.
OPTIONAL_SLOTS = ("web_link",)
# Slots a layout may give a place of its own to what the source marks (a picture with
# `placement: cover`, a section with `summary: true`): placed at most once; a layout without
# one keeps that content with its section in the flow, where the source has it.
KEPT_SLOTS = ("cover_picture", "key_points")
PAPERS = ("letter", "a4")
FILLS = ("primary", "tint")


@dataclass(frozen=True)
class PanelLayout:
    """One panel: fixed content slots, or a part of the layout's flow."""

    name: str
    content: tuple[str, ...]
    flows: bool
    fill: str | None
    loc: Location


@dataclass(frozen=True)
class SheetLayout:
    """One side of paper and its panels, in the order the flow visits them."""

    name: str
    panels: tuple[PanelLayout, ...]


@dataclass(frozen=True)
class PaperLayout:
    """Where the panels sit on one paper size; inches, from the top left."""

    paper: str
    page: tuple[float, float]
    margin: float
    boxes: tuple[tuple[str, tuple[float, float, float, float]], ...]

    def box(self, panel: str) -> tuple[float, float, float, float]:
        """A panel's (left, top, width, height)."""
        return dict(self.boxes)[panel]


@dataclass(frozen=True)
class BrochureLayout:
    """A brochure layout such as the tri-fold or the fact sheet."""

    name: str
    flow: tuple[str, ...]
    sheets: tuple[SheetLayout, ...]
    papers: tuple[PaperLayout, ...]
    loc: Location
    grow: int = 0  # how many more pages like the last sheet the flow may take
    page_numbers: bool = False  # "Page 1 of 2" at the foot of each page

    def paper(self, name: str) -> PaperLayout:
        """The geometry for a paper size."""
        for paper in self.papers:
            if paper.paper == name:
                return paper
        raise KeyError(name)
