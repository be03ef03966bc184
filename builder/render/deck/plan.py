"""Plans a talk deck from a material: which slides, of which kind, holding which lines.

`plan_deck()` is pure: it reads the model, the theme's sizes and the placeholder frames the
template offers, measures text through the `measure` it is given, and returns SlidePlans. Text
that does not fit a frame shrinks towards the theme's minimum size and is then split onto
continuation slides; text that cannot fit even alone is a SourceError at its source line.
Nothing here writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol

from builder.errors import Problems
from builder.model import (
    Audience,
    Block,
    Break,
    Bullets,
    Callout,
    Comparison,
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
    Table,
    Text,
)
from builder.render.columns import column_widths
from builder.span import labelled_links
from builder.theme.icons import icon_room
from builder.theme.types import Theme
from builder.wording import Phrases, cite_mark

# Insets of a text box (python-pptx and PowerPoint defaults), in points.
BOX_INSET_X = 7.2
BOX_INSET_Y = 3.6
BULLET_INDENT = 1.2  # the hanging indent of bullets and numbers, as a multiple of the size
SPACE_BEFORE = 0.4  # space before each paragraph, as a multiple of its size (see reference deck)
STEP_GAP = 0.15  # the gap between step shapes, as a share of one shape's width
STEP_PADDING = 10.0  # points inside a step shape, on every side
STEP_CLEARANCE = 14.0  # points between the step shapes and the text below them
STEP_SLACK = 0.9  # step text may fill this share of its shape's room, so it never touches
CALLOUT_PADDING = 14.0  # points between a callout box's edge and its text
BOLD_STYLES = ("heading", "figure")
DISPLAY_KINDS = ("title", "section", "closing")  # full-colour slides: no footer
# Blocks that take a slide of their own; the rest are lines on a bullets slide.
OWN_SLIDE = (Comparison, Image, Callout, Status, Table)
LONGEST_JOINED_TITLE = 60  # characters: "Section: block title" longer than this goes to the notes
TITLED_KINDS = ("comparison", "image", "callout", "status", "table", "questions")  # titled by their block
# The theme icon each kind's title carries (a warning callout's is "warning", see slide_callout).
ICON_OF_KIND = {"key_figure": "key_facts", "status": "status", "questions": "questions", "closing": "contact"}
MIN_PICTURE_SHARE = 0.5  # of its frame's height: a picture beside text keeps at least this
CELL_INSET_X = 7.2  # points inside a table cell, left and right (PowerPoint's default)
CELL_INSET_Y = 3.6  # points inside a table cell, above and below
CELL_SLACK = 0.94  # of a cell's text width, measured against: LibreOffice breaks table cells a
# little sooner than a text box (a web address drawn on three lines where two were measured)


class Measure(Protocol):
    """What planning needs to know about the font."""

    line_factor: float

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float: ...

    def wrap(self, spans: tuple[Span, ...], size: float, width: float) -> list[str]: ...


@dataclass(frozen=True)
class Line:
    """One paragraph on a slide."""

    spans: tuple[Span, ...]
    style: str = "bullet"
    loc: Location = field(default=Location("<built-in>"), compare=False)
    size: float = 0.0  # points; set when the line is fitted to its slide
    number: int = 0  # a numbered line's own number (a continuation slide goes on counting)

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class StepBox:
    """One step of a process, drawn as a shape with its number, title and text."""

    number: int
    title: tuple[Span, ...]
    text: tuple[Span, ...]
    loc: Location
    size: float = 0.0

    @property
    def plain(self) -> str:
        return "".join(s.text for s in self.title) + " " + "".join(s.text for s in self.text)


@dataclass(frozen=True)
class Picture:
    """A picture to place, with its alt text (empty when decorative)."""

    path: str
    alt: str
    decorative: bool
    loc: Location


@dataclass(frozen=True)
class Grid:
    """A table on a slide: the header row and the rows of cells (Lines, all at one size),
    each row's height and each column's width in points (the header's height first)."""

    header: tuple[Line, ...]
    rows: tuple[tuple[Line, ...], ...]
    heights: tuple[float, ...]
    widths: tuple[float, ...]
    size: float

    def texts(self) -> list[str]:
        return [cell.plain for row in (self.header, *self.rows) for cell in row]


@dataclass(frozen=True)
class SlidePlan:
    """One slide: its kind, title, what each placeholder role holds, and speaker notes."""

    kind: str
    title: str
    body: tuple[Line, ...] = ()
    boxes: tuple[tuple[str, tuple[Line, ...]], ...] = ()  # other roles: figure, left, right, …
    steps: tuple[StepBox, ...] = ()
    picture: Picture | None = None
    grid: Grid | None = None
    notes: str = ""
    loc: Location = field(default=Location("<built-in>"), compare=False)
    title_size: float = 0.0  # points; the largest size from the theme's down that fits
    picture_room: float = 0.0  # points of the picture frame's height the picture may take, the
    # caption set below it (a picture beside text); 0: the picture frame is the picture's own
    icon: str = ""  # the theme icon before the title (see ICON_OF_KIND), where the theme has it

    def box(self, role: str) -> tuple[Line, ...]:
        """The lines of a placeholder role other than the body."""
        return dict(self.boxes).get(role, ())

    @property
    def has_footer(self) -> bool:
        """Content slides carry the footer and slide number; display slides do not."""
        return self.kind not in DISPLAY_KINDS

    def located_texts(self) -> list[tuple[str, Location]]:
        """Every text the slide shows, each with its place in the source."""
        found = [(self.title, self.loc)]
        found += [(line.plain, line.loc) for line in self.body]
        found += [(line.plain, line.loc) for _role, lines in self.boxes for line in lines]
        found += [(step.plain, step.loc) for step in self.steps]
        if self.grid:
            found += [(cell.plain, cell.loc) for row in (self.grid.header, *self.grid.rows) for cell in row]
        return found

    def texts(self) -> list[str]:
        """Every text the slide shows."""
        words = [self.title] + [line.plain for line in self.body]
        words += [line.plain for _role, lines in self.boxes for line in lines]
        words += [step.plain for step in self.steps]
        words += self.grid.texts() if self.grid else []
        return words


@dataclass(frozen=True)
class Frame:
    """A placeholder's size in points, whether the template sets its text in capitals, and
    which placeholder of which layout and template it is (for messages)."""

    width: float
    height: float
    caps: bool = False
    where: str = field(default="", compare=False)


Frames = dict[str, dict[str, Frame]]  # slide kind -> placeholder role -> frame


def plan_deck(
    material: Material, theme: Theme, frames: Frames, measure: Measure, title_measure: Measure | None = None
) -> list[SlidePlan]:
    """The slides of the talk, in order; SourceError when some text cannot fit at all."""
    return _Planner(material, theme, frames, measure, title_measure or measure).plan()


def bullet_indent(line: Line) -> float:
    """How far a bulleted or numbered line's text stands in from the bullet, in points."""
    return round(BULLET_INDENT * line.size, 1)


def steps_diagram_height(frame: Frame, theme: Theme) -> float:
    """How much of the body frame's height the step shapes take, in points."""
    return round(frame.height * theme.deck.steps_share, 1)


def step_text_inset(width: float, height: float) -> float:
    """How far a rounded rectangle keeps its text from its edges, beyond the padding.

    DrawingML's roundRect sets its text box in by 29.3% of its corner radius, which is
    16.667% of the shorter side by default.
    """
    return round(0.29289 * 0.16667 * min(width, height), 2)


def step_box_width(frame: Frame, count: int) -> float:
    """The width of one step shape when `count` share the frame's width with gaps between."""
    return frame.width / (count + (count - 1) * STEP_GAP)


class _Planner:
    def __init__(
        self, material: Material, theme: Theme, frames: Frames, measure: Measure, title_measure: Measure
    ):
        self.material = material
        self.theme = theme
        self.frames = frames
        self.measure = measure
        self.title_measure = title_measure
        self.problems = Problems()
        self.slides: list[SlidePlan] = []
        self.say = Phrases(material.meta.language)

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
            notes=self.say(
                "notes_title",
                audience=meta.audience.plain,
                version=meta.version,
                reviewed=self.say.date(meta.reviewed),
                review_by=self.say.date(meta.review_by),
            ),
            loc=meta.loc,
        )
        # Slides the builder adds point at their first line, so that in a translation a
        # problem is reported in the translation file.
        agenda = [_plain_line(s.title.plain, s.title.loc) for s in m.sections_before_conditions]
        agenda += [_plain_line(c.name.plain, c.name.loc) for c in m.conditions]
        agenda += [_plain_line(s.title.plain, s.title.loc) for s in m.sections_after_conditions]
        first = agenda[0].loc if agenda else m.loc
        self.slide_agenda(agenda, notes=self.say("notes_agenda"), loc=first)
        for section in m.sections_before_conditions:
            self.section(section)
        for condition in m.conditions:
            self.fit(
                "section",
                condition.name.plain,
                [_line(condition.main_message, "plain")],
                notes=self.say(
                    "notes_condition", name=condition.name.plain, message=condition.main_message.plain
                ),
                loc=condition.loc,
            )
            for section in condition.sections:
                self.section(section)
        for section in m.sections_after_conditions:
            self.section(section)
        glossary = m.glossary_for(Audience.DECK)
        if glossary:
            words = [
                Line(
                    (Span(entry.term.plain, bold=True), Span(": "), *entry.definition.spans),
                    "plain",
                    entry.term.loc,
                )
                for entry in glossary
            ]
            self.fit(
                "glossary", self.say("glossary"), words, notes=self.say("notes_glossary"), loc=words[0].loc
            )
        refs = []
        if m.references:
            refs = [
                Line(
                    (
                        Span(f"[{n}] "),
                        *ref.citation.spans,
                        *((Span(note),) if (note := self.say.language_note(ref.language)) else ()),
                        *((Span(" "), Span(ref.url, href=ref.url)) if ref.url else ()),
                    ),
                    "plain",
                    ref.loc,
                )
                for n, ref in enumerate(m.references, start=1)
            ]
        refs += self.link_lines({ref.url for ref in m.references if ref.url})
        if refs:
            self.fit(
                "references",
                self.say("references"),
                refs,
                notes=self.say("notes_references"),
                loc=refs[0].loc,
                size=self.theme.deck.min_body_size,
            )
        call = m.call_to_action
        closing = [_line(call.text, "plain"), *(_line(line, "caption") for line in call.contact)]
        review = self.say(
            "notes_review",
            version=meta.version,
            reviewed=self.say.date(meta.reviewed),
            review_by=self.say.date(meta.review_by),
        )
        if meta.reviewed_by:
            review += self.say("reviewer", reviewer=meta.reviewed_by.plain)
        self.fit("closing", call.title.plain, closing, notes=f"{call.text.plain}\n\n{review}", loc=call.loc)
        self.check_titles()
        self.problems.raise_if_any()
        return self.slides

    def slide_agenda(self, lines: list[Line], *, notes: str, loc: Location) -> None:
        """The agenda in two columns where the theme binds a right one, at the largest size
        both halves fit, so a long agenda keeps the deck's body size; else in one."""
        frames = self.frames["agenda"]
        left, right = frames.get("body"), frames.get("right")
        if left is None or right is None or len(lines) < 2:
            self.fit("agenda", self.say("agenda"), lines, notes=notes, loc=loc)
            return
        half = (len(lines) + 1) // 2
        for candidate in self.sizes():
            sized = [replace(line, size=self.line_size(line, candidate)) for line in lines]
            first, second = self.paginate(sized[:half], left), self.paginate(sized[half:], right)
            if first is not None and second is not None and len(first) == len(second) == 1:
                self.add(
                    SlidePlan(
                        "agenda", self.say("agenda"), tuple(sized[:half]), (("right", tuple(sized[half:])),),
                        notes=notes, loc=loc,
                    ),
                    title_kind="agenda",
                )
                return
        self.fit("agenda", self.say("agenda"), lines, notes=notes, loc=loc)

    def link_lines(self, known: set[str]) -> list[Line]:
        """A line for each link the slides so far show only by a label ('[FDA guidance](…)'),
        with its address in full: a printed or projected slide cannot be clicked."""
        lines = []
        for slide in self.slides:
            shown = [*slide.body, *(line for _role, box in slide.boxes for line in box)]
            shown += [
                cell for row in ((slide.grid.header, *slide.grid.rows) if slide.grid else ()) for cell in row
            ]
            for line in shown:
                for label, address in labelled_links(line.spans, known):
                    known.add(address)
                    lines.append(Line((Span(f"{label}: "), Span(address, href=address)), "plain", line.loc))
        return lines

    # -- one section -----------------------------------------------------------------------
    def section(self, section: Section) -> None:
        """A section's slides: its text on one slide, visual blocks on slides of their own."""
        groups = self.leads_into_checklists(self.pictures_beside_text(self.groups(section)))
        used: set[str] = set()
        for index, (kind, blocks) in enumerate(groups):
            heard = ""
            if index == 0:
                title, heard = self.first_title(section, kind, blocks)
            else:
                title = self.own_title(blocks, section)
            again = 1
            while title in used:  # a second "(continued)" slide of the section, and so on
                again += 1
                title = self.say("continued_again", title=section.title.plain, number=again)
            used.add(title)
            notes = self.notes_for(section, blocks, first=index == 0)
            if heard:
                notes = f"{heard}\n\n{notes}"
            getattr(self, f"slide_{kind}")(title, blocks, notes, blocks[0].loc if index else section.loc)

    def first_title(self, section: Section, kind: str, blocks: list[Block]) -> tuple[str, str]:
        """The title of a section's first slide — the section's, with the title of a block
        that has a slide of its own ("Risks: What we know") — and, when that would be too
        long, the block's title for the notes instead."""
        title = section.title.plain
        own = self.own_title(blocks, section) if kind in TITLED_KINDS else ""
        if isinstance(blocks[0], Image):  # its caption is shown below it on this slide
            own = blocks[0].title.plain if blocks[0].title else ""
        if own in (self.say("status_default"), self.say("continued", title=title)):
            own = ""  # the builder's own words, not the author's
        if not own or own == title or own.startswith(title):
            return title, ""
        joined = self.say("titled", section=title, title=own)
        if len(joined) <= LONGEST_JOINED_TITLE:
            return joined, ""
        return title, self.say("notes_block_title", title=own)

    def groups(self, section: Section) -> list[tuple[str, list[Block]]]:
        """The section's deck blocks grouped into slides, each with its kind."""
        blocks = list(section.blocks_for(Audience.DECK))
        groups: list[tuple[str, list[Block]]] = []
        if section.layout == "bullets":
            for block in blocks:
                if isinstance(block, Break) or not groups:
                    groups.append(("bullets", []))
                if not isinstance(block, Break):
                    groups[-1][1].append(block)
            return [group for group in groups if group[1]]
        for block in blocks:
            if isinstance(block, Break):  # what follows starts a slide of its own
                groups.append(("break", []))
                continue
            if isinstance(block, OWN_SLIDE) or (isinstance(block, Questions) and block.title):
                groups.append((_kind_of(block), [block]))
                continue
            if isinstance(block, (KeyFigure, Steps)):
                kind = "key_figure" if isinstance(block, KeyFigure) else "steps"
                if groups and groups[-1][0] == "bullets" and not _has_visual(groups[-1][1]):
                    groups[-1] = (kind, [block] + groups[-1][1])  # the text joins the picture
                else:
                    groups.append((kind, [block]))
                continue
            if groups and groups[-1][0] in ("bullets", "key_figure", "steps"):
                groups[-1][1].append(block)
            else:
                groups.append(("bullets", [block]))
        groups = [group for group in groups if group[0] != "break"]
        if section.layout:
            wanted = next((g for g in groups if g[0] == section.layout), None)
            if wanted is not None:
                groups.remove(wanted)
                groups.insert(0, wanted)
        return groups

    def pictures_beside_text(self, groups: list[tuple[str, list[Block]]]) -> list[tuple[str, list[Block]]]:
        """A short text and the picture after it on one slide, side by side, where the theme
        binds such a slide and the text fits beside the picture at the body size: two thin
        slides become one full one."""
        return _text_joined(
            groups, "image", "picture_text", lambda text, picture: self.fits_beside(text, picture[0])
        )

    def leads_into_checklists(self, groups: list[tuple[str, list[Block]]]) -> list[tuple[str, list[Block]]]:
        """A text too short to fill a third of a slide, right before a titled checklist, opens
        the checklist's slide as its lead instead of standing thin on a slide of its own."""
        return _text_joined(groups, "questions", "questions", lambda text, _next: self.is_lead(text))

    def body_lines(self, text: list[Block]) -> list[Line]:
        """The text blocks' lines at the deck's body size."""
        return [replace(line, size=self.theme.deck.body_size) for block in text for line in self.lines(block)]

    def is_lead(self, text: list[Block]) -> bool:
        frame = self.frames["questions"].get("body")
        if frame is None or _has_visual(text):
            return False
        lines = self.body_lines(text)
        used = sum(self.line_height(line, frame) for line in lines) - SPACE_BEFORE * self.theme.deck.body_size
        return used <= frame.height / 3

    def fits_beside(self, text: list[Block], picture: Block) -> bool:
        frames = self.frames.get("picture_text", {})
        if "body" not in frames or "picture" not in frames:
            return False
        assert isinstance(picture, Image)
        pages = self.paginate(self.body_lines(text), frames["body"])
        room = self.picture_room(picture, frames["picture"])
        return pages is not None and len(pages) == 1 and room >= MIN_PICTURE_SHARE * frames["picture"].height

    def beside_caption(self, block: Image) -> list[Line]:
        """A picture's title (bold) and caption, with its citations, as the lines below it."""
        lines = []
        if block.title:
            lines.append(Line(tuple(replace(s, bold=True) for s in block.title.spans), "caption", block.title.loc))
        if block.caption:
            lines.append(Line(block.caption.spans + self.cite_spans(block), "caption", block.caption.loc))
        elif block.cites and lines:
            lines[-1] = replace(lines[-1], spans=lines[-1].spans + self.cite_spans(block))
        return [replace(line, size=self.line_size(line, 0.0)) for line in lines]

    def picture_room(self, block: Image, frame: Frame) -> float:
        """The height left for the picture in its frame once its caption is set below it."""
        caption = self.beside_caption(block)
        if not caption:
            return frame.height
        used = sum(self.line_height(line, frame) for line in caption) - SPACE_BEFORE * caption[0].size
        return frame.height - used - 2 * BOX_INSET_Y

    def own_title(self, blocks: list[Block], section: Section) -> str:
        """The title a slide of blocks gets after the section's first: its block's own, else
        the section's "(continued)"; for the first slide, the block's own or ''."""
        block = blocks[-1] if isinstance(blocks[-1], Questions) else blocks[0]  # after its lead
        title = getattr(block, "title", None) if not isinstance(block, Steps) else None
        if isinstance(block, Image):
            title = block.title or block.caption
        if isinstance(title, Text) and title:
            return title.plain
        return self.say("continued", title=section.title.plain)

    # -- slide kinds -----------------------------------------------------------------------
    def slide_bullets(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        self.fit(
            "bullets", title, [line for block in blocks for line in self.lines(block)], notes=notes, loc=loc
        )

    def slide_questions(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        *lead, block = blocks
        assert isinstance(block, Questions)
        lines = [
            replace(line, style="plain") if line.style == "bullet" else line
            for text in lead
            for line in self.lines(text)
        ]
        lines += [Line(item.spans, "check", item.loc) for item in block.items]
        if block.cites:
            lines.append(
                Line(
                    (Span(self.say("adapted_from", cite=self.cite_spans(block)[0].text.strip())),),
                    "caption",
                    block.loc,
                )
            )
        self.fit("questions", title, lines, notes=notes, loc=loc)

    def slide_key_figure(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        figure_lines = []
        for block in blocks:
            if isinstance(block, KeyFigure):
                figure_lines.append(Line(block.value.spans, "figure", block.label.loc))
                figure_lines.append(
                    Line(block.label.spans + self.cite_spans(block), "plain", block.label.loc)
                )
        text = [line for block in blocks if not isinstance(block, KeyFigure) for line in self.lines(block)]
        figure = self.fit_box("key_figure", "figure", figure_lines, title)
        self.fit("key_figure", title, text, notes=notes, loc=loc, boxes=(("figure", figure),))

    def slide_steps(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        steps_block = next(b for b in blocks if isinstance(b, Steps))
        text = [line for block in blocks if block is not steps_block for line in self.lines(block)]
        frame = self.frames["steps"]["body"]
        diagram = steps_diagram_height(frame, self.theme)
        shape = Frame(step_box_width(frame, len(steps_block.steps)), diagram - STEP_CLEARANCE)
        boxes = self.fit_steps(steps_block, shape)
        if not boxes:  # too many words for shapes on this template: numbered lines instead
            lines = [line for block in blocks for line in self.lines(block)]
            self.fit("steps", title, lines, notes=notes, loc=loc)
            return
        below = Frame(frame.width, frame.height - diagram)
        self.fit("steps", title, text, notes=notes, loc=loc, steps=boxes, frame=below)

    def slide_comparison(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        (block,) = blocks
        assert isinstance(block, Comparison)
        boxes = []
        for side, heading, items in (
            ("left", block.left_heading, block.left),
            ("right", block.right_heading, block.right),
        ):
            boxes.append(
                (
                    f"{side}_heading",
                    self.fit_box(
                        "comparison", f"{side}_heading", [Line(heading.spans, "heading", heading.loc)], title
                    ),
                )
            )
            boxes.append(
                (
                    side,
                    self.fit_box("comparison", side, [Line(i.spans, "bullet", i.loc) for i in items], title),
                )
            )
        self.add(
            SlidePlan("comparison", title, (), tuple(boxes), notes=notes, loc=loc), title_kind="comparison"
        )

    def slide_image(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        (block,) = blocks
        assert isinstance(block, Image)
        shown_as_title = block.caption is not None and block.caption.plain == title
        caption = (
            [Line(block.caption.spans + self.cite_spans(block), "plain", block.caption.loc)]
            if block.caption and not (shown_as_title and not block.cites)  # not said twice
            else []
        )
        boxes = (("caption", self.fit_box("image", "caption", caption, title)),) if caption else ()
        alt = block.alt.plain if block.alt and not block.decorative else ""
        picture = Picture(block.path, alt, block.decorative, block.loc)
        self.add(
            SlidePlan("image", title, (), boxes, picture=picture, notes=notes, loc=loc), title_kind="image"
        )

    def slide_picture_text(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        *text, block = blocks
        assert isinstance(block, Image)
        frame = self.frames["picture_text"]["picture"]
        alt = block.alt.plain if block.alt and not block.decorative else ""
        picture = Picture(block.path, alt, block.decorative, block.loc)
        count = len(self.slides)
        self.fit(
            "picture_text",
            title,
            [line for b in text for line in self.lines(b)],
            notes=notes,
            loc=loc,
            boxes=(("caption", tuple(self.beside_caption(block))),),
            split=False,
        )
        if len(self.slides) > count:  # planned (fits_beside measured it), not reported
            self.slides[-1] = replace(self.slides[-1], picture=picture, picture_room=self.picture_room(block, frame))

    def slide_callout(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        (block,) = blocks
        assert isinstance(block, Callout)
        lines = [Line(block.text.spans + self.cite_spans(block), "quote", block.text.loc)]
        icon = "warning" if block.warning else ""
        self.fit(
            "callout", title, lines, notes=notes, loc=loc, split=False, padding=CALLOUT_PADDING, icon=icon
        )

    def slide_status(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        (block,) = blocks
        assert isinstance(block, Status)
        lines = [
            Line(block.text.spans + self.cite_spans(block), "plain", block.text.loc),
            _plain_line(
                self.say("status_as_of", date=self.say.date(block.as_of)), block.text.loc, style="caption"
            ),
        ]
        self.fit("status", title, lines, notes=notes, loc=loc, split=False, padding=CALLOUT_PADDING)

    def slide_table(self, title: str, blocks: list[Block], notes: str, loc: Location) -> None:
        """A table in the body's frame at the largest size that fits it; when none does, its
        rows split over numbered slides, evenly, each repeating the header row."""
        (block,) = blocks
        assert isinstance(block, Table)
        frame = self.frames["table"]["body"]
        header = tuple(Line(cell.spans, "header", cell.loc) for cell in block.header)
        rows = [
            tuple(
                Line(
                    cell.spans + (self.cite_spans(block) if last and c == len(row) - 1 else ()),
                    "cell",
                    cell.loc,
                )
                for c, cell in enumerate(row)
            )
            for last, row in ((r == len(block.rows) - 1, row) for r, row in enumerate(block.rows))
        ]
        columns = [[header[c].plain, *(row[c].plain for row in rows)] for c in range(len(header))]
        room = frame.height - 2 * BOX_INSET_Y
        for size in self.sizes():
            widths = column_widths(
                columns, lambda text, size=size: self.measure.width(text, size), frame.width, CELL_INSET_X
            )
            heights = [self.row_height(header, widths, size)]
            heights += [self.row_height(row, widths, size) for row in rows]
            if sum(heights) <= room:
                pages = [list(range(len(rows)))]
                break
        else:
            pages = self.row_pages(heights[0], heights[1:], room)
            if pages is None:
                for height, row_loc in zip(heights[1:], block.row_locs):
                    if heights[0] + height > room:
                        self.problems.add(
                            row_loc,
                            f"this table row is too tall for a slide even at {size:g} pt with the"
                            f" header above it (table slide '{title}'); shorten its cells",
                        )
                return
        for number, page in enumerate(pages, start=1):
            shown = (
                title if len(pages) == 1 else self.say("part", title=title, number=number, count=len(pages))
            )
            first = self.say("part", title=title, number=1, count=len(pages))
            grid = Grid(
                tuple(replace(cell, size=size) for cell in header),
                tuple(tuple(replace(cell, size=size) for cell in rows[r]) for r in page),
                (heights[0], *(heights[1 + r] for r in page)),
                widths,
                size,
            )
            page_notes = notes if number == 1 else self.say("notes_continued", title=first) + "\n\n" + notes
            self.add(SlidePlan("table", shown, grid=grid, notes=page_notes, loc=loc), title_kind="table")

    def row_height(self, cells: tuple[Line, ...], widths: tuple[float, ...], size: float) -> float:
        """A table row's height in points: its tallest cell's wrapped lines and the insets."""
        tallest = 1
        for cell, column in zip(cells, widths):
            spans = cell.spans
            if cell.style == "header":
                spans = tuple(replace(span, bold=True) for span in spans)
            width = (column - 2 * CELL_INSET_X) * CELL_SLACK
            tallest = max(tallest, len(self.measure.wrap(spans, size, width)))
        return round(tallest * size * self.measure.line_factor + 2 * CELL_INSET_Y, 2)

    def row_pages(self, header: float, heights: list[float], room: float) -> list[list[int]] | None:
        """Row numbers grouped into the fewest slides that each hold the header and their
        rows, filled evenly (the least room that needs no more slides); None when some row
        cannot fit with the header at all."""

        def greedy(limit: float) -> list[list[int]] | None:
            pages: list[list[int]] = [[]]
            used = header
            for index, height in enumerate(heights):
                if header + height > limit:
                    return None
                if pages[-1] and used + height > limit:
                    pages.append([])
                    used = header
                pages[-1].append(index)
                used += height
            return pages

        fewest = greedy(room)
        if fewest is None:
            return None
        low, high, best = 0.0, room, fewest
        for _ in range(24):
            middle = (low + high) / 2
            tried = greedy(middle)
            if tried is not None and len(tried) <= len(fewest):
                best, high = tried, middle
            else:
                low = middle
        return best

    # -- lines -----------------------------------------------------------------------------
    def lines(self, block: Block) -> list[Line]:
        """The lines a block puts on a bullets slide."""
        cite = self.cite_spans(block)
        match block:
            case Paragraph(text=text):
                return [Line(text.spans + cite, "bullet", text.loc)]
            case Point(slide=slide):
                return [Line(slide.spans + cite, "bullet", slide.loc)]
            case Bullets(items=items):
                return [
                    Line(item.spans + (cite if i == len(items) - 1 else ()), "bullet", item.loc)
                    for i, item in enumerate(items)
                ]
            case Callout(title=title, text=text):
                heading = [Line(title.spans, "heading", title.loc)] if title else []
                return heading + [Line(text.spans + cite, "plain", text.loc)]
            case Steps(steps=steps):
                return [
                    Line(
                        (
                            Span(step.title.plain, bold=True),
                            *((Span(": "), *step.text.spans) if step.text else ()),
                        ),
                        "number",
                        step.title.loc,
                        number=number,
                    )
                    for number, step in enumerate(steps, start=1)
                ]
            case Questions(items=items):
                return [Line(item.spans, "check", item.loc) for item in items]
            case KeyFigure(value=value, label=label):
                return [
                    Line((Span(value.plain, bold=True), Span(" "), *label.spans, *cite), "bullet", label.loc)
                ]
            case Comparison(left_heading=lh, left=left, right_heading=rh, right=right):
                return (
                    [Line(lh.spans, "heading", lh.loc)]
                    + [Line(i.spans, "bullet", i.loc) for i in left]
                    + [Line(rh.spans, "heading", rh.loc)]
                    + [Line(i.spans, "bullet", i.loc) for i in right]
                )
            case Image(alt=alt, caption=caption):
                words = caption or alt
                return [Line(words.spans, "caption", block.loc)] if words else []
            case Status(text=text):
                return [Line(text.spans + cite, "plain", block.loc)]
            case Break():
                return []
            case Table(header=header, rows=rows):  # on a slide of text: a row per line
                return [
                    Line(
                        tuple(
                            span
                            for c, cell in enumerate(row)
                            for span in ((Span(f"{header[c].plain}: ", bold=True),) if c else ())
                            + cell.spans
                            + ((Span("; "),) if c < len(row) - 1 else ())
                        )
                        + (cite if r == len(rows) - 1 else ()),
                        "bullet",
                        row[0].loc,
                    )
                    for r, row in enumerate(rows)
                ]
        raise TypeError(f"no slide form for {type(block).__name__}")  # pragma: no cover

    def cite_spans(self, block: Block, lead: str = " ") -> tuple[Span, ...]:
        if not block.cites:
            return ()
        return (Span(lead + cite_mark([self.material.reference_number(r) for r in block.cites])),)

    def notes_for(self, section: Section, blocks: list[Block], first: bool) -> str:
        """The author's notes (first slide), then every handout sentence the slide lacks."""
        parts = [section.notes.plain] if first and section.notes else []
        if not first:  # what to say: the slide's own words in full, not just where it belongs
            said = [w for b in blocks if not isinstance(b, (Point, Image)) for w in _block_words(b)]
            part_of = self.say("notes_part_of", title=section.title.plain)
            parts.append(f"{part_of} " + self.say("notes_say", text=" ".join(said)) if said else part_of)
        handout = [block.handout.plain for block in blocks if isinstance(block, Point)]
        if first:
            handout += [w for b in section.blocks if b.only is Audience.BROCHURE for w in _block_words(b)]
        for picture in [b for b in blocks if isinstance(b, Image) and b.alt]:
            handout.append(self.say("notes_picture", alt=picture.alt.plain))
        if handout:
            parts.append(self.say("notes_handout", text=" ".join(handout)))
        return "\n\n".join(parts) or section.title.plain

    # -- fitting ---------------------------------------------------------------------------
    def sizes(self, largest: float | None = None) -> list[float]:
        """Candidate sizes: from the body size down to the minimum, in 2-point steps."""
        deck = self.theme.deck
        top = largest or deck.body_size
        return [top - step for step in range(0, int(top - deck.min_body_size) + 1, 2)]

    def fit(
        self,
        kind: str,
        title: str,
        lines: list[Line],
        *,
        notes: str,
        loc: Location,
        boxes: tuple[tuple[str, tuple[Line, ...]], ...] = (),
        steps: tuple[StepBox, ...] = (),
        size: float | None = None,
        frame: Frame | None = None,
        split: bool = True,
        padding: float = 0.0,
        icon: str = "",
    ) -> None:
        """Add one slide, or several numbered ones when the lines need more room.

        The body text starts at the theme's body size and steps down towards the minimum
        size until it fits one slide; if it fits at none, it is split at the body size.
        """
        frame = frame or self.frames[kind].get("body")
        if frame is None or not lines:
            self.add(
                SlidePlan(kind, title, (), boxes, steps, notes=notes, loc=loc), title_kind=kind, icon=icon
            )
            return
        if padding:
            frame = Frame(frame.width - 2 * padding, frame.height - 2 * padding)
        candidates = self.sizes(size)
        split_at = None
        for candidate in candidates:
            sized = [replace(line, size=self.line_size(line, candidate)) for line in lines]
            pages = self.paginate(sized, frame)
            if pages is None:
                continue  # some line is taller than the frame at this size
            if len(pages) == 1:
                self.add(
                    SlidePlan(kind, title, tuple(pages[0]), boxes, steps, notes=notes, loc=loc),
                    title_kind=kind,
                    icon=icon,
                )
                return
            split_at = split_at or self.balanced(pages, frame)
        if split_at is None or not split:
            smallest = [replace(line, size=self.line_size(line, candidates[-1])) for line in lines]
            if split_at is None:
                self.report_too_tall(smallest, frame, kind, title)
            else:
                self.problems.add(
                    lines[0].loc,
                    f"this {kind} is too long for one slide at {candidates[-1]:g} pt; shorten it",
                )
            return
        for number, page in enumerate(split_at, start=1):
            first = self.say("part", title=title, number=1, count=len(split_at))
            page_notes = notes if number == 1 else self.say("notes_continued", title=first) + "\n\n" + notes
            self.add(
                SlidePlan(
                    kind,
                    self.say("part", title=title, number=number, count=len(split_at)),
                    tuple(page),
                    boxes if number == 1 else (),
                    steps if number == 1 else (),
                    notes=page_notes,
                    loc=loc,
                ),
                title_kind=kind,
                icon=icon,
            )

    def fit_box(self, kind: str, role: str, lines: list[Line], title: str) -> tuple[Line, ...]:
        """Lines for a placeholder that cannot continue elsewhere: shrink to fit, or report."""
        frame = self.frames[kind].get(role)
        if frame is None or not lines:
            return tuple(lines)
        for candidate in self.sizes():
            sized = [replace(line, size=self.line_size(line, candidate)) for line in lines]
            pages = self.paginate(sized, frame)
            if pages is not None and len(pages) == 1:
                return tuple(sized)
        if self.holds_no_line(frame, self.theme.deck.min_body_size):
            self.report_small_placeholder(frame, kind, role, lines[0].loc, self.theme.deck.min_body_size)
            return ()
        self.problems.add(
            lines[0].loc,
            f"this text does not fit the {role} of the {kind} slide '{title}'"
            f" even at {self.theme.deck.min_body_size:g} pt; shorten it",
        )
        return ()

    def fit_steps(self, block: Steps, box: Frame) -> tuple[StepBox, ...]:
        """Step shapes sized so every step's words fit its shape, all at one size; () if none."""
        inset = STEP_PADDING + step_text_inset(box.width, box.height)
        width = box.width - 2 * inset
        height = box.height - 2 * inset
        for candidate in self.sizes():
            fits = True
            for number, step in enumerate(block.steps, start=1):
                head = len(
                    self.measure.wrap((Span(f"{number}. ", bold=True), *step.title.spans), candidate, width)
                )
                body = len(self.measure.wrap(step.text.spans, candidate, width)) if step.text else 0
                spans = (*step.title.spans, *(step.text.spans if step.text else ()))
                used = (head + body) * candidate * self.measure.line_factor_for(spans) + (
                    SPACE_BEFORE * candidate if body else 0
                )
                fits = fits and used <= height * STEP_SLACK
            if fits:
                return tuple(
                    StepBox(n, step.title.spans, step.text.spans if step.text else (), step.loc, candidate)
                    for n, step in enumerate(block.steps, start=1)
                )
        return ()

    def paginate(self, lines: list[Line], frame: Frame, room: float | None = None) -> list[list[Line]] | None:
        """Lines grouped into pages that each fit the frame (or `room` points of it); None if
        one line never fits."""
        room = frame.height - 2 * BOX_INSET_Y if room is None else room
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

    def balanced(self, pages: list[list[Line]], frame: Frame) -> list[list[Line]]:
        """The same lines on as many pages, filled evenly: the least room that still needs no
        more pages, so 15 points go 5/5/5 rather than 7/7/1."""
        lines = [line for page in pages for line in page]
        low, high = 0.0, frame.height - 2 * BOX_INSET_Y
        best = pages
        for _ in range(24):  # halving the room: well under a point apart at the end
            middle = (low + high) / 2
            tried = self.paginate(lines, frame, middle)
            if tried is not None and len(tried) <= len(pages):
                best, high = tried, middle
            else:
                low = middle
        return best

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
        indent = bullet_indent(line) if line.style in ("bullet", "number", "check") else 0.0
        width = frame.width - 2 * BOX_INSET_X - indent
        spans = line.spans
        if line.style in BOLD_STYLES:  # drawn bold whatever the spans say, so measured bold
            spans = tuple(replace(span, bold=True) for span in spans)
        if frame.caps:
            spans = tuple(replace(span, text=span.text.upper()) for span in spans)
        rows = len(self.measure.wrap(spans, line.size, width))
        return rows * line.size * self.measure.line_factor_for(spans) + SPACE_BEFORE * line.size

    def line_size(self, line: Line, size: float) -> float:
        if line.style == "figure":
            return self.theme.deck.figure_size
        if line.style == "caption":
            return self.theme.deck.min_body_size
        return size

    def title_size(self, title: str, kind: str, loc: Location, icon: bool = False) -> float:
        """The largest title size, down to the theme's minimum, at which the title fits (set
        in by an icon's room when it has one)."""
        frame = self.frames[kind]["title"]
        deck = self.theme.deck
        largest = deck.title_size_for(kind)
        shown = title.upper() if frame.caps else title
        for size in [largest - step for step in range(0, int(largest - deck.min_title_size) + 1, 2)]:
            spans = (Span(shown, bold=True),)
            room = frame.width - 2 * BOX_INSET_X - (icon_room(size) if icon else 0.0)
            rows = len(self.title_measure.wrap(spans, size, room))
            if rows * size * self.title_measure.line_factor_for(spans) <= frame.height - 2 * BOX_INSET_Y:
                return size
        if self.holds_no_line(frame, deck.min_title_size, self.title_measure):
            self.report_small_placeholder(frame, kind, "title", loc, deck.min_title_size)
        else:
            self.problems.add(
                loc,
                f"the title '{title}' does not fit its slide even at {deck.min_title_size:g} pt; shorten it",
            )
        return deck.min_title_size

    def holds_no_line(self, frame: Frame, size: float, measure=None) -> bool:
        """Whether a placeholder is too short for a single line at `size`: no text could fit."""
        measure = measure or self.measure
        return size * measure.line_factor > frame.height - 2 * BOX_INSET_Y

    def report_small_placeholder(
        self, frame: Frame, kind: str, role: str, loc: Location, size: float
    ) -> None:
        """The template's fault, said as such: no shorter text would help."""
        where = frame.where or f"the {role} placeholder of the {kind} slide's layout"
        self.problems.add(
            loc,
            f"{where} is {frame.height / 72:.2f} in tall, too short for one line at {size:g} pt, so no"
            f" {kind} slide can show this; give that placeholder more height in the template, or bind"
            f" the {kind} slide kind to another layout in the theme's deck.yaml",
        )

    def check_titles(self) -> None:
        seen: dict[str, SlidePlan] = {}
        for slide in self.slides:
            if not slide.title.strip():
                self.problems.add(slide.loc, f"a {slide.kind} slide has no title")
            elif slide.title in seen:
                self.problems.add(
                    slide.loc,
                    f"the slide title '{slide.title}' is already used (at line"
                    f" {seen[slide.title].loc.line}); slide titles must be unique",
                )
            else:
                seen[slide.title] = slide

    def add(self, slide: SlidePlan, title_kind: str, icon: str = "") -> None:
        icon = icon or ICON_OF_KIND.get(slide.kind, "")
        if icon and self.theme.icons.get(icon) is None:
            icon = ""  # the theme draws none for it
        size = self.title_size(slide.title, title_kind, slide.loc, bool(icon))
        self.slides.append(replace(slide, title_size=size, icon=icon))


def _kind_of(block: Block) -> str:
    return {
        Comparison: "comparison",
        Image: "image",
        Callout: "callout",
        Status: "status",
        Table: "table",
    }.get(type(block), "questions")


def _text_joined(groups, follower: str, joined: str, accepts) -> list[tuple[str, list[Block]]]:
    """The groups with each text ("bullets") group that `accepts(text, next blocks)` joined to
    the `follower` group right after it, as one group of kind `joined`."""
    merged: list[tuple[str, list[Block]]] = []
    for kind, blocks in groups:
        if kind == follower and merged and merged[-1][0] == "bullets" and accepts(merged[-1][1], blocks):
            merged[-1] = (joined, merged[-1][1] + blocks)
        else:
            merged.append((kind, blocks))
    return merged


def _has_visual(blocks: list[Block]) -> bool:
    return any(isinstance(b, (KeyFigure, Steps)) for b in blocks)


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
        case Comparison(left_heading=lh, left=left, right_heading=rh, right=right):
            return [lh.plain, *(i.plain for i in left), rh.plain, *(i.plain for i in right)]
        case Image(alt=alt, caption=caption):
            return [t.plain for t in (caption, alt) if t]
        case Table(title=title, header=header, rows=rows):
            return [t.plain for t in ((title,) if title else ()) + header + tuple(c for r in rows for c in r)]
    return []
