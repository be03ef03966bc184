"""Writes the planned deck into a .pptx template with python-pptx.

The template is the theme's reference deck, or a user's own (`--template`), whose slide size,
master, fonts and colours then win. Every slide's text goes into placeholders found by layout
name and idx; process steps, pictures, footers and the clinic's logo are drawn inside the
frames those placeholders define, so no position is written in code.
"""

from __future__ import annotations

from lxml import etree
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from builder.errors import Problems
from builder.model import Material
from builder.render import Rendered, RenderOptions
from builder.render.breaks import HINT, hinted
from builder.render.deck.measure import TextMeasure
from builder.render.deck.package import fix_core_properties, saved_bytes
from builder.render.deck.plan import (
    BOX_INSET_X,
    CALLOUT_PADDING,
    SPACE_BEFORE,
    STEP_CLEARANCE,
    STEP_GAP,
    STEP_PADDING,
    Frame,
    Grid,
    Line,
    SlidePlan,
    StepBox,
    bullet_indent,
    plan_deck,
    step_box_width,
    step_text_inset,
    steps_diagram_height,
)
from builder.render.deck.pptx_parts import (
    NotesWriter,
    SlideMaker,
    add_placeholder_like,
    autoshape,
    count_part_names,
    escape_control,
    frame_body,
    placeholder_elements,
    set_default_language,
    set_typefaces,
    shape_for,
    text_body,
    write_text,
)
from builder.render.deck.icons import draw_icon, title_colour
from builder.render.deck.pptx_shapes import add_fitted_picture, mark_decorative
from builder.render.deck.reference import set_theme_part
from builder.render.deck.template import (
    EMU_PER_POINT,
    Bound,
    bind_layouts,
    footer_placeholders,
    on_the_slide,
    open_template,
    template_fonts,
    template_frames,
)
from builder.theme.chain import FontChain
from builder.theme.icons import ICON_SIZE, icon_room
from builder.theme.types import Theme

FORMAT = "pptx"
BULLET_STYLES = {
    "bullet": ("char", "\u2022"),
    "check": ("char", "\u25a1"),
    "number": ("autonum", "arabicPeriod"),
}
BOXED_KINDS = ("callout", "status")
# Theme colours of text set apart: key figures in the accent, a table's header row light on
# its primary-coloured cells, its other cells in the text colour.
RUN_COLOURS = {"figure": "accent2", "header": "bg1", "cell": "tx1"}
# A table's rows take these in turn, below the header's primary (accent 1).
CELL_FILLS = (MSO_THEME_COLOR.BACKGROUND_1, MSO_THEME_COLOR.BACKGROUND_2)
LOGO_ON_PLATE_KINDS = ("title", "closing")  # display slides that still show the clinic's logo
LOGO_PLATE_PT = 4
# A fixed field id, so that builds are reproducible: uuid5(NAMESPACE_URL,
# "handout-builder/slide-number"), written out to spare loading uuid on every build.
SLIDE_NUMBER_FIELD = "{09EC3F1E-4F61-5008-B6D4-8D7C6AE4B9FC}"
_TX_BODY_PR = f"{qn('p:txBody')}/{qn('a:bodyPr')}"
_TX_BODY_P = f"{qn('p:txBody')}/{qn('a:p')}"


def output_name(material: Material) -> str:
    """The deck's file name, e.g. msc-chronic-pain.pptx."""
    return f"{material.meta.id}.pptx"


def render(
    material: Material,
    theme: Theme,
    conditions: tuple[str, ...] | None = None,
    options: RenderOptions = RenderOptions(),
) -> Rendered:
    """The deck's bytes by file name, built on the options' template or the theme's own."""
    template = options.template or theme.template
    presentation = open_template(template)
    if options.template is None:  # the theme's own deck takes the theme's (or a clinic's) colours
        set_theme_part(presentation.slide_master, theme)
    count_part_names(presentation.part.package)
    set_default_language(presentation, material.meta.language)
    fonts = template_fonts(presentation, theme)
    bound = bind_layouts(presentation, theme, template)
    chain = FontChain(theme.fonts.fallback, theme.folder)
    body, heading = TextMeasure(fonts.body, chain), TextMeasure(fonts.heading, chain)
    size = (presentation.slide_width, presentation.slide_height)
    slides = plan_deck(material, theme, template_frames(bound, template, size), body, heading)
    check_glyphs(slides, body, chain, fonts.body.family)
    writer = _Writer(presentation, theme, bound, material, body, heading)
    writer.write(slides)
    meta = material.meta
    fix_core_properties(
        presentation,
        meta.reviewed,
        title=meta.title.plain,
        author=meta.organisation.plain,
        subject=meta.subtitle.plain if meta.subtitle else meta.title.plain,
        keywords="; ".join(meta.keywords),
        language=meta.language,
        comments=meta.review_line(),
        last_modified_by=meta.author.plain,
        category="Patient education",
    )
    notes = fonts.notes
    if writer.footers_left_off:
        where = ", ".join(sorted(writer.footers_left_off))
        notes += (
            f"note: {material.meta.id}: the template puts these past the slide's edge, so they are left off: {where}",
        )
    if writer.logo_left_off:
        layouts = ", ".join(f"'{name}'" for name in sorted(writer.logo_left_off))
        notes += (
            f"note: {material.meta.id}: the template's {layouts} layout has no date placeholder,"
            " where the clinic's logo goes; slides on it have no logo",
        )
    return Rendered({output_name(material): saved_bytes(presentation)}, notes)


def check_glyphs(slides: list[SlidePlan], measure: TextMeasure, chain: FontChain, family: str) -> None:
    """A character no font of the chain can draw is an error at its source line, as in the
    brochures: PowerPoint would show a blank box, and the deck may be built on its own."""
    problems = Problems()
    covers = None
    seen: set[tuple[str, object]] = set()
    for slide in slides:
        for text, loc in slide.located_texts():
            missing = measure.missing_glyphs(text)
            if missing and chain.fonts:
                covers = covers or chain.covers()
                missing = "".join(c for c in missing if not any(draws(c) for draws in covers))
            if missing and (missing, loc) not in seen:  # a split slide's titles repeat
                seen.add((missing, loc))
                shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
                problems.add(loc, f"no deck font can draw {shown}; tried {chain.tried(family)}")
    problems.raise_if_any()


class _Writer:
    """Adds one slide per plan to the presentation."""

    def __init__(
        self,
        presentation,
        theme: Theme,
        bound: Bound,
        material: Material,
        body: TextMeasure,
        heading: TextMeasure,
    ):
        self.presentation = presentation
        self.body_typefaces = _typefaces(body)
        self.heading_typefaces = _typefaces(heading)
        self.theme = theme
        self.bound = bound
        self.language = material.meta.language
        self.footer_text = (
            material.meta.organisation.plain
            if theme.deck_footer == "organisation"
            else material.meta.title.plain
        )
        self.logo = material.logo
        self.notes = NotesWriter()
        self.slides = SlideMaker(presentation)
        self.layouts: dict[str, tuple[object, dict[str, object], dict[str, object]]] = {}
        self.logo_left_off: set[str] = set()  # layouts without the date placeholder the logo takes
        self.footers_left_off: set[str] = set()  # footer placeholders the template puts off the slide

    def layout(self, kind: str):
        """A kind's layout, its placeholders by role and its footer placeholders (cached)."""
        if kind not in self.layouts:
            layout, roles = self.bound[kind]
            by_role = {role: shape.placeholder_format.idx for role, shape in roles.items()}
            size = (self.presentation.slide_width, self.presentation.slide_height)
            footers = footer_placeholders(layout)
            for name in [name for name, shape in footers.items() if not on_the_slide(shape, size)]:
                del footers[name]  # the template puts it past the slide's edge: left off
                self.footers_left_off.add(f"{layout.name} ({name})")
            self.layouts[kind] = (layout, by_role, footers)
        return self.layouts[kind]

    def write(self, slides: list[SlidePlan]) -> None:
        for number, plan in enumerate(slides, start=1):
            self.slide(plan, number)

    def slide(self, plan: SlidePlan, number: int) -> None:
        layout, by_role, footers = self.layout(plan.kind)
        slide = self.slides.add(layout)
        on_slide = placeholder_elements(slide.shapes.element)
        elements = {role: on_slide[idx] for role, idx in by_role.items() if idx in on_slide}
        title = elements["title"]
        write_text(
            text_body(title),
            plan.title,
            self.language,
            size=plan.title_size,
            typefaces=self.heading_typefaces,
        )
        if plan.icon:
            self.title_icon(slide, title, plan)
        placed = {role: shape_for(slide.shapes, e) for role, e in elements.items() if role != "title"}
        filled = {"title"}
        if plan.steps and "body" in placed:
            self.draw_steps(slide, placed["body"], plan.steps, title)
        if plan.grid and "body" in placed:
            self.draw_table(slide, placed["body"], plan.grid, title)
        for role, shape in placed.items():
            lines = plan.body if role == "body" else plan.box(role)
            if lines:
                self.fill(shape.text_frame, lines)
                filled.add(role)
                if role == "body" and plan.kind in BOXED_KINDS:
                    self.box(shape, accent=plan.kind == "status")
        if plan.picture and "picture" in placed:
            self.picture(slide, placed["picture"], plan)
        for role, element in elements.items():
            if role not in filled:
                element.getparent().remove(element)
        if plan.has_footer:
            self.footer(slide, footers, number)
        elif plan.kind in LOGO_ON_PLATE_KINDS and self.logo and "date" in footers:
            self.logo_on_plate(slide, footers["date"])
        self.notes.write(slide, plan.notes, self.language, self.body_typefaces)

    def picture(self, slide, frame, plan: SlidePlan) -> None:
        """The picture in its frame (as far as the slide's edge); beside text, at the frame's
        top left with its caption set right below it, in the room the plan measured."""
        right, bottom = self.presentation.slide_width, self.presentation.slide_height
        width, height = min(frame.width, right - frame.left), min(frame.height, bottom - frame.top)
        room = min(height, Pt(plan.picture_room)) if plan.picture_room else height
        inset = Pt(BOX_INSET_X) if plan.picture_room else 0
        picture = add_fitted_picture(
            slide.shapes,
            plan.picture.path,
            (frame.left + inset, frame.top, width - 2 * inset, room),
            plan.picture.alt,
            plan.picture.decorative,
        )
        caption = plan.box("caption")
        if not plan.picture_room:
            return
        picture.left, picture.top = frame.left + inset, frame.top
        if caption:
            below = picture.top + picture.height
            box = slide.shapes.add_textbox(frame.left, below, width, frame.top + height - below)
            box.name = "Caption"
            self.fill(box.text_frame, caption)

    def title_icon(self, slide, title, plan: SlidePlan) -> None:
        """The theme's icon before the title, in the title's colour: the title's text is set in
        by the icon's room (as planned) and centred on it, whatever the template's anchor."""
        shape = shape_for(slide.shapes, title)
        body_pr = text_body(title).find(qn("a:bodyPr"))
        room = icon_room(plan.title_size)
        body_pr.set("lIns", str(Pt(BOX_INSET_X + room)))
        body_pr.set("anchor", "ctr")
        side = Pt(plan.title_size * ICON_SIZE)
        left = shape.left + Pt(BOX_INSET_X)
        top = shape.top + (shape.height - side) // 2
        layout, by_role, _footers = self.layout(plan.kind)
        colour = title_colour(layout, by_role["title"])
        draw_icon(slide.shapes, self.theme.icons.get(plan.icon), left, top, side, colour)

    # -- text ------------------------------------------------------------------------------
    def fill(self, frame, lines: tuple[Line, ...]) -> None:
        """The planned lines as the frame's paragraphs: wrapped, never autofit (the plan has
        measured them), bulleted and sized as planned; DrawingML written directly."""
        body = frame_body(frame)
        body_pr = body.find(qn("a:bodyPr"))
        for child in list(body_pr):
            body_pr.remove(child)
        body_pr.set("wrap", "square")
        etree.SubElement(body_pr, qn("a:noAutofit"))
        paragraphs = body.findall(qn("a:p"))
        for index, line in enumerate(lines):
            paragraph = paragraphs[0] if index == 0 and paragraphs else etree.SubElement(body, qn("a:p"))
            starts_a_list = index == 0 or lines[index - 1].style != line.style
            _bullet(paragraph, line, self.theme, line.number if starts_a_list and line.number > 1 else None)
            for span in line.spans:
                self.run(paragraph, span, line, frame)

    def run(self, paragraph, span, line: Line, frame) -> None:
        """One styled run at the end of `paragraph` (the frame's last), as DrawingML.

        A linked web address is written as one run per piece between its break points, all
        with the same link: LibreOffice shows a linked run as one field, which breaks only at
        its ends (PowerPoint breaks at the zero-width spaces either way)."""
        text = hinted(span.text)  # where an address may break
        pieces = [piece + HINT for piece in text.split(HINT)] if span.href else [text]
        if span.href:
            pieces[-1] = pieces[-1][: -len(HINT)]
        for piece, fallback in (run for whole in pieces for run in self.body_typefaces(whole)):
            run = etree.SubElement(paragraph, qn("a:r"))
            properties = etree.SubElement(
                run, qn("a:rPr"), lang=self.language, sz=str(round(line.size * 100))
            )
            if span.bold or line.style in ("heading", "figure", "header"):
                properties.set("b", "1")
            if span.italic or line.style == "quote":
                properties.set("i", "1")
            if line.style in RUN_COLOURS:
                fill = etree.SubElement(properties, qn("a:solidFill"))
                etree.SubElement(fill, qn("a:schemeClr"), val=RUN_COLOURS[line.style])
            if fallback is not None:
                set_typefaces(properties, piece, fallback)
            etree.SubElement(run, qn("a:t")).text = piece
            if span.href:  # a relationship to the address: python-pptx's proxy does it
                frame.paragraphs[-1].runs[-1].hyperlink.address = span.href

    def box(self, shape, accent: bool) -> None:
        """Shade a callout's placeholder and pad its text (a left rule marks the status)."""
        shape.fill.solid()
        shape.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_2
        if accent:
            shape.line.color.theme_color = MSO_THEME_COLOR.ACCENT_2
            shape.line.width = Pt(3)
        else:
            shape.line.fill.background()
        frame = shape.text_frame
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        padding = Pt(CALLOUT_PADDING)
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = padding

    # -- tables ----------------------------------------------------------------------------
    def draw_table(self, slide, body, grid: Grid, title) -> None:
        """The planned table in the body placeholder's frame, as tall as its rows: the
        header row marked as one (firstRow) and filled with the primary colour, the rows
        in turn white and tinted, every cell's text as measured."""
        columns = len(grid.header)
        frame = slide.shapes.add_table(
            len(grid.rows) + 1, columns, body.left, body.top, body.width, Pt(sum(grid.heights))
        )
        frame.name = "Table"
        table = frame.table
        table.first_row = True
        table.horz_banding = False
        left = 0
        for index, width in enumerate(grid.widths):
            emu = body.width - left if index == columns - 1 else int(Pt(width))
            table.columns[index].width = Emu(emu)
            left += emu
        for index, (cells, height) in enumerate(zip((grid.header, *grid.rows), grid.heights)):
            table.rows[index].height = Pt(height)
            fill = MSO_THEME_COLOR.ACCENT_1 if index == 0 else CELL_FILLS[(index - 1) % 2]
            for column, line in enumerate(cells):
                cell = table.cell(index, column)
                self.fill(cell.text_frame, (line,))
                cell.fill.solid()
                cell.fill.fore_color.theme_color = fill
        title.addnext(frame.element)  # reading order: the title, then the table

    # -- process steps ---------------------------------------------------------------------
    def draw_steps(self, slide, body, steps: tuple[StepBox, ...], title) -> None:
        """Steps as boxes with arrows across the top of the body frame; the text moves below.

        The shapes are written as the DrawingML python-pptx's add_shape and its fill, line,
        shadow and text proxies would leave, in one go (those proxies cost a steps slide
        several milliseconds).
        """
        frame = Frame(body.width / EMU_PER_POINT, body.height / EMU_PER_POINT)
        diagram = steps_diagram_height(frame, self.theme)
        height = diagram - STEP_CLEARANCE
        width = step_box_width(frame, len(steps))
        gap = width * STEP_GAP
        left, top = body.left, body.top
        tree = slide.shapes.element
        next_id = max((int(v) for v in tree.xpath("//@id") if v.isdigit()), default=0) + 1
        after = title  # reading order: the title, the steps, then the text below them
        for index, step in enumerate(steps):
            x = left + Pt(index * (width + gap))
            box = autoshape(
                next_id, f"Step {step.number}", "roundRect", "accent1", (x, top, Pt(width), Pt(height))
            )
            pad = str(Pt(STEP_PADDING + step_text_inset(width, height)))
            body_pr = box.find(_TX_BODY_PR)
            body_pr.set("anchor", "t")
            body_pr.set("wrap", "square")
            for inset in ("lIns", "rIns", "tIns", "bIns"):
                body_pr.set(inset, pad)
            etree.SubElement(body_pr, qn("a:noAutofit"))
            heading = box.find(_TX_BODY_P)
            heading[0].set("algn", "l")
            self._run(heading, f"{step.number}. ", step.size, bold=True)
            for span in step.title:
                self._run(heading, span.text, step.size, bold=True, italic=span.italic)
            if step.text:
                paragraph = etree.SubElement(heading.getparent(), qn("a:p"))
                properties = etree.SubElement(paragraph, qn("a:pPr"), algn="l")
                spacing = etree.SubElement(properties, qn("a:spcBef"))
                etree.SubElement(spacing, qn("a:spcPts"), val=str(Pt(SPACE_BEFORE * step.size).centipoints))
                for span in step.text:
                    self._run(paragraph, span.text, step.size, bold=span.bold, italic=span.italic)
            after.addnext(box)
            after, next_id = box, next_id + 1
            if index < len(steps) - 1:
                arrow = autoshape(
                    next_id,
                    f"Arrow after step {step.number}",
                    "rightArrow",
                    "accent2",
                    (
                        Emu(x + Pt(width + gap * 0.15)),
                        Emu(top + Pt(height * 0.4)),
                        Pt(gap * 0.7),
                        Pt(height * 0.2),
                    ),
                )
                mark_decorative(arrow)
                after.addnext(arrow)
                after, next_id = arrow, next_id + 1
        # Placeholders inherit their position; all four values are written so none is lost.
        box_left, box_width, box_height = body.left, body.width, body.height
        body.left, body.width = box_left, box_width
        body.top, body.height = Emu(top + Pt(diagram)), Emu(box_height - Pt(diagram))

    def _run(self, paragraph, text: str, size: float, bold: bool = False, italic: bool = False) -> None:
        """A run in a step box: light on the accent, as python-pptx's font proxies set it."""
        for piece, fallback in self.body_typefaces(text):
            run = etree.SubElement(paragraph, qn("a:r"))
            properties = etree.SubElement(run, qn("a:rPr"), sz=str(Pt(size).centipoints))
            if bold:
                properties.set("b", "1")
            if italic:
                properties.set("i", "1")
            fill = etree.SubElement(properties, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:schemeClr"), val="bg1")
            properties.set("lang", self.language)
            if fallback is not None:
                set_typefaces(properties, piece, fallback)
            etree.SubElement(run, qn("a:t")).text = escape_control(piece)

    # -- footer, number and logo -----------------------------------------------------------
    def logo_on_plate(self, slide, box) -> None:
        """The clinic's logo where the date would go, on a plate of the background colour:
        the title and closing slides are filled with the primary colour, on which a logo in
        the clinic's own colours could vanish."""
        picture = add_fitted_picture(
            slide.shapes, self.logo, (box.left, box.top, box.width, box.height), alt="", decorative=True
        )
        pad = Pt(LOGO_PLATE_PT)
        plate = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE,
            picture.left - pad,
            picture.top - pad,
            picture.width + 2 * pad,
            picture.height + 2 * pad,
        )
        plate.fill.solid()
        plate.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_1
        plate.line.fill.background()
        plate.shadow.inherit = False
        mark_decorative(plate)
        picture.element.addprevious(plate.element)  # the plate goes behind the logo

    @staticmethod
    def readable(element) -> None:
        """Give a footer's runs the template's main text colour (tx1, which every template
        pairs with its background; the theme's own deck checks it at 4.5:1), so that a
        master's faint grey footer (3.3:1 on white) is not inherited."""
        for properties in element.iter(qn("a:rPr")):
            fill = etree.Element(qn("a:solidFill"))
            etree.SubElement(fill, qn("a:schemeClr"), val="tx1")
            properties.insert(0, fill)  # a fill comes before the typefaces in a:rPr

    def footer(self, slide, found: dict[str, object], number: int) -> None:
        if "footer" in found and self.footer_text:
            element = add_placeholder_like(slide, found["footer"], "Footer")
            # the template's body font, whatever it is
            write_text(text_body(element), self.footer_text, self.language, typeface="+mn-lt")
            self.readable(element)
        if "number" in found:
            element = add_placeholder_like(slide, found["number"], "Slide Number")
            paragraph = text_body(element).find(qn("a:p"))
            field = etree.SubElement(paragraph, qn("a:fld"), id=SLIDE_NUMBER_FIELD, type="slidenum")
            properties = etree.SubElement(field, qn("a:rPr"), lang=self.language)
            etree.SubElement(properties, qn("a:latin"), typeface="+mn-lt")
            etree.SubElement(field, qn("a:t")).text = str(number)
            self.readable(element)
        if self.logo and "date" not in found:
            self.logo_left_off.add(slide.slide_layout.name)
        if self.logo and "date" in found:
            box = found["date"]
            add_fitted_picture(
                slide.shapes, self.logo, (box.left, box.top, box.width, box.height), alt="", decorative=True
            )


def _typefaces(measure: TextMeasure):
    """For a text, its runs each with the deck typeface of the fallback font that draws it
    (None where the template's font does, or no font of the chain can)."""
    chain = measure.chain
    assert chain is not None, "the deck measures with the theme's fallback chain"

    def typefaces(text: str) -> list[tuple[str, str | None]]:
        runs: list[tuple[str, str | None]] = []
        for piece, index in measure.runs(text):
            typeface = chain.fonts[index - 1].deck_typeface if index > 0 else None
            if runs and runs[-1][1] == typeface:
                runs[-1] = (runs[-1][0] + piece, typeface)
            else:
                runs.append((piece, typeface))
        return runs

    return typefaces


def _bullet(paragraph, line: Line, theme: Theme, start_at: int | None = None) -> None:
    """The paragraph's bullet, number or none; a numbered list that goes on from an earlier
    slide starts at `start_at`."""
    p_pr = paragraph.get_or_add_pPr()
    if line.style in BULLET_STYLES:
        kind, value = BULLET_STYLES[line.style]
        margin = str(int(bullet_indent(line) * EMU_PER_POINT))
        p_pr.set("marL", margin)
        p_pr.set("indent", "-" + margin)
        if kind == "autonum":
            etree.SubElement(p_pr, qn("a:buFont"), typeface="+mj-lt")
            numbering = etree.SubElement(p_pr, qn("a:buAutoNum"), type=value)
            if start_at is not None:
                numbering.set("startAt", str(start_at))
        else:
            etree.SubElement(p_pr, qn("a:buFont"), typeface="+mn-lt")
            etree.SubElement(p_pr, qn("a:buChar"), char=value)
        return
    p_pr.set("marL", "0")
    p_pr.set("indent", "0")
    etree.SubElement(p_pr, qn("a:buNone"))
