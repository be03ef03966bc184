"""Reading ease of each section's handout text, by the formula made for its language.

English: Flesch–Kincaid grade (aim: grade 6 to 8, as the AMA and NIH advise). Spanish:
Fernández-Huerta ease (aim: 60 or more, "normal" or easier on the INFLESZ scale). Syllables
are counted with the hyphenation dictionaries that ship with Pyphen, so no data is fetched.
The figures are reported, not enforced: a reviewer decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from builder.location import Location
from builder.model import (
    Audience,
    Bullets,
    Callout,
    Comparison,
    Material,
    Paragraph,
    Point,
    Section,
    Steps,
    Text,
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
ENGLISH_MAX_GRADE = 8.0
SPANISH_MIN_EASE = 60.0


@dataclass(frozen=True)
class Score:
    """One section's reading figure."""

    section: str
    loc: Location
    measure: str  # "Flesch-Kincaid grade" or "Fernández-Huerta ease"
    value: float
    words: int
    hard: bool  # past the aim for the language


@lru_cache(maxsize=4)
def _dictionary(language: str):
    import pyphen

    return pyphen.Pyphen(lang=language)


def syllables(word: str, language: str) -> int:
    """A word's syllables, from its hyphenation points (at least one)."""
    dictionary = _dictionary("es" if language == "es" else "en_US")
    return max(1, len(dictionary.positions(word.lower())) + 1)


def score_text(text: str, language: str) -> tuple[str, float, int] | None:
    """(measure, value, words) for a text, or None when it has too few words to score."""
    words = _WORD.findall(text)
    if len(words) < 10:
        return None
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    primary = language.split("-")[0].lower()
    count = sum(syllables(word, primary) for word in words)
    if primary == "es":
        ease = 206.84 - 0.60 * (100 * count / len(words)) - 1.02 * (100 * sentences / len(words))
        return "Fernández-Huerta ease", round(ease, 1), len(words)
    grade = 0.39 * (len(words) / sentences) + 11.8 * (count / len(words)) - 15.59
    return "Flesch-Kincaid grade", round(grade, 1), len(words)


def section_scores(material: Material) -> list[Score]:
    """Every section's handout text scored, shared sections then each condition's."""
    sections = list(material.sections) + [s for c in material.conditions for s in c.sections]
    scores = []
    for section in sections:
        scored = score_text(" ".join(_handout_texts(section)), material.meta.language)
        if scored is None:
            continue
        measure, value, words = scored
        hard = value < SPANISH_MIN_EASE if measure.startswith("Fern") else value > ENGLISH_MAX_GRADE
        scores.append(Score(section.title.plain, section.loc, measure, value, words, hard))
    return scores


def _handout_texts(section: Section) -> list[str]:
    texts: list[Text] = []
    for block in section.blocks_for(Audience.BROCHURE):
        match block:
            case Paragraph(text=text) | Callout(text=text):
                texts.append(text)
            case Point(handout=handout):
                texts.append(handout)
            case Bullets(items=items):
                texts.extend(items)
            case Steps(steps=steps):
                texts.extend(step.text for step in steps if step.text)
            case Comparison(left=left, right=right):
                texts.extend(left + right)
    return [_sentence(t.plain) for t in texts]


def _sentence(text: str) -> str:
    return text if _SENTENCE_END.search(text) else text + "."
