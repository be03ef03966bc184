"""Writes the tagged PDF/UA-1 twin of each condition's brochure, from its web page.

The twin is the web page printed by WeasyPrint's PDF/UA-1 variant: one reflowable column,
its structure tagged (headings, lists, tables, figures with their alt text; backgrounds and
decorative pictures marked as artifacts), the document's title shown and its language set,
bookmarks from the headings. With `large_print` its body text is 18 pt.
"""

from __future__ import annotations

import logging
from pathlib import Path

from builder.errors import Problem, SourceError
from builder.model import Material
from builder.render import Rendered, RenderOptions
from builder.render.address import TWIN_MARK
from builder.render.brochure.plan import paper_for
from builder.render.web.page import PrintChoices, page_html
from builder.render.web.plan import WebPage, plan_page
from builder.render.web.write import picture_names, picture_sizes
from builder.theme.types import Theme

BODY_SIZE = "12pt"
LARGE_PRINT_SIZE = "18pt"
PAPER_NAMES = {"letter": "letter", "a4": "A4"}


def twin_file_name(page: WebPage, paper: str, large_print: bool = False) -> str:
    """The twin's file name, e.g. msc-chronic-pain-osteoarthritis-accessible-letter.pdf."""
    return f"{page.file_name.removesuffix('.html')}{TWIN_MARK}{paper}{'-large-print' * large_print}.pdf"


def render(
    material: Material,
    theme: Theme,
    conditions: tuple[str, ...] | None = None,
    options: RenderOptions = RenderOptions(),
) -> Rendered:
    """The twin of each chosen condition's brochure."""
    paper = paper_for(material, options.paper)
    printing = PrintChoices(
        PAPER_NAMES.get(paper, paper), LARGE_PRINT_SIZE if options.large_print else BODY_SIZE
    )
    files = {}
    for condition in [c for c in material.conditions if not conditions or c.id in conditions]:
        page = plan_page(material, condition, theme, options)
        names = {
            path: PICTURE_SCHEME + name
            for path, name in picture_names(list(page.pictures()), material.source_dir).items()
        }
        html = page_html(page, theme, names.__getitem__, picture_sizes(page), printing)
        files[twin_file_name(page, paper, options.large_print)] = tagged_pdf(html, names, material)
    return Rendered(files)


PICTURE_SCHEME = "picture:"  # a picture's address in the twin's HTML: its name, not its path,
# since WeasyPrint names each image in the PDF after its address (same input, same bytes)


def tagged_pdf(html: str, pictures: dict[str, str], material: Material) -> bytes:
    """The page as a PDF/UA-1 document; `pictures` gives the address of each picture file the
    page shows, and nothing else can be read."""
    import weasyprint

    from builder.render.web import part_languages

    part_languages.install()
    files = {address: path for path, address in pictures.items()}

    class PicturesOnly(weasyprint.URLFetcher):
        """Fetches the page's pictures and nothing else: a source cannot make the build read
        other files or the network."""

        def fetch(self, url, headers=None):
            if url not in files:
                raise ValueError(f"not a picture of this page: {url}")
            data = Path(files[url]).read_bytes()
            kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
            return weasyprint.urls.URLFetcherResponse(url, body=data, headers={"Content-Type": kind})

    fetch = PicturesOnly(fail_on_errors=True)
    errors = _Errors()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(errors)
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetch).render()
        data = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    except weasyprint.urls.FatalURLFetchingError as error:
        raise SourceError([Problem(material.loc, f"the accessible PDF: {error}")]) from None
    finally:
        logger.removeHandler(errors)
    if errors.messages:
        raise SourceError(
            [Problem(material.loc, f"the accessible PDF: {message}") for message in errors.messages]
        )
    return data


class _Errors(logging.Handler):
    """WeasyPrint's errors (a picture without alt text, a missing language): each one a
    failure of the twin's accessibility, so the build reports it."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
