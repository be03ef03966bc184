"""The one build loop: outcomes written by policy, reported in job order."""

from __future__ import annotations

from builder.batch.pipeline import ALL_OR_NOTHING, AS_THEY_COME, Variant, run_and_write
from builder.errors import Problem, SourceError
from builder.location import Location
from builder.render import Rendered
from builder.render import jobs as runner


def arriving(outcomes):
    """A stand-in for run_jobs that hands back `outcomes` in the order given."""
    return lambda jobs, workers=None, executor=None: iter(outcomes)


def test_failures_and_notes_are_in_job_order_whatever_order_workers_finish_in(tmp_path, monkeypatch):
    owners = [Variant("c", "en-US", f"m{n}", tmp_path / f"out{n}") for n in range(4)]
    monkeypatch.setattr(
        runner,
        "run_jobs",
        arriving(
            [
                (3, SourceError([Problem(Location("b.yaml", 9), "late")])),
                (2, Rendered({"two.pdf": b"2"}, ("note: two",))),
                (1, SourceError([Problem(Location("z.yaml", 1), "early")])),
                (0, Rendered({"zero.pdf": b"0"}, ("note: zero",))),
            ]
        ),
    )
    written = run_and_write(list(range(4)), owners, AS_THEY_COME)
    assert [problem.message for _variant, problem in written.failures] == ["early", "late"]
    assert written.notes == ["note: zero", "note: two"]
    assert [path.name for _variant, path in written.files] == ["zero.pdf", "two.pdf"]
    assert (tmp_path / "out2" / "two.pdf").read_bytes() == b"2"
    assert written.failed == {owners[1], owners[3]}


def test_all_or_nothing_writes_nothing_when_one_job_fails(tmp_path, monkeypatch):
    owners = [Variant("", "en-US", "m", tmp_path / "m")] * 3
    monkeypatch.setattr(
        runner,
        "run_jobs",
        arriving(
            [
                (0, Rendered({"a.pdf": b"a"})),
                (2, SourceError([Problem(Location("s.yaml", 2), "no")])),
                (1, Rendered({"b.pdf": b"b"})),
            ]
        ),
    )
    written = run_and_write([0, 1, 2], owners, ALL_OR_NOTHING)
    assert [problem.message for _variant, problem in written.failures] == ["no"]
    assert written.files == []
    assert not (tmp_path / "m").exists() or list((tmp_path / "m").iterdir()) == []


def test_all_or_nothing_renames_every_file_into_place_in_job_order(tmp_path, monkeypatch):
    owners = [Variant("", "en-US", "m", tmp_path / "m")] * 2
    monkeypatch.setattr(
        runner, "run_jobs", arriving([(1, Rendered({"b.pdf": b"b"})), (0, Rendered({"a.pptx": b"a"}))])
    )
    written = run_and_write([0, 1], owners, ALL_OR_NOTHING)
    assert [path.name for _variant, path in written.files] == ["a.pptx", "b.pdf"]
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["a.pptx", "b.pdf"]


def test_an_interrupted_loop_leaves_no_temporary_file(tmp_path, monkeypatch):
    owners = [Variant("", "en-US", "m", tmp_path / "m")] * 2

    def interrupted(jobs, workers=None, executor=None):
        yield 0, Rendered({"a.pdf": b"a"})
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "run_jobs", interrupted)
    for policy in (ALL_OR_NOTHING, AS_THEY_COME):
        try:
            run_and_write([0, 1], owners, policy)
        except KeyboardInterrupt:
            pass
        assert [p.name for p in (tmp_path / "m").iterdir() if p.suffix == ".tmp"] == []
