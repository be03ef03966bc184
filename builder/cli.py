"""The `handout` command line: parses arguments and presents results, nothing more."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from builder import __version__
from builder.errors import HandoutError, SourceError, UsageProblem


def reports_errors(command):
    """Turn the project's own errors into `file:line:col: error: …` lines and an exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UsageProblem as problem:
            raise click.UsageError(str(problem)) from None
        except HandoutError as error:
            for line in error.diagnostics():
                click.echo(line, err=True)
            count = len(error.diagnostics())
            writes = click.get_current_context().info_name in ("build", "translate", "new", "watch")
            tail = "; nothing was written." if writes else "."
            click.echo(f"{count} error{'s' if count != 1 else ''}{tail}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo(
                "interrupted; files already renamed into place are complete, no others were left", err=True
            )
            sys.exit(130)

    return wrapper


def _formats(_ctx, _param, value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handout")
def main() -> None:
    """Build a talk deck and print-ready patient handouts from one validated source."""


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Folder the files are written to.",
)
@click.option(
    "--format",
    "formats",
    default="pptx,pdf",
    show_default=True,
    callback=_formats,
    help="Comma-separated outputs: pptx (the deck), pdf (a brochure per condition), html (a web"
    " page per condition), pdf-ua (its tagged PDF/UA twin).",
)
@click.option(
    "--condition",
    "conditions",
    multiple=True,
    metavar="ID",
    help="Only this condition's brochure (repeatable).",
)
@click.option(
    "--theme", default="default", show_default=True, help="A theme folder, or its name under layouts/."
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Your own .pptx; its layouts need PowerPoint's standard names.",
)
@click.option(
    "--brochure",
    "layout",
    default=None,
    metavar="LAYOUT",
    help="Brochure layout: trifold or factsheet (default: the theme's).",
)
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"]),
    default=None,
    help="Paper size (default: the clinic's, else Letter for U.S. English, else A4).",
)
@click.option(
    "--print",
    "profile",
    type=click.Choice(["office", "press"]),
    default="office",
    show_default=True,
    help="office: RGB, no bleed. press: CMYK, 3 mm bleed, trim and crop marks.",
)
@click.option(
    "--large-print",
    is_flag=True,
    help="Brochure body text at 14 pt (in fact sheets unless --brochure says otherwise);"
    " the PDF/UA twin's at 18 pt.",
)
@click.option(
    "-j",
    "--jobs",
    "workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core).",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Build everything handout.yaml configures (also what no SOURCES does when it exists).",
)
@click.option("--force", is_flag=True, help="Rebuild every output handout.yaml configures, changed or not.")
@click.option(
    "--no-thumbnails", is_flag=True, help="Write the network build's report (index.html) without thumbnails."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the network build's report (build.json) instead of lines."
)
@reports_errors
def build(
    sources,
    out,
    formats,
    conditions,
    theme,
    template,
    layout,
    paper,
    profile,
    large_print,
    workers,
    everything,
    force,
    no_thumbnails,
    as_json,
) -> None:
    """Build SOURCES (default: what handout.yaml configures, else every sources/*.yaml)."""
    from builder.batch.files import CONFIG_FILE

    if everything or (not sources and CONFIG_FILE.is_file()):
        if sources:
            raise click.UsageError("--all builds what handout.yaml configures; give no SOURCES with it")
        chosen = [
            name
            for name, value in (
                ("--format", formats != ("pptx", "pdf")),
                ("--condition", conditions),
                ("--template", template),
                ("--brochure", layout),
                ("--paper", paper),
                ("--print", profile != "office"),
                ("--large-print", large_print),
            )
            if value
        ]
        if chosen:
            raise click.UsageError(
                f"{', '.join(chosen)} apply to named SOURCES; {CONFIG_FILE}"
                " says what to build (or name the sources)"
            )
        _build_network(out, theme, workers, force, not no_thumbnails, as_json)
        return

    from builder.batch.build import build as run_build
    from builder.render import RenderOptions

    options = RenderOptions(
        template=str(template) if template else None,
        brochure=layout,
        paper=paper,
        press=profile == "press",
        large_print=large_print,
    )
    result = run_build(
        sources,
        out=out,
        formats=formats,
        conditions=conditions,
        theme=theme,
        workers=workers,
        options=options,
    )
    for note in result.notes:
        click.echo(note, err=True)
    for path in result.written:
        click.echo(f"wrote {path}")


def _build_network(
    out: Path, theme: str, workers: int | None, force: bool, thumbnails: bool, as_json: bool
) -> None:
    from builder.batch.network import build_all

    bar = _ProgressBar() if not as_json and sys.stdout.isatty() else None
    if as_json:
        progress = lambda message: None  # noqa: E731
    elif bar:
        progress = bar.message
    else:
        progress = click.echo
    result = build_all(
        out=out,
        theme=theme,
        workers=workers,
        progress=progress,
        force=force,
        thumbnails=thumbnails,
        on_job=bar.advance if bar else (lambda done, total: None),
    )
    if bar:
        bar.close()
    if as_json:
        click.echo((out / "build.json").read_text(encoding="utf-8"), nl=False)
        sys.exit(0 if result.ok else 1)
    for note in result.notes:
        click.echo(note, err=True)
    for variant, problem in result.failures:
        where = f" ({variant.clinic}, {variant.language}, {variant.material})" if variant else ""
        click.echo(f"{problem}{where}", err=True)
    click.echo(
        f"{len(result.written)} files built, {len(result.unchanged)} up to date;"
        f" {len(result.failures)} problem{'s' if len(result.failures) != 1 else ''};"
        f" report: {out / 'index.html'}",
        err=not result.ok,
    )
    if not result.ok:
        sys.exit(1)


class _ProgressBar:
    """A bar on a terminal: one step per finished file; messages other than 'wrote' pass."""

    def __init__(self) -> None:
        self.bar = None

    def message(self, text: str) -> None:
        if not text.startswith("wrote "):
            click.echo(text)

    def advance(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="rendering", show_pos=True)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print every finding and score as JSON, for CI.")
@click.option("--explain", metavar="RULE", help="Say what a review rule checks, and stop.")
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The review rules (default: handout.yaml's, else rules/review.yaml).",
)
@reports_errors
def check(sources, as_json, explain, rules_file) -> None:
    """Validate SOURCES (default: every sources/*.yaml) and review them against the rules:
    required blocks, banned claims, citations, reading level, review dates. Exit 1 on any
    error; warnings are reported."""
    from builder.batch.build import check as run_check
    from builder.batch.build import configured_rules
    from builder.batch.gate import network_regions, review_all, rules_for

    rules = rules_for(rules_file or configured_rules())
    if explain:
        _explain(rules, explain)
        return
    try:
        materials = run_check(sources)
    except SourceError as error:
        if not as_json:
            raise
        _print_json([], error.problems, [])
        sys.exit(1)
    findings = review_all(materials, network_regions() if not sources else {}, rules)
    errors = [f for f in findings if f.severity == "error"]
    if as_json:
        _print_json(materials, [], findings)
        sys.exit(1 if errors else 0)
    from builder.source.prescore import pre_scores
    from builder.source.readability import MEASURE_NAMES, part_scores

    for material in materials:
        click.echo(
            f"ok {material.meta.id}: {len(material.sections)} shared sections,"
            f" {len(material.conditions)} conditions"
        )
        for pre in pre_scores(material):
            missed = f" (not found: {', '.join(pre.missed)})" if pre.missed else ""
            click.echo(
                f"   pre-score: {pre.condition} {pre.percent}% of the items a program can judge{missed}"
            )
        scores = part_scores(material)
        for measure in dict(scores[0].values) if scores else ():
            values = [s.value(measure) for s in scores if s.value(measure) is not None]
            click.echo(
                f"   reading: {MEASURE_NAMES[measure]} {min(values):g} to {max(values):g}"
                f" over {len(values)} parts"
            )
    for finding in findings:
        click.echo(str(finding), err=True)
    warnings = len(findings) - len(errors)
    if findings:
        click.echo(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
            " from the review rules (handout check --explain RULE says what one checks)",
            err=True,
        )
    if errors:
        sys.exit(1)


def _explain(rules, rule_id: str) -> None:
    from builder.source.fields import did_you_mean

    rule = rules.get(rule_id)
    if rule is None:
        known = [r.id for r in rules.rules]
        raise UsageProblem(
            f"no rule '{rule_id}'{did_you_mean(rule_id, known)}; the rules are {', '.join(known)}"
        )
    click.echo(f"{rule.id} ({rule.group}, {rule.severity}; {rule.loc}):\n  {rule.explain}")


def _print_json(materials, problems, findings) -> None:
    import json

    from builder.source.prescore import pre_scores
    from builder.source.readability import part_scores

    report = {
        "ok": not problems and not any(f.severity == "error" for f in findings),
        "findings": [
            {
                "rule": "source",
                "severity": "error",
                "file": p.loc.path,
                "line": p.loc.line,
                "col": p.loc.col,
                "message": p.message,
            }
            for p in problems
        ]
        + [finding.as_json() for finding in findings],
        "prescores": {m.meta.id: [p.as_json() for p in pre_scores(m)] for m in materials},
        "scores": {m.meta.id: [s.as_json() for s in part_scores(m)] for m in materials},
    }
    click.echo(json.dumps(report, indent=2, ensure_ascii=False))


@main.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--language", required=True, metavar="TAG", help="The translation's language, e.g. es-US.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The translation file (default: beside the source, e.g. NAME.es.yaml).",
)
@reports_errors
def translate(source, language, out) -> None:
    """Write or update SOURCE's translation file: new texts listed, done ones kept."""
    from builder.source.translate import write_skeleton

    path, counts = write_skeleton(source, language, out)
    click.echo(
        f"wrote {path}: {counts['done']} translated, {counts['stale']} stale, {counts['missing']} to do"
    )


@main.command()
@click.argument("name")
@click.option(
    "--folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("sources"),
    show_default=True,
    help="Where the new source goes.",
)
@reports_errors
def new(name, folder) -> None:
    """Start a new material NAME from a commented template that builds as it is."""
    from builder.source.scaffold import new_material

    path = new_material(name, folder)
    click.echo(f"wrote {path}; build it with: handout build {path}")


@main.command("watch")
@click.option(
    "--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"), show_default=True
)
@click.option("--theme", default="default", show_default=True)
@reports_errors
def watch_command(out, theme) -> None:
    """Rebuild what handout.yaml configures whenever a source, clinic or layout file is saved."""
    from builder.batch.config import read_config
    from builder.batch.network import build_all
    from builder.batch.watch import watch
    from builder.theme.types import theme_folder

    config = read_config()

    def rebuild(changed: list[str]) -> None:
        click.echo(f"changed: {', '.join(changed)}")
        try:
            result = build_all(out=out, theme=theme, progress=click.echo, thumbnails=False)
        except HandoutError as error:
            for line in error.diagnostics():
                click.echo(line, err=True)
            return
        for variant, problem in result.failures:
            click.echo(
                f"{problem} ({variant.clinic}, {variant.language})" if variant else str(problem), err=True
            )
        click.echo(f"{len(result.written)} files rebuilt, {len(result.unchanged)} up to date; watching…")

    rebuild(["(start)"])
    try:
        watch([config.sources, theme_folder(theme), Path("handout.yaml")], rebuild)
    except KeyboardInterrupt:
        click.echo("stopped")
