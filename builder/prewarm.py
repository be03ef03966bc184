"""A renderer process started before the command line: it loads its library while the
sources are read, then renders the jobs it is handed.

Loading python-pptx or ReportLab takes longer than parsing the command line and reading a
source together; started first, in a forked child, that load no longer waits for them.
`handout build` starts one (see builder.launch) when the arguments leave no doubt that
something will be rendered; for decks and brochures on two cores it forks, at once, the
worker that loads the second library. The build then hands it the jobs (`take`,
`Prewarmed.send`, `Prewarmed.results`) and writes what comes back, exactly as it writes what
it renders itself. A build that fails before it has jobs (a source error) stops the child; a
command that never reaches the build (a usage error) leaves it to find the pipe closed when
this process ends, and it exits without a word.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from typing import Any

_started: Prewarmed | None = None


def start(formats: Sequence[str], workers: int | None = None) -> None:
    """Fork the renderer process, which loads the renderer of `formats[0]` and waits; with
    a second format and room for a second worker, that worker is forked at once too, to load
    the second renderer meanwhile."""
    global _started
    jobs_read, jobs_write = os.pipe()
    results_read, results_write = os.pipe()
    two = len(formats) > 1 and (workers or os.cpu_count() or 1) > 1
    helper_read, helper_write = os.pipe() if two else (None, None)  # the jobs, for that worker
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            for end in (jobs_write, results_read, helper_write):
                if end is not None:
                    os.close(end)
            _serve(formats, jobs_read, results_write, helper_read)  # ends the process itself
        finally:  # a bug (or Ctrl-C) before it could: never go on as a second command line
            os._exit(1)
    for end in (jobs_read, results_write, helper_read):
        if end is not None:
            os.close(end)
    _started = Prewarmed(pid, jobs_write, results_read, helper_write)


def take() -> Prewarmed | None:
    """The renderer process started for this build, once; None when there is none."""
    global _started
    started, _started = _started, None
    return started


class Prewarmed:
    """The parent's handle on the renderer process (see `start`)."""

    def __init__(self, pid: int, jobs: int, results: int, helper_jobs: int | None = None):
        self.pid: int | None = pid
        self.jobs: int | None = jobs
        self.results_fd: int | None = results
        self.helper_jobs = helper_jobs  # the early worker's copy of the jobs goes here
        self.jobs_sent = False
        self.sent_all = False
        self._results_stream = None

    def run(self, jobs: Sequence[Any], workers: int | None) -> Iterator[tuple[int, Any]]:
        """(job number, outcome) pairs as the renderer process sends them (see `results`)."""
        self.send(jobs, workers)
        yield from self.results(len(jobs))

    def send(self, jobs: Sequence[Any], workers: int | None) -> None:
        """Hand the renderer process its jobs (as runner.shipped makes them), to be spread
        over `workers` processes."""
        import pickle

        from builder.forking import write_in_background
        from builder.runner import shipped

        assert self.jobs is not None, "the jobs are sent once"
        data = pickle.dumps((shipped(jobs), workers), protocol=pickle.HIGHEST_PROTOCOL)
        # Each from a thread: a process still loading its library reads them only then, and
        # the jobs fill more than a pipe holds; neither should wait for the other.
        for end in (self.jobs, self.helper_jobs):
            if end is not None:
                write_in_background(end, data)
        self.jobs = self.helper_jobs = None
        self.jobs_sent = True

    def results(self, count: int) -> Iterator[tuple[int, Any]]:
        """(job number, outcome) pairs for the `count` jobs sent, as they come.

        Once the last pair is in, the process is left to end on its own while the caller
        writes the files (freeing its memory takes a few milliseconds); `close` then waits.
        """
        from builder.forking import WorkerFailed, receive_pairs

        assert self.results_fd is not None, "the results are read once"
        seen = 0
        with os.fdopen(self.results_fd, "rb") as stream:
            self.results_fd, self._results_stream = None, stream
            for index, outcome in receive_pairs(stream) if count else ():
                if index < 0:
                    self._wait()
                    raise WorkerFailed(outcome)
                seen += 1
                yield index, outcome
                if seen == count:
                    self.sent_all = True
                    return
        status = self._wait()
        if status or seen != count:
            raise WorkerFailed(
                f"the renderer process ended with status {status} after {seen} of {count} jobs"
            )

    def close(self) -> None:
        """Wait for the renderer process to end, once this side of its pipes is closed.

        A process that never got its jobs is stopped at once. One that did, but whose
        results were not all read (this process failed meanwhile), ends on its own when its
        next result finds the pipe closed: stopped from outside, it could die holding the
        lock of the shared job queues and leave its workers waiting for ever.
        """
        if self.pid is None:
            return
        for end in (self.jobs, self.results_fd, self.helper_jobs):
            if end is not None:
                os.close(end)
        self.jobs = self.results_fd = self.helper_jobs = None
        if self._results_stream is not None:
            self._results_stream.close()
        if not self.jobs_sent:
            import signal

            os.kill(self.pid, signal.SIGTERM)
        self._wait()

    def _wait(self) -> int:
        pid, self.pid = self.pid, None
        assert pid is not None
        return os.waitpid(pid, 0)[1]


def _serve(formats: Sequence[str], jobs_read: int, results_write: int, helper_read: int | None) -> None:
    from builder.forking import send_pairs

    def rendered() -> Iterator[tuple[int, Any]]:
        import pickle

        # Loading makes objects that all live to the end, so collecting while loading only
        # costs time (about 6% of it); they are frozen out of later collections instead.
        gc.disable()
        from builder.renderers import renderer
        from builder.runner import iter_jobs, start_helper, warm

        helper = None
        if helper_read is not None:  # it reads the jobs the command line sends it
            helper = start_helper(formats[1], helper_read, inherited=(jobs_read, results_write))
            os.close(helper_read)
        renderer(formats[0])
        with os.fdopen(jobs_read, "rb") as stream:
            try:
                jobs, workers = pickle.load(stream)
            except EOFError:  # the build ended before it had anything to render
                if helper is not None:
                    helper.dismiss()
                return
        warm(jobs, formats[0])
        gc.freeze()
        gc.enable()
        yield from iter_jobs(jobs, workers=workers, helper=helper)

    send_pairs(rendered(), results_write)
