"""The alt-text and decorative helpers, on real python-pptx shapes."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu

from builder.render.deck.pptx_shapes import (
    add_fitted_picture,
    alt_text,
    fitted_box,
    is_decorative,
    mark_decorative,
    set_alt_text,
)

from .helpers import png_bytes


def blank_slide():
    presentation = Presentation()
    return presentation, presentation.slides.add_slide(presentation.slide_layouts[6])


def reopened(presentation):
    buffer = io.BytesIO()
    presentation.save(buffer)
    buffer.seek(0)
    return Presentation(buffer)


def test_alt_text_is_written_to_the_shape_description_and_survives_saving(tmp_path):
    path = tmp_path / "p.png"
    path.write_bytes(png_bytes(2, 2))
    presentation, slide = blank_slide()
    picture = slide.shapes.add_picture(str(path), 0, 0)
    set_alt_text(picture, "A knee joint")
    again = reopened(presentation).slides[0].shapes[0]
    assert alt_text(again) == "A knee joint"
    assert again._element.nvPicPr.cNvPr.get("descr") == "A knee joint"


def test_a_decorative_mark_uses_offices_extension_and_clears_the_description(tmp_path):
    presentation, slide = blank_slide()
    shape = slide.shapes.add_shape(1, 0, 0, Emu(100), Emu(100))
    set_alt_text(shape, "words")
    mark_decorative(shape)
    again = reopened(presentation).slides[0].shapes[0]
    assert is_decorative(again)
    assert alt_text(again) == ""
    assert b"{C183D7F6-B498-43B3-948B-1728B52AA6E4}" in again._element.xml.encode()


def test_an_undecorated_shape_is_not_decorative():
    _presentation, slide = blank_slide()
    assert not is_decorative(slide.shapes.add_shape(1, 0, 0, Emu(10), Emu(10)))


def test_a_picture_is_fitted_inside_its_box_without_cropping_and_centred():
    assert fitted_box((400, 200), (0, 0, 100, 100)) == (0, 25, 100, 50)
    assert fitted_box((100, 400), (10, 10, 200, 200)) == (85, 10, 50, 200)


def test_add_fitted_picture_keeps_the_aspect_ratio_and_sets_alt_text(tmp_path):
    path = tmp_path / "wide.png"
    path.write_bytes(png_bytes(40, 10))
    _presentation, slide = blank_slide()
    picture = add_fitted_picture(
        slide.shapes, str(path), (0, 0, 4000, 4000), "A wide picture", decorative=False
    )
    assert picture.width == 4000 and picture.height == 1000 and picture.top == 1500
    assert alt_text(picture) == "A wide picture"
