"""Renderers turn the content model into files; this registry names them by --format.

Each renderer module has a pure `plan_…()` and a `render(material, theme, conditions, options)`
that returns a Rendered: the files' bytes by name, and notes; the build writes them. Modules
are imported on first use so that commands which render nothing never load python-pptx or
ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

RENDERERS = {
    "pptx": "builder.render.deck.write",
    "pdf": "builder.render.brochure.write",
    "html": "builder.render.web.write",
    "pdf-ua": "builder.render.web.twin",
}


@dataclass(frozen=True)
class RenderOptions:
    """Choices the command line passes to renderers; None means the theme's or source's own."""

    template: str | None = None  # the deck's .pptx template
    brochure: str | None = None  # brochure layout: trifold, factsheet, …
    paper: str | None = None  # letter or a4
    press: bool = False  # CMYK, bleed, trim and crop marks for a print shop
    large_print: bool = False  # brochure body text at 14 pt or more (the PDF/UA twin: 18 pt)
    web_address: str | None = None  # where the web pages are posted (see builder.render.address)


@dataclass(frozen=True)
class Rendered:
    """What a renderer made: file bytes by name, and notes for the build log."""

    files: dict[str, bytes]
    notes: tuple[str, ...] = field(default=())


def renderer(name: str):
    """The renderer module registered under a --format name."""
    return import_module(RENDERERS[name])
