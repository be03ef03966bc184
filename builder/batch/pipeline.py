"""The one build loop: run the jobs, write each file as it comes, by a write policy.

A network build writes every file at once and keeps failures apart (`AS_THEY_COME`); a build of
named sources stages its files and renames them into place only when every job succeeded
(`ALL_OR_NOTHING`). Either way each file is written under a temporary name and renamed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from builder.errors import Problem, SourceError
from builder.output import Staging, write_atomic

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from builder.render.jobs import Job


@dataclass(frozen=True)
class Variant:
    """One material for one clinic in one language, and where its files go (a build of
    named sources has one per material, for no clinic)."""

    clinic: str
    language: str
    material: str  # the source material's id (the same for its translations)
    folder: Path


@dataclass
class Written:
    """What the loop wrote, and what its jobs reported, in job order."""

    files: list[tuple[Variant, Path]] = field(default_factory=list)
    made: dict[Variant, list[Path]] = field(default_factory=dict)
    failures: list[tuple[Variant, Problem]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    by_job: dict[int, list[Path]] = field(default_factory=dict)  # job number -> its files
    failed_jobs: set[int] = field(default_factory=set)

    @property
    def failed(self) -> set[Variant]:
        return {variant for variant, _problem in self.failures}


AS_THEY_COME = "as they come"
ALL_OR_NOTHING = "all or nothing"


def run_and_write(
    jobs: Sequence[Job],
    owners: Sequence[Variant],
    policy: str,
    workers: int | None = None,
    executor: Executor | None = None,
    progress: Callable[[str], None] = lambda message: None,
    on_job: Callable[[int, int], None] = lambda done, total: None,
) -> Written:
    """Run `jobs` (job i belongs to `owners[i]`) and write their files by `policy`."""
    if not jobs:
        return Written()  # a rebuild with nothing to do loads no job machinery
    from builder.render.jobs import run_jobs

    staging = Staging() if policy == ALL_OR_NOTHING else None
    arrived: list[tuple[int, Variant, Path]] = []
    said: list[tuple[int, list[tuple[Variant, Problem]], tuple[str, ...]]] = []
    failed_jobs: set[int] = set()
    try:
        for done, (index, outcome) in enumerate(run_jobs(jobs, workers, executor), 1):
            on_job(done, len(jobs))
            variant = owners[index]
            if isinstance(outcome, SourceError):
                said.append((index, [(variant, problem) for problem in outcome.problems], ()))
                failed_jobs.add(index)
                continue
            said.append((index, [], outcome.notes))
            if staging is not None and any(problems for _i, problems, _n in said):
                continue  # nothing will be renamed into place: stop staging
            for name, data in outcome.files.items():
                path = variant.folder / name
                if staging is None:
                    write_atomic(path, data)
                    progress(f"wrote {path}")
                else:
                    staging.add(path, data, order=index)
                arrived.append((index, variant, path))
        written = Written(failed_jobs=failed_jobs)
        for _index, problems, notes in sorted(said, key=lambda entry: entry[0]):  # job order, not
            written.failures.extend(problems)  # the order parallel workers happened to finish in
            written.notes.extend(note for note in notes if note not in written.notes)
        if staging is not None and not written.failures:
            staging.commit()
        if staging is None or not written.failures:
            for index, variant, path in sorted(arrived, key=lambda entry: entry[0]):
                written.files.append((variant, path))
                written.made.setdefault(variant, []).append(path)
                written.by_job.setdefault(index, []).append(path)
        return written
    finally:
        if staging is not None:
            staging.discard()
