"""Small phrases every renderer writes the same way: dates and citation marks."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """A date as readers expect it in English, e.g. 'November 1, 2026'."""
    return f"{day:%B} {day.day}, {day.year}"


def cite_mark(numbers: list[int]) -> str:
    """Reference numbers as a bracketed mark, e.g. '[1, 3]'."""
    return "[" + ", ".join(str(n) for n in numbers) + "]"
