"""Writes each clinic's web index per language: output/<clinic>/<language>/index.html, a link to
every condition page of every material built for it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from builder.output import write_atomic
from builder.span import Span

if TYPE_CHECKING:
    from builder.batch.clinics import Clinic
    from builder.model import Material
    from builder.theme.types import Theme


def web_entry(material: Material) -> dict:
    """What a clinic's index says of one material's pages (kept in build.json, so a rebuild
    that reads nothing still knows it): its title, its clinic's name, and each page's file,
    condition and main message."""
    from builder.render.address import page_file_name

    return {
        "title": material.meta.title.plain,
        "organisation": material.meta.organisation.plain,
        "language": material.meta.language,
        "pages": [
            [page_file_name(material.meta.id, c.id), c.name.plain, c.main_message.plain]
            for c in material.conditions
        ],
    }


def write_web_indexes(
    out: Path, entries: Mapping[str, dict], clinics: Iterable[Clinic], theme: Theme
) -> list[Path]:
    """Each clinic and language's index of its web pages (`entries` by
    'clinic/language/material', as web_entry makes them); the files written."""
    from builder.render.web.page import index_html
    from builder.render.web.plan import PAGE_PHRASES, IndexPage
    from builder.wording import Phrases

    by_folder: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for key, entry in sorted(entries.items()):
        clinic, language, material = key.split("/")
        by_folder.setdefault((clinic, language), []).append((material, entry))
    looks = {clinic.id: clinic.themed(theme) for clinic in clinics}
    written = []
    for (clinic, language), materials in sorted(by_folder.items()):
        look = looks.get(clinic, theme)
        say = Phrases(materials[0][1]["language"])
        page = IndexPage(
            file_name="index.html",
            language=materials[0][1]["language"],
            title=(Span(say("web_handouts")),),
            kicker=(Span(materials[0][1]["organisation"]),),
            pages=tuple(
                (f"{material}/{file}", (Span(condition),), (Span(entry["title"]),))
                for material, entry in materials
                for file, condition, _message in entry["pages"]
            ),
            colours=look.colours,
            font_family=look.fonts.family,
            phrases=tuple((key, say(key)) for key in PAGE_PHRASES),
        )
        target = out / clinic / language / "index.html"
        write_atomic(target, index_html(page, look).encode("utf-8"))
        written.append(target)
    return written
