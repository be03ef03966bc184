"""The job runner: a long run in one process keeps its memory flat."""

from __future__ import annotations

import gc

from builder import runner
from builder.runner import COLLECT_EVERY, iter_jobs, plan_jobs


def test_a_long_serial_run_leaves_no_brochures_behind_for_the_collector(
    sample_material, default_theme, monkeypatch
):
    monkeypatch.setattr(runner, "_jobs_since_collection", 0)
    brochure = plan_jobs([sample_material], default_theme, ["pdf"], [])[0]
    gc.collect()
    for _index, outcome in iter_jobs([brochure] * COLLECT_EVERY, workers=1):
        assert outcome.files, "each job made its brochure"
    left = gc.collect()
    assert left < 100, f"{left} objects of finished brochures were still waiting for the collector"
    assert gc.get_freeze_count() == 0, "the run unfroze what it froze"


def test_each_job_carries_only_what_its_renderer_uses(sample_material, default_theme):
    jobs = plan_jobs([sample_material], default_theme, ["pptx", "pdf"], [])
    deck, *brochures = jobs
    assert deck.format == "pptx" and deck.theme.brochure_layouts == ()
    assert deck.theme.colours == default_theme.colours, "the rest of the theme is the same"
    assert [len(job.material.conditions) for job in brochures] == [1, 1, 1]
    assert all(job.theme is default_theme for job in brochures)


def test_a_helper_forked_for_a_second_renderer_is_dismissed_when_it_would_have_nothing_to_do(
    sample_material, default_theme
):
    import os
    import pickle
    from concurrent.futures import ThreadPoolExecutor

    import pytest

    from builder.forking import write_in_background

    if not hasattr(os, "fork"):
        pytest.skip("fork is POSIX-only")
    brochure = plan_jobs([sample_material], default_theme, ["pdf"], [])[0]

    def helper():
        jobs_read, jobs_write = os.pipe()
        started = runner.start_helper("pdf", jobs_read)
        os.close(jobs_read)
        write_in_background(jobs_write, pickle.dumps(([brochure], None)))
        return started

    alone = helper()
    assert [index for index, _outcome in iter_jobs([brochure], workers=1, helper=alone)] == [0]
    with ThreadPoolExecutor(1) as pool:
        elsewhere = helper()
        assert [index for index, _outcome in iter_jobs([brochure], executor=pool, helper=elsewhere)] == [0]
    for started in (alone, elsewhere):
        with pytest.raises(ChildProcessError):
            os.waitpid(started.pid, os.WNOHANG)  # ended and waited for


RENDER_SHIPPED = """
import pickle, sys
from builder.runner import render_job
jobs = pickle.loads(sys.stdin.buffer.read())
files = [render_job(job).files for job in jobs]
sys.stdout.buffer.write(pickle.dumps((files, "builder.model" in sys.modules)))
"""


def test_few_brochure_jobs_ship_their_plans_and_are_written_without_the_model(sample_material, default_theme):
    import pickle
    import subprocess
    import sys

    from builder.runner import render_job, shipped

    jobs = plan_jobs([sample_material], default_theme, ["pdf"], [])
    sent = shipped(jobs)
    assert all(job.material is None and job.prepared for job in sent), "planned here, material left behind"
    done = subprocess.run(
        [sys.executable, "-c", RENDER_SHIPPED], input=pickle.dumps(sent), capture_output=True, check=True
    )
    files, model_loaded = pickle.loads(done.stdout)
    assert not model_loaded, "the writing process loaded the content model"
    assert files == [render_job(job).files for job in jobs], "the same bytes as rendering from the material"


def test_many_jobs_or_a_deck_among_them_ship_as_they_are(sample_material, default_theme):
    from builder.runner import SHIP_PLANS_UP_TO, shipped

    brochures = plan_jobs([sample_material], default_theme, ["pdf"], [])
    many = brochures * (SHIP_PLANS_UP_TO // len(brochures) + 1)
    assert shipped(many) == many
    mixed = plan_jobs([sample_material], default_theme, ["pptx", "pdf"], [])
    assert shipped(mixed) == mixed
