"""Same input, same bytes."""

from __future__ import annotations

from builder.build import build

from .conftest import SAMPLE


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
