"""Times what the web pages and their PDF/UA twins add to a full build of the bundled plan.

Run from the repository root: `python bench/bench_formats.py [--runs N]`. Two copies of the
bundled plan differ only in `outputs:` — [pptx, pdf] and [pptx, pdf, html, pdf-ua] — and are
built alternately with `handout build --force --no-thumbnails` (every file made each time,
no report pictures), so that machine noise hits both alike. The figure is the median of the
build with the new formats over the median of the build without, and beside it the median
of each pair's own ratio. It is a measurement to quote, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import environment, median, ratios

ROOT = Path(__file__).resolve().parent.parent
PLANS = {"without": "[pptx, pdf]", "with": "[pptx, pdf, html, pdf-ua]"}


def project(folder: Path, outputs: str) -> Path:
    """A folder whose handout.yaml is the bundled plan with these outputs."""
    folder.mkdir()
    plan = (ROOT / "handout.yaml").read_text(encoding="utf-8")
    lines = [
        f"outputs: {outputs}" if line.startswith("outputs:") else line
        for line in plan.replace("sources: sources", f"sources: {ROOT / 'sources'}").splitlines()
    ]
    (folder / "handout.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def timed(folder: Path, env: dict[str, str]) -> float:
    command = [sys.executable, "-m", "builder", "build", "--force", "--no-thumbnails", "--out", "output"]
    start = time.perf_counter()
    subprocess.run(
        command, cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each build")
    args = parser.parse_args()
    env = {**environment(), "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as scratch:
        folders = {name: project(Path(scratch) / name, outputs) for name, outputs in PLANS.items()}
        for folder in folders.values():
            timed(folder, env)  # warm-up: caches, and the first build's files
        times: dict[str, list[float]] = {name: [] for name in PLANS}
        for _ in range(args.runs):
            for name, folder in folders.items():
                times[name].append(timed(folder, env))
        counts = {
            name: sum(1 for p in (folder / "output").rglob("*") if p.is_file())
            for name, folder in folders.items()
        }
    print(f"runs: {args.runs} of each full plan build (--force --no-thumbnails), alternating")
    for name, outputs in PLANS.items():
        print(
            f"{name:7s} outputs: {outputs:28s} median {median(times[name]):5.2f} s"
            f" (min {min(times[name]):5.2f}) | {counts[name]} files"
        )
    print(f"with the web pages and twins / without: {ratios(times['with'], times['without'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
