"""The review gate in a build: each material, as built for its region, checked against the rules.

The rules run in `handout check` and in every `handout build` alike (builder.source.review);
here a build's findings are split into the errors that stop it and the warnings it reports.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builder.errors import Problem
from builder.model import Material
from builder.source.review import Finding, review
from builder.source.rules import Rules, load_rules


def today() -> dt.date:
    """The date review dates are checked against (a function, so tests can fix it)."""
    return dt.date.today()


def rules_for(path: Path | None = None) -> Rules:
    """The rules a build checks against: the file named, else rules/review.yaml."""
    return load_rules(path)


def gate(material: Material, rules: Rules) -> tuple[list[Problem], list[str]]:
    """The errors (as problems that stop the build) and the warnings (as notes) of a material."""
    findings = review(material, rules, today())
    errors = [finding.problem() for finding in findings if finding.severity == "error"]
    warnings = [_note(finding) for finding in findings if finding.severity == "warning"]
    return errors, warnings


def _note(finding: Finding) -> str:
    return f"{finding.loc}: warning: {finding.message} [{finding.rule}]"


def review_all(
    materials: list[Material], regions_by_language: dict[str, set[str]], rules: Rules
) -> list[Finding]:
    """Every finding of every material, each checked as built for each region it goes to:
    its language's region, and the regions of the clinics that read its language."""
    from builder.batch.regions import in_region, region_of
    from builder.wording import primary

    found: set[Finding] = set()
    for material in materials:
        language = material.meta.language
        regions = {region_of(language)} | regions_by_language.get(primary(language), set())
        for region in sorted(regions):
            found.update(review(in_region(material, region), rules, today()))
    return sorted(found)


def network_regions() -> dict[str, set[str]]:
    """The regions each language is built for by the clinics beside the sources (none when
    there is no clinics file), by primary language."""
    from builder.batch.clinics import read_clinics
    from builder.batch.config import CONFIG_FILE, read_config
    from builder.batch.regions import region_of
    from builder.errors import Problems
    from builder.source.yamlpos import display_path, read_yaml
    from builder.wording import primary

    folder = read_config(CONFIG_FILE).sources if CONFIG_FILE.is_file() else Path("sources")
    clinics_file = folder / "clinics.yaml"
    if not clinics_file.is_file():
        return {}
    regions: dict[str, set[str]] = {}
    for clinic in read_clinics(read_yaml(clinics_file, display_path(clinics_file)), Problems()):
        for language in clinic.languages:
            regions.setdefault(primary(language), set()).add(region_of(language, clinic.region))
    return regions


def reading_scores(material: Material) -> dict:
    """A material's reading scores for build.json and the report: the whole printed text's,
    and each part's."""
    from builder.source.prescore import pre_scores
    from builder.source.readability import part_scores, whole_score

    return {
        "whole": whole_score(material) or {},
        "prescores": [p.as_json() for p in pre_scores(material)],
        "parts": [s.as_json() for s in part_scores(material)],
    }
