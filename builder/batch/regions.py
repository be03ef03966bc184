"""Which region a build is for, and a material with only the blocks meant for that region.

A block may carry `region:` (a region code such as US or IE, `EU` for any member state, or a
list of them): it then appears only in builds for those regions, so one material carries the
FDA's statement for U.S. clinics and the HPRA's and EMA's for Irish ones. A build's region is
the clinic's `region:` when it gives one, else the region of the language it is built in
(en-IE: IE); a language with no region (es) matches only blocks that name none.
"""

from __future__ import annotations

from dataclasses import replace

from builder.model import Block, Condition, Material, Section

EU = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())


def region_of(language: str, explicit: str | None = None) -> str:
    """The region a build is for: `explicit` (a clinic's), else the language tag's region."""
    if explicit:
        return explicit.upper()
    parts = language.split("-")
    return next((part.upper() for part in parts[1:] if len(part) == 2 and part.isalpha()), "")


def meant_for(block: Block, region: str) -> bool:
    """Whether a block belongs in a build for `region` (every block without `region:` does)."""
    if not block.regions:
        return True
    return region in block.regions or ("EU" in block.regions and region in EU)


def in_region(material: Material, region: str) -> Material:
    """The material with the blocks meant for other regions left out (itself when none is)."""
    if not any(b.regions for s in _all_sections(material) for b in s.blocks):
        return material

    def section(s: Section) -> Section:
        kept = tuple(b for b in s.blocks if meant_for(b, region))
        return s if len(kept) == len(s.blocks) else replace(s, blocks=kept)

    def condition(c: Condition) -> Condition:
        return replace(c, sections=tuple(section(s) for s in c.sections))

    return replace(
        material,
        sections=tuple(section(s) for s in material.sections),
        conditions=tuple(condition(c) for c in material.conditions),
    )


def _all_sections(material: Material) -> list[Section]:
    return [*material.sections, *(s for c in material.conditions for s in c.sections)]
