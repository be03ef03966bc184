"""Shares work with forked children: a list of jobs, or one task run aside while this process
goes on.

Each process takes the next job number from two shared queues (this process's preferred
jobs and the children's), so a slow job (a deck) and many quick ones (brochures) balance
themselves. Children inherit the jobs when they are forked, send back only (number, result)
pairs through a pipe, and exit; a thread per child drains its pipe so that a child never
waits on a full pipe while this process renders. A helper (`fork_helper`) is a child forked
before the jobs exist, to load a library meanwhile; it reads the jobs from a pipe instead.

`aside` runs one task (reading the sources) in a child while this process does something
else (importing the renderers); the child sends back its result or the user's error.
"""

from __future__ import annotations

import collections
import gc
import os
import pickle
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NoReturn

from builder.errors import HandoutError


class WorkerFailed(RuntimeError):
    """A forked worker stopped on a bug; the message holds its traceback."""


def aside(task: Callable[[], Any]) -> "Aside":
    """Start task() in a forked child; `.result()` waits for what it returned or raised.

    Only the project's own errors (HandoutError) come back as themselves; anything else is a
    bug and comes back as WorkerFailed with the child's traceback.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(reader)
        code = 0
        try:
            with os.fdopen(writer, "wb") as out:
                try:
                    outcome = ("value", task())
                except HandoutError as error:
                    outcome = ("error", error)
                except BaseException:
                    import traceback

                    outcome, code = ("bug", traceback.format_exc()), 1
                pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(code)
    os.close(writer)
    return Aside(pid, reader)


class Aside:
    """A task running in a forked child (see `aside`)."""

    def __init__(self, pid: int, reader: int):
        self.pid, self.reader = pid, reader

    def result(self) -> Any:
        with os.fdopen(self.reader, "rb") as stream:
            data = stream.read()
        _pid, status = os.waitpid(self.pid, 0)
        if not data:
            raise WorkerFailed(f"the reading process {self.pid} ended with status {status} and sent nothing")
        kind, value = pickle.loads(data)
        if kind == "error":
            raise value
        if kind == "bug":
            raise WorkerFailed(value)
        return value


STEAL_AFTER = 4  # jobs left in the other queue before one not ready here is worth a load


def run_shared(
    jobs: Sequence[Any],
    count: int,
    run: Callable[[Any], Any],
    mine: Callable[[Any], bool] = lambda job: True,
    ready: Callable[[Any], bool] = lambda job: True,
) -> list[Any]:
    """run(job) for every job, shared between this process and count - 1 forked children."""
    results = dict(iter_shared(jobs, count, run, mine, ready))
    return [results[index] for index in range(len(jobs))]


def iter_shared(
    jobs: Sequence[Any],
    count: int,
    run: Callable[[Any], Any],
    mine: Callable[[Any], bool] = lambda job: True,
    ready: Callable[[Any], bool] = lambda job: True,
    steal_after: Callable[[Any], int] = lambda job: STEAL_AFTER,
    helper: Helper | None = None,
):
    """(job number, result) pairs: this process's own as they are made, the children's as
    they arrive between them (and any left at the end).

    This process takes first the jobs for which mine(job) is true, the children the others
    (say, the jobs whose renderer this process has loaded, and the rest, which a child then
    loads once). A process out of its own jobs helps with the others' when it is ready(job)
    for them, or when at least steal_after(job) are left, enough to be worth loading what
    they need. A `helper` (see fork_helper), forked earlier, is the first of the count - 1
    children. Nothing is kept here, so a caller that writes each result away holds little
    memory.
    """
    queues: tuple[list[int], list[int]] = ([], [])  # (this process's first, the children's first)
    for index, job in enumerate(jobs):
        queues[0 if count <= 1 or mine(job) else 1].append(index)  # no children: all are mine
    shared = helper.shared if helper is not None else _Queues()
    shared.fill(queues, lambda index: ready(jobs[index]), lambda index: steal_after(jobs[index]))
    try:
        gc.freeze()  # keep the collector from touching, and so copying, the shared pages
        children = []
        try:
            if helper is not None:
                children.append((helper.pid, helper.hand_over(queues)))
            for _ in range(count - 1 - len(children)):
                reader, writer = os.pipe()
                pid = os.fork()
                if pid == 0:  # the child: never returns
                    os.close(reader)
                    _child(jobs, shared, run, writer)
                os.close(writer)
                children.append((pid, _Drain(reader)))
            seen = 0
            failures: list[str] = []
            for pair in _take(jobs, shared.order(0), run):
                seen += 1
                yield pair
                for _pid, drain in children:  # what the children finished meanwhile, so the
                    for arrived in drain.arrived():  # caller writes it while work goes on
                        if arrived[0] < 0:
                            failures.append(arrived[1])
                        else:
                            seen += 1
                            yield arrived
        finally:
            gc.unfreeze()
        for pid, drain in children:
            for index, outcome in drain.until_closed():  # handed on as they come, and before
                if index < 0:  # the child's exit is waited for (freeing its memory takes ms)
                    failures.append(outcome)
                else:
                    seen += 1
                    yield index, outcome
            _pid, status = os.waitpid(pid, 0)
            if status and not failures:
                failures.append(f"worker {pid} ended with status {status}")
        if failures or seen != len(jobs):
            raise WorkerFailed("\n".join(failures) or "a worker stopped before finishing its jobs")
    finally:
        shared.close()  # the children hold their own copies of the lock


class _Queues:
    """Two queues of job numbers with shared read positions, safe across forked processes.

    The positions live in an anonymous shared mapping that forked children inherit; a pipe
    holding one byte is the lock (whoever has read the byte holds it). Both come from the
    standard library's small modules, where multiprocessing's shared array would cost a
    build a few milliseconds of imports before its first job.
    """

    def __init__(
        self,
        queues: tuple[list[int], list[int]] = ([], []),
        ready: Callable[[int], bool] = lambda index: True,
        steal_after: Callable[[int], int] = lambda index: STEAL_AFTER,
    ):
        import mmap

        self.fill(queues, ready, steal_after)
        self.positions = memoryview(mmap.mmap(-1, 16)).cast("q")  # two zeroed int64
        self.lock = os.pipe()
        os.write(self.lock[1], b".")

    def fill(
        self,
        queues: tuple[list[int], list[int]],
        ready: Callable[[int], bool],
        steal_after: Callable[[int], int],
    ) -> None:
        """The job numbers of each queue, and this process's view of them (every process
        sharing the positions fills the same queues)."""
        self.queues, self.ready, self.steal_after = queues, ready, steal_after

    def close(self) -> None:
        for end in self.lock:
            os.close(end)

    def order(self, first: int) -> "_Queues._Order":
        return _Queues._Order(self, (first, 1 - first))

    class _Order:
        def __init__(self, owner: "_Queues", order: tuple[int, int]):
            self.owner, self.order = owner, order

        def next(self) -> int | None:
            """The next job number: from the preferred queue while it lasts, then from the
            other (see iter_shared); None when there is nothing left worth taking."""
            owner, positions = self.owner, self.owner.positions
            os.read(owner.lock[0], 1)
            try:
                for turn, which in enumerate(self.order):
                    queue, at = owner.queues[which], positions[which]
                    if at >= len(queue):
                        continue
                    if turn and not owner.ready(queue[at]) and len(queue) - at < owner.steal_after(queue[at]):
                        return None  # the process these are meant for will be quicker
                    positions[which] = at + 1
                    return queue[at]
                return None
            finally:
                os.write(owner.lock[1], b".")


def _take(jobs: Sequence[Any], order: "_Queues._Order", run: Callable[[Any], Any]):
    while (index := order.next()) is not None:
        yield index, run(jobs[index])


def _child(jobs: Sequence[Any], shared: _Queues, run: Callable[[Any], Any], writer: int) -> None:
    send_pairs(_take(jobs, shared.order(1), run), writer)


def fork_helper(
    load: Callable[[], None],
    jobs_from: int,
    warm: Callable[[Sequence[Any]], None],
    run: Callable[[Any], Any],
    ready: Callable[[Any], bool],
    steal_after: Callable[[Any], int] = lambda job: STEAL_AFTER,
    inherited: Sequence[int] = (),
) -> Helper:
    """Fork a worker before the jobs are known, so that it runs load() (say, importing a
    second library) while this process does something else. It then reads the pickled
    (jobs, anything) that whoever holds the other end of `jobs_from` writes (the same jobs
    this process will share), runs warm(jobs), and waits for the queues that
    iter_shared(helper=…) hands it, to take its jobs like any child.

    `inherited`: this process's file descriptors the helper must not keep open (so that
    whoever reads them sees their end when this process ends). Once warm, the helper freezes
    what it has loaded out of the collector's way and turns the collector on.
    """
    shared = _Queues()
    queues_read, queues_write = os.pipe()
    results_read, results_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        for end in (queues_write, results_read, *inherited):
            os.close(end)

        def pairs() -> Iterator[tuple[int, Any]]:
            load()
            with os.fdopen(jobs_from, "rb") as stream:
                try:
                    jobs, _rest = pickle.load(stream)
                except EOFError:  # the build ended before it had jobs
                    return
            warm(jobs)
            gc.freeze()
            gc.enable()
            with os.fdopen(queues_read, "rb") as stream:
                try:
                    queues = pickle.load(stream)
                except EOFError:  # dismissed: there was nothing for it to do
                    return
            shared.fill(queues, lambda index: ready(jobs[index]), lambda index: steal_after(jobs[index]))
            yield from _take(jobs, shared.order(1), run)

        send_pairs(pairs(), results_write)
    os.close(queues_read)
    os.close(results_write)
    return Helper(pid, shared, queues_write, results_read)


class Helper:
    """A worker forked before its jobs were known (see fork_helper)."""

    def __init__(self, pid: int, shared: _Queues, queues: int, results: int):
        self.pid, self.shared, self.queues, self.results = pid, shared, queues, results

    def hand_over(self, queues: tuple[list[int], list[int]]) -> _Drain:
        """Tell the helper which jobs are whose; the drain that collects what it sends back."""
        write_in_background(self.queues, pickle.dumps(queues, protocol=pickle.HIGHEST_PROTOCOL))
        return _Drain(self.results)

    def dismiss(self) -> None:
        """End a helper that gets no jobs."""
        import signal

        for end in (self.queues, self.results):
            os.close(end)
        self.shared.close()
        os.kill(self.pid, signal.SIGTERM)
        os.waitpid(self.pid, 0)


def write_in_background(descriptor: int, data: bytes) -> None:
    """Write `data` to a pipe and close it, from a thread: whoever reads it may be busy, and
    more than a pipe holds would block this process meanwhile."""

    def write() -> None:
        try:
            with os.fdopen(descriptor, "wb") as out:
                out.write(data)
        except OSError:  # the reader ended first (dismissed, or the build stopped): no matter
            pass

    threading.Thread(target=write, daemon=True).start()


def send_pairs(pairs: Iterable[tuple[int, Any]], writer: int) -> NoReturn:
    """In a forked child: send each (job number, result) pair through the pipe as it is made,
    a bug as (-1, its traceback), then end the child. `receive_pairs` reads them."""
    code = 0
    try:
        with os.fdopen(writer, "wb") as out:
            try:
                for pair in pairs:
                    pickle.dump(pair, out, protocol=pickle.HIGHEST_PROTOCOL)
                    out.flush()
            except BaseException:  # a bug: report it rather than die silently
                import traceback

                pickle.dump((-1, traceback.format_exc()), out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 1
    finally:
        os._exit(code)


def receive_pairs(stream) -> Iterator[tuple[int, Any]]:
    """The pairs a child sends (see `send_pairs`) until it closes its end; one that arrives
    broken (the child died halfway through it) comes as (-1, what went wrong)."""
    while True:
        try:
            yield pickle.load(stream)
        except EOFError:
            return
        except Exception as error:
            yield -1, f"a worker's result arrived broken: {error!r}"
            return


class _Drain(threading.Thread):
    """Reads a child's pipe to the end, so the child never blocks on a full pipe, keeping each
    (number, result) pair until `arrived` hands it over."""

    def __init__(self, reader: int):
        super().__init__(daemon=True)
        self.reader = reader
        self.pairs: collections.deque = collections.deque()
        self.more = threading.Event()  # set when a pair arrives, and at the end
        self.closed = False
        self.start()

    def run(self) -> None:
        try:
            with os.fdopen(self.reader, "rb") as stream:
                for pair in receive_pairs(stream):
                    self.pairs.append(pair)
                    self.more.set()
        finally:
            self.closed = True
            self.more.set()

    def arrived(self):
        """The pairs received so far, each handed over once."""
        while self.pairs:
            yield self.pairs.popleft()

    def until_closed(self):
        """Every pair, each as soon as it arrives, until the child closes its pipe."""
        while True:
            self.more.wait()
            self.more.clear()
            closed = self.closed  # read before draining: a pair and the end may both be new
            yield from self.arrived()
            if closed:
                yield from self.arrived()
                return
