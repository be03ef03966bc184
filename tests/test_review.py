"""review(): a material against the review rules, each finding at its line with its rule."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.source.review import review
from builder.source.rules import load_rules

from .helpers import material_from, minimal_source

TODAY = dt.date(2026, 6, 1)  # seven months before the minimal source is due for review


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def findings_of(tmp_path, rules, source):
    return review(material_from(tmp_path, source), rules, TODAY)


def test_the_minimal_source_passes_every_rule(tmp_path, rules):
    assert [f for f in findings_of(tmp_path, rules, minimal_source()) if f.severity == "error"] == []


def test_false_claims_fail_each_with_its_rule_at_their_line(tmp_path, rules):
    source = minimal_source()
    source["sections"][0]["blocks"].append(
        {"paragraph": "It is FDA approved, safe and guaranteed to cure and regrow cartilage."}
    )
    material = material_from(tmp_path, source)
    found = review(material, rules, TODAY)
    errors = {f.rule for f in found if f.severity == "error"}
    assert {"claim-fda-approved", "claim-guaranteed", "claim-cure", "claim-regrow"} <= errors
    line = material.sections[0].blocks[-1].text.loc
    assert all(f.loc == line for f in found if f.rule.startswith("claim-"))
    assert str(found[0]).startswith(f"{line}: error: ") and str(found[0]).endswith("]")


@pytest.mark.parametrize(
    "text",
    [
        "There is no cure for osteoarthritis yet.",
        "These shots are not FDA approved for knee pain.",
        'Be careful with any clinic that says its treatment is a "cure".',
        "Nobody can guarantee a result.",
    ],
)
def test_a_negated_or_quoted_phrase_is_not_a_claim(tmp_path, rules, text):
    source = minimal_source()
    source["sections"][0]["blocks"].append({"paragraph": text})
    assert not [f for f in findings_of(tmp_path, rules, source) if f.rule.startswith("claim-")]


def test_a_block_marked_as_a_warning_may_name_the_false_promises(tmp_path, rules):
    source = minimal_source()
    promise = "Be careful with any clinic that promises a cure or guarantees results."
    source["sections"][0]["blocks"].append({"callout": promise, "warning": True})
    assert not [f for f in findings_of(tmp_path, rules, source) if f.rule.startswith("claim-")]
    source["sections"][0]["blocks"][-1].pop("warning")
    assert {"claim-cure", "claim-guaranteed"} <= {f.rule for f in findings_of(tmp_path, rules, source)}


def test_spanish_claims_fail_in_a_spanish_material(tmp_path, rules):
    source = minimal_source()
    source["material"]["language"] = "es-US"
    source["sections"][0]["blocks"].append({"paragraph": "Es una cura garantizada y aprobada por la FDA."})
    rules_broken = {f.rule for f in findings_of(tmp_path, rules, source)}
    assert {"claim-cure", "claim-guaranteed", "claim-fda-approved"} <= rules_broken


@pytest.mark.parametrize(
    "remove, rule",
    [("status", "status-block"), ("questions", "questions-block")],
)
def test_a_brochure_without_a_required_block_fails_at_its_condition(tmp_path, rules, remove, rule):
    source = minimal_source()
    choices = source["conditions"][0]["sections"][1]["blocks"]
    source["conditions"][0]["sections"][1]["blocks"] = [b for b in choices if remove not in b]
    material = material_from(tmp_path, source)
    (finding,) = [f for f in review(material, rules, TODAY) if f.severity == "error"]
    assert finding.rule == rule and finding.loc == material.conditions[0].loc
    assert finding.message.startswith("Knee pain: the brochure has no")


def test_a_brochure_with_no_risks_section_fails(tmp_path, rules):
    source = minimal_source()
    source["conditions"][0]["sections"][1]["title"] = "Other treatments"
    assert {f.rule for f in findings_of(tmp_path, rules, source)} == {"risks-section"}


def test_review_dates_in_the_past_fail_and_close_ones_warn(tmp_path, rules):
    source = minimal_source()
    source["material"]["reviewed"], source["material"]["review_by"] = "2019-01-01", "2020-01-01"
    (overdue,) = findings_of(tmp_path, rules, source)
    assert (overdue.rule, overdue.severity) == ("review-overdue", "error")
    assert "was due for review on 2020-01-01" in overdue.message
    source["material"]["review_by"] = (TODAY + dt.timedelta(days=30)).isoformat()
    (soon,) = findings_of(tmp_path, rules, source)
    assert (soon.rule, soon.severity) == ("review-due-soon", "warning") and "in 30 days" in soon.message


def test_a_grade_twelve_section_fails_and_a_grade_seven_one_warns(tmp_path, rules):
    dense = (
        "Intra-articular administration of autologous mesenchymal stromal cells demonstrated heterogeneous"
        " efficacy across randomized controlled investigations."
    )
    source = minimal_source()
    source["sections"][0]["blocks"] = [{"paragraph": dense + f" Part {n}."} for n in range(3)]
    material = material_from(tmp_path, source)
    grade = [f for f in review(material, rules, TODAY) if f.rule == "reading-grade"]
    assert grade and grade[0].severity == "error" and grade[0].loc == material.sections[0].title.loc
    assert "'Introduction' scores" in grade[0].message
    middling = "People with sore knees sometimes think about injections, but we know little about them yet."
    source["sections"][0]["blocks"] = [
        {"paragraph": middling},
        {"paragraph": "Talk about the choices with your doctor before you decide."},
    ]
    grade = [f for f in findings_of(tmp_path, rules, source) if f.rule == "reading-grade"]
    assert [f.severity for f in grade] == ["warning"]


def test_a_figure_without_a_source_needs_a_citation(tmp_path, rules):
    source = minimal_source()
    source["sections"][0]["blocks"].append({"paragraph": "About 1 in 5 adults have chronic pain."})
    assert "cite-figures" in {f.rule for f in findings_of(tmp_path, rules, source)}
    source["sections"][0]["blocks"][-1]["cite"] = "ref"
    assert "cite-figures" not in {f.rule for f in findings_of(tmp_path, rules, source)}
