"""How a table's width is shared among its columns: by what each column has to hold.

Shared by the deck and the brochures, which measure with their own fonts. Each column first
gets room for its longest word (a web address counts by its longest piece between the points
where it may break), so that no word has to be cut, and for its heading on two lines; the width left over goes to the columns
in proportion to how much text their cells hold on average. Only when the longest words
alone are wider than the table are words cut, and then only in the columns whose words
are longest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from builder.render.breaks import HINT, hinted

SLACK = 1.0  # points more than the longest word: line breaking rounds, and must not cut it


def column_widths(
    columns: Sequence[Sequence[str]], width_of: Callable[[str], float], total: float, padding: float
) -> tuple[float, ...]:
    """Each column's width in points (they sum to `total`), from the texts of its cells,
    header first, as `width_of` measures them at the size they are set in; `padding` is the
    room a cell keeps on each side of its text."""
    if not columns:
        return ()
    least = []  # room for the longest word
    headed = []  # and for the heading on two lines
    text = []
    for texts in columns:
        words = [piece for cell in texts for word in cell.split() for piece in hinted(word).split(HINT)]
        longest = max((width_of(word) for word in words), default=0.0)
        least.append(longest + 2 * padding + SLACK)
        headed.append(max(longest, width_of(texts[0]) / 2 if texts else 0.0) + 2 * padding + SLACK)
        text.append(sum(width_of(cell) for cell in texts) / max(len(texts), 1))
    if sum(headed) <= total:
        least = headed
    spare = total - sum(least)
    if spare <= 0:
        return _summing_to(total, _filled(least, total))
    weights = [max(amount, 1e-6) for amount in text]
    return _summing_to(
        total, [width + spare * weight / sum(weights) for width, weight in zip(least, weights)]
    )


def _filled(least: list[float], total: float) -> list[float]:
    """Widths when the longest words alone are wider than the table: each column whose word
    fits a fair share gets all it needs, so short words are never cut; the columns left
    share what remains in proportion to their needs."""
    widths = [0.0] * len(least)
    open_columns = set(range(len(least)))
    remaining = total
    while open_columns:
        fair = remaining / len(open_columns)
        fitting = {i for i in open_columns if least[i] <= fair}
        if not fitting:
            needs = sum(least[i] for i in open_columns)
            for i in open_columns:
                widths[i] = remaining * least[i] / needs
            break
        for i in fitting:
            widths[i] = least[i]
            remaining -= least[i]
        open_columns -= fitting
    return widths


def _summing_to(total: float, widths: list[float]) -> tuple[float, ...]:
    """The widths rounded to a hundredth of a point, the last taking what rounding left."""
    rounded = [round(width, 2) for width in widths[:-1]]
    return (*rounded, round(total - sum(rounded), 2))
