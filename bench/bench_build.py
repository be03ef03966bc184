"""Times `handout build` of the bundled material against the import floor of its libraries.

Run from the repository root: `python bench/bench_build.py [--runs N]`. The two commands run
alternately (build, floor, build, floor, …) so that machine noise hits both alike; the
figure is the median build time over the median floor time. It is a measurement to quote,
not a test: nothing here asserts a time.

Python's bytecode cache is on for both commands, as it is for an installed tool: where the
environment sets PYTHONDONTWRITEBYTECODE, the project's own modules would be compiled from
source on every run while the libraries' cached bytecode came with their wheels.
`--no-bytecode-cache` measures that case instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "import pptx, reportlab.platypus, jinja2, click, yaml"


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="repetitions of each command")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="compile the project's modules on every run")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.no_bytecode_cache:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as out:
        build = [sys.executable, "-m", "builder", "build", "--out", out]
        floor = [sys.executable, "-c", FLOOR]
        timed(build, env), timed(floor, env)  # warm the file and bytecode caches
        builds, floors = [], []
        for _ in range(args.runs):
            builds.append(timed(build, env))
            floors.append(timed(floor, env))
    build_median, floor_median = statistics.median(builds), statistics.median(floors)
    cache = "off (PYTHONDONTWRITEBYTECODE=1)" if args.no_bytecode_cache else "on"
    print(f"runs:              {args.runs} each, alternating; bytecode cache {cache}")
    print(f"handout build:     median {build_median * 1000:.0f} ms (min {min(builds) * 1000:.0f})")
    print(f"import floor:      median {floor_median * 1000:.0f} ms (min {min(floors) * 1000:.0f})  [{FLOOR}]")
    print(f"ratio build/floor: {build_median / floor_median:.2f}x  (target for now: <= 1.8x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
