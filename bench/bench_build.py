"""Times `handout build` of the bundled material against the import floor of its libraries.

Run from the repository root: `python bench/bench_build.py [--runs N]`. The two commands run
alternately (build, floor, build, floor, …) so that machine noise hits both alike; the
figure is the median build time over the median floor time. It is a measurement to quote,
not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "import pptx, reportlab.platypus, jinja2, click, yaml"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="repetitions of each command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        build = [sys.executable, "-m", "builder", "build", "--out", out]
        floor = [sys.executable, "-c", FLOOR]
        timed(build), timed(floor)  # warm the file cache
        builds, floors = [], []
        for _ in range(args.runs):
            builds.append(timed(build))
            floors.append(timed(floor))
    build_median, floor_median = statistics.median(builds), statistics.median(floors)
    print(f"runs:              {args.runs} each, alternating")
    print(f"handout build:     median {build_median * 1000:.0f} ms (min {min(builds) * 1000:.0f})")
    print(f"import floor:      median {floor_median * 1000:.0f} ms (min {min(floors) * 1000:.0f})  [{FLOOR}]")
    print(f"ratio build/floor: {build_median / floor_median:.2f}x  (target for now: <= 1.8x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
