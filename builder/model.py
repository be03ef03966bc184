"""The content model: what a material says, independent of any source format or output.

This module is the contract between the reader and the renderers. It holds plain frozen
dataclasses and imports only the standard library. Every object remembers where in the
source it came from (`loc`), so a problem found while rendering can still point at a line.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum

from builder.location import NOWHERE, Location  # noqa: F401  (part of the model's contract)
from builder.span import Span  # part of the model's contract; see builder.span for why apart


@dataclass(frozen=True, slots=True)
class Text:
    """Inline text: styled spans plus the place it was written."""

    spans: tuple[Span, ...]
    loc: Location = NOWHERE

    @property
    def plain(self) -> str:
        """The words without any styling."""
        return "".join(span.text for span in self.spans)

    def __bool__(self) -> bool:
        return bool(self.plain.strip())


class Audience(Enum):
    """Which outputs a block is meant for."""

    BOTH = "both"
    DECK = "deck"
    BROCHURE = "brochure"

    def includes(self, output: "Audience") -> bool:
        """True when a block for this audience belongs in `output` (DECK or BROCHURE)."""
        return self is Audience.BOTH or self is output


@dataclass(frozen=True)
class Block:
    """What every block has: its audience, the references it cites, its place."""

    loc: Location
    only: Audience
    cites: tuple[str, ...]
    regions: tuple[str, ...] = field(default=(), kw_only=True)  # empty: every region
    warning: bool = field(default=False, kw_only=True)  # it quotes claims as warning signs


@dataclass(frozen=True)
class Paragraph(Block):
    """Prose."""

    text: Text


@dataclass(frozen=True)
class Bullets(Block):
    """An unordered list."""

    items: tuple[Text, ...]


@dataclass(frozen=True)
class Point(Block):
    """One point in two forms: a short slide bullet and the fuller handout prose."""

    slide: Text
    handout: Text


@dataclass(frozen=True)
class KeyFigure(Block):
    """A number that matters, what it counts, and (through `cites`) where it comes from."""

    value: Text
    label: Text


@dataclass(frozen=True)
class Callout(Block):
    """A highlighted message, optionally with a heading."""

    title: Text | None
    text: Text


@dataclass(frozen=True)
class Step:
    """One step of an ordered process."""

    title: Text
    text: Text | None
    loc: Location


@dataclass(frozen=True)
class Steps(Block):
    """An ordered process."""

    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Questions(Block):
    """A checklist of questions for the reader to ask."""

    title: Text | None
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Image(Block):
    """A picture: an absolute path checked to exist inside the source folder, and alt text."""

    path: str
    alt: Text | None
    caption: Text | None
    decorative: bool
    title: Text | None = None  # the picture slide's title, when the caption is not it
    size: str = "full"  # in a brochure: the width of its column (full) or half of it
    placement: str = "sections"  # in a brochure: a content slot (cover, key_facts, …) or a panel
    press_path: str | None = None  # a high-resolution file for press prints, checked like path


@dataclass(frozen=True)
class Comparison(Block):
    """Two lists side by side, such as what is known and what is not known yet."""

    title: Text | None
    left_heading: Text
    left: tuple[Text, ...]
    right_heading: Text
    right: tuple[Text, ...]


@dataclass(frozen=True)
class Status(Block):
    """The regulatory and evidence status of the treatment, as of a date."""

    title: Text
    text: Text
    as_of: _dt.date


@dataclass(frozen=True)
class Table(Block):
    """A grid of text: a header row naming the columns, then rows with a cell per column."""

    title: Text | None
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    row_locs: tuple[Location, ...] = ()  # each row's place, for a row that cannot fit


@dataclass(frozen=True)
class Break(Block):
    """A hint that what follows starts afresh: in a brochure in the next column or on the
    next page (`to`), in the deck on a slide of its own."""

    to: str


BLOCK_TYPES: tuple[type[Block], ...] = (
    Paragraph,
    Bullets,
    Point,
    KeyFigure,
    Callout,
    Steps,
    Questions,
    Image,
    Comparison,
    Status,
    Table,
    Break,
)


@dataclass(frozen=True)
class Section:
    """A titled run of blocks with the speaker's notes for it."""

    id: str
    title: Text
    blocks: tuple[Block, ...]
    notes: Text | None
    loc: Location
    layout: str | None = None  # a validated slide-kind hint for this section's first slide
    summary: bool = False  # the handout's key points: a layout may give them a box up front

    def blocks_for(self, output: Audience) -> tuple[Block, ...]:
        """The blocks meant for `output` (Audience.DECK or Audience.BROCHURE)."""
        return tuple(block for block in self.blocks if block.only.includes(output))


@dataclass(frozen=True)
class Condition:
    """A condition the material covers, with its own main message and sections."""

    id: str
    name: Text
    main_message: Text
    sections: tuple[Section, ...]
    loc: Location
    colour: str | None = None  # RRGGBB: its brochures' primary colour, in place of the theme's
    colour_loc: Location | None = None


@dataclass(frozen=True)
class Reference:
    """A published source that blocks cite by `id`."""

    id: str
    citation: Text
    url: str | None
    accessed: _dt.date | None
    loc: Location
    language: str | None = None  # the language of the work cited (None: the material's)


@dataclass(frozen=True)
class GlossaryEntry:
    """A term and its plain-language definition, and which outputs list it."""

    term: Text
    definition: Text
    loc: Location
    only: Audience = Audience.BOTH  # a leaflet that defines a term where it is used may leave it out


@dataclass(frozen=True)
class CallToAction:
    """What the reader should do next, and how to reach the clinic."""

    title: Text
    text: Text
    contact: tuple[Text, ...]
    loc: Location


@dataclass(frozen=True)
class Metadata:
    """Who the material is for, who wrote it, and when it was reviewed."""

    id: str
    title: Text
    subtitle: Text | None
    audience: Text
    language: str
    version: str
    author: Text
    organisation: Text
    reviewed: _dt.date
    review_by: _dt.date
    keywords: tuple[str, ...]
    loc: Location
    reviewed_by: Text | None = None  # the clinician who reviewed it

    def review_line(self) -> str:
        """Version and review dates in one line, for documents' properties (ISO dates)."""
        by = f" by {self.reviewed_by.plain}" if self.reviewed_by else ""
        return (
            f"Version {self.version}; reviewed {self.reviewed.isoformat()}{by};"
            f" review by {self.review_by.isoformat()}"
        )


@dataclass(frozen=True)
class Material:
    """One complete material: shared sections, conditions, references and glossary."""

    meta: Metadata
    variables: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    conditions: tuple[Condition, ...]
    call_to_action: CallToAction
    references: tuple[Reference, ...]
    glossary: tuple[GlossaryEntry, ...]
    loc: Location
    conditions_at: int = -1
    logo: str | None = None  # the clinic's logo (variable clinic.logo), checked to exist
    source_dir: str = field(default="", compare=False)

    def glossary_for(self, output: Audience) -> tuple[GlossaryEntry, ...]:
        """The glossary entries meant for `output` (Audience.DECK or Audience.BROCHURE)."""
        return tuple(entry for entry in self.glossary if entry.only.includes(output))

    @property
    def sections_before_conditions(self) -> tuple[Section, ...]:
        """Shared sections that come before the conditions' own sections."""
        return self.sections[: self._split]

    @property
    def sections_after_conditions(self) -> tuple[Section, ...]:
        """Shared sections that come after the conditions' own sections."""
        return self.sections[self._split :]

    def sections_of(self, condition: Condition) -> tuple[Section, ...]:
        """Every section of a condition's brochure, in order: the shared ones with the
        condition's own where `insert: conditions` puts them."""
        return self.sections_before_conditions + condition.sections + self.sections_after_conditions

    @property
    def _split(self) -> int:
        return len(self.sections) if self.conditions_at < 0 else self.conditions_at

    def condition(self, condition_id: str) -> Condition:
        """The condition with this id; KeyError when there is none."""
        for condition in self.conditions:
            if condition.id == condition_id:
                return condition
        raise KeyError(condition_id)

    def reference_number(self, reference_id: str) -> int:
        """The 1-based number under which a reference is listed."""
        for number, reference in enumerate(self.references, start=1):
            if reference.id == reference_id:
                return number
        raise KeyError(reference_id)

    def variable(self, dotted_name: str, default: str = "") -> str:
        """A variable's value by dotted name such as 'clinic.phone'."""
        return dict(self.variables).get(dotted_name, default)
