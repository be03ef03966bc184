"""Renderers turn the content model into files; this registry names them by --format.

Each renderer module has a pure `plan_…()` and a `render(material, theme, …)` that returns
the files' bytes by name; `builder.build` writes them. Modules are imported on first use so
that commands which render nothing never load python-pptx or reportlab.
"""

from __future__ import annotations

from importlib import import_module

RENDERERS = {
    "pptx": "builder.renderers.deck",
    "pdf": "builder.renderers.brochure",
}


def renderer(name: str):
    """The renderer module registered under a --format name."""
    return import_module(RENDERERS[name])
