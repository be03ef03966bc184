"""Runs render jobs serially or on worker processes; the files are the same either way."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from builder.errors import SourceError
from builder.renderers import PLANNERS, RENDERERS, Rendered, RenderOptions, planner, renderer

if TYPE_CHECKING:  # the model is loaded by whoever reads or renders, not to start a build
    from concurrent.futures import Executor

    from builder.forking import Helper
    from builder.model import Material
    from builder.theme import Theme


@dataclass(frozen=True)
class Job:
    """One renderer's work on one material: the deck, or one condition's brochure.

    A job sent to another process may carry, instead of its material, what its renderer's
    planning step made of it (`prepared`; see `shipped`).
    """

    material: Material | None
    theme: Theme
    format: str
    conditions: tuple[str, ...] | None
    options: RenderOptions = RenderOptions()
    prepared: Any = None


SHIP_PLANS_UP_TO = 16  # jobs; see shipped()


def shipped(jobs: Sequence[Job]) -> list[Job]:
    """The jobs as a renderer process is sent them. When every one belongs to a renderer
    that plans apart from writing (builder.renderers.PLANNERS), and there are few, each is
    planned here, where the material was read, and carries its plan instead: the process
    that writes then never loads the content model, about 15 ms of its start. Many jobs
    go as they are: their plans, which repeat each material's shared sections, cost more
    to make here and to send than that load, and the renderer processes plan them in
    parallel."""
    if len(jobs) > SHIP_PLANS_UP_TO or any(job.format not in PLANNERS for job in jobs):
        return list(jobs)
    return [
        replace(
            job,
            material=None,
            prepared=planner(job.format).prepare(job.material, job.theme, job.conditions, job.options),
        )
        for job in jobs
    ]


def plan_jobs(
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
            if name == "pdf":  # a brochure job carries only its own condition: less to send
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
    """What one job made (a module-level function, so workers can run it)."""
    if job.prepared is not None:
        return renderer(job.format).render_planned(job.prepared, job.theme, job.options)
    return renderer(job.format).render(job.material, job.theme, job.conditions, job.options)


def warm(jobs: Sequence[Job], name: str) -> None:
    """Load once, in this process, what the jobs of renderer `name` share (a brochure's fonts),
    so that workers forked from it inherit it instead of each loading it."""
    load = getattr(renderer(name), "warm", None)
    if load is not None:
        for theme in {id(job.theme): job.theme for job in jobs if job.format == name}.values():
            load(theme)


def default_workers(job_count: int) -> int:
    """As many workers as cores, never more than jobs."""
    return max(1, min(os.cpu_count() or 1, job_count))


def parallel(workers: int | None) -> bool:
    """Whether `workers` (None: one per core) means forking other processes here."""
    count = (os.cpu_count() or 1) if workers is None else workers
    return count > 1 and hasattr(os, "fork")


def iter_jobs(
    jobs: Sequence[Job],
    workers: int | None = None,
    executor: Executor | None = None,
    helper: Helper | None = None,
):
    """(job number, outcome) pairs as jobs finish, so each can be written away at once.

    Give `executor` to run on any concurrent.futures.Executor (a Dask or Ray one included);
    otherwise `workers` processes are forked, inheriting whatever renderers this process has
    already imported, or the jobs run here. A `helper` forked earlier to load another
    renderer (see start_helper) is the first of those workers.
    """
    if executor is None:
        count = default_workers(len(jobs)) if workers is None else max(1, workers)
        if count > 1 and hasattr(os, "fork"):
            from builder.forking import iter_shared

            loaded = {name for name, module in RENDERERS.items() if module in sys.modules}
            # This process renders first the jobs whose renderer it has loaded; the workers
            # begin with the others, so each library is imported by as few processes as can be.
            yield from iter_shared(
                jobs,
                count,
                _run_here,
                mine=lambda job: job.format in loaded,
                ready=_ready,
                steal_after=_steal_after,
                helper=helper,
            )
            return
        if helper is not None:
            helper.dismiss()
        try:
            for index, job in enumerate(jobs):
                yield index, _run_here(job)
        finally:
            gc.unfreeze()  # see _run_here
        return
    if helper is not None:  # the executor's workers do the work
        helper.dismiss()
    futures = [executor.submit(render_job, job) for job in jobs]
    for index, future in enumerate(futures):
        yield index, _outcome(future)


def start_helper(name: str, jobs_from: int, inherited: Sequence[int] = ()) -> Helper:
    """Fork a worker that loads renderer `name` now, while this process loads another, then
    reads (jobs, workers) from the file descriptor `jobs_from` and warms; hand it to
    iter_jobs with the same jobs."""
    from builder.forking import fork_helper

    return fork_helper(
        load=lambda: renderer(name),
        jobs_from=jobs_from,
        warm=lambda jobs: warm(jobs, name),
        run=_run_here,
        ready=_ready,
        steal_after=_steal_after,
        inherited=inherited,
    )


def _ready(job: Job) -> bool:
    return RENDERERS[job.format] in sys.modules


def _steal_after(job: Job) -> int:
    """How many of a renderer's jobs must be left for a process that has not loaded it to
    load it and help: loading python-pptx takes about two decks' time, ReportLab about six
    brochures' (twice that, to be sure the load pays for itself)."""
    return WORTH_A_LOAD.get(job.format, 4)


WORTH_A_LOAD = {"pptx": 4, "pdf": 12}  # jobs left, by renderer (see _steal_after)


def _outcome(future) -> Rendered | SourceError:
    try:
        return future.result()
    except SourceError as error:
        return error


COLLECT_EVERY = 16  # jobs between two full collections in one process


def _run_here(job: Job) -> Rendered | SourceError:
    """A job's outcome; every COLLECT_EVERY jobs, a full collection.

    ReportLab leaves each document in reference cycles, its font subsets and page streams
    included, which Python's collector reaches only now and then: left to it, a process's
    memory grew with the number of brochures it made. A full collection costs a few
    milliseconds once what survives it is frozen (it is all alive: the renderer's modules,
    fonts and caches), so it comes every few jobs; whoever runs the jobs unfreezes at the end.
    """
    global _jobs_since_collection
    try:
        return render_job(job)
    except SourceError as error:
        return error
    finally:
        _jobs_since_collection += 1
        if _jobs_since_collection >= COLLECT_EVERY:
            _jobs_since_collection = 0
            gc.collect()
            gc.freeze()


_jobs_since_collection = 0
