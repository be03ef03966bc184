"""`handout watch`: rebuild when a source, translation, clinic or layout file is saved.

The network build is incremental, so each rebuild remakes only the outputs whose inputs the
saved change touched. A build's problems are printed and the watch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

WATCHED_SUFFIXES = (".yaml", ".yml", ".pptx", ".png", ".jpg", ".jpeg", ".html", ".ttf")


def relevant(changes: Iterable[tuple[object, str]]) -> list[str]:
    """The changed paths a rebuild cares about (not editors' swap files, not our output)."""
    paths = []
    for _kind, path in changes:
        name = Path(path).name
        if name.startswith(".") or name.endswith("~") or not name.lower().endswith(WATCHED_SUFFIXES):
            continue
        paths.append(path)
    return sorted(set(paths))


def watch(folders: list[Path], rebuild: Callable[[list[str]], None], batches: Iterable | None = None) -> None:
    """Call rebuild(changed paths) after each batch of saved changes, until interrupted."""
    if batches is None:
        from watchfiles import watch as file_changes

        batches = file_changes(*folders)
    for batch in batches:
        changed = relevant(batch)
        if changed:
            rebuild(changed)
