"""What a network build made and what failed, and build.json, its record for machines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from builder.batch.files import REPORT_FILE
from builder.batch.pipeline import Variant
from builder.errors import Problem


@dataclass
class BatchResult:
    """What the whole network build made, and what failed."""

    written: list[tuple[Variant, Path]] = field(default_factory=list)
    unchanged: list[tuple[Variant, Path]] = field(default_factory=list)
    failures: list[tuple[Variant | None, Problem]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # the reading scores of each clinic/language/material read this run: the whole text's, and
    # each part's (see builder.source.readability)
    scores: dict[str, dict] = field(default_factory=dict)
    # what each clinic/language/material's web pages are (see builder.batch.web_index)
    web_pages: dict[str, dict] = field(default_factory=dict)
    last_report: dict | None = field(default=None, repr=False)  # the build.json found, once read

    @property
    def ok(self) -> bool:
        return not self.failures


def variant_key(variant: Variant) -> str:
    """A clinic/language/material's key in the manifest and in build.json."""
    return f"{variant.clinic}/{variant.language}/{variant.material}"


def _previous(result: BatchResult, out: Path, part: str) -> dict[str, dict]:
    """What the last build.json in `out` recorded under `part` (nothing when it has none),
    read once per build."""
    if result.last_report is None:
        try:
            result.last_report = dict(json.loads((out / REPORT_FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            result.last_report = {}
    found = result.last_report.get(part, {})
    return dict(found) if isinstance(found, dict) else {}


def _live(found: dict[str, dict], result: BatchResult) -> dict[str, dict]:
    """`found` for the clinic/language/materials that have files, in order."""
    live = {variant_key(v) for pairs in (result.written, result.unchanged) for v, _p in pairs}
    return {key: value for key, value in sorted(found.items()) if key in live}


def all_scores(result: BatchResult, out: Path) -> dict[str, dict]:
    """The reading scores and pre-scores of every clinic/language/material with files: this
    run's, and for one not read this run (nothing changed), those the last build.json kept."""
    return _live({**_previous(result, out, "scores"), **result.scores}, result)


def all_web_pages(result: BatchResult, out: Path) -> dict[str, dict]:
    """What the web pages of every clinic/language/material with web pages are: this run's,
    and those the last build.json kept for the ones not read this run."""
    pages = _live({**_previous(result, out, "web_pages"), **result.web_pages}, result)
    with_pages = {
        variant_key(v)
        for pairs in (result.written, result.unchanged)
        for v, p in pairs
        if p.suffix == ".html"
    }
    return {key: value for key, value in pages.items() if key in with_pages}


def report(result: BatchResult, out: Path) -> str:
    """The build's facts for machines: every file and every failure."""
    files = [
        file_row(v.clinic, v.language, v.material, str(path.relative_to(out)), path.stat().st_size, rebuilt)
        for rebuilt, pairs in ((True, result.written), (False, result.unchanged))
        for v, path in pairs
    ]
    return report_text(files, result, out)


def file_row(clinic: str, language: str, material: str, name: str, size: int, rebuilt: bool) -> dict:
    """build.json's line for one file (`name` relative to the output folder)."""
    return {
        "clinic": clinic,
        "language": language,
        "material": material,
        "file": name,
        "bytes": size,
        "rebuilt": rebuilt,
    }


def report_text(files: list[dict], result: BatchResult, out: Path, kept: dict[str, str] | None = None) -> str:
    """build.json's text: `files` (see file_row) and the result's failures, notes, scores and
    web pages; `kept` gives parts' text to use as it is (see `parts_of`).

    One file, failure or score per line: a network's report runs to thousands of lines, and
    json's indenting encoder is pure Python, many times slower than its compact one.
    """
    kept = kept or {}
    failures = [
        {
            "clinic": v.clinic if v else None,
            "language": v.language if v else None,
            "material": v.material if v else None,
            "location": str(p.loc),
            "message": p.message,
        }
        for v, p in result.failures
    ]
    parts = {
        "files": files,
        "failures": failures,
        "notes": result.notes,
        "scores": None if "scores" in kept else all_scores(result, out),
        "web_pages": None if "web_pages" in kept else all_web_pages(result, out),
    }
    return (
        "{\n"
        + ",\n".join(f'  "{name}": {kept.get(name) or _rows(value)}' for name, value in parts.items())
        + "\n}\n"
    )


def parts_of(text: str) -> dict[str, str]:
    """The text of each top-level part of a build.json this module wrote (an item per line,
    so a part starts at a line with two spaces and a quote); {} for any other text."""
    parts: dict[str, str] = {}
    name = None
    lines: list[str] = []
    for line in text.split("\n")[1:-2]:  # inside the outer braces
        if line.startswith('  "'):
            if name is not None:
                parts[name] = "\n".join(lines).removesuffix(",")
            name, _colon, first = line[3:].partition('": ')
            lines = [first]
        elif name is not None:
            lines.append(line)
        else:
            return {}
    if name is not None:
        parts[name] = "\n".join(lines)
    return parts if text.startswith("{\n") and text.endswith("\n}\n") else {}


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _rows(value: list | dict) -> str:
    """A list or mapping in JSON, an item per line."""
    if isinstance(value, dict):
        lines = [f"    {_ENCODE(key)}: {_ENCODE(item)}" for key, item in value.items()]
        return "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"
    lines = [f"    {_ENCODE(item)}" for item in value]
    return "[\n" + ",\n".join(lines) + "\n  ]" if lines else "[]"
