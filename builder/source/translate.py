"""The `handout translate` command's work: write or update a translation file."""

from __future__ import annotations

from pathlib import Path

from builder.errors import Problems, SourceError
from builder.model import Location
from builder.output import write_atomic
from builder.source.reader import material_from_tree
from builder.source.translation import (
    english_hash,
    matched,
    only_variables,
    read_translation,
    skeleton,
    translatable,
    translation_path,
)
from builder.source.yamlpos import display_path, read_yaml


def write_skeleton(source: Path, language: str, out: Path | None = None) -> tuple[Path, dict[str, int]]:
    """Write the translation file for `source`; how many texts are done, stale and missing."""
    root = read_yaml(source, display_path(source))
    material = material_from_tree(source, root)  # the English must be valid first
    english = read_yaml(source, display_path(source))
    target = out or translation_path(source, language)
    existing = None
    if target.exists():
        problems = Problems()
        existing = read_translation(read_yaml(target, display_path(target)), problems)
        problems.raise_if_any()
        if existing is not None and existing.of != material.meta.id:
            raise SourceError.at(
                Location(display_path(target)), f"translates '{existing.of}', not '{material.meta.id}'"
            )
    write_atomic(target, skeleton(english, existing, material.meta.id, language).encode("utf-8"))
    done = {k: e for k, e in matched(english, existing.entries)[0].items() if e.text} if existing else {}
    counts = {"done": 0, "stale": 0, "missing": 0}
    for key, node in translatable(english):
        entry = done.get(key)
        if entry is None and only_variables(str(node.value)):
            counts["done"] += 1  # filled in as it is: there is nothing to translate
        elif entry is None:
            counts["missing"] += 1
        elif entry.english != english_hash(str(node.value)):
            counts["stale"] += 1
        else:
            counts["done"] += 1
    return target, counts
