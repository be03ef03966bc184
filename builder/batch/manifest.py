"""Remembers what each output was built from, so a rebuild skips what did not change."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from builder.batch.files import MANIFEST_FILE
from builder.output import write_atomic

PACKAGE = Path(__file__).resolve().parent.parent  # the builder's own code


@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """A digest of the builder's own files, so that an upgraded or edited builder rebuilds
    what it would now make differently (its version number alone misses an edit)."""
    import hashlib  # here, not above: a rebuild with nothing to do hashes nothing

    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def fingerprint(*parts: bytes | str) -> str:
    """A digest of everything an output depends on, starting with the builder's own code."""
    import hashlib

    digest = hashlib.sha256(code_digest())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class FileDigests:
    """Each input file read and hashed once per build, however many outputs depend on it."""

    def __init__(self) -> None:
        self.known: dict[Path, str] = {}

    def of(self, path: Path) -> str:
        if path not in self.known:
            import hashlib

            self.known[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self.known[path]

    def of_files(self, paths: list[Path], root: Path) -> str:
        """A digest of files' names (relative to `root`) and contents, in a stable order."""
        named = sorted((path.relative_to(root).as_posix(), path) for path in paths)
        return fingerprint(*[part for name, path in named for part in (name, self.of(path))])

    def of_folder(self, folder: Path) -> str:
        """A digest of every file under `folder` (Python's caches aside)."""
        return self.of_files(folder_files(folder), folder)


def folder_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


@dataclass
class Manifest:
    """Output key -> the fingerprint of its inputs and the files it wrote (relative paths);
    and, after a build that failed nowhere, the stamp of the whole plan (see
    builder.batch.uptodate)."""

    entries: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, list] = field(default_factory=dict)  # file name -> [digest, material id]
    plan: dict = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> "Manifest":
        """The manifest in an output folder, or an empty one (a damaged one counts as empty)."""
        try:
            data = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
            return cls(
                dict(data.get("entries", {})), dict(data.get("sources", {})), dict(data.get("plan", {}))
            )
        except (OSError, ValueError, AttributeError, TypeError):
            return cls()

    def unchanged(self, key: str, inputs: str, out: Path) -> list[Path] | None:
        """The files of an output whose inputs have not changed and whose files are all there."""
        entry = self.entries.get(key)
        if not entry or entry.get("inputs") != inputs:
            return None
        files = [out / name for name in entry.get("files", [])]
        return files if files and all(path.is_file() for path in files) else None

    def record(self, key: str, inputs: str, files: list[Path], out: Path) -> None:
        """Remember what an output was built from."""
        self.entries[key] = {"inputs": inputs, "files": sorted(p.relative_to(out).as_posix() for p in files)}

    def forget(self, key: str) -> None:
        """Drop an output whose build failed, so the next build tries again."""
        self.entries.pop(key, None)

    def save(self, out: Path) -> None:
        """Write the manifest (compact: it is read by the builder only, at every build)."""
        data = {"entries": self.entries, "sources": self.sources, "plan": self.plan}
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        write_atomic(out / MANIFEST_FILE, (text + "\n").encode("utf-8"))
