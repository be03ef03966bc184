"""Builds a network: every material for every clinic and language, failures kept apart.

Each clinic's details fill the materials' variables and its colours the theme; each language
the clinic offers takes the material in that language (the source or a translation). Files
land in output/<clinic>/<language>/<material>/. A job that fails — a clinic's missing logo, a
Spanish text that overflows — is listed with its location and leaves the other jobs' files
written; the build then exits 1. output/build.json records every file and every failure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from builder.batch.files import CLINICS_FILE, CONFIG_FILE, REPORT_FILE
from builder.batch.manifest import FileDigests, Manifest, fingerprint
from builder.batch.pipeline import AS_THEY_COME, Variant, run_and_write
from builder.batch.result import BatchResult, all_scores, all_web_pages, report, variant_key
from builder.errors import Problem, Problems, SourceError
from builder.location import Location
from builder.output import write_atomic
from builder.theme.folder import DEFAULT_THEME, theme_folder

if TYPE_CHECKING:  # the reader, theme and renderers load only when something needs building
    from concurrent.futures import Executor

    from builder.batch.clinics import Clinic
    from builder.batch.config import BuildConfig
    from builder.model import Material
    from builder.render import RenderOptions
    from builder.render.jobs import Job
    from builder.source.yamlpos import Node
    from builder.theme.types import Theme


def build_network(
    config: BuildConfig,
    theme: "Theme | Path",
    out: Path,
    workers: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
    force: bool = False,
    executor: Executor | None = None,
    thumbnails: bool | None = None,
    on_job: Callable[[int, int], None] = lambda done, total: None,
    stamp: dict | None = None,
) -> BatchResult:
    """Build everything the configuration asks for into `out`, skipping outputs whose inputs are unchanged.

    `executor` may be any concurrent.futures.Executor (a Dask or Ray one included).
    `theme` is a loaded Theme or its folder, loaded only when something needs building.
    `thumbnails`: None writes no index.html; False writes it without thumbnails.
    `on_job(done, total)` is called as each job finishes, for a progress bar.
    `stamp` (see builder.batch.uptodate) is what the whole plan was read from, recorded in the
    manifest when the build fails nowhere.
    """
    try:
        return _build_network(
            config, theme, out, workers, progress, force, executor, thumbnails, on_job, stamp
        )
    except OSError as error:  # the system refused a file (sources' read errors are checked)
        where = Location(error.filename if isinstance(error.filename, str) else str(out))
        raise SourceError.at(where, error.strerror or str(error)) from None


def _build_network(
    config: BuildConfig,
    theme: "Theme | Path",
    out: Path,
    workers: int | None,
    progress: Callable[[str], None],
    force: bool,
    executor: Executor | None,
    thumbnails: bool | None,
    on_job: Callable[[int, int], None],
    stamp: dict | None,
) -> BatchResult:
    result = BatchResult()
    manifest = Manifest() if force else Manifest.load(out)
    manifest.plan = {}  # kept only if this build fails nowhere
    clinics = _clinics(config, result)
    sources = sorted(p for p in config.sources.glob("*.yaml") if p.name != CLINICS_FILE)
    folder = theme if isinstance(theme, Path) else Path(theme.folder)
    digests = FileDigests()
    shared = _shared_inputs(config, folder, {clinic.logo for clinic in clinics if clinic.logo}, digests)
    catalogue = _catalogue(sources, manifest, digests)
    needed: dict[str, list[tuple[Variant, str]]] = {}
    every: list[Variant] = []  # in the order a rebuild with nothing to do lists them
    for clinic in clinics:
        own = _clinic_inputs(clinic, config.sources, digests)
        for language in clinic.languages:
            for source_id in catalogue:
                if config.materials is not None and source_id not in config.materials:
                    continue
                variant = Variant(clinic.id, language, source_id, out / clinic.id / language / source_id)
                every.append(variant)
                inputs = fingerprint(shared, own, language, source_id)
                kept = manifest.unchanged(variant_key(variant), inputs, out) if catalogue[source_id] else None
                if kept is not None:
                    result.unchanged.extend((variant, path) for path in kept)
                else:
                    needed.setdefault(clinic.id, []).append((variant, inputs))
    jobs: list[Job] = []
    owners: list[Variant] = []
    if needed:  # only now do the reader, theme and renderers load
        if isinstance(theme, Path):  # loaded here, it serves the report too
            from builder.theme.reader import load_theme

            theme = load_theme(theme)
        jobs, owners, failures, notes, scores, pages = _jobs(config, theme, clinics, sources, needed)
        result.failures.extend(failures)
        result.notes.extend(notes)
        result.scores.update(scores)
        result.web_pages.update(pages)
    inputs_of = {variant: inputs for pairs in needed.values() for variant, inputs in pairs}
    reused: dict[Variant, list[Path]] = {}  # a variant's files kept from jobs that did not change
    fresh = []
    for job, owner in zip(jobs, owners):
        kept = manifest.unchanged(_job_key(owner, job), inputs_of[owner], out)
        if kept is None:
            fresh.append((job, owner))
        else:  # this job succeeded last time while another of its variant failed
            result.unchanged.extend((owner, path) for path in kept)
            reused.setdefault(owner, []).extend(kept)
    jobs, owners = [job for job, _o in fresh], [owner for _j, owner in fresh]
    if result.unchanged:
        progress(f"{len(result.unchanged)} files are up to date")
    progress(f"rendering {len(jobs)} files for {len(needed)} clinics")
    written = run_and_write(jobs, owners, AS_THEY_COME, workers, executor, progress, on_job)
    result.written = written.files
    result.failures.extend(written.failures)
    result.notes.extend(note for note in written.notes if note not in result.notes)
    for index, (job, owner) in enumerate(zip(jobs, owners)):
        if index in written.failed_jobs:
            manifest.forget(_job_key(owner, job))
        else:
            manifest.record(_job_key(owner, job), inputs_of[owner], written.by_job.get(index, []), out)
    failed = {variant for variant, _problem in result.failures if variant}  # written.failures included
    for variant, inputs in inputs_of.items():
        made = written.made.get(variant, []) + reused.get(variant, [])
        if variant in failed or not made:
            manifest.forget(variant_key(variant))  # its jobs that succeeded are kept, each on its own
        else:
            manifest.record(variant_key(variant), inputs, made, out)
    manifest.save(out)
    if "html" in config.outputs:
        theme = _index_web_pages(result, out, clinics, theme)
    if thumbnails is not None and (result.written or result.failures or not (out / "index.html").exists()):
        from builder.batch.report import write_report  # (when nothing changed, the report still holds)
        from builder.theme.reader import load_theme

        try:
            look = load_theme(theme) if isinstance(theme, Path) else theme
            write_report(result, out, look, thumbnails, all_scores(result, out))
        except SourceError as error:  # the theme's report template: a failure like any other
            result.failures.extend((None, problem) for problem in error.problems)
    write_atomic(out / REPORT_FILE, report(result, out).encode("utf-8"))
    if stamp is not None and result.ok:  # a rebuild with the same stamp need read no source
        manifest.plan = {**stamp, "listing": _listing(every, manifest, config, result, out)}
        manifest.save(out)
    return result


def _listing(
    every: list[Variant], manifest: Manifest, config: BuildConfig, result: BatchResult, out: Path
) -> list[list[str]]:
    """What a rebuild with nothing to do lists, in its order, as [clinic, language, material,
    file]: each variant's files, then each clinic and language's index of web pages."""
    rows = [
        [v.clinic, v.language, v.material, name]
        for v in every
        for name in manifest.entries[variant_key(v)]["files"]
    ]
    if "html" in config.outputs:
        folders = sorted({tuple(key.split("/")[:2]) for key in all_web_pages(result, out)})
        rows += [[clinic, language, "", f"{clinic}/{language}/index.html"] for clinic, language in folders]
    return rows


def _index_web_pages(result: BatchResult, out: Path, clinics: list[Clinic], theme: "Theme | Path"):
    """Each clinic and language's index of its web pages, rewritten where any of its files
    were built (or it is missing), and listed with the files; the theme, loaded if needed."""
    entries = all_web_pages(result, out)
    folders = {tuple(key.split("/")[:2]) for key in entries}
    built = {(v.clinic, v.language) for v, _p in result.written}
    stale = {f for f in folders if f in built or not (out / f[0] / f[1] / "index.html").exists()}
    if stale:
        from builder.batch.web_index import write_web_indexes
        from builder.theme.reader import load_theme

        theme = load_theme(theme) if isinstance(theme, Path) else theme
        chosen = {key: entry for key, entry in entries.items() if tuple(key.split("/")[:2]) in stale}
        for path in write_web_indexes(out, chosen, clinics, theme):
            result.written.append((Variant(path.parts[-3], path.parts[-2], "", path.parent), path))
    for clinic, language in sorted(folders - stale):
        path = out / clinic / language / "index.html"
        result.unchanged.append((Variant(clinic, language, "", path.parent), path))
    return theme


def _jobs(
    config: BuildConfig,
    theme: "Theme | Path",
    clinics: list[Clinic],
    sources: list[Path],
    needed: dict[str, list[tuple[Variant, str]]],
) -> tuple[list[Job], list[Variant], list[tuple[Variant | None, Problem]], list[str], dict[str, dict]]:
    """Read each clinic's materials and split what is needed into jobs: the jobs, the variant
    each belongs to, and the failures found while reading."""
    from builder.batch.clinics import colour_problems
    from builder.batch.gate import gate, reading_scores, rules_for
    from builder.batch.regions import in_region, region_of
    from builder.batch.web_index import web_entry
    from builder.render.jobs import make_jobs
    from builder.theme.reader import load_theme

    rules = rules_for(config.rules)
    if isinstance(theme, Path):
        theme = load_theme(theme)
    jobs: list[Job] = []
    owners: list[Variant] = []
    failures: list[tuple[Variant | None, Problem]] = []
    notes: list[str] = []  # the review's warnings
    scores: dict[str, dict] = {}
    pages: dict[str, dict] = {}  # each variant's web pages, for its clinic's index
    english = [p for p in sources if not _is_translation_file(p)]
    translations = [p for p in sources if _is_translation_file(p)]
    trees: dict[Path, Node] = {}  # each file parsed once for every clinic
    for clinic in clinics:
        if clinic.id not in needed:
            continue
        unreadable = colour_problems(clinic, theme)
        if unreadable:
            failures.extend((None, problem) for problem in unreadable.items)
            continue
        materials, broken = _read_for(clinic, english, translations, trees)
        themed = clinic.themed(theme)
        for variant, _inputs in needed[clinic.id]:
            problems = broken.get(variant.language.split("-")[0].lower(), broken.get("*"))
            if problems:
                failures.extend((variant, problem) for problem in problems)
                continue
            material = _in_language(materials, variant.material, variant.language)
            if material is None:
                failures.append(
                    (
                        variant,
                        Problem(
                            clinic.loc,
                            f"no {variant.language} version of"
                            f" '{variant.material}'; write one with handout translate",
                        ),
                    )
                )
                continue
            material = in_region(material, region_of(variant.language, clinic.region))
            errors, warnings = gate(material, rules)
            notes.extend(note for note in warnings if note not in notes)
            scores[variant_key(variant)] = reading_scores(material)
            if "html" in config.outputs:
                pages[variant_key(variant)] = web_entry(material)
            if errors:
                failures.extend((variant, problem) for problem in errors)
                continue
            formats = [f for f in config.outputs if f != "pdf"]
            for index, options in enumerate(_options(config, clinic)):
                options = _posted_in(options, variant)
                wanted = formats * (index == 0) + ["pdf"] * ("pdf" in config.outputs)
                for job in make_jobs([material], themed, wanted, (), options):
                    jobs.append(job)
                    owners.append(variant)
    return jobs, owners, failures, notes, scores, pages


def _is_translation_file(path: Path) -> bool:
    return len(path.suffixes) > 1  # NAME.es.yaml


def _read_for(clinic: Clinic, english: list[Path], translations: list[Path], trees: dict[Path, Node]):
    """The clinic's materials in every language, and the problems of each language apart.

    A problem in the English sources stops every language ('*'); a problem in a translation
    (missing, stale, overflowing later) stops only its own language.
    """
    from builder.source.materials import read_all
    from builder.wording import primary

    variables = clinic.variables()
    tags: dict[str, str] = {}
    for language in clinic.languages:  # es-US for an es-ES translation: numbers the U.S. way
        tags.setdefault(primary(language), language)
    try:  # the usual case, every file sound: one read of each
        return read_all(english + translations, variables, trees, tags), {}
    except SourceError:
        pass
    try:
        materials = read_all(english, variables, trees, tags)
    except SourceError as error:
        return [], {"*": list(error.problems)}
    broken: dict[str, list[Problem]] = {}
    for path in translations:
        language = path.suffixes[0].lstrip(".").lower()
        try:
            materials += [m for m in read_all(english + [path], variables, trees, tags) if m not in materials]
        except SourceError as error:
            broken[language] = list(error.problems)
    return materials, broken


def _job_key(variant: Variant, job: Job) -> str:
    """One job of a variant: its renderer, conditions and options."""
    return f"{variant_key(variant)}#{job.format}:{','.join(job.conditions or ())}:{job.options!r}"


def _shared_inputs(config: BuildConfig, theme_folder: Path, logos: set[str], digests: FileDigests) -> str:
    """What every output depends on: the sources (but the clinics and their logos), the theme
    and the build configuration."""
    skip = {CLINICS_FILE} | logos
    source_files = [
        p
        for p in config.sources.rglob("*")
        if p.is_file() and p.relative_to(config.sources).as_posix() not in skip
    ]
    choices = repr(
        (config.clinics, config.materials, config.outputs, config.brochures, config.profiles, config.web)
    )
    from builder.source.rules import rules_path

    rules = rules_path(config.rules)  # a rule changed: every output is checked again
    rules_files = [rules] if rules.is_file() else []
    return fingerprint(
        digests.of_files(source_files, config.sources),
        digests.of_folder(theme_folder),
        digests.of_files(rules_files, rules.parent),
        choices,
    )


def _clinic_inputs(clinic: Clinic, folder: Path, digests: FileDigests) -> str:
    path = folder / clinic.logo if clinic.logo else None
    logo = digests.of(path) if path is not None and path.is_file() else ""
    return fingerprint(
        repr(
            (
                clinic.id,
                clinic.contact,
                clinic.languages,
                clinic.paper,
                clinic.logo,
                clinic.colours,
                clinic.own_variables,
                clinic.web,
            )
        ),
        logo,
    )


def _catalogue(sources: list[Path], manifest: Manifest, digests: FileDigests) -> dict[str, bool]:
    """Material ids by a quick look at the sources (no checks); False marks one that could
    not be read that way, which is then always rebuilt so the full read reports it. A file
    whose bytes the manifest has seen before is not parsed again."""
    found: dict[str, bool] = {}
    for path in sources:
        digest = digests.of(path)
        known = manifest.sources.get(path.name)
        if known and known[0] == digest:
            if known[1]:
                found[known[1]] = True
            continue
        material_id = _material_id(path)
        if material_id is False:
            found[path.stem] = False
            continue
        manifest.sources[path.name] = [digest, material_id]
        if material_id:
            found[material_id] = True
    return found


def _material_id(path: Path) -> str | None | bool:
    """A source's material id; None for a translation; False when it cannot be told."""
    from builder.source.yamlpos import display_path, read_yaml

    try:
        root = read_yaml(path, display_path(path))
    except SourceError:
        return False
    if root.kind != "map" or "translation" in root.value:  # type: ignore[operator]
        return None
    material = root.value.get("material")  # type: ignore[union-attr]
    node = material.value.get("id") if material is not None and material.kind == "map" else None  # type: ignore[union-attr]
    return str(node.value) if node is not None and node.kind == "scalar" and node.value else False


def _clinics(config: BuildConfig, result: BatchResult) -> list[Clinic]:
    from builder.batch.clinics import read_clinics
    from builder.source.yamlpos import display_path, read_yaml

    path = config.sources / CLINICS_FILE
    problems = Problems()
    try:
        clinics = read_clinics(read_yaml(path, display_path(path)), problems)
    except SourceError as error:
        result.failures.extend((None, p) for p in error.problems)
        return []
    result.failures.extend((None, p) for p in problems.items)
    chosen = [c for c in clinics if config.clinics is None or c.id in config.clinics]
    for wanted in config.clinics or ():
        if wanted not in {c.id for c in clinics}:
            result.failures.append(
                (
                    None,
                    Problem(config.loc, f"{CONFIG_FILE} names clinic '{wanted}', which {CLINICS_FILE} lacks"),
                )
            )
    for clinic in chosen:
        if clinic.logo and not (config.sources / clinic.logo).is_file():
            result.failures.append(
                (None, Problem(clinic.loc, f"clinic {clinic.id}: logo '{clinic.logo}' does not exist"))
            )
    return [c for c in chosen if not c.logo or (config.sources / c.logo).is_file()]


def _in_language(materials: list[Material], source_id: str, language: str) -> Material | None:
    """The material in `language`: its source, or a translation, matching the tag or its language."""
    from builder.source.materials import translated_id
    from builder.wording import primary

    candidates = [m for m in materials if m.meta.id in (source_id, translated_id(source_id, language))]
    for exact in (True, False):
        for material in candidates:
            same = (
                material.meta.language == language
                if exact
                else primary(material.meta.language) == primary(language)
            )
            if same:
                return (
                    replace(material, meta=replace(material.meta, language=language))
                    if not exact
                    else material
                )
    return None


def _options(config: BuildConfig, clinic: Clinic) -> list[RenderOptions]:
    from builder.render import RenderOptions

    layouts = config.brochures or (None,)
    return [
        RenderOptions(
            brochure=layout, paper=clinic.paper, press=profile == "press", web_address=web_for(config, clinic)
        )
        for layout in layouts
        for profile in config.profiles
    ]


def _posted_in(options: RenderOptions, variant: Variant) -> RenderOptions:
    """The options with the web address pattern's {material} filled by the variant's folder
    name (a translation's pages sit in the folder of the material it translates, not under
    its own id, msc-chronic-pain-es), so that a QR code opens the page as the clinic posts it."""
    from builder.render.address import DEFAULT_PATTERN

    pattern = (options.web_address or DEFAULT_PATTERN).replace("{material}", variant.material)
    return replace(options, web_address=pattern)


def web_for(config: BuildConfig, clinic: Clinic) -> str | None:
    """Where the clinic's web pages are posted: its own `web:` pattern, else the build
    configuration's, with {clinic} filled by its id (the renderer fills the rest); None: the
    default pattern."""
    pattern = clinic.web or config.web
    return pattern.replace("{clinic}", clinic.id) if pattern else None


def build_all(
    out: Path = Path("output"),
    theme: str = DEFAULT_THEME,
    workers: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
    force: bool = False,
    thumbnails: bool = True,
    on_job: Callable[[int, int], None] = lambda done, total: None,
) -> BatchResult:
    """Build what handout.yaml configures: every material, clinic and language; when nothing
    has changed since a build that failed nowhere, only say so (see builder.batch.uptodate)."""
    from builder.batch.uptodate import plan_stamp, settled, unchanged_build
    from builder.errors import HandoutError

    if not CONFIG_FILE.is_file():
        raise HandoutError(f"there is no build configuration ({CONFIG_FILE}) here")
    done = None if force else unchanged_build(out, theme, progress)
    if done is not None:
        return done
    from builder.batch.config import read_config
    from builder.source.rules import rules_candidates

    config = read_config(CONFIG_FILE)
    folder = theme_folder(theme)
    stamp = plan_stamp(theme, [config.sources, folder], rules_candidates(config.rules))
    return build_network(
        config,
        folder,
        out,
        workers,
        progress,
        force,
        thumbnails=thumbnails,
        on_job=on_job,
        stamp=stamp if settled(stamp) else None,
    )
