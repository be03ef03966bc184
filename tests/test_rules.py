"""load_rules: the review rules file, read and checked like every other file a user writes."""

from __future__ import annotations

import pytest

from builder.errors import SourceError
from builder.source.rules import RULES_FILE, load_rules

from .conftest import ROOT


def test_the_bundled_rules_cover_every_group_with_unique_ids():
    rules = load_rules(ROOT / RULES_FILE)
    assert {rule.group for rule in rules.rules} == {
        "required",
        "banned",
        "needs_citation",
        "reading",
        "review",
    }
    assert len({rule.id for rule in rules.rules}) == len(rules.rules)
    assert all(rule.explain for rule in rules.rules)
    cure = rules.get("claim-cure")
    assert "cure" in cure.for_language(cure.words, "en-GB") and "cura" in cure.for_language(
        cure.words, "es-US"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "banned:\n  - id: x\n    explain: y\n    phrasse: {en: [a]}\n",
            "unknown key 'phrasse' in a banned rule (did you mean 'phrases'?)",
        ),
        (
            "required:\n  - id: x\n    explain: y\n    kind: stauts\n",
            "kind must be one of main_message, status, questions, contact, section (did you mean 'status'?)",
        ),
        (
            "needs_citation:\n  - id: x\n    explain: y\n    patterns: {en: ['(']}\n",
            "pattern '(' is not a regular expression",
        ),
        ("reading:\n  - id: x\n    explain: y\n    measure: flesch\n", "measure must be one of"),
        (
            "review:\n  - id: x\n    explain: y\n  - id: x\n    explain: z\n",
            "rule id 'x' is used twice (first at line 2)",
        ),
        ("banned:\n  - id: x\n    explain: y\n    severity: fatal\n", "severity must be error or warning"),
    ],
)
def test_a_mistake_in_the_rules_is_an_error_at_its_line(tmp_path, text, expected):
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_rules(path)
    (problem,) = caught.value.problems
    assert expected in problem.message and problem.loc.line > 1
