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

    def as_json(self) -> dict:
        """The score as build.json and `handout check --json` give it."""
        where = {"file": self.loc.path, "line": self.loc.line, "col": self.loc.col}
        return {"part": self.part, **where, "words": self.words, **dict(self.values)}


_ENGLISH_VOWELS = re.compile(r"[aeiouy]+")
_SPANISH_VOWELS = re.compile(r"[aeiouáéíóúü]+")
_SUFFIXES = (
    ("fully", 2),
    ("ful", 1),
    ("ly", 1),
    ("ment", 1),
    ("ments", 1),
    ("ness", 1),
    ("less", 1),
    ("times", 1),
)
_STRONG = set("aeoáéó")  # Spanish's open vowels: two side by side are two syllables
_STRESSED_WEAK = set("íú")  # a stressed close vowel stands alone: dí-a, ba-úl


@lru_cache(maxsize=16384)
def syllables(word: str, language: str) -> int:
    """A word's syllables, counted by rule (at least one): Spanish by its regular vowel
    groups, hiatus and stressed close vowels included; English by vowel groups, less a silent
    final e. The scores' formulas were fitted on such counts; loading a hyphenation
    dictionary cost every build more than the rest of the review together."""
    lower = word.lower()
    if language == "es":
        count = 0
        for group in _SPANISH_VOWELS.findall(lower):
            count += 1
            for first, second in zip(group, group[1:]):
                if (
                    (first in _STRONG and second in _STRONG)
                    or first in _STRESSED_WEAK
                    or second in _STRESSED_WEAK
                ):
                    count += 1
        return max(1, count)
    for suffix, extra in _SUFFIXES:  # care-ful, like-ly, some-times: the stem's e stays silent
        stem = lower[: -len(suffix)]
        if lower.endswith(suffix) and len(stem) > 2 and stem.endswith("e") and stem[-2] not in "aeiouy":
            return syllables(stem, language) + extra
    count = 0
    groups = list(_ENGLISH_VOWELS.finditer(lower))
    for found in groups:
        count += 1
        group, before = found.group(), lower[found.start() - 1 : found.start()]
        after = lower[found.end() : found.end() + 1]
        if (
            ("eo" in group and after != "p")  # osteo, but people
            or ("ia" in group and before not in "ctsgx")  # diabetes, but special
            or ("io" in group and before not in "tscxh")  # radio, but nation, cushion
            or lower[found.start() :].startswith("eing")  # being
        ):
            count += 1  # two vowels heard apart
    last = groups[-1].group() if groups else ""
    if lower.endswith("e") and len(last) == 1 and not lower.endswith(("le", "ye")) and count > 1:
        count -= 1  # make, done: a silent final e (not tissue, true)
    elif lower.endswith("ed") and count > 1 and not lower.endswith(("ted", "ded")):
        count -= 1  # moved: no syllable of its own
    elif (
        lower.endswith("es")
        and len(lower) > 4
        and lower[-3] not in "aeiouysxzcg"
        and lower[-4] in "aeiou"
        and not lower.endswith("betes")
        and count > 1
    ):
        count -= 1  # bones, minutes: the e is silent
    return max(1, count)


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
