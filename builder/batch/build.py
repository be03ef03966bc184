"""The library entry point: read sources, render every requested format, write the files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from builder.errors import Problems, SourceError, UsageProblem  # noqa: F401  (UsageProblem: API)
from builder.location import Location
from builder.render import RENDERERS, RenderOptions
from builder.theme.folder import DEFAULT_THEME, theme_folder

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from builder.model import Material
    from builder.render.jobs import Job
    from builder.theme.types import Theme

DEFAULT_SOURCES = Path("sources")
DEFAULT_OUTPUT = Path("output")
DEFAULT_FORMATS = ("pptx", "pdf")  # a build of named sources: the deck and the brochures


@dataclass(frozen=True)
class Built:
    """What a build wrote, and what it wants the user to know."""

    written: tuple[Path, ...]
    notes: tuple[str, ...]


def source_paths(paths: Sequence[Path]) -> list[Path]:
    """The sources named, or every *.yaml under sources/ when none is."""
    if paths:
        return [Path(p) for p in paths]
    found = sorted(DEFAULT_SOURCES.glob("*.yaml")) + sorted(DEFAULT_SOURCES.glob("*.yml"))
    if not found:
        raise SourceError.at(Location(str(DEFAULT_SOURCES)), "no *.yaml sources found here")
    return found


def check(paths: Sequence[Path], theme: str = DEFAULT_THEME) -> list[Material]:
    """Read and validate sources without rendering anything; with no paths, also the build configuration
    (handout.yaml) and the clinics file beside the sources, so a network build has no
    surprises left but fit."""
    from builder.source.materials import read_all

    problems = Problems()
    try:
        materials = read_all(source_paths(paths))
    except SourceError as error:
        problems.extend(error)
        materials = []
    if not paths:
        _check_network(problems, theme)
    problems.raise_if_any()
    return materials


def _check_network(problems: Problems, theme: str) -> None:
    from builder.batch.clinics import colour_problems, read_clinics
    from builder.batch.config import CONFIG_FILE, read_config
    from builder.source.yamlpos import display_path, read_yaml
    from builder.theme.reader import load_theme

    folder = DEFAULT_SOURCES
    try:
        if CONFIG_FILE.is_file():
            folder = read_config(CONFIG_FILE).sources
        clinics_file = folder / "clinics.yaml"
        if not clinics_file.is_file():
            return
        clinics = read_clinics(read_yaml(clinics_file, display_path(clinics_file)), problems)
        look = load_theme(theme_folder(theme))
    except SourceError as error:
        problems.extend(error)
        return
    for clinic in clinics:
        problems.items.extend(colour_problems(clinic, look).items)
        if clinic.logo and not (folder / clinic.logo).is_file():
            problems.add(clinic.loc, f"clinic {clinic.id}: logo '{clinic.logo}' does not exist")


def build(
    paths: Sequence[Path] = (),
    out: Path = DEFAULT_OUTPUT,
    formats: Sequence[str] = DEFAULT_FORMATS,
    conditions: Sequence[str] = (),
    theme: str = DEFAULT_THEME,
    progress: Callable[[str], None] = lambda message: None,
    workers: int | None = None,
    options: RenderOptions = RenderOptions(),
    executor: Executor | None = None,
) -> Built:
    """Build every format of every source into `out`; nothing is written unless all succeed.

    It is the network build's loop with one variant per material and an all-or-nothing write.
    `workers` is how many processes render (default: one per core, never more than jobs);
    `executor`, any concurrent.futures.Executor, runs the jobs instead.
    """
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown:
        from builder.source.fields import did_you_mean

        raise UsageProblem(
            f"unknown format '{unknown[0]}'{did_you_mean(unknown[0], RENDERERS)}; choose from {', '.join(RENDERERS)}"
        )
    from builder.batch.pipeline import ALL_OR_NOTHING, Variant, run_and_write

    jobs, notes = _jobs(paths, formats, conditions, theme, options)
    owners = [
        Variant("", job.material.meta.language, job.material.meta.id, out / job.material.meta.id)
        for job in jobs
    ]
    progress(f"rendering {len(jobs)} files")
    try:
        written = run_and_write(jobs, owners, ALL_OR_NOTHING, workers, executor)
    except OSError as error:
        raise SourceError.at(
            Location(str(out)), f"cannot write the output: {error.strerror or error}"
        ) from None
    if written.failures:
        raise SourceError([problem for _variant, problem in written.failures])
    notes.extend(note for note in written.notes if note not in notes)
    return Built(tuple(path for _variant, path in written.files), tuple(notes))


def _jobs(
    paths: Sequence[Path],
    formats: Sequence[str],
    conditions: Sequence[str],
    theme: str,
    options: RenderOptions,
) -> tuple[list[Job], list[str]]:
    """Read and check the sources, then split the work into jobs; with notes for the user."""
    from builder.batch.gate import gate, rules_for
    from builder.batch.regions import in_region, region_of
    from builder.render.jobs import make_jobs
    from builder.source.materials import read_all
    from builder.theme.reader import load_theme
    from builder.wording import knows

    materials = read_all(source_paths(paths))
    _check_conditions(materials, conditions)
    look = load_theme(theme_folder(theme))
    _check_options(look, options)
    notes = [
        f"note: {m.meta.id}: the builder's own headings are in English; it has no phrases for {m.meta.language}"
        for m in materials
        if not knows(m.meta.language)
    ]
    regional = [in_region(m, region_of(m.meta.language)) for m in materials]  # en-US: the U.S. blocks
    rules = rules_for(configured_rules())
    problems = Problems()
    for material in regional:
        errors, warnings = gate(material, rules)
        problems.items.extend(errors)
        notes.extend(warnings)
    problems.raise_if_any()
    return make_jobs(regional, look, formats, conditions, options), notes


def configured_rules() -> Path | None:
    """The rules file handout.yaml names, when there is one here and it names one."""
    from builder.batch.config import CONFIG_FILE, read_config

    return read_config(CONFIG_FILE).rules if CONFIG_FILE.is_file() else None


def _check_options(look: Theme, options: RenderOptions) -> None:
    from builder.source.fields import did_you_mean

    if options.template is not None and not Path(options.template).is_file():
        raise UsageProblem(f"no template file '{options.template}'")
    layouts = [layout.name for layout in look.brochure_layouts]
    if options.brochure is not None and options.brochure not in layouts:
        raise UsageProblem(
            f"no brochure layout '{options.brochure}'{did_you_mean(options.brochure, layouts)};"
            f" choose from {', '.join(layouts)}"
        )
    if options.paper is not None:
        chosen = (
            look.brochure_layout(options.brochure)
            if options.brochure
            else look.default_brochure(options.large_print)
        )
        papers = [paper.paper for paper in chosen.papers]
        if options.paper not in papers:
            raise UsageProblem(
                f"the {chosen.name} layout has no paper '{options.paper}'; choose from {', '.join(papers)}"
            )


def _check_conditions(materials: list[Material], conditions: Sequence[str]) -> None:
    from builder.source.fields import did_you_mean

    known = {c.id for m in materials for c in m.conditions}
    for wanted in conditions:
        if wanted not in known:
            raise UsageProblem(
                f"no condition '{wanted}' in the sources{did_you_mean(wanted, known)};"
                f" known: {', '.join(sorted(known))}"
            )
