"""Marks up a planned web page as HTML, from the theme's Jinja templates (layouts/<theme>/html/).

The templates are sandboxed and every text is escaped; the page needs no JavaScript. The
same page, given `PrintChoices`, is what the PDF/UA twin is made from: one column on the
chosen paper, at the chosen body size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from builder.errors import SourceError
from builder.location import Location
from builder.render.web.plan import IndexPage, WebPage
from builder.theme.folder import DEFAULT_THEME, theme_folder
from builder.theme.icons import svg
from builder.theme.types import MIN_CONTRAST, Theme, contrast_ratio

TEMPLATE_FOLDER = "html"
WEB_BODY_SIZE = "112.5%"  # 18 px in a browser at its default size
GENERIC_FAMILIES = ("Calibri", "Arial", "sans-serif")


@dataclass(frozen=True)
class PrintChoices:
    """How the twin is printed: its paper (a CSS page size) and body text size."""

    paper: str  # letter or A4
    body_size: str  # e.g. 12pt, or 18pt for large print


def page_html(
    page: WebPage,
    theme: Theme,
    picture_url: Callable[[str], str],
    sizes: Mapping[str, tuple[int, int]],
    printing: PrintChoices | None = None,
) -> str:
    """The page's HTML; `picture_url` says where each picture file is, `sizes` its pixels."""
    return _render("page.html", page, theme, page.colours, picture_url, sizes, printing)


def index_html(page: IndexPage, theme: Theme) -> str:
    """The material's index page."""
    return _render("index.html", page, theme, page.colours, str, {}, None)


def _render(name, page, theme, colours, picture_url, sizes, printing) -> str:
    folder = template_folder(theme)
    try:
        return _filled(folder, name, page, theme, colours, picture_url, sizes, printing)
    except TemplateError as error:  # a theme's own template: the user's to mend, at its line
        where = getattr(error, "filename", None) or str(folder / name)
        raise SourceError.at(
            Location(str(where), getattr(error, "lineno", None) or 0),
            f"web page template: {error.message or error}",
        ) from None


def _filled(folder, name, page, theme, colours, picture_url, sizes, printing) -> str:
    environment = _environment(str(folder))
    colour = _readable(dict(colours))
    families = (theme.fonts.family, *(font.family for font in theme.fonts.fallback), *GENERIC_FAMILIES)
    fonts = Markup(", ".join(_css_family(family) for family in dict.fromkeys(families)))
    return environment.get_template(name).render(
        page=page,
        say=dict(page.phrases),
        colour=colour,
        fonts=fonts,
        body_size=WEB_BODY_SIZE,
        print=printing,
        picture_url=picture_url,
        sizes=sizes,
        # Not in the PDF/UA twin (printing): WeasyPrint tags an SVG as a figure without alt text.
        icon=(lambda role: Markup("")) if printing else (lambda role: _icon(theme, role)),
    )


def _icon(theme: Theme, role: str) -> Markup:
    """The theme's icon for `role` as inline SVG, or nothing; decorative, since the heading
    beside it says what it marks."""
    drawn = theme.icons.get(role) if role else None
    return Markup(svg(drawn, ICON_PIXELS)) if drawn else Markup("")


ICON_PIXELS = 24  # CSS pixels: an icon beside a heading (style.css scales it with the heading)


def _css_family(name: str) -> str:
    """A font family as CSS names it: quoted, with only letters, digits, spaces and - _ kept
    (a theme file is data, not CSS)."""
    if name in ("sans-serif", "serif"):
        return name
    kept = "".join(ch for ch in name if ch.isalnum() or ch in " -_")
    return f"'{kept}'"


def template_folder(theme: Theme) -> Path:
    """The theme's html/ folder, or the default theme's when it has none."""
    own = Path(theme.folder) / TEMPLATE_FOLDER
    return own if (own / "page.html").is_file() else theme_folder(DEFAULT_THEME) / TEMPLATE_FOLDER


def _readable(colours: dict[str, str]) -> dict[str, str]:
    """The page's colours: a key figure is in the accent colour on the tint where that is
    readable (4.5:1), else in the primary colour, which every theme keeps readable there."""
    if contrast_ratio(colours["accent"], colours["tint"]) < MIN_CONTRAST:
        colours = {**colours, "accent": colours["primary"]}
    return colours


_BARE_ADDRESS = re.compile(r"https://[^\s<>\"]+[^\s<>\".,;:!?)\]]")


def autolink(text: str) -> Markup:
    """Text escaped, with each bare https:// address in it made a link to itself (on paper an
    address is read; on a web page it is followed)."""
    parts, last = [], 0
    for found in _BARE_ADDRESS.finditer(text):
        address = found.group(0)
        parts += [escape(text[last : found.start()]), Markup('<a href="%s">%s</a>') % (address, address)]
        last = found.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


@lru_cache(maxsize=4)
def _environment(folder: str) -> SandboxedEnvironment:
    if not (Path(folder) / "page.html").is_file():
        raise SourceError.at(Location(folder), "no page.html template in this folder")
    environment = SandboxedEnvironment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    environment.filters["autolink"] = autolink
    return environment
