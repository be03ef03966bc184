"""Runs render jobs: here, on a process pool, or on any concurrent.futures.Executor.

Every job is independent of where it runs, so the files are the same bytes whichever way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from builder.errors import SourceError
from builder.render import Rendered, RenderOptions, renderer

if TYPE_CHECKING:  # the model is loaded by whoever reads or renders, not to start a build
    from builder.model import Material
    from builder.theme.types import Theme

Outcome = Rendered | SourceError

SERIAL_UP_TO = 4  # jobs: fewer than a pool's start-up costs (a bundled single build is 4)
CHUNKS_PER_WORKER = 4  # tasks each worker gets, at least, so the last ones still balance
MAX_CHUNK = 8  # jobs sent as one task (see run_jobs)
PER_CONDITION = ("pdf", "pdf-ua")  # formats with a file, and so a job, per condition


@dataclass(frozen=True)
class Job:
    """One renderer's work on one material: the deck, or one condition's brochure."""

    material: Material
    theme: Theme
    format: str
    conditions: tuple[str, ...] | None
    options: RenderOptions = RenderOptions()


def make_jobs(
    materials: Sequence[Material],
    theme: Theme,
    formats: Sequence[str],
    conditions: Sequence[str],
    options: RenderOptions = RenderOptions(),
) -> list[Job]:
    """Independent jobs: a deck per material, a brochure job per condition.

    Each job carries only what its renderer uses, which is all a worker is sent: a brochure
    job its own condition, a deck job the theme without its brochure layouts.
    """
    jobs = []
    deck_theme = replace(theme, brochure_layouts=())
    for material in materials:
        for name in formats:
            if name in PER_CONDITION:
                chosen = [c for c in material.conditions if not conditions or c.id in conditions]
                jobs.extend(
                    Job(replace(material, conditions=(condition,)), theme, name, (condition.id,), options)
                    for condition in chosen
                )
            else:
                jobs.append(
                    Job(
                        material,
                        deck_theme if name == "pptx" else theme,
                        name,
                        tuple(conditions) or None,
                        options,
                    )
                )
    return jobs


def render_job(job: Job) -> Rendered:
    """What one job made (a module-level function, so any executor can run it)."""
    return renderer(job.format).render(job.material, job.theme, job.conditions, job.options)


def outcome_of(job: Job) -> Outcome:
    """What one job made, or the problems that stopped it."""
    try:
        return render_job(job)
    except SourceError as error:
        return error


def outcomes_of(jobs: Sequence[Job]) -> list[Outcome]:
    """What each of a few jobs made, or the problems that stopped it: one task for an executor."""
    return [outcome_of(job) for job in jobs]


def default_workers(job_count: int) -> int:
    """As many workers as cores, never more than jobs."""
    return max(1, min(os.cpu_count() or 1, job_count))


def run_jobs(
    jobs: Sequence[Job], workers: int | None = None, executor: Executor | None = None
) -> Iterator[tuple[int, Outcome]]:
    """(job number, outcome) pairs as jobs finish, so each can be written away at once.

    With `executor` (any concurrent.futures.Executor: a Dask or Ray one included) the jobs
    run there. Otherwise a few jobs, or `workers=1`, run in this process, and more run on a
    pool of `workers` processes (default: one per core), each of which loads the renderers
    it needs once.

    Jobs go to an executor a few at a time (up to MAX_CHUNK a task): the brochure jobs of
    one material share its sections, which one task pickles once instead of once per job —
    for 300 brochures, 1.3 MB sent instead of 6.5 MB.
    """
    count = default_workers(len(jobs)) if workers is None else max(1, min(workers, len(jobs)))
    if executor is None and (count <= 1 or len(jobs) <= SERIAL_UP_TO):
        for index, job in enumerate(jobs):
            yield index, outcome_of(job)
        return
    if executor is not None:
        yield from _completed(executor, jobs, count)
        return
    formats = tuple(sorted({job.format for job in jobs}))
    looks = {(job.format, job.theme.folder, job.theme.fonts): job.theme for job in jobs}
    pool = ProcessPoolExecutor(
        count,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(formats, [(name, theme) for (name, _f, _t), theme in looks.items()]),
    )
    try:
        yield from _completed(pool, jobs, count)
    finally:  # also on Ctrl-C or when the caller stops early: queued jobs never start
        pool.shutdown(wait=True, cancel_futures=True)


def _completed(executor: Executor, jobs: Sequence[Job], workers: int) -> Iterator[tuple[int, Outcome]]:
    size = max(1, min(MAX_CHUNK, len(jobs) // (workers * CHUNKS_PER_WORKER)))
    starts: dict[Future, int] = {
        executor.submit(outcomes_of, jobs[start : start + size]): start for start in range(0, len(jobs), size)
    }
    for future in as_completed(starts):
        for offset, outcome in enumerate(future.result()):
            yield starts[future] + offset, outcome


def _context():
    """A start method that never forks this process while it runs threads: forkserver where
    the system has it, else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _start_worker(formats: Sequence[str], looks: Sequence[tuple[str, Theme]]) -> None:
    """A pool worker's start: Ctrl-C is the main process's to handle (it cancels what is
    queued and waits for the jobs running, which end within a second); the renderers the
    jobs need are loaded, and what they share warmed (a brochure's fonts), once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in formats:
        renderer(name)
    for name, theme in looks:
        warm = getattr(renderer(name), "warm", None)
        if warm is not None:
            warm(theme)
