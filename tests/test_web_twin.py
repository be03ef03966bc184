"""The PDF/UA-1 twins: tagged structure, language, title, alt text, artifacts, large print."""

from __future__ import annotations

import io
import subprocess
from collections import Counter

import pikepdf
import pytest

from builder.batch.regions import in_region
from builder.errors import SourceError
from builder.render import RenderOptions
from builder.render.web import twin
from builder.source.materials import read_all

from .conftest import ROOT, require_tool
from .helpers import material_from, minimal_source, png_bytes


def _walk(element, found):
    """Every structure element under `element`, depth first, in reading order."""
    kids = element.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            _walk(kid, found)
    return found


def _elements(data: bytes) -> tuple[pikepdf.Pdf, list]:
    pdf = pikepdf.open(io.BytesIO(data))
    return pdf, _walk(pdf.Root.StructTreeRoot, [])


@pytest.fixture(scope="module")
def spanish():
    materials = read_all(
        [ROOT / "sources" / "msc-chronic-pain.yaml", ROOT / "sources" / "msc-chronic-pain.es.yaml"]
    )
    return in_region(next(m for m in materials if m.meta.language.startswith("es")), "US")


@pytest.fixture(scope="module")
def pictured(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pictured")
    (folder / "knee.png").write_bytes(png_bytes(300, 200))
    (folder / "swirl.png").write_bytes(png_bytes(300, 100))
    source = minimal_source()
    blocks = source["conditions"][0]["sections"][0]["blocks"]
    blocks.append({"image": {"path": "knee.png", "alt": "A knee, bent", "caption": "The knee joint"}})
    blocks.append({"image": {"path": "swirl.png", "decorative": True}})
    return material_from(folder, source)


def test_each_condition_gets_a_twin_on_its_paper(sample_material, default_theme):
    files = twin.render(sample_material, default_theme).files
    assert set(files) == {
        f"msc-chronic-pain-{c.id}-accessible-letter.pdf" for c in sample_material.conditions
    }


def test_a_twin_is_marked_tagged_titled_and_in_its_language(spanish, default_theme):
    (data,) = twin.render(spanish, default_theme, ("osteoarthritis",)).files.values()
    pdf, elements = _elements(data)
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert str(pdf.Root.Lang) == "es-US"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    assert str(pdf.docinfo.Title).startswith("Osteoartritis")
    assert b"pdfuaid:part" in bytes(pdf.Root.Metadata.read_bytes()), "it declares PDF/UA in its metadata"
    kinds = Counter(str(e.S) for e in elements)
    assert kinds["/H1"] == 1 and kinds["/H2"] >= 8 and kinds["/L"] >= 3 and kinds["/LI"] >= 10


def test_headings_come_in_order_and_make_the_bookmarks(sample_material, default_theme):
    for data in twin.render(sample_material, default_theme).files.values():
        pdf, elements = _elements(data)
        levels = [int(str(e.S)[2]) for e in elements if str(e.S) in {f"/H{n}" for n in range(1, 7)}]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))
        with pdf.open_outline() as outline:
            assert len(outline.root) >= 1 and sum(1 for _ in _titles(outline.root)) == len(levels)


def _titles(items):
    for item in items:
        yield item.title
        yield from _titles(item.children)


def test_english_references_in_a_spanish_twin_carry_their_own_language(spanish, default_theme):
    (data,) = twin.render(spanish, default_theme, ("osteoarthritis",)).files.values()
    _pdf, elements = _elements(data)
    tagged = [e for e in elements if "/Lang" in e]
    assert len(tagged) == len(spanish.references) and {str(e.Lang) for e in tagged} == {"en"}


def test_every_figure_has_alt_text_and_a_decorative_picture_is_no_figure(pictured, default_theme):
    (data,) = twin.render(pictured, default_theme).files.values()
    _pdf, elements = _elements(data)
    figures = [e for e in elements if str(e.S) == "/Figure"]
    assert [str(f.Alt) for f in figures] == ["A knee, bent"]


def test_large_print_sets_the_body_at_18_pt(pictured, default_theme):
    import pdfplumber

    (normal,) = twin.render(pictured, default_theme).files.values()
    (large,) = twin.render(pictured, default_theme, options=RenderOptions(large_print=True)).files.values()
    assert set(twin.render(pictured, default_theme, options=RenderOptions(large_print=True)).files) == {
        "tiny-knees-accessible-letter-large-print.pdf"
    }
    for data, size in ((normal, 12), (large, 18)):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            words = [w for page in pdf.pages for w in page.extract_words(extra_attrs=["size"])]
        body = [w for w in words if w["text"] in ("bend.", "Ring", "clinic.")]  # paragraphs
        assert len(body) >= 3 and {round(w["size"], 1) for w in body} == {size}


def test_a_twin_reads_no_file_but_its_pictures(tmp_path, pictured):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes(10, 10))
    html = f'<html lang="en"><head><title>T</title></head><body><img src="{secret.as_uri()}" alt="x"></body></html>'
    with pytest.raises(SourceError) as raised:
        twin.tagged_pdf(html, {}, pictured)
    assert "accessible PDF" in str(raised.value)


def test_a_picture_without_alt_text_fails_the_twin(pictured):
    knee = next(p for p in (pictured.source_dir,) if p)  # the material's folder
    from pathlib import Path

    picture = str(Path(knee) / "knee.png")
    html = '<html lang="en"><head><title>T</title></head><body><img src="picture:knee.png"></body></html>'
    with pytest.raises(SourceError) as raised:
        twin.tagged_pdf(html, {picture: "picture:knee.png"}, pictured)
    assert "alt" in str(raised.value)


def test_the_same_material_gives_the_same_twin_bytes(pictured, default_theme):
    assert twin.render(pictured, default_theme).files == twin.render(pictured, default_theme).files


def test_a_pdf_ua_checker_finds_every_twin_conformant(sample_material, spanish, pictured, default_theme):
    import page

    large = RenderOptions(large_print=True)
    (diabetes,) = read_all([ROOT / "sources" / "type-2-diabetes.yaml"])  # with its three pictures
    files = {
        **twin.render(in_region(diabetes, "US"), default_theme).files,
        **twin.render(sample_material, default_theme).files,
        **twin.render(spanish, default_theme).files,
        **twin.render(pictured, default_theme).files,
        **twin.render(pictured, default_theme, options=large).files,
    }
    failures = {}
    for name, data in files.items():
        report = page.validate_pdf_bytes(data, profile=page.ValidationProfile.PDF_UA_1)
        if not report.is_compliant:
            failures[name] = [(f.rule_id, f.message) for f in report.failures]
    assert failures == {}


def test_real_clients_accept_every_twin(sample_material, spanish, pictured, default_theme, tmp_path):
    pdfinfo, pdffonts, qpdf = (require_tool(name) for name in ("pdfinfo", "pdffonts", "qpdf"))
    files = {
        **twin.render(sample_material, default_theme).files,
        **twin.render(spanish, default_theme).files,
        **twin.render(pictured, default_theme).files,
    }
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        info = subprocess.run([pdfinfo, path], capture_output=True, text=True, check=True).stdout
        assert "Tagged:          yes" in info, name
        fonts = subprocess.run([pdffonts, path], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), f"{name}: every font embedded"
        subprocess.run([qpdf, "--check", path], capture_output=True, check=True)


def test_the_bundled_twin_tags_only_its_pictures_as_figures_each_with_alt_text(sample_material, default_theme):
    (data,) = twin.render(sample_material, default_theme, ("osteoarthritis",)).files.values()
    _pdf, elements = _elements(data)
    figures = [e for e in elements if str(e.S) == "/Figure"]
    assert len(figures) == 1 and "knee" in str(figures[0].Alt).lower(), "the icons stay out of the twin"
