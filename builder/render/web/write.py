"""Writes a material's web pages: one per condition, an index, and the pictures beside them."""

from __future__ import annotations

import hashlib
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
    names = picture_names([picture for page in pages for picture in page.pictures()], material.source_dir)
    files: dict[str, bytes] = {}
    for page in pages:
        sizes = picture_sizes(page)
        files[page.file_name] = page_html(page, theme, names.__getitem__, sizes).encode("utf-8")
        for picture in page.pictures():
            files[names[picture]] = Path(picture).read_bytes()
    files["index.html"] = index_html(plan_index(material, theme), theme).encode("utf-8")
    return Rendered(dict(sorted(files.items())))


def picture_names(pictures: list[str], folder: str = "") -> dict[str, str]:
    """Where each picture file goes beside the pages: images/<its name>, or, for a second file
    of the same name from another folder, images/<name>-<a hash of its path in `folder`, the
    material's folder, so that every checkout names it alike><suffix>."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for picture in dict.fromkeys(pictures):
        chosen = relative_picture(picture)
        if chosen in taken:
            path = Path(picture)
            where = path.relative_to(folder) if folder and path.is_relative_to(folder) else path.name
            digest = hashlib.sha256(Path(where).as_posix().encode("utf-8")).hexdigest()[:8]
            chosen = f"images/{path.stem}-{digest}{path.suffix}"
        taken.add(chosen)
        names[picture] = chosen
    return names


def picture_sizes(page: WebPage) -> dict[str, tuple[int, int]]:
    """Each picture's width and height in pixels (the reader has checked that it opens)."""
    sizes = {}
    for picture in page.pictures():
        with PILImage.open(picture) as image:
            sizes[picture] = image.size
    return sizes
