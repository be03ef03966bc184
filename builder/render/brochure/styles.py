"""Brochure type and colour: paragraph styles, and the flowables each planned item becomes."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from html import escape as _escape_html

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Table, TableStyle
from reportlab.platypus import Image as ImageFlowable

from builder.render.breaks import address_lines, pieces
from builder.render.brochure.fonts import font_runs
from builder.render.brochure.icons import WithIcon
from builder.render.brochure.planned import LOGO_WIDTH, Item, placed_size
from builder.render.brochure.press import cmyk_picture, press_colour, profile_path
from builder.render.brochure.qr import QrCode
from builder.render.columns import column_widths
from builder.span import Span
from builder.theme.chain import FontChain, has_cjk
from builder.theme.icons import icon_room
from builder.theme.fonts import style_of
from builder.theme.types import BrochureSizes, Theme

BOX_PADDING = 8  # points between a shaded box's edge and its text
LOGO_PLATE = 5  # points of the light plate around a cover's logo
LOGO_HEIGHT = 1.0 * 72  # points: the tallest a logo is drawn
_PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
BOX_RULE = 4  # points: the status box's left rule
ALWAYS = 1e9  # points: more room than any column has
TABLE_PADDING = 3  # points between a table cell's edge and its text


def escape(text: str) -> str:
    """`text` safe inside ReportLab's paragraph markup (&, < and >; xml.sax's escape would
    load urllib and the email package just for this)."""
    return _escape_html(text, quote=False)


LARGE_PRINT_BODY = 14.0


@dataclass(frozen=True)
class Look:
    """The brochure's fonts, colours and type sizes, for one print profile."""

    names: tuple[tuple[str, str], ...]  # font style -> ReportLab font name
    theme: Theme
    press: bool = False
    large_print: bool = False
    _styles: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def colour(self, name: str) -> colors.Color:
        """A theme colour: RGB for office printers; for the press, CMYK through the ICC
        profile, or black only for text (see builder.render.brochure.press)."""
        if self.press:
            return press_colour(name, self.theme.colour(name), self.profile)
        return _colour(self.theme.colour(name))

    def markup_colour(self, name: str) -> str:
        """A theme colour as a paragraph's markup names it: #RRGGBB, or cmyk(c,m,y,k)."""
        if self.press:
            found = self.colour(name)
            return f"cmyk({found.cyan:g},{found.magenta:g},{found.yellow:g},{found.black:g})"
        return "#" + self.theme.colour(name)

    @cached_property
    def profile(self) -> str:
        """The CMYK profile of the press version."""
        return str(profile_path(self.theme.folder))

    @property
    def sizes(self) -> BrochureSizes:
        """The theme's sizes, enlarged for large print (body 14 pt or more)."""
        sizes = self.theme.brochure
        if not self.large_print or sizes.body_size >= LARGE_PRINT_BODY:
            return sizes
        factor = LARGE_PRINT_BODY / sizes.body_size
        return replace(
            sizes,
            body_size=LARGE_PRINT_BODY,
            heading_size=sizes.heading_size * factor,
            subheading_size=sizes.subheading_size * factor,
            # the cover's display type is already large; it keeps its size
            small_size=sizes.small_size * factor,
        )

    @cached_property
    def chain(self) -> FontChain:
        """The theme's fallback fonts, for what its family cannot draw."""
        return FontChain(self.theme.fonts.fallback, self.theme.folder)

    def font(self, style: str = "regular") -> str:
        """The ReportLab name of a font style."""
        return dict(self.names)[style]

    def style(
        self,
        name: str,
        size: float,
        *,
        bold: bool = False,
        colour: str = "text",
        space_before: float = 0.0,
        space_after: float | None = None,
        indent: float = 0.0,
        bullet_size: float | None = None,
        bullet_offset: float = 0.0,
        split_long_words: bool = False,
        display: bool = False,
    ) -> ParagraphStyle:
        """A left-aligned, ragged-right paragraph style in the theme's font (shared: never
        change one); `display` type (headings) sets its lines at the theme's heading leading."""
        key = (
            name,
            size,
            bold,
            colour,
            space_before,
            space_after,
            indent,
            bullet_size,
            bullet_offset,
            split_long_words,
            display,
        )
        made = self._styles.get(key)
        if made is None:
            made = self._styles[key] = _style(self, *key)
        return made


@lru_cache(maxsize=16)
def look_for(names: tuple[tuple[str, str], ...], theme: Theme, press: bool, large_print: bool) -> Look:
    """One Look per fonts, theme and profile, so styles (and parsed markup) are shared."""
    return Look(names, theme, press, large_print)


def _style(
    look: Look,
    name: str,
    size: float,
    bold: bool,
    colour: str,
    space_before: float,
    space_after: float | None,
    indent: float,
    bullet_size: float | None,
    bullet_offset: float,
    split_long_words: bool,
    display: bool,
) -> ParagraphStyle:
    sizes = look.sizes
    return ParagraphStyle(
        name,
        fontName=look.font("bold" if bold else "regular"),
        fontSize=size,
        leading=size * (sizes.heading_leading if display else sizes.leading),
        textColor=look.colour(colour),
        alignment=TA_LEFT,
        spaceBefore=space_before,
        spaceAfter=size * 0.45 if space_after is None else space_after,
        leftIndent=indent,
        bulletIndent=0,
        bulletFontName=look.font("regular"),
        bulletFontSize=bullet_size or size,
        bulletOffsetY=bullet_offset,
        bulletColor=look.colour("primary"),
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=split_long_words,
        hyphenationLang="",
    )


_PARSED: dict[tuple, list] = {}
_BROKEN: dict[tuple, object] = {}
_CACHE_LIMIT = 2_000  # entries: enough for the text brochures share; a batch's own come and go


class _SharedParagraph(Paragraph):
    """A Paragraph whose line breaks at a given width are worked out once per process.

    The same text in the same style and column breaks the same way in every brochure of a
    batch. A paragraph that has to be split at a column's foot first breaks its lines again
    itself: ReportLab's split works on (and edits) the paragraph's own prepared words, which
    a reused break does not have. The pieces split off have no key and break as usual.
    """

    shared_key: tuple | None = None
    reused: bool = False  # its lines came from the cache

    def breakLines(self, width):  # noqa: N802  (ReportLab's name)
        if self.shared_key is None:
            return super().breakLines(width)
        key = (self.shared_key, tuple(width) if isinstance(width, list) else width)
        lines = _BROKEN.get(key)
        if lines is None:
            lines = super().breakLines(width)
            if len(_BROKEN) >= _CACHE_LIMIT:
                _BROKEN.clear()
            _BROKEN[key] = lines
        else:
            self.reused = True
        return lines

    def split(self, availWidth, availHeight):
        if self.reused:
            self.shared_key, self.reused = None, False
            self.wrap(availWidth, availHeight)  # its own break, as a paragraph made fresh has
        return super().split(availWidth, availHeight)


def paragraph(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A Paragraph whose markup is parsed, and lines broken, once per process and style.

    Brochures in a batch share most of their text; ReportLab's markup parser and line
    breaking were the largest costs of making them. The key holds the style itself, not its
    id: a style that is gone (a look dropped from its cache, collected) could leave its id to
    a new style in another font, and the cache would hand back the old font's lines.
    """
    if has_cjk(markup):
        style = _cjk_wrapped(style)
    key = (markup, style, bullet)
    frags = _PARSED.get(key)
    if frags is None:
        made = _SharedParagraph(markup, style, bullet)
        if len(_PARSED) >= _CACHE_LIMIT:
            _PARSED.clear()
        _PARSED[key] = made.frags
    else:
        made = _SharedParagraph(markup, style, bullet, frags=frags)
    made.shared_key = key
    return made


_CJK_STYLES: dict[int, tuple[ParagraphStyle, ParagraphStyle]] = {}


def _cjk_wrapped(style: ParagraphStyle) -> ParagraphStyle:
    """`style` with ReportLab's CJK line breaking, which breaks between East Asian characters
    (there are no spaces) and keeps closing punctuation off a line's start by hanging it past
    the line's end: the lines are an em shorter, so what hangs stays inside the margin. Made
    once a style."""
    made = _CJK_STYLES.get(id(style))
    if made is None or made[0] is not style:
        cjk = ParagraphStyle(
            f"{style.name}-cjk", parent=style, wordWrap="CJK", rightIndent=style.rightIndent + style.fontSize
        )
        made = _CJK_STYLES[id(style)] = (style, cjk)
    return made[1]


def _markup(
    spans: tuple[Span, ...],
    look: Look,
    style: ParagraphStyle | None = None,
    room: float | None = None,
    in_bold: bool = False,
) -> str:
    """ReportLab markup for `spans`; with a `style` and the `room` its lines have, every word
    wider than the room is cut into pieces that fit, one to a line (see builder.render.breaks):
    ReportLab would otherwise run a long web address off the panel, or break it anywhere.
    `in_bold`: the markup goes inside a <b>, whose bold a fallback font's tag must name."""
    parts = []
    for span in spans:
        text = _in_fonts(span, look, style, room, in_bold)
        if span.bold:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        if span.href and not look.press:  # a link cannot be followed on paper
            text = f'<a href="{_escape_html(span.href)}" color="{look.markup_colour("primary")}">{text}</a>'
        parts.append(text)
    return "".join(parts)


def _in_fonts(
    span: Span, look: Look, style: ParagraphStyle | None, room: float | None, in_bold: bool = False
) -> str:
    """A span's text as markup: each piece the theme's family cannot draw in the first
    fallback font that can (a <font> tag), every piece fitted to the `room` (see _markup)."""
    bold = span.bold or (style is not None and style.fontName == look.font("bold"))
    font_style = style_of(bold, span.italic)
    parts = []
    for piece, names in font_runs(look.font(), look.chain, span.text):
        font = look.font(font_style) if names is None else names[style_of(bold or in_bold, span.italic)]
        if style is None or (names is not None and has_cjk(piece)):  # CJK lines break anywhere
            text = escape(piece)
        else:
            text = _fitted_text(piece, font, style.fontSize, room or 0.0)
        parts.append(text if names is None else f'<font name="{font}">{text}</font>')
    return "".join(parts)


def plain_markup(text: str, look: Look) -> str:
    """Plain `text` as markup, in the fonts that draw it."""
    return _in_fonts(Span(text), look, None, None)


@lru_cache(maxsize=4096)
def _fitted_text(text: str, font: str, size: float, room: float) -> str:
    """`text` escaped, each word wider than `room` cut into pieces one to a line (the same
    texts come back in every brochure of a batch: worked out once)."""
    if stringWidth(text, font, size) <= room:
        return escape(text)  # no word of it can be wider than the whole

    def width_of(piece: str) -> float:
        return stringWidth(piece, font, size)

    words = []
    for word in text.split(" "):
        cut = pieces(word, width_of, room) if word else [word]
        words.append("<br/>".join(escape(piece) for piece in cut))
    return " ".join(words)


# How each kind of planned text is set: (size, {option: value}); a size or value given as
# (field, factor) is that field of the theme's sizes times the factor.
_BODY = ("body_size", 1.0)
_SMALL = ("small_size", 1.0)
_HEADING = (
    ("heading_size", 1.0),
    {
        "bold": True,
        "colour": "primary",
        "space_before": ("heading_size", 0.45),
        "space_after": ("heading_size", 0.25),
        "display": True,
    },
)
_FINE_PRINT = (_SMALL, {"colour": "muted", "space_before": ("small_size", 0.5)})
TEXT_STYLES: dict[str, tuple[tuple[str, float], dict]] = {
    "cover_kicker": (
        ("subheading_size", 1.0),
        {"bold": True, "colour": "on_primary", "space_after": ("cover_title_size", 0.6)},
    ),
    # The condition leads the cover, so that a rack of one series' leaflets tells them apart;
    # the series' title follows it, smaller.
    "cover_condition": (
        ("cover_title_size", 1.0),
        {"bold": True, "colour": "on_primary", "space_after": ("cover_title_size", 0.3), "display": True},
    ),
    "cover_title": (
        ("cover_title_size", 0.6),
        {"bold": True, "colour": "on_primary", "space_after": ("heading_size", 1.0)},
    ),
    "cover_message": (("heading_size", 1.0), {"colour": "on_primary"}),
    "cover_contact": (_BODY, {"bold": True, "colour": "on_primary", "space_after": 1}),
    # The clinic's phone number, large on the cover: the line a reader looks for to call.
    "cover_phone": (
        ("heading_size", 0.9),
        {"bold": True, "colour": "on_primary", "space_after": 1},
    ),
    "heading": _HEADING,
    "contact_title": _HEADING,
    "subheading": (
        ("subheading_size", 1.0),
        {
            "bold": True,
            "colour": "primary",
            "space_before": ("subheading_size", 0.4),
            "space_after": ("subheading_size", 0.2),
        },
    ),
    "paragraph": (_BODY, {}),
    "contact_text": (_BODY, {}),
    "contact_line": (_BODY, {"bold": True, "space_after": 1}),
    "bullet": (_BODY, {"indent": ("body_size", 1.1)}),
    "step": (_BODY, {"indent": ("body_size", 1.4)}),
    "term": (_BODY, {"space_after": ("body_size", 0.3)}),
    # a box big enough to tick with a pen
    "check": (
        _BODY,
        {
            "indent": ("body_size", 2.1),
            "space_after": ("body_size", 0.35),
            "bullet_size": ("body_size", 1.5),
            "bullet_offset": ("body_size", -0.1),
        },
    ),
    # long web addresses break rather than run off the panel
    "reference": (
        _SMALL,
        {
            "colour": "muted",
            "indent": ("small_size", 1.6),
            "space_after": ("small_size", 0.3),
            "split_long_words": True,
        },
    ),
    "link": (
        _SMALL,
        {"colour": "muted", "indent": ("small_size", 1.2), "space_after": ("small_size", 0.3)},
    ),
    "colophon": _FINE_PRINT,
    "source": _FINE_PRINT,
}
STYLE_NAMES = {
    "cover_title": "cover",
    "cover_condition": "condition",
    "cover_message": "message",
    "cover_kicker": "kicker",
    "paragraph": "body",
}


def text_style(kind: str, look: Look) -> ParagraphStyle:
    """The paragraph style of a kind of planned text, from TEXT_STYLES and the theme's sizes."""
    sizes = look.sizes

    def resolve(value):
        return getattr(sizes, value[0]) * value[1] if isinstance(value, tuple) else value

    size, options = TEXT_STYLES[kind]
    name = STYLE_NAMES.get(kind, kind.replace("_", "-"))
    return look.style(name, resolve(size), **{key: resolve(value) for key, value in options.items()})


def flowables_for(
    item: Item, look: Look, width: float, height: float = 0.0, ground: str | None = None
) -> list[Flowable]:
    """The flowables one planned item becomes, for a column `width` points wide (and
    `height` tall, when known: a picture is never taller than most of it), on a panel filled
    with the theme colour `ground` (None: the page's)."""
    kind = item.kind
    if kind == "web_link":
        return _web_link(item, look, width, ground)
    if kind == "cover_logo":
        # On a light plate: a logo in the clinic's own colour would vanish on a cover of it.
        # Transparent parts of a PNG stay transparent (mask), so the plate shows through.
        logo = ImageFlowable(
            press_image(item.detail, look.profile) if look.press else item.detail, mask="auto"
        )
        logo.drawWidth, logo.drawHeight = placed_size(
            logo.imageWidth, logo.imageHeight, min(width - 2 * LOGO_PLATE, LOGO_WIDTH)
        )
        if logo.drawHeight > LOGO_HEIGHT:  # a tall logo: as high as a logo may be, narrower
            logo.drawWidth, logo.drawHeight = logo.drawWidth * LOGO_HEIGHT / logo.drawHeight, LOGO_HEIGHT
        plate = Table(
            [[logo]],
            colWidths=[logo.drawWidth + 2 * LOGO_PLATE],
            hAlign="LEFT",
            spaceAfter=look.sizes.subheading_size,
        )
        plate.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), look.colour("background")),
                    *((side, (0, 0), (-1, -1), LOGO_PLATE) for side in _PADDINGS),
                ]
            )
        )
        return [plate]
    if kind in ("figure", "callout", "status"):
        return [_boxed(item, look, width)]
    if kind in ("image", "cover_image"):
        return _image(item, look, width, height)
    if kind == "table":
        return [_table(item, look, width)]
    if kind == "break":
        # a conditional break that no column has room for: the next column (a fresh object,
        # not ReportLab's shared FrameBreak, since the first flowable carries its place)
        return [PageBreak() if item.detail == "page" else CondPageBreak(ALWAYS)]
    if kind not in TEXT_STYLES:
        raise ValueError(f"no brochure flowable for item kind {kind!r}")  # pragma: no cover
    style = text_style(kind, look)
    icon = look.theme.icons.get(item.icon) if item.icon else None
    room = width - style.leftIndent - (icon_room(style.fontSize) if icon else 0)
    text = _markup(item.spans, look, style, room)
    colon = (Span(":"),) if kind == "term" or (kind == "step" and item.spans) else ()
    # measured with the colon that follows it: a long word and its colon break as one
    title = _markup(item.title + colon, look, style, room, in_bold=kind in ("step", "term"))
    bullets = {
        "bullet": "\u2022",
        "check": "\u25a1",
        "step": f"{item.number}.",
        "reference": f"[{item.number}]",
        "link": "\u2022",
    }
    if kind == "step":
        text = f"<b>{title}</b>" + (f" {text}" if text else "")
    elif kind == "term":
        text = f"<b>{title}</b> {text}"
    made = paragraph(text, style, bullets.get(kind))
    if icon:
        return [WithIcon(icon, made, style.textColor)]
    return [made]


def _web_link(item: Item, look: Look, width: float, ground: str | None) -> list[Flowable]:
    """The phrase, the QR code on its white square, and the address printed under it in lines
    broken after a '/', measured with the real font: all of it is there to read and type."""
    sizes = look.sizes
    colour = "on_primary" if ground == "primary" else "text"
    phrase = look.style(
        "web-phrase", sizes.body_size, bold=True, colour=colour, space_after=sizes.body_size * 0.4
    )
    # a caption's size: the longest part of a page's address still fits a narrow panel's line
    code = QrCode(item.detail, look.press, space_after=sizes.body_size * 0.4)
    beside = width - code.side - QR_GAP  # the words' room beside the code
    room = beside if beside >= MIN_BESIDE_QR else width
    printed = look.style(
        "web-address" if room == width else "web-address-beside",
        sizes.small_size + 1,
        colour=colour,
        space_after=sizes.body_size if room == width else 0,
    )
    font, size = printed.fontName, printed.fontSize
    lines = address_lines(
        "".join(span.text for span in item.spans), lambda text: stringWidth(text, font, size), room
    )
    words = [
        paragraph(_markup(item.title, look, phrase, room), phrase),
        paragraph("<br/>".join(plain_markup(line, look) for line in lines), printed),
    ]
    if room == width:  # a narrow panel: the phrase, the code under it, the address under that
        return [words[0], code, words[1]]
    # A wide one: the words beside the code, which saves the code's height for a picture.
    code.spaceAfter = 0
    table = Table(
        [[code, words]], colWidths=[code.side + QR_GAP, beside], hAlign="LEFT", spaceAfter=sizes.body_size
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), look.font()),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *((side, (0, 0), (-1, -1), 0) for side in _PADDINGS),
            ]
        )
    )
    return [table]


QR_GAP = 10  # points between a QR code and the words beside it
MIN_BESIDE_QR = 1.6 * 72  # the words' least room beside the code, else they go under it


def _boxed(item: Item, look: Look, width: float) -> Table:
    """A shaded box (a key figure, a callout, the regulatory status) as one table cell, so a
    column break never leaves its title behind: the whole box moves to the next column."""
    sizes = look.sizes
    st = look.style
    gap = 4  # points between a box's paragraphs
    inner = width - 2 * BOX_PADDING - (BOX_RULE if item.kind == "status" else 0)
    parts: list[Flowable] = []

    icon = look.theme.icons.get(item.icon) if item.icon else None

    def fitted(spans, style, marked=False):
        if not (marked and icon):
            return paragraph(_markup(spans, look, style, inner), style)
        text = paragraph(_markup(spans, look, style, inner - icon_room(style.fontSize)), style)
        return WithIcon(icon, text, style.textColor)

    if item.kind == "figure":
        parts.append(
            fitted(
                item.title, st("figure", sizes.cover_title_size, bold=True, colour="accent", space_after=gap)
            )
        )
        parts.append(fitted(item.spans, st("figure-label", sizes.body_size, space_after=0)))
    else:
        if item.title:
            parts.append(
                fitted(
                    item.title,
                    st("box-title", sizes.subheading_size, bold=True, colour="primary", space_after=gap),
                    marked=True,
                )
            )
        parts.append(
            fitted(
                item.spans,
                st("box-text", sizes.body_size, space_after=gap if item.detail else 0),
                marked=not item.title,
            )
        )
        if item.detail:
            parts.append(
                paragraph(
                    plain_markup(item.detail, look),
                    st("box-detail", sizes.small_size, colour="muted", space_after=0),
                )
            )
    return shaded_box(parts, look, width, rule=item.kind == "status")


def shaded_box(parts: list[Flowable], look: Look, width: float, rule: bool = False) -> Table:
    """`parts`, set BOX_PADDING narrower than `width`, in one tinted table cell (with the
    accent rule down its left side when `rule`): a box that moves to the next column whole."""
    table = Table(
        [[parts]], colWidths=[width], hAlign="LEFT", spaceBefore=4, spaceAfter=look.sizes.body_size * 0.6
    )
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), look.font()),  # else Table sets Helvetica
        ("BACKGROUND", (0, 0), (-1, -1), look.colour("tint")),
        ("LEFTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]
    if rule:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), BOX_RULE, look.colour("accent")))
    table.setStyle(TableStyle(commands))
    return table


class KeptWhole(KeepTogether):
    """Flowables that stay in one column: moved on whole when they do not fit where they
    are; a run longer than a column fills the room there is with whole items and goes on in
    the next column under a "continued" line (`continued()` makes one)."""

    def __init__(self, flowables: list[Flowable], continued: Callable[[], Flowable]):
        super().__init__(flowables)
        self.continued = continued

    def split(self, aW, aH):  # noqa: N803  (ReportLab's names)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        column = frame._height - frame._topPadding - frame._bottomPadding if frame else aH
        if self._H <= column + 0.01:
            return super().split(aW, aH)  # on whole to the next column
        used, fits = 0.0, 0
        for index, flowable in enumerate(self._content):
            _w, height = flowable.wrap(aW, aH)
            before = flowable.getSpaceBefore() if index else 0.0
            if used + before + height > aH:
                break
            used += before + height + flowable.getSpaceAfter()
            fits = index + 1
        if fits == 0:
            at_top = getattr(frame, "_atTop", False) if frame else True
            return list(self._content) if at_top else [self.FrameBreak(), self]
        rest = self._content[fits:]
        if not rest:
            return list(self._content)
        return list(self._content[:fits]) + [KeptWhole([self.continued(), *rest], self.continued)]


def continued_line(text: str, look: Look) -> Paragraph:
    """The line that heads the rest of a run in the next column: 'Questions (continued)'."""
    style = text_style("subheading", look)
    return paragraph(_markup((Span(text),), look, style, 1e6), style)


def _table(item: Item, look: Look, width: float) -> Table:
    """A table: the header row bold on the primary colour, repeated at the top of each column
    the table goes on in, the rows in turn white and tinted, columns as wide as their text
    needs (see builder.render.columns); each cell's long words cut to fit it."""
    sizes = look.sizes
    header_style = look.style("table-header", sizes.small_size + 0.5, bold=True, colour="on_primary")
    cell_style = look.style("table-cell", sizes.small_size + 0.5)
    plain = [["".join(span.text for span in cell) for cell in row] for row in item.cells]
    widths = column_widths(
        [[row[c] for row in plain] for c in range(len(plain[0]))],
        lambda text: stringWidth(text, header_style.fontName, header_style.fontSize),
        width,
        TABLE_PADDING,
    )
    data = [
        [
            paragraph(_markup(cell, look, style, column - 2 * TABLE_PADDING), style)
            for cell, column in zip(row, widths)
        ]
        for row, style in zip(item.cells, [header_style] + [cell_style] * (len(item.cells) - 1))
    ]
    table = Table(
        data, colWidths=widths, repeatRows=1, hAlign="LEFT", spaceBefore=4, spaceAfter=sizes.body_size * 0.6
    )
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), look.font()),  # else Table sets Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), look.colour("primary")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [look.colour("background"), look.colour("tint")]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, look.colour("tint")),
        ("BOX", (0, 0), (-1, -1), 0.5, look.colour("primary")),
        *((side, (0, 0), (-1, -1), TABLE_PADDING) for side in _PADDINGS),
    ]
    table.setStyle(TableStyle(commands))
    return table


PICTURE_SHARE = 0.7  # of its column's height, the most a picture takes (its caption needs room)


def _image(item: Item, look: Look, width: float, height: float = 0.0) -> list[Flowable]:
    picture = ImageFlowable(press_image(item.detail, look.profile) if look.press else item.detail)
    picture.drawWidth, picture.drawHeight = placed_size(
        picture.imageWidth, picture.imageHeight, width * item.scale
    )
    tallest = height * PICTURE_SHARE
    if tallest and picture.drawHeight > tallest:  # a tall picture: as high as it may be, narrower
        picture.drawWidth, picture.drawHeight = picture.drawWidth * tallest / picture.drawHeight, tallest
    picture.hAlign = "LEFT"
    parts: list[Flowable] = [picture]
    if item.spans:
        on_cover = item.kind == "cover_image"
        caption = look.style(
            "cover-caption" if on_cover else "caption",
            look.sizes.small_size + 1,
            colour="on_primary" if on_cover else "muted",
            space_after=look.sizes.small_size if on_cover else None,
        )
        text = _markup(item.spans, look, caption, width)
        if item.title:  # the picture's own title, then its caption
            title = (
                f"<b>{_markup(tuple(replace(s, bold=True) for s in item.title), look, caption, width)}</b>"
            )
            text = title + (f": {text}" if text else "")
        parts.append(paragraph(text, caption))
    return parts


def press_image(path: str, profile: str) -> io.BytesIO:
    """The picture converted to CMYK through the press profile, as a JPEG for the press."""
    from PIL import Image

    with Image.open(path) as picture:
        converted = cmyk_picture(picture, profile)
        out = io.BytesIO()
        converted.save(out, format="JPEG", quality=95)
    out.seek(0)
    return out


@lru_cache(maxsize=64)
def _colour(hex_colour: str) -> colors.Color:
    return colors.HexColor("#" + hex_colour)
