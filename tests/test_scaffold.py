"""`handout new`: a new material that checks and builds as it is."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from builder.batch.build import build
from builder.cli import main
from builder.source.scaffold import new_material

from .conftest import ROOT


def test_a_new_material_builds_a_deck_and_a_brochure_as_it_is(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = new_material("knee-injections", tmp_path, today=dt.date(2026, 2, 28))
    result = build([path], out=tmp_path / "out", workers=1)
    assert sorted(p.name for p in result.written) == [
        "knee-injections-example-condition-trifold-letter.pdf",
        "knee-injections.pptx",
    ]
    assert "review_by: 2027-02-28" in path.read_text(encoding="utf-8")


def test_new_refuses_an_unsafe_or_taken_name(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["new", "Bad Name", "--folder", str(tmp_path)]).exit_code == 1
    assert runner.invoke(main, ["new", "fine", "--folder", str(tmp_path)]).exit_code == 0
    again = runner.invoke(main, ["new", "fine", "--folder", str(tmp_path)])
    assert again.exit_code == 1 and "already exists" in again.output
