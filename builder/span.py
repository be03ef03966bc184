"""A run of styled text: the one piece of the content model a planned brochure still holds.

It lives apart from builder.model (which re-exports it, as it does Location) so that a
process that only writes planned brochures need not create the whole model's classes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style; `href` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


def labelled_links(spans: Iterable[Span], known: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(label, address) of each link written with a label of its own ('[FDA guidance](…)'),
    once per address and in order, leaving out the `known` addresses (the references'): on
    paper a label cannot be followed, so its address is listed in full with the references."""
    seen = set(known)
    found = []
    for span in spans:
        if span.href and span.href not in seen and span.text.strip() != span.href:
            seen.add(span.href)
            found.append((span.text.strip(), span.href))
    return found
