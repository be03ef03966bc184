"""The review committee's gate: a material checked against the rules, finding by finding.

`review()` is pure: given a material, the rules (builder.source.rules) and today's date, it
returns every finding, each at its source line and with its rule's id. Errors fail `handout
check` and `handout build`; warnings are reported. Scores are in builder.source.readability.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from builder.errors import Problem
from builder.location import Location
from builder.model import (
    Audience,
    Block,
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
    Span,
    Status,
    Steps,
    Table,
    Text,
)
from builder.source.readability import GRADES, MEASURE_NAMES, measures_for, part_scores
from builder.source.rules import Rule, Rules

QUOTES = "\"'“”‘’«»„‚‹›"


@dataclass(frozen=True, order=True)
class Finding:
    """One rule broken, at one place."""

    loc: Location
    rule: str
    severity: str  # error or warning
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.severity}: {self.message} [{self.rule}]"

    def problem(self) -> Problem:
        """The finding as a build problem (for an error)."""
        return Problem(self.loc, f"{self.message} [{self.rule}]")

    def as_json(self) -> dict:
        loc = self.loc
        return {
            "rule": self.rule,
            "severity": self.severity,
            "file": loc.path,
            "line": loc.line,
            "col": loc.col,
            "message": self.message,
        }


def review(
    material: Material, rules: Rules, today: dt.date, groups: tuple[str, ...] | None = None
) -> list[Finding]:
    """Every finding of the rules (of `groups`, else all) on the material, in source order."""
    checks = {
        "required": _required,
        "banned": _banned,
        "needs_citation": _citations,
        "reading": _reading,
        "review": _dates,
    }
    found: list[Finding] = []
    for group, check in checks.items():
        if groups is None or group in groups:
            for rule in rules.group(group):
                found.extend(check(material, rule, today))
    return sorted(set(found))


# -- required blocks ---------------------------------------------------------------------------
def _required(material: Material, rule: Rule, _today: dt.date) -> Iterator[Finding]:
    language = material.meta.language
    for condition in material.conditions:
        sections = material.sections_of(condition)
        blocks = [b for s in sections for b in s.blocks_for(Audience.BROCHURE)]
        name = condition.name.plain
        missing = None
        if rule.kind == "main_message" and not condition.main_message:
            missing = "has no main message"
        elif rule.kind == "status" and not any(isinstance(b, Status) for b in blocks):
            missing = "has no status block (the evidence and the regulator's position)"
        elif rule.kind == "questions" and not any(isinstance(b, Questions) for b in blocks):
            missing = "has no questions checklist"
        elif rule.kind == "contact" and not material.call_to_action.contact:
            missing = "has no contact line in its call to action"
        elif rule.kind == "section":
            # the language's words, and English's (a title may keep an English term)
            words = tuple(
                dict.fromkeys(rule.for_language(rule.words, language) + rule.for_language(rule.words, "en"))
            )
            if not any(_holds_any(s.title.plain, words) for s in sections):
                missing = f"has no section whose title names {' / '.join(repr(w) for w in words)}"
        if missing:
            yield _finding(rule, condition.loc, f"{name}: the brochure {missing}; {rule.explain}")


def _holds_any(title: str, words: tuple[str, ...]) -> bool:
    lowered = title.lower()
    return any(word.lower() in lowered for word in words)


# -- banned phrases ------------------------------------------------------------------------------
def _banned(material: Material, rule: Rule, _today: dt.date) -> Iterator[Finding]:
    phrases = rule.for_language(rule.words, material.meta.language)
    if not phrases:
        return
    expression = _phrase_pattern(phrases)
    for text, block in _texts(material):
        if block is not None and block.warning:
            continue
        plain = text.plain
        negations = rule.for_language(rule.negations, material.meta.language)
        for match in expression.finditer(plain):
            if _quoted(plain, match.start(), match.end()) or _negated(plain[: match.start()], negations):
                continue
            yield _finding(
                rule,
                text.loc,
                f"'{match.group()}' is printed as the material's own claim; {rule.explain}"
                " (quote it, or mark the block `warning: true`, if it names a warning sign)",
            )
            break


@lru_cache(maxsize=64)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(
        re.escape(p).replace(r"\ ", r"[\s-]+") for p in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _negated(before: str, negations: tuple[str, ...]) -> bool:
    """Whether one of the three words before a phrase negates it ('there is no cure',
    'not FDA approved', 'no es una cura')."""
    words = re.findall(r"[\w']+", before.lower())[-3:]
    return any(word in negations for word in words)


@lru_cache(maxsize=64)
def _any_of(patterns: tuple[str, ...]) -> re.Pattern:
    """One expression matching any of a rule's patterns (compiled once per process)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands inside quotation marks of its own."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return bool(before) and bool(after) and before[-1] in QUOTES and after[0] in QUOTES


# -- claims that need a citation -----------------------------------------------------------------
def _citations(material: Material, rule: Rule, _today: dt.date) -> Iterator[Finding]:
    patterns = rule.for_language(rule.patterns, material.meta.language)
    if not patterns:
        return
    expression = _any_of(patterns)
    for text, block in _texts(material):
        if block is None or block.cites or isinstance(block, Questions):
            continue
        match = expression.search(text.plain)
        if match:
            yield _finding(
                rule,
                text.loc,
                f"'{match.group()}' states a figure or a finding with no source; {rule.explain}",
            )


# -- reading level --------------------------------------------------------------------------------
def _reading(material: Material, rule: Rule, _today: dt.date) -> Iterator[Finding]:
    if rule.measure not in measures_for(material.meta.language):
        return
    name = MEASURE_NAMES[rule.measure]
    for score in part_scores(material):
        value = score.value(rule.measure)
        if value is None:
            continue
        if rule.measure in GRADES:
            fails = rule.fail_above is not None and value > rule.fail_above
            warns = rule.warn_above is not None and value > rule.warn_above
            limit = rule.fail_above if fails else rule.warn_above
            said = f"above {limit:g}"
        else:
            fails = rule.fail_below is not None and value < rule.fail_below
            warns = rule.warn_below is not None and value < rule.warn_below
            limit = rule.fail_below if fails else rule.warn_below
            said = f"below {limit:g}"
        if fails or warns:
            yield Finding(
                score.loc,
                rule.id,
                rule.severity if fails else "warning",
                f"'{score.part}' scores {value:g} ({name}), {said}; use shorter sentences and everyday words",
            )


# -- review dates -----------------------------------------------------------------------------------
def _dates(material: Material, rule: Rule, today: dt.date) -> Iterator[Finding]:
    meta = material.meta
    if meta.review_by is None:
        return
    days = (meta.review_by - today).days
    if rule.warn_days == 0 and days < 0:
        yield _finding(
            rule, meta.loc, f"the material was due for review on {meta.review_by.isoformat()}; {rule.explain}"
        )
    elif rule.warn_days and 0 <= days <= rule.warn_days:
        yield Finding(
            meta.loc,
            rule.id,
            "warning",
            f"the material is due for review in {days} days ({meta.review_by.isoformat()}); {rule.explain}",
        )


# -- helpers ----------------------------------------------------------------------------------------
def _finding(rule: Rule, loc: Location, message: str) -> Finding:
    return Finding(loc, rule.id, rule.severity, message)


def _texts(material: Material) -> Iterator[tuple[Text, Block | None]]:
    """Every text a reader sees or hears, with its block (None for texts outside blocks);
    references' citations are left out (a paper's title is not the material's claim)."""
    meta = material.meta
    for text in (meta.title, meta.subtitle, meta.organisation):
        if text:
            yield text, None
    for condition in material.conditions:
        yield condition.name, None
        yield condition.main_message, None
    for section in [*material.sections, *(s for c in material.conditions for s in c.sections)]:
        yield from _section_texts(section)
    call = material.call_to_action
    for text in (call.title, call.text, *call.contact):
        yield text, None
    for entry in material.glossary:
        yield entry.term, None
        yield entry.definition, None


def _section_texts(section: Section) -> Iterator[tuple[Text, Block | None]]:
    yield section.title, None
    if section.notes:
        yield section.notes, None
    for block in section.blocks:
        for text in _block_texts(block):
            if text:
                yield text, block


def _block_texts(block: Block) -> tuple[Text | None, ...]:
    match block:
        case Paragraph(text=text):
            return (text,)
        case Point(slide=slide, handout=handout):
            return (slide, handout)
        case Bullets(items=items):
            return items
        case Callout(title=title, text=text) | Status(title=title, text=text):
            return (title, text)
        case KeyFigure(value=value, label=label):
            return (Text((*value.spans, Span(" "), *label.spans), label.loc),)
        case Steps(steps=steps):
            return tuple(t for step in steps for t in (step.title, step.text))
        case Questions(title=title, items=items):
            return (title, *items)
        case Comparison(title=title, left_heading=lh, left=left, right_heading=rh, right=right):
            return (title, lh, *left, rh, *right)
        case Image(caption=caption, alt=alt, title=title):
            return (caption, alt, title)
        case Table(title=title, header=header, rows=rows):
            return (title, *header, *(cell for row in rows for cell in row))
    return ()
