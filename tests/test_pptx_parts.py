"""The fast slide, notes and part-name helpers write exactly what python-pptx would."""

from __future__ import annotations

from builder.renderers import deck, pptx_parts


def test_the_fast_paths_give_the_same_bytes_as_python_pptx_alone(sample_material, default_theme, monkeypatch):
    fast = deck.render(sample_material, default_theme).files["msc-chronic-pain.pptx"]

    class RebuildEveryNotesPage(pptx_parts.NotesWriter):
        def write(self, slide, text, language):
            self.prototype = None
            super().write(slide, text, language)

    monkeypatch.setattr(
        pptx_parts.SlideMaker, "add", lambda self, layout: self.presentation.slides.add_slide(layout)
    )
    monkeypatch.setattr(deck, "NotesWriter", RebuildEveryNotesPage)
    monkeypatch.setattr(deck, "count_part_names", lambda package: None)
    slow = deck.render(sample_material, default_theme).files["msc-chronic-pain.pptx"]
    assert fast == slow
