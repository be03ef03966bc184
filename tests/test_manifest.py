"""The manifest: fingerprints that follow the builder's code, each input read once per build."""

from __future__ import annotations

from pathlib import Path

from builder.batch import manifest
from builder.batch.manifest import FileDigests, Manifest, fingerprint


def test_a_fingerprint_changes_when_the_builders_own_code_does(monkeypatch):
    before = fingerprint("same input")
    monkeypatch.setattr(manifest, "code_digest", lambda: b"an edited builder")
    assert fingerprint("same input") != before


def test_the_code_digest_covers_every_module_of_the_builder():
    digest = manifest.code_digest()
    assert len(digest) == 32 and (manifest.PACKAGE / "model.py").is_file()


def test_each_file_is_read_once_however_many_outputs_ask(tmp_path, monkeypatch):
    (tmp_path / "a.yaml").write_text("a", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("b", encoding="utf-8")
    reads = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or real(self))
    digests = FileDigests()
    first = digests.of_folder(tmp_path)
    for _ in range(5):
        assert digests.of_folder(tmp_path) == first
    assert sorted(reads) == ["a.yaml", "b.yaml"]


def test_a_folders_digest_follows_names_and_contents(tmp_path):
    (tmp_path / "a.yaml").write_text("a", encoding="utf-8")
    first = FileDigests().of_folder(tmp_path)
    (tmp_path / "a.yaml").rename(tmp_path / "c.yaml")
    renamed = FileDigests().of_folder(tmp_path)
    (tmp_path / "c.yaml").write_text("c", encoding="utf-8")
    assert len({first, renamed, FileDigests().of_folder(tmp_path)}) == 3


def test_the_plan_stamp_survives_a_save_and_a_damaged_manifest_loads_empty(tmp_path):
    saved = Manifest(plan={"theme": "t", "inputs": [["a", 1, 2]]})
    saved.save(tmp_path)
    assert Manifest.load(tmp_path).plan == saved.plan
    (tmp_path / manifest.MANIFEST_FILE).write_text('{"entries": [1, 2]}', encoding="utf-8")
    assert Manifest.load(tmp_path) == Manifest()
