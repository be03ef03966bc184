"""Writes each condition's planned brochure as a PDF with ReportLab, for an office or a press.

Fixed panels (cover, flap, back, masthead) are drawn when their page begins, after a check that
their content fits; the layout's flow is poured through the flowing panels in order. The
office profile is RGB on the trim size. The press profile adds a 3 mm bleed on every side,
sets TrimBox and BleedBox, draws crop marks outside the bleed, runs background colours into
the bleed and writes every colour in CMYK.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from builder.errors import Problems, SourceError
from builder.location import Location
from builder.render import Rendered, RenderOptions
from builder.render.brochure.fonts import load_style, missing_glyphs, register_family
from builder.render.brochure.planned import BrochurePlan, Item, PanelPlan, PlannedBrochure, SheetPlan
from builder.render.brochure.press import add_output_intent
from builder.render.brochure.styles import (
    BOX_PADDING,
    KeptWhole,
    Look,
    continued_line,
    flowables_for,
    look_for,
    shaded_box,
)
from builder.theme.chain import FontChain
from builder.theme.fonts import FontFiles, find_fonts, style_of
from builder.theme.types import Theme, with_primary
from builder.wording import Phrases

if TYPE_CHECKING:  # a process that writes planned brochures never loads the model
    from builder.model import Material

FORMAT = "pdf"
CREATOR = "handout-builder"
BLEED = 3 * mm  # colour runs this far past the trim on every side
SLUG = 0.5 * inch  # room outside the bleed for the crop marks
MARK_LENGTH = 0.25 * inch
MARK_GAP = 2.0  # points between the bleed edge and a crop mark
MARK_WIDTH = 0.25
HEADINGS = ("heading", "subheading", "contact_title")


def render(
    material: Material,
    theme: Theme,
    conditions: tuple[str, ...] | None = None,
    options: RenderOptions = RenderOptions(),
) -> Rendered:
    """Every chosen condition's brochure, as bytes by file name; all problems at once."""
    from builder.render.brochure.plan import prepare

    return render_planned(prepare(material, theme, conditions, options), theme, options)


def render_planned(
    planned: tuple[PlannedBrochure, ...], theme: Theme, options: RenderOptions = RenderOptions()
) -> Rendered:
    """The brochures that brochure_plan.prepare() planned, as bytes by file name; all
    problems at once."""
    fonts = find_fonts(theme.fonts, theme.folder)
    chain = FontChain(theme.fonts.fallback, theme.folder)
    problems = Problems()
    results: dict[str, bytes] = {}
    notes: tuple[str, ...] = ()
    for brochure in planned:
        notes += tuple(note for note in brochure.notes if note not in notes)
        check_glyphs(brochure.texts, fonts, chain, problems)
        problems.items.extend(brochure.problems)
        if problems:
            continue
        try:
            results[brochure.plan.file_name] = write_brochure(brochure.plan, theme, fonts, options)
        except SourceError as error:
            problems.extend(error)
    problems.raise_if_any()
    if fonts.is_fallback:
        notes += (
            f"note: the theme font {theme.fonts.family} is not installed; using {fonts.family},"
            " which ships with ReportLab",
        )
    default = theme.brochure_layout(theme.brochure_default)
    if options.brochure is None and theme.default_brochure(options.large_print) is not default:
        notes += (
            f"note: large print does not fit the {default.name} layout, which cannot grow past its"
            f" sheets; using the {theme.default_brochure(True).name} layout (give --brochure"
            f" {default.name} to insist)",
        )
    return Rendered(results, notes)


def warm(theme: Theme) -> None:
    """Load the theme's regular and bold fonts now, before the first brochure needs them."""
    fonts = find_fonts(theme.fonts, theme.folder)
    for style in ("regular", "bold"):
        load_style(fonts, style)


# -- checks ---------------------------------------------------------------------------------
def check_glyphs(
    texts: tuple[tuple[str, Location], ...], fonts: FontFiles, chain: FontChain, problems: Problems
) -> None:
    """A character no font of the chain can draw is an error at its source line, never a
    blank box; the fallback fonts are read only when the family lacks a character."""
    for words, loc in texts:
        missing = missing_glyphs(fonts, words)
        if missing and chain.fonts:
            covers = chain.covers()
            missing = "".join(c for c in missing if not any(draws(c) for draws in covers))
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
            if chain.fonts:
                problems.add(loc, f"no brochure font can draw {shown}; tried {chain.tried(fonts.family)}")
            else:
                problems.add(loc, f"the brochure font {fonts.family} cannot draw {shown}")


# -- the document -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Geometry:
    """Converts the plan's inches-from-top-left into PDF points, for office or press."""

    trim: tuple[float, float]
    offset: float  # from the page's corner to the trim's corner: 0 for office

    def frame_box(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        left, top, width, height = box
        return (
            self.offset + left * inch,
            self.offset + self.trim[1] - (top + height) * inch,
            width * inch,
            height * inch,
        )

    @property
    def page(self) -> tuple[float, float]:
        return (self.trim[0] + 2 * self.offset, self.trim[1] + 2 * self.offset)


def write_brochure(
    plan: BrochurePlan,
    theme: Theme,
    fonts: FontFiles,
    options: RenderOptions = RenderOptions(),
) -> bytes:
    """The PDF bytes of one planned brochure; SourceError when content does not fit."""
    theme = with_primary(theme, plan.colour)  # a condition's own colour, where it has one
    spans = [
        s
        for item in plan.items()
        for s in (*item.spans, *item.title, *(s for row in item.cells for cell in row for s in cell))
    ]
    used = {"regular", "bold"} | {style_of(s.bold, s.italic) for s in spans}
    if any(s.italic for s in spans):  # italics in a bold style (a heading, a table's header)
        used |= {"italic", "bold_italic"}
    names = tuple(
        (style, load_style(fonts, style) if style in used else name)
        for style, name in register_family(fonts).items()
    )
    look = look_for(names, theme, options.press, options.large_print)
    geometry = _Geometry((plan.page[0] * inch, plan.page[1] * inch), SLUG + BLEED if options.press else 0.0)

    def fitted(leading: float, pictures: float) -> tuple[bytes, int]:
        sizes = replace(theme.brochure, leading=round(theme.brochure.leading * leading, 3))
        tighter = look_for(names, replace(theme, brochure=sizes), options.press, options.large_print)
        return _laid_out(_with_smaller_pictures(plan, pictures), tighter, geometry, options)

    try:
        data, pages = _laid_out(plan, look, geometry, options)
    except (NearlyBlankPage, FlowOverflow) as not_fitted:
        # Copyfitting, as a typesetter would: a little less leading, then smaller pictures,
        # may end on the page before.
        for leading, pictures in COPYFITS:
            try:
                return fitted(leading, pictures)[0]
            except (NearlyBlankPage, FlowOverflow):
                continue
        raise not_fitted from None
    if pages > len(plan.sheets):  # grown past its sheets: copyfitting may save the page
        for leading, pictures in COPYFITS:
            try:
                tight, fewer = fitted(leading, pictures)
            except SourceError:
                continue
            if fewer < pages:
                return tight
    return data


# Copyfits tried in turn to end a page sooner: (the theme's leading, the flow's pictures' width)
# as shares of what they were; pictures no smaller than MIN_FITTED_PICTURE of their column.
COPYFITS = ((0.96, 1.0), (0.92, 1.0), (1.0, 0.8), (0.96, 0.8), (0.92, 0.8), (0.92, 0.65))
MIN_FITTED_PICTURE = 0.5


def _with_smaller_pictures(plan: BrochurePlan, share: float) -> BrochurePlan:
    """The plan with the flow's pictures `share` of their width (never below MIN_FITTED_PICTURE
    of the column, nor larger than they were)."""
    if share == 1.0:
        return plan
    flow = tuple(
        replace(item, scale=min(item.scale, max(item.scale * share, MIN_FITTED_PICTURE)))
        if item.kind == "image"
        else item
        for item in plan.flow
    )
    return replace(plan, flow=flow)


def _laid_out(
    plan: BrochurePlan, look: Look, geometry: "_Geometry", options: RenderOptions
) -> tuple[bytes, int]:
    """The brochure laid out in `look`, and its number of pages: fixed panels measured (a
    masthead grown for what it holds), then the flow; SourceError when something does not fit."""
    margin = plan.margin * inch
    if not options.press:
        plan = _with_unprinted_edges(plan)
    if plan.page_numbers:
        plan = _with_room_for_page_numbers(plan)
    fixed = _measured_fixed_panels(plan, look, margin)
    grown = _with_room_for_fixed_content(plan, fixed)
    if grown is not plan:
        plan = grown
        fixed = _measured_fixed_panels(plan, look, margin)
    problems = Problems()
    for sheet in plan.sheets:
        for panel in sheet.panels:
            placed = fixed.get((sheet.name, panel.name))
            if placed is not None and placed.first_over is not None:
                problems.add(
                    placed.first_over,
                    f"{plan.condition_name}: the {panel.name} panel of the {plan.layout} overflows"
                    f" by {placed.over:.0f} pt ({placed.over / 72:.2f} in); the overflow starts with the"
                    " text here. Shorten it or move it to another panel.",
                )
    problems.raise_if_any()

    def build(keep_lists: bool, extra_pages: int = 0):
        buffer = io.BytesIO()
        document = _document(buffer, plan, look, geometry, margin, options, fixed)
        story = _story(plan, look, margin, keep_lists) + [PageBreak()] * extra_pages
        try:
            document.build(story)
            _finish(document, plan, look)
        except LayoutError:  # one item taller than a whole column
            raise SourceError.at(
                document.last_loc or plan.loc,
                f"{plan.condition_name}: what starts here is taller than a whole column of the"
                f" {plan.layout}, so it cannot be placed; shorten it (or split a table's long cells)",
            ) from None
        return buffer, document

    sheets = len(plan.sheets)
    keep_lists = True
    buffer, document = build(keep_lists)
    if document.page > sheets:  # a page past the sheets: did keeping lists whole cost it?
        loose_buffer, loose = build(False)
        if loose.page < document.page:
            keep_lists, buffer, document = False, loose_buffer, loose
    if document.page > sheets + plan.grow:
        sheets += plan.grow
        first = document.first_loc_on_page.get(sheets + 1, plan.loc)
        over = sum(h for page_no, h in document.height_on_page.items() if page_no > sheets)
        raise FlowOverflow.at(
            first,
            f"{plan.condition_name}: the {plan.layout}'s flowing panels overflow the last sheet by"
            f" about {over / 72:.1f} in of text ({over:.0f} pt); the overflow starts here."
            " Shorten the brochure text.",
        )
    check_last_page(plan, document, look)
    if document.page < sheets:  # the flow ended early: keep every sheet
        buffer, document = build(keep_lists, sheets - document.page)
    return buffer.getvalue(), document.page


MIN_LAST_PAGE_LINES = 5  # body lines a page the flow grows onto must hold, or it is an error


class NearlyBlankPage(SourceError):
    """The flow would end on a page of its own holding only a few lines."""


class FlowOverflow(SourceError):
    """The flow runs past the layout's last sheet (and the pages it may grow)."""


def check_last_page(plan: BrochurePlan, document, look: Look) -> None:
    """A page the flow grows onto past the layout's sheets that would hold only a few lines
    is an error: a leaflet whose last page is nearly blank looks unfinished, and wastes paper."""
    last = document.page
    if last <= len(plan.sheets):
        return
    line = look.sizes.body_size * look.sizes.leading
    used = document.height_on_page.get(last, 0.0)
    if used >= MIN_LAST_PAGE_LINES * line:
        return
    raise NearlyBlankPage.at(
        document.first_loc_on_page.get(last, plan.loc),
        f"{plan.condition_name}: page {last} of the {plan.layout} would hold only about"
        f" {max(1, round(used / line))} lines ({used / 72:.1f} in), from the text here on; shorten the"
        f" brochure text by that much to end on page {last - 1}, or add at least"
        f" {MIN_LAST_PAGE_LINES} lines' worth",
    )


def _document(
    buffer,
    plan: BrochurePlan,
    look: Look,
    geometry: _Geometry,
    margin: float,
    options: RenderOptions,
    fixed: dict[tuple[str, str], "_Placed"],
) -> "_Document":
    boxes = {}
    if options.press:
        o, (w, h) = geometry.offset, geometry.trim
        boxes = {
            "trimBox": (o, o, o + w, o + h),
            "bleedBox": (o - BLEED, o - BLEED, o + w + BLEED, o + h + BLEED),
        }
    document = _Document(
        buffer,
        pagesize=geometry.page,
        invariant=1,
        title=plan.title,
        author=plan.author,
        subject=f"{plan.condition_name}. {plan.review}" if plan.review else plan.condition_name,
        keywords=list(plan.keywords),
        creator=CREATOR,
        producer=CREATOR,
        lang=plan.language,
        initialFontName=look.font(),
        initialFontSize=look.sizes.body_size,
        displayDocTitle=1,
        enforceColorSpace="cmyk" if options.press else None,
        leftMargin=0,
        rightMargin=0,
        topMargin=0,
        bottomMargin=0,
        **boxes,
    )
    templates = []
    for index, sheet in enumerate(plan.sheets):
        frames = [
            Frame(
                *geometry.frame_box(panel.box),
                leftPadding=margin,
                rightPadding=margin,
                topPadding=margin,
                bottomPadding=margin,
                id=f"{sheet.name}-{panel.name}",
            )
            for panel in sheet.panels
            if panel.flows
        ] or [Frame(*geometry.frame_box((0, 0, plan.page[0], plan.page[1])), id=f"{sheet.name}-none")]
        following = plan.sheets[index + 1].name if index + 1 < len(plan.sheets) else None
        if following is None and plan.grow:
            following = sheet.name  # a layout that may grow repeats its last sheet
        templates.append(
            PageTemplate(
                id=sheet.name,
                frames=frames,
                autoNextPageTemplate=following,
                onPage=_SheetPainter(sheet, plan, look, geometry, margin, options.press, fixed),
            )
        )
    document.addPageTemplates(templates)
    document._doSave = 0  # ReportLab's flag: _finish() saves, once the number of pages is known
    return document


def _finish(document: "_Document", plan: BrochurePlan, look: Look) -> None:
    """Draws the page count every page's number refers to, now it is known, and saves."""
    canvas = document.canv
    if plan.page_numbers:
        canvas.beginForm(PAGE_COUNT)
        canvas.setFont(look.font(), PAGE_NUMBER_SIZE)
        canvas.setFillColor(look.colour("muted"))
        canvas.drawString(0, 0, str(document.page))
        canvas.endForm()
    canvas.save()


PAGE_COUNT = "page-count"  # the form each page's "Page n of N" draws N from
PAGE_NUMBER_SIZE = 10  # points
PAGE_NUMBER_ROOM = 0.25  # inches taken from the foot of each flowing panel for the page number


def _with_room_for_page_numbers(plan: BrochurePlan) -> BrochurePlan:
    """The plan with the flowing panels that reach the page's foot PAGE_NUMBER_ROOM shorter,
    the page number's strip."""
    page_h = plan.page[1]

    def shortened(panel: PanelPlan) -> PanelPlan:
        left, top, width, height = panel.box
        if not panel.flows or top + height < page_h - 0.001:
            return panel
        return replace(panel, box=(left, top, width, height - PAGE_NUMBER_ROOM))

    sheets = tuple(replace(sheet, panels=tuple(shortened(p) for p in sheet.panels)) for sheet in plan.sheets)
    return replace(plan, sheets=sheets)


# Runs of items that read as one and stay in one column: the call to action with the
# clinic's name, phone and address, which misread when split; a checklist; numbered steps.
# A heading right before such a run joins it. A run longer than a column goes on in the next
# under a "continued" line. Lists are kept whole only where that costs no page (see
# write_brochure): a fact sheet's third page for one checklist is worse than a split one.
CONTACT_RUN = ("contact_title", "contact_text", "contact_line")
LIST_RUNS = (("check", "source"), ("step",))


def _kept_with(kind: str, runs: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The kinds a run holding `kind` goes on with, or None when `kind` starts no run."""
    for run in runs:
        if kind in run:
            return run
    return None


def _story(plan: BrochurePlan, look: Look, margin: float, keep_lists: bool = True) -> list[Flowable]:
    """Page breaks past the sheets that have no flowing panel, then the flow."""
    runs = (CONTACT_RUN, *LIST_RUNS) if keep_lists else (CONTACT_RUN,)
    say = Phrases(plan.language)
    heading = plan.condition_name  # the latest heading: what a run's "continued" line names
    story: list[Flowable] = []
    for sheet in plan.sheets:
        if sheet.flows:
            break
        story += [Spacer(0, 0), PageBreak()]
    width = (
        min((p.box[2] for s in plan.sheets for p in s.panels if p.flows), default=plan.page[0]) * inch
        - 2 * margin
    )
    height = (
        min((p.box[3] for s in plan.sheets for p in s.panels if p.flows), default=plan.page[1]) * inch
        - 2 * margin
    )
    sizes = look.sizes
    group: list[Flowable] = []  # items kept in one column (see KEPT_TOGETHER)
    boxed_until = 0  # the flow's items before this index are already in a shaded box
    for index, item in enumerate(plan.flow):
        if index < boxed_until:
            continue
        if item.boxed:
            run = _boxed_run(plan.flow, index)
            boxed_until = index + len(run)
            story.append(_shaded_run(run, look, width, height))
            continue
        made = _located(item, look, width, height)
        if item.kind in ("image", "web_link"):
            made = [KeepTogether(made)]  # a picture and its caption; a QR code and its words
        following = plan.flow[index + 1].kind if index + 1 < len(plan.flow) else None
        kept = _kept_with(item.kind, runs)
        if item.kind in HEADINGS:
            heading = item.plain
        if item.kind in HEADINGS and kept is None and _kept_with(following or "", runs) is not None:
            group.extend(made)  # the heading of a run joins it
            if item.kind != "subheading":
                made[0].outline_title = item.plain
            continue
        if kept is not None:
            group.extend(made)
            if following not in kept:  # the group is whole: one column, unless longer than one
                line = say("continued", title=heading)
                story.append(KeptWhole(group, lambda line=line: continued_line(line, look)))
                group = []
            if item.kind in HEADINGS and item.kind != "subheading":
                made[0].outline_title = item.plain
            continue
        if item.kind in HEADINGS:
            # A heading never ends a column: it moves on unless it and two lines of text
            # still fit (cheaper than keep-with-next, which wraps everything twice).
            # Measured: the heading's own lines and space, then two lines and the space
            # before them (a guess of 1.6 heading lines left a heading alone at the foot of
            # a column when it wrapped or its space was larger).
            heading_height = sum(
                f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in made
            )
            two_lines = (2 * sizes.leading + 0.6) * sizes.body_size  # and the space a paragraph keeps after
            after = plan.flow[index + 1] if index + 1 < len(plan.flow) else None
            following = _located(after, look, width, height) if after is not None else []
            if after is not None and (
                after.kind in MOVED_WHOLE or after.boxed or _unsplittable(following, width, height)
            ):
                # What follows moves on whole (a picture, a box, a paragraph too short to leave
                # two lines on each side of a column break): the heading goes with it.
                two_lines = min(height - heading_height, _whole_height(following, width, height))
            story.append(CondPageBreak(heading_height + two_lines))
            if item.kind != "subheading":
                made[0].outline_title = item.plain
        story.extend(made)
    return story


MOVED_WHOLE = ("image", "web_link", "figure", "callout", "status")  # never split by a column break


def _unsplittable(made: list[Flowable], width: float, height: float) -> bool:
    """True when `made` is one paragraph of under four lines: with no widows or orphans
    allowed, a column break cannot split it, so it moves on whole."""
    if len(made) != 1:
        return False
    made[0].wrap(width, height)
    lines = getattr(getattr(made[0], "blPara", None), "lines", None)  # a paragraph's, once wrapped
    return lines is not None and len(lines) < 4


def _whole_height(made: list[Flowable], width: float, height: float) -> float:
    """The height an item's flowables take in a column, with the space before them: what a
    heading over it needs below itself to stay with it."""
    return sum(f.wrap(width, height)[1] + f.getSpaceBefore() for f in made)


def _boxed_run(items: tuple[Item, ...] | list[Item], start: int) -> list[Item]:
    """The items from `start` on that share its shaded box (a summary's heading and points)."""
    run = []
    for item in items[start:]:
        if not item.boxed:
            break
        run.append(item)
    return run


def _shaded_run(run: list[Item], look: Look, width: float, height: float, ground: str | None = None) -> Flowable:
    """A run of boxed items in one tinted box, its headings bookmarked like the flow's."""
    inner = width - 2 * BOX_PADDING
    parts = [flowable for item in run for flowable in _located(item, look, inner, height, ground)]
    box = shaded_box(parts, look, width)
    box.source_loc = run[0].loc
    box.source_kind = run[0].kind
    titles = [item.plain for item in run if item.kind in HEADINGS and item.kind != "subheading"]
    if titles:  # the document bookmarks what is drawn whole, so the box carries its heading
        box.outline_title = titles[0]
    return box


def _located(
    item: Item, look: Look, width: float, height: float = 0.0, ground: str | None = None
) -> list[Flowable]:
    """An item's flowables (on a panel filled with `ground`), the first carrying the item's
    source location.

    The location rides on the flowable itself, not on a marker between flowables.
    """
    made = flowables_for(item, look, width, height, ground)
    made[0].source_loc = item.loc
    made[0].source_kind = item.kind
    return made


@dataclass
class _Placed:
    """A fixed panel's flowables, already wrapped to the panel's width: ready to draw."""

    rows: list[tuple[Flowable, float, float, float]]  # flowable, height, space before, after
    over: float = 0.0  # points of content past the panel's foot
    first_over: Location | None = None  # where the content that does not fit starts


MIN_FLOW_SHARE = 0.6  # of its height, a flowing panel below a growing fixed panel keeps


def _measured_fixed_panels(plan: BrochurePlan, look: Look, margin: float) -> dict[tuple[str, str], _Placed]:
    return {
        (sheet.name, panel.name): _fixed_content(panel, look, margin)
        for sheet in plan.sheets
        for panel in sheet.panels
        if not panel.flows
    }


def _with_room_for_fixed_content(plan: BrochurePlan, fixed: dict[tuple[str, str], _Placed]) -> BrochurePlan:
    """The plan with each overflowing fixed panel grown down into the flowing panels right
    below it (a fact sheet's masthead that holds a clinic's logo), while they keep
    MIN_FLOW_SHARE of their height; the plan itself when none needs to or can. Fixed panels
    side by side in one band (the same top and height, such as a masthead and the QR code's
    panel beside it) grow together, by the most any of them needs."""
    sheets = []
    for sheet in plan.sheets:
        panels = list(sheet.panels)
        bands: dict[tuple[float, float], float] = {}  # (top, height) -> inches to grow
        for panel in panels:
            placed = fixed.get((sheet.name, panel.name))
            if placed is None or placed.first_over is None:
                continue
            band = (round(panel.box[1], 3), round(panel.box[3], 3))
            grow = math.ceil(placed.over / inch * 100 + 1) / 100  # inches, rounded up
            bands[band] = max(bands.get(band, 0.0), grow)
        for (top, height), grow in bands.items():
            members = [
                n
                for n, other in enumerate(panels)
                if not other.flows and (round(other.box[1], 3), round(other.box[3], 3)) == (top, height)
            ]
            left = min(panels[n].box[0] for n in members)
            right = max(panels[n].box[0] + panels[n].box[2] for n in members)
            below = [
                n
                for n, other in enumerate(panels)
                if other.flows
                and abs(other.box[1] - (top + height)) < 0.001
                and other.box[0] >= left - 0.001 - UNPRINTED_EDGE  # (a coloured band is kept off
                and other.box[0] + other.box[2] <= right + 0.001 + UNPRINTED_EDGE  # the paper's edge)
            ]
            if not below or any(panels[n].box[3] - grow < panels[n].box[3] * MIN_FLOW_SHARE for n in below):
                continue
            for n in members:
                x, y, w, h = panels[n].box
                panels[n] = replace(panels[n], box=(x, y, w, h + grow))
            for n in below:
                x, y, w, h = panels[n].box
                panels[n] = replace(panels[n], box=(x, y + grow, w, h - grow))
        sheets.append(replace(sheet, panels=tuple(panels)) if panels != list(sheet.panels) else sheet)
    if all(new is old for new, old in zip(sheets, plan.sheets)):
        return plan
    return replace(plan, sheets=tuple(sheets))


# What spare room pushes to a fixed panel's foot, away from what the panel holds above it: the
# cover's contact lines, and on a coloured panel the QR code to the web page (above them, when
# both are there).
FOOT = ("cover_phone", "cover_contact")
FOOT_ON_COLOUR = ("web_link", "cover_phone", "cover_contact")


UNPRINTED_EDGE = 0.25  # inches at the paper's edge that an office printer cannot print on


def _with_unprinted_edges(plan: BrochurePlan) -> BrochurePlan:
    """The plan with each coloured panel kept UNPRINTED_EDGE from the paper's edges it
    meets (an office printer leaves that much white and would cut the colour off unevenly);
    its content keeps the panel's margin inside the colour."""
    page_w, page_h = plan.page
    e = UNPRINTED_EDGE

    def inset(panel: PanelPlan) -> PanelPlan:
        if not panel.fill:
            return panel
        left, top, width, height = panel.box
        right, bottom = left + width, top + height
        left, top = max(left, e), max(top, e)
        right, bottom = min(right, page_w - e), min(bottom, page_h - e)
        return replace(panel, box=(left, top, right - left, bottom - top))

    sheets = tuple(replace(sheet, panels=tuple(inset(p) for p in sheet.panels)) for sheet in plan.sheets)
    return replace(plan, sheets=sheets)


MIN_COVER_PICTURE = 0.5  # of the panel's width: a cover picture shrinks this far to fit, no further


def _fixed_content(panel: PanelPlan, look: Look, margin: float) -> _Placed:
    """A fixed panel's content measured: how far it overflows and from where, and spare room
    pushing what sits at the foot (FOOT) down to the panel's foot. A cover picture shrinks
    (to MIN_COVER_PICTURE of the width at least) to the room the rest leaves it."""
    placed = _measured_panel(panel, look, margin)
    pictures = [i for i, item in enumerate(panel.items) if item.kind == "cover_image"]
    if not placed.over or not pictures:
        return placed
    index = pictures[0]
    width = panel.box[2] * inch - 2 * margin
    picture = next(row[0] for row in placed.rows if getattr(row[0], "source_kind", "") == "cover_image")
    shrunk = (picture.drawHeight - placed.over) / picture.drawHeight * picture.drawWidth / width
    scale = max(shrunk, MIN_COVER_PICTURE)
    items = list(panel.items)
    items[index] = replace(items[index], scale=scale)
    return _measured_panel(replace(panel, items=tuple(items)), look, margin)


def _measured_panel(panel: PanelPlan, look: Look, margin: float) -> _Placed:
    """A fixed panel's content measured once, as it is."""
    width = panel.box[2] * inch - 2 * margin
    height = panel.box[3] * inch - 2 * margin
    rows: list[tuple[Flowable, float, float, float]] = []
    used = 0.0
    current = Location("<built-in>")
    first_over = None
    items = list(panel.items)
    for index, item in enumerate(items):
        if item.boxed and index and items[index - 1].boxed:
            continue  # in the box the run's first item made
        made = (
            [_shaded_run(_boxed_run(items, index), look, width, height, panel.fill)]
            if item.boxed
            else _located(item, look, width, height, panel.fill)
        )
        for flowable in made:
            current = getattr(flowable, "source_loc", current)
            _w, h = flowable.wrap(width, height)
            before = flowable.getSpaceBefore() if rows else 0.0  # none at the top of a panel
            after = flowable.getSpaceAfter()
            rows.append((flowable, h, before, after))
            used += before + h + after
            if used > height + 0.01 and first_over is None:
                first_over = current
    spare = max(height - used, 0.0)
    foot = FOOT_ON_COLOUR if panel.fill else FOOT
    for index, (flowable, h, before, after) in enumerate(rows):
        if getattr(flowable, "source_kind", "") in foot:
            if index:  # what the panel holds above it stays at the top; alone, it does too
                rows[index] = (flowable, h, before + spare, after)
            break
    return _Placed(rows, max(used - height, 0.0), first_over)


class _SheetPainter:
    """Paints a sheet when its page begins: fills, fixed panels, crop marks, outline entries."""

    def __init__(
        self,
        sheet: SheetPlan,
        plan: BrochurePlan,
        look: Look,
        geometry: _Geometry,
        margin: float,
        press: bool,
        fixed: dict[tuple[str, str], _Placed],
    ):
        self.sheet, self.plan, self.look, self.geometry = sheet, plan, look, geometry
        self.margin, self.press, self.fixed = margin, press, fixed

    def __call__(self, canvas, document) -> None:
        if self.press and document.page == 1:
            add_output_intent(canvas, self.look.profile)
        canvas.saveState()
        for panel in self.sheet.panels:
            if panel.fill:
                canvas.setFillColor(self.look.colour(panel.fill))
                canvas.rect(*self.fill_box(panel), stroke=0, fill=1)
        canvas.restoreState()
        # Outline entries in reading order: the cover's panel first, then the rest left to right.
        for panel in sorted(
            self.sheet.panels, key=lambda p: not any(i.kind == "cover_title" for i in p.items)
        ):
            if panel.flows:
                continue
            x, y, width, height = self.geometry.frame_box(panel.box)
            key = f"{self.sheet.name}-{panel.name}"
            canvas.bookmarkHorizontal(key, x, y + height)
            canvas.addOutlineEntry(_panel_title(panel), key, level=0)
            top = y + height - self.margin
            for flowable, h, before, after in self.fixed[(self.sheet.name, panel.name)].rows:
                top -= before + h
                flowable.drawOn(canvas, x + self.margin, top)
                top -= after
        if self.plan.page_numbers:
            self.page_number(canvas, document.page)
        if self.press:
            self.crop_marks(canvas)
            self.fold_marks(canvas)

    def page_number(self, canvas, number: int) -> None:
        """"Page n of N" at the foot of the page, right-aligned to the text, N drawn later
        (see _finish); on the trim's margin line, inside what an office printer prints."""
        text = Phrases(self.plan.language)("page_of", number=number, count="\0")
        before, _, after = text.partition("\0")
        font, size = self.look.font(), PAGE_NUMBER_SIZE
        count_width = stringWidth(str(number), font, size)  # the count has the page's digits
        o = self.geometry.offset
        right = o + self.geometry.trim[0] - self.margin
        x = right - stringWidth(before, font, size) - count_width - stringWidth(after, font, size)
        y = o + self.margin
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.setFillColor(self.look.colour("muted"))
        canvas.drawString(x, y, before)
        canvas.saveState()
        canvas.translate(x + stringWidth(before, font, size), y)
        canvas.doForm(PAGE_COUNT)
        canvas.restoreState()
        canvas.drawString(x + stringWidth(before, font, size) + count_width, y, after)
        canvas.restoreState()

    def fill_box(self, panel: PanelPlan) -> tuple[float, float, float, float]:
        """A panel's fill, run into the bleed on every side that meets the trim."""
        x, y, width, height = self.geometry.frame_box(panel.box)
        if not self.press:
            return x, y, width, height
        left, top, w, h = panel.box
        page_w, page_h = self.plan.page
        if left <= 0.001:
            x, width = x - BLEED, width + BLEED
        if left + w >= page_w - 0.001:
            width += BLEED
        if top + h >= page_h - 0.001:
            y, height = y - BLEED, height + BLEED
        if top <= 0.001:
            height += BLEED
        return x, y, width, height

    def folds(self) -> list[float]:
        """Where the sheet folds: each edge two of its panels share, from the trim's left (pt)."""
        edges = {round(panel.box[0], 3) for panel in self.sheet.panels}
        edges |= {round(panel.box[0] + panel.box[2], 3) for panel in self.sheet.panels}
        page_width = self.plan.page[0]
        return sorted(x * 72 for x in edges if 0.01 < x < page_width - 0.01)

    def fold_marks(self, canvas) -> None:
        """Dashed marks above and below the trim at each fold, outside the bleed like the crop
        marks, so the finisher folds where the panels meet."""
        o = self.geometry.offset
        self.marks(canvas, [o + x for x in self.folds()], [], dashed=True)

    def crop_marks(self, canvas) -> None:
        """Marks at the trim's corners, drawn outside the bleed so they are cut away."""
        o = self.geometry.offset
        w, h = self.geometry.trim
        self.marks(canvas, [o, o + w], [o, o + h])

    def marks(self, canvas, xs: list[float], ys: list[float], dashed: bool = False) -> None:
        """Black marks outside the bleed: above and below the trim at each x, left and right of
        it at each y."""
        o = self.geometry.offset
        w, h = self.geometry.trim
        near, far = o - BLEED - MARK_GAP, o - BLEED - MARK_GAP - MARK_LENGTH
        beyond_top, beyond_right = o + h + BLEED + MARK_GAP, o + w + BLEED + MARK_GAP
        canvas.saveState()
        canvas.setStrokeColor(colors.CMYKColor(0, 0, 0, 1))
        canvas.setLineWidth(MARK_WIDTH)
        if dashed:
            canvas.setDash(2, 2)
        for x in xs:
            canvas.line(x, near, x, far)
            canvas.line(x, beyond_top, x, beyond_top + MARK_LENGTH)
        for y in ys:
            canvas.line(near, y, far, y)
            canvas.line(beyond_right, y, beyond_right + MARK_LENGTH, y)
        canvas.restoreState()


def _panel_title(panel: PanelPlan) -> str:
    for kind in ("cover_title", "heading", "subheading", "contact_title"):
        for item in panel.items:
            if item.kind == kind:
                return item.plain
    return panel.name.replace("-", " ").capitalize()


class _Document(BaseDocTemplate):
    """Records which source item starts each page, and bookmarks the flow's headings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_loc_on_page: dict[int, Location] = {}
        self.height_on_page: dict[int, float] = {}
        self.last_loc: Location | None = None
        self.outline_count = 0

    def afterFlowable(self, flowable) -> None:
        # a page that starts with the rest of an item split at the page before is blamed on
        # that item
        self.last_loc = getattr(flowable, "source_loc", self.last_loc)
        if self.last_loc is not None:
            self.first_loc_on_page.setdefault(self.page, self.last_loc)
        height = getattr(flowable, "height", 0.0) or 0.0
        self.height_on_page[self.page] = self.height_on_page.get(self.page, 0.0) + height
        title = getattr(flowable, "outline_title", None)
        if title:
            self.outline_count += 1
            key = f"flow-{self.outline_count}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0)
            self.canv.showOutline()
