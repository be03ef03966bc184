"""Times the plan build: a no-op rebuild, one worker against two, and memory against batch size.

Run from the repository root: `python bench/bench_batch.py`. Figures are medians of
alternating runs, measured in one run of this script; nothing is asserted.

  no-op    `handout build` with nothing changed   vs  `import click, yaml`            [<= 1.5x]
  -j 2     the whole plan, forced, two workers     vs  the same with one worker        [<= 0.6x]
           (and, for scale, the same ratio for bench/floor_trifold.py: work with no serial part)
  memory   peak memory building 300 brochures      vs  building 30                      [<= 1.2x]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_brochures import many_conditions
from timing import ROOT, alternate, environment, handout, median, ratios

PEAK = """
import resource, sys
from builder.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print("PEAK_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def peak_kb(args: list[str], env: dict[str, str]) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return int(done.stderr.rsplit("PEAK_KB", 1)[1].split()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--plan-runs", type=int, default=3)
    args = parser.parse_args()
    env = environment()
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        subprocess.run(
            handout("build", "--out", str(out), "--no-thumbnails"),
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        noops, floors = alternate(
            handout("build", "--out", str(out), "--no-thumbnails"),
            [python, "-c", "import click, yaml"],
            args.runs,
            env,
        )
        noop, floor = median(noops), median(floors)
        print(
            f"no-op  rebuild {noop * 1000:.0f} ms | import click, yaml {floor * 1000:.0f} ms"
            f" | {ratios(noops, floors)} (target <= 1.5x)"
        )
        twos, ones = alternate(
            handout("build", "--out", str(out), "--force", "--no-thumbnails", "-j", "2"),
            handout("build", "--out", str(out), "--force", "--no-thumbnails", "-j", "1"),
            args.plan_runs,
            env,
        )
        two, one = median(twos), median(ones)
        print(f"-j 2   whole plan {two:.2f} s | -j 1 {one:.2f} s | {ratios(twos, ones)} (target <= 0.6x)")
        floor_out = Path(scratch) / "floor"
        floor_out.mkdir()
        floor = [python, str(ROOT / "bench" / "floor_trifold.py"), "--count", "100", "--out", str(floor_out)]
        floor_two, floor_one = map(
            median, alternate([*floor, "--jobs", "2"], [*floor, "--jobs", "1"], args.plan_runs, env)
        )
        print(
            f"         this machine's own scaling: 100 bare ReportLab tri-folds, -j 2 {floor_two:.2f} s"
            f" | -j 1 {floor_one:.2f} s | ratio {floor_two / floor_one:.2f}x (the best a build could do)"
        )
        small = many_conditions(Path(scratch), 30).rename(Path(scratch) / "small.yaml")
        large = many_conditions(Path(scratch), 300)
        common = ["build", "--format", "pdf", "-j", "1", "--out"]
        small_kb = peak_kb([*common, str(Path(scratch) / "m30"), str(small)], env)
        large_kb = peak_kb([*common, str(Path(scratch) / "m300"), str(large)], env)
        print(
            f"memory 300 brochures {large_kb / 1024:.0f} MB | 30 brochures {small_kb / 1024:.0f} MB"
            f" | ratio {large_kb / small_kb:.2f}x (target <= 1.2x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
