"""The few words the builder writes itself — headings, captions, notes, dates — per language.

A material's own text comes from its source (and its translations); these phrases frame it.
Each language the builder knows has every phrase; `phrases()` falls back to English for a
language it does not know, and the build says so.
"""

from __future__ import annotations

import datetime as dt

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
        "key_facts": "Key facts",
        "status_default": "Where things stand",
        "status_as_of": "Status as of {date}.",
        "adapted_from": "Adapted from {cite}",
        "continued": "{title} (continued)",
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
        "notes_handout": "From the handout: {text}",
        "notes_picture": "The picture shows: {alt}",
    },
    "es": {
        "agenda": "De qué vamos a hablar",
        "glossary": "Palabras que conviene conocer",
        "references": "Referencias",
        "key_facts": "Datos clave",
        "status_default": "Situación actual",
        "status_as_of": "Situación al {date}.",
        "adapted_from": "Adaptado de {cite}",
        "continued": "{title} (continuación)",
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
        "notes_handout": "Del folleto: {text}",
        "notes_picture": "La imagen muestra: {alt}",
    },
}


# Where English writes the month first ("November 1, 2026"); elsewhere the day comes first.
MONTH_FIRST_REGIONS = ("US", "CA", "PH")


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

    def date(self, day: dt.date) -> str:
        """A date as readers of the language expect it."""
        month = _MONTHS[self.language][day.month - 1]
        if self.language == "es":
            return f"{day.day} de {month} de {day.year}"
        if self.region and self.region not in MONTH_FIRST_REGIONS:
            return f"{day.day} {month} {day.year}"  # en-GB, en-IE, en-AU, …: 1 November 2026
        return f"{month} {day.day}, {day.year}"


def cite_mark(numbers: list[int]) -> str:
    """Reference numbers as a bracketed mark, e.g. '[1, 3]'."""
    return "[" + ", ".join(str(n) for n in numbers) + "]"
