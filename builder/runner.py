"""Runs render jobs serially or on worker processes; the files are the same either way."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass

from builder.errors import SourceError
from builder.model import Material
from builder.renderers import renderer
from builder.theme import Theme


@dataclass(frozen=True)
class Job:
    """One renderer's work on one material: the deck, or one condition's brochure."""

    material: Material
    theme: Theme
    format: str
    conditions: tuple[str, ...] | None


def plan_jobs(materials: Sequence[Material], theme: Theme, formats: Sequence[str],
              conditions: Sequence[str]) -> list[Job]:
    """Independent jobs: a deck per material, a brochure job per condition."""
    jobs = []
    for material in materials:
        for name in formats:
            if name == "pdf":
                chosen = [c.id for c in material.conditions if not conditions or c.id in conditions]
                jobs.extend(Job(material, theme, name, (condition,)) for condition in chosen)
            else:
                jobs.append(Job(material, theme, name, tuple(conditions) or None))
    return jobs


def render_job(job: Job) -> dict[str, bytes]:
    """The files of one job by name (a module-level function, so workers can run it)."""
    return renderer(job.format).render(job.material, job.theme, job.conditions)


def default_workers(job_count: int) -> int:
    """As many workers as cores, never more than jobs."""
    return max(1, min(os.cpu_count() or 1, job_count))


def run_jobs(jobs: Sequence[Job], workers: int | None = None,
             executor: Executor | None = None) -> list[dict[str, bytes] | SourceError]:
    """Each job's files, or the SourceError it raised, in job order.

    Give `executor` to run on any concurrent.futures.Executor (a Dask or Ray one included);
    otherwise `workers` processes are forked, or the jobs run here when one is enough.
    """
    if executor is None:
        count = default_workers(len(jobs)) if workers is None else max(1, workers)
        if count > 1 and "fork" in multiprocessing.get_all_start_methods():
            _prepare(jobs)  # import and parse fonts once, before the workers are forked
            with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
                return run_jobs(jobs, executor=pool)
        return [_run_here(job) for job in jobs]
    futures = [executor.submit(render_job, job) for job in jobs]
    results: list[dict[str, bytes] | SourceError] = []
    for future in futures:
        try:
            results.append(future.result())
        except SourceError as error:
            results.append(error)
    return results


def _run_here(job: Job) -> dict[str, bytes] | SourceError:
    try:
        return render_job(job)
    except SourceError as error:
        return error


def _prepare(jobs: Sequence[Job]) -> None:
    from builder.fonts import find_fonts
    from builder.renderers.measure import TextMeasure

    for name in {job.format for job in jobs}:
        renderer(name)
    for theme in {job.theme for job in jobs}:
        measure = TextMeasure(find_fonts(theme.fonts, theme.folder))
        measure.font_name("regular"), measure.font_name("bold")
