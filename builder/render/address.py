"""Where a condition's web page is posted: the address its printed brochure's QR code opens.

A clinic (or the build plan) gives a pattern such as
`{website}/handouts/{language}/{material}/{file}`; `{website}` is the clinic's website, `{file}`
the page's file name (`page_file_name`), and `{language}`, `{material}`, `{condition}` and
`{clinic}` what they say. The default pattern mirrors the output folder of one clinic.
"""

from __future__ import annotations

import string

DEFAULT_PATTERN = "{website}/handouts/{language}/{material}/{file}"
FIELDS = ("website", "clinic", "language", "material", "condition", "file")


TWIN_MARK = "-accessible-"  # in the name of a web page's PDF/UA twin, before its paper


def page_file_name(material_id: str, condition_id: str) -> str:
    """The web page of one condition, e.g. msc-chronic-pain-osteoarthritis.html."""
    return f"{material_id}-{condition_id}.html"


def unknown_fields(pattern: str) -> list[str]:
    """The {names} in a pattern that are not FIELDS (a pattern that cannot be parsed: itself)."""
    try:
        names = [name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        return [pattern]
    return [name for name in names if name not in FIELDS]


def web_address(
    pattern: str | None,
    *,
    website: str,
    language: str,
    material: str,
    condition: str,
    clinic: str = "",
) -> str | None:
    """The page's address by the pattern (None: the default), or None without a website."""
    chosen = pattern or DEFAULT_PATTERN
    if "{website}" in chosen and not website.strip():
        return None
    return chosen.format(
        website=website.strip().rstrip("/"),
        clinic=clinic,
        language=language,
        material=material,
        condition=condition,
        file=page_file_name(material, condition),
    )


def printed_address(address: str) -> str:
    """The address as people type it from paper: no https://, no www., no trailing slash."""
    shown = address.split("://", 1)[-1]
    if shown.startswith("www."):
        shown = shown[4:]
    return shown.rstrip("/")
