"""The fallback chain: each character goes to the first font that draws it; Office's slots."""

from __future__ import annotations

import pytest

from builder.theme.chain import NONE, FontChain, all_drawn, drawn_below, has_cjk, script_slot, split_by_font


def ascii_only(char: str) -> bool:
    return char.isascii()


def greek_only(char: str) -> bool:
    return "\u0370" <= char <= "\u03ff"


def test_each_piece_goes_to_the_first_font_that_draws_it_and_spaces_stay_with_the_piece_before():
    pieces = split_by_font("Hi αβ γ ok \U00013000", [ascii_only, greek_only, str.isalpha])
    assert "".join(piece for piece, _ in pieces) == "Hi αβ γ ok \U00013000"
    assert pieces == [("Hi ", 0), ("αβ γ ", 1), ("ok ", 0), ("\U00013000", 2)]


def test_a_character_no_font_draws_is_a_piece_of_its_own_marked_none():
    assert split_by_font("a\u4e2db", [ascii_only, greek_only]) == [("a", 0), ("\u4e2d", NONE), ("b", 0)]


@pytest.mark.parametrize(
    "char, slot",
    [
        ("a", "latin"),
        ("ế", "latin"),
        ("Ж", "latin"),
        ("θ", "latin"),
        ("中", "ea"),
        ("，", "ea"),
        ("か", "ea"),
        ("한", "ea"),
        ("ש", "cs"),
        ("ก", "cs"),
        ("\U00020000", "ea"),
    ],
)
def test_office_takes_each_characters_typeface_from_its_scripts_slot(char, slot):
    assert script_slot(char) == slot


def test_only_east_asian_text_counts_as_cjk():
    assert has_cjk("Mixed 中文 text") and has_cjk("。")
    assert not has_cjk("Tiếng Việt, Ελληνικά, Русский") and not has_cjk("")


def test_the_quick_coverage_check_agrees_with_looking_at_every_character():
    drawn = set("abc ,.") | {chr(c) for c in range(0x20, 0x7F)}

    def draws(char: str) -> bool:
        return char in drawn

    below = drawn_below(draws)
    assert below == "\xa1"  # the first printable character past ASCII it lacks
    for text in ("plain ascii", "café", "tab\there", "soft\xadhyphen", "", "\u4e2d"):
        assert all_drawn(text, draws, below) == all(c.isspace() or draws(c) for c in text), text


def test_a_chain_names_the_fonts_it_tried_and_which_are_not_installed(default_theme):
    chain = FontChain(default_theme.fonts.fallback, default_theme.folder)
    tried = chain.tried(default_theme.fonts.family)
    assert tried.split(", ")[0] == default_theme.fonts.family
    for index, font in enumerate(default_theme.fonts.fallback):
        assert font.family in tried
        assert ("not installed" in tried.split(font.family)[1][:20]) == (chain.files(index) is None)
