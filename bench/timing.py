"""Shared by the benchmark scripts: time commands alternately, with bytecode caching on."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def handout(*args: str) -> list[str]:
    """The command line running `handout` with `args` under this Python, from the source tree."""
    return [sys.executable, "-m", "builder", *args]


def environment(bytecode_cache: bool = True) -> dict[str, str]:
    """The environment for timed commands: bytecode cached, as for an installed tool."""
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds one run of `command` takes, run from the repository root."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def alternate(first: list[str], second: list[str], runs: int, env: dict[str, str]):
    """Both commands run in turn `runs` times after a warm-up: (first's times, second's times)."""
    timed(first, env), timed(second, env)
    a, b = [], []
    for _ in range(runs):
        a.append(timed(first, env))
        b.append(timed(second, env))
    return a, b


def median(values: list[float]) -> float:
    return statistics.median(values)


def paired_ratio(first: list[float], second: list[float]) -> float:
    """The median of each alternation's own ratio: a burst of machine noise slows both runs
    of a pair alike, so it cancels here where it would not between two medians."""
    return statistics.median(a / b for a, b in zip(first, second))


def ratios(first: list[float], second: list[float]) -> str:
    """How the bench scripts quote a comparison: the ratio of medians, then the paired ratio."""
    return f"ratio {median(first) / median(second):.2f}x, paired {paired_ratio(first, second):.2f}x"
