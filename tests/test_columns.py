"""column_widths: a table's width shared by what its columns hold."""

from __future__ import annotations

import pytest

from builder.render.columns import column_widths


def width_of(text: str) -> float:
    return 5.0 * len(text)


def test_the_widths_always_sum_to_the_tables_width():
    widths = column_widths([["a", "bb"], ["ccc", "dddd dddd"], ["e"]], width_of, 301.37, 3)
    assert round(sum(widths), 2) == 301.37


def test_every_column_has_room_for_its_longest_word_when_the_table_is_wide_enough():
    columns = [["Treatment", "Physiotherapy"], ["What it does", "Strengthens the muscles " * 6]]
    widths = column_widths(columns, width_of, 400, 3)
    assert widths[0] >= width_of("Physiotherapy") + 6
    assert widths[1] > widths[0], "the column with more text gets the spare width"


def test_a_web_address_counts_by_its_longest_piece_not_its_whole_length():
    address = "https://www.example.org/patients/knee/osteoarthritis/treatments"
    widths = column_widths([["Name", "Knee guide"], ["Link", address]], width_of, 250, 3)
    assert widths[1] < width_of(address), "the address may break, so it need not fit whole"
    assert widths[1] >= width_of("osteoarthritis/") + 6 and widths[0] >= width_of("guide") + 6


def test_words_wider_than_the_table_are_cut_only_in_the_widest_columns():
    widths = column_widths([["x" * 40], ["y" * 20]], width_of, 150, 0)
    assert widths == pytest.approx((100.0, 50.0), abs=0.5), "both too wide for a fair share: in proportion"
    widths = column_widths([["Two"], ["Three"], ["x" * 60]], width_of, 200, 2)
    assert widths[:2] == (20.0, 30.0), "short words keep their room"
    assert widths[2] == 150.0


def test_a_heading_gets_room_for_two_lines_when_the_table_is_wide_enough():
    columns = [["How strong the evidence is", "Weak", "Strong"], ["What it does", "Eases pain " * 10]]
    widths = column_widths(columns, width_of, 600, 3)
    assert widths[0] >= width_of("How strong the evidence is") / 2 + 6
