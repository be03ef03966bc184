"""The builder's own words: dates as readers of each language and region write them."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.wording import Phrases

DAY = dt.date(2026, 11, 1)


@pytest.mark.parametrize(
    "language, written",
    [
        ("en-US", "November 1, 2026"),
        ("en", "November 1, 2026"),
        ("en-CA", "November 1, 2026"),
        ("en-IE", "1 November 2026"),
        ("en-GB", "1 November 2026"),
        ("en-AU", "1 November 2026"),
        ("es-US", "1 de noviembre de 2026"),
        ("es-ES", "1 de noviembre de 2026"),
        ("fr-FR", "1 November 2026"),  # English words, in the order French readers expect
    ],
)
def test_a_date_is_written_in_the_order_its_region_reads(language, written):
    assert Phrases(language).date(DAY) == written


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en-US", ["1,234.5", "12,345.7", "1,234,567", "-0.5", "0.25"]),
        ("en-IE", ["1,234.5", "12,345.7", "1,234,567", "-0.5", "0.25"]),
        ("es-ES", ["1234,5", "12.345,7", "1.234.567", "-0,5", "0,25"]),
        ("es-US", ["1,234.5", "12,345.7", "1,234,567", "-0.5", "0.25"]),
        ("fr-FR", ["1\u202f234,5", "12\u202f345,7", "1\u202f234\u202f567", "-0,5", "0,25"]),
        ("de-DE", ["1.234,5", "12.345,7", "1.234.567", "-0,5", "0,25"]),
        ("xx", ["1,234.5", "12,345.7", "1,234,567", "-0.5", "0.25"]),
    ],
)
def test_numbers_are_written_with_the_languages_marks(language, expected):
    from builder.wording import format_number

    written = [
        format_number(1234.5, language),
        format_number(12345.678, language, 1),
        format_number(1234567, language),
        format_number(-0.5, language),
        format_number(0.25, language),
    ]
    assert written == expected


def test_numbers_round_half_up_as_readers_do():
    from builder.wording import format_number

    assert [format_number(v, "en", d) for v, d in ((7.25, 1), (2.5, 0), (0.125, 2))] == ["7.3", "3", "0.13"]
