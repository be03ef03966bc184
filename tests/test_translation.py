"""Translations: keyed to the English by id paths, checked for missing and stale texts."""

from __future__ import annotations

import pytest
import yaml

from builder.errors import SourceError
from builder.source.materials import read_all
from builder.source.translate import write_skeleton
from builder.source.translation import translatable, translation_path
from builder.source.yamlpos import read_yaml
from builder.wording import Phrases

from .helpers import minimal_source, write_source


def translate_all(path, prefix="ES "):
    """Fill every text of a skeleton with a recognisable 'translation'."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in data["texts"].values():
        entry["text"] = entry["en"] if "{{" in entry["en"] else prefix + entry["en"]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def english(tmp_path):
    return write_source(tmp_path, minimal_source())


def test_text_keys_use_ids_and_skip_ids_dates_and_links(english):
    keys = [key for key, _node in translatable(read_yaml(english))]
    assert "sections[intro].title" in keys
    assert "sections[intro].blocks[0].point.handout" in keys
    assert "conditions[knees].sections[knee-facts].blocks[0].paragraph" in keys
    assert not any(key.endswith((".id", ".language", ".reviewed", ".url")) for key in keys)
    assert not any(key.startswith("variables") for key in keys)


def test_a_translation_reads_as_a_material_of_its_own_language(english):
    path, counts = write_skeleton(english, "es-US")
    assert path == translation_path(english, "es-US") and counts["missing"] > 0
    translate_all(path)
    english_material, spanish = read_all([english, path])
    assert spanish.meta.id == "tiny-es" and spanish.meta.language == "es-US"
    assert spanish.sections[0].title.plain == "ES Introduction"
    assert spanish.meta.organisation.plain == "Test Clinic", "variables still fill translated texts"
    assert english_material.sections[0].title.plain == "Introduction"


def test_reading_a_translation_leaves_the_english_as_it_was_for_the_next_reader(english):
    path, _counts = write_skeleton(english, "es-US")
    translate_all(path)
    read_all([english, path])  # the English tree is parsed once and shared between readers
    english_again, spanish_again = read_all([english, path])
    assert english_again.sections[0].title.plain == "Introduction"
    assert spanish_again.sections[0].title.plain == "ES Introduction"
    assert dict(translatable(read_yaml(english)))["sections[intro].title"].value == "Introduction"


def test_a_missing_translation_is_reported_at_its_line(english):
    path, _counts = write_skeleton(english, "es-US")
    translate_all(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["texts"]["sections[intro].title"]["text"] = None
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_all([english, path])
    problem = caught.value.problems[0]
    assert "no es-US text for sections[intro].title" in problem.message
    assert problem.loc.path.endswith("tiny.es.yaml") and problem.loc.line > 0


def test_a_translation_goes_stale_when_its_english_changes(english, tmp_path):
    path, _counts = write_skeleton(english, "es-US")
    translate_all(path)
    source = minimal_source()
    source["sections"][0]["title"] = "A new introduction"
    write_source(tmp_path, source)
    with pytest.raises(SourceError, match=r"stale: the English of sections\[intro\]\.title changed"):
        read_all([english, path])
    _path, counts = write_skeleton(english, "es-US")
    assert counts["stale"] == 1 and counts["missing"] == 0


def test_a_key_with_no_english_is_reported_with_a_suggestion(english):
    path, _counts = write_skeleton(english, "es-US")
    translate_all(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["texts"]["sections[intro].titel"] = {"from": "0000000000", "text": "Hola"}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SourceError, match=r"did you mean 'sections\[intro\]\.title'"):
        read_all([english, path])


def test_a_translation_of_a_material_not_read_is_an_error(english, tmp_path):
    path, _counts = write_skeleton(english, "es-US")
    translate_all(path)
    with pytest.raises(SourceError, match="translates 'tiny', which is not among the sources read"):
        read_all([path])


def test_updating_a_translation_keeps_what_is_done(english):
    path, _counts = write_skeleton(english, "es-US")
    translate_all(path)
    _path, counts = write_skeleton(english, "es-US")
    assert counts["missing"] == 0 and counts["stale"] == 0 and counts["done"] > 0
    assert "ES Introduction" in path.read_text(encoding="utf-8")


def test_the_builders_own_words_follow_the_language():
    import datetime as dt

    spanish, english = Phrases("es-US"), Phrases("en-US")
    assert spanish("glossary") == "Palabras clave"
    assert spanish.date(dt.date(2026, 11, 1)) == "1 de noviembre de 2026"
    assert english.date(dt.date(2026, 11, 1)) == "November 1, 2026"
    assert Phrases("fr-FR")("glossary") == "Words to know", "unknown languages fall back to English"


def spanish_texts(path) -> dict[str, str]:
    """The translation file's finished texts by their English."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {entry["en"]: entry["text"] for entry in data["texts"].values() if entry.get("text")}


def reordered(tmp_path, change):
    """The minimal source, translated, then changed by `change(blocks)` and written again."""
    source = minimal_source()
    source["sections"][0]["blocks"] += [{"paragraph": "Third thing."}, {"paragraph": "Fourth thing."}]
    english = write_source(tmp_path, source)
    path, _counts = write_skeleton(english, "es-US")
    translate_all(path)
    before = spanish_texts(path)
    change(source["sections"][0]["blocks"])
    write_source(tmp_path, source)
    return english, path, before


def test_inserting_a_block_keeps_every_finished_translation(tmp_path):
    english, path, before = reordered(
        tmp_path, lambda blocks: blocks.insert(0, {"paragraph": "A new start."})
    )
    _path, counts = write_skeleton(english, "es-US")
    after = spanish_texts(path)
    assert after == before, "a finished text whose English is unchanged was dropped or moved"
    assert counts["missing"] == 1 and counts["stale"] == 0


def test_moving_blocks_needs_no_new_translation_and_each_text_keeps_its_place(tmp_path):
    english, path, before = reordered(tmp_path, lambda blocks: blocks.reverse())
    _english, spanish = read_all([english, path])  # without running handout translate again
    texts = [block.text.plain for block in spanish.sections[0].blocks if hasattr(block, "text")]
    assert texts[:2] == ["ES Fourth thing.", "ES Third thing."]
    _path, counts = write_skeleton(english, "es-US")
    assert spanish_texts(path) == before and counts == {"done": len(before), "stale": 0, "missing": 0}


def test_deleting_a_block_keeps_the_others_and_drops_only_its_text(tmp_path):
    english, path, before = reordered(tmp_path, lambda blocks: blocks.pop(1))
    _path, counts = write_skeleton(english, "es-US")
    after = spanish_texts(path)
    assert after == {en: es for en, es in before.items() if en != "Only on slides."}
    assert counts["missing"] == 0 and counts["stale"] == 0
    read_all([english, path])  # the rewritten file builds


def test_a_block_may_carry_an_id_that_keys_its_texts(tmp_path):
    source = minimal_source()
    source["sections"][0]["blocks"][1]["id"] = "slides-only"
    english = write_source(tmp_path, source)
    keys = [key for key, _node in translatable(read_yaml(english))]
    assert "sections[intro].blocks[slides-only].paragraph" in keys


def test_a_block_id_used_twice_in_a_section_is_an_error_at_the_second(tmp_path):
    source = minimal_source()
    source["sections"][0]["blocks"][1]["id"] = "same"
    source["sections"][0]["blocks"][2]["id"] = "same"
    english = write_source(tmp_path, source)
    with pytest.raises(SourceError, match="block id 'same' is used twice"):
        read_all([english])


def test_a_tables_title_header_and_cells_are_translated_and_its_shape_kept(tmp_path):
    from .helpers import TREATMENTS, table_source

    english = write_source(tmp_path, table_source())
    path, counts = write_skeleton(english, "es-US")
    keys = [key for key, _node in translatable(read_yaml(english))]
    assert "sections[intro].blocks[3].table.header[2]" in keys
    assert "sections[intro].blocks[3].table.rows[1][0]" in keys
    translate_all(path)
    _english, spanish = read_all([english, path])
    table = spanish.sections[0].blocks[3]
    assert table.title.plain == "ES " + TREATMENTS["title"]
    assert [cell.plain for cell in table.header] == ["ES " + text for text in TREATMENTS["header"]]
    assert [cell.plain for cell in table.rows[1]] == ["ES " + text for text in TREATMENTS["rows"][1]]


def test_a_skeleton_leaves_out_colours_and_fills_in_texts_that_are_only_variables(tmp_path):
    source = minimal_source()
    source["conditions"][0]["colour"] = "8A1C1C"
    english = write_source(tmp_path, source)
    path, counts = write_skeleton(english, "es-US")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]
    assert not any(key.endswith(".colour") for key in data)
    assert data["material.organisation"]["text"] == "{{ clinic.name }}"
    assert counts["done"] == 1


def test_a_translation_listing_a_value_never_translated_still_reads(tmp_path):
    source = minimal_source()
    source["conditions"][0]["colour"] = "8A1C1C"
    english = write_source(tmp_path, source)
    path, _counts = write_skeleton(english, "es-US")
    translate_all(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["texts"]["conditions[knees].colour"] = {"en": "8A1C1C", "text": "ES 8A1C1C", "from": "0000000000"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _english, spanish = read_all([english, path])
    assert spanish.conditions[0].colour == "8A1C1C"
