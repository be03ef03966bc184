"""Plans a talk deck from a material: which slides, of which kind, holding which lines.

`plan_deck()` is pure: it reads the model, the theme's sizes and the placeholder frames the
template offers, measures text through the `measure` it is given, and returns SlidePlans. Text
that does not fit a frame is split onto continuation slides; a single line too big for its
frame is a SourceError at that line. Nothing here writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol

from builder.errors import Problems
from builder.model import (
    Audience,
    Block,
    Bullets,
    Callout,
    Image,
    KeyFigure,
    Location,
    Material,
    Paragraph,
    Point,
    Questions,
    Section,
    Span,
    Status,
    Steps,
    Text,
)
from builder.theme import Theme
from builder.wording import cite_mark, long_date

# Insets of a text box (python-pptx and PowerPoint defaults) and the bullet indent, in points.
BOX_INSET_X = 7.2
BOX_INSET_Y = 3.6
BULLET_INDENT = 1.2  # the hanging indent of bullets and numbers, as a multiple of the size
SPACE_BEFORE = 0.4  # space before each paragraph, as a multiple of its size (see reference deck)
CHECKBOX = "\u25a1"  # □, which the theme font draws
STYLES = ("bullet", "plain", "number", "check", "heading", "figure", "caption")


class Measure(Protocol):
    """What planning needs to know about the font."""

    line_factor: float

    def wrap(self, spans: tuple[Span, ...], size: float, width: float) -> list[str]: ...


@dataclass(frozen=True)
class Line:
    """One paragraph on a slide."""

    spans: tuple[Span, ...]
    style: str = "bullet"
    loc: Location = field(default=Location("<built-in>"), compare=False)
    size: float = 0.0  # points; set when the line is fitted to its slide

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class SlidePlan:
    """One slide: its kind, title, placeholder contents and speaker notes."""

    kind: str
    title: str
    body: tuple[Line, ...] = ()
    figure: tuple[Line, ...] = ()
    notes: str = ""
    loc: Location = field(default=Location("<built-in>"), compare=False)


@dataclass(frozen=True)
class Frame:
    """A placeholder's size in points."""

    width: float
    height: float


Frames = dict[str, dict[str, Frame]]  # slide kind -> placeholder role -> frame


def plan_deck(material: Material, theme: Theme, frames: Frames, measure: Measure) -> list[SlidePlan]:
    """The slides of the talk, in order; SourceError when some text cannot fit at all."""
    planner = _Planner(material, theme, frames, measure)
    return planner.plan()


class _Planner:
    def __init__(self, material: Material, theme: Theme, frames: Frames, measure: Measure):
        self.material = material
        self.theme = theme
        self.frames = frames
        self.measure = measure
        self.problems = Problems()
        self.slides: list[SlidePlan] = []

    # -- the talk's outline ----------------------------------------------------------------
    def plan(self) -> list[SlidePlan]:
        m = self.material
        meta = m.meta
        title_lines = [_line(meta.subtitle, "plain")] if meta.subtitle else []
        title_lines.append(_line(meta.organisation, "plain"))
        self.fit(
            "title",
            meta.title.plain,
            title_lines,
            notes=f"Audience: {meta.audience.plain}. Material version {meta.version},"
            f" reviewed {long_date(meta.reviewed)}; review by {long_date(meta.review_by)}.",
            loc=meta.loc,
        )
        agenda = [_plain_line(s.title.plain, s.loc) for s in m.sections_before_conditions]
        agenda += [_plain_line(c.name.plain, c.loc) for c in m.conditions]
        agenda += [_plain_line(s.title.plain, s.loc) for s in m.sections_after_conditions]
        self.fit(
            "agenda",
            "What we will cover",
            agenda,
            notes="The talk follows this order; each condition has its own part.",
            loc=m.loc,
        )
        for section in m.sections_before_conditions:
            self.section(section)
        for condition in m.conditions:
            self.fit(
                "section",
                condition.name.plain,
                [_line(condition.main_message, "plain")],
                notes=f"Main message for {condition.name.plain}: {condition.main_message.plain}",
                loc=condition.loc,
            )
            for section in condition.sections:
                self.section(section)
        for section in m.sections_after_conditions:
            self.section(section)
        if m.glossary:
            words = [
                Line((Span(entry.term.plain, bold=True), Span(": "), *entry.definition.spans), "plain", entry.loc)
                for entry in m.glossary
            ]
            self.fit("glossary", "Words to know", words, notes="Plain-language meanings of the medical words used today.", loc=m.loc)
        if m.references:
            refs = [
                Line(
                    (Span(f"[{number}] "), *ref.citation.spans, *((Span(" "), Span(ref.url, href=ref.url)) if ref.url else ())),
                    "plain",
                    ref.loc,
                )
                for number, ref in enumerate(m.references, start=1)
            ]
            self.fit("references", "References", refs, notes="Sources for the figures and statements in this talk.", loc=m.loc, size=self.theme.deck.min_body_size)
        call = m.call_to_action
        closing = [_line(call.text, "plain"), *(_line(line, "caption") for line in call.contact)]
        self.fit("closing", call.title.plain, closing, notes=call.text.plain, loc=call.loc)
        self.check_titles()
        self.problems.raise_if_any()
        return self.slides

    # -- one section -----------------------------------------------------------------------
    def section(self, section: Section) -> None:
        blocks = section.blocks_for(Audience.DECK)
        main: list[Line] = []
        figures: list[KeyFigure] = []
        own_slides: list[Block] = []
        has_steps = False
        for block in blocks:
            if isinstance(block, KeyFigure):
                figures.append(block)
            elif isinstance(block, Status) or (isinstance(block, Questions) and block.title):
                own_slides.append(block)
            else:
                has_steps = has_steps or isinstance(block, Steps)
                main.extend(self.lines(block))
        notes = self.notes_for(section)
        if figures:
            figure_lines = []
            for figure in figures:
                figure_lines.append(Line(figure.value.spans, "figure", figure.loc))
                figure_lines.append(Line(figure.label.spans + self.cite_spans(figure), "plain", figure.loc))
            self.fit("key_figure", section.title.plain, main, notes=notes, loc=section.loc, figure=tuple(figure_lines))
        elif main:
            self.fit("steps" if has_steps else "bullets", section.title.plain, main, notes=notes, loc=section.loc)
        for block in own_slides:
            if isinstance(block, Status):
                lines = [
                    Line(block.text.spans + self.cite_spans(block), "plain", block.loc),
                    _plain_line(f"Status as of {long_date(block.as_of)}.", block.loc, style="caption"),
                ]
                self.fit("status", block.title.plain, lines, notes=notes if not main and not figures else f"{block.title.plain}: {block.text.plain}", loc=block.loc)
            elif isinstance(block, Questions):
                lines = [Line(item.spans, "check", item.loc) for item in block.items]
                if block.cites:
                    lines.append(Line(self.cite_spans(block, lead="Adapted from "), "caption", block.loc))
                self.fit("questions", block.title.plain if block.title else section.title.plain, lines, notes=notes if not main and not figures else "Go through the checklist together.", loc=block.loc)

    def lines(self, block: Block) -> list[Line]:
        """The lines a block puts on a slide."""
        cite = self.cite_spans(block)
        match block:
            case Paragraph(text=text):
                return [Line(text.spans + cite, "bullet", block.loc)]
            case Point(slide=slide):
                return [Line(slide.spans + cite, "bullet", block.loc)]
            case Bullets(items=items):
                return [Line(item.spans + (cite if i == len(items) - 1 else ()), "bullet", item.loc) for i, item in enumerate(items)]
            case Callout(title=title, text=text):
                heading = [Line(title.spans, "heading", block.loc)] if title else []
                return heading + [Line(text.spans + cite, "plain", block.loc)]
            case Steps(steps=steps):
                return [
                    Line((Span(step.title.plain, bold=True), *((Span(": "), *step.text.spans) if step.text else ())), "number", step.loc)
                    for step in steps
                ]
            case Questions(items=items):
                return [Line(item.spans, "check", item.loc) for item in items]
            case Image(alt=alt, caption=caption):
                words = caption or alt
                return [Line(words.spans, "caption", block.loc)] if words else []
            case Status(text=text):
                return [Line(text.spans + cite, "plain", block.loc)]
        raise TypeError(f"no slide form for {type(block).__name__}")  # pragma: no cover

    def cite_spans(self, block: Block, lead: str = " ") -> tuple[Span, ...]:
        if not block.cites:
            return ()
        numbers = [self.material.reference_number(ref) for ref in block.cites]
        return (Span(lead + cite_mark(numbers)),)

    def notes_for(self, section: Section) -> str:
        """The author's notes, then every handout sentence the slide does not show."""
        parts = [section.notes.plain] if section.notes else []
        handout_only = []
        for block in section.blocks:
            if isinstance(block, Point):
                handout_only.append(block.handout.plain)
            elif block.only is Audience.BROCHURE:
                handout_only.extend(_block_words(block))
        if handout_only:
            parts.append("From the handout: " + " ".join(handout_only))
        return "\n\n".join(parts) or section.title.plain

    # -- fitting ---------------------------------------------------------------------------
    def fit(self, kind: str, title: str, lines: list[Line], *, notes: str, loc: Location,
            figure: tuple[Line, ...] = (), size: float | None = None) -> None:
        """Add one slide, or several numbered ones when the lines need more room.

        The body text starts at the theme's body size and steps down towards the minimum
        size until it fits one slide; if it fits at none, it is split at the body size.
        """
        deck = self.theme.deck
        frame = self.frames[kind].get("body")
        self.check_title(title, kind, loc)
        if figure:
            figure = tuple(replace(line, size=self.line_size(line, deck.body_size)) for line in figure)
            self.check_fits(figure, self.frames[kind]["figure"], kind)
        if frame is None:
            self.add(SlidePlan(kind, title, (), figure, notes, loc))
            return
        largest = size or deck.body_size
        candidates = [largest - step for step in range(0, int(largest - deck.min_body_size) + 1, 2)]
        split_at = None
        for candidate in candidates:
            sized = [replace(line, size=self.line_size(line, candidate)) for line in lines]
            pages = self.paginate(sized, frame)
            if pages is None:
                continue  # some line is taller than the frame at this size
            if len(pages) == 1:
                self.add(SlidePlan(kind, title, tuple(pages[0]), figure, notes, loc))
                return
            split_at = split_at or pages
        if split_at is None:
            smallest = [replace(line, size=self.line_size(line, candidates[-1])) for line in lines]
            self.report_too_tall(smallest, frame, kind, title)
            return
        for number, page in enumerate(split_at, start=1):
            page_notes = notes if number == 1 else f"Continued from '{title} (1 of {len(split_at)})'.\n\n{notes}"
            self.add(SlidePlan(kind, f"{title} ({number} of {len(split_at)})", tuple(page), figure if number == 1 else (), page_notes, loc))

    def paginate(self, lines: list[Line], frame: Frame) -> list[list[Line]] | None:
        """Lines grouped into pages that each fit the frame; None if one line never fits."""
        room = frame.height - 2 * BOX_INSET_Y
        pages: list[list[Line]] = [[]]
        used = 0.0
        for line in lines:
            height = self.line_height(line, frame)
            gap = SPACE_BEFORE * line.size  # no space above a frame's first paragraph
            if height - gap > room:
                return None
            if pages[-1] and used + height > room:
                pages.append([])
                used = 0.0
            pages[-1].append(line)
            used += height if len(pages[-1]) > 1 else height - gap
        return [page for page in pages if page] or [[]]

    def report_too_tall(self, lines: list[Line], frame: Frame, kind: str, title: str) -> None:
        room = frame.height - 2 * BOX_INSET_Y
        for line in lines:
            if self.line_height(line, frame) - SPACE_BEFORE * line.size > room:
                self.problems.add(
                    line.loc,
                    f"this text is too long for one slide even on its own at {line.size:g} pt"
                    f" ({kind} slide '{title}'); split it into shorter points",
                )

    def line_height(self, line: Line, frame: Frame) -> float:
        line_size = line.size
        indent = bullet_indent(line) if line.style in ("bullet", "number", "check") else 0.0
        width = frame.width - 2 * BOX_INSET_X - indent
        rows = len(self.measure.wrap(line.spans, line_size, width))
        return rows * line_size * self.measure.line_factor + SPACE_BEFORE * line_size

    def line_size(self, line: Line, size: float) -> float:
        if line.style == "figure":
            return self.theme.deck.figure_size
        if line.style == "caption":
            return self.theme.deck.min_body_size
        return size

    def check_fits(self, lines: tuple[Line, ...], frame: Frame, kind: str) -> None:
        total = sum(self.line_height(line, frame) for line in lines)
        if total > frame.height - 2 * BOX_INSET_Y:
            self.problems.add(lines[0].loc, f"the key figure and its label do not fit their box on the {kind} slide")

    def check_title(self, title: str, kind: str, loc: Location) -> None:
        frame = self.frames[kind]["title"]
        size = self.theme.deck.title_size_for(kind)
        rows = len(self.measure.wrap((Span(title),), size, frame.width - 2 * BOX_INSET_X))
        if rows * size * self.measure.line_factor > frame.height - 2 * BOX_INSET_Y:
            self.problems.add(loc, f"the title '{title}' is too long for its slide; shorten it")

    def check_titles(self) -> None:
        seen: dict[str, SlidePlan] = {}
        for slide in self.slides:
            if not slide.title.strip():
                self.problems.add(slide.loc, f"a {slide.kind} slide has no title")
            elif slide.title in seen:
                self.problems.add(slide.loc, f"the slide title '{slide.title}' is already used (at line {seen[slide.title].loc.line}); slide titles must be unique")
            else:
                seen[slide.title] = slide

    def add(self, slide: SlidePlan) -> None:
        self.slides.append(slide)


def bullet_indent(line: Line) -> float:
    """How far a bulleted or numbered line's text stands in from the bullet, in points."""
    return round(BULLET_INDENT * line.size, 1)


def _line(text: Text, style: str) -> Line:
    return Line(text.spans, style, text.loc)


def _plain_line(words: str, loc: Location, style: str = "bullet") -> Line:
    return Line((Span(words),), style, loc)


def _block_words(block: Block) -> list[str]:
    """Every sentence a block holds, as plain text."""
    match block:
        case Paragraph(text=text) | Status(text=text):
            return [text.plain]
        case Point(handout=handout):
            return [handout.plain]
        case Bullets(items=items) | Questions(items=items):
            return [item.plain for item in items]
        case KeyFigure(value=value, label=label):
            return [f"{value.plain} {label.plain}"]
        case Callout(title=title, text=text):
            return [w for w in ((title.plain if title else ""), text.plain) if w]
        case Steps(steps=steps):
            return [f"{s.title.plain}: {s.text.plain if s.text else ''}" for s in steps]
        case Image(alt=alt, caption=caption):
            return [t.plain for t in (caption, alt) if t]
    return []
