"""Design measures read off a rendered page: filled area, text contrast, text sizes.

Pure functions over a PIL image of a page and the words pdfplumber finds on it, so the
design check (tests/test_design_check.py) can say which slide or page misses which figure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

CELL = 0.25  # inches: the side of a grid cell the filled area is counted in
INK = 8  # of 255, in any channel: a pixel this far from the background is drawn on (a light tint too)
LARGE_TEXT = 18.0  # points (WCAG): text this large, or 14 pt bold, needs 3:1 instead of 4.5:1
LARGE_BOLD_TEXT = 14.0


@dataclass(frozen=True)
class Word:
    """A word as the PDF draws it: its text, box (points from the top left), size and colour."""

    text: str
    box: tuple[float, float, float, float]
    size: float
    bold: bool
    colour: tuple[int, int, int]


def words_on(page) -> list[Word]:
    """The words of a pdfplumber page, each in one size, font and fill colour."""
    found = page.extract_words(
        keep_blank_chars=False, use_text_flow=True, extra_attrs=["size", "fontname", "non_stroking_color"]
    )
    return [
        Word(
            word["text"],
            (word["x0"], word["top"], word["x1"], word["bottom"]),
            round(word["size"], 1),
            "bold" in word["fontname"].lower(),
            as_rgb(word["non_stroking_color"]),
        )
        for word in found
    ]


def as_rgb(colour) -> tuple[int, int, int]:
    """A PDF fill colour (grey, RGB or CMYK components from 0 to 1) as 8-bit RGB."""
    values = tuple(colour) if isinstance(colour, (list, tuple)) else (colour or 0,)
    if len(values) == 1:
        return (round(values[0] * 255),) * 3  # type: ignore[return-value]
    if len(values) == 3:
        return tuple(round(v * 255) for v in values)  # type: ignore[return-value]
    if len(values) == 4:
        c, m, y, k = values
        return tuple(round(255 * (1 - v) * (1 - k)) for v in (c, m, y))  # type: ignore[return-value]
    raise ValueError(f"a fill colour of {len(values)} components: {colour!r}")


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def needed_contrast(word: Word) -> float:
    """WCAG AA: 4.5:1, or 3:1 for large text."""
    large = word.size >= LARGE_TEXT or (word.bold and word.size >= LARGE_BOLD_TEXT)
    return 3.0 if large else 4.5


def background_behind(image, word: Word, scale: float) -> tuple[int, int, int]:
    """The commonest colour in a word's box on the rendering, among those unlike the word's
    own (the glyphs and their antialiased edges); the word's colour when there is no other
    (text drawn on its own colour). `scale` is pixels per point."""
    x0, top, x1, bottom = word.box
    left, upper = int(x0 * scale), int(top * scale)
    crop = image.crop((left, upper, max(round(x1 * scale), left + 1), max(round(bottom * scale), upper + 1)))
    colours = crop.convert("RGB").getcolors(crop.width * crop.height)
    unlike = [(count, colour) for count, colour in colours if _distance(colour, word.colour) > INK]
    return max(unlike)[1] if unlike else word.colour


def _distance(one: tuple[int, int, int], other: tuple[int, int, int]) -> int:
    return max(abs(a - b) for a, b in zip(one, other))


def low_contrast_words(page, image, scale: float) -> list[tuple[Word, float]]:
    """The words whose colour stands out from what is behind them by less than WCAG AA asks."""
    failing = []
    for word in words_on(page):
        ratio = contrast(word.colour, background_behind(image, word, scale))
        if ratio < needed_contrast(word):
            failing.append((word, ratio))
    return failing


def filled_fraction(image, dpi: float, region: tuple[float, float, float, float] | None = None) -> float:
    """The share of CELL-inch cells in `region` (inches: left, top, right, bottom; the whole
    image when None) holding anything drawn on the region's background (its commonest colour)."""
    rgb = image.convert("RGB")
    if region is not None:
        left, top, right, bottom = (round(v * dpi) for v in region)
        rgb = rgb.crop((left, top, right, bottom))
    background = max(rgb.getcolors(rgb.width * rgb.height))[1]
    side = max(1, round(CELL * dpi))
    cells = filled = 0
    for y in range(0, rgb.height - side // 2, side):
        for x in range(0, rgb.width - side // 2, side):
            cell = rgb.crop((x, y, min(x + side, rgb.width), min(y + side, rgb.height)))
            cells += 1
            filled += _drawn_on(cell, background)
    return filled / cells if cells else 0.0


def _drawn_on(cell, background: tuple[int, int, int]) -> bool:
    for channel, ground in zip(cell.split(), background):
        low, high = channel.getextrema()
        if ground - low >= INK or high - ground >= INK:
            return True
    return False


def body_size(words: list[Word]) -> float:
    """The size most of the text is set in (counted in characters)."""
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[word.size] += len(word.text)
    return sizes.most_common(1)[0][0]
