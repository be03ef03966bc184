"""Writes output files atomically: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class Staging:
    """Files written under temporary names, all renamed into place at once, or all removed.

    A build writes each file as soon as it is made (so memory stays flat however many there
    are) and still leaves the output folder untouched when any of them fails.
    """

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path, int]] = []

    def add(self, path: Path, data: bytes, order: int = 0) -> None:
        """Write `data` under a temporary name beside `path`; `order` sorts the commit."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        self.staged.append((Path(temporary), path, order))

    def commit(self) -> list[Path]:
        """Rename every staged file into place; the final paths, in order."""
        ordered = sorted(self.staged, key=lambda entry: entry[2])  # stable: insertion order within
        for temporary, path, _order in ordered:
            os.replace(temporary, path)
        self.staged.clear()
        return [path for _temporary, path, _order in ordered]

    def discard(self) -> None:
        """Remove every staged file."""
        for temporary, _path, _order in self.staged:
            temporary.unlink(missing_ok=True)
        self.staged.clear()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
