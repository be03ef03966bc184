"""The written deck, reopened with python-pptx."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from builder.errors import SourceError
from builder.render.deck import write as deck
from builder.render.deck.template import FOOTER_TYPES
from builder.theme.reader import load_theme

from .conftest import DEFAULT_THEME, TEMPLATES

CONTENT_KINDS_LAYOUTS = ("Title and Content", "Two Content")


@pytest.fixture(scope="module")
def presentation(deck_path):
    return Presentation(str(deck_path))


def test_the_default_deck_is_sixteen_by_nine_and_a_user_template_keeps_its_size(presentation, template_name):
    expected = {"default": (Emu(12192000), Emu(6858000)), "plain-4x3": (Emu(9144000), Emu(6858000))}
    assert (presentation.slide_width, presentation.slide_height) == expected[template_name]


def test_the_user_templates_fonts_and_colours_win(presentation, template_name):
    from builder.render.deck.template import template_typefaces

    faces = template_typefaces(presentation)
    assert (
        faces
        == {"default": ("Calibri", "Calibri"), "plain-4x3": ("DejaVu Serif", "DejaVu Sans")}[template_name]
    )
    for slide in presentation.slides:
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font.name in (None, "+mn-lt"), "runs keep the template's fonts"
                    if run.font.color and run.font.color.type is not None:
                        assert run.font.color.type == 2, "colours come from the template's scheme"


def test_every_slide_is_titled_in_its_title_placeholder_and_titles_are_unique(presentation):
    titles = []
    for slide in presentation.slides:
        title = slide.shapes.title
        assert title is not None and title.placeholder_format.idx == 0
        assert title.text_frame.text.strip()
        titles.append(title.text_frame.text)
    assert len(titles) == len(set(titles))


def test_content_slides_have_speaker_notes(presentation):
    for slide in presentation.slides:
        if slide.slide_layout.name in CONTENT_KINDS_LAYOUTS:
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


def test_slides_use_the_layouts_bound_by_name_in_the_theme(presentation, default_theme):
    bound = {binding.layout for binding in default_theme.slide_kinds}
    used = {slide.slide_layout.name for slide in presentation.slides}
    assert used <= bound
    assert {"Title Slide", "Title and Content", "Two Content", "Section Header"} <= used


def test_no_text_is_left_to_autofit_and_no_run_is_below_the_minimum_size(presentation, default_theme):
    for slide in presentation.slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == 0 or shape.placeholder_format.type in FOOTER_TYPES:
                continue
            body_pr = shape.text_frame._txBody.bodyPr
            assert (
                body_pr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}noAutofit") is not None
            )
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font.size is not None
                    assert run.font.size.pt >= default_theme.deck.min_body_size


def test_text_runs_carry_the_material_language(presentation, sample_material):
    for slide in presentation.slides:
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font._rPr.get("lang") == sample_material.meta.language


def test_document_properties_name_title_author_subject_language(presentation, sample_material):
    props = presentation.core_properties
    assert props.title == sample_material.meta.title.plain
    assert props.author == "Riverside Pain and Spine Clinic"
    assert props.subject and props.keywords
    assert props.language == "en-US"
    assert props.modified.date() == sample_material.meta.reviewed


def test_every_point_of_the_material_reaches_a_slide_or_its_notes(presentation, sample_material):
    from builder.model import Point

    texts = []
    for slide in presentation.slides:
        texts.append(" ".join(shape.text_frame.text for shape in slide.placeholders))
        texts.append(slide.notes_slide.notes_text_frame.text)
    everything = " ".join(" ".join(texts).split())
    sections = sample_material.sections + tuple(s for c in sample_material.conditions for s in c.sections)
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Point):
                assert block.slide.plain in everything
                assert block.handout.plain in everything


def test_links_in_references_are_clickable(presentation):
    references = [s for s in presentation.slides if s.shapes.title.text_frame.text.startswith("References")]
    addresses = [
        run.hyperlink.address
        for slide in references
        for shape in slide.placeholders
        for p in shape.text_frame.paragraphs
        for run in p.runs
        if run.hyperlink.address
    ]
    assert "https://www.closerlookatstemcells.org" in addresses


def test_a_template_without_a_needed_layout_is_an_error_naming_template_and_layout(tmp_path, sample_material):
    theme_dir = tmp_path / "broken"
    shutil.copytree(DEFAULT_THEME, theme_dir)
    template = Presentation(str(theme_dir / "reference.pptx"))
    for layout in template.slide_layouts:
        if layout.name == "Two Content":
            layout._element.cSld.set("name", "Two Things")
    template.save(str(theme_dir / "reference.pptx"))
    with pytest.raises(SourceError) as caught:
        deck.render(sample_material, load_theme(theme_dir))
    message = str(caught.value)
    assert "reference.pptx" in message and "'Two Content'" in message


def test_the_reference_deck_is_rebuilt_identically_from_the_theme(default_theme):
    from builder.render.deck.reference import build_reference

    assert build_reference(default_theme) == Path(default_theme.template).read_bytes()


def test_process_steps_are_shapes_read_after_the_title_and_before_the_text(presentation):
    slide = next(
        s for s in presentation.slides if s.shapes.title.text_frame.text == "How does MSC therapy work?"
    )
    names = [shape.name for shape in slide.shapes]
    steps = [n for n in names if n.startswith("Step ")]
    if not steps:  # a template with too little room gets numbered lines instead
        body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
        assert body.text_frame._txBody.xml.count("buAutoNum") == 3
        return
    assert names[0] == slide.shapes.title.name
    assert names.index(steps[0]) == 1
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    assert names.index(body.name) > names.index(steps[-1])


def test_the_slide_number_field_id_is_the_documented_fixed_uuid():
    import uuid

    expected = uuid.uuid5(uuid.NAMESPACE_URL, "handout-builder/slide-number")
    assert deck.SLIDE_NUMBER_FIELD == "{" + str(expected).upper() + "}"


@pytest.mark.parametrize("template", [DEFAULT_THEME / "reference.pptx", TEMPLATES["plain-4x3"]])
def test_footer_placeholders_found_by_lxml_are_the_ones_python_pptx_finds(template):
    from builder.render.deck.template import footer_placeholders

    names = {"DATE": "date", "FOOTER": "footer", "SLIDE_NUMBER": "number"}
    found = 0
    for layout in Presentation(str(template)).slide_layouts:
        theirs = {
            names[shape.placeholder_format.type.name]: shape
            for shape in layout.placeholders
            if shape.placeholder_format.type in FOOTER_TYPES
        }
        ours = footer_placeholders(layout)
        assert ours.keys() == theirs.keys(), layout.name
        for role, shape in ours.items():
            other = theirs[role]
            assert shape._element is other._element, (layout.name, role)
            assert (shape.left, shape.top, shape.width, shape.height) == (
                other.left,
                other.top,
                other.width,
                other.height,
            ), (layout.name, role)
            found += 1
    assert found, "the template has footer placeholders to compare"


def test_the_placeholder_types_read_from_the_xml_are_python_pptxs_own():
    from pptx.enum.shapes import PP_PLACEHOLDER

    from builder.render.deck import template as t

    assert set(t._ROLE_TYPES["title"]) == {kind.xml_value for kind in t.TITLE_TYPES}
    assert set(t._CONTENT_TYPES) == {kind.xml_value for kind in t.CONTENT_TYPES}
    assert t._ROLE_TYPES["picture"] == (PP_PLACEHOLDER.PICTURE.xml_value,)
    assert set(t._FOOTER_ROLES) == {kind.xml_value for kind in FOOTER_TYPES}


def test_a_numbered_list_continued_on_another_slide_starts_at_its_own_number(tmp_path, default_theme):
    from pptx.oxml.ns import qn

    from .helpers import material_from, minimal_source

    source = minimal_source()
    long = "These words go on and on " * 12
    source["sections"][0]["blocks"] = [{"steps": [{"title": f"Step {n}", "text": long} for n in range(1, 9)]}]
    files = deck.render(material_from(tmp_path, source), default_theme).files
    (data,) = files.values()
    (tmp_path / "deck.pptx").write_bytes(data)
    starts = []
    for slide in Presentation(tmp_path / "deck.pptx").slides:
        for shape in slide.placeholders:
            numbered = shape.element.findall(".//" + qn("a:buAutoNum"))
            if numbered:
                starts.append((numbered[0].get("startAt"), len(numbered)))
    assert len(starts) > 1, "the steps did not go on to a second slide"
    expected, seen = [], 0
    for _start, count in starts:
        expected.append(None if seen == 0 else str(seen + 1))
        seen += count
    assert [start for start, _count in starts] == expected
    assert seen == 8


def test_a_template_placeholder_too_short_for_one_line_is_blamed_not_the_authors_text(
    tmp_path, default_theme
):
    from builder.render import RenderOptions

    from .helpers import material_from, minimal_source, png_bytes

    binding = default_theme.binding("image")
    presentation = Presentation(default_theme.template)
    layout = next(layout for layout in presentation.slide_layouts if layout.name == binding.layout)
    title_idx = dict(binding.placeholders)["title"]
    title = next(p for p in layout.placeholders if p.placeholder_format.idx == title_idx)
    title.height = Emu(int(0.3 * 914400))
    template = tmp_path / "squat.pptx"
    presentation.save(template)
    (tmp_path / "knee.png").write_bytes(png_bytes(40, 30))
    source = minimal_source()
    source["sections"].append(
        {
            "id": "pictures",
            "title": "How a knee works",
            "blocks": [{"image": {"path": "knee.png", "alt": "A knee"}}],
        }
    )
    material = material_from(tmp_path, source)
    with pytest.raises(SourceError) as raised:
        deck.render(material, default_theme, options=RenderOptions(template=str(template)))
    (message,) = {problem.message for problem in raised.value.problems}
    assert f"'{binding.layout}' layout in squat.pptx" in message and "title placeholder" in message
    assert "0.30 in tall" in message and "shorten" not in message


def test_a_linked_web_address_is_written_in_pieces_that_share_its_link(tmp_path, default_theme):
    from builder.render.breaks import HINT

    from .helpers import material_from, minimal_source

    url = "https://www.example.org/patients/sleep-apnoea/treatment-options"
    source = minimal_source()
    source["sections"][0]["blocks"] = [{"paragraph": f"Read [the guide]({url}) or {url} itself."}]
    (data,) = deck.render(material_from(tmp_path, source), default_theme).files.values()
    (tmp_path / "deck.pptx").write_bytes(data)
    slide = next(
        s
        for s in Presentation(tmp_path / "deck.pptx").slides
        if "Read" in "".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
    )
    runs = [r for sh in slide.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs]
    linked = [r for r in runs if r.hyperlink.address]
    assert {r.hyperlink.address for r in linked} == {url}
    assert "".join(r.text for r in linked) == "the guide", "a link's label is one piece"
    plain = "".join(r.text for r in runs if not r.hyperlink.address)
    assert url in plain.replace(HINT, "") and f"org/{HINT}patients/{HINT}" in plain


def test_a_reference_address_is_linked_in_pieces_that_break_where_it_may(tmp_path, default_theme):
    from builder.render.breaks import HINT

    from .helpers import material_from, minimal_source

    url = "https://www.example.org/patients/sleep-apnoea/treatment-options"
    source = minimal_source()
    source["references"][0]["url"] = url
    (data,) = deck.render(material_from(tmp_path, source), default_theme).files.values()
    (tmp_path / "deck.pptx").write_bytes(data)
    linked = [
        run
        for slide in Presentation(tmp_path / "deck.pptx").slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address == url
    ]
    assert len(linked) > 1 and all(run.text.endswith(HINT) for run in linked[:-1])
    assert "".join(run.text for run in linked).replace(HINT, "") == url


def test_the_reference_decks_content_ends_above_its_footer_row(default_theme):
    from pptx.enum.shapes import PP_PLACEHOLDER

    footers = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
    for layout in Presentation(default_theme.template).slide_layouts:
        placeholders = list(layout.placeholders)
        row = min((p.top for p in placeholders if p.placeholder_format.type in footers), default=None)
        if row is None:
            continue
        for p in placeholders:
            if p.placeholder_format.type not in footers:
                assert p.top + p.height <= row, f"{layout.name}: {p.name} runs into the footer row"


def test_the_title_and_closing_slides_show_the_logo_on_a_light_plate(tmp_path, default_theme):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from .helpers import material_from, minimal_source, png_bytes

    (tmp_path / "logo.png").write_bytes(png_bytes(90, 30))
    source = minimal_source()
    source["variables"]["clinic"]["logo"] = "logo.png"
    (data,) = deck.render(material_from(tmp_path, source), default_theme).files.values()
    (tmp_path / "deck.pptx").write_bytes(data)
    slides = list(Presentation(tmp_path / "deck.pptx").slides)
    for slide in (slides[0], slides[-1]):
        shapes = list(slide.shapes)
        (index,) = [n for n, shape in enumerate(shapes) if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        plate, logo = shapes[index - 1], shapes[index]
        assert plate.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
        assert plate.left < logo.left and plate.left + plate.width > logo.left + logo.width
        assert plate.top < logo.top and plate.top + plate.height > logo.top + logo.height


def test_a_table_is_a_real_table_with_a_marked_header_row_read_after_the_title(tmp_path, default_theme):
    from builder.render import RenderOptions

    from .helpers import TREATMENTS, material_from, table_source

    plain_4x3 = RenderOptions(template=str(Path(__file__).parent / "templates" / "plain-4x3.pptx"))
    for name, options in (("default", RenderOptions()), ("plain-4x3", plain_4x3)):
        material = material_from(tmp_path, table_source())
        (data,) = deck.render(material, default_theme, options=options).files.values()
        (tmp_path / f"{name}.pptx").write_bytes(data)
        slides = [
            s
            for s in Presentation(tmp_path / f"{name}.pptx").slides
            if s.shapes.title.text.startswith(TREATMENTS["title"])
        ]
        rows = []
        for slide in slides:
            shapes = list(slide.shapes)
            (frame,) = [s for s in shapes if s.has_table]
            assert shapes.index(frame) == shapes.index(slide.shapes.title) + 1, "read right after the title"
            table = frame.table
            assert table.first_row, "the header row is marked as the table's header"
            texts = [[cell.text.replace("\u200b", "") for cell in row.cells] for row in table.rows]
            assert texts[0] == TREATMENTS["header"], "every slide of the table repeats its header"
            rows += texts[1:]
            header_runs = [
                r for cell in table.rows[0].cells for p in cell.text_frame.paragraphs for r in p.runs
            ]
            assert all(run.font.bold for run in header_runs)
            sizes = {
                r.font.size.pt
                for row in table.rows
                for c in row.cells
                for p in c.text_frame.paragraphs
                for r in p.runs
            }
            assert len(sizes) == 1 and sizes.pop() >= default_theme.deck.min_body_size
            assert sum(column.width for column in table.columns) == frame.width
            assert not any(s.is_placeholder and s.placeholder_format.idx == 1 for s in shapes), (
                "no empty body"
            )
        assert rows[:-1] == TREATMENTS["rows"][:-1] and rows[-1][-1] == "— [1]", name


def test_a_character_no_deck_font_can_draw_is_an_error_at_its_line(tmp_path, default_theme):
    from .helpers import material_from, minimal_source

    source = minimal_source()
    source["sections"][0]["blocks"].append({"bullets": ["An ankh \U00013000 here.", "And 中文 is drawn."]})
    material = material_from(tmp_path, source)
    with pytest.raises(SourceError) as caught:
        deck.render(material, default_theme)
    (problem,) = caught.value.problems
    assert "no deck font can draw '\U00013000' (U+13000); tried Carlito" in problem.message
    assert problem.loc == material.sections[0].blocks[-1].items[0].loc


def test_a_template_whose_placeholders_run_past_the_slide_is_planned_only_as_far_as_its_edge(
    tmp_path, default_theme
):
    from pptx.util import Inches

    from builder.render import RenderOptions

    from .helpers import material_from, minimal_source

    template = Presentation()  # python-pptx's own 4:3 template, cut to 16:10 of its width
    template.slide_height = Inches(6.25)
    template.save(tmp_path / "short.pptx")
    rendered = deck.render(
        material_from(tmp_path, minimal_source()),
        default_theme,
        options=RenderOptions(template=str(tmp_path / "short.pptx")),
    )
    assert any("past the slide's edge, so they are left off" in note for note in rendered.notes)
    (data,) = rendered.files.values()
    (tmp_path / "deck.pptx").write_bytes(data)
    made = Presentation(tmp_path / "deck.pptx")
    for slide in made.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip() and not shape.is_placeholder:
                assert shape.top + shape.height <= made.slide_height + 12700, shape.name
            if shape.is_placeholder and shape.placeholder_format.type is not None and "Footer" in shape.name:
                assert shape.top + shape.height <= made.slide_height + 12700, "no footer off the slide"


def test_the_templates_default_text_styles_take_the_materials_language(tmp_path, template_name):
    import io

    from pptx.oxml.ns import qn

    from builder.render import RenderOptions

    from .conftest import ROOT
    from .helpers import material_from, minimal_source

    source = minimal_source()
    source["material"]["language"] = "es-MX"
    options = RenderOptions(template=str(TEMPLATES[template_name]) if TEMPLATES[template_name] else None)
    (data,) = deck.render(
        material_from(tmp_path, source), load_theme(ROOT / "layouts" / "default"), options=options
    ).files.values()
    shown = Presentation(io.BytesIO(data))
    trees = [shown.part._element] + [m._element for m in shown.slide_masters]
    trees += [layout._element for m in shown.slide_masters for layout in m.slide_layouts]
    tags = {
        element.get("lang")
        for tree in trees
        for element in tree.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr"))
        if element.get("lang")
    }
    assert tags == {"es-MX"}, "text typed into the deck later is spell-checked in the material's language"


def test_footers_and_slide_numbers_have_a_readable_colour_of_their_own(
    presentation, template_name, default_theme
):
    from pptx.oxml.ns import qn

    from builder.theme.types import contrast_ratio

    found = 0
    for slide in presentation.slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.type not in FOOTER_TYPES:
                continue
            for properties in shape._element.iter(qn("a:rPr")):
                fill = properties.find(qn("a:solidFill"))
                assert fill is not None, "not the master's grey"
                found += 1
                colour = fill[0]
                assert (colour.tag, colour.get("val")) == (qn("a:schemeClr"), "tx1"), (
                    "the template's text colour"
                )
    assert found > 10
    if template_name == "default":  # the theme's deck: tx1 is the theme's text colour
        assert contrast_ratio(default_theme.colour("text"), default_theme.colour("background")) >= 4.5


def icon_groups(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == 6 and shape.name.startswith("Icon: ")]


def test_key_figure_status_warning_and_question_slides_carry_a_decorative_icon_before_the_title(
    presentation,
):
    from pptx.oxml.ns import qn

    from builder.render.deck.pptx_shapes import is_decorative

    marked = {}
    for slide in presentation.slides:
        for group in icon_groups(slide):
            marked.setdefault(group.name, []).append(slide.shapes.title.text_frame.text)
            assert is_decorative(group) and all(is_decorative(child) for child in group.shapes)
            title = slide.shapes.title
            inset = int(title.text_frame._txBody.find(qn("a:bodyPr")).get("lIns"))
            assert title.left <= group.left and group.left + group.width <= title.left + inset, "before the text"
            assert title.top <= group.top and group.top + group.height <= title.top + title.height
    assert set(marked) == {"Icon: key_facts", "Icon: status", "Icon: warning", "Icon: questions", "Icon: contact"}
    assert marked["Icon: warning"] == ["A warning sign"]
    closing = presentation.slides[-1].shapes.title.text_frame.text.split(" (")[0]
    assert all(title.startswith(closing) for title in marked["Icon: contact"]), "the closing slide"
    assert all("Questions to ask" in title for title in marked["Icon: questions"])


def test_an_icon_takes_its_titles_colour_light_on_the_coloured_closing_slide(presentation, template_name):
    from pptx.enum.dml import MSO_THEME_COLOR

    # The reference deck's title layout sets white (bg1) titles on its colour, its master dark
    # teal (tx2) ones; the plain template's master sets every title in tx1.
    closing, content = {
        "default": (MSO_THEME_COLOR.BACKGROUND_1, MSO_THEME_COLOR.TEXT_2),
        "plain-4x3": (MSO_THEME_COLOR.TEXT_1, MSO_THEME_COLOR.TEXT_1),
    }[template_name]

    def colours(group):
        found = set()
        for shape in group.shapes:
            for fmt in (shape.fill.fore_color if shape.fill.type == 1 else None, shape.line.color):
                if fmt is not None and fmt.type is not None:
                    found.add(fmt.theme_color)
        return found

    seen = {}
    for slide in presentation.slides:
        for group in icon_groups(slide):
            seen.setdefault(slide.slide_layout.name, set()).update(colours(group))
    assert seen.pop("Title Slide") == {closing}, "as the layout sets its title"
    assert set().union(*seen.values()) == {content}, "as the master sets titles"


def test_a_theme_without_icons_makes_a_deck_without_them(tmp_path, sample_material):
    folder = tmp_path / "plain"
    shutil.copytree(DEFAULT_THEME, folder)
    (folder / "icons.yaml").unlink()
    (data,) = deck.render(sample_material, load_theme(folder)).files.values()
    from io import BytesIO

    slides = Presentation(BytesIO(data)).slides
    assert not any(icon_groups(slide) for slide in slides)
