"""Writes the planned deck into the theme's reference .pptx with python-pptx."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Pt

from builder.errors import SourceError
from builder.fonts import find_fonts
from builder.model import Location, Material
from builder.renderers.deck_plan import Frame, Frames, Line, SlidePlan, bullet_indent, plan_deck
from builder.renderers.measure import TextMeasure
from builder.renderers.package import fix_core_properties, saved_bytes
from builder.theme import Theme

FORMAT = "pptx"
BULLET_STYLES = {
    "bullet": ("char", "\u2022"),
    "check": ("char", "\u25a1"),
    "number": ("autonum", "arabicPeriod"),
}


def output_names(material: Material, conditions: tuple[str, ...] | None = None) -> list[str]:
    """The file names this renderer writes for a material."""
    return [f"{material.meta.id}.pptx"]


def render(material: Material, theme: Theme, conditions: tuple[str, ...] | None = None) -> dict[str, bytes]:
    """The deck's bytes by file name."""
    presentation = open_template(theme)
    measure = TextMeasure(find_fonts(theme.fonts, theme.folder))
    slides = plan_deck(material, theme, template_frames(presentation, theme), measure)
    write_slides(presentation, slides, theme, material.meta.language)
    meta = material.meta
    fix_core_properties(
        presentation,
        meta.reviewed,
        title=meta.title.plain,
        author=meta.organisation.plain,
        subject=meta.subtitle.plain if meta.subtitle else meta.title.plain,
        keywords="; ".join(meta.keywords),
        language=meta.language,
        comments=f"Version {meta.version}",
        last_modified_by=meta.author.plain,
    )
    return {output_names(material)[0]: saved_bytes(presentation)}


def open_template(theme: Theme):
    """The theme's reference presentation; SourceError when it cannot be opened."""
    path = Path(theme.template)
    if not path.is_file():
        raise SourceError.at(Location(str(path)), "the deck template does not exist")
    try:
        return Presentation(str(path))
    except Exception as error:  # python-pptx raises many kinds for a broken package
        raise SourceError.at(Location(str(path)), f"not a usable .pptx template: {error}") from None


def layout_named(presentation, name: str, template: str):
    """The slide layout called `name`; a SourceError naming template and layout if none is."""
    for layout in presentation.slide_layouts:
        if layout.name == name:
            return layout
    raise SourceError.at(Location(template), f"the template has no slide layout named '{name}'")


def template_frames(presentation, theme: Theme) -> Frames:
    """Each slide kind's placeholder sizes in points, read from the template's layouts."""
    frames: Frames = {}
    for binding in theme.slide_kinds:
        layout = layout_named(presentation, binding.layout, theme.template)
        by_idx = {shape.placeholder_format.idx: shape for shape in layout.placeholders}
        frames[binding.kind] = {}
        for role, idx in binding.placeholders:
            if idx not in by_idx:
                raise SourceError.at(
                    Location(theme.template),
                    f"layout '{binding.layout}' has no placeholder idx {idx} (for the {role} of {binding.kind} slides)",
                )
            shape = by_idx[idx]
            frames[binding.kind][role] = Frame(shape.width / 12700, shape.height / 12700)
    return frames


def write_slides(presentation, slides: list[SlidePlan], theme: Theme, language: str) -> None:
    """Add one slide per plan, filling placeholders by idx and removing unused ones."""
    for plan in slides:
        binding = theme.binding(plan.kind)
        slide = presentation.slides.add_slide(layout_named(presentation, binding.layout, theme.template))
        placeholders = {shape.placeholder_format.idx: shape for shape in slide.placeholders}
        filled = {binding.idx("title")}
        title = placeholders[binding.idx("title")]
        title.text_frame.text = plan.title
        title.text_frame.paragraphs[0].runs[0].font.size = Pt(theme.deck.title_size_for(plan.kind))
        _set_language(title.text_frame, language)
        for role, lines in (("body", plan.body), ("figure", plan.figure)):
            idx = binding.idx(role)
            if idx is not None and lines:
                _fill(placeholders[idx].text_frame, lines, theme, language)
                filled.add(idx)
        for idx, shape in placeholders.items():
            if idx not in filled:
                shape._element.getparent().remove(shape._element)
        notes = slide.notes_slide.notes_text_frame
        notes.text = plan.notes
        _set_language(notes, language)


def _fill(frame, lines: tuple[Line, ...], theme: Theme, language: str) -> None:
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    body_pr = frame._txBody.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:noAutofit"))
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _bullet(paragraph, line, theme)
        for span in line.spans:
            run = paragraph.add_run()
            run.text = span.text
            run.font.bold = True if span.bold or line.style in ("heading", "figure") else None
            run.font.italic = True if span.italic else None
            run.font.size = Pt(line.size)
            if line.style == "figure":
                run.font.color.rgb = _rgb(theme.colour("accent"))
            if span.href:
                run.hyperlink.address = span.href
            run.font._rPr.set("lang", language)


def _bullet(paragraph, line: Line, theme: Theme) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    if line.style in BULLET_STYLES:
        kind, value = BULLET_STYLES[line.style]
        margin = str(int(bullet_indent(line) * 12700))
        p_pr.set("marL", margin)
        p_pr.set("indent", "-" + margin)
        if kind == "autonum":
            etree.SubElement(p_pr, qn("a:buFont"), typeface="+mj-lt")
            etree.SubElement(p_pr, qn("a:buAutoNum"), type=value)
        else:
            etree.SubElement(p_pr, qn("a:buFont"), typeface=theme.fonts.deck_typeface)
            etree.SubElement(p_pr, qn("a:buChar"), char=value)
        return
    p_pr.set("marL", "0")
    p_pr.set("indent", "0")
    etree.SubElement(p_pr, qn("a:buNone"))


def _set_language(frame, language: str) -> None:
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font._rPr.set("lang", language)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)
