"""pre_scores: the PEMAT-P and CDC Index items a program can judge, per condition's brochure."""

from __future__ import annotations

from builder.source.prescore import pre_scores

from .helpers import material_from, minimal_source


def test_the_minimal_source_misses_what_it_lacks_and_meets_the_rest(tmp_path):
    (score,) = pre_scores(material_from(tmp_path, minimal_source()))
    assert score.condition == "Knee pain"
    assert {"a summary", "medical terms defined", "a visual"} <= set(score.missed)
    assert {"main message on the cover", "the state of the science", "a checklist of questions"} <= set(
        score.met
    )
    assert score.percent == round(100 * len(score.met) / (len(score.met) + len(score.missed)))


def test_adding_a_glossary_a_key_figure_and_steps_raises_the_score(tmp_path):
    before = pre_scores(material_from(tmp_path, minimal_source()))[0]
    source = minimal_source()
    source["glossary"] = [{"term": "Cartilage", "definition": "The smooth tissue on the ends of bones."}]
    source["sections"][0]["blocks"] += [
        {"key_figure": {"value": "1 in 5", "label": "adults"}, "cite": "ref"},
        {"steps": ["You rest", "You ice the knee"]},
    ]
    after = pre_scores(material_from(tmp_path, source))[0]
    assert after.percent > before.percent
    assert {"a summary", "medical terms defined", "a visual", "numbered steps for a process"} <= set(
        after.met
    )
