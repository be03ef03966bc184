"""The bundled sample: handout.yaml's plan builds both materials for every clinic and language."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pdfplumber
import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from builder.batch.config import read_config
from builder.batch.network import build_network
from builder.model import Image
from builder.source.reader import read_material

from .conftest import DEFAULT_THEME, ROOT

DIABETES = ROOT / "sources" / "type-2-diabetes.yaml"
CONDITIONS = ("type-2-diabetes", "prediabetes")


def _offered() -> set[tuple[str, str]]:
    clinics = yaml.safe_load((ROOT / "sources" / "clinics.yaml").read_text(encoding="utf-8"))["clinics"]
    return {(clinic["id"], language) for clinic in clinics for language in clinic["languages"]}


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    """The default plan (handout.yaml) built once, as `handout build` with no arguments does."""
    out = tmp_path_factory.mktemp("bundled")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = build_network(read_config(ROOT / "handout.yaml"), DEFAULT_THEME, out)
    finally:
        os.chdir(cwd)
    assert result.ok, [problem for _variant, problem in result.failures]
    return {str(path.relative_to(out)): path for _variant, path in result.written}


def _pictures(slide):
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_the_bundled_plan_builds_both_materials_for_every_clinic_and_language(network):
    documents = [name for name in network if "/images/" not in name and name.count("/") == 3]
    assert {name for name in network if name.count("/") == 2} == {
        f"{clinic}/{language}/index.html" for clinic, language in _offered()
    }, "each clinic and language's index of its web pages"
    folders = {name.rsplit("/", 1)[0] for name in documents}
    assert folders == {
        f"{clinic}/{language}/{material}"
        for clinic, language in _offered()
        for material in ("msc-chronic-pain", "type-2-diabetes")
    }
    per_condition = 3  # a brochure, a web page and its PDF/UA twin
    assert len(documents) == len(_offered()) * ((1 + 1 + 3 * per_condition) + (1 + 1 + 2 * per_condition)), (
        "a deck, a web index, and per condition a brochure, a web page and a twin"
    )


def test_every_clinic_and_language_gets_the_diabetes_deck_and_one_brochure_per_condition(network):
    for clinic, language in _offered():
        folder = f"{clinic}/{language}/type-2-diabetes"
        stem = "type-2-diabetes-es" if language.startswith("es") else "type-2-diabetes"
        paper = "a4" if clinic == "harbourside" else "letter"
        names = {name.rsplit("/", 1)[1] for name in network if name.startswith(folder + "/")}
        assert {name for name in names if not name.endswith(".html")} >= {f"{stem}.pptx"} | {
            f"{stem}-{c}-trifold-{paper}.pdf" for c in CONDITIONS
        }
        assert {name for name in names if name.endswith(".pptx") or "-trifold-" in name} == {
            f"{stem}.pptx"
        } | {f"{stem}-{c}-trifold-{paper}.pdf" for c in CONDITIONS}


def test_every_image_of_the_diabetes_material_exists_and_has_alt_text():
    material = read_material(DIABETES)
    sections = list(material.sections) + [s for c in material.conditions for s in c.sections]
    images = [block for section in sections for block in section.blocks if isinstance(block, Image)]
    assert len(images) >= 3
    for image in images:
        path = Path(image.path)
        assert path.is_file() and path.parent == DIABETES.parent / "images", path
        assert path.stat().st_size < 150_000, f"{path.name} is over 150 KB"
        assert not image.decorative and image.alt and len(image.alt.plain.split()) >= 8
        assert image.caption, f"{path.name} has no caption"


def test_the_diabetes_deck_has_picture_slides_whose_pictures_are_embedded_with_alt_text(network):
    deck = Presentation(network["riverside/en-US/type-2-diabetes/type-2-diabetes.pptx"])
    pictured = [slide for slide in deck.slides if _pictures(slide)]
    shown = {shape.text_frame.text.split("\n")[0] for slide in pictured for shape in slide.shapes
             if shape.has_text_frame} | {slide.shapes.title.text for slide in pictured}
    assert {"How insulin works", "Eat well with the plate method", "Checks you can do at home"} <= shown
    for slide in pictured:
        for picture in _pictures(slide):
            if picture.image.content_type != "image/png" or picture.width < picture.height * 1.2:
                continue  # the clinic's logo, not one of the material's pictures
            assert len(picture.image.blob) > 10_000, "the picture itself is in the file"
            descr = picture._element.nvPicPr.cNvPr.get("descr")
            assert descr and len(descr.split()) >= 8, f"no alt text on '{slide.shapes.title.text}'"


def test_each_diabetes_brochure_carries_the_three_pictures(network):
    for condition in CONDITIONS:
        path = network[f"riverside/en-US/type-2-diabetes/type-2-diabetes-{condition}-trifold-letter.pdf"]
        with pdfplumber.open(path) as pdf:
            inside = pdf.pages[1]
            wide = [image for image in inside.images if image["width"] > 150]
            assert len(wide) == 3, f"{condition}: {len(wide)} pictures inside"
            assert all(image["srcsize"][0] >= 1600 for image in wide), "placed at full resolution"


def test_the_spanish_diabetes_build_is_in_spanish_with_no_english_section_title_left(network):
    english = read_material(DIABETES)
    titles = [s.title.plain for s in english.sections] + [
        s.title.plain for c in english.conditions for s in c.sections
    ]
    for condition in CONDITIONS:
        pair = [
            network[f"valle/{language}/type-2-diabetes/{stem}-{condition}-trifold-letter.pdf"]
            for language, stem in (("en-US", "type-2-diabetes"), ("es-US", "type-2-diabetes-es"))
        ]
        en_text, es_text = (  # in reading order, with headings that wrap joined up again
            " ".join(" ".join(p.extract_text(use_text_flow=True) for p in pdfplumber.open(path).pages).split())
            for path in pair
        )
        assert en_text != es_text
        assert "¿Qué es la diabetes?" in es_text and "Preguntas para su equipo de salud" in es_text
        assert "What is diabetes?" in en_text
        for title in titles:
            assert title not in es_text, f"'{title}' is left in English in the {condition} brochure"
    deck = Presentation(network["valle/es-US/type-2-diabetes/type-2-diabetes-es.pptx"])
    slide_titles = {slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None}
    assert not slide_titles & set(titles), "no English section title on a Spanish slide"
    assert "Cómo actúa la insulina" in slide_titles


def test_the_spanish_deck_embeds_the_same_pictures_as_the_english_one(network):
    def blobs(name):
        deck = Presentation(io.BytesIO(network[name].read_bytes()))
        return {p.image.sha1 for slide in deck.slides for p in _pictures(slide)}

    assert blobs("valle/es-US/type-2-diabetes/type-2-diabetes-es.pptx") == blobs(
        "valle/en-US/type-2-diabetes/type-2-diabetes.pptx"
    )


def test_harbourside_names_the_hpra_and_ema_and_no_us_figure_as_irelands(network):
    import pdfplumber
    from pptx import Presentation

    folder = next(iter(network.values())).parents[3] / "harbourside" / "en-IE" / "msc-chronic-pain"
    riverside = folder.parents[2] / "riverside" / "en-US" / "msc-chronic-pain"

    def brochure_text(path):
        with pdfplumber.open(path) as pdf:
            return " ".join(page.extract_text() or "" for page in pdf.pages)

    for pdf in sorted(folder.glob("*.pdf")):
        text = " ".join(brochure_text(pdf).split())
        assert "HPRA" in text and "(EMA)" in text, pdf.name
        assert "U.S. adults" not in text and "Where things stand in the U.S." not in text, pdf.name
        assert "2026" in text and "November 2026" not in text.replace("1 November 2026", ""), "Irish dates"
    for pdf in sorted(riverside.glob("*.pdf")):
        text = " ".join(brochure_text(pdf).split())
        assert "Food and Drug Administration" in text and "HPRA" not in text.split("References")[0], pdf.name
    deck = Presentation(folder / "msc-chronic-pain.pptx")
    slides = " ".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    assert "HPRA" in slides and "1-800-FDA-1088" not in slides


def test_no_brochure_column_ends_with_a_heading(network, default_theme):
    import pdfplumber

    heading = default_theme.brochure.heading_size
    for name, path in network.items():
        if not name.endswith("-trifold-letter.pdf") and not name.endswith("-trifold-a4.pdf"):
            continue
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                third = page.width / 3
                for column in range(3):
                    words = [
                        w
                        for w in page.extract_words(extra_attrs=["size"])
                        if column * third <= w["x0"] < (column + 1) * third
                    ]
                    if not words:
                        continue
                    last = max(words, key=lambda w: w["bottom"])
                    assert round(last["size"], 1) < heading, f"{name} page {number} column {column + 1}"


def test_every_brochures_qr_code_opens_its_web_page_where_the_clinic_posts_its_folder(network, tmp_path):
    import subprocess

    from .conftest import require_tool

    pdftoppm, zbarimg = require_tool("pdftoppm"), require_tool("zbarimg")
    websites = {
        c["id"]: c["website"]
        for c in yaml.safe_load((ROOT / "sources" / "clinics.yaml").read_text())["clinics"]
    }
    checked = 0
    for name, path in network.items():
        if "-trifold-" not in name:
            continue
        clinic = name.split("/")[0]
        subprocess.run(
            [pdftoppm, "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True
        )
        (picture,) = tmp_path.glob("p*.png")
        found = subprocess.run(
            [zbarimg, "--raw", "-q", str(picture)], capture_output=True, text=True
        ).stdout.strip()
        picture.unlink()
        prefix = websites[clinic].rstrip("/") + "/handouts/"
        assert found.startswith(prefix), (name, found)
        page = f"{clinic}/{found.removeprefix(prefix)}"
        assert page in network and page.endswith(".html"), (
            f"{name}: its code opens {found}, which was not built"
        )
        checked += 1
    assert checked == 25
