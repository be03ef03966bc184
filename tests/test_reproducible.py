"""Same input, same bytes."""

from __future__ import annotations

import pytest

from builder.batch.build import build

from .conftest import SAMPLE, TEMPLATES


def test_two_builds_write_identical_bytes(built, tmp_path, monkeypatch):
    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    again = build([SAMPLE], out=tmp_path)
    assert sorted(p.name for p in again.written) == sorted(built)
    for path in again.written:
        assert path.read_bytes() == built[path.name].read_bytes(), path.name


def test_one_worker_and_two_workers_write_identical_bytes(tmp_path, monkeypatch):
    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    serial = build([SAMPLE], out=tmp_path / "one", workers=1)
    parallel = build([SAMPLE], out=tmp_path / "two", workers=2)
    assert [p.name for p in serial.written] == [p.name for p in parallel.written]
    for one, two in zip(serial.written, parallel.written):
        assert one.read_bytes() == two.read_bytes(), one.name


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_a_deck_is_saved_byte_for_byte_as_python_pptx_saves_it(
    sample_material, default_theme, template, monkeypatch
):
    import io

    from builder.render import RenderOptions
    from builder.render.deck import package
    from builder.render.deck import write as deck

    compared = []

    def saved_both_ways(presentation) -> bytes:
        ours = package.saved_bytes(presentation)
        theirs = io.BytesIO()
        presentation.save(theirs)
        compared.append(ours == package.pin_zip_times(theirs.getvalue()))
        return ours

    monkeypatch.setattr(deck, "saved_bytes", saved_both_ways)
    path = TEMPLATES[template]
    deck.render(sample_material, default_theme, options=RenderOptions(template=str(path) if path else None))
    assert compared == [True]


def test_web_pages_and_twins_are_the_same_bytes_from_another_folder_and_with_two_workers(
    tmp_path, monkeypatch
):
    """The diabetes material has pictures; a copy of the sources elsewhere must give the same files."""
    import shutil

    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    formats = ("html", "pdf-ua")
    here = build(
        [ROOT / "sources" / "type-2-diabetes.yaml"], out=tmp_path / "here", formats=formats, workers=1
    )
    copy = tmp_path / "elsewhere" / "sources"
    shutil.copytree(ROOT / "sources", copy)
    there = build([copy / "type-2-diabetes.yaml"], out=tmp_path / "there", formats=formats, workers=2)
    names = [p.relative_to(tmp_path / "here") for p in here.written]
    assert names == [p.relative_to(tmp_path / "there") for p in there.written] and len(names) > 6
    for one, two in zip(here.written, there.written):
        assert one.read_bytes() == two.read_bytes(), one.name
