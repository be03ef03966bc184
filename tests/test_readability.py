"""Reading scores per section, by the formula for the material's language."""

from __future__ import annotations

from click.testing import CliRunner

from builder.cli import main
from builder.source.readability import score_text, section_scores, syllables

from .conftest import ROOT
from .helpers import material_from, minimal_source

PLAIN = "You may feel pain. It can last a few days. Rest and ice can help. Call us if it gets worse."
DENSE = (
    "Intra-articular administration of autologous mesenchymal stromal cells demonstrated heterogeneous "
    "efficacy across randomized controlled investigations, necessitating comprehensive longitudinal evaluation."
)


def test_syllables_come_from_the_hyphenation_dictionaries():
    assert syllables("inflammation", "en") == 4
    assert syllables("terapia", "es") == 3
    assert syllables("pain", "en") == 1


def test_plain_english_scores_a_low_grade_and_dense_english_a_high_one():
    assert score_text(PLAIN, "en-US")[1] < 6
    assert score_text(DENSE, "en-US")[1] > 12
    assert score_text("Too short.", "en-US") is None


def test_spanish_uses_the_fernandez_huerta_ease():
    measure, value, _words = score_text(
        "Puede sentir dolor. Dura unos días. El reposo ayuda. Llame si empeora mucho.", "es-US"
    )
    assert measure == "Fernández-Huerta ease" and value > 60


def test_a_dense_section_is_flagged_and_named(tmp_path):
    source = minimal_source()
    source["sections"][0]["blocks"] = [{"paragraph": DENSE, "only": "brochure"}, {"paragraph": DENSE}]
    scores = section_scores(material_from(tmp_path, source))
    dense = next(s for s in scores if s.section == "Introduction")
    assert dense.hard and dense.loc.line > 0


def test_check_reports_the_range_of_scores(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        main, ["check", "sources/msc-chronic-pain.yaml", "sources/msc-chronic-pain.es.yaml"]
    )
    assert result.exit_code == 0
    assert "reading: Flesch-Kincaid grade" in result.output
    assert "reading: Fernández-Huerta ease" in result.output
