"""The build report for people: output/index.html, with thumbnails where the tools exist.

Thumbnails of PDF pages come from pdftoppm, those of slides from LibreOffice (then
pdftoppm); without the tools the report says so and lists the files all the same. Thumbnails
are kept in output/.thumbnails/ and remade only when their file is newer.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from builder.batch.previews import decks_to_pdf
from builder.errors import SourceError
from builder.location import Location
from builder.output import write_atomic
from builder.source.yamlpos import display_path
from builder.theme.folder import DEFAULT_THEME
from builder.theme.folder import theme_folder as theme_folder_of

THUMBNAILS = ".thumbnails"
THUMB_DPI = 18


def write_report(result, out: Path, theme, thumbnails: bool = True, scores: dict | None = None) -> Path:
    """Write output/index.html for a network build's result; its path."""
    made, note = _thumbnails(result, out) if thumbnails else ({}, "not asked for")
    rows: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for rebuilt, pairs in ((True, result.written), (False, result.unchanged)):
        for variant, path in pairs:
            if not kind_of(path):
                continue  # a web page's picture: its page is listed
            rows[variant.clinic][variant.language].append(
                {
                    "file": path.relative_to(out).as_posix(),
                    "name": path.name,
                    "kind": kind_of(path),
                    "rebuilt": rebuilt,
                    "size": _size(path.stat().st_size),
                    "thumbnails": made.get(path, []),
                }
            )
    groups = [
        (
            clinic,
            [
                (language, sorted(items, key=lambda r: r["name"]))
                for language, items in sorted(languages.items())
            ],
        )
        for clinic, languages in sorted(rows.items())
    ]
    failures = [
        {
            "location": str(p.loc),
            "message": p.message,
            "clinic": v.clinic if v else None,
            "language": v.language if v else None,
            "material": v.material if v else None,
        }
        for v, p in result.failures
    ]
    html = report_template(theme.folder).render(
        groups=groups,
        failures=failures,
        notes=result.notes,
        built=len(result.written),
        unchanged=len(result.unchanged),
        scores=_score_lines(scores or {}),
        colours=dict(theme.colours),
        thumbnails=bool(made),
        thumbnail_note=note,
    )
    target = out / "index.html"
    write_atomic(target, html.encode("utf-8"))
    return target


def kind_of(path: Path) -> str:
    """What an output is, for the report's readers; empty for a picture beside a web page."""
    if path.suffix == ".pptx":
        return "deck"
    if path.suffix == ".pdf":
        return "accessible PDF (PDF/UA)" if is_twin(path) else "brochure"
    if path.suffix == ".html":
        return "web pages' index" if path.name == "index.html" else "web page"
    return ""


def is_twin(path: Path) -> bool:
    """True for the tagged PDF/UA twin of a brochure (see builder.render.web.twin)."""
    from builder.render.address import TWIN_MARK

    return TWIN_MARK in path.name


def _score_lines(scores: dict) -> dict[tuple[str, str], list[str]]:
    """For each clinic and language, a line per material: its reading scores and pre-scores
    (`scores` as build.json holds them, by 'clinic/language/material')."""
    from builder.source.readability import MEASURE_NAMES

    lines: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, found in scores.items():
        clinic, language, material = key.split("/")
        reading = ", ".join(f"{MEASURE_NAMES.get(m, m)} {v:g}" for m, v in found.get("whole", {}).items())
        pre = "; ".join(
            f"{p['condition']} {p['percent']}%"
            + (f" (not found: {', '.join(p['missed'])})" if p["missed"] else "")
            for p in found.get("prescores", [])
        )
        lines[(clinic, language)].append(f"{material}: reading {reading or 'not scored'}; pre-scores {pre}")
    return lines


def report_template(theme_folder: str | Path):
    """The theme's report.html compiled, or the default theme's when the theme has none;
    SourceError at its line when it cannot be read or compiled. An edited file is compiled
    anew."""
    from jinja2 import TemplateSyntaxError

    path = Path(theme_folder) / "report.html"
    if not path.is_file():
        path = theme_folder_of(DEFAULT_THEME) / "report.html"
    shown = display_path(path)
    try:
        return _compiled(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError.at(Location(shown), f"cannot read the report template: {error}") from None
    except TemplateSyntaxError as error:
        raise SourceError.at(
            Location(shown, error.lineno or 0), f"report template: {error.message}"
        ) from None


@lru_cache(maxsize=4)
def _compiled(source: str):
    from jinja2 import Environment, select_autoescape

    return Environment(autoescape=select_autoescape(default=True)).from_string(source)


def _size(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count < 1024 * 1024 else f"{count / 1024 / 1024:.1f} MB"


def _thumbnails(result, out: Path) -> tuple[dict[Path, list[str]], str]:
    """Page pictures of every output, remade where the output is newer than its pictures.

    Pictures are rendered in a scratch folder and then written into place atomically, so an
    interrupted build leaves the old pictures or the new ones, never a half-written one.
    """
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        return {}, "pdftoppm is not installed"
    soffice = shutil.which("soffice")
    made: dict[Path, list[str]] = {}
    stale_decks = []
    with tempfile.TemporaryDirectory() as scratch:
        for index, (_variant, path) in enumerate(result.written + result.unchanged):
            folder = out / THUMBNAILS / path.relative_to(out)  # a folder per file: page-1.png, …
            existing = sorted(folder.glob("page-*.png")) if folder.is_dir() else []
            fresh = existing and all(p.stat().st_mtime >= path.stat().st_mtime for p in existing)
            if not fresh:
                if path.suffix == ".pdf" and not is_twin(path):  # a twin is the web page printed
                    prefix = Path(scratch) / f"file{index}" / "page"
                    prefix.parent.mkdir()
                    _pages(pdftoppm, path, prefix)
                    _install(prefix.parent, folder)
                elif path.suffix == ".pptx" and soffice:
                    stale_decks.append((path, folder))
            if path.suffix in (".pdf", ".pptx") and not is_twin(path):
                made[path] = []
        if stale_decks:
            _slides(soffice, pdftoppm, stale_decks, Path(scratch))
    for path in made:
        folder = out / THUMBNAILS / path.relative_to(out)
        made[path] = [p.relative_to(out).as_posix() for p in sorted(folder.glob("page-*.png"))]
    return made, "" if soffice else "LibreOffice is not installed, so slides have none"


def _pages(pdftoppm: str, pdf: Path, prefix: Path) -> None:
    subprocess.run(
        [pdftoppm, "-r", str(THUMB_DPI), "-png", str(pdf), str(prefix)],
        check=False,
        capture_output=True,
        timeout=120,
    )


def _install(rendered: Path, folder: Path) -> None:
    """Put the pages rendered in `rendered` into `folder`, each atomically; drop pages the
    file no longer has."""
    pages = sorted(rendered.glob("page-*.png"))
    names = {page.name for page in pages}
    if folder.is_dir():
        for old in folder.glob("page-*.png"):
            if old.name not in names:
                old.unlink()
    for page in pages:
        write_atomic(folder / page.name, page.read_bytes())


def _slides(soffice: str, pdftoppm: str, decks: list[tuple[Path, Path]], scratch: Path) -> None:
    """Convert every stale deck in one LibreOffice run, then render and install their pages."""
    copies = []
    for index, (path, _folder) in enumerate(decks):
        copy = scratch / f"deck{index}.pptx"  # distinct names: decks of many clinics share one
        shutil.copyfile(path, copy)
        copies.append(copy)
    pdfs = decks_to_pdf(copies, scratch, soffice, check=False)
    for index, (pdf, (_path, folder)) in enumerate(zip(pdfs, decks)):
        if pdf.exists():
            prefix = scratch / f"deck{index}-pages" / "page"
            prefix.parent.mkdir()
            _pages(pdftoppm, pdf, prefix)
            _install(prefix.parent, folder)
