"""Shares work with forked children: a list of jobs, or one task run aside while this process
goes on.

Each process takes the next job number from a shared counter, so a slow job (a deck) and
many quick ones (brochures) balance themselves. Children inherit the jobs when they are
forked, send back only (number, result) pairs through a pipe, and exit; a thread per child
drains its pipe so that a child never waits on a full pipe while this process renders.

`aside` runs one task (reading the sources) in a child while this process does something
else (importing the renderers); the child sends back its result or the user's error.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any

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


def run_shared(jobs: Sequence[Any], count: int, run: Callable[[Any], Any]) -> list[Any]:
    """run(job) for every job, shared between this process and count - 1 forked children."""
    results = dict(iter_shared(jobs, count, run))
    return [results[index] for index in range(len(jobs))]


def iter_shared(jobs: Sequence[Any], count: int, run: Callable[[Any], Any]):
    """(job number, result) pairs: this process's own as they are made, the children's after.

    Nothing is kept here, so a caller that writes each result away holds little memory.
    """
    counter = multiprocessing.get_context("fork").Value("l", 0)
    gc.freeze()  # keep the collector from touching, and so copying, the shared pages
    children = []
    try:
        for _ in range(count - 1):
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                os.close(reader)
                _child(jobs, counter, run, writer)
            os.close(writer)
            children.append((pid, _Drain(reader)))
        seen = 0
        for pair in _take(jobs, counter, run):
            seen += 1
            yield pair
    finally:
        gc.unfreeze()
    failures = []
    for pid, drain in children:
        drain.join()
        _pid, status = os.waitpid(pid, 0)
        for index, outcome in drain.outcomes():
            if index < 0:
                failures.append(outcome)
            else:
                seen += 1
                yield index, outcome
        if status and not failures:
            failures.append(f"worker {pid} ended with status {status}")
    if failures or seen != len(jobs):
        raise WorkerFailed("\n".join(failures) or "a worker stopped before finishing its jobs")


def _take(jobs: Sequence[Any], counter, run: Callable[[Any], Any]):
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= len(jobs):
            return
        yield index, run(jobs[index])


def _child(jobs: Sequence[Any], counter, run: Callable[[Any], Any], writer: int) -> None:
    code = 0
    try:
        with os.fdopen(writer, "wb") as out:
            try:
                for pair in _take(jobs, counter, run):
                    pickle.dump(pair, out, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # a bug: report it rather than die silently
                pickle.dump((-1, traceback.format_exc()), out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 1
    finally:
        os._exit(code)


class _Drain(threading.Thread):
    """Reads a child's pipe to the end, so the child never blocks on a full pipe."""

    def __init__(self, reader: int):
        super().__init__(daemon=True)
        self.reader = reader
        self.data = io.BytesIO()
        self.start()

    def run(self) -> None:
        with os.fdopen(self.reader, "rb") as stream:
            while chunk := stream.read(1 << 16):
                self.data.write(chunk)

    def outcomes(self):
        self.data.seek(0)
        while True:
            try:
                yield pickle.load(self.data)
            except EOFError:
                return
