"""Measures text with a font's real metrics: widths, line breaks and line heights."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from builder.model import Span
from builder.render.breaks import HINT, hinted
from builder.theme.fonts import FontFiles, style_of
from builder.theme.ttf import FontMetrics, read_metrics


@dataclass(frozen=True)
class TextMeasure:
    """Measures spans set in one font family."""

    files: FontFiles
    _by_style: dict[str, FontMetrics] = field(default_factory=dict, compare=False, repr=False)

    def metrics(self, style: str = "regular") -> FontMetrics:
        """The parsed metrics of one style's file (asked for every word a plan measures)."""
        found = self._by_style.get(style)
        if found is None:
            found = self._by_style[style] = read_metrics(self.files.path(style))
        return found

    @property
    def line_factor(self) -> float:
        """Line height as a multiple of the size."""
        return self.metrics().line_factor

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The advance width of `text` in points."""
        return self.metrics(style_of(bold, italic)).width(text, size)

    def missing_glyphs(self, text: str) -> str:
        """The characters of `text` that the regular font cannot draw."""
        return _missing(self.metrics(), text)

    def wrap(self, spans: tuple[Span, ...], size: float, width: float) -> list[str]:
        """Break styled text into lines no wider than `width`, the way a text box does."""
        words: list[tuple[str, float, float]] = []  # (word, width, width of what follows)
        for span in spans:
            space = self.width(" ", size, span.bold, span.italic)
            for index, piece in enumerate(hinted(span.text).split(" ")):
                for part, unit in enumerate(piece.split(HINT)):  # a web address's break points
                    if (index > 0 and part == 0) or not words:
                        words.append(("", 0.0, 0.0))
                    elif part > 0:  # the line may break here, and nothing stands between
                        word, word_width, _ = words[-1]
                        words[-1] = (word, word_width, 0.0)
                        words.append(("", 0.0, 0.0))
                    word, word_width, _ = words[-1]
                    words[-1] = (
                        word + unit,
                        word_width + self.width(unit, size, span.bold, span.italic),
                        space,
                    )
        lines: list[str] = []
        current, current_width, joiner = "", 0.0, " "
        for word, word_width, space in words:
            if not word:
                continue
            if current and current_width + word_width > width:
                lines.append(current)
                current, current_width = "", 0.0
            while word_width > width and len(word) > 1:  # a word longer than the line breaks
                cut = len(word) - 1
                while cut > 1 and self.width(word[:cut], size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = self.width(word, size)
            current = f"{current}{joiner}{word}" if current else word
            current_width += word_width + space
            joiner = " " if space else ""
        if current:
            lines.append(current)
        return lines or [""]

    def height(self, spans: tuple[Span, ...], size: float, width: float) -> float:
        """The height in points that the wrapped text takes at single line spacing."""
        return len(self.wrap(spans, size, width)) * size * self.line_factor


@lru_cache(maxsize=8192)
def _missing(metrics: FontMetrics, text: str) -> str:
    return "".join(sorted(c for c in set(text) if not c.isspace() and not metrics.has_glyph(c)))
