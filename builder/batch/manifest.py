"""Remembers what each output was built from, so a rebuild skips what did not change."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from builder import __version__
from builder.output import write_atomic

MANIFEST_FILE = ".handout-manifest.json"


def fingerprint(*parts: bytes | str) -> str:
    """A digest of everything an output depends on, starting with the builder's version."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def files_fingerprint(paths: list[Path], root: Path) -> str:
    """A digest of files' names (relative to `root`) and contents, in a stable order."""
    named = sorted((path.relative_to(root).as_posix(), path) for path in paths)
    return fingerprint(*[part for name, path in named for part in (name, path.read_bytes())])


@dataclass
class Manifest:
    """Output key -> the fingerprint of its inputs and the files it wrote (relative paths)."""

    entries: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, list] = field(default_factory=dict)  # file name -> [digest, material id]

    @classmethod
    def load(cls, out: Path) -> "Manifest":
        """The manifest in an output folder, or an empty one (a damaged one counts as empty)."""
        try:
            data = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
            return cls(dict(data.get("entries", {})), dict(data.get("sources", {})))
        except (OSError, ValueError, AttributeError):
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
        data = {"entries": self.entries, "sources": self.sources}
        write_atomic(out / MANIFEST_FILE, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())
