"""Machine pre-scores: the PEMAT-P and CDC Clear Communication Index items a program can judge.

A reviewer still scores the handout; this says, per condition's brochure, which of the items
that can be read off the content are met — a percentage and the items missed — so that the
committee starts from what the machine could not see. Items (PEMAT-P understandability and
actionability, CDC Index): the main message on the cover; a summary (a key-points section or
key facts); short sections (no section's printed text over 200 words); informative headers
(every section titled in more than one word); medical terms defined (a glossary, or none
needed); a visual (a picture, a key figure or steps); numbered steps for a process; the state
of the science (a status block); the risks named (a section titled with them); a call to
action with a way to reach the clinic; a tangible tool (a checklist of questions); the reader
addressed directly ("you").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.model import (
    Audience,
    Condition,
    Image,
    KeyFigure,
    Material,
    Questions,
    Section,
    Status,
    Steps,
)
from builder.source.readability import printed_texts

LONGEST_SECTION = 200  # words a section may print and still count as short
_YOU = re.compile(r"\b(you|your|usted|su|sus)\b", re.IGNORECASE)
_SUMMARY = ("key point", "summary", "in short", "puntos clave", "resumen", "en resumen")
_RISK = ("risk", "side effect", "harm", "riesgo", "efecto", "daño")


@dataclass(frozen=True)
class PreScore:
    """One brochure's machine-judged items: how many are met, and which are not."""

    condition: str
    met: tuple[str, ...]
    missed: tuple[str, ...]

    def as_json(self) -> dict:
        """The pre-score as build.json and `handout check --json` give it."""
        return {"condition": self.condition, "percent": self.percent, "missed": list(self.missed)}

    @property
    def percent(self) -> int:
        total = len(self.met) + len(self.missed)
        return round(100 * len(self.met) / total) if total else 0


def pre_scores(material: Material) -> list[PreScore]:
    """Every condition's brochure pre-scored."""
    return [_score(material, condition) for condition in material.conditions]


def _score(material: Material, condition: Condition) -> PreScore:
    sections = material.sections_of(condition)
    blocks = [b for s in sections for b in s.blocks_for(Audience.BROCHURE)]
    words = [len(" ".join(t.plain for t in printed_texts(s)).split()) for s in sections]
    printed = " ".join(t.plain for s in sections for t in printed_texts(s))
    items = {
        "main message on the cover": bool(condition.main_message),
        "a summary": any(_titled(s, _SUMMARY) for s in sections)
        or any(isinstance(b, KeyFigure) for b in blocks),
        "short sections": all(count <= LONGEST_SECTION for count in words),
        "informative headers": all(len(s.title.plain.split()) > 1 for s in sections),
        "medical terms defined": bool(material.glossary),
        "a visual": any(isinstance(b, (Image, KeyFigure, Steps)) for b in blocks),
        "the state of the science": any(isinstance(b, Status) for b in blocks),
        "the risks named": any(_titled(s, _RISK) for s in sections),
        "a call to action with a contact": bool(material.call_to_action.contact),
        "a checklist of questions": any(isinstance(b, Questions) for b in blocks),
        "the reader addressed directly": bool(_YOU.search(printed)),
    }
    if any(isinstance(b, Steps) for b in blocks) or "step" in printed.lower():
        items["numbered steps for a process"] = any(isinstance(b, Steps) for b in blocks)
    return PreScore(
        condition.name.plain,
        tuple(item for item, ok in items.items() if ok),
        tuple(item for item, ok in items.items() if not ok),
    )


def _titled(section: Section, words: tuple[str, ...]) -> bool:
    title = section.title.plain.lower()
    return any(word in title for word in words)
