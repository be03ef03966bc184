"""The fast slide, notes and part-name helpers write exactly what python-pptx would."""

from __future__ import annotations

import pytest

from builder.render import RenderOptions
from builder.render.deck import pptx_parts
from builder.render.deck import write as deck

from .conftest import TEMPLATES


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_the_fast_paths_give_the_same_bytes_as_python_pptx_alone(
    sample_material, default_theme, template, monkeypatch
):
    path = TEMPLATES[template]
    options = RenderOptions(template=str(path) if path else None)
    fast = deck.render(sample_material, default_theme, options=options).files["msc-chronic-pain.pptx"]

    class PythonPptxNotes(pptx_parts.NotesWriter):
        def write(self, slide, text, language, typefaces=None):
            notes = slide.notes_slide  # python-pptx builds every page from the notes master
            body = notes.notes_placeholder.text_frame._txBody
            pptx_parts.write_text(body, text, language, typefaces=typefaces)

    monkeypatch.setattr(
        pptx_parts.SlideMaker, "add", lambda self, layout: self.presentation.slides.add_slide(layout)
    )
    monkeypatch.setattr(deck, "NotesWriter", PythonPptxNotes)
    monkeypatch.setattr(deck, "count_part_names", lambda package: None)
    slow = deck.render(sample_material, default_theme, options=options).files["msc-chronic-pain.pptx"]
    assert fast == slow


def test_placeholders_found_by_idx_are_the_ones_python_pptx_finds(sample_material, default_theme):
    import io

    from pptx import Presentation

    data = deck.render(sample_material, default_theme).files["msc-chronic-pain.pptx"]
    presentation = Presentation(io.BytesIO(data))
    for slide in presentation.slides:
        ours = pptx_parts.placeholder_elements(slide.shapes._spTree)
        theirs = {shape.placeholder_format.idx: shape._element for shape in slide.placeholders}
        assert ours == theirs
        notes = slide.notes_slide
        found = pptx_parts.placeholder_elements(notes.shapes._spTree).values()
        bodies = [element for element in found if pptx_parts._is_body_element(element)]
        assert bodies == [notes.notes_placeholder._element]


def test_text_written_directly_is_the_xml_python_pptx_writes():
    from lxml import etree
    from pptx import Presentation

    slide = Presentation().slides.add_slide(Presentation().slide_layouts[1])
    texts = ["One line", "Two\nparagraphs", "A soft\vbreak", "Empty\n\nline", "A bell\x07 and a tab\there"]
    for text in texts:
        theirs, ours = (slide.shapes.add_textbox(0, 0, 10, 10).text_frame for _ in range(2))
        theirs.text = text
        for paragraph in theirs.paragraphs:
            for run in paragraph.runs:
                run.font.size = 2800 * 127  # 28 pt in EMU
                run.font.name = "+mn-lt"
                run.font._rPr.set("lang", "es-ES")
        pptx_parts.write_text(ours._txBody, text, "es-ES", size=28, typeface="+mn-lt")
        assert etree.tostring(ours._txBody, method="c14n") == etree.tostring(theirs._txBody, method="c14n"), (
            text
        )


def test_an_autoshape_written_directly_is_the_xml_python_pptx_leaves():
    from lxml import etree
    from pptx import Presentation
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.shapes import MSO_SHAPE

    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    theirs = slide.shapes.add_shape(MSO_SHAPE.RIGHT_ARROW, 10, 20, 300, 400)
    theirs.name = "Arrow & co"
    theirs.fill.solid()
    theirs.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_2
    theirs.line.fill.background()
    theirs.shadow.inherit = False
    ours = pptx_parts.autoshape(theirs.shape_id, "Arrow & co", "rightArrow", "accent2", (10, 20, 300, 400))
    canonical = {"method": "c14n", "exclusive": True}  # (the slide's namespaces aside)
    assert etree.tostring(ours, **canonical) == etree.tostring(theirs._element, **canonical)


def test_a_template_whose_notes_master_has_no_notes_body_still_gets_every_note(
    sample_material, default_theme, tmp_path
):
    import io

    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER

    template = Presentation(str(default_theme.template))
    for shape in list(template.notes_master.placeholders):
        if shape.placeholder_format.type == PP_PLACEHOLDER.BODY:
            shape._element.getparent().remove(shape._element)
    path = tmp_path / "no-notes-body.pptx"
    template.save(str(path))
    data = deck.render(sample_material, default_theme, options=RenderOptions(template=str(path))).files
    built = Presentation(io.BytesIO(data["msc-chronic-pain.pptx"]))
    ordinary = deck.render(sample_material, default_theme).files["msc-chronic-pain.pptx"]
    expected = [s.notes_slide.notes_text_frame.text for s in Presentation(io.BytesIO(ordinary)).slides]
    assert [s.notes_slide.notes_text_frame.text for s in built.slides] == expected
