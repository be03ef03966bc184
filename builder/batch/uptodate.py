"""Tells from the manifest alone that a network build has nothing to do, reading no source.

A build that fails nowhere records a stamp of everything the whole plan was read from: the
name, size and modification time of handout.yaml, of every file in the folders it names (the
sources, clinics and logos among them, and the theme), of the rules file and of the builder's
own code; and the files a rebuild with nothing to do would list. When a later build finds
the same stamp and every one of those files still there, it writes build.json and stops: no
YAML is parsed, no file read but the manifest and build.json, however many clinics the network
has. Any difference, one clinic's phone number or a file merely saved again, takes the full
build, which compares contents and skips what did not change, output by output.

Sizes and times are how Python tells that a cached .pyc is stale, and how git and make tell
a file changed. A file changed again within the same tick of the clock, to the same size,
could pass for unchanged; so no stamp is recorded while any input is younger than
SETTLE_SECONDS (the next build records it).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from builder.batch.files import CONFIG_FILE, REPORT_FILE
from builder.batch.manifest import PACKAGE, Manifest
from builder.batch.pipeline import Variant
from builder.batch.result import BatchResult, file_row, parts_of, report_text
from builder.errors import SourceError
from builder.output import write_atomic
from builder.theme.folder import theme_folder

SETTLE_SECONDS = 2  # coarser than the clock of any file system a build is likely to run on


def plan_stamp(theme: str, folders: Sequence[Path], files: Sequence[Path]) -> dict:
    """The stamp of a plan read from handout.yaml, `folders` and `files` (a file that does not
    exist is stamped as missing), for the theme named `theme`."""
    chosen = [CONFIG_FILE, *files, *[path for folder in [*folders, PACKAGE] for path in _files_under(folder)]]
    return {
        "theme": str(theme_folder(theme)),  # the folder the name finds now
        "folders": [str(folder) for folder in folders],
        "files": [str(file) for file in files],
        "inputs": [[str(path), *_signature(path)] for path in chosen],
    }


def settled(stamp: dict, now_ns: int | None = None) -> bool:
    """True when every input of the stamp is old enough for its time to be trusted."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    return all(modified < now_ns - SETTLE_SECONDS * 10**9 for _name, _size, modified in stamp["inputs"])


def _files_under(folder: Path) -> list[str]:
    """Every file under `folder` but Python's caches, as strings, in a stable order."""
    found = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        found += [os.path.join(root, name) for name in sorted(names)]
    return found


def _signature(path: str | Path) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (-1, 0)
    return (status.st_size, status.st_mtime_ns)


def unchanged_build(
    out: Path, theme: str, progress: Callable[[str], None] = lambda message: None
) -> BatchResult | None:
    """The result of a build with nothing to do, its build.json written; None when something
    may have changed (or the last build failed somewhere), so the full build must look."""
    plan = Manifest.load(out).plan
    try:
        stamp = plan_stamp(
            theme, [Path(folder) for folder in plan["folders"]], [Path(f) for f in plan["files"]]
        )
        if any(plan[part] != stamp[part] for part in stamp):
            return None
        rows = [(clinic, language, material, name) for clinic, language, material, name in plan["listing"]]
    except (KeyError, TypeError, ValueError, SourceError):  # no stamp yet, a damaged one, no theme
        return None
    if not (out / "index.html").is_file():
        return None
    files, listed, variants = [], [], {}
    for clinic, language, material, name in rows:  # strings while they can be: thousands of them
        try:
            size = os.stat(os.path.join(out, name)).st_size
        except OSError:  # a file gone: the full build makes it again
            return None
        files.append(file_row(clinic, language, material, name, size, False))
        key = (clinic, language, material)
        if key not in variants:
            variants[key] = Variant(clinic, language, material, out / clinic / language / material)
        listed.append((variants[key], out / name))
    result = BatchResult(unchanged=listed)
    progress(f"{len(listed)} files are up to date")
    write_atomic(out / REPORT_FILE, report_text(files, result, out, _kept(out)).encode("utf-8"))
    return result


def _kept(out: Path) -> dict[str, str]:
    """The scores and web pages the last build.json holds, as text: with nothing changed they
    are what a full look would find (the last build's, for the same files), and they are the
    bulk of the file, so they are copied rather than read and written again."""
    try:
        parts = parts_of((out / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
    return {name: parts[name] for name in ("scores", "web_pages") if name in parts}
