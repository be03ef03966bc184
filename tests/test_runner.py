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
    from concurrent.futures import ThreadPoolExecutor

    import pytest

    if not hasattr(os, "fork"):
        pytest.skip("fork is POSIX-only")
    brochure = plan_jobs([sample_material], default_theme, ["pdf"], [])[0]
    alone = runner.start_helper("pdf")
    assert [index for index, _outcome in iter_jobs([brochure], workers=1, helper=alone)] == [0]
    with ThreadPoolExecutor(1) as pool:
        elsewhere = runner.start_helper("pdf")
        assert [index for index, _outcome in iter_jobs([brochure], executor=pool, helper=elsewhere)] == [0]
    for helper in (alone, elsewhere):
        with pytest.raises(ChildProcessError):
            os.waitpid(helper.pid, os.WNOHANG)  # ended and waited for
