"""The job runner: here, on a process pool or on any executor, the same outcomes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from builder.errors import SourceError
from builder.render import Rendered, RenderOptions
from builder.render import jobs as runner
from builder.render.jobs import SERIAL_UP_TO, make_jobs, run_jobs


@pytest.fixture(scope="module")
def many_jobs(sample_material, default_theme):
    """More jobs than run in one process: the deck and the brochures, twice."""
    jobs = make_jobs([sample_material], default_theme, ["pptx", "pdf"], []) * 2
    assert len(jobs) > SERIAL_UP_TO
    return jobs


def files_by_job(outcomes) -> dict[int, dict[str, bytes]]:
    found = {}
    for index, outcome in outcomes:
        assert isinstance(outcome, Rendered), outcome
        found[index] = outcome.files
    return found


def test_a_deck_job_carries_the_theme_without_its_brochure_layouts(sample_material, default_theme):
    deck, *brochures = make_jobs([sample_material], default_theme, ["pptx", "pdf"], [])
    assert deck.theme.brochure_layouts == () and deck.format == "pptx"
    assert [len(job.material.conditions) for job in brochures] == [1] * len(sample_material.conditions)


def test_a_few_jobs_run_in_this_process(sample_material, default_theme, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for a few jobs")

    monkeypatch.setattr(runner, "ProcessPoolExecutor", no_pool)
    jobs = make_jobs([sample_material], default_theme, ["pdf"], [])[:SERIAL_UP_TO]
    assert sorted(index for index, _outcome in run_jobs(jobs, workers=2)) == list(range(len(jobs)))


def test_a_pool_a_thread_executor_and_one_process_make_the_same_bytes(many_jobs):
    alone = files_by_job(run_jobs(many_jobs, workers=1))
    pooled = files_by_job(run_jobs(many_jobs, workers=2))
    with ThreadPoolExecutor(2) as threads:
        threaded = files_by_job(run_jobs(many_jobs, executor=threads))
    assert sorted(alone) == list(range(len(many_jobs)))
    assert pooled == alone and threaded == alone


def test_a_job_that_fails_in_a_worker_comes_back_as_its_problems(many_jobs, tmp_path):
    broken = tmp_path / "broken.pptx"
    broken.write_text("not a presentation", encoding="utf-8")
    jobs = list(many_jobs)
    jobs[0] = replace(jobs[0], options=RenderOptions(template=str(broken)))
    outcomes = dict(run_jobs(jobs, workers=2))
    assert isinstance(outcomes[0], SourceError)
    assert "not a usable .pptx template" in str(outcomes[0])
    assert all(isinstance(outcomes[n], Rendered) for n in range(1, len(jobs)))


def test_a_caller_that_stops_early_leaves_no_worker_running(many_jobs):
    import multiprocessing

    for _index, _outcome in run_jobs(many_jobs, workers=2):
        break
    assert [child for child in multiprocessing.active_children() if "forkserver" not in child.name] == []


def test_ctrl_c_ends_every_worker_and_leaves_no_temporary_file(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from .conftest import ROOT

    out = tmp_path / "out"
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "builder",
            "build",
            "--all",
            "--force",
            "--no-thumbnails",
            "-j",
            "2",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    deadline = time.monotonic() + 60
    while not list(out.rglob("*.pdf")) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it could be interrupted"
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C sends: every process in the group
    _stdout, stderr = build.communicate(timeout=60)
    assert build.returncode == 130, stderr
    assert b"interrupted" in stderr and b"Traceback" not in stderr, stderr
    for _ in range(100):  # the workers end with the pool; give the system a moment to reap them
        try:
            os.killpg(build.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("a process of the interrupted build is still running")
    assert [
        p
        for p in out.rglob("*")
        if p.suffix == ".tmp" or p.name.startswith(".") and p.is_file() and p.name != ".handout-manifest.json"
    ] == []


def test_an_executor_is_sent_the_jobs_a_few_at_a_time_and_each_outcome_keeps_its_number(many_jobs):
    sent = []

    class Counting(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            sent.append(len(args[0]))
            return super().submit(fn, *args, **kwargs)

    jobs = many_jobs * 4  # 32 jobs
    with Counting(2) as executor:
        outcomes = dict(run_jobs(jobs, workers=2, executor=executor))
    assert sorted(outcomes) == list(range(len(jobs)))
    assert sum(sent) == len(jobs) and 1 < max(sent) <= runner.MAX_CHUNK and len(sent) >= 2 * 2
    assert outcomes[0].files == outcomes[len(many_jobs)].files  # the same job, in another task
    assert [name for name in outcomes[1].files] == [name for name in outcomes[1 + len(many_jobs)].files]
