"""Pictures, logos, footers and reading order in written decks, on both test templates."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from builder.render import RenderOptions
from builder.render.deck import write as deck
from builder.render.deck.pptx_shapes import alt_text, is_decorative

from .conftest import TEMPLATES
from .helpers import material_from, minimal_source, png_bytes


@pytest.fixture(scope="module", params=list(TEMPLATES))
def written(request, tmp_path_factory, default_theme):
    folder = tmp_path_factory.mktemp("pictures")
    (folder / "knee.png").write_bytes(png_bytes(8, 6))
    (folder / "swirl.png").write_bytes(png_bytes(2, 2))
    (folder / "logo.png").write_bytes(png_bytes(6, 2))
    source = minimal_source()
    source["variables"]["clinic"]["logo"] = "logo.png"
    source["sections"][0]["blocks"] += [
        {"image": {"path": "knee.png", "alt": "A drawing of a knee joint", "caption": "The knee joint"}},
        {"image": {"path": "swirl.png", "decorative": True, "caption": "A pattern"}},
    ]
    material = material_from(folder, source)
    template = str(TEMPLATES[request.param]) if TEMPLATES[request.param] else None
    rendered = deck.render(material, default_theme, options=RenderOptions(template=template))
    return Presentation(io.BytesIO(rendered.files["tiny.pptx"]))


def pictures(slide):
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def showing(written, caption: str):
    """The slide that shows a caption: as its title, or below a picture beside text."""
    return next(
        slide
        for slide in written.slides
        if any(shape.has_text_frame and shape.text_frame.text == caption for shape in slide.shapes)
    )


def test_a_meaningful_picture_carries_its_alt_text(written):
    slide = showing(written, "The knee joint")
    content = [p for p in pictures(slide) if not is_decorative(p)]
    assert [alt_text(p) for p in content] == ["A drawing of a knee joint"]


def test_a_picture_beside_text_sits_right_of_it_with_its_caption_just_below(written):
    slide = showing(written, "The knee joint")
    (picture,) = [p for p in pictures(slide) if not is_decorative(p)]
    text = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    (caption,) = [s for s in slide.shapes if s.name == "Caption"]
    assert "Short form" in text.text_frame.text, "the section's text shares the picture's slide"
    assert picture.left >= text.left + text.width, "the picture is right of the text"
    assert caption.top == picture.top + picture.height, "the caption right below the picture"
    assert caption.left <= picture.left < caption.left + caption.width
    assert caption.top + caption.height <= slide.part.package.presentation_part.presentation.slide_height


def test_a_decorative_picture_is_marked_decorative(written):
    slide = showing(written, "A pattern")
    assert any(is_decorative(p) and alt_text(p) == "" for p in pictures(slide))


def test_every_picture_has_alt_text_or_is_decorative(written):
    for slide in written.slides:
        for picture in pictures(slide):
            assert alt_text(picture) or is_decorative(picture)


def test_the_clinic_logo_is_on_every_slide_but_section_headers_and_marked_decorative(written):
    slides = list(written.slides)
    for number, slide in enumerate(slides):
        logos = [p for p in pictures(slide) if is_decorative(p) and p.width > p.height * 2]
        section = slide.slide_layout.name == "Section Header" and 0 < number < len(slides) - 1
        assert bool(logos) != section, slide.shapes.title.text_frame.text


def test_content_slides_show_the_clinic_and_their_slide_number(written):
    for number, slide in enumerate(written.slides, start=1):
        if slide.slide_layout.name in ("Title Slide", "Section Header"):
            continue
        by_type = {s.placeholder_format.type: s for s in slide.placeholders}
        assert by_type[PP_PLACEHOLDER.FOOTER].text_frame.text == "Test Clinic"
        number_xml = by_type[PP_PLACEHOLDER.SLIDE_NUMBER]._element.xml
        assert 'type="slidenum"' in number_xml and f"<a:t>{number}</a:t>" in number_xml


def test_the_title_is_the_first_shape_in_reading_order(written):
    for slide in written.slides:
        first = slide.shapes[0]
        assert first.is_placeholder and first.placeholder_format.type in (
            PP_PLACEHOLDER.TITLE,
            PP_PLACEHOLDER.CENTER_TITLE,
        )


def test_a_template_layout_without_a_date_placeholder_says_the_logo_is_left_off(tmp_path, default_theme):
    from pptx.enum.shapes import PP_PLACEHOLDER

    template = Presentation(default_theme.template)
    layout = next(layout for layout in template.slide_layouts if layout.name == "Title and Content")
    for shape in list(layout.placeholders):
        if shape.placeholder_format.type == PP_PLACEHOLDER.DATE:
            shape._element.getparent().remove(shape._element)
    template.save(tmp_path / "no-date.pptx")
    (tmp_path / "logo.png").write_bytes(png_bytes(6, 2))
    source = minimal_source()
    source["variables"]["clinic"]["logo"] = "logo.png"
    material = material_from(tmp_path, source)

    rendered = deck.render(
        material, default_theme, options=RenderOptions(template=str(tmp_path / "no-date.pptx"))
    )

    assert any("'Title and Content' layout has no date placeholder" in note for note in rendered.notes)
    with_the_date = deck.render(material, default_theme)
    assert not any("date placeholder" in note for note in with_the_date.notes)
