"""A run of styled text: the one piece of the content model a planned brochure still holds.

It lives apart from builder.model (which re-exports it, as it does Location) so that a
process that only writes planned brochures need not create the whole model's classes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style; `href` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
