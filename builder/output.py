"""Writes output files atomically: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import os
import secrets
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
        temporary = _temporary_name(path)
        self.staged.append((temporary, path, order))  # first, so discard() finds it whatever happens
        _write_new(temporary, data, sync=False)

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
    temporary = _temporary_name(path)
    try:
        _write_new(temporary, data, sync=True)
        os.replace(temporary, path)
    except BaseException:  # Ctrl-C included: the name is known before the file exists
        temporary.unlink(missing_ok=True)
        raise


def _temporary_name(path: Path) -> Path:
    """A hidden name beside `path` for its new bytes (the folder made if need be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"


def _write_new(temporary: Path, data: bytes, sync: bool) -> None:
    """Create `temporary` (it must not exist) holding `data`, readable by all."""
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        if sync:
            stream.flush()
            os.fsync(stream.fileno())
    os.chmod(temporary, 0o644)
