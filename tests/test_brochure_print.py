"""Brochure layouts, paper sizes and print profiles, reopened with pypdf and pdfplumber."""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from builder.batch.build import build
from builder.errors import SourceError
from builder.render import RenderOptions
from builder.render.brochure import write as brochure
from builder.render.brochure.plan import brochure_texts

from .conftest import ROOT, SAMPLE, require_tool
from .helpers import material_from, minimal_source, png_bytes

BLEED_PT = 3 / 25.4 * 72
VARIANTS = {
    "trifold-letter-press": RenderOptions(press=True),
    "trifold-a4": RenderOptions(paper="a4"),
    "factsheet-letter": RenderOptions(brochure="factsheet"),
    "factsheet-a4-press": RenderOptions(brochure="factsheet", paper="a4", press=True),
    "factsheet-letter-large-print": RenderOptions(brochure="factsheet", large_print=True),
}


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, dict[str, str]]:
    """Each variant's PDFs, by variant and condition id."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    found: dict[str, dict[str, str]] = {}
    try:
        for name, options in VARIANTS.items():
            out = tmp_path_factory.mktemp(name)
            result = build([SAMPLE], out=out, formats=("pdf",), options=options)
            found[name] = {
                path.name.removeprefix("msc-chronic-pain-").split(f"-{name.split('-')[0]}-")[0]: str(path)
                for path in result.written
            }
    finally:
        os.chdir(cwd)
    return found


def test_every_variant_is_built_for_every_condition(variants):
    for name, files in variants.items():
        assert sorted(files) == ["chronic-back-pain", "osteoarthritis", "tendon-ligament-pain"], name


def test_press_files_have_a_3_mm_bleed_around_the_trim_inside_the_page(variants):
    for name in ("trifold-letter-press", "factsheet-a4-press"):
        for path in variants[name].values():
            for page in PdfReader(path).pages:
                trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
                for a, b in (
                    (bleed.left, trim.left),
                    (bleed.bottom, trim.bottom),
                    (trim.right, bleed.right),
                    (trim.top, bleed.top),
                ):
                    assert float(b) - float(a) == pytest.approx(BLEED_PT, abs=0.01)
                assert float(media.left) < float(bleed.left) and float(media.right) > float(bleed.right)


def test_press_trim_sizes_are_letter_and_a4(variants):
    trim = PdfReader(variants["trifold-letter-press"]["osteoarthritis"]).pages[0].trimbox
    assert (round(float(trim.width)), round(float(trim.height))) == (792, 612)
    trim = PdfReader(variants["factsheet-a4-press"]["osteoarthritis"]).pages[0].trimbox
    assert (round(float(trim.width) / 72 * 25.4), round(float(trim.height) / 72 * 25.4)) == (210, 297)


def test_press_files_draw_crop_marks_outside_the_bleed(variants):
    path = variants["trifold-letter-press"]["osteoarthritis"]
    bleed = PdfReader(path).pages[0].bleedbox
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        height = float(page.height)
        outside = [
            line
            for line in page.lines
            if line["x1"] <= float(bleed.left)
            or line["x0"] >= float(bleed.right)
            or height - line["top"] <= float(bleed.bottom)
            or height - line["bottom"] >= float(bleed.top)
        ]
    trim = PdfReader(path).pages[0].trimbox
    fold_marks = [line for line in outside if line["dash"]]
    assert len(outside) - len(fold_marks) == 8, "two marks, one along each edge, at each of the four corners"
    folds = sorted({round(line["x0"], 1) for line in fold_marks})
    assert len(folds) == 2 and all(float(trim.left) + 200 < x < float(trim.right) - 200 for x in folds)
    assert len(fold_marks) == 4, "a dashed mark above and below the trim at each of the two folds"


def test_press_files_name_their_icc_profile_as_the_output_intent(variants):
    import pikepdf

    with pikepdf.open(variants["trifold-letter-press"]["osteoarthritis"]) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFX" and "SWOP" in str(intent.Info)
        assert intent.DestOutputProfile.N == 4 and len(intent.DestOutputProfile.read_bytes()) > 10_000


def test_press_text_is_on_the_black_plate_and_brand_colours_come_from_the_icc_profile(
    variants, default_theme
):
    from PIL import Image, ImageCms

    from builder.render.brochure.press import SYSTEM_PROFILES

    profile = next(p for p in SYSTEM_PROFILES if Path(p).is_file())
    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(profile),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
    teal = default_theme.colour("primary")
    pixel = Image.new("RGB", (1, 1), tuple(int(teal[i : i + 2], 16) for i in (0, 2, 4)))
    expected = tuple(round(v / 255, 2) for v in ImageCms.applyTransform(pixel, transform).getpixel((0, 0)))
    path = variants["trifold-letter-press"]["osteoarthritis"]
    with pdfplumber.open(path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    from builder.render.brochure.press import icc_cmyk

    brand = {icc_cmyk(default_theme.colour(name), profile) for name in ("primary", "accent")}
    inks = [tuple(round(v, 2) for v in c["non_stroking_color"]) for c in chars]
    black = [ink for ink in inks if ink[:3] == (0, 0, 0)]  # K alone (or none: white on colour)
    assert len(black) > 0.8 * len(inks), "text is on K alone; links and headings keep their brand colour"
    assert set(inks) - set(black) <= brand, set(inks) - set(black)
    headings = {
        tuple(round(v, 2) for v in c["non_stroking_color"]) for c in chars
        if round(c["size"], 1) == default_theme.brochure.heading_size
    }
    assert expected in headings, f"the teal headings are {expected}, littleCMS's conversion"
    assert expected[:3] != (0.89, 0.14, 0.0), "not the naive formula's navy"


def test_press_files_use_no_rgb_colour_operators(variants):
    for name in ("trifold-letter-press", "factsheet-a4-press"):
        for path in variants[name].values():
            for page in PdfReader(path).pages:
                stream = page.get_contents().get_data().decode("latin-1")
                operators = set(re.findall(r"(?<=\s)(rg|RG|g|G|k|K|sc|SC|scn|SCN)(?=\s)", stream))
                assert operators <= {"k", "K"}, operators


def test_the_press_cover_colour_runs_into_the_bleed(variants):
    path = variants["trifold-letter-press"]["osteoarthritis"]
    bleed = PdfReader(path).pages[0].bleedbox
    with pdfplumber.open(path) as pdf:
        rects = [r for r in pdf.pages[0].rects if r["fill"]]
    widest = max(rects, key=lambda r: r["height"])
    assert widest["x1"] == pytest.approx(float(bleed.right), abs=0.05)
    assert widest["height"] == pytest.approx(float(bleed.top) - float(bleed.bottom), abs=0.05)


def test_office_files_have_no_bleed(brochure_paths):
    page = PdfReader(brochure_paths["osteoarthritis"]).pages[0]
    assert page.trimbox == page.mediabox


def test_the_fact_sheet_is_portrait_pages_on_letter_growing_by_one_at_most(variants):
    for name, size in (("factsheet-letter", (612, 792)),):
        for path in variants[name].values():
            pages = PdfReader(path).pages
            assert len(pages) in (2, 3)  # the bundled material's pictures need a third letter page
            assert all(
                (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == size for p in pages
            )


def test_the_a4_tri_fold_is_a4_landscape(variants):
    page = PdfReader(variants["trifold-a4"]["osteoarthritis"]).pages[0]
    assert (
        round(float(page.mediabox.width) / 72 * 25.4),
        round(float(page.mediabox.height) / 72 * 25.4),
    ) == (297, 210)


def test_large_print_sets_body_text_at_fourteen_points(variants):
    for path in variants["factsheet-letter-large-print"].values():
        with pdfplumber.open(path) as pdf:
            sizes = Counter(round(c["size"], 1) for page in pdf.pages for c in page.chars)
        assert sizes.most_common(1)[0][0] >= 14
        assert min(sizes) >= 9


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_variant_holds_every_brochure_sentence(variants, sample_material, variant):
    for condition_id, path in variants[variant].items():
        text = re.sub(r"\s+", "", " ".join(p.extract_text() for p in PdfReader(path).pages))
        text = re.sub(r"Page\d+of\d*", "", text)  # a fact sheet's page numbers, between its pages
        for sentence, loc in brochure_texts(sample_material, sample_material.condition(condition_id)):
            assert re.sub(r"\s+", "", sentence) in text, f"{variant} {loc}: {sentence}"


def test_the_outline_starts_at_the_cover_and_lists_the_sections(brochure_paths, sample_material):
    outline = [entry.title for entry in PdfReader(brochure_paths["osteoarthritis"]).outline]
    assert outline[0] == sample_material.meta.title.plain
    for section in sample_material.condition("osteoarthritis").sections:
        assert section.title.plain in outline


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_qpdf_and_pdffonts_accept_every_variant(variants, variant):
    qpdf, pdffonts = require_tool("qpdf"), require_tool("pdffonts")
    for path in variants[variant].values():
        assert subprocess.run([qpdf, "--check", path], capture_output=True).returncode == 0
        rows = subprocess.run(
            [pdffonts, path], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert rows and all(re.split(r"\s+", row.strip())[-5] == "yes" for row in rows)


def test_a_low_resolution_picture_fails_in_press_mode_and_passes_in_office_mode(tmp_path, default_theme):
    (tmp_path / "small.png").write_bytes(png_bytes(60, 40))
    source = minimal_source()
    source["sections"][0]["blocks"].append({"image": {"path": "small.png", "alt": "A small picture"}})
    material = material_from(tmp_path, source)
    assert brochure.render(material, default_theme).files
    with pytest.raises(SourceError) as caught:
        brochure.render(material, default_theme, options=RenderOptions(press=True))
    problem = caught.value.problems[0]
    assert "pixels per inch" in problem.message and "300" in problem.message
    assert problem.loc.line > 0


def test_a_sharp_enough_picture_is_accepted_and_converted_to_cmyk_for_the_press(tmp_path, default_theme):
    (tmp_path / "sharp.png").write_bytes(png_bytes(1200, 600))
    source = minimal_source()
    source["sections"][0]["blocks"].append({"image": {"path": "sharp.png", "alt": "A sharp picture"}})
    material = material_from(tmp_path, source)
    pdf = brochure.render(material, default_theme, options=RenderOptions(press=True)).files
    data = next(iter(pdf.values()))
    assert b"/DeviceCMYK" in data and b"/DeviceRGB" not in data


def test_long_italics_are_refused_at_their_line(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"].append({"paragraph": "*" + "many words in a slanted run " * 4 + "*"})
    with pytest.raises(SourceError, match="in italics"):
        brochure.render(material_from(tmp_path, source), default_theme)


def test_press_builds_are_reproducible(tmp_path, default_theme, sample_material):
    options = RenderOptions(press=True, brochure="factsheet")
    first = brochure.render(sample_material, default_theme, ("osteoarthritis",), options).files
    again = brochure.render(sample_material, default_theme, ("osteoarthritis",), options).files
    assert first == again


def embedded_image_widths(data: bytes) -> list[int]:
    """The pixel widths of the pictures a PDF embeds."""
    reader = PdfReader(__import__("io").BytesIO(data))
    return sorted(image.image.width for page in reader.pages for image in page.images)


def test_a_press_only_picture_is_used_for_the_press_and_the_screen_one_for_the_office(
    tmp_path, default_theme
):
    (tmp_path / "screen.png").write_bytes(png_bytes(400, 200))
    (tmp_path / "print.png").write_bytes(png_bytes(1600, 800))
    source = minimal_source()
    picture = {"path": "screen.png", "press_src": "print.png", "alt": "A picture"}
    source["sections"][0]["blocks"].append({"image": picture})
    material = material_from(tmp_path, source)
    office = next(iter(brochure.render(material, default_theme).files.values()))
    press = next(
        iter(brochure.render(material, default_theme, options=RenderOptions(press=True)).files.values())
    )
    assert embedded_image_widths(office) == [400] and embedded_image_widths(press) == [1600]


def test_a_press_only_picture_must_stay_inside_the_sources_folder(tmp_path):
    (tmp_path / "screen.png").write_bytes(png_bytes(4, 2))
    source = minimal_source()
    source["sections"][0]["blocks"].append(
        {"image": {"path": "screen.png", "press_src": "../x.png", "alt": "A"}}
    )
    with pytest.raises(SourceError, match="leaves the source's folder"):
        material_from(tmp_path, source)


def test_a_logo_too_coarse_for_the_press_is_named_as_the_clinics_logo(tmp_path, default_theme):
    (tmp_path / "logo.png").write_bytes(png_bytes(40, 20))
    source = minimal_source()
    source["variables"]["clinic"]["logo"] = "logo.png"
    material = material_from(tmp_path, source)
    with pytest.raises(SourceError) as caught:
        brochure.render(material, default_theme, options=RenderOptions(press=True))
    assert any("the clinic's logo (logo.png) prints at" in p.message for p in caught.value.problems)


def test_office_pdfs_print_nothing_within_a_quarter_inch_of_the_paper_edge(variants, tmp_path):
    from PIL import Image

    from .conftest import require_tool

    pdftoppm = require_tool("pdftoppm")
    dpi = 48
    band = int(0.25 * dpi) - 1  # pixels: a quarter inch, less one for antialiasing
    checked = 0
    for name, files in variants.items():
        if "press" in name:
            continue  # a press sheet prints into its bleed, then is trimmed
        for condition, path in files.items():
            prefix = tmp_path / f"{name}-{condition}"
            subprocess.run([pdftoppm, "-r", str(dpi), "-png", path, str(prefix)], check=True)
            for picture in sorted(tmp_path.glob(f"{prefix.name}-*.png")):
                with Image.open(picture) as page:
                    grey = page.convert("L")
                    w, h = grey.size
                    edges = [(0, 0, w, band), (0, h - band, w, h), (0, 0, band, h), (w - band, 0, w, h)]
                    darkest = min(grey.crop(box).getextrema()[0] for box in edges)
                assert darkest >= 250, f"{name} {condition} {picture.name}: ink within 0.25 in of the edge"
                checked += 1
    assert checked >= 12
