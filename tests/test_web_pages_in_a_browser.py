"""Every web page the bundled plan builds, and pages of materials unlike it, checked in a real
headless Chromium with axe-core: no WCAG 2.1 A or AA violation, no sideways scrolling at
320 px or at 200% zoom, the same text with JavaScript off."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from builder.batch.config import read_config
from builder.batch.network import build_network
from builder.render.web import write as web

from .conftest import DEFAULT_THEME, ROOT
from .helpers import LONG_ADDRESS, material_from, minimal_source, png_bytes, table_source
from .web_browser import check_pages, require_browser


def _unusual_materials(folder: Path, theme) -> list[Path]:
    """Pages unlike the bundled ones: other scripts, long words and addresses, pictures, a
    logo, a wide table, a clinic's dark colours, another language."""
    from builder.theme.reader import load_theme

    look = load_theme(theme)
    folder.mkdir()
    (folder / "knee.png").write_bytes(png_bytes(1200, 800, (40, 90, 160)))
    (folder / "logo.png").write_bytes(png_bytes(600, 200, (255, 255, 255)))
    source = table_source()
    source["variables"]["clinic"].update(logo="logo.png", website="https://clinic.example")
    blocks = source["sections"][0]["blocks"]
    blocks.append(
        {
            "paragraph": f"膝关节疼痛很常见。 Đau khớp gối. Pneumonoultramicroscopicsilicovolcanoconiosis. {LONG_ADDRESS}"
        }
    )
    blocks.append(
        {"image": {"path": "knee.png", "alt": "A knee, bent", "caption": "The knee joint", "size": "half"}}
    )
    blocks.append({"callout": {"title": "Warning signs", "text": "Ask before you pay."}})
    blocks.append({"steps": [{"title": "Ask", "text": "Ask your doctor."}, {"title": "Decide"}]})
    source["glossary"] = [{"term": "Cartilage", "definition": "Smooth tissue at the end of bones."}]
    pages = []
    english = material_from(folder, source)
    dark = replace(
        look, colours=tuple(sorted({**dict(look.colours), "primary": "6B2A5E", "tint": "F3EEF2"}.items()))
    )
    spanish = minimal_source()
    spanish["material"]["language"] = "es-US"
    spanish["references"][0]["language"] = "en"  # an English reference in a Spanish page
    (folder / "es").mkdir()
    for name, material, themed in (
        ("unusual", english, look),
        ("dark", english, dark),
        ("spanish", material_from(folder / "es", spanish), look),
    ):
        out = folder / name
        for file, data in web.render(material, themed).files.items():
            (out / file).parent.mkdir(parents=True, exist_ok=True)
            (out / file).write_bytes(data)
            if file.endswith(".html"):
                pages.append(out / file)
    return pages


@pytest.fixture(scope="session")
def browser_results(tmp_path_factory) -> dict[str, dict]:
    """The bundled plan's web pages and the unusual ones, all checked in one browser run."""
    require_browser()
    out = tmp_path_factory.mktemp("web")
    config = replace(read_config(ROOT / "handout.yaml"), outputs=("html",))
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = build_network(config, DEFAULT_THEME, out / "bundled", thumbnails=None)
    finally:
        os.chdir(cwd)
    assert result.ok
    pages = sorted(path for _variant, path in result.written if path.suffix == ".html")
    pages += _unusual_materials(out / "unusual", DEFAULT_THEME)
    report = check_pages(pages)
    return {page["path"]: page for page in report["pages"]}


def test_the_bundled_plan_has_a_web_page_per_condition_for_every_clinic_and_language(browser_results):
    condition_pages = [
        path for path in browser_results if "/bundled/" in path and not path.endswith("index.html")
    ]
    assert len(condition_pages) == 5 * 5, "5 clinic-language pairs × (3 MSC + 2 diabetes conditions)"


def test_no_page_has_a_wcag_2_1_a_or_aa_violation(browser_results):
    found = {
        Path(path).name: [(v["id"], v["targets"][:3]) for v in page["violations"]]
        for path, page in browser_results.items()
        if page["violations"]
    }
    assert found == {}


def test_no_page_scrolls_sideways_at_320_px_or_at_200_percent_zoom(browser_results):
    for path, page in browser_results.items():
        for view in ("narrow", "zoomed"):
            assert page[view]["scrolls"] is False, (Path(path).name, view, page[view]["overflowing"])


def test_every_page_reads_the_same_without_javascript_and_fetches_nothing(browser_results):
    for path, page in browser_results.items():
        assert page["text"]["withoutScript"] == page["text"]["withScript"] > 50, Path(path).name
        assert page["blocked"] == [], Path(path).name
