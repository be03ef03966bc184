"""Where a word too wide for its line breaks: after '/' and the like, at syllables, or last."""

from __future__ import annotations

from builder.render.breaks import pieces


def width_of(text: str) -> float:
    return float(len(text))  # one unit a character


def test_a_word_that_fits_is_one_piece():
    assert pieces("https://example.org", width_of, 40) == ["https://example.org"]


def test_a_web_address_breaks_after_slashes_and_never_inside_its_scheme():
    url = "https://www.example.org/patients/sleep-apnoea/treatment"
    cut = pieces(url, width_of, 24)
    assert "".join(cut) == url
    assert all(width_of(piece) <= 24 for piece in cut)
    assert cut[0].startswith("https://") and all(piece[-1] in "/.-" for piece in cut[:-1])


def test_a_long_plain_word_breaks_at_a_syllable_with_a_hyphen():
    cut = pieces("Pneumonoultramicroscopicsilicovolcanoconiosis", width_of, 20)
    assert (
        "".join(piece.removesuffix("-") for piece in cut) == "Pneumonoultramicroscopicsilicovolcanoconiosis"
    )
    assert all(piece.endswith("-") for piece in cut[:-1]) and all(width_of(p) <= 20 for p in cut)


def test_a_word_with_no_sensible_point_breaks_at_the_last_character_that_fits():
    cut = pieces("x" * 50, width_of, 20)
    assert cut == ["x" * 20, "x" * 20, "x" * 10]


def test_hints_mark_the_break_points_of_web_addresses_only():
    from builder.render.breaks import HINT, hinted

    text = "See https://www.example.org/a/b and some words."
    marked = hinted(text)
    assert marked.replace(HINT, "") == text
    assert marked.split(" ")[1] == f"https://www.{HINT}example.{HINT}org/{HINT}a/{HINT}b"
    assert hinted("No address here. Nor.here") == "No address here. Nor.here"


def test_the_deck_measure_breaks_a_web_address_where_its_hints_are(default_theme):
    from builder.model import Span
    from builder.render.deck.measure import TextMeasure
    from builder.theme.fonts import find_fonts

    measure = TextMeasure(find_fonts(default_theme.fonts, default_theme.folder))
    url = "https://www.example-health-network.org/patients/obstructive-sleep-apnoea/treatment-options"
    lines = measure.wrap((Span(f"Read more at {url} today."),), 20, 300)
    assert "".join(lines).replace(" ", "") == f"Readmoreat{url}today."
    assert all(measure.width(line, 20) <= 300 for line in lines)
    address_lines = [line for line in lines if "example" in line or "patients" in line or "options" in line]
    assert len(address_lines) > 1 and all(
        line.split(" ")[-1][-1] in "/.-" for line in address_lines[:-1] if line.split(" ")[-1]
    ), lines


def test_east_asian_text_may_break_between_characters_but_not_before_closing_punctuation():
    from builder.render.breaks import HINT, NO_LINE_END, NO_LINE_START, cjk_hinted

    text = "请与医生（或护士）讨论，好吗？ Then ask."
    marked = cjk_hinted(text)
    assert marked.replace(HINT, "") == text
    pieces = [piece for word in marked.split(" ") for piece in word.split(HINT)]
    assert "请" in pieces and "生" in pieces  # a break between two ideographs
    assert all(piece[0] not in NO_LINE_START for piece in pieces[1:] if piece)
    assert all(piece[-1] not in NO_LINE_END for piece in pieces if piece)
    assert cjk_hinted("Plain words only.") == "Plain words only."
