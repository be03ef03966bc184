"""Work done by forked children comes back complete and in order; user errors come back as
themselves and bugs are not swallowed."""

from __future__ import annotations

import os

import pytest

from builder.errors import SourceError
from builder.forking import WorkerFailed, aside, iter_shared, run_shared
from builder.location import Location

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")


def square_with_pid(job: int) -> tuple[int, int]:
    return job * job, os.getpid()


def test_every_result_comes_back_in_job_order():
    results = run_shared(list(range(200)), 2, square_with_pid)
    assert [value for value, _pid in results] == [n * n for n in range(200)]


def test_the_work_is_shared_between_processes():
    def slow(job: int) -> int:
        import time

        time.sleep(0.002)
        return os.getpid()

    pids = set(run_shared(list(range(100)), 2, slow))
    assert len(pids) == 2


def test_three_processes_racing_for_both_queues_take_each_job_exactly_once():
    def slow_square(job: int) -> tuple[int, int]:
        import time

        time.sleep(0.0005)
        return square_with_pid(job)

    taken = list(iter_shared(list(range(600)), 3, slow_square, mine=lambda job: job % 2 == 0))
    numbers = sorted(index for index, _result in taken)
    assert numbers == list(range(600)), "a job taken twice, or lost, under the shared lock"
    assert len({pid for _index, (_value, pid) in taken}) == 3


def test_a_bug_in_a_worker_is_reported_with_its_traceback():
    parent = os.getpid()

    def breaks_in_the_child(job: int) -> int:
        if os.getpid() != parent:
            raise ZeroDivisionError("only in the worker")
        import time

        time.sleep(0.002)
        return job

    with pytest.raises(WorkerFailed, match="ZeroDivisionError: only in the worker"):
        run_shared(list(range(100)), 2, breaks_in_the_child)


def test_a_task_run_aside_happens_in_another_process_and_returns_its_value():
    pending = aside(lambda: ("read", os.getpid()))
    word, pid = pending.result()
    assert word == "read" and pid != os.getpid()


def test_a_user_error_raised_aside_comes_back_with_every_problem():
    def fails():
        raise SourceError.at(Location("a.yaml", 3, 5), "unknown key 'titel'")

    with pytest.raises(SourceError) as caught:
        aside(fails).result()
    assert caught.value.diagnostics() == ["a.yaml:3:5: error: unknown key 'titel'"]


def test_a_bug_aside_is_reported_with_its_traceback():
    def breaks():
        return 1 / 0

    with pytest.raises(WorkerFailed, match="ZeroDivisionError"):
        aside(breaks).result()


def test_this_process_starts_with_its_own_jobs_and_the_children_with_the_others():
    import time

    parent = os.getpid()

    def who(job: int) -> tuple[int, bool, float]:
        started = time.monotonic()
        time.sleep(0.003)
        return job, os.getpid() == parent, started

    done = run_shared(list(range(40)), 2, who, mine=lambda job: job < 20)
    first_here = min((started, job) for job, here, started in done if here)[1]
    first_there = min((started, job) for job, here, started in done if not here)[1]
    assert first_here == 0, "the parent begins with its own queue"
    assert first_there == 20, "the child begins with the others"


def test_a_process_leaves_the_last_few_jobs_it_is_not_ready_for_to_their_own_process():
    from builder.forking import STEAL_AFTER, _Queues

    few = _Queues(([0], list(range(1, STEAL_AFTER))), ready=lambda index: False).order(0)
    assert [few.next(), few.next()] == [0, None], "not worth loading a renderer for so few"
    many = _Queues(([0], list(range(1, STEAL_AFTER + 1))), ready=lambda index: False).order(0)
    assert [many.next(), many.next()] == [0, 1], "enough left to be worth it"
    ready = _Queues(([0], [1]), ready=lambda index: True).order(0)
    assert [ready.next(), ready.next(), ready.next()] == [0, 1, None], "ready: it helps"


def test_with_no_children_this_process_does_every_job_whatever_it_prefers():
    assert run_shared(
        list(range(5)), 1, lambda job: job * 2, mine=lambda job: False, ready=lambda job: False
    ) == [
        0,
        2,
        4,
        6,
        8,
    ]


def test_how_many_jobs_are_worth_a_load_can_differ_by_job():
    from builder.forking import _Queues

    threshold = {1: 2, 3: 10}  # job 1: cheap to load for; job 3: dear
    cheap = _Queues(([0], [1, 2]), lambda index: False, lambda index: threshold.get(index, 4)).order(0)
    assert [cheap.next(), cheap.next()] == [0, 1], "two left, and two are worth it"
    dear = _Queues(([0], [3, 4, 5]), lambda index: False, lambda index: threshold.get(index, 4)).order(0)
    assert [dear.next(), dear.next()] == [0, None], "three left, ten needed"


def loaded_mark() -> None:
    os.environ["HELPER_LOADED"] = str(os.getpid())


def slowly(job: int) -> tuple[int, int, str | None]:
    import time

    time.sleep(0.002)
    return job, os.getpid(), os.environ.get("HELPER_LOADED")


def helper_with_jobs(jobs, **given):
    """A helper forked before the jobs, then sent them as the command line would."""
    import pickle

    from builder.forking import fork_helper, write_in_background

    jobs_read, jobs_write = os.pipe()
    arguments = {"load": lambda: None, "warm": lambda jobs: None, "run": slowly, "ready": lambda job: True}
    helper = fork_helper(jobs_from=jobs_read, **{**arguments, **given})
    os.close(jobs_read)
    if jobs is not None:
        write_in_background(jobs_write, pickle.dumps((jobs, None)))
    else:
        os.close(jobs_write)  # the build ended before it had jobs
    return helper


def test_a_helper_forked_before_the_jobs_loads_first_then_takes_the_others_jobs():
    jobs = list(range(40))
    helper = helper_with_jobs(jobs, load=loaded_mark)
    taken = list(iter_shared(jobs, 2, slowly, mine=lambda job: job < 20, helper=helper))
    assert sorted(index for index, _result in taken) == jobs, "each job done exactly once"
    by_helper = [result for _index, result in taken if result[1] == helper.pid]
    assert by_helper and all(loaded == str(helper.pid) for _job, _pid, loaded in by_helper)
    assert min(job for job, _pid, _loaded in by_helper) == 20, "it begins with the others' jobs"
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)  # waited for: no process left behind


def test_a_helper_warms_with_the_jobs_before_it_knows_which_are_its_own():
    import time

    jobs = list(range(6))
    warmed_at = os.pipe()

    def warm(given):
        os.write(warmed_at[1], f"{len(given)}".encode())

    helper = helper_with_jobs(jobs, warm=warm)
    assert os.read(warmed_at[0], 16) == b"6", "warmed with every job, before any queue was sent"
    time.sleep(0.01)
    taken = list(iter_shared(jobs, 2, slowly, mine=lambda job: job < 3, helper=helper))
    assert sorted(index for index, _result in taken) == jobs


def test_a_bug_while_a_helper_loads_is_reported_with_its_traceback():
    def breaks() -> None:
        raise ZeroDivisionError("while loading")

    helper = helper_with_jobs(list(range(10)), load=breaks)
    with pytest.raises(WorkerFailed, match="ZeroDivisionError: while loading"):
        list(iter_shared(list(range(10)), 2, lambda job: job, helper=helper))


@pytest.mark.parametrize("jobs", [[1, 2], None], ids=["jobs sent", "no jobs ever"])
def test_a_helper_with_nothing_to_do_is_dismissed_and_gone(jobs):
    helper = helper_with_jobs(jobs)
    helper.dismiss()
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)
