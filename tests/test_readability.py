"""Reading scores of every printed part, by the formulas for the material's language."""

from __future__ import annotations

from builder.source.readability import part_scores, score_text, syllables, whole_score

from .helpers import material_from, minimal_source

PLAIN = "You may feel pain. It can last a few days. Rest and ice can help. Call us if it gets worse."
DENSE = (
    "Intra-articular administration of autologous mesenchymal stromal cells demonstrated heterogeneous "
    "efficacy across randomized controlled investigations, necessitating comprehensive longitudinal evaluation."
)
ONE_LONG_SPANISH = (
    "Las células madre mesenquimales se están estudiando para el dolor de rodilla y de espalda, pero"
    " todavía no sabemos si ayudan, cuánto tiempo dura el efecto, qué riesgos tienen para cada persona"
    " ni quién debería recibirlas."
)
SIX_SHORT_SPANISH = (
    "Se estudian células madre para el dolor. Es para la rodilla y la espalda. Aún no sabemos si"
    " ayudan. No sabemos cuánto dura el efecto. Hay riesgos. Pregunte a su médico."
)


def test_syllables_are_counted_by_the_rules_of_each_language():
    english = {"inflammation": 4, "pain": 1, "medicines": 3, "about": 2, "people": 2, "tissue": 2, "bones": 1}
    assert {word: syllables(word, "en") for word in english} == english
    spanish = {"terapia": 3, "día": 2, "leer": 2, "tratamiento": 4, "cuidado": 3}
    assert {word: syllables(word, "es") for word in spanish} == spanish


def test_plain_english_scores_a_low_grade_and_dense_english_a_high_one_by_both_measures():
    plain = score_text(PLAIN + " " + PLAIN, "en-US")
    dense = score_text(" ".join([DENSE] * 3), "en-US")
    assert plain["fk_grade"] < 6 and dense["fk_grade"] > 12
    assert plain["smog"] < 8 and dense["smog"] > 14
    assert score_text("Too short.", "en-US") is None


def test_smog_needs_three_sentences_to_mean_anything():
    assert "smog" not in score_text("One long sentence that has quite a few words in it but no end", "en")


def test_the_spanish_ease_rewards_short_sentences_as_its_corrected_form_does():
    long, short = score_text(ONE_LONG_SPANISH, "es-US"), score_text(SIX_SHORT_SPANISH, "es-US")
    assert short["fernandez_huerta"] > long["fernandez_huerta"] + 20
    assert short["inflesz"] > long["inflesz"] + 20
    assert long["fernandez_huerta"] < 70 < short["fernandez_huerta"]


def test_every_printed_part_is_scored_cover_checklist_status_and_call_to_action_included(tmp_path):
    source = minimal_source()
    source["conditions"][0]["main_message"] = DENSE
    source["call_to_action"]["text"] = PLAIN + " " + PLAIN
    source["sections"][0]["blocks"] = [
        {"questions": [DENSE]},
        {"status": {"text": DENSE, "as_of": "2026-01-01"}},
    ]
    material = material_from(tmp_path, source)
    parts = {score.part: score for score in part_scores(material)}
    assert parts["cover: Knee pain"].value("fk_grade") > 12
    assert parts["Introduction"].value("fk_grade") > 12, "a checklist and a status box are printed too"
    assert parts["call to action"].value("fk_grade") < 6
    assert parts["cover: Knee pain"].loc == material.conditions[0].main_message.loc
    assert whole_score(material)["fk_grade"] > 6
