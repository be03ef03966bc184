"""build.json: an item per line, its parts found again as text, the same facts as json reads."""

from __future__ import annotations

import json
from pathlib import Path

from builder.batch.pipeline import Variant
from builder.batch.result import BatchResult, file_row, parts_of, report_text
from builder.errors import Problem
from builder.location import Location


def a_result(out: Path) -> tuple[list[dict], BatchResult]:
    variant = Variant("north", "es-US", "tiny", out / "north" / "es-US" / "tiny")
    result = BatchResult(
        written=[(variant, out / "north/es-US/tiny/tiny.pptx")],
        failures=[(variant, Problem(Location("sources/tiny.yaml", 3, 5), 'a "quoted"\nmessage'))],
        notes=["señal: ünïcödé"],
        scores={"north/es-US/tiny": {"grade": 6.5, "parts": {"a": [1, 2]}}},
    )
    files = [file_row("north", "es-US", "tiny", "north/es-US/tiny/tiny.pptx", 1234, True)]
    return files, result


def test_the_report_is_json_with_one_file_failure_or_score_per_line(tmp_path):
    files, result = a_result(tmp_path)
    text = report_text(files, result, tmp_path)
    data = json.loads(text)
    assert data["files"] == files and data["notes"] == ["señal: ünïcödé"]
    assert data["failures"][0]["message"] == 'a "quoted"\nmessage'
    assert data["failures"][0]["location"] == "sources/tiny.yaml:3:5"
    assert data["scores"] == {"north/es-US/tiny": {"grade": 6.5, "parts": {"a": [1, 2]}}}
    lines = text.splitlines()
    assert sum('"file": "north/es-US/tiny/tiny.pptx"' in line for line in lines) == 1
    assert sum('"north/es-US/tiny": {"grade"' in line for line in lines) == 1


def test_each_part_of_a_report_is_found_again_and_can_be_carried_into_the_next(tmp_path):
    files, result = a_result(tmp_path)
    text = report_text(files, result, tmp_path)
    parts = parts_of(text)
    assert list(parts) == ["files", "failures", "notes", "scores", "web_pages"]
    assert all(json.loads(parts[name]) == json.loads(text)[name] for name in parts)
    carried = report_text(
        files, BatchResult(written=result.written), tmp_path, kept={"scores": parts["scores"]}
    )
    assert json.loads(carried)["scores"] == json.loads(text)["scores"]


def test_text_that_is_not_such_a_report_has_no_parts():
    assert parts_of(json.dumps({"files": []}, indent=4)) == {}
    assert parts_of("") == {} and parts_of("[1, 2]\n") == {}
