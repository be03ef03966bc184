"""A rebuild with nothing changed is told from the manifest's stamp alone, and nothing else is."""

from __future__ import annotations

import json
import os
import time

import pytest
import yaml

from builder.batch import network
from builder.batch.manifest import PACKAGE, Manifest
from builder.batch.network import build_all
from builder.batch.uptodate import SETTLE_SECONDS, plan_stamp, settled

from . import test_network
from .helpers import png_bytes

project = test_network.project  # the same project: a material, its translation, two clinics

THEME = "layouts/default"


def settle(folder) -> None:
    """Date every file of the project back, as if it had been written a while ago."""
    then = time.time() - 10 * SETTLE_SECONDS
    for root, _folders, names in os.walk(folder):
        for name in names:
            os.utime(os.path.join(root, name), (then, then))


def build(**options):
    return build_all(theme=THEME, thumbnails=False, **options)


@pytest.fixture
def full_builds(monkeypatch):
    """The network builds that looked at the sources (the others were told by the stamp)."""
    calls = []
    real = network.build_network

    def counted(*args, **kwargs):
        calls.append(kwargs.get("stamp"))
        return real(*args, **kwargs)

    monkeypatch.setattr(network, "build_network", counted)
    return calls


def built_and_settled(project):
    first = build()
    assert first.ok and first.written
    settle(project)
    build()  # the first build's inputs were too new to stamp; this one records the stamp
    assert Manifest.load(project / "output").plan, "a settled build that failed nowhere records a stamp"
    return first


def test_a_rebuild_with_nothing_changed_reads_no_source_and_reports_every_file(project, full_builds):
    first = built_and_settled(project)
    looked = len(full_builds)
    again = build()
    assert len(full_builds) == looked, "the stamp alone told that nothing changed"
    assert not again.written and sorted(p for _v, p in again.unchanged) == sorted(
        p for _v, p in first.written
    )


def test_the_stamped_rebuild_writes_the_build_json_a_full_look_writes(project):
    built_and_settled(project)
    out = project / "output"
    build()
    told = (out / "build.json").read_bytes()
    manifest = Manifest.load(out)
    manifest.plan = {}
    manifest.save(out)  # no stamp: the next build looks at every source
    build()
    looked = (out / "build.json").read_bytes()
    assert told == looked
    report = json.loads(told)
    assert report["files"] and not any(row["rebuilt"] for row in report["files"])
    assert report["scores"], "the reading scores are carried over, not dropped"


def edit_clinics(project):
    path = project / "sources" / "clinics.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["clinics"][0]["phone"] = "555-7777"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def edit_material(project):
    path = project / "sources" / "tiny.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Knees bend.", "Knees bend slowly."), encoding="utf-8"
    )


def edit_logo(project):
    (project / "sources" / "south.png").write_bytes(png_bytes(40, 12))


def edit_theme(project):
    path = next(p for p in sorted((project / "layouts" / "default").rglob("*.yaml")))
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def edit_config(project):
    path = project / "handout.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


def add_rules(project):
    (project / "rules").mkdir()
    (project / "rules" / "review.yaml").write_text("{}\n", encoding="utf-8")


def touch_material(project):
    path = project / "sources" / "tiny.yaml"
    path.write_bytes(path.read_bytes())  # the same bytes, saved again


@pytest.mark.parametrize(
    "change", [edit_clinics, edit_material, edit_logo, edit_theme, edit_config, add_rules, touch_material]
)
def test_any_change_to_an_input_sends_the_build_to_look_at_the_sources(project, full_builds, change):
    built_and_settled(project)
    looked = len(full_builds)
    change(project)
    again = build()
    assert len(full_builds) == looked + 1
    if change is touch_material:
        assert not again.written, "the full look compares contents: the same bytes build nothing"


def test_an_output_deleted_since_is_built_again(project, full_builds):
    first = built_and_settled(project)
    lost = first.written[0][1]
    lost.unlink()
    again = build()
    rebuilt = {p for _v, p in again.written}
    assert lost.is_file() and lost in rebuilt
    assert rebuilt - {lost} <= {lost.parent.parent / "index.html"}, (
        "only its folder's index is rewritten with it"
    )


def test_a_build_that_failed_somewhere_records_no_stamp(project):
    (project / "sources" / "south.png").unlink()
    assert not build().ok
    settle(project)
    assert not build().ok
    assert Manifest.load(project / "output").plan == {}


def test_inputs_written_moments_ago_are_not_trusted_to_a_stamp(project):
    assert build().ok
    assert Manifest.load(project / "output").plan == {}


def test_the_stamp_covers_the_builders_own_code_and_marks_missing_files(project):
    missing = project / "rules" / "review.yaml"
    stamp = plan_stamp(THEME, [project / "sources"], [missing])
    names = {name for name, _size, _modified in stamp["inputs"]}
    assert str(PACKAGE / "model.py") in names and str(project / "sources" / "clinics.yaml") in names
    assert [str(missing), -1, 0] in stamp["inputs"]


def test_a_stamp_is_settled_only_when_every_input_is_older_than_the_settling_time():
    now = 100 * 10**9
    old = {"inputs": [["a", 1, now - (SETTLE_SECONDS + 1) * 10**9]]}
    new = {"inputs": [["a", 1, now - (SETTLE_SECONDS + 1) * 10**9], ["b", 1, now - 10**8]]}
    assert settled(old, now) and not settled(new, now)


def test_a_damaged_stamp_means_a_full_look_not_a_traceback(project, full_builds):
    built_and_settled(project)
    out = project / "output"
    manifest = Manifest.load(out)
    manifest.plan = {"folders": 3, "files": None}
    manifest.save(out)
    looked = len(full_builds)
    assert build().ok and len(full_builds) == looked + 1
