"""Writes a material's web pages: one per condition, an index, and the pictures beside them."""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage

from builder.model import Material
from builder.render import Rendered, RenderOptions
from builder.render.web.page import index_html, page_html
from builder.render.web.plan import WebPage, plan_index, plan_page, relative_picture
from builder.theme.types import Theme


def render(
    material: Material,
    theme: Theme,
    conditions: tuple[str, ...] | None = None,
    options: RenderOptions = RenderOptions(),
) -> Rendered:
    """Each chosen condition's page, the material's index page, and every picture they show."""
    chosen = [c for c in material.conditions if not conditions or c.id in conditions]
    pages = [plan_page(material, condition, theme, options) for condition in chosen]
    files: dict[str, bytes] = {}
    for page in pages:
        sizes = picture_sizes(page)
        files[page.file_name] = page_html(page, theme, relative_picture, sizes).encode("utf-8")
        for picture in page.pictures():
            files[relative_picture(picture)] = Path(picture).read_bytes()
    files["index.html"] = index_html(plan_index(material, theme), theme).encode("utf-8")
    return Rendered(dict(sorted(files.items())))


def picture_sizes(page: WebPage) -> dict[str, tuple[int, int]]:
    """Each picture's width and height in pixels (the reader has checked that it opens)."""
    sizes = {}
    for picture in page.pictures():
        with PILImage.open(picture) as image:
            sizes[picture] = image.size
    return sizes
