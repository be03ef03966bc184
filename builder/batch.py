"""Builds the plan: every material for every clinic and language, failures kept apart.

Each clinic's details fill the materials' variables and its colours the theme; each language
the clinic offers takes the material in that language (the source or a translation). Files
land in output/<clinic>/<language>/<material>/. A job that fails — a clinic's missing logo, a
Spanish text that overflows — is listed with its location and leaves the other jobs' files
written; the build then exits 1. output/build.json records every file and every failure.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder.clinics import Clinic, read_clinics
from builder.errors import Problem, Problems, SourceError
from builder.model import Material
from builder.output import write_atomic
from builder.plan import Plan
from builder.renderers import RenderOptions
from builder.runner import Job, plan_jobs, run_jobs
from builder.sources import read_all, translated_id
from builder.theme import Theme
from builder.wording import primary
from builder.yamlpos import display_path, read_yaml

CLINICS_FILE = "clinics.yaml"
REPORT_FILE = "build.json"


@dataclass(frozen=True)
class Variant:
    """One material for one clinic in one language, and where its files go."""

    clinic: str
    language: str
    material: str  # the source material's id (the same for its translations)
    folder: Path


@dataclass
class BatchResult:
    """What the whole plan made, and what failed."""

    written: list[tuple[Variant, Path]] = field(default_factory=list)
    failures: list[tuple[Variant | None, Problem]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def build_plan(plan: Plan, theme: Theme, out: Path, workers: int | None = None,
               progress: Callable[[str], None] = lambda message: None) -> BatchResult:
    """Build everything the plan asks for into `out`."""
    result = BatchResult()
    clinics = _clinics(plan, theme, result)
    sources = sorted(p for p in plan.sources.glob("*.yaml") if p.name != CLINICS_FILE)
    jobs: list[Job] = []
    owners: list[Variant] = []
    for clinic in clinics:
        try:
            materials = read_all(sources, variables=clinic.variables())
        except SourceError as error:
            result.failures.extend((Variant(clinic.id, "*", "*", out / clinic.id), p) for p in error.problems)
            continue
        themed = clinic.themed(theme)
        for language in clinic.languages:
            for source_id in _material_ids(materials, plan):
                variant = Variant(clinic.id, language, source_id, out / clinic.id / language / source_id)
                material = _in_language(materials, source_id, language)
                if material is None:
                    result.failures.append((variant, Problem(clinic.loc, f"no {language} version of '{source_id}';"
                                                                         " write one with handout translate")))
                    continue
                formats = [f for f in plan.outputs if f != "pdf"]
                for index, options in enumerate(_options(plan, clinic)):
                    wanted = formats * (index == 0) + ["pdf"] * ("pdf" in plan.outputs)
                    for job in plan_jobs([material], themed, wanted, (), options):
                        jobs.append(job)
                        owners.append(variant)
    progress(f"rendering {len(jobs)} files for {len(clinics)} clinics")
    for variant, outcome in zip(owners, run_jobs(jobs, workers=workers)):
        if isinstance(outcome, SourceError):
            result.failures.extend((variant, problem) for problem in outcome.problems)
            continue
        result.notes.extend(note for note in outcome.notes if note not in result.notes)
        for name, data in outcome.files.items():
            path = variant.folder / name
            write_atomic(path, data)
            result.written.append((variant, path))
            progress(f"wrote {path}")
    write_atomic(out / REPORT_FILE, report(result, out).encode("utf-8"))
    return result


def _clinics(plan: Plan, theme: Theme, result: BatchResult) -> list[Clinic]:
    path = plan.sources / CLINICS_FILE
    problems = Problems()
    try:
        clinics = read_clinics(read_yaml(path, display_path(path)), theme, problems)
    except SourceError as error:
        result.failures.extend((None, p) for p in error.problems)
        return []
    result.failures.extend((None, p) for p in problems.items)
    chosen = [c for c in clinics if plan.clinics is None or c.id in plan.clinics]
    for wanted in plan.clinics or ():
        if wanted not in {c.id for c in clinics}:
            result.failures.append((None, Problem(plan.loc, f"the plan names clinic '{wanted}', which {CLINICS_FILE} lacks")))
    for clinic in chosen:
        if clinic.logo and not (plan.sources / clinic.logo).is_file():
            result.failures.append((None, Problem(clinic.loc, f"clinic {clinic.id}: logo '{clinic.logo}' does not exist")))
    return [c for c in chosen if not c.logo or (plan.sources / c.logo).is_file()]


def _material_ids(materials: list[Material], plan: Plan) -> list[str]:
    sources = [m.meta.id for m in materials if m.meta.id not in _translation_ids(materials)]
    return [m for m in sources if plan.materials is None or m in plan.materials]


def _translation_ids(materials: list[Material]) -> set[str]:
    ids = {m.meta.id for m in materials}
    return {m.meta.id for m in materials for other in ids
            if m.meta.id == translated_id(other, m.meta.language) and m.meta.id != other}


def _in_language(materials: list[Material], source_id: str, language: str) -> Material | None:
    """The material in `language`: its source, or a translation, matching the tag or its language."""
    candidates = [m for m in materials if m.meta.id in (source_id, translated_id(source_id, language))]
    for exact in (True, False):
        for material in candidates:
            same = material.meta.language == language if exact else primary(material.meta.language) == primary(language)
            if same:
                return replace(material, meta=replace(material.meta, language=language)) if not exact else material
    return None


def _options(plan: Plan, clinic: Clinic) -> list[RenderOptions]:
    layouts = plan.brochures or (None,)
    return [RenderOptions(brochure=layout, paper=clinic.paper, press=profile == "press")
            for layout in layouts for profile in plan.profiles]


def report(result: BatchResult, out: Path) -> str:
    """The build's facts for machines: every file and every failure."""
    files = [
        {"clinic": v.clinic, "language": v.language, "material": v.material,
         "file": str(path.relative_to(out)), "bytes": path.stat().st_size}
        for v, path in result.written
    ]
    failures = [
        {"clinic": v.clinic if v else None, "language": v.language if v else None,
         "material": v.material if v else None, "location": str(p.loc), "message": p.message}
        for v, p in result.failures
    ]
    return json.dumps({"files": files, "failures": failures, "notes": result.notes}, indent=2, ensure_ascii=False) + "\n"
