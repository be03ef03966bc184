"""Reading scores of everything a material prints, part by part, by formulas for its language.

English: the Flesch–Kincaid grade and the SMOG grade. Spanish: the Fernández-Huerta ease in
its corrected form (Law, 2011: the original's misprint took sentences per 100 words where
the formula means words per sentence, and so rewarded long sentences) and the INFLESZ
perspicuity (Szigriszt-Pazos). Syllables are counted with the hyphenation dictionaries that
ship with Pyphen, so no data is fetched. Limits are the review rules' (builder.source.rules);
this module only measures.

A part is a section (all its printed blocks: paragraphs, lists, boxes, checklists, captions,
tables), a condition's cover (its name and main message), the glossary and the call to action.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from builder.location import Location
from builder.model import (
    Bullets,
    Callout,
    Comparison,
    Image,
    KeyFigure,
    Material,
    Paragraph,
    Point,
    Questions,
    Section,
    Status,
    Steps,
    Table,
    Text,
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
MIN_WORDS = 10  # fewer words than this are not scored: the formulas mean nothing on them
SMOG_MIN_SENTENCES = 3

# The measures of each language, in the order they are reported; what each one's name is.
MEASURES = {"en": ("fk_grade", "smog"), "es": ("fernandez_huerta", "inflesz")}
MEASURE_NAMES = {
    "fk_grade": "Flesch-Kincaid grade",
    "smog": "SMOG grade",
    "fernandez_huerta": "Fernández-Huerta ease",
    "inflesz": "INFLESZ",
}
GRADES = ("fk_grade", "smog")  # higher is harder; the others are eases: higher is easier


@dataclass(frozen=True)
class Score:
    """One part's reading figures."""

    part: str  # the section's title, or "cover: <condition>", "glossary", "call to action"
    loc: Location
    values: tuple[tuple[str, float], ...]  # (measure, value), in MEASURES order
    words: int

    def value(self, measure: str) -> float | None:
        return dict(self.values).get(measure)


@lru_cache(maxsize=4)
def _dictionary(language: str):
    import pyphen

    return pyphen.Pyphen(lang=language)


def syllables(word: str, language: str) -> int:
    """A word's syllables, from its hyphenation points (at least one)."""
    dictionary = _dictionary("es" if language == "es" else "en_US")
    return max(1, len(dictionary.positions(word.lower())) + 1)


def measures_for(language: str) -> tuple[str, ...]:
    """The measures a language is scored by (English's for a language with no formula here)."""
    return MEASURES.get(language.split("-")[0].lower(), MEASURES["en"])


def score_text(text: str, language: str) -> dict[str, float] | None:
    """Each of the language's measures for a text, or None when it has too few words."""
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    primary = language.split("-")[0].lower()
    counts = [syllables(word, primary) for word in words]
    per_word = sum(counts) / len(words)
    per_sentence = len(words) / sentences
    if primary == "es":
        return {
            "fernandez_huerta": round(206.84 - 0.60 * 100 * per_word - 1.02 * per_sentence, 1),
            "inflesz": round(206.835 - 62.3 * per_word - per_sentence, 1),
        }
    polysyllables = sum(1 for count in counts if count >= 3)
    scores = {"fk_grade": round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)}
    if sentences >= SMOG_MIN_SENTENCES:  # SMOG counts per 30 sentences: on one or two it is noise
        scores["smog"] = round(1.043 * math.sqrt(polysyllables * 30 / sentences) + 3.1291, 1)
    return scores


def part_scores(material: Material) -> list[Score]:
    """Every printed part scored: shared sections, each condition's cover and sections, the
    glossary and the call to action; parts too short to score are left out."""
    language = material.meta.language
    parts: list[tuple[str, Location, list[Text]]] = []
    for condition in material.conditions:
        message = condition.main_message  # placed by its own line: in a translation, that file's
        parts.append((f"cover: {condition.name.plain}", message.loc, [message]))
    sections = list(material.sections) + [s for c in material.conditions for s in c.sections]
    parts += [(section.title.plain, section.title.loc, printed_texts(section)) for section in sections]
    if material.glossary:
        definitions = [entry.definition for entry in material.glossary]
        parts.append(("glossary", material.glossary[0].loc, definitions))
    call = material.call_to_action
    parts.append(("call to action", call.loc, [call.title, call.text]))
    scores = []
    for name, loc, texts in parts:
        text = " ".join(_sentence(t.plain) for t in texts if t)
        scored = score_text(text, language)
        if scored is not None:
            values = tuple((m, scored[m]) for m in measures_for(language) if m in scored)
            scores.append(Score(name, loc, values, len(_WORD.findall(text))))
    return scores


def whole_score(material: Material) -> dict[str, float] | None:
    """The measures of all the material's printed parts read as one text."""
    texts = [
        t
        for s in list(material.sections) + [s for c in material.conditions for s in c.sections]
        for t in printed_texts(s)
    ]
    texts += [c.main_message for c in material.conditions] + [e.definition for e in material.glossary]
    texts += [material.call_to_action.title, material.call_to_action.text]
    return score_text(" ".join(_sentence(t.plain) for t in texts if t), material.meta.language)


def printed_texts(section: Section) -> list[Text]:
    """Every text of a section that a reader reads, in the deck or a brochure."""
    texts: list[Text] = []
    for block in section.blocks:
        match block:
            case Paragraph(text=text):
                texts.append(text)
            case Point(handout=handout):
                texts.append(handout)
            case Bullets(items=items):
                texts.extend(items)
            case Callout(title=title, text=text) | Status(title=title, text=text):
                texts.extend(t for t in (title, text) if t)
            case Steps(steps=steps):
                texts.extend(t for step in steps for t in (step.title, step.text) if t)
            case Questions(title=title, items=items):
                texts.extend(((title,) if title else ()) + items)
            case Comparison(left=left, right=right):
                texts.extend(left + right)
            case KeyFigure(label=label):
                texts.append(label)
            case Image(caption=caption):
                texts.extend((caption,) if caption else ())
            case Table(rows=rows):
                texts.extend(cell for row in rows for cell in row)
    return texts


def _sentence(text: str) -> str:
    return text if _SENTENCE_END.search(text) else text + "."
