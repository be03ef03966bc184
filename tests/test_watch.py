"""`handout watch`: which saved changes trigger a rebuild."""

from __future__ import annotations

from builder.batch.watch import relevant, watch


def test_only_source_layout_and_picture_files_count():
    changes = [
        (1, "sources/msc.yaml"),
        (2, "sources/.msc.yaml.swp"),
        (1, "sources/msc.yaml~"),
        (1, "layouts/default/reference.pptx"),
        (1, "sources/images/logo.png"),
        (1, "notes.txt"),
    ]
    assert relevant(changes) == [
        "layouts/default/reference.pptx",
        "sources/images/logo.png",
        "sources/msc.yaml",
    ]


def test_each_batch_with_a_relevant_change_rebuilds_once():
    calls = []
    watch([], calls.append, batches=[[(1, "a.yaml"), (2, "a.yaml")], [(1, ".swap")], [(1, "b.png")]])
    assert calls == [["a.yaml"], ["b.png"]]
