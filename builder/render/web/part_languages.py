"""Gives tagged PDFs the language of each passage written in another language (PDF/UA 7.2).

WeasyPrint 70 sets the document's language from <html lang> but not a /Lang on the structure
element of an element with a `lang` of its own (an English reference in a Spanish page).
`install()` wraps the function that makes each element's structure entry so that it adds
one; it checks that the function it wraps is still there and does nothing otherwise (the
test of the twin then fails, rather than the build).
"""

from __future__ import annotations

_installed = False


def install() -> None:
    """Wrap WeasyPrint's structure builder once per process."""
    global _installed
    if _installed:
        return
    import pydyf
    from weasyprint.pdf import tags

    original = getattr(tags, "_build_box_tree", None)
    if original is None:
        return

    def with_language(box, parent, *args, **kwargs):
        element = getattr(box, "element", None)
        own = element.get("lang") if element is not None and element.tag not in ("html", "body") else None
        for entry in original(box, parent, *args, **kwargs):
            if own and getattr(box, "element_tag", None) == element.tag and "Lang" not in entry:
                entry["Lang"] = pydyf.String(own)
            yield entry

    tags._build_box_tree = with_language
    _installed = True
