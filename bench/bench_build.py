"""Times `handout build` of the bundled material against the import floor of its libraries.

Run from the repository root: `python bench/bench_build.py [--runs N]`. Each comparison runs
its two commands alternately (build, floor, build, floor, …) so that machine noise hits both
alike; the figure is the median build time over the median floor time, and beside it the
median of each pair's own ratio, which a burst of noise spoiling both runs of a pair leaves
alone. It is a measurement to quote, not a test: nothing here asserts a time.

Comparisons (target in brackets):
  full      `handout build sources/msc-chronic-pain.yaml` (deck and three brochures)
                                          vs  import of all its libraries        [1.8x]
  deck      the same with `--format pptx`   vs  `import pptx`                      [1.6x]

The bundled material is named, so the build is the material itself, not the network plan
(bench/bench_batch.py times that).

Python's bytecode cache is on for both commands, as it is for an installed tool: where the
environment sets PYTHONDONTWRITEBYTECODE, the project's own modules would be compiled from
source on every run while the libraries' cached bytecode came with their wheels.
`--no-bytecode-cache` measures that case instead.
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from timing import alternate, environment, handout, median, ratios

COMPARISONS = {
    "full": ([], "import pptx, reportlab.platypus, jinja2, click, yaml", 1.8),
    "deck": (["--format", "pptx"], "import pptx", 1.6),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="repetitions of each command")
    parser.add_argument(
        "--only", action="append", choices=list(COMPARISONS), help="run only this comparison (repeatable)"
    )
    parser.add_argument(
        "--no-bytecode-cache", action="store_true", help="compile the project's modules on every run"
    )
    args = parser.parse_args()
    env = environment(bytecode_cache=not args.no_bytecode_cache)
    cache = "off (PYTHONDONTWRITEBYTECODE=1)" if args.no_bytecode_cache else "on"
    print(f"runs: {args.runs} of each command, alternating; bytecode cache {cache}")
    for name in args.only or list(COMPARISONS):
        extra, floor_code, target = COMPARISONS[name]
        with tempfile.TemporaryDirectory() as out:
            build = handout("build", "sources/msc-chronic-pain.yaml", "--out", out, *extra)
            floor = [sys.executable, "-c", floor_code]
            builds, floors = alternate(build, floor, args.runs, env)
        build_median, floor_median = median(builds), median(floors)
        print(
            f"{name:5s} build median {build_median * 1000:4.0f} ms (min {min(builds) * 1000:4.0f})"
            f" | floor median {floor_median * 1000:4.0f} ms (min {min(floors) * 1000:4.0f}) [{floor_code}]"
            f" | {ratios(builds, floors)}"
            f" (target <= {target}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
