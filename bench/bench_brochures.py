"""Times the brochures: three against the import of ReportLab, and 300 against bare ReportLab.

Run from the repository root: `python bench/bench_brochures.py [--runs N]`. Commands run
alternately so machine noise hits both sides alike; figures are medians. Nothing is asserted.

  three      `handout build --format pdf` (three tri-folds) vs `import reportlab.platypus` [<= 1.6x]
  rate -j 1  300 tri-folds from one source in one process   vs  bench/floor_trifold.py    [>= 0.8x]
  rate -j 2  the same with two workers                      vs  the floor with two workers [>= 0.85x]
  rate -j 1 unique text   as -j 1, no condition sentence repeated  vs  the floor       [for reference]

The three conditions repeat, so in one process a brochure reuses the line breaks of the
text it shares with earlier ones, as brochures of a network build do (the shared sections
in every brochure; a condition's text in every clinic's copy). The unique-text line shows
what is left when only the shared sections repeat.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml
from timing import ROOT, alternate, environment, handout, median, ratios

SAMPLE = ROOT / "sources" / "msc-chronic-pain.yaml"
COUNT = 300


def many_conditions(folder: Path, count: int, unique: bool = False) -> Path:
    """A copy of the sample whose three conditions repeat until there are `count`.

    With `unique`, every handout sentence of each copy is marked by its number (see _marked),
    so condition text seldom repeats between brochures (the shared sections still do, as in
    a network).
    """
    source = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    originals = source["conditions"]
    conditions = []
    for index in range(count):
        condition = yaml.safe_load(yaml.safe_dump(originals[index % len(originals)]))
        condition["id"] = f"{condition['id']}-{index}"
        for section in condition["sections"]:
            section["id"] = f"{section['id']}-{index}"
            if unique:
                _number_sentences(section, index)
        conditions.append(condition)
    source["conditions"] = conditions
    path = folder / ("many-unique.yaml" if unique else "many.yaml")
    path.write_text(yaml.safe_dump(source, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _marked(text: str, index: int) -> str:
    """`text` with one space, chosen by the copy's number, made a no-break space: copies
    rarely share a sentence, and the length stays the same, so the brochure still fits."""
    spaces = [n for n, char in enumerate(text) if char == " "]
    if not spaces:
        return text
    at = spaces[index % len(spaces)]
    return text[:at] + "\u00a0" + text[at + 1 :]


def _number_sentences(value, index: int) -> None:
    """Mark every handout and paragraph text under `value` with the copy's number."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("handout", "paragraph") and isinstance(item, str):
                value[key] = _marked(item, index)
            else:
                _number_sentences(item, index)
    elif isinstance(value, list):
        for item in value:
            _number_sentences(item, index)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="repetitions for the three-brochure figure")
    parser.add_argument(
        "--rate-runs", type=int, default=3, help="repetitions for the 300-brochure figures (0: skip them)"
    )
    args = parser.parse_args()
    env = environment()
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        builds, floors = alternate(
            handout("build", str(SAMPLE), "--format", "pdf", "--out", str(scratch_path / "three")),
            [python, "-c", "import reportlab.platypus"],
            args.runs,
            env,
        )
        ours, floor = median(builds), median(floors)
        print(
            f"three  build {ours * 1000:.0f} ms | import reportlab.platypus {floor * 1000:.0f} ms"
            f" | {ratios(builds, floors)} (target <= 1.6x)"
        )
        if args.rate_runs <= 0:
            return 0
        repeated = many_conditions(scratch_path, COUNT)
        unique = many_conditions(scratch_path, COUNT, unique=True)
        for jobs, source, label in ((1, repeated, ""), (2, repeated, ""), (1, unique, " unique text")):
            out_ours = scratch_path / f"ours-{jobs}-{source.stem}"
            out_floor = scratch_path / f"floor-{jobs}-{source.stem}"
            out_floor.mkdir()
            ours, floor = map(
                median,
                alternate(
                    handout("build", str(source), "--format", "pdf", "-j", str(jobs), "--out", str(out_ours)),
                    [
                        python,
                        str(ROOT / "bench" / "floor_trifold.py"),
                        "--count",
                        str(COUNT),
                        "--jobs",
                        str(jobs),
                        "--out",
                        str(out_floor),
                    ],
                    args.rate_runs,
                    env,
                ),
            )
            print(
                f"rate -j {jobs}{label}  ours {COUNT / ours:.1f} brochures/s ({ours:.2f} s)"
                f" | floor {COUNT / floor:.1f} brochures/s ({floor:.2f} s)"
                f" | ours/floor {floor / ours:.2f}x (target >= {0.85 if jobs == 2 else 0.8}x)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
