"""The written brochures, reopened with pypdf and pdfplumber."""

from __future__ import annotations

import dataclasses
import io
import re
from collections import Counter

import pdfplumber
import pytest
from pypdf import PdfReader

from builder.errors import SourceError
from builder.render import RenderOptions
from builder.render.brochure import write as brochure
from builder.render.brochure.plan import brochure_texts

from .helpers import material_from, minimal_source

CONDITIONS = ("osteoarthritis", "chronic-back-pain", "tendon-ligament-pain")
LETTER_LANDSCAPE = (792.0, 612.0)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_there_is_one_brochure_per_condition(brochure_paths):
    assert sorted(brochure_paths) == sorted(CONDITIONS)


@pytest.mark.parametrize("condition", CONDITIONS)
def test_each_brochure_is_a_two_sided_letter_landscape_sheet(brochure_paths, condition):
    reader = PdfReader(brochure_paths[condition])
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == LETTER_LANDSCAPE


@pytest.mark.parametrize("condition", CONDITIONS)
def test_metadata_names_title_author_subject_and_language(brochure_paths, sample_material, condition):
    reader = PdfReader(brochure_paths[condition])
    expected = sample_material.condition(condition)
    assert reader.metadata.title == f"{sample_material.meta.title.plain}: {expected.name.plain}"
    assert reader.metadata.author == "Riverside Pain and Spine Clinic"
    assert reader.metadata.subject.startswith(expected.name.plain + ". Version ")
    assert f"review by {sample_material.meta.review_by.isoformat()}" in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en-US"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_font_is_an_embedded_truetype_font(brochure_paths, condition):
    reader = PdfReader(brochure_paths[condition])
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]


@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_brochure_sentence_is_in_the_pdf_text(brochure_paths, sample_material, condition):
    reader = PdfReader(brochure_paths[condition])
    text = squeeze(" ".join(page.extract_text() for page in reader.pages))
    for sentence, loc in brochure_texts(sample_material, sample_material.condition(condition)):
        assert squeeze(sentence) in text, f"{loc}: {sentence!r} is missing"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_the_cover_is_the_rightmost_third_of_the_outside_page(brochure_paths, sample_material, condition):
    name = sample_material.condition(condition).name.plain
    with pdfplumber.open(brochure_paths[condition]) as pdf:
        page = pdf.pages[0]
        cover = page.crop((page.width * 2 / 3, 0, page.width, page.height)).extract_text()
    assert name in " ".join(cover.split()), f"{name} is not on the cover"  # in large type it may wrap
    lines = [" ".join(line.split()) for line in cover.splitlines() if line.strip()]
    assert name.startswith(lines[1]), "the condition comes first, after the clinic's name"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_the_cover_sets_the_clinics_phone_number_large_at_its_foot(
    brochure_paths, sample_material, default_theme, condition
):
    phone = sample_material.variable("clinic.phone")
    with pdfplumber.open(brochure_paths[condition]) as pdf:
        page = pdf.pages[0]
        cover = page.crop((page.width * 2 / 3, 0, page.width, page.height))
        lines = [line for line in cover.extract_text_lines() if line["text"].strip()]
    (line,) = [line for line in lines if phone in line["text"]]
    size = min(char["size"] for char in line["chars"])
    assert size >= 1.3 * default_theme.brochure.body_size, f"{size:.1f} pt"
    assert line["top"] > page.height * 0.75, "with the contact lines at the cover's foot"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_no_text_is_under_nine_points_and_body_text_is_at_least_twelve(brochure_paths, condition):
    with pdfplumber.open(brochure_paths[condition]) as pdf:
        sizes = Counter(round(char["size"], 1) for page in pdf.pages for char in page.chars)
    assert min(sizes) >= 9
    most_common_size, _count = sizes.most_common(1)[0]
    assert most_common_size >= 12


def test_a_fixed_panel_that_overflows_fails_with_condition_panel_amount_and_line(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"].append(
        {
            "questions": {
                "title": "Ask",
                "items": [f"Question number {n} about this treatment?" for n in range(60)],
            }
        }
    )
    material = material_from(tmp_path, source)
    with pytest.raises(SourceError) as caught:
        brochure.render(material, default_theme)
    problem = caught.value.problems[0]
    assert "Knee pain" in problem.message and "back panel of the trifold overflows by" in problem.message
    assert re.search(r"overflows by \d+ pt", problem.message)
    assert problem.loc.path.endswith("tiny.yaml") and problem.loc.line > 0


def test_inside_content_longer_than_the_sheet_fails_at_the_line_where_it_overflows(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"] = [
        {"paragraph": f"Paragraph {n}. " + "This sentence fills the inside panels. " * 8} for n in range(40)
    ]
    material = material_from(tmp_path, source)
    with pytest.raises(SourceError) as caught:
        brochure.render(material, default_theme)
    problem = caught.value.problems[0]
    assert "flowing panels overflow the last sheet" in problem.message
    assert problem.loc.line > 0


def test_a_character_no_font_of_the_chain_can_draw_is_an_error_at_its_line_naming_them(
    tmp_path, default_theme
):
    source = minimal_source()
    source["conditions"][0]["main_message"] = "Knees can hurt \U00013000."  # a hieroglyph
    material = material_from(tmp_path, source)
    with pytest.raises(SourceError) as caught:
        brochure.render(material, default_theme)
    (problem,) = caught.value.problems
    assert "U+13000" in problem.message
    assert problem.loc == material.conditions[0].main_message.loc
    tried = [default_theme.fonts.family, *(font.family for font in default_theme.fonts.fallback)]
    assert problem.message.endswith("tried " + ", ".join(tried))


def test_a_character_the_family_lacks_is_no_error_when_a_fallback_font_draws_it(tmp_path, default_theme):
    source = minimal_source()
    source["conditions"][0]["main_message"] = "Knees can hurt \u4e2d."
    rendered = brochure.render(material_from(tmp_path, source), default_theme)
    assert list(rendered.files) == ["tiny-knees-trifold-letter.pdf"]


def test_a_fallback_font_that_is_not_installed_is_named_with_its_line_in_the_error(tmp_path, default_theme):
    missing = dataclasses.replace(default_theme.fonts.fallback[-1], files=(("regular", "NoSuchFont.ttf"),))
    fonts = dataclasses.replace(default_theme.fonts, fallback=(*default_theme.fonts.fallback[:-1], missing))
    source = minimal_source()
    source["conditions"][0]["main_message"] = "Knees can hurt \u4e2d."
    with pytest.raises(SourceError) as caught:
        brochure.render(material_from(tmp_path, source), dataclasses.replace(default_theme, fonts=fonts))
    (problem,) = caught.value.problems
    assert "U+4E2D" in problem.message
    assert f"{missing.family} (not installed: NoSuchFont.ttf, named at {missing.loc})" in problem.message


def test_the_fallback_font_is_used_when_the_theme_font_is_missing(tmp_path, default_theme):
    fonts = dataclasses.replace(
        default_theme.fonts,
        files=tuple((s, "NoSuchFont-" + s + ".ttf") for s, _ in default_theme.fonts.files),
    )
    theme = dataclasses.replace(default_theme, fonts=fonts)
    tiny = material_from(tmp_path, minimal_source())
    rendered = brochure.render(tiny, theme)
    assert any("not installed" in note for note in rendered.notes)
    pdf = rendered.files["tiny-knees-trifold-letter.pdf"]
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all("Vera" in name for name in fonts), fonts


@pytest.mark.parametrize("condition", CONDITIONS)
def test_bold_markup_is_set_in_the_bold_font(brochure_paths, condition):
    with pdfplumber.open(brochure_paths[condition]) as pdf:
        inside = pdf.pages[1]
        words = inside.extract_words(extra_attrs=["fontname"])
    fonts = {w["fontname"] for w in words if w["text"] == "Mesenchymal"}
    assert fonts and all("Bold" in name or "bold" in name for name in fonts), fonts
    plain = {w["fontname"] for w in words if w["text"] == "adult"}
    assert plain and not any("bold" in name.lower() for name in plain), plain


def test_reusing_parsed_markup_and_line_breaks_changes_no_byte(sample_material, default_theme):
    from builder.render.brochure import styles as brochure_styles

    brochure_styles._PARSED.clear()
    brochure_styles._BROKEN.clear()
    fresh = brochure.render(sample_material, default_theme).files
    assert brochure_styles._PARSED, "the first render fills the markup cache"
    assert brochure_styles._BROKEN, "the first render fills the line-break cache"
    again = brochure.render(sample_material, default_theme).files
    assert fresh == again


def test_reused_line_breaks_match_fresh_ones_in_press_and_large_print(sample_material, default_theme):
    from reportlab.platypus import Paragraph

    from builder.render.brochure import styles as brochure_styles

    options = [RenderOptions(press=True), RenderOptions(brochure="factsheet", large_print=True)]
    cached = [brochure.render(sample_material, default_theme, None, o).files for o in options]
    cached += [brochure.render(sample_material, default_theme, None, o).files for o in options]
    original = brochure_styles._SharedParagraph.breakLines
    brochure_styles._SharedParagraph.breakLines = Paragraph.breakLines
    try:
        fresh = [brochure.render(sample_material, default_theme, None, o).files for o in options]
    finally:
        brochure_styles._SharedParagraph.breakLines = original
    assert cached == fresh + fresh


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_spanish_tri_folds_fit_on_both_papers(default_theme, paper):
    from builder.batch.regions import in_region
    from builder.source.materials import read_all

    from .conftest import SAMPLE

    _english, spanish = read_all([SAMPLE, SAMPLE.with_name(f"{SAMPLE.stem}.es.yaml")])
    spanish = in_region(spanish, "US")  # es-US: the blocks a U.S. build shows
    files = brochure.render(spanish, default_theme, None, RenderOptions(paper=paper)).files
    assert len(files) == len(spanish.conditions) and all(name.endswith(f"-{paper}.pdf") for name in files)


def test_a_reused_line_break_split_at_a_column_foot_leaves_later_paragraphs_as_fresh_ones():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from builder.render.brochure import styles as brochure_styles

    style = ParagraphStyle("split-test", fontName="Helvetica", fontSize=12, leading=15)
    text = "Some <b>bold</b> words and a <i>few</i> more " * 12

    def drawn(parts) -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        top = 800
        for part in parts:
            _width, height = part.wrap(200, 1000)
            part.drawOn(canvas, 50, top - height)
            top -= height + 20
        canvas.save()
        return out.getvalue()

    def split(paragraph, height):
        paragraph.wrap(200, 1000)
        return paragraph.split(200, height)

    split(brochure_styles.paragraph(text, style), 60)  # breaks the lines, and caches them
    reused = brochure_styles.paragraph(text, style)
    assert drawn(split(reused, 90)) == drawn(split(Paragraph(text, style), 90))
    assert drawn([brochure_styles.paragraph(text, style)]) == drawn([Paragraph(text, style)])


def test_a_brochure_has_the_same_bytes_alone_as_after_others_in_the_same_process(
    sample_material, default_theme
):
    from builder.render.brochure import styles as brochure_styles

    last = sample_material.conditions[-1].id
    brochure_styles._PARSED.clear()
    brochure_styles._BROKEN.clear()
    alone = brochure.render(sample_material, default_theme, (last,)).files
    for options in (RenderOptions(), RenderOptions(paper="a4"), RenderOptions(brochure="factsheet")):
        brochure.render(sample_material, default_theme, None, options)  # others warm the caches
    after_others = brochure.render(sample_material, default_theme, (last,)).files
    assert alone == after_others


def test_a_shaded_box_moves_whole_rather_than_leave_its_title_at_a_column_foot(default_theme):
    from builder.model import NOWHERE, Span
    from builder.render.brochure.fonts import load_style, register_family
    from builder.render.brochure.plan import Item
    from builder.render.brochure.styles import flowables_for, look_for
    from builder.theme.fonts import find_fonts

    fonts = find_fonts(default_theme.fonts, default_theme.folder)
    names = tuple((style, load_style(fonts, style)) for style in register_family(fonts))
    look = look_for(names, default_theme, False, False)
    words = (Span("Be careful with any clinic that promises a cure or says a treatment has no risks."),)
    box = flowables_for(Item("callout", words, NOWHERE, title=(Span("A warning sign"),)), look, 200)[0]
    _width, height = box.wrap(200, 1000)
    for room in (height * 0.3, height * 0.6, height - 1):
        assert box.split(200, room) == [], f"the box split with {room:.0f} of its {height:.0f} pt left"


def test_the_contact_lines_stay_together_in_one_column(sample_material, default_theme):
    options = RenderOptions(brochure="factsheet", large_print=True)  # here they once split
    contact = [line.plain for line in sample_material.call_to_action.contact]
    for data in brochure.render(sample_material, default_theme, None, options).files.values():
        places: dict[str, set] = {line: set() for line in contact}
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                for column in range(2):  # a fact sheet's two columns, read apart
                    half = page.crop((page.width * column / 2, 0, page.width * (column + 1) / 2, page.height))
                    for line in half.extract_text_lines():
                        if line["text"] in places:  # (the masthead repeats some of them)
                            places[line["text"]].add((page.page_number, column, round(line["x0"])))
        together = set.intersection(*places.values())
        assert together, f"no one page and column holds every contact line: {places}"


def test_a_paragraph_never_takes_the_cached_words_of_a_style_that_shared_its_id(monkeypatch):
    from reportlab.lib.styles import ParagraphStyle

    from builder.render.brochure import styles as brochure_styles

    serif = ParagraphStyle("serif-test", fontName="Times-Roman", fontSize=12)
    mono = ParagraphStyle("mono-test", fontName="Courier", fontSize=12)
    earlier = brochure_styles.paragraph("Some words", serif)
    # What a collected style's entry looked like to a new style given the same id:
    monkeypatch.setitem(brochure_styles._PARSED, ("Some words", id(mono), None), earlier.frags)
    made = brochure_styles.paragraph("Some words", mono)
    assert {frag.fontName for frag in made.frags} == {"Courier"}


def test_large_print_with_no_layout_named_is_a_fact_sheet_wherever_the_brochure_is_made(
    sample_material, default_theme
):
    rendered = brochure.render(
        sample_material, default_theme, ("osteoarthritis",), RenderOptions(large_print=True)
    )
    assert list(rendered.files) == ["msc-chronic-pain-osteoarthritis-factsheet-letter-large-print.pdf"]
    assert any("large print does not fit the trifold layout" in note for note in rendered.notes)
    plain = brochure.render(sample_material, default_theme, ("osteoarthritis",))
    assert list(plain.files) == ["msc-chronic-pain-osteoarthritis-trifold-letter.pdf"] and not plain.notes


LONG_URL = (
    "https://www.example-health-network.org/patients/obstructive-sleep-apnoea/"
    "treatment-options/continuous-positive-airway-pressure"
)
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"


def chars_outside_their_panels(pdf_bytes: bytes, theme, layout_name: str, paper: str) -> list[str]:
    """Every character drawn outside all the panel boxes of its sheet."""
    layout = theme.brochure_layout(layout_name)
    boxes = dict(next(p for p in layout.papers if p.paper == paper).boxes)
    outside = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page, sheet in zip(pdf.pages, layout.sheets):
            frames = [[v * 72 for v in boxes[panel.name]] for panel in sheet.panels]
            for char in page.chars:
                if not any(
                    left - 0.5 <= char["x0"]
                    and char["x1"] <= left + width + 0.5
                    and top - 0.5 <= char["top"]
                    and char["bottom"] <= top + height + 0.5
                    for left, top, width, height in frames
                ):
                    outside.append(char["text"])
    return outside


@pytest.mark.parametrize("layout, paper", [("factsheet", "letter"), ("trifold", "a4")])
def test_long_web_addresses_and_words_stay_inside_their_panel_and_lose_nothing(
    tmp_path, default_theme, layout, paper
):
    source = minimal_source()
    source["conditions"][0]["sections"][0]["blocks"] = [
        {"paragraph": f"Read more at {LONG_URL} today."},
        {"paragraph": f"The word {LONG_WORD} is long."},
        {"bullets": [f"See {LONG_URL}/faq"]},
        {"callout": {"title": "Where to look", "text": f"Go to {LONG_URL}."}},
    ]
    material = material_from(tmp_path, source)
    rendered = brochure.render(material, default_theme, options=RenderOptions(brochure=layout, paper=paper))
    (data,) = rendered.files.values()
    assert chars_outside_their_panels(data, default_theme, layout, paper) == []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = [line["text"] for page in pdf.pages for line in page.extract_text_lines()]
    joined = squeeze("".join(lines))
    assert joined.count(squeeze(LONG_URL)) == 3, "a piece of a web address was lost or changed"
    assert squeeze(LONG_WORD) in joined.replace("-", "")
    url_lines = [line for line in lines if "example-health" in line or "treatment" in line]
    assert all(not line.endswith(("htt", "http", "https", "https:", "https:/")) for line in lines)
    assert any(line.rstrip().endswith("/") for line in url_lines), "no break after a '/'"


@pytest.mark.parametrize(
    "options",
    [RenderOptions(brochure="factsheet", paper="a4"), RenderOptions(large_print=True)],
    ids=["a4-fact-sheet", "large-print"],
)
def test_the_call_to_action_stays_in_one_column_with_the_clinics_phone(
    sample_material, default_theme, options
):
    call = sample_material.call_to_action
    rendered = brochure.render(sample_material, default_theme, ("osteoarthritis",), options)
    (data,) = rendered.files.values()
    title_word = call.title.plain.split()[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            words = page.extract_words()
            titles = [w for w in words if w["text"] == title_word and w["x0"] < page.width]
            if titles:
                heading = titles[-1]
                phones = [w for w in words if w["text"] == "Phone:" and w["top"] > heading["top"]]
                assert phones, f"the phone is not below '{call.title.plain}' on page {number + 1}"
                # the heading's icon sets its words in by 1.4 em; a column is much wider than that
                indent = heading["x0"] - phones[0]["x0"]
                assert -2 < indent < 40, "the phone went on to another column"
                return
    raise AssertionError("the call to action's title is not in the brochure")


def fill_colours(pdf_bytes: bytes) -> set[tuple]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return {
            tuple(round(v, 3) for v in r["non_stroking_color"])
            for p in pdf.pages
            for r in p.rects
            if r["fill"]
        }


def rgb(hex_colour: str) -> tuple:
    return tuple(round(int(hex_colour[i : i + 2], 16) / 255, 3) for i in (0, 2, 4))


def test_a_condition_with_its_own_colour_gets_it_on_its_brochure_only(tmp_path, default_theme):
    source = minimal_source()
    source["conditions"].append(
        {
            "id": "hips",
            "name": "Hip pain",
            "main_message": "Hips can hurt.",
            "colour": "#6B2A5E",
            "sections": [{"id": "hip-facts", "title": "About hips", "blocks": [{"paragraph": "Hips turn."}]}],
        }
    )
    material = material_from(tmp_path, source)
    files = brochure.render(material, default_theme).files
    knees = next(data for name, data in files.items() if "knees" in name)
    hips = next(data for name, data in files.items() if "hips" in name)
    assert rgb("6B2A5E") in fill_colours(hips) and rgb("6B2A5E") not in fill_colours(knees)
    assert rgb(default_theme.colour("primary")) in fill_colours(knees)
    assert rgb(default_theme.colour("primary")) not in fill_colours(hips)


@pytest.mark.parametrize(
    "colour, message",
    [("purple", "colour must be RRGGBB hex"), ("FFE680", "contrast ratio")],
    ids=["not-hex", "too-light-for-the-cover-text"],
)
def test_a_conditions_colour_that_is_not_hex_or_too_light_is_an_error_at_its_line(
    tmp_path, default_theme, colour, message
):
    source = minimal_source()
    source["conditions"][0]["colour"] = colour
    path = tmp_path / "tiny.yaml"
    with pytest.raises(SourceError) as raised:
        brochure.render(material_from(tmp_path, source), default_theme)
    (problem,) = raised.value.problems
    assert message in problem.message
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if text.strip().startswith("colour:")
    )
    assert problem.loc.line == line


def test_a_logo_sits_on_a_light_plate_and_keeps_its_transparency(tmp_path, default_theme):
    from PIL import Image as PILImage

    green = default_theme.colour("primary")
    logo = PILImage.new("RGBA", (300, 100), (0, 0, 0, 0))  # transparent, with a block of the cover colour
    logo.paste(
        PILImage.new("RGBA", (200, 60), tuple(int(green[i : i + 2], 16) for i in (0, 2, 4)) + (255,)),
        (50, 20),
    )
    logo.save(tmp_path / "logo.png")
    source = minimal_source()
    source["variables"]["clinic"]["logo"] = "logo.png"
    (data,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = next(p for p in pdf.pages if p.images)
        (image,) = page.images
        plates = [
            r
            for r in page.rects
            if r["fill"]
            and tuple(round(v, 3) for v in r["non_stroking_color"]) == rgb(default_theme.colour("background"))
            and r["x0"] < image["x0"]
            and r["x1"] > image["x1"]
            and r["top"] < image["top"]
            and r["bottom"] > image["bottom"]
        ]
    assert plates, "the logo is not on a light plate"
    xobjects = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/XObject"]
    assert any("/SMask" in xobject.get_object() for xobject in xobjects.values()), "transparency was lost"


@pytest.mark.parametrize("layout, paper", [("factsheet", "a4"), ("trifold", "letter")])
def test_a_table_keeps_every_cell_inside_its_panel_and_loses_no_word(tmp_path, default_theme, layout, paper):
    from .helpers import TREATMENTS, table_source

    material = material_from(tmp_path, table_source())
    rendered = brochure.render(material, default_theme, options=RenderOptions(brochure=layout, paper=paper))
    (data,) = rendered.files.values()
    assert chars_outside_their_panels(data, default_theme, layout, paper) == []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = {w["text"] for page in pdf.pages for w in page.extract_words()}
    found = set(re.findall(r"\w+", " ".join(words)))
    starts = {word[:-1] for word in words if word.endswith("-")}  # a word cut at a syllable

    def cut(word: str) -> bool:
        return any(word.startswith(start) and word[len(start) :] in found for start in starts)

    for row in [TREATMENTS["header"], *TREATMENTS["rows"]]:
        for cell in row:
            if "://" in cell:  # an address may be cut anywhere (test_long_web_addresses_… checks it)
                continue
            missing = {word for word in re.findall(r"\w+", cell) if word not in found and not cut(word)}
            assert not missing, f"{missing} of '{cell}' is not in the PDF, or was cut"
    assert {"13", "0"} <= found


def test_a_table_split_between_columns_repeats_its_header_row(tmp_path, default_theme):
    from .helpers import table_source

    material = material_from(tmp_path, table_source())
    options = RenderOptions(brochure="factsheet", paper="a4")
    (data,) = brochure.render(material, default_theme, options=options).files.values()
    holding = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            for column in range(2):
                words = [
                    w["text"] for w in page.extract_words() if column_of(w["x0"], page.width, 2) == column
                ]
                if any(w == "Choice" for w in words):
                    holding.append((number, column, words))
    assert len(holding) >= 2, "the long table should go on into another column"
    for number, column, words in holding:
        assert "Evidence" in words, f"page {number + 1} column {column + 1} goes on with no header row"


def first_word_places(data: bytes, words: tuple[str, ...]) -> dict[str, tuple[int, float, float]]:
    """Where each of `words` is first drawn: page number, x and y."""
    found: dict[str, tuple[int, float, float]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            for word in page.extract_words():
                if word["text"] in words and word["text"] not in found:
                    found[word["text"]] = (number, word["x0"], word["top"])
    return found


def test_a_column_break_moves_what_follows_to_the_next_column(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"] = [
        {"paragraph": "Before the break."},
        {"break": "column"},
        {"paragraph": "After the break."},
        {"break": "column", "only": "deck"},
        {"paragraph": "Same column."},
    ]
    (data,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
    places = first_word_places(data, ("Before", "After", "Same"))
    assert places["Before"][0] == places["After"][0] and places["After"][1] > places["Before"][1] + 100
    assert places["Same"][1] == places["After"][1] and places["Same"][2] > places["After"][2]


def test_a_page_break_moves_what_follows_to_the_next_page_of_a_fact_sheet(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"] = [
        {"paragraph": "Before the break."},
        {"break": "page"},
        {"paragraph": "After it."},
    ]
    material = material_from(tmp_path, source)
    (data,) = brochure.render(
        material, default_theme, options=RenderOptions(brochure="factsheet")
    ).files.values()
    places = first_word_places(data, ("Before", "After"))
    assert places["After"][0] == places["Before"][0] + 1


def test_a_half_size_cover_picture_is_drawn_on_the_cover_at_half_its_columns_width(tmp_path, default_theme):
    from .helpers import png_bytes

    (tmp_path / "knee.png").write_bytes(png_bytes(900, 600))
    source = minimal_source()
    source["conditions"][0]["sections"][0]["blocks"].append(
        {
            "image": {
                "path": "knee.png",
                "alt": "A knee",
                "caption": "The knee",
                "placement": "cover",
                "size": "half",
            }
        }
    )
    (data,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
    layout = default_theme.brochure_layout("trifold")
    from builder.render.brochure.write import UNPRINTED_EDGE

    left, _top, width, _height = (v * 72 for v in dict(layout.paper("letter").boxes)["cover"])
    width -= UNPRINTED_EDGE * 72  # the cover meets the paper's right edge: its colour stops short
    column = width - 2 * layout.paper("letter").margin * 72
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (picture,) = pdf.pages[0].images
        words = pdf.pages[0].extract_words()
    assert left <= picture["x0"] and picture["x1"] <= left + width
    assert picture["x1"] - picture["x0"] == pytest.approx(column / 2, abs=0.5)
    caption = next(w for w in words if w["text"] == "knee")
    assert caption["top"] > picture["bottom"] and left <= caption["x0"]


def with_cover_picture(tmp_path, message: str):
    from .helpers import png_bytes

    (tmp_path / "knee.png").write_bytes(png_bytes(600, 600))
    source = minimal_source()
    source["conditions"][0]["main_message"] = message
    source["conditions"][0]["sections"][0]["blocks"].append(
        {"image": {"path": "knee.png", "alt": "A knee", "caption": "The knee", "placement": "cover"}}
    )
    return material_from(tmp_path, source)


def cover_picture_width(data: bytes) -> float:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (picture,) = pdf.pages[0].images
    return picture["x1"] - picture["x0"]


def test_a_cover_picture_shrinks_to_the_room_a_long_message_leaves_it(tmp_path, default_theme):
    short = with_cover_picture(tmp_path, "Short.")
    (roomy,) = brochure.render(short, default_theme).files.values()
    long = with_cover_picture(tmp_path, "A message that takes many lines on the cover. " * 6)
    (crowded,) = brochure.render(long, default_theme).files.values()
    full, shrunk = cover_picture_width(roomy), cover_picture_width(crowded)
    assert shrunk < full * 0.95, "smaller, so that the cover's contact lines still fit"
    assert shrunk >= full * brochure.MIN_COVER_PICTURE - 0.5
    with pdfplumber.open(io.BytesIO(crowded)) as pdf:
        text = pdf.pages[0].extract_text()
    assert "The knee" in text and "message that takes" in text


def test_a_cover_too_full_even_for_a_half_width_picture_is_an_error_at_the_cover(tmp_path, default_theme):
    material = with_cover_picture(tmp_path, "A message that takes many lines on the cover. " * 14)
    with pytest.raises(SourceError) as raised:
        brochure.render(material, default_theme)
    assert "the cover panel of the trifold overflows" in str(raised.value)


def test_a_heading_goes_on_with_the_picture_under_it_rather_than_end_a_column(tmp_path, default_theme):
    from .helpers import png_bytes

    (tmp_path / "knee.png").write_bytes(png_bytes(600, 400))
    filler = "This sentence fills the first inside panel nearly to its foot. "
    for sentences in range(16, 28):  # the heading falls at heights down to a column's foot
        source = minimal_source()
        source["sections"][0]["blocks"] = [{"paragraph": "Filler " + filler * sentences}]
        source["sections"].append(
            {
                "id": "picture",
                "title": "Pictured here",
                "blocks": [{"image": {"path": "knee.png", "alt": "A knee", "caption": "Knee drawing"}}],
            }
        )
        (data,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[1]
            (picture,) = page.images
            heading = next(w for w in page.extract_words() if w["text"] == "Pictured")
        assert column_of(heading["x0"], page.width, 3) == column_of(picture["x0"], page.width, 3), sentences
        assert 0 < picture["top"] - heading["bottom"] < 30, sentences


def test_a_summary_section_is_drawn_in_one_tinted_box_before_the_rest(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["summary"] = True
    material = material_from(tmp_path, source)
    title = material.sections[0].title.plain
    tint = rgb(default_theme.colour("tint"))
    for layout in ("trifold", "factsheet"):
        options = RenderOptions(brochure=layout)
        (data,) = brochure.render(material, default_theme, options=options).files.values()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[1 if layout == "trifold" else 0]
            first = title.split()[0]
            word = next(w for w in page.extract_words() if w["text"] == first)
            boxes = [
                r
                for r in page.rects
                if tuple(round(c, 3) for c in (r.get("non_stroking_color") or ())) == tint
                and r["x0"] <= word["x0"] and word["x1"] <= r["x1"]
                and r["top"] <= word["top"] and word["bottom"] <= r["bottom"]
            ]
        assert boxes, f"the {layout}'s summary heading is on a tinted box"


def column_of(x: float, page_width: float, columns: int) -> int:
    return int(x // (page_width / columns))


def test_numbered_steps_that_would_straddle_a_column_move_on_whole_with_their_heading(
    tmp_path, default_theme
):
    source = minimal_source()
    filler = "This sentence fills the first inside panel nearly to its foot. " * 5
    source["sections"][0]["blocks"] = [{"paragraph": f"Part {n}. {filler}"} for n in range(4)]
    source["sections"].append(
        {
            "id": "how",
            "title": "How it is done",
            "blocks": [
                {"steps": [f"Step number {n} of the treatment, said in a few words" for n in range(1, 6)]}
            ],
        }
    )
    (data,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[1]
        words = page.extract_words()
    places = {column_of(w["x0"], page.width, 3) for w in words if w["text"] in ("Step", "done")}
    assert len(places) == 1, "the steps and their heading are in one column"
    first_part = next(w for w in words if w["text"] == "Part")
    assert places != {column_of(first_part["x0"], page.width, 3)}, "the test's filler should push them on"


def test_a_checklist_longer_than_a_column_goes_on_under_a_continued_line(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"] = [
        {
            "questions": {
                "title": "Questions to ask",
                "items": [f"Question {n}: " + "what about it? " * 6 for n in range(40)],
            }
        }
    ]
    options = RenderOptions(brochure="factsheet")
    (data,) = brochure.render(material_from(tmp_path, source), default_theme, options=options).files.values()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Questions to ask (continued)" in text
    numbers = [int(n) for n in re.findall(r"Question (\d+):", text)]
    assert sorted(numbers) == list(range(40)), "every question once"


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_keeping_lists_whole_costs_the_bundled_fact_sheets_no_page(
    sample_material, default_theme, paper, monkeypatch
):
    options = RenderOptions(brochure="factsheet", paper=paper)
    kept = brochure.render(sample_material, default_theme, options=options).files
    monkeypatch.setattr(brochure, "LIST_RUNS", ())  # checklists and steps free to split
    loose = brochure.render(sample_material, default_theme, options=options).files
    for name, data in kept.items():
        pages = len(PdfReader(io.BytesIO(data)).pages)
        assert pages <= len(PdfReader(io.BytesIO(loose[name])).pages) and pages <= 3, name


def line_pitch(data: bytes) -> float:
    """The usual distance between the tops of two body lines in page 2's left column."""
    from collections import Counter

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[1]
        tops = sorted(
            {round(line["top"], 1) for line in page.extract_text_lines() if line["x0"] < page.width / 2}
        )
    return Counter(round(b - a, 1) for a, b in zip(tops, tops[1:])).most_common(1)[0][0]


def test_a_fact_sheet_never_ends_on_a_page_holding_only_a_few_lines(tmp_path, default_theme):
    options = RenderOptions(brochure="factsheet")
    results = []  # (paragraphs, pages, lines on the last page, line pitch)
    for count in range(60, 140, 3):  # more and more text, until the flow is well onto a third page
        source = minimal_source()
        source["sections"][0]["blocks"] = [
            {"paragraph": f"{n}: A short line of words."} for n in range(count)
        ]
        (data,) = brochure.render(
            material_from(tmp_path, source), default_theme, options=options
        ).files.values()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            last_lines = len(pdf.pages[-1].extract_text_lines())
            results.append((count, len(pdf.pages), last_lines, line_pitch(data)))
    assert all(lines >= brochure.MIN_LAST_PAGE_LINES for _c, pages, lines, _p in results if pages == 3), (
        results
    )
    normal = results[0][3]
    tightened = [r for r in results if r[1] == 2 and r[3] < normal - 0.1]
    assert tightened, "text just too long for two pages is set a little tighter to end on page 2"
    assert min(r[3] for r in tightened) >= normal * 0.9, "never more than a little tighter"
    assert any(pages == 3 for _c, pages, _l, _p in results)


def test_a_page_too_empty_to_fit_away_is_an_error_at_where_it_starts(tmp_path, default_theme, monkeypatch):
    monkeypatch.setattr(brochure, "COPYFITS", ())  # no copyfitting: the check itself
    options = RenderOptions(brochure="factsheet")
    for count in range(50, 200):
        source = minimal_source()
        source["sections"][0]["blocks"] = [
            {"paragraph": f"{n}: A short line of words."} for n in range(count)
        ]
        try:
            brochure.render(material_from(tmp_path, source), default_theme, options=options)
        except SourceError as error:
            (problem,) = error.problems
            assert "page 3 of the factsheet would hold only about" in problem.message
            assert "shorten the brochure text by that much to end on page 2" in problem.message
            assert problem.loc.path.endswith("tiny.yaml") and problem.loc.line > 0
            return
    raise AssertionError("no text length left a nearly blank third page")


def test_italics_and_bold_italics_in_table_cells_and_headings_are_set_in_their_fonts(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"].append(
        {"table": {"header": ["*Choice*", "What"], "rows": [["*Rest*", "**Ice *often***"]]}}
    )
    source["sections"][0]["title"] = "Introduction *and more*"
    (data,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fonts = {c["fontname"].split("+")[-1] for p in pdf.pages for c in p.chars}
    assert {"Carlito-Italic", "Carlito-BoldItalic"} <= fonts


def test_a_tall_picture_is_drawn_no_taller_than_most_of_its_column(tmp_path, default_theme):
    from .helpers import png_bytes

    (tmp_path / "tall.png").write_bytes(png_bytes(200, 1500))
    source = minimal_source()
    source["sections"][0]["blocks"].append(
        {"image": {"path": "tall.png", "alt": "A tall picture", "caption": "Tall"}}
    )
    (data,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (picture,) = pdf.pages[1].images
        column = pdf.pages[1].height - 2 * 0.25 * 72
    assert picture["bottom"] - picture["top"] <= 0.7 * column + 0.5
    assert picture["x1"] - picture["x0"] < 200, "narrower, in proportion"


def test_a_tall_logo_is_drawn_no_taller_than_an_inch(tmp_path, default_theme):
    from .helpers import png_bytes

    (tmp_path / "logo.png").write_bytes(png_bytes(100, 1200))
    source = minimal_source()
    source["variables"]["clinic"]["logo"] = "logo.png"
    (data,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (logo,) = pdf.pages[0].images
    assert logo["bottom"] - logo["top"] == pytest.approx(72, abs=0.5)


def test_each_fact_sheet_page_says_its_number_and_the_count_below_the_columns(tmp_path, default_theme):
    source = minimal_source()
    filler = "A sentence that runs the fact sheet onto a third page when said often enough. "
    source["sections"][0]["blocks"] = [{"paragraph": filler * 12} for _ in range(12)]
    options = RenderOptions(brochure="factsheet")
    (data,) = brochure.render(material_from(tmp_path, source), default_theme, options=options).files.values()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
        assert count == 3, "the test's filler should need a third page"
        for number, page in enumerate(pdf.pages, start=1):
            lines = page.extract_text_lines()
            (footer,) = [line for line in lines if line["text"].startswith("Page ")]
            assert footer["text"] == f"Page {number} of {count}"
            assert all(line["bottom"] < footer["top"] for line in lines if line is not footer), "below"
            assert page.height - footer["bottom"] >= 0.25 * 72, "inside what an office printer prints"
            assert footer["x1"] <= page.width - 0.25 * 72 and min(c["size"] for c in footer["chars"]) >= 10


def test_a_tri_fold_has_no_page_numbers(brochure_paths):
    with pdfplumber.open(brochure_paths["osteoarthritis"]) as pdf:
        assert not any("Page 1 of" in (page.extract_text() or "") for page in pdf.pages)


def icon_marks(page, word: dict, size: float) -> list:
    """Drawn shapes in the room before `word` on its line: an icon's strokes and fills."""
    shapes = page.curves + page.lines + page.rects
    return [
        s
        for s in shapes
        if word["x0"] - 2 * size <= s["x0"] and s["x1"] <= word["x0"]
        and word["top"] - size <= s["top"] and s["bottom"] <= word["bottom"] + size / 2
    ]


def test_the_key_facts_status_questions_and_contact_carry_the_themes_icons(brochure_paths, default_theme):
    with pdfplumber.open(brochure_paths["osteoarthritis"]) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        for first, role in (("Key", "key_facts"), ("Where", "status"), ("Questions", "questions"), ("Talk", "contact")):
            word = next(w for w in words if w["text"] == first)
            marks = icon_marks(page, word, word["size"])
            assert len(marks) >= len(default_theme.icons.get(role).shapes) - 1, role
            assert {tuple(round(c, 3) for c in m["stroking_color"] or m["non_stroking_color"]) for m in marks} <= {
                rgb(default_theme.colour("primary"))
            }, role


def test_without_icons_the_headings_start_at_the_columns_edge(tmp_path, sample_material):
    import shutil

    from builder.theme.reader import load_theme

    from .conftest import DEFAULT_THEME

    folder = tmp_path / "plain"
    shutil.copytree(DEFAULT_THEME, folder)
    (folder / "icons.yaml").unlink()
    plain = load_theme(folder)
    files = brochure.render(sample_material, plain, conditions=("osteoarthritis",)).files
    (data,) = files.values()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        key = next(w for w in words if w["text"] == "Key")
        assert icon_marks(page, key, key["size"]) == []
        references = next(w for w in words if w["text"] == "References")
        assert key["x0"] == pytest.approx(references["x0"], abs=0.5)


def test_a_warning_callout_carries_the_warning_icon_and_a_plain_one_none(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"] = [
        {"callout": {"title": "Plainbox", "text": "Nothing to fear."}},
        {"callout": {"title": "Alarmbox", "text": "Be wary of cures."}, "warning": True},
    ]
    (data,) = brochure.render(material_from(tmp_path, source), default_theme).files.values()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[1]
        words = page.extract_words(extra_attrs=["size"])
        plain, alarm = (next(w for w in words if w["text"] == t) for t in ("Plainbox", "Alarmbox"))
        assert icon_marks(page, alarm, alarm["size"]) and not icon_marks(page, plain, plain["size"])
        assert alarm["x0"] > plain["x0"] + alarm["size"], "the title moves over for the icon"
