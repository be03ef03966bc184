"""Reads a theme folder in `layouts/`: theme.yaml, deck.yaml, brochure.yaml and icons.yaml, checked."""

from __future__ import annotations

from dataclasses import MISSING

from pathlib import Path

from builder.errors import Problems, SourceError
from builder.source import fields
from builder.source.fields import Fields
from builder.source.yamlpos import Node, display_path, read_yaml
from builder.theme.brochure_layouts_reader import read_brochure_layouts
from builder.theme.fonts import FONT_SUFFIXES, STYLES
from builder.theme.icons_reader import read_icons
from builder.theme.types import (
    COLOUR_NAMES,
    CONTRAST_PAIRS,
    FOOTER_CHOICES,
    MIN_CONTRAST,
    OPTIONAL_SLIDE_KINDS,
    PLACEHOLDER_ROLES,
    SLIDE_KINDS,
    BrochureSizes,
    DeckSizes,
    FallbackFont,
    Fonts,
    SlideKindBinding,
    Theme,
    contrast_ratio,
)


def load_theme(folder: Path) -> Theme:
    """Read and check `theme.yaml`, `deck.yaml` and `brochure.yaml` in a theme folder."""
    return read_theme(folder)


def read_theme(folder: Path) -> Theme:
    """Read and check `theme.yaml`, `deck.yaml` and `brochure.yaml` in a theme folder."""
    problems = Problems()
    look = _read(folder / "theme.yaml", problems)
    deck = _read(folder / "deck.yaml", problems)
    brochure = _read(folder / "brochure.yaml", problems)
    icons = _read(folder / "icons.yaml", problems) if (folder / "icons.yaml").exists() else None
    problems.raise_if_any()
    fonts, colours, deck_sizes, brochure_sizes = _look(look, problems)  # type: ignore[arg-type]
    template, kinds, reference_geometry, footer = _deck(deck, folder, problems)  # type: ignore[arg-type]
    brochure_default, brochure_layouts = read_brochure_layouts(brochure, problems)  # type: ignore[arg-type]
    drawn = read_icons(icons, problems)
    problems.raise_if_any()
    return Theme(
        name=folder.name,
        folder=str(folder.resolve()),
        fonts=fonts,
        colours=colours,
        deck=deck_sizes,
        brochure=brochure_sizes,
        template=template,
        slide_kinds=kinds,
        brochure_default=brochure_default,
        brochure_layouts=brochure_layouts,
        reference_geometry=reference_geometry,
        deck_footer=footer,
        icons=drawn,
    )


def _read(path: Path, problems: Problems) -> Node | None:
    try:
        return read_yaml(path, display_path(path))
    except SourceError as error:
        problems.extend(error)
        return None


def _number(
    node: Node | None, problems: Problems, what: str, low: float, high: float, whole: bool = False
) -> float:
    """The number at `node`, or `low` where it is missing or wrong (each wrong one reported)."""
    value = _checked_number(node, problems, what, low, high, whole)
    return low if value is None else value


def _checked_number(
    node: Node | None, problems: Problems, what: str, low: float, high: float, whole: bool = False
) -> float | None:
    """The number at `node` when it is one within [low, high]; None where it is missing or
    wrong, each wrong one reported once."""
    value = fields.number(node, problems, what) if node is not None else None
    if value is None:
        return None
    if whole and not value.is_integer():
        problems.add(node.loc, f"{what} must be a whole number, not {node.value}")
        return None
    if not low <= value <= high:
        problems.add(node.loc, f"{what} must be between {low:g} and {high:g}, not {value:g}")
        return None
    return value


def _section(
    top: Fields,
    key: str,
    problems: Problems,
    what: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> Fields:
    """A section of theme.yaml; where it is missing (reported once, by `top`), an empty one
    whose keys are not asked for again."""
    node = top.get(key)
    if node is None:
        return Fields(Node("map", {}, top.key_loc(key)), problems, what)
    return Fields(node, problems, what, required=required, optional=optional)


def _look(node: Node, problems: Problems):
    top = Fields(node, problems, "theme", required=("fonts", "colours", "deck", "brochure"))
    font_fields = _section(
        top, "fonts", problems, "fonts", ("family", "deck_typeface", "files"), ("fallback",)
    )
    fonts = Fonts(
        family=_text(font_fields.get("family"), problems, "font family"),
        deck_typeface=_text(font_fields.get("deck_typeface"), problems, "deck typeface"),
        files=_font_files(font_fields.get("files"), problems, STYLES, "font files"),
        fallback=_fallback(font_fields.get("fallback"), problems),
    )
    colour_fields = _section(top, "colours", problems, "colours", COLOUR_NAMES)
    colours: dict[str, str] = {}
    for name in COLOUR_NAMES:
        if (value := colour_fields.get(name)) is not None:
            text = fields.scalar(value, problems, f"colour {name}")
            if text is None:
                continue  # reported: not a single value
            hex_value = text.lstrip("#")
            if len(hex_value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in hex_value):
                problems.add(value.loc, f"colour {name} must be RRGGBB hex, not {hex_value!r}")
                continue
            colours[name] = hex_value.upper()
    for foreground, background in CONTRAST_PAIRS:
        if foreground in colours and background in colours:
            ratio = contrast_ratio(colours[foreground], colours[background])
            if ratio < MIN_CONTRAST:
                problems.add(
                    colour_fields.key_loc(foreground),
                    f"{foreground} on {background} has a contrast ratio of {ratio:.2f}:1;"
                    f" at least {MIN_CONTRAST}:1 is needed",
                )
    deck_keys = tuple(DeckSizes.__dataclass_fields__)
    deck_fields = _section(top, "deck", problems, "deck sizes", deck_keys)
    deck = DeckSizes(
        **{
            k: _number(deck_fields.get(k), problems, k, *((0.2, 0.8) if k == "steps_share" else (8, 200)))
            for k in deck_keys
        }
    )
    brochure_keys = tuple(BrochureSizes.__dataclass_fields__)
    brochure_fields = _section(top, "brochure", problems, "brochure sizes", brochure_keys)
    ranges = {k: (1.0, 96) if k.endswith("leading") else (9, 96) for k in brochure_keys}
    sizes = {k: _checked_number(brochure_fields.get(k), problems, k, *ranges[k]) for k in brochure_keys}
    defaults = {k: f.default for k, f in BrochureSizes.__dataclass_fields__.items() if f.default is not MISSING}
    brochure = BrochureSizes(
        **{k: defaults.get(k, ranges[k][0]) if v is None else v for k, v in sizes.items()}
    )
    if sizes["body_size"] is not None and sizes["body_size"] < 12:
        problems.add(brochure_fields.key_loc("body_size"), "brochure body_size must be at least 12 pt")
    return fonts, tuple(sorted(colours.items())), deck, brochure


def _font_files(
    node: Node | None, problems: Problems, required: tuple[str, ...], what: str
) -> tuple[tuple[str, str], ...]:
    """A font's file names by style, each a TrueType or OpenType file (or collection)."""
    if node is None:
        return ()
    file_fields = Fields(node, problems, what, required=required, optional=STYLES[len(required) :])
    files = []
    for style in STYLES:
        if (value := file_fields.get(style)) is not None:
            name = fields.scalar(value, problems, f"{style} font file")
            if name and not name.lower().endswith(FONT_SUFFIXES):
                problems.add(value.loc, f"{style} font file {name!r} must be a .ttf, .otf or .ttc file")
            elif name:
                files.append((style, name))
    return tuple(files)


def _fallback(node: Node | None, problems: Problems) -> tuple[FallbackFont, ...]:
    """The fallback chain: fonts tried in order for what the family cannot draw."""
    if node is None:
        return ()
    chain: list[FallbackFont] = []
    for item in fields.items(node, problems, "fallback fonts"):
        font_fields = Fields(item, problems, "a fallback font", required=("family", "deck_typeface", "files"))
        family = _text(font_fields.get("family"), problems, "fallback font family")
        if family and any(font.family == family for font in chain):
            problems.add(font_fields.key_loc("family"), f"fallback font {family!r} is listed twice")
        files = _font_files(
            font_fields.get("files"), problems, ("regular",), f"files of {family or 'a fallback font'}"
        )
        chain.append(
            FallbackFont(
                family=family,
                deck_typeface=_text(font_fields.get("deck_typeface"), problems, "fallback deck typeface"),
                files=files,
                loc=item.loc,
            )
        )
    return tuple(chain)


def _text(node: Node | None, problems: Problems, what: str) -> str:
    return (fields.scalar(node, problems, what) or "") if node is not None else ""


def _deck(node: Node, folder: Path, problems: Problems):
    top = Fields(
        node,
        problems,
        "deck binding",
        required=("template", "slide_kinds"),
        optional=("reference_geometry", "footer"),
    )
    footer = _text(top.get("footer"), problems, "footer") or "organisation"
    if footer not in FOOTER_CHOICES:
        problems.add(top.key_loc("footer"), f"footer must be one of {', '.join(FOOTER_CHOICES)}")
    template = _text(top.get("template"), problems, "template")
    template_path = (folder / template).resolve()
    if template and not template_path.is_relative_to(folder.resolve()):
        problems.add(top.key_loc("template"), "template must be inside the theme folder")
    kinds: list[SlideKindBinding] = []
    kinds_node = top.get("slide_kinds")
    if kinds_node is not None:
        kind_fields = Fields(
            kinds_node,
            problems,
            "slide_kinds",
            required=tuple(k for k in SLIDE_KINDS if k not in OPTIONAL_SLIDE_KINDS),
            optional=tuple(OPTIONAL_SLIDE_KINDS),
        )
        for kind in SLIDE_KINDS:
            if (value := kind_fields.get(kind)) is None:
                shared = next((b for b in kinds if b.kind == OPTIONAL_SLIDE_KINDS.get(kind)), None)
                if shared is not None:
                    kinds.append(SlideKindBinding(kind, shared.layout, shared.placeholders))
                continue
            binding = Fields(
                value,
                problems,
                f"slide kind {kind}",
                required=("layout", "title"),
                optional=PLACEHOLDER_ROLES[1:],
            )
            layout = _text(binding.get("layout"), problems, "layout")
            roles = []
            for role in PLACEHOLDER_ROLES:
                if (idx_node := binding.get(role)) is not None:
                    roles.append(
                        (role, int(_number(idx_node, problems, f"{role} idx", 0, 10000, whole=True)))
                    )
            kinds.append(SlideKindBinding(kind, layout, tuple(roles)))
    boxes: list[tuple[str, int, tuple[float, float, float, float]]] = []
    if (geometry_node := top.get("reference_geometry")) is not None:
        if geometry_node.kind != "map":
            problems.add(geometry_node.loc, "reference_geometry must map layout names to placeholders")
        else:
            for layout, by_idx in geometry_node.value.items():  # type: ignore[union-attr]
                if by_idx.kind != "map":
                    problems.add(by_idx.loc, f"reference_geometry of '{layout}' must map idx to boxes")
                    continue
                for idx, box in by_idx.value.items():  # type: ignore[union-attr]
                    numbers = [
                        _number(n, problems, "a box measure", 0, 14)
                        for n in fields.items(box, problems, f"the box of {layout} idx {idx}")
                    ]
                    if len(numbers) != 4 or not idx.isdigit():
                        problems.add(box.loc, "a box is [left, top, width, height] in inches, under an idx")
                        continue
                    boxes.append((layout, int(idx), tuple(numbers)))  # type: ignore[arg-type]
    return str(template_path), tuple(kinds), tuple(boxes), footer
