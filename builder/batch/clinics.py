"""Reads the clinics a network builds for: contact details, languages, paper, logo, colours,
and variables of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from builder.batch.config import web_pattern
from builder.errors import Problems
from builder.location import Location
from builder.source import fields
from builder.source.fields import Fields
from builder.source.yamlpos import Node
from builder.theme.types import light_tint

if TYPE_CHECKING:
    from builder.theme.types import Theme

# The theme's colour names (kept here so reading clinics needs no theme).
COLOUR_NAMES = ("text", "muted", "background", "primary", "on_primary", "tint", "accent")

CONTACT_KEYS = ("name", "phone", "website", "address", "email")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
Values = tuple[tuple[str, "str | Values"], ...]  # a clinic's own variables, hashable


@dataclass(frozen=True)
class Clinic:
    """One clinic: what fills {{ clinic.… }}, the languages it offers, its paper and look."""

    id: str
    contact: tuple[tuple[str, str], ...]
    languages: tuple[str, ...]
    paper: str | None
    logo: str | None  # relative to the sources folder
    colours: tuple[tuple[str, str], ...]
    loc: Location
    colour_locs: tuple[tuple[str, Location], ...] = ()
    own_variables: Values = ()  # the clinic's `variables:`, over the material's defaults
    region: str | None = None  # the region its builds are for, when its languages do not say
    web: str | None = None  # where its web pages are posted, over the build configuration's

    def variables(self) -> dict[str, object]:
        """The clinic's values as source variables: its own `variables:` and {'clinic': {...}}."""
        values: dict[str, object] = dict(self.contact)
        if self.paper:
            values["paper"] = self.paper
        if self.logo:
            values["logo"] = self.logo
        return {**_as_dict(self.own_variables), "clinic": values}

    def own_colours(self) -> dict[str, str]:
        """The clinic's colours; a clinic that gives a primary colour and no tint gets a light
        tint of its primary, so callout boxes match its brand rather than the theme's."""
        mine = dict(self.colours)
        if "primary" in mine and "tint" not in mine:
            mine["tint"] = light_tint(mine["primary"])
        return mine

    def themed(self, theme: "Theme") -> "Theme":
        """The theme in the clinic's own colours, where it has any."""
        if not self.colours:
            return theme
        return replace(theme, colours=tuple(sorted({**dict(theme.colours), **self.own_colours()}.items())))


def read_clinics(root: Node, problems: Problems) -> list[Clinic]:
    """The clinics of a clinics file that are sound; each problem goes to `problems`, and a
    clinic with any is left out. Brand colours' contrast is checked by `colour_problems`,
    when a clinic is built."""
    top = Fields(root, problems, "the clinics file", required=("clinics",))
    clinics: list[Clinic] = []
    seen: dict[str, Location] = {}
    node = top.get("clinics")
    for item in fields.items(node, problems, "clinics") if node is not None else []:
        local = Problems()
        clinic = _clinic(item, local, seen)
        problems.items.extend(local.items)
        if clinic is not None and not local:
            clinics.append(clinic)
    return clinics


def _clinic(item: Node, problems: Problems, seen: dict[str, Location]) -> Clinic | None:
    f = Fields(
        item,
        problems,
        "a clinic",
        required=("id", "name", "languages"),
        optional=CONTACT_KEYS[1:] + ("paper", "logo", "colours", "variables", "region", "web"),
    )
    if not f.ok:
        return None
    clinic_id = fields.safe_id(f.values["id"], problems, "clinic id") if f.get("id") else None
    if clinic_id in seen:
        problems.add(
            f.values["id"].loc,
            f"clinic id '{clinic_id}' is used twice (first at line {seen[clinic_id].line})",
        )
    if clinic_id:
        seen[clinic_id] = f.values["id"].loc
    contact = tuple(
        (key, fields.scalar(f.values[key], problems, key) or "") for key in CONTACT_KEYS if f.get(key)
    )
    languages = []
    for language_node in (
        fields.items(f.values["languages"], problems, "languages") if f.get("languages") else []
    ):
        tag = fields.scalar(language_node, problems, "a language")
        if tag and not _LANGUAGE.match(tag):
            problems.add(language_node.loc, f"language {tag!r} is not a tag such as en-US")
        elif tag:
            languages.append(tag)
    paper = fields.scalar(f.values["paper"], problems, "paper") if f.get("paper") else None
    if paper and paper not in ("letter", "a4"):
        problems.add(f.values["paper"].loc, f"paper must be letter or a4, not {paper!r}")
    logo = fields.scalar(f.values["logo"], problems, "logo") if f.get("logo") else None
    colours, colour_locs = _colours(f.get("colours"), problems)
    own = _variables(f.get("variables"), problems, "variables") if f.get("variables") else ()
    region = fields.scalar(f.values["region"], problems, "region") if f.get("region") else None
    if region is not None and not (len(region) == 2 and region.isalpha()):
        problems.add(f.values["region"].loc, f"region {region!r} is not a two-letter region code such as IE")
        region = None
    web = web_pattern(f.get("web"), problems)
    if not clinic_id:
        return None
    return Clinic(
        clinic_id,
        contact,
        tuple(languages),
        paper,
        logo,
        colours,
        item.loc,
        colour_locs,
        own,
        region.upper() if region else None,
        web,
    )


def _variables(node: Node, problems: Problems, name: str) -> Values:
    """A clinic's `variables:`: any names, each a text or a mapping of more. `clinic` is not
    one of them: the clinic's own keys (name, phone, …) fill {{ clinic.… }}."""
    if node.kind != "map":
        problems.add(node.loc, f"{name} must be a mapping of names to values")
        return ()
    values = []
    for key, child in node.value.items():  # type: ignore[union-attr]
        where = node.key_locs[key]
        if name == "variables" and key == "clinic":
            problems.add(
                where,
                "a clinic's variables cannot set 'clinic'; give name, phone, … as the clinic's own keys",
            )
        elif not _VARIABLE.match(key):
            problems.add(where, f"variable name {key!r} must be letters, digits and underscores")
        elif child.kind == "map":
            values.append((key, _variables(child, problems, f"{name}.{key}")))
        elif child.kind == "scalar":
            values.append((key, "" if child.value is None else str(child.value)))
        else:
            problems.add(child.loc, f"{name}.{key} must be a text or a mapping, not a list")
    return tuple(values)


def _as_dict(values: Values) -> dict[str, object]:
    return {key: value if isinstance(value, str) else _as_dict(value) for key, value in values}


def _colours(node: Node | None, problems: Problems):
    if node is None:
        return (), ()
    f = Fields(node, problems, "colours", optional=COLOUR_NAMES)
    colours: dict[str, str] = {}
    locs: dict[str, Location] = {}
    for name in COLOUR_NAMES:
        if (value := f.get(name)) is None:
            continue
        hex_value = (fields.scalar(value, problems, f"colour {name}") or "").lstrip("#").upper()
        if len(hex_value) != 6 or any(c not in "0123456789ABCDEF" for c in hex_value):
            problems.add(value.loc, f"colour {name} must be RRGGBB hex, not {hex_value!r}")
            continue
        colours[name], locs[name] = hex_value, value.loc
    return tuple(sorted(colours.items())), tuple(sorted(locs.items()))


def colour_problems(clinic: Clinic, theme: "Theme") -> Problems:
    """Text and background pairs whose contrast the clinic's colours bring below the minimum."""
    from builder.theme.types import CONTRAST_PAIRS, MIN_CONTRAST, contrast_ratio

    problems = Problems()
    mine, locs = clinic.own_colours(), dict(clinic.colour_locs)
    merged = {**dict(theme.colours), **mine}
    for foreground, background in CONTRAST_PAIRS:
        if foreground in mine or background in mine:
            ratio = contrast_ratio(merged[foreground], merged[background])
            if ratio < MIN_CONTRAST:
                problems.add(
                    locs.get(foreground) or locs.get(background) or locs["primary"],  # a made tint
                    f"{foreground} on {background} would have a contrast ratio of {ratio:.2f}:1;"
                    f" at least {MIN_CONTRAST}:1 is needed",
                )
    return problems
