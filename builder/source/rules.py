"""Reads the review rules (rules/review.yaml, or a network's own) into plain data, checked.

The rules are data a network edits: required blocks, banned phrases, claims that need a
citation, reading-level limits and review dates. builder.source.review applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from builder.errors import Problems, SourceError
from builder.location import Location
from builder.source import fields
from builder.source.fields import Fields, did_you_mean
from builder.source.yamlpos import Node, display_path, read_yaml

RULES_FILE = Path("rules") / "review.yaml"
REQUIRED_KINDS = ("main_message", "status", "questions", "contact", "section")
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Rule:
    """One rule: its id, kind of check, severity, what it says, and its settings."""

    id: str
    group: str  # required, banned, needs_citation, reading, review
    explain: str
    loc: Location
    severity: str = "error"
    kind: str = ""  # a required rule's block kind
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()  # language -> phrases or words
    patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # language -> regular expressions
    negations: tuple[tuple[str, tuple[str, ...]], ...] = ()  # language -> words that negate a phrase
    measure: str = ""
    fail_above: float | None = None
    warn_above: float | None = None
    fail_below: float | None = None
    warn_below: float | None = None
    warn_days: int = 0

    def for_language(self, table: tuple[tuple[str, tuple[str, ...]], ...], language: str) -> tuple[str, ...]:
        """The entries of `table` for a language tag (its primary language's), or ()."""
        return dict(table).get(language.split("-")[0].lower(), ())


@dataclass(frozen=True)
class Rules:
    """Every rule of a rules file, in file order."""

    rules: tuple[Rule, ...]
    path: str

    def group(self, name: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.group == name)

    def get(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


def rules_path(named: Path | None = None) -> Path:
    """The rules file: the one named, else ./rules/review.yaml, else the project's own."""
    for candidate in rules_candidates(named):
        if candidate.is_file():
            return candidate
    return named if named is not None else RULES_FILE


def rules_candidates(named: Path | None = None) -> list[Path]:
    """The files `rules_path` chooses from, in its order."""
    if named is not None:
        return [named]
    return [Path(".") / RULES_FILE, Path(__file__).resolve().parent.parent.parent / RULES_FILE]


def load_rules(path: Path | None = None) -> Rules:
    """The rules of a file, every mistake in it reported at its line."""
    chosen = rules_path(path)
    if not chosen.is_file():
        raise SourceError.at(Location(str(chosen)), "no such rules file")
    root = read_yaml(chosen, display_path(chosen))
    problems = Problems()
    top = Fields(
        root, problems, "the rules", optional=("required", "banned", "needs_citation", "reading", "review")
    )
    rules: list[Rule] = []
    seen: dict[str, Location] = {}
    for group in ("required", "banned", "needs_citation", "reading", "review"):
        node = top.get(group)
        if node is None:
            continue
        for item in fields.items(node, problems, group):
            rule = _rule(group, item, problems)
            if rule is None:
                continue
            if rule.id in seen:
                problems.add(
                    rule.loc, f"rule id '{rule.id}' is used twice (first at line {seen[rule.id].line})"
                )
            seen[rule.id] = rule.loc
            rules.append(rule)
    problems.raise_if_any()
    return Rules(tuple(rules), display_path(chosen))


_OPTIONS = {
    "required": ("kind", "words"),
    "banned": ("phrases", "unless_after"),
    "needs_citation": ("patterns",),
    "reading": ("measure", "fail_above", "warn_above", "fail_below", "warn_below"),
    "review": ("warn_days",),
}


def _rule(group: str, node: Node, problems: Problems) -> Rule | None:
    f = Fields(
        node,
        problems,
        f"a {group} rule",
        required=("id", "explain"),
        optional=("severity",) + _OPTIONS[group],
    )
    if not f.ok:
        return None
    rule_id = fields.safe_id(f.values["id"], problems, "rule id") or ""
    severity = fields.scalar(f.values["severity"], problems, "severity") if f.get("severity") else "error"
    if severity not in SEVERITIES:
        problems.add(
            f.values["severity"].loc,
            f"severity must be error or warning{did_you_mean(str(severity), SEVERITIES)}",
        )
    settings: dict = {}
    if group == "required":
        kind = fields.scalar(f.values["kind"], problems, "kind") if f.get("kind") else None
        if kind not in REQUIRED_KINDS:
            where = f.values["kind"].loc if f.get("kind") else node.loc
            problems.add(
                where,
                f"kind must be one of {', '.join(REQUIRED_KINDS)}{did_you_mean(str(kind), REQUIRED_KINDS)}",
            )
        settings["kind"] = kind or ""
        if f.get("words"):
            settings["words"] = _by_language(f.values["words"], problems, "words")
        elif kind == "section":
            problems.add(node.loc, "a section rule needs `words:` by language, the words its title must hold")
    elif group == "banned":
        settings["words"] = _by_language(f.values["phrases"], problems, "phrases") if f.get("phrases") else ()
        if f.get("unless_after"):  # negations: 'no cure' is not a claim of one
            settings["negations"] = _by_language(f.values["unless_after"], problems, "unless_after")
    elif group == "needs_citation":
        patterns = _by_language(f.values["patterns"], problems, "patterns") if f.get("patterns") else ()
        for _language, expressions in patterns:
            for expression in expressions:
                try:
                    re.compile(expression)
                except re.error as error:
                    problems.add(
                        f.values["patterns"].loc,
                        f"pattern {expression!r} is not a regular expression: {error}",
                    )
        settings["patterns"] = patterns
    elif group == "reading":
        from builder.source.readability import MEASURE_NAMES  # (a no-op rebuild finds the file only)

        measure = fields.scalar(f.values["measure"], problems, "measure") if f.get("measure") else ""
        if measure not in MEASURE_NAMES:
            problems.add(
                node.loc,
                f"measure must be one of {', '.join(MEASURE_NAMES)}{did_you_mean(str(measure), MEASURE_NAMES)}",
            )
        settings["measure"] = measure or ""
        for key in ("fail_above", "warn_above", "fail_below", "warn_below"):
            if f.get(key):
                settings[key] = fields.number(f.values[key], problems, key)
    elif group == "review" and f.get("warn_days"):
        settings["warn_days"] = int(fields.number(f.values["warn_days"], problems, "warn_days") or 0)
    return Rule(
        rule_id,
        group,
        " ".join((fields.scalar(f.values["explain"], problems, "explain") or "").split()),
        node.loc,
        severity or "error",
        **settings,
    )


def _by_language(node: Node, problems: Problems, what: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if node.kind != "map":
        problems.add(node.loc, f"{what} must map languages (en, es, …) to lists")
        return ()
    table = []
    for language, entries in node.value.items():  # type: ignore[union-attr]
        found = tuple(
            w
            for item in fields.items(entries, problems, f"{what} in {language}")
            if (w := fields.scalar(item, problems, what))
        )
        table.append((language.lower(), found))
    return tuple(table)
