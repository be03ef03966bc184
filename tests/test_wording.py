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
