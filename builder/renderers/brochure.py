"""Writes each condition's planned brochure as a two-sided tri-fold PDF with ReportLab."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    Image as ImageFlowable,
    KeepInFrame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from builder.errors import Problems, SourceError
from builder.fonts import FontFiles, find_fonts
from builder.model import Location, Material, Span
from builder.renderers import Rendered
from builder.renderers.brochure_plan import (
    BrochurePlan,
    Item,
    SheetPlan,
    brochure_file_name,
    brochure_texts,
    plan_brochure,
)
from builder.renderers.measure import TextMeasure, style_of
from builder.renderers.pdf_fonts import load_style, register_family
from builder.theme import Theme

FORMAT = "pdf"
CREATOR = "handout-builder"


def output_names(material: Material, conditions: tuple[str, ...] | None = None) -> list[str]:
    """The file names this renderer writes for a material."""
    return [brochure_file_name(material, c) for c in _chosen(material, conditions)]


def _chosen(material: Material, conditions: tuple[str, ...] | None):
    return [c for c in material.conditions if not conditions or c.id in conditions]


def render(material: Material, theme: Theme, conditions: tuple[str, ...] | None = None,
           template: str | None = None) -> Rendered:
    """Every chosen condition's brochure, as bytes by file name; all problems at once."""
    fonts = find_fonts(theme.fonts, theme.folder)
    measure = TextMeasure(fonts)
    problems = Problems()
    results: dict[str, bytes] = {}
    for condition in _chosen(material, conditions):
        check_glyphs(brochure_texts(material, condition), measure, problems)
        plan = plan_brochure(material, condition, theme)
        try:
            results[plan.file_name] = write_brochure(plan, material, theme, fonts)
        except SourceError as error:
            problems.extend(error)
    problems.raise_if_any()
    notes = (f"note: the theme font {theme.fonts.family} is not installed; using {fonts.family},"
             " which ships with ReportLab",) if fonts.is_fallback else ()
    return Rendered(results, notes)


def check_glyphs(texts: list[tuple[str, Location]], measure: TextMeasure, problems: Problems) -> None:
    """A character the font cannot draw is an error at its source line, never a blank box."""
    for words, loc in texts:
        missing = measure.missing_glyphs(words)
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
            problems.add(loc, f"the brochure font {measure.files.family} cannot draw {shown}")


# -- styles ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Look:
    names: dict[str, str]
    theme: Theme

    def colour(self, name: str) -> colors.Color:
        return colors.HexColor("#" + self.theme.colour(name))

    def style(self, name: str, size: float, *, bold: bool = False, colour: str = "text",
              space_before: float = 0.0, space_after: float | None = None, indent: float = 0.0,
              keep: bool = False) -> ParagraphStyle:
        sizes = self.theme.brochure
        return ParagraphStyle(
            name,
            fontName=self.names["bold" if bold else "regular"],
            fontSize=size,
            leading=size * sizes.leading,
            textColor=self.colour(colour),
            alignment=TA_LEFT,
            spaceBefore=space_before,
            spaceAfter=size * 0.45 if space_after is None else space_after,
            leftIndent=indent,
            bulletIndent=0,
            bulletFontName=self.names["regular"],
            bulletFontSize=size,
            bulletColor=self.colour("primary"),
            keepWithNext=keep,
            allowWidows=0,
            allowOrphans=0,
            splitLongWords=False,
            hyphenationLang="",
        )


def _markup(spans: tuple[Span, ...], look: _Look) -> str:
    parts = []
    for span in spans:
        text = escape(span.text)
        if span.bold:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        if span.href:
            text = f'<a href="{escape(span.href)}" color="#{look.theme.colour("primary")}">{text}</a>'
        parts.append(text)
    return "".join(parts)


class _Located(Flowable):
    """Marks where a source item starts, so overflow can be reported at its line."""

    def __init__(self, loc: Location):
        super().__init__()
        self.loc = loc
        self.width = self.height = 0

    def wrap(self, avail_width, avail_height):
        return (0, 0)

    def draw(self) -> None:
        pass


class _PanelBackground:
    """Paints the panels that are filled with colour (the cover) when a page begins."""

    def __init__(self, sheet: SheetPlan, page_size: tuple[float, float], look: _Look):
        self.rects = []
        x = 0.0
        for panel in sheet.panels:
            width = panel.width_in * inch
            if any(item.kind.startswith("cover") for item in panel.items):
                self.rects.append((x, 0, width, page_size[1]))
            x += width
        self.look = look

    def __call__(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(self.look.colour("primary"))
        for x, y, width, height in self.rects:
            canvas.rect(x, y, width, height, stroke=0, fill=1)
        canvas.restoreState()


# -- items into flowables ---------------------------------------------------------------
def _flowables(item: Item, look: _Look, width: float) -> list[Flowable]:
    sizes = look.theme.brochure
    body, small = sizes.body_size, sizes.small_size
    text = _markup(item.spans, look)
    title = _markup(item.title, look)
    st = look.style
    kind = item.kind
    if kind == "cover_kicker":
        return [Paragraph(text, st("kicker", sizes.subheading_size, bold=True, colour="on_primary", space_after=sizes.cover_title_size * 1.2))]
    if kind == "cover_title":
        return [Paragraph(text, st("cover", sizes.cover_title_size, bold=True, colour="on_primary", space_after=sizes.cover_title_size * 0.6))]
    if kind == "cover_condition":
        return [Paragraph(text, st("condition", sizes.cover_title_size * 0.75, bold=True, colour="on_primary", space_after=sizes.heading_size))]
    if kind == "cover_message":
        return [Paragraph(text, st("message", sizes.heading_size, colour="on_primary"))]
    if kind == "cover_contact":
        return [Paragraph(text, st("cover-contact", body, bold=True, colour="on_primary", space_after=1))]
    if kind == "heading":
        return [Paragraph(text, st("heading", sizes.heading_size, bold=True, colour="primary", space_before=sizes.heading_size * 0.5, space_after=sizes.heading_size * 0.3, keep=True))]
    if kind == "subheading":
        return [Paragraph(text, st("subheading", sizes.subheading_size, bold=True, colour="primary", space_before=sizes.subheading_size * 0.4, space_after=sizes.subheading_size * 0.2, keep=True))]
    if kind == "paragraph":
        return [Paragraph(text, st("body", body))]
    if kind == "bullet":
        return [Paragraph(text, st("bullet", body, indent=body * 1.1), bulletText="\u2022")]
    if kind == "check":
        style = st("check", body, indent=body * 2.1, space_after=body * 0.35)
        style.bulletFontSize = body * 1.5  # a box big enough to tick with a pen
        style.bulletOffsetY = -body * 0.1
        return [Paragraph(text, style, bulletText="\u25a1")]
    if kind == "step":
        words = f"<b>{title}</b>" + (f": {text}" if text else "")
        return [Paragraph(words, st("step", body, indent=body * 1.4), bulletText=f"{item.number}.")]
    if kind in ("figure", "callout", "status"):
        return [_boxed(item, look, width)]
    if kind == "image":
        return _image(item, look, width)
    if kind == "contact_title":
        return [Paragraph(text, st("contact-title", sizes.heading_size, bold=True, colour="primary", space_before=sizes.heading_size * 0.5, space_after=sizes.heading_size * 0.3, keep=True))]
    if kind == "contact_text":
        return [Paragraph(text, st("contact-text", body))]
    if kind == "contact_line":
        return [Paragraph(text, st("contact-line", body, bold=True, space_after=1))]
    if kind == "reference":
        style = st("reference", small, colour="muted", indent=small * 1.6, space_after=small * 0.3)
        style.splitLongWords = True  # long web addresses break rather than run off the panel
        return [Paragraph(text, style, bulletText=f"[{item.number}]")]
    if kind == "term":
        return [Paragraph(f"<b>{title}</b>: {text}", st("term", body, space_after=body * 0.3))]
    if kind in ("colophon", "source"):
        return [Paragraph(text, st(kind, small, colour="muted", space_before=small * 0.5))]
    raise ValueError(f"no brochure flowable for item kind {kind!r}")  # pragma: no cover


def _boxed(item: Item, look: _Look, width: float) -> Table:
    sizes = look.theme.brochure
    st = look.style
    rows: list[list[Flowable]] = []
    if item.kind == "figure":
        rows.append([Paragraph(_markup(item.title, look), st("figure", sizes.cover_title_size, bold=True, colour="accent", space_after=2))])
        rows.append([Paragraph(_markup(item.spans, look), st("figure-label", sizes.body_size, space_after=0))])
    else:
        if item.title:
            rows.append([Paragraph(_markup(item.title, look), st("box-title", sizes.subheading_size, bold=True, colour="primary", space_after=3))])
        rows.append([Paragraph(_markup(item.spans, look), st("box-text", sizes.body_size, space_after=2 if item.detail else 0))])
        if item.detail:
            rows.append([Paragraph(escape(item.detail), st("box-detail", sizes.small_size, colour="muted", space_after=0))])
    table = Table(rows, colWidths=[width], hAlign="LEFT", spaceBefore=4, spaceAfter=sizes.body_size * 0.6)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), look.names["regular"]),  # else Table sets Helvetica
        ("BACKGROUND", (0, 0), (-1, -1), look.colour("tint")),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 7),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
    ]
    if item.kind == "status":
        commands.append(("LINEBEFORE", (0, 0), (0, -1), 4, look.colour("accent")))
    table.setStyle(TableStyle(commands))
    return table


def _image(item: Item, look: _Look, width: float) -> list[Flowable]:
    picture = ImageFlowable(item.detail)
    scale = min(1.0, width / picture.imageWidth)
    picture.drawWidth, picture.drawHeight = picture.imageWidth * scale, picture.imageHeight * scale
    picture.hAlign = "LEFT"
    parts: list[Flowable] = [picture]
    if item.spans:
        parts.append(Paragraph(_markup(item.spans, look), look.style("caption", look.theme.brochure.small_size + 1, colour="muted")))
    return parts


# -- the document -----------------------------------------------------------------------
def write_brochure(plan: BrochurePlan, material: Material, theme: Theme, fonts: FontFiles) -> bytes:
    """The PDF bytes of one planned brochure; SourceError when content does not fit."""
    used = {"regular", "bold"} | {style_of(s.bold, s.italic) for item in plan.items() for s in item.spans + item.title}
    names = {style: load_style(fonts, style) if style in used else name
             for style, name in register_family(fonts).items()}
    look = _Look(names, theme)
    geometry = theme.geometry
    page = (geometry.page_size_in[0] * inch, geometry.page_size_in[1] * inch)
    margin = geometry.panel_margin_in * inch
    buffer = io.BytesIO()
    meta = material.meta
    document = _Document(
        buffer,
        pagesize=page,
        invariant=1,
        title=plan.title,
        author=meta.organisation.plain,
        subject=plan.condition_name,
        keywords=list(meta.keywords),
        creator=CREATOR,
        producer=CREATOR,
        lang=meta.language,
        initialFontName=names["regular"],
        initialFontSize=theme.brochure.body_size,
        displayDocTitle=1,
        leftMargin=0,
        rightMargin=0,
        topMargin=0,
        bottomMargin=0,
    )
    templates = []
    story: list[Flowable] = []
    problems = Problems()
    for index, sheet in enumerate(plan.sheets):
        frames = []
        x = 0.0
        for panel in sheet.panels:
            width = panel.width_in * inch
            frames.append(Frame(x, 0, width, page[1], leftPadding=margin, rightPadding=margin,
                                topPadding=margin, bottomPadding=margin, id=f"{sheet.name}-{panel.name}", showBoundary=0))
            x += width
        templates.append(PageTemplate(id=sheet.name, frames=frames, onPage=_PanelBackground(sheet, page, look)))
        if index > 0:
            story.append(NextPageTemplate(sheet.name))
            story.append(PageBreak())
        if sheet.flows:
            for item in sheet.flow:
                story.append(_Located(item.loc))
                story.extend(_flowables(item, look, sheet.panels[0].width_in * inch - 2 * margin))
        else:
            for number, panel in enumerate(sheet.panels):
                inner_width = panel.width_in * inch - 2 * margin
                inner_height = page[1] - 2 * margin
                content = []
                for item in panel.items:
                    content.append(_Located(item.loc))
                    content.extend(_flowables(item, look, inner_width))
                spare = _check_panel(content, inner_width, inner_height, plan, panel.name, problems)
                _push_contact_down(content, panel.items, spare)
                story.append(KeepInFrame(inner_width, inner_height, content, mode="error"))
                if number < len(sheet.panels) - 1:
                    story.append(FrameBreak())
    problems.raise_if_any()
    document.addPageTemplates(templates)
    try:
        document.build(story)
    except LayoutError as error:  # a safety net behind _check_panel's measurement
        raise SourceError.at(material.loc, f"{plan.condition_id}: a panel overflows: {error}") from None
    sheets = len(plan.sheets)
    if document.page > sheets:
        first = document.first_loc_on_page.get(sheets + 1, material.loc)
        over = sum(h for page_no, h in document.height_on_page.items() if page_no > sheets)
        raise SourceError.at(
            first,
            f"{plan.condition_name}: the inside panels overflow the sheet by about {over / 72:.1f} in"
            f" of text ({over:.0f} pt); the overflow starts here. Shorten the brochure text.",
        )
    return buffer.getvalue()


def _push_contact_down(content: list[Flowable], items: tuple[Item, ...], spare: float) -> None:
    """Put the cover's contact lines at the foot of the panel by giving them the spare room."""
    for index, flowable in enumerate(content):
        if isinstance(flowable, _Located) and any(
            item.kind == "cover_contact" and item.loc == flowable.loc for item in items
        ):
            content.insert(index, Spacer(1, max(spare - 1, 0)))
            return


def _check_panel(content, width: float, height: float, plan: BrochurePlan, panel: str, problems: Problems) -> float:
    """A fixed panel whose content is taller than the panel fails at the item that overflows.

    Returns the height left over (negative when the panel overflows)."""
    used = 0.0
    current = Location("<built-in>")
    first_over = None
    for flowable in content:
        if isinstance(flowable, _Located):
            current = flowable.loc
            continue
        _w, h = flowable.wrap(width, height)
        used += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if used > height and first_over is None:
            first_over = current
    if first_over is not None:
        over = used - height
        problems.add(
            first_over,
            f"{plan.condition_name}: the {panel} panel overflows by {over:.0f} pt ({over / 72:.2f} in);"
            " the overflow starts with the text here. Shorten it or move it to another panel.",
        )
    return height - used


class _Document(BaseDocTemplate):
    """Records which source item starts each page, to report where an overflow begins."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_loc_on_page: dict[int, Location] = {}
        self.height_on_page: dict[int, float] = {}

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, _Located):
            self.first_loc_on_page.setdefault(self.page, flowable.loc)
        else:
            height = getattr(flowable, "height", 0.0) or 0.0
            self.height_on_page[self.page] = self.height_on_page.get(self.page, 0.0) + height
