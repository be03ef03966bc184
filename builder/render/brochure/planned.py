"""What a planned brochure is: plain data, free of any PDF library and of the content model.

The plan is made in the process that reads the material (builder.render.brochure.plan)
and written where ReportLab is loaded (builder.render.brochure.write); one that only writes needs
these few classes, not the model's.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.errors import Problem
from builder.location import NOWHERE, Location
from builder.span import Span

LOGO_WIDTH = 1.6 * 72  # points: the clinic's logo on a cover or masthead


@dataclass(frozen=True)
class Item:
    """One piece of brochure content, still free of any PDF library.

    `kind` is one of: cover_logo, cover_kicker, cover_title, cover_condition, cover_message, cover_contact, cover_phone,
    cover_image, heading, subheading, paragraph, bullet, figure, callout, step, check, source, status, image,
    table, break (`detail` says column or page), contact_title, contact_text, contact_line, reference, link,
    term, colophon, web_link. A table's `cells` hold its rows, the header row first. A web_link is
    the QR code to `detail` (the condition's web page), under the phrase in `title` and over the
    address as printed, in `spans`. `boxed` items (a summary's) share one shaded box. `icon`
    names the theme icon a heading, box or contact title carries (key facts, status, …).
    """

    kind: str
    spans: tuple[Span, ...]
    loc: Location
    title: tuple[Span, ...] = ()
    number: int = 0
    detail: str = ""
    cells: tuple[tuple[tuple[Span, ...], ...], ...] = ()
    scale: float = 1.0  # a picture's width as a share of its column's
    boxed: bool = False
    icon: str = ""  # the theme icon (an ICON_ROLES name) drawn before it, where the theme has one

    @property
    def plain(self) -> str:
        cells = [span.text for row in self.cells for cell in row for span in cell]
        return "".join([span.text for span in self.title + self.spans] + cells)


@dataclass(frozen=True)
class PanelPlan:
    """One panel: where it sits (inches from the top left), its fill, and its fixed items."""

    name: str
    box: tuple[float, float, float, float]
    fill: str | None
    flows: bool
    items: tuple[Item, ...]
    loc: Location


@dataclass(frozen=True)
class SheetPlan:
    """One side of paper and its panels, in the order the flow visits them."""

    name: str
    panels: tuple[PanelPlan, ...]

    @property
    def flows(self) -> bool:
        """True when some of this sheet's panels take the flow."""
        return any(panel.flows for panel in self.panels)


@dataclass(frozen=True)
class BrochurePlan:
    """A whole brochure for one condition, on one paper size."""

    condition_id: str
    condition_name: str
    file_name: str
    title: str
    layout: str
    paper: str
    page: tuple[float, float]  # trim size in inches
    margin: float
    sheets: tuple[SheetPlan, ...]
    flow: tuple[Item, ...]
    grow: int = 0  # more pages like the last sheet that the flow may take
    page_numbers: bool = False  # "Page 1 of 2" at the foot of each page
    author: str = ""  # the organisation, for the PDF's metadata
    keywords: tuple[str, ...] = ()
    language: str = ""
    loc: Location = NOWHERE  # the material's, for a problem no item can be blamed for
    colour: str | None = None  # the condition's own primary colour
    review: str = ""  # version and review dates, for the document's properties
    web_address: str | None = None  # the condition's web page, which its QR code opens

    def items(self) -> tuple[Item, ...]:
        """Every item: the fixed panels', sheet by sheet, then the flow's."""
        found = [item for sheet in self.sheets for panel in sheet.panels for item in panel.items]
        return tuple(found) + self.flow


@dataclass(frozen=True)
class PlannedBrochure:
    """One condition's brochure as the reading process hands it on: its plan, every text
    meant for it (whose characters the font must be able to draw), the problems the checks
    that need no fonts found, and notes for the build log."""

    plan: BrochurePlan
    texts: tuple[tuple[str, Location], ...]
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()  # for the build log: what the brochure goes without, and why


def placed_size(pixel_width: int, pixel_height: int, width: float) -> tuple[float, float]:
    """The size in points a picture is placed at: its column's width, at most 1 pixel a point."""
    scale = min(1.0, width / pixel_width)
    return pixel_width * scale, pixel_height * scale
