"""Inline markup: **bold**, *italic* and [links](https://…) become styled spans."""

from __future__ import annotations

import pytest

from builder.model import Span
from builder.source.markup import MarkupError, parse_inline


def test_plain_text_is_one_unstyled_span():
    assert parse_inline("Stem cells can copy themselves.") == (Span("Stem cells can copy themselves."),)


def test_empty_text_has_no_spans():
    assert parse_inline("") == ()


def test_bold_and_italic_become_styled_spans():
    assert parse_inline("The **cartilage** wears *thin* over time") == (
        Span("The "),
        Span("cartilage", bold=True),
        Span(" wears "),
        Span("thin", italic=True),
        Span(" over time"),
    )


def test_italic_inside_bold_is_both():
    assert parse_inline("**bold *both* bold**") == (
        Span("bold ", bold=True),
        Span("both", bold=True, italic=True),
        Span(" bold", bold=True),
    )


def test_three_asterisks_open_bold_and_italic_together():
    assert parse_inline("***careful***") == (Span("careful", bold=True, italic=True),)


def test_a_link_becomes_a_span_with_its_target():
    assert parse_inline("See [the FDA page](https://www.fda.gov/x) first.") == (
        Span("See "),
        Span("the FDA page", href="https://www.fda.gov/x"),
        Span(" first."),
    )


def test_a_link_inside_bold_keeps_the_bold():
    assert parse_inline("**[call us](tel:5550100)**") == (Span("call us", bold=True, href="tel:5550100"),)


@pytest.mark.parametrize(
    "target", ["https://example.org", "http://example.org", "mailto:a@example.org", "tel:555"]
)
def test_safe_link_schemes_are_allowed(target):
    assert parse_inline(f"[here]({target})") == (Span("here", href=target),)


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JavaScript:void(0)",
        "data:text/html,hi",
        "file:///etc/passwd",
        "example.org",
        "//evil.example",
    ],
)
def test_an_unsafe_or_relative_link_target_is_refused(target):
    with pytest.raises(MarkupError, match="must start with https://"):
        parse_inline(f"[click]({target})")


@pytest.mark.parametrize(
    ("source", "literal"),
    [
        (r"5 \* 3", "5 * 3"),
        (r"\*\*not bold\*\*", "**not bold**"),
        (r"\[not a link\](https://x)", "[not a link](https://x)"),
        ("a back\\\\slash", "a back\\slash"),
    ],
)
def test_a_backslash_makes_a_marker_literal(source, literal):
    assert parse_inline(source) == (Span(literal),)


def test_a_backslash_before_an_ordinary_letter_is_kept():
    assert parse_inline(r"C:\temp") == (Span(r"C:\temp"),)


def test_unclosed_bold_is_refused():
    with pytest.raises(MarkupError, match="bold text that is never closed"):
        parse_inline("This is **important")


def test_unclosed_italic_is_refused():
    with pytest.raises(MarkupError, match="italic text that is never closed"):
        parse_inline("This is *important")


@pytest.mark.parametrize("source", ["a [bracket", "[words] without a target", "[words](no closing"])
def test_a_bracket_that_starts_no_link_is_refused(source):
    with pytest.raises(MarkupError, match="starts no link"):
        parse_inline(source)


def test_adjacent_spans_of_the_same_style_are_merged():
    assert parse_inline("**one****two** three") == (Span("onetwo", bold=True), Span(" three"))


def test_empty_markers_leave_no_empty_spans():
    assert parse_inline("a****b") == (Span("ab"),)


def test_adjacent_links_to_the_same_target_are_merged_but_different_targets_are_not():
    same = parse_inline("[a](https://x.org)[b](https://x.org)")
    assert same == (Span("ab", href="https://x.org"),)
    different = parse_inline("[a](https://x.org)[b](https://y.org)")
    assert different == (Span("a", href="https://x.org"), Span("b", href="https://y.org"))


def test_a_link_address_may_hold_balanced_parentheses():
    spans = parse_inline("See [the wiki](https://en.wikipedia.org/wiki/Knee_(anatomy)) first.")
    assert [s.text for s in spans] == ["See ", "the wiki", " first."]
    assert spans[1].href == "https://en.wikipedia.org/wiki/Knee_(anatomy)"
