"""Reads a set of source files — materials and their translations — reporting all problems."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from builder.errors import Problems, SourceError
from builder.model import Location, Material
from builder.source.reader import material_from_tree
from builder.source.translation import Translation, overlay, read_translation
from builder.source.yamlpos import Node, display_path, read_yaml


def is_clinics(root: Node) -> bool:
    """True when a parsed source file lists clinics (it is read by the batch stage)."""
    return root.kind == "map" and "clinics" in root.value  # type: ignore[operator]


def is_translation(root: Node) -> bool:
    """True when a parsed source file is a translation rather than a material."""
    return root.kind == "map" and "translation" in root.value  # type: ignore[operator]


def read_all(
    paths: list[Path],
    variables: dict[str, object] | None = None,
    trees: dict[Path, Node] | None = None,
    tags: dict[str, str] | None = None,
) -> list[Material]:
    """Every material named, then every translation as a material of its own language.

    `variables` override the sources' own (a clinic's details); files that list clinics are
    skipped, as they are not materials. Each file is parsed once into `trees`, which a caller
    reading the same files again (once per clinic) passes each time; the trees are shared,
    never changed. `tags` maps a primary language to the tag to read it in (a clinic's
    es-US for an es-ES translation), so its numbers and dates are written that way.
    """
    tags = tags or {}
    trees = {} if trees is None else trees
    problems = Problems()
    materials: list[Material] = []
    origins: dict[str, Path] = {}
    translations: list[Translation] = []
    ids: dict[str, Location] = {}
    for path in paths:
        try:
            root = _tree(path, trees)
            if is_clinics(root):
                continue
            if is_translation(root):
                found = read_translation(root, problems)
                if found is not None:
                    translations.append(found)
                continue
            material = material_from_tree(path, root, variables, language=_tag_for(root, tags))
        except SourceError as error:
            problems.extend(error)
            continue
        _unique(material, ids, problems)
        origins[material.meta.id] = path
        materials.append(material)
    for translation in translations:
        translated = _translated(translation, origins, problems, variables, trees, tags)
        if translated is not None:
            _unique(translated, ids, problems)
            materials.append(translated)
    problems.raise_if_any()
    return materials


def _tag_for(root: Node, tags: dict[str, str]) -> str | None:
    """The tag a source is read in: the one `tags` gives its language, else its own."""
    if not tags or root.kind != "map" or "material" not in root.value:  # type: ignore[operator]
        return None
    material = root.value["material"]  # type: ignore[index]
    node = material.value.get("language") if material.kind == "map" else None
    own = str(node.value) if node is not None and node.kind == "scalar" else ""
    return tags.get(own.split("-")[0].lower()) if own else None


def translated_id(material_id: str, language: str) -> str:
    """The id of a material's translation, e.g. msc-chronic-pain-es."""
    return f"{material_id}-{language.split('-')[0].lower()}"


def _translated(
    translation: Translation,
    origins: dict[str, Path],
    problems: Problems,
    variables: dict[str, object] | None,
    trees: dict[Path, Node],
    tags: dict[str, str],
) -> Material | None:
    english = origins.get(translation.of)
    if english is None:
        problems.add(
            translation.of_loc, f"translates '{translation.of}', which is not among the sources read"
        )
        return None
    local = Problems()
    tree = overlay(_tree(english, trees), translation, local)
    if local:
        problems.items.extend(local.items)
        return None
    try:
        language = tags.get(translation.language.split("-")[0].lower(), translation.language)
        material = material_from_tree(english, tree, variables, language=language)
    except SourceError as error:
        problems.extend(error)
        return None
    meta = replace(material.meta, id=translated_id(material.meta.id, translation.language))
    return replace(material, meta=meta)


def _unique(material: Material, ids: dict[str, Location], problems: Problems) -> None:
    if material.meta.id in ids:
        problems.add(
            material.meta.loc,
            f"material id '{material.meta.id}' is also used by {ids[material.meta.id].path}",
        )
    ids[material.meta.id] = material.meta.loc


def _tree(path: Path, trees: dict[Path, Node]) -> Node:
    """The parsed file, parsed on first use."""
    found = trees.get(path)
    if found is None:
        found = trees[path] = read_yaml(path, display_path(path))
    return found
