"""Reads the build configuration (handout.yaml): which materials, clinics, outputs and print
versions a network build makes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.batch.files import CONFIG_FILE
from builder.errors import Problems
from builder.location import Location
from builder.render import RENDERERS
from builder.render.address import FIELDS as WEB_FIELDS
from builder.render.address import unknown_fields
from builder.source import fields
from builder.source.fields import Fields, did_you_mean
from builder.source.yamlpos import Node, display_path, read_yaml

FORMATS = tuple(RENDERERS)  # pptx, pdf, html, pdf-ua
PROFILES = ("office", "press")


@dataclass(frozen=True)
class BuildConfig:
    """What `handout build --all` makes: every material for every clinic and language."""

    sources: Path
    clinics: tuple[str, ...] | None  # None: all
    materials: tuple[str, ...] | None  # None: all
    outputs: tuple[str, ...]
    brochures: tuple[str, ...] | None  # None: the theme's default layout
    profiles: tuple[str, ...]
    loc: Location
    rules: Path | None = None  # the review rules (None: rules/review.yaml, or the project's own)
    web: str | None = None  # where the web pages are posted (None: builder.render.address's default)


def read_config(path: Path = CONFIG_FILE) -> BuildConfig:
    """The configuration file, checked; SourceError for anything wrong in it."""
    problems = Problems()
    root = read_yaml(path, display_path(path))
    f = Fields(
        root,
        problems,
        "the build configuration",
        required=("sources",),
        optional=("clinics", "materials", "outputs", "brochures", "print", "rules", "web"),
    )
    sources = (
        Path(fields.scalar(f.values["sources"], problems, "sources") or ".")
        if f.get("sources")
        else Path(".")
    )
    folder = path.parent / sources
    if f.get("sources") and not folder.is_dir():
        problems.add(f.values["sources"].loc, f"no such folder '{sources}'")
    config = BuildConfig(
        sources=folder,
        clinics=_names(f.get("clinics"), problems, "clinics"),
        materials=_names(f.get("materials"), problems, "materials"),
        outputs=_choices(f.get("outputs"), FORMATS, problems, "outputs") or FORMATS,
        brochures=_names(f.get("brochures"), problems, "brochures"),
        profiles=_choices(f.get("print"), PROFILES, problems, "print") or ("office",),
        loc=root.loc,
        rules=_rules_file(f.get("rules"), path.parent, problems),
        web=web_pattern(f.get("web"), problems),
    )
    problems.raise_if_any()
    return config


def web_pattern(node: Node | None, problems: Problems) -> str | None:
    """A `web:` pattern of the web pages' addresses, such as
    `{website}/handouts/{language}/{material}/{file}` (see builder.render.address), checked:
    each {field} must be one an address has."""
    if node is None:
        return None
    pattern = fields.scalar(node, problems, "web")
    if not pattern:
        return None
    unknown = unknown_fields(pattern)
    if unknown == [pattern]:
        problems.add(
            node.loc,
            f"the web address pattern {pattern!r} has a '{{' or '}}' without its pair;"
            " a field is written {name}",
        )
        return None
    for name in unknown:
        problems.add(
            node.loc,
            f"unknown field '{{{name}}}' in the web address pattern{did_you_mean(name, WEB_FIELDS)};"
            f" fields: {', '.join('{' + field + '}' for field in WEB_FIELDS)}",
        )
    return None if unknown else pattern


def _rules_file(node: Node | None, folder: Path, problems: Problems) -> Path | None:
    if node is None:
        return None
    named = fields.scalar(node, problems, "rules")
    if named is None:
        return None
    path = folder / named
    if not path.is_file():
        problems.add(node.loc, f"no such rules file '{named}'")
    return path


def _names(node: Node | None, problems: Problems, what: str) -> tuple[str, ...] | None:
    if node is None or (node.kind == "scalar" and node.value == "all"):
        return None
    return tuple(
        name for item in fields.items(node, problems, what) if (name := fields.scalar(item, problems, what))
    )


def _choices(node: Node | None, allowed: tuple[str, ...], problems: Problems, what: str) -> tuple[str, ...]:
    if node is None:
        return ()
    chosen = []
    for item in fields.items(node, problems, what):
        value = fields.scalar(item, problems, what)
        if value and value not in allowed:
            problems.add(
                item.loc,
                f"unknown {what} '{value}'{did_you_mean(value, allowed)}; choose from {', '.join(allowed)}",
            )
        elif value:
            chosen.append(value)
    return tuple(chosen)
