"""The fallback chain: which of the theme's fonts draws each character of a text.

The theme's family comes first, then its `fallback:` fonts in order; a character goes to the
first font that can draw it. Fallback fonts are found and read only when a text needs one, so
a build in the family's own scripts never touches them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from builder.theme.fonts import FontFiles, find_fallback
from builder.theme.ttf import FontMetrics, read_metrics
from builder.theme.types import FallbackFont

NONE = -1  # the index of a piece no font of the chain can draw

# Where Office looks for a character's font: the East Asian typeface (a:ea) for these ranges,
# the complex-script one (a:cs) for those; the Latin typeface (a:latin) for everything else.
_EAST_ASIAN = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FFF),  # CJK radicals, Kangxi
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x31FF),  # kana, Bopomofo, Hangul compatibility
    (0x3200, 0x4DBF),  # enclosed CJK, compatibility, extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA000, 0xA4CF),  # Yi
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms
    (0x20000, 0x3FFFF),  # ideographic planes
)
_COMPLEX = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, N'Ko
    (0x0900, 0x0DFF),  # the Indic scripts
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1780, 0x17FF),  # Khmer
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
)


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(first <= code <= last for first, last in ranges)


def script_slot(char: str) -> str:
    """The run property Office takes `char`'s typeface from: 'ea', 'cs' or 'latin'."""
    code = ord(char)
    if code < 0x0590:
        return "latin"
    if _within(code, _EAST_ASIAN):
        return "ea"
    return "cs" if _within(code, _COMPLEX) else "latin"


def is_cjk(char: str) -> bool:
    """Whether `char` is East Asian text, which a line may break before or after without a
    space."""
    return ord(char) >= 0x1100 and _within(ord(char), _EAST_ASIAN)


def has_cjk(text: str) -> bool:
    """Whether any character of `text` is East Asian."""
    if not text or max(text) < "\u1100":  # (most text: no character needs looking at)
        return False
    return any(is_cjk(char) for char in text)


def drawn_below(draws: Callable[[str], bool]) -> str:
    """The first printable character a font cannot draw, from the space on, so that
    `all_drawn` can pass most text without looking at each character."""
    for code in range(0x20, 0x3000):
        if chr(code).isprintable() and not draws(chr(code)):
            return chr(code)
    return "\u3000"


def all_drawn(text: str, draws: Callable[[str], bool], below: str) -> bool:
    """Whether a font draws every character of `text` but spaces; `below` is its drawn_below."""
    if text.isprintable() and (not text or max(text) < below):
        return True
    return all(char.isspace() or draws(char) for char in text)


def split_by_font(text: str, covers: Sequence[Callable[[str], bool]]) -> list[tuple[str, int]]:
    """`text` cut into pieces each drawn by one font: (piece, index of the first font in
    `covers` that draws its characters, or NONE). A space stays with the piece before it."""
    pieces: list[tuple[str, int]] = []
    for char in text:
        if char.isspace() and pieces:
            index = pieces[-1][1]
        else:
            index = next((i for i, draws in enumerate(covers) if char.isspace() or draws(char)), NONE)
        if pieces and pieces[-1][1] == index:
            pieces[-1] = (pieces[-1][0] + char, index)
        else:
            pieces.append((char, index))
    return pieces


@dataclass(frozen=True)
class FontChain:
    """The theme's fallback fonts, each found on this machine and read on first use."""

    fonts: tuple[FallbackFont, ...]
    theme_folder: str

    def files(self, index: int) -> FontFiles | None:
        """The files of the fallback font at `index`, or None when it is not installed."""
        return find_fallback(self.fonts[index], self.theme_folder)

    def metrics(self, index: int, style: str = "regular") -> FontMetrics | None:
        """One style's measures of the fallback font at `index`, or None if not installed."""
        files = self.files(index)
        return read_metrics(files.path(style)) if files is not None else None

    def covers(self) -> list[Callable[[str], bool]]:
        """For each fallback font, whether it draws a character (never, if not installed)."""
        found = [self.metrics(index) for index in range(len(self.fonts))]
        return [metrics.has_glyph if metrics is not None else _never for metrics in found]

    def tried(self, family: str) -> str:
        """The fonts a character was looked for in, in order, saying which are not installed."""
        names = [family]
        for index, font in enumerate(self.fonts):
            if self.files(index) is None:
                regular = dict(font.files).get("regular", "")
                names.append(f"{font.family} (not installed: {regular}, named at {font.loc})")
            else:
                names.append(font.family)
        return ", ".join(names)


def _never(_char: str) -> bool:
    return False
