"""Measures text with a font's real metrics: widths, line breaks and line heights."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, partial

from builder.model import Span
from builder.render.breaks import HINT, cjk_hinted, hinted
from builder.theme.chain import FontChain, all_drawn, drawn_below, split_by_font
from builder.theme.fonts import FontFiles, style_of
from builder.theme.ttf import FontMetrics, read_metrics


@dataclass(frozen=True)
class TextMeasure:
    """Measures spans set in one font family, and in the fallback fonts of `chain` for the
    characters the family cannot draw (read only when a text has such a character)."""

    files: FontFiles
    chain: FontChain | None = None
    _by_style: dict[str, FontMetrics] = field(default_factory=dict, compare=False, repr=False)
    _runs: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # the pieces of a text are the same for every deck in the same fonts: shared
        object.__setattr__(self, "_runs", _shared_runs(self.files, self.chain))

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

    def runs(self, text: str) -> tuple[tuple[str, int], ...]:
        """`text` in pieces by the font that draws them: 0 for the family, i for the chain's
        i-th fallback font (from 1), NONE where no font can."""
        found = self._runs.get(text)
        if found is None:
            regular = self.metrics()
            if self.chain is None or all_drawn(text, regular.has_glyph, _drawn_below(regular)):
                found = ((text, 0),)
            else:
                covers = [regular.has_glyph, *self.chain.covers()]
                found = tuple((piece, index) for piece, index in split_by_font(text, covers))
            if len(self._runs) < 100_000:
                self._runs[text] = found
        return found

    def metrics_of(self, index: int, style: str = "regular") -> FontMetrics:
        """The metrics of a run's font (see runs): the family's for 0 and NONE."""
        if index <= 0 or self.chain is None:
            return self.metrics(style)
        return self.chain.metrics(index - 1, style) or self.metrics(style)

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The advance width of `text` in points."""
        style = style_of(bold, italic)
        runs = self._runs.get(text) or self.runs(text)
        if len(runs) == 1 and runs[0][1] <= 0:
            return self.metrics(style).width(text, size)
        return sum(self.metrics_of(index, style).width(piece, size) for piece, index in runs)

    def line_factor_for(self, spans: tuple[Span, ...]) -> float:
        """Line height as a multiple of the size for lines of `spans`: the tallest font's
        (a line holding a fallback font's text is as tall as that font's lines)."""
        factor = self.metrics().line_factor
        for span in spans:
            runs = self._runs.get(span.text) or self.runs(span.text)
            if len(runs) > 1 or runs[0][1] > 0:
                factor = max(factor, *(self.metrics_of(index).line_factor for _piece, index in runs))
        return factor

    def missing_glyphs(self, text: str) -> str:
        """The characters of `text` that the regular font cannot draw."""
        return _missing(self.metrics(), text)

    def wrap(self, spans: tuple[Span, ...], size: float, width: float) -> list[str]:
        """Break styled text into lines no wider than `width`, the way a text box does."""
        words: list[tuple[str, float, float]] = []  # (word, width, width of what follows)
        for span in spans:
            space = self.width(" ", size, span.bold, span.italic)
            runs = self._runs.get(span.text) or self.runs(span.text)
            if len(runs) == 1 and runs[0][1] <= 0:  # all in the family: its widths, no lookups
                width_of = self.metrics(style_of(span.bold, span.italic)).width
            else:
                width_of = partial(self.width, bold=span.bold, italic=span.italic)
            for index, piece in enumerate(cjk_hinted(hinted(span.text)).split(" ")):
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
                        word_width + width_of(unit, size),
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
        return len(self.wrap(spans, size, width)) * size * self.line_factor_for(spans)


@lru_cache(maxsize=16)
def _drawn_below(metrics: FontMetrics) -> str:
    return drawn_below(metrics.has_glyph)


@lru_cache(maxsize=16)
def _shared_runs(files: FontFiles, chain: FontChain | None) -> dict[str, tuple[tuple[str, int], ...]]:
    return {}


@lru_cache(maxsize=8192)
def _missing(metrics: FontMetrics, text: str) -> str:
    return "".join(sorted(c for c in set(text) if not c.isspace() and not metrics.has_glyph(c)))
