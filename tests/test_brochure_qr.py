"""The QR code on every printed brochure: it opens the condition's web page, and the address
is printed under it, whole and readable; network builds choose the address's pattern."""

from __future__ import annotations

import io
import shutil
import subprocess

import pdfplumber
import pytest
import yaml

from builder.batch.clinics import read_clinics
from builder.batch.config import read_config
from builder.batch.network import build_network
from builder.errors import Problems, SourceError
from builder.render import RenderOptions
from builder.render.address import printed_address
from builder.render.breaks import address_lines
from builder.render.brochure import write as brochure
from builder.render.brochure.plan import plan_brochure
from builder.render.brochure.qr import QUIET, QrCode
from builder.source.yamlpos import read_yaml
from builder.theme.reader import load_theme

from .conftest import DEFAULT_THEME, require_tool
from .helpers import material_from, minimal_source

WEBSITE = "https://www.tiny-clinic.example/"
ADDRESS = "https://www.tiny-clinic.example/handouts/en-US/tiny/tiny-knees.html"
# 90 characters: a clinic's pages deep inside a network's site
LONG_WEBSITE = "https://www.riverside-valley-community-health-and-wellness-network.example.org/our-clinics"
LAYOUTS = [
    RenderOptions(brochure="trifold"),
    RenderOptions(brochure="trifold", press=True),
    RenderOptions(brochure="factsheet"),
    RenderOptions(brochure="factsheet", paper="a4", press=True),
]
IDS = ["trifold-office", "trifold-press", "factsheet-office", "factsheet-a4-press"]


def with_website(tmp_path, website: str = WEBSITE, language: str = "en-US"):
    source = minimal_source()
    source["variables"]["clinic"]["website"] = website
    source["material"]["language"] = language
    return material_from(tmp_path, source)


def one_pdf(material, theme, options: RenderOptions) -> tuple[bytes, tuple[str, ...]]:
    rendered = brochure.render(material, theme, options=options)
    (data,) = rendered.files.values()
    return data, rendered.notes


def decoded(pdf: bytes, folder) -> list[str]:
    """What zbarimg reads in the first page, drawn at 200 dpi."""
    pdftoppm, zbarimg = require_tool("pdftoppm"), require_tool("zbarimg")
    (folder / "page.pdf").write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", "page.pdf", "page"],
        cwd=folder,
        check=True,
    )
    read = subprocess.run(
        [zbarimg, "--raw", "-q", str(folder / "page.png")], capture_output=True, text=True, timeout=60
    )
    return read.stdout.splitlines()


def address_chars(pdf: bytes, printed: str) -> list[dict]:
    """The characters of the printed address on the first page, read across its line breaks."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = [c for c in document.pages[0].chars if not c["text"].isspace()]
    text = "".join(c["text"] for c in chars)
    assert printed in text, f"{printed!r} is not on the first page"
    at = text.index(printed)
    return chars[at : at + len(printed)]


def white_square(rects: list[dict]) -> dict:
    """The white square the QR code is drawn on (in RGB or CMYK)."""
    (square,) = [
        r
        for r in rects
        if tuple(r["non_stroking_color"] or ()) in ((1, 1, 1), (0, 0, 0, 0))
        and abs(r["width"] - r["height"]) < 0.01
        and r["width"] > 0.8 * 72
    ]
    return square


def web_panel_box(material, theme, options: RenderOptions) -> tuple[float, float]:
    """The left and right edges, in PDF points, of the text column of the panel that holds
    the QR code."""
    plan = plan_brochure(
        material, material.conditions[0], theme, options.brochure, options.paper, options.press
    )
    (panel,) = [p for s in plan.sheets for p in s.panels if any(i.kind == "web_link" for i in p.items)]
    offset = brochure.SLUG + brochure.BLEED if options.press else 0.0
    left = offset + (panel.box[0] + plan.margin) * 72
    return left, left + (panel.box[2] - 2 * plan.margin) * 72


# -- the plan ---------------------------------------------------------------------------------
def test_the_plan_holds_the_web_pages_address_and_a_web_link_by_the_contact_details(tmp_path, default_theme):
    material = with_website(tmp_path)
    trifold = plan_brochure(material, material.conditions[0], default_theme, "trifold")
    assert trifold.web_address == ADDRESS
    cover = next(p for p in trifold.sheets[0].panels if p.name == "cover")
    kinds = [item.kind for item in cover.items]
    first_contact = min(kinds.index(kind) for kind in ("cover_phone", "cover_contact") if kind in kinds)
    assert kinds.index("web_link") < first_contact, "the code sits above the contact lines"
    (link,) = [item for item in cover.items if item.kind == "web_link"]
    assert link.detail == ADDRESS
    assert (
        link.plain == "Read this handout online" + "tiny-clinic.example/handouts/en-US/tiny/tiny-knees.html"
    )
    factsheet = plan_brochure(material, material.conditions[0], default_theme, "factsheet")
    masthead = [p for p in factsheet.sheets[0].panels if p.fill]
    assert [i.kind for p in masthead for i in p.items if i.kind == "web_link"] == ["web_link"]


def test_the_phrase_over_the_code_is_in_the_materials_language(tmp_path, default_theme):
    material = with_website(tmp_path, language="es-US")
    plan = plan_brochure(material, material.conditions[0], default_theme)
    (link,) = [item for item in plan.items() if item.kind == "web_link"]
    assert "".join(span.text for span in link.title) == "Lea este folleto en internet"
    assert link.detail == ADDRESS.replace("en-US", "es-US")


def test_without_a_website_there_is_no_code_and_the_build_says_so(tmp_path, default_theme):
    material = material_from(tmp_path, minimal_source())  # its clinic has a phone, no website
    assert material.variable("clinic.website") == ""
    plan = plan_brochure(material, material.conditions[0], default_theme)
    assert plan.web_address is None
    assert all(item.kind != "web_link" for item in plan.items())
    rendered = brochure.render(material, default_theme)
    assert len(rendered.files) == 1, "the brochure is still made"
    (note,) = [note for note in rendered.notes if "QR code" in note]
    assert note.startswith("note: tiny (en-US) for Test Clinic:") and "clinic.website is not set" in note


def test_a_layout_that_places_no_web_link_makes_brochures_without_it_and_says_so(tmp_path):
    folder = tmp_path / "theme"
    shutil.copytree(DEFAULT_THEME, folder)
    layouts = folder / "brochure.yaml"
    text = layouts.read_text(encoding="utf-8")
    layouts.write_text(text.replace("[cover, cover_picture, web_link, contact_strip]", "[cover, cover_picture, contact_strip]"), "utf-8")
    rendered = brochure.render(with_website(tmp_path), load_theme(folder))
    assert len(rendered.files) == 1
    assert "note: the trifold layout places no web_link slot, so its brochures have no QR code" in "".join(
        rendered.notes
    )


# -- the code and the printed address ---------------------------------------------------------
def test_the_code_is_at_least_0_8_inch_square_with_a_quiet_zone_of_four_modules():
    for address in (ADDRESS, LONG_WEBSITE + "/handouts/en-US/tiny/tiny-knees.html"):
        code = QrCode(address)
        side, height = code.wrap(500, 500)
        count = len(code.rows)
        assert side == height == pytest.approx((count + 2 * QUIET) * code.module)
        assert count * code.module >= 0.8 * 72, "the symbol itself, its quiet zone aside"
        assert code.module >= 0.5 * 72 / 25.4 - 1e-9, "a module a phone can still tell apart"


def test_the_code_corrects_errors_at_level_m():
    # 95 bytes need version 5 (37 modules) at level L, version 6 (41) at M, 7 (45) at Q
    assert len(QrCode("x" * 95).rows) == 41


def test_a_printed_address_breaks_after_a_slash_and_keeps_every_character():
    def width_of(text: str) -> float:
        return len(text) * 5.0  # 40 characters to a line of 200

    printed = "example.org/handouts/en-US/msc-chronic-pain/msc-chronic-pain-osteoarthritis.html"
    assert address_lines(printed, width_of, 200) == [
        "example.org/handouts/en-US/",
        "msc-chronic-pain/",
        "msc-chronic-pain-osteoarthritis.html",
    ]
    host = printed_address(LONG_WEBSITE)  # a part too long for any line is cut where it may be
    lines = address_lines(host, width_of, 200)
    assert "".join(lines) == host, "nothing added (no hyphen), nothing lost"
    assert len(lines) > 1 and all(width_of(line) <= 200 for line in lines)
    assert all(line[-1] in "-./" for line in lines[:-1])
    assert address_lines("example.org/a", width_of, 200) == ["example.org/a"]


@pytest.mark.parametrize("options", LAYOUTS, ids=IDS)
def test_the_code_in_the_pdf_opens_the_web_page(tmp_path, default_theme, options):
    pdf, _notes = one_pdf(with_website(tmp_path), default_theme, options)
    assert decoded(pdf, tmp_path) == [ADDRESS]


@pytest.mark.parametrize("options", LAYOUTS, ids=IDS)
def test_the_address_is_printed_by_the_code_at_8_pt_or_more(tmp_path, default_theme, options):
    material = with_website(tmp_path)
    pdf, _notes = one_pdf(material, default_theme, options)
    chars = address_chars(pdf, printed_address(ADDRESS))
    assert min(char["size"] for char in chars) >= 8
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        square = white_square(page.rects)
        phrase = next(w for w in page.extract_words() if w["text"] == "Read")
    left, right = web_panel_box(material, default_theme, options)
    if right - left - square["width"] - 10 >= 1.6 * 72:  # a wide panel: the words beside the code
        assert phrase["x0"] >= square["x1"] and chars[0]["x0"] >= square["x1"], "beside the code"
        assert phrase["top"] >= square["top"] - 0.5 and phrase["bottom"] < chars[0]["top"], "phrase first"
    else:  # a narrow one: the phrase above the code, the address under it
        assert phrase["bottom"] <= square["top"] + 0.5, "the phrase is above the code"
        assert chars[0]["top"] >= square["bottom"] - 0.5, "the address is under the code"


@pytest.mark.parametrize(
    "options",
    [RenderOptions(brochure="trifold"), RenderOptions(brochure="factsheet", paper="a4", press=True)],
    ids=["trifold", "factsheet-a4-press"],
)
def test_a_long_website_is_printed_whole_inside_its_panel_and_still_scans(tmp_path, default_theme, options):
    assert len(LONG_WEBSITE) == 90
    material = with_website(tmp_path, LONG_WEBSITE)
    pdf, _notes = one_pdf(material, default_theme, options)
    address = LONG_WEBSITE + "/handouts/en-US/tiny/tiny-knees.html"
    chars = address_chars(pdf, printed_address(address))
    left, right = web_panel_box(material, default_theme, options)
    outside = [c["text"] for c in chars if c["x0"] < left - 0.5 or c["x1"] > right + 0.5]
    assert outside == [], "the printed address runs out of its panel"
    assert len({round(c["top"]) for c in chars}) > 1, "a long address takes more than one line"
    assert decoded(pdf, tmp_path) == [address]


def test_for_the_press_the_code_is_black_ink_alone_on_a_white_square(tmp_path, default_theme):
    pdf, _notes = one_pdf(with_website(tmp_path), default_theme, RenderOptions(press=True))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        rects = document.pages[0].rects
    square = white_square(rects)
    assert tuple(square["non_stroking_color"]) == (0, 0, 0, 0), "white: no ink at all"
    inside = [
        r
        for r in rects
        if r is not square
        and square["x0"] <= r["x0"]
        and r["x1"] <= square["x1"]
        and square["top"] <= r["top"]
        and r["bottom"] <= square["bottom"]
    ]
    assert len(inside) > 100, "the code's modules are drawn inside its square"
    assert {tuple(r["non_stroking_color"]) for r in inside} == {(0, 0, 0, 1)}, "100% K, no other ink"
    module = min(r["height"] for r in inside)
    assert min(r["x0"] for r in inside) - square["x0"] == pytest.approx(QUIET * module, abs=0.01)
    assert square["bottom"] - max(r["bottom"] for r in inside) == pytest.approx(QUIET * module, abs=0.01)


# -- network builds: the pattern --------------------------------------------------------------
CLINICS = {
    "clinics": [
        {
            "id": "north",
            "name": "North Clinic",
            "phone": "555-0001",
            "website": "https://north.example",
            "languages": ["en-US"],
            "web": "https://handouts.example.net/{clinic}/{language}/{file}",
        },
        {
            "id": "south",
            "name": "South Clinic",
            "phone": "555-0002",
            "website": "https://www.south.example/",
            "languages": ["en-US"],
        },
    ]
}
NORTH = "https://handouts.example.net/north/en-US/tiny-knees.html"
SOUTH = "https://www.south.example/leaflets/south/tiny/knees"


@pytest.fixture
def network(tmp_path):
    """A network of two clinics, one with a pattern of its own, the other taking the plan's."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "tiny.yaml").write_text(yaml.safe_dump(minimal_source(), sort_keys=False), encoding="utf-8")
    (sources / "clinics.yaml").write_text(yaml.safe_dump(CLINICS, sort_keys=False), encoding="utf-8")
    (tmp_path / "handout.yaml").write_text(
        "sources: sources\noutputs: [pdf]\nweb: '{website}/leaflets/{clinic}/{material}/{condition}'\n",
        encoding="utf-8",
    )
    return tmp_path


def build(project):
    return build_network(read_config(project / "handout.yaml"), DEFAULT_THEME, project / "output", 1)


def test_a_clinics_pattern_and_the_plans_reach_the_pdfs(network):
    result = build(network)
    assert result.ok, [str(p) for _v, p in result.failures]
    pdfs = {variant.clinic: path.read_bytes() for variant, path in result.written}
    assert address_chars(pdfs["north"], printed_address(NORTH))
    assert address_chars(pdfs["south"], printed_address(SOUTH))
    for clinic, address in (("north", NORTH), ("south", SOUTH)):
        folder = network / clinic
        folder.mkdir()
        assert decoded(pdfs[clinic], folder) == [address]


def test_a_changed_clinic_pattern_rebuilds_that_clinic_and_the_plans_every_clinic(network):
    build(network)
    clinics = network / "sources" / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("{clinic}/{language}", "{clinic}"), encoding="utf-8")
    again = build(network)
    assert [v.clinic for v, _p in again.written] == ["north"]
    assert [v.clinic for v, _p in again.unchanged] == ["south"]
    config = network / "handout.yaml"
    config.write_text(config.read_text().replace("leaflets", "pages"), encoding="utf-8")
    assert sorted(v.clinic for v, _p in build(network).written) == ["north", "south"]


def test_an_unknown_field_in_the_plans_pattern_is_an_error_at_its_line(network):
    config = network / "handout.yaml"
    config.write_text("sources: sources\nweb: '{website}/{langauge}/{file}'\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        read_config(config)
    (problem,) = raised.value.problems
    assert (problem.loc.line, problem.loc.col) == (2, 6)
    assert (
        "unknown field '{langauge}' in the web address pattern (did you mean 'language'?)" in problem.message
    )


def test_an_unknown_field_in_a_clinics_pattern_is_an_error_at_its_line(network):
    clinics = network / "sources" / "clinics.yaml"
    text = clinics.read_text().replace("{language}", "{langauge}")
    clinics.write_text(text, encoding="utf-8")
    problems = Problems()
    read = read_clinics(read_yaml(clinics, str(clinics)), problems)
    assert [clinic.id for clinic in read] == ["south"], "the clinic with the problem is left out"
    (problem,) = problems.items
    assert (
        problem.loc.line
        == text.splitlines().index(next(line for line in text.splitlines() if "langauge" in line)) + 1
    )
    assert "did you mean 'language'?" in problem.message
    result = build(network)
    assert any("did you mean 'language'?" in p.message for _v, p in result.failures)


def test_a_pattern_with_an_unpaired_brace_is_an_error(network):
    config = network / "handout.yaml"
    config.write_text("sources: sources\nweb: '{website/{file}'\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        read_config(config)
    assert "without its pair" in raised.value.problems[0].message
