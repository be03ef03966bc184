"""The web page's plan: the brochure's content, grouped and headed, with nothing lost."""

from __future__ import annotations

from builder.batch.regions import in_region
from builder.model import Audience
from builder.render import RenderOptions
from builder.render.brochure.plan import brochure_texts
from builder.render.web.plan import page_texts, plan_index, plan_page
from builder.source.materials import read_all

from .conftest import ROOT
from .helpers import material_from, minimal_source, png_bytes


def _normal(text: str) -> str:
    return " ".join(text.split())


def test_every_text_meant_for_the_brochure_is_on_the_web_page(sample_material, default_theme):
    for condition in sample_material.conditions:
        page = plan_page(sample_material, condition, default_theme)
        shown = _normal(" ".join(page_texts(page)))
        missing = [
            (text, str(loc))
            for text, loc in brochure_texts(sample_material, condition)
            if _normal(text) not in shown
        ]
        assert missing == [], condition.id


def test_the_condition_is_the_pages_only_h1_and_every_part_has_its_own_heading_id(
    sample_material, default_theme
):
    page = plan_page(sample_material, sample_material.conditions[0], default_theme)
    assert "".join(s.text for s in page.condition) == sample_material.conditions[0].name.plain
    ids = [part.id for part in page.parts]
    assert len(ids) == len(set(ids))
    assert all(part.heading for part in page.parts if part.kind in ("sections", "questions", "glossary"))


def test_bullets_steps_and_the_glossary_become_one_list_each(sample_material, default_theme):
    page = plan_page(sample_material, sample_material.conditions[0], default_theme)
    nodes = [node for part in page.parts for node in part.nodes]
    kinds = [node.kind for node in nodes]
    assert "steps" in kinds and "glossary" in kinds and "checklist" in kinds
    for first, second in zip(kinds, kinds[1:]):
        assert not (first == second and first in ("list", "steps", "glossary", "checklist")), (
            "two lists in a row are one list"
        )
    (glossary,) = [node for node in nodes if node.kind == "glossary"]
    printed = sample_material.glossary_for(Audience.BROCHURE)
    assert [entry.title[0].text for entry in glossary.entries] == [entry.term.plain for entry in printed]
    assert len(printed) < len(sample_material.glossary), "the deck-only terms are left to the talk"


def test_an_english_reference_in_a_spanish_page_is_marked_english_and_says_so():
    materials = read_all(
        [ROOT / "sources" / "msc-chronic-pain.yaml", ROOT / "sources" / "msc-chronic-pain.es.yaml"]
    )
    spanish = in_region(next(m for m in materials if m.meta.language.startswith("es")), "US")
    from builder.theme.reader import load_theme

    page = plan_page(spanish, spanish.conditions[0], load_theme(ROOT / "layouts" / "default"))
    (references,) = [node for part in page.parts for node in part.nodes if node.kind == "references"]
    assert {entry.lang for entry in references.entries} == {"en"}
    assert all(entry.after[0].text == " (en inglés)" for entry in references.entries)


def test_a_reference_in_the_pages_own_language_gets_no_language_mark(tmp_path, default_theme):
    source = minimal_source()
    source["references"][0]["language"] = "en-GB"
    material = material_from(tmp_path, source)
    page = plan_page(material, material.conditions[0], default_theme)
    (references,) = [node for part in page.parts for node in part.nodes if node.kind == "references"]
    assert references.entries[0].lang == "" and references.entries[0].after[0].text == ""


def test_a_pictures_alt_text_is_kept_and_a_decorative_one_has_none(tmp_path, default_theme):
    (tmp_path / "knee.png").write_bytes(png_bytes(300, 200))
    (tmp_path / "swirl.png").write_bytes(png_bytes(300, 100))
    source = minimal_source()
    blocks = source["conditions"][0]["sections"][0]["blocks"]
    blocks.append({"image": {"path": "knee.png", "alt": "A knee, bent", "caption": "The knee joint"}})
    blocks.append({"image": {"path": "swirl.png", "decorative": True}})
    material = material_from(tmp_path, source)
    page = plan_page(material, material.conditions[0], default_theme)
    figures = [node for part in page.parts for node in part.nodes if node.kind == "figure"]
    assert [(f.alt, f.decorative) for f in figures] == [("A knee, bent", False), ("", True)]
    assert page.pictures() == tuple(str(tmp_path / name) for name in ("knee.png", "swirl.png"))


def test_a_table_keeps_its_header_row_first(tmp_path, default_theme):
    from .helpers import table_source

    material = material_from(tmp_path, table_source())
    page = plan_page(material, material.conditions[0], default_theme)
    tables = [node for part in page.parts for node in part.nodes if node.kind == "table"]
    assert ["".join(s.text for s in cell) for cell in tables[0].cells[0]][0] == "Treatment"
    assert len(tables) == 2


def test_the_pages_address_follows_the_clinics_pattern(tmp_path, default_theme):
    source = minimal_source()
    source["variables"]["clinic"]["website"] = "https://clinic.example/"
    material = material_from(tmp_path, source)
    condition = material.conditions[0]
    assert plan_page(material, condition, default_theme).address == (
        "https://clinic.example/handouts/en-US/tiny/tiny-knees.html"
    )
    short = RenderOptions(web_address="{website}/go/{condition}")
    assert plan_page(material, condition, default_theme, short).address == "https://clinic.example/go/knees"
    del source["variables"]["clinic"]["website"]
    bare = material_from(tmp_path, source)
    assert plan_page(bare, bare.conditions[0], default_theme).address is None


def test_the_index_lists_every_condition_page(sample_material, default_theme):
    index = plan_index(sample_material, default_theme)
    assert [file for file, _name, _message in index.pages] == [
        f"msc-chronic-pain-{c.id}.html" for c in sample_material.conditions
    ]
