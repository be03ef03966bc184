"""The web pages as written: semantic, self-contained, escaped, readable colours, same bytes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from builder.render.web import write as web
from builder.theme.types import contrast_ratio

from .conftest import ROOT
from .helpers import material_from, minimal_source, png_bytes


class _Outline(HTMLParser):
    """What a test needs to know of a page: its tags, attributes, headings and text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data):
        self.text.append(data)


def _outline(html: bytes) -> _Outline:
    parser = _Outline()
    parser.feed(html.decode("utf-8"))
    return parser


@pytest.fixture(scope="module")
def sample_pages(sample_material, default_theme):
    return web.render(sample_material, default_theme).files


@pytest.fixture(scope="module")
def sample_html(sample_pages):
    return {name: data for name, data in sample_pages.items() if name.endswith(".html")}


def test_a_page_per_condition_and_an_index_are_written(sample_pages, sample_material):
    assert {name for name in sample_pages if name.endswith(".html")} == {"index.html"} | {
        f"msc-chronic-pain-{c.id}.html" for c in sample_material.conditions
    }
    pictures = {name for name in sample_pages if not name.endswith(".html")}
    assert pictures == {"images/msc-knee-joint.png", "images/msc-spinal-disc.png", "images/msc-tendon.png"}


def test_headings_start_at_h1_and_never_skip_a_level(sample_html):
    for name, html in sample_html.items():
        levels = _outline(html).headings
        assert levels[0] == 1 and levels.count(1) == 1, name
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), name


def test_the_page_says_its_language_and_needs_no_script(sample_html):
    for name, html in sample_html.items():
        tags = _outline(html).tags
        assert tags[0] == ("html", {"lang": "en-US"}), name
        assert not any(tag == "script" for tag, _a in tags), name
        assert not any(key.startswith("on") for _t, attributes in tags for key in attributes), name


def test_table_headers_are_header_cells_and_pictures_have_alt_text(tmp_path, default_theme):
    from .helpers import table_source

    (tmp_path / "knee.png").write_bytes(png_bytes(300, 200))
    source = table_source()
    source["sections"][0]["blocks"].append({"image": {"path": "knee.png", "alt": "A bent knee"}})
    files = web.render(material_from(tmp_path, source), default_theme).files
    tags = _outline(files["tiny-knees.html"]).tags
    headers = [a for t, a in tags if t == "th"]
    assert len(headers) == 4 + 3 and all(a == {"scope": "col"} for a in headers)
    images = [a for t, a in tags if t == "img"]
    assert images == [{"src": "images/knee.png", "alt": "A bent knee", "width": "300", "height": "200"}]
    assert files["images/knee.png"] == (tmp_path / "knee.png").read_bytes(), "the picture is beside the page"


def test_a_decorative_picture_is_a_background_no_reader_announces(tmp_path, default_theme):
    (tmp_path / "swirl.png").write_bytes(png_bytes(200, 100))
    source = minimal_source()
    source["sections"][0]["blocks"].append({"image": {"path": "swirl.png", "decorative": True}})
    html = web.render(material_from(tmp_path, source), default_theme).files["tiny-knees.html"]
    assert b"<img" not in html
    assert b"background-image: url('images/swirl.png')" in html and b"padding-top: 50.00%" in html


def test_source_text_is_escaped_not_run(tmp_path, default_theme):
    source = minimal_source()
    source["sections"][0]["blocks"].append({"paragraph": "Type <script>alert(1)</script> & see."})
    html = web.render(material_from(tmp_path, source), default_theme).files["tiny-knees.html"]
    assert b"<script>" not in html and b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; see." in html


def test_other_scripts_and_long_addresses_reach_the_page(tmp_path, default_theme):
    source = minimal_source()
    address = "https://www.example-health-network.org/patients/" + "very-long-segment-" * 6
    source["sections"][0]["blocks"].append({"paragraph": f"膝关节疼痛很常见。 Đau khớp gối. See {address}"})
    html = web.render(material_from(tmp_path, source), default_theme).files["tiny-knees.html"].decode()
    assert "膝关节疼痛很常见。 Đau khớp gối." in html and f'<a href="{address}">{address}</a>' in html
    assert "overflow-wrap: anywhere" in html, "a long address breaks instead of widening the page"


def _css_colours(html: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+): #([0-9A-Fa-f]{6});", html))


def test_every_text_colour_pair_the_page_uses_is_readable_for_a_clinics_own_colours(tmp_path, default_theme):
    from dataclasses import replace

    source = minimal_source()
    source["conditions"][0]["sections"][0]["blocks"].append(
        {"key_figure": {"value": "1 in 5", "label": "adults"}}
    )
    material = material_from(tmp_path, source)
    colours = {**dict(default_theme.colours), "primary": "6B2A5E", "tint": "F0EAEF", "accent": "C06000"}
    themed = replace(default_theme, colours=tuple(sorted(colours.items())))
    html = web.render(material, themed).files["tiny-knees.html"].decode()
    found = _css_colours(html)
    pairs = [
        ("text", "background"),
        ("muted", "background"),
        ("primary", "background"),
        ("on-primary", "primary"),
        ("text", "tint"),
        ("primary", "tint"),
        ("accent", "tint"),
    ]
    for foreground, background in pairs:
        assert contrast_ratio(found[foreground], found[background]) >= 4.5, (foreground, background)
    assert found["accent"] == "6B2A5E", "an accent unreadable on the tint gives way to the primary"


def test_the_same_material_gives_the_same_bytes(sample_material, default_theme, sample_pages):
    assert web.render(sample_material, default_theme).files == sample_pages


def test_a_theme_without_html_templates_uses_the_default_ones(tmp_path, default_theme):
    from dataclasses import replace

    material = material_from(tmp_path, minimal_source())
    elsewhere = replace(default_theme, folder=str(tmp_path))
    assert web.render(material, elsewhere).files == web.render(material, default_theme).files
    assert (ROOT / "layouts" / "default" / "html" / "page.html").is_file()


def test_two_pictures_of_the_same_name_from_different_folders_both_reach_the_page(tmp_path, default_theme):
    for folder, colour in (("left", (200, 0, 0)), ("right", (0, 0, 200))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "knee.png").write_bytes(png_bytes(30, 20, colour))
    source = minimal_source()
    blocks = source["sections"][0]["blocks"]
    blocks += [
        {"image": {"path": f"{side}/knee.png", "alt": f"The {side} knee"}} for side in ("left", "right")
    ]
    files = web.render(material_from(tmp_path, source), default_theme).files
    sources = [a["src"] for t, a in _outline(files["tiny-knees.html"]).tags if t == "img"]
    assert len(set(sources)) == 2
    assert [files[src] for src in sources] == [
        (tmp_path / side / "knee.png").read_bytes() for side in ("left", "right")
    ]


def test_a_themes_broken_page_template_is_an_error_at_its_line(tmp_path, default_theme):
    import shutil
    from dataclasses import replace

    from builder.errors import SourceError

    shutil.copytree(ROOT / "layouts" / "default" / "html", tmp_path / "theme" / "html")
    page = tmp_path / "theme" / "html" / "page.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "{% if %}</main>"), encoding="utf-8")
    theme = replace(default_theme, folder=str(tmp_path / "theme"))
    with pytest.raises(SourceError) as raised:
        web.render(material_from(tmp_path, minimal_source()), theme)
    (problem,) = raised.value.problems
    assert problem.loc.path.endswith("page.html") and problem.loc.line > 1
    assert "web page template" in problem.message


def test_the_key_facts_status_warning_questions_and_contact_headings_carry_hidden_icons(sample_pages):
    html = sample_pages["msc-chronic-pain-osteoarthritis.html"].decode("utf-8")
    marked = re.findall(r"<h([23])[^>]*>(<svg[^>]*>.*?</svg>)([^<]+)", html)
    assert {text for _level, _svg, text in marked} == {
        "Key facts",
        "Where things stand in the U.S.",
        "A warning sign",
        "Questions to ask your doctor",
        "Talk with us before you decide",
    }
    for _level, svg, _text in marked:
        assert 'aria-hidden="true"' in svg and "currentColor" in svg
    assert html.count("<svg") == len(marked), "no icon anywhere else"


def test_a_theme_without_icons_makes_pages_without_svg(tmp_path, sample_material):
    import shutil

    from builder.theme.reader import load_theme

    from .conftest import DEFAULT_THEME

    folder = tmp_path / "plain"
    shutil.copytree(DEFAULT_THEME, folder)
    (folder / "icons.yaml").unlink()
    pages = web.render(sample_material, load_theme(folder), ("osteoarthritis",)).files
    assert b"<svg" not in pages["msc-chronic-pain-osteoarthritis.html"]
