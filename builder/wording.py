"""The few words the builder writes itself — headings, captions, notes, dates — per language.

A material's own text comes from its source (and its translations); these phrases frame it.
Each language the builder knows has every phrase; `phrases()` falls back to English for a
language it does not know, and the build says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "agenda": "What we will cover",
        "glossary": "Words to know",
        "references": "References",
        "links": "Web pages named above",
        "key_facts": "Key facts",
        "status_default": "Where things stand",
        "status_as_of": "Status as of {date}.",
        "adapted_from": "Adapted from {cite}",
        "continued": "{title} (continued)",
        "continued_again": "{title} (continued, {number})",
        "titled": "{section}: {title}",
        "notes_block_title": "On this slide: {title}.",
        "part": "{title} ({number} of {count})",
        "colophon": "Version {version}. Reviewed {reviewed}; next review by {review_by}."
        " Written by {author} for {organisation}.",
        "notes_title": "Audience: {audience}. Material version {version}, reviewed {reviewed};"
        " review by {review_by}.",
        "notes_agenda": "The talk follows this order; each condition has its own part.",
        "notes_condition": "Main message for {name}: {message}",
        "notes_glossary": "Plain-language meanings of the medical words used today.",
        "notes_references": "Sources for the figures and statements in this talk.",
        "notes_continued": "Continued from '{title}'.",
        "notes_part_of": "Part of '{title}'.",
        "notes_say": "Talk it through: {text}",
        "notes_handout": "From the handout: {text}",
        "notes_picture": "The picture shows: {alt}",
        "reviewer": " Clinical review by {reviewer}.",
        "notes_review": "Version {version}, reviewed {reviewed}; review by {review_by}.",
        "in_language": "(in {language})",
        "skip_to_content": "Skip to the content",
        "web_contents": "On this page",
        "web_other_pages": "Handouts in this series",
        "web_handouts": "Patient handouts",
        "web_link": "Read this handout online",
        "page_of": "Page {number} of {count}",
    },
    "es": {
        "agenda": "De qué vamos a hablar",
        "glossary": "Palabras clave",
        "references": "Referencias",
        "links": "Páginas web mencionadas",
        "key_facts": "Datos clave",
        "status_default": "Situación actual",
        "status_as_of": "Situación al {date}.",
        "adapted_from": "Adaptado de {cite}",
        "continued": "{title} (continuación)",
        "continued_again": "{title} (continuación, {number})",
        "titled": "{section}: {title}",
        "notes_block_title": "En esta diapositiva: {title}.",
        "part": "{title} ({number} de {count})",
        "colophon": "Versión {version}. Revisado el {reviewed}; próxima revisión antes del {review_by}."
        " Autoría: {author}, para {organisation}.",
        "notes_title": "Público: {audience}. Versión {version}, revisada el {reviewed};"
        " revisar antes del {review_by}.",
        "notes_agenda": "La charla sigue este orden; cada afección tiene su propia parte.",
        "notes_condition": "Mensaje principal sobre {name}: {message}",
        "notes_glossary": "Significados sencillos de las palabras médicas de hoy.",
        "notes_references": "Fuentes de las cifras y afirmaciones de esta charla.",
        "notes_continued": "Continuación de «{title}».",
        "notes_part_of": "Parte de «{title}».",
        "notes_say": "Explíquelo así: {text}",
        "notes_handout": "Del folleto: {text}",
        "notes_picture": "La imagen muestra: {alt}",
        "reviewer": " Revisión clínica: {reviewer}.",
        "notes_review": "Versión {version}, revisada el {reviewed}; revisar antes del {review_by}.",
        "in_language": "(en {language})",
        "skip_to_content": "Ir al contenido",
        "web_contents": "En esta página",
        "web_other_pages": "Folletos de esta serie",
        "web_handouts": "Folletos para pacientes",
        "web_link": "Lea este folleto en internet",
        "page_of": "Página {number} de {count}",
    },
}


# Where English writes the month first ("November 1, 2026"); elsewhere the day comes first.
MONTH_FIRST_REGIONS = ("US", "CA", "PH")


# Language names, by the language they are written in, then the language named.
_LANGUAGE_NAMES = {
    "en": {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "zh": "Chinese"},
    "es": {"en": "inglés", "es": "español", "fr": "francés", "de": "alemán", "zh": "chino"},
}


def language_name(tag: str, in_language: str) -> str:
    """The name of the language `tag`, as written in `in_language` (the tag when unknown)."""
    names = _LANGUAGE_NAMES.get(primary(in_language), _LANGUAGE_NAMES["en"])
    return names.get(primary(tag), tag)


def primary(language: str) -> str:
    """The language's primary subtag: 'es' for 'es-US'."""
    return language.split("-")[0].lower()


def knows(language: str) -> bool:
    """True when the builder has its own phrases in this language."""
    return primary(language) in PHRASES


class Phrases:
    """The builder's phrases in one language (English when it does not know the language)."""

    def __init__(self, language: str):
        self.language = primary(language) if knows(language) else "en"
        parts = language.split("-")
        self.region = parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else ""

    def __call__(self, key: str, **values: object) -> str:
        return PHRASES[self.language][key].format(**values)

    def language_note(self, tag: str | None) -> str:
        """' (in English)' after a citation in another language than the reader's; '' for one
        in the reader's own (or of no stated language)."""
        if not tag or primary(tag) == self.language:
            return ""
        return " " + self("in_language", language=language_name(tag, self.language))

    def date(self, day: dt.date) -> str:
        """A date as readers of the language expect it."""
        month = _MONTHS[self.language][day.month - 1]
        if self.language == "es":
            return f"{day.day} de {month} de {day.year}"
        if self.region and self.region not in MONTH_FIRST_REGIONS:
            return f"{day.day} {month} {day.year}"  # en-GB, en-IE, en-AU, …: 1 November 2026
        return f"{month} {day.day}, {day.year}"


# How numbers are written, by language or language-region: (grouping mark, decimal mark,
# fewest digits before grouping starts). CLDR's conventions for the languages clinics use;
# Spanish groups only from five digits (2 345, but 12.345), except where the region writes
# numbers the U.S. way (Mexico, the United States, Central America and the Caribbean).
NNBSP = "\u202f"  # narrow no-break space: a group that never breaks across lines
_NUMBER_MARKS: dict[str, tuple[str, str, int]] = {
    "en": (",", ".", 1),
    "es": (".", ",", 5),
    "es-US": (",", ".", 1),
    "es-MX": (",", ".", 1),
    "es-PR": (",", ".", 1),
    "es-DO": (",", ".", 1),
    "es-GT": (",", ".", 1),
    "es-HN": (",", ".", 1),
    "es-NI": (",", ".", 1),
    "es-PA": (",", ".", 1),
    "es-SV": (",", ".", 1),
    "de": (".", ",", 1),
    "de-CH": ("\u2019", ".", 1),
    "it": (".", ",", 1),
    "nl": (".", ",", 1),
    "pt": (NNBSP, ",", 1),
    "pt-BR": (".", ",", 1),
    "fr": (NNBSP, ",", 1),
    "pl": (NNBSP, ",", 5),
    "ru": (NNBSP, ",", 1),
    "uk": (NNBSP, ",", 1),
    "sv": (NNBSP, ",", 1),
    "nb": (NNBSP, ",", 1),
    "fi": (NNBSP, ",", 1),
    "vi": (".", ",", 1),
    "ga": (",", ".", 1),
    "zh": (",", ".", 1),
}


def number_marks(language: str) -> tuple[str, str, int]:
    """The grouping mark, decimal mark and fewest digits grouped for a language tag."""
    parts = language.split("-")
    regional = f"{parts[0].lower()}-{parts[1].upper()}" if len(parts) > 1 else ""
    return _NUMBER_MARKS.get(regional) or _NUMBER_MARKS.get(primary(language)) or _NUMBER_MARKS["en"]


def format_number(value: float, language: str, decimals: int | None = None) -> str:
    """`value` written as readers of `language` write numbers: 12,345.5 in English,
    12.345,5 in Spanish, 12 345,5 in French; `decimals` fixes the digits after the mark
    (else as many as the value needs)."""
    group, mark, fewest = number_marks(language)
    exact = format(Decimal(repr(abs(value))), "f")
    rounded = (
        Decimal(repr(abs(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        if decimals is not None
        else None
    )
    text = format(rounded, "f") if rounded is not None else exact  # 2.5 -> 3, as readers round
    if "." in text and decimals is None:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    if len(whole) >= max(fewest, 4):
        whole = f"{int(whole):,}".replace(",", group)
    sign = "-" if value < 0 and float(text) != 0 else ""
    return sign + whole + (mark + fraction if fraction else "")


def cite_mark(numbers: list[int]) -> str:
    """Reference numbers as a bracketed mark, e.g. '[1, 3]'."""
    return "[" + ", ".join(str(n) for n in numbers) + "]"
