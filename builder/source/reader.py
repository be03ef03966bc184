"""Reads a material's YAML source into the content model, reporting every problem at once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from builder.errors import Problems
from builder.model import (
    Audience,
    Block,
    Break,
    Bullets,
    Callout,
    CallToAction,
    Comparison,
    Condition,
    GlossaryEntry,
    Image,
    KeyFigure,
    Location,
    Material,
    Metadata,
    Paragraph,
    Point,
    Questions,
    Reference,
    Section,
    Status,
    Step,
    Steps,
    Table,
    Text,
)
from builder.source import fields
from builder.source.fields import Fields, did_you_mean
from builder.source.markup import MarkupError, parse_inline
from builder.source.templating import TemplateProblem, TextTemplates
from builder.source.yamlpos import Node, display_path, read_yaml
from builder.wording import Phrases

BLOCK_KEYS = (
    "paragraph",
    "bullets",
    "point",
    "key_figure",
    "callout",
    "steps",
    "questions",
    "image",
    "comparison",
    "status",
    "table",
    "break",
)
BREAK_TARGETS = ("column", "page")
IMAGE_SIZES = ("full", "half")
SECTION_LAYOUTS = (
    "bullets",
    "key_figure",
    "steps",
    "comparison",
    "image",
    "callout",
    "questions",
    "table",
)
MAX_TABLE_COLUMNS = 6  # more than this cannot be read on a slide or in a brochure column
COMMON_BLOCK_KEYS = (
    "only",
    "cite",
    "id",
    "region",
    "warning",
)  # id: optional, names the block for translations
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
IMAGE_ENDS = {"PNG": b"IEND", "JPEG": b"\xff\xd9"}  # what the last bytes of a whole file hold
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_REGION = re.compile(r"^[A-Za-z]{2}$")
_URL = re.compile(r"^https?://[^\s]+$")
_LAYOUT_SPACE = re.compile(r"[ \t\r\n]+")  # line breaks and runs of spaces; never a no-break space
# Characters no text may hold: C0 controls but tab and line breaks, non-characters, surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Letters of the scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, …, and
# their presentation forms): neither renderer lays them out yet, and drawn left to right
# they would be unreadable, so they are refused.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def read_material(path: Path, variables: Mapping[str, object] | None = None) -> Material:
    """Read one source file; `variables` override the source's own defaults."""
    shown = display_path(path)
    root = read_yaml(path, shown)
    return material_from_tree(path, root, variables)


def material_from_tree(
    path: Path, root: Node, variables: Mapping[str, object] | None = None, language: str | None = None
) -> Material:
    """Read a material from an already parsed tree (a translation lays its texts over one);
    `language` replaces the source's own (a translation's)."""
    return _MaterialReader(path, root, variables or {}, language).read()


class _MaterialReader:
    """Walks the YAML tree once, building the model and collecting problems."""

    def __init__(self, path: Path, root: Node, overrides: Mapping[str, object], language: str | None = None):
        self.path = path
        self.source_dir = path.resolve().parent
        self.root = root
        self.overrides = overrides
        self.problems = Problems()
        self.templates = TextTemplates({})
        self.cited: list[tuple[str, Location]] = []
        self.section_ids: dict[str, Location] = {}  # unique across the whole file
        self.language = language or "en"
        self.language_override = language

    # -- the top level ---------------------------------------------------------------------
    def read(self) -> Material:
        top = Fields(
            self.root,
            self.problems,
            "the source",
            required=("material", "sections", "conditions", "call_to_action"),
            optional=("variables", "references", "glossary"),
        )
        if not top.ok:
            self.problems.raise_if_any()
        nested = self.variables(top.get("variables"))
        nested = _deep_merge(nested, self.overrides)
        self.templates = TextTemplates(nested)

        meta = self.metadata(top.get("material"))
        sections, conditions_at = self.shared_sections(top.get("sections"))
        conditions = self.conditions(top.get("conditions"))
        call = self.call_to_action(top.get("call_to_action"))
        references = self.references(top.get("references"))
        glossary = self.glossary(top.get("glossary"))
        self.check_citations(references)
        logo = self.logo(top.get("variables"))
        self.check_paper(top.get("variables"))
        self.problems.raise_if_any()
        return Material(
            meta=meta,  # type: ignore[arg-type]
            variables=tuple(sorted(_flatten(nested).items())),
            sections=sections,
            conditions=conditions,
            call_to_action=call,  # type: ignore[arg-type]
            references=references,
            glossary=glossary,
            loc=self.root.loc,
            conditions_at=conditions_at,
            logo=logo,
            source_dir=str(self.source_dir),
        )

    def logo(self, variables: Node | None) -> str | None:
        """The clinic's logo file, when the variables (or the clinic's overrides) name one."""
        override = self.overrides.get("clinic", {})
        if isinstance(override, Mapping) and override.get("logo"):
            return self.image_path(Node("scalar", str(override["logo"]), Location(display_path(self.path))))
        clinic = variables.value.get("clinic") if variables is not None and variables.kind == "map" else None
        node = clinic.value.get("logo") if clinic is not None and clinic.kind == "map" else None
        if node is None or node.value is None:
            return None
        return self.image_path(node)

    def check_paper(self, variables: Node | None) -> None:
        """clinic.paper, when given, names a paper size the brochures know."""
        clinic = variables.value.get("clinic") if variables is not None and variables.kind == "map" else None
        node = clinic.value.get("paper") if clinic is not None and clinic.kind == "map" else None
        if node is not None and node.kind == "scalar" and str(node.value).lower() not in ("letter", "a4"):
            self.problems.add(
                node.loc,
                f"clinic.paper must be letter or a4, not {node.value!r}"
                + did_you_mean(str(node.value).lower(), ("letter", "a4")),
            )

    def variables(self, node: Node | None) -> dict[str, object]:
        if node is None:
            return {}
        return self._variable_tree(node, "variables")

    def _variable_tree(self, node: Node, name: str) -> dict[str, object]:
        if node.kind != "map":
            self.problems.add(node.loc, f"{name} must be a mapping of names to values")
            return {}
        tree: dict[str, object] = {}
        for key, child in node.value.items():  # type: ignore[union-attr]
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
                self.problems.add(
                    node.key_locs[key],
                    f"variable name {key!r} must be letters, digits and underscores",
                )
                continue
            if child.kind == "map":
                tree[key] = self._variable_tree(child, f"{name}.{key}")
            elif child.kind == "scalar":
                tree[key] = "" if child.value is None else str(child.value)
            else:
                self.problems.add(child.loc, f"variable {name}.{key} must be text or a mapping")
        return tree

    def metadata(self, node: Node | None) -> Metadata | None:
        if node is None:
            return None
        f = Fields(
            node,
            self.problems,
            "material",
            required=(
                "id",
                "title",
                "audience",
                "language",
                "version",
                "author",
                "organisation",
                "reviewed",
                "review_by",
            ),
            optional=("subtitle", "keywords", "reviewed_by"),
        )
        if not f.ok:
            return None
        material_id = self.opt(f, "id", fields.safe_id, "material id")
        language = self.language_override or self.opt(f, "language", fields.scalar, "language")
        self.language = language or "en"
        self.templates.language = self.language
        if language and not _LANGUAGE.match(language):
            self.problems.add(f.values["language"].loc, f"language {language!r} is not a tag such as en-US")
        reviewed = self.opt(f, "reviewed", fields.date, "reviewed")
        review_by = self.opt(f, "review_by", fields.date, "review_by")
        if reviewed and review_by and review_by <= reviewed:
            self.problems.add(f.values["review_by"].loc, "review_by must come after the reviewed date")
        keywords: tuple[str, ...] = ()
        if (node_kw := f.get("keywords")) is not None:
            keywords = tuple(
                word
                for item in fields.items(node_kw, self.problems, "keywords")
                if (word := fields.scalar(item, self.problems, "a keyword"))
            )
        return Metadata(
            id=material_id or "",
            title=self.text_at(f, "title"),
            subtitle=self.text_at(f, "subtitle") if f.get("subtitle") else None,
            audience=self.text_at(f, "audience"),
            language=language or "",
            version=self.opt(f, "version", fields.scalar, "version") or "",
            author=self.text_at(f, "author"),
            organisation=self.text_at(f, "organisation"),
            reviewed=reviewed,  # type: ignore[arg-type]
            review_by=review_by,  # type: ignore[arg-type]
            keywords=keywords,
            loc=node.loc,
            reviewed_by=self.text_at(f, "reviewed_by") if f.get("reviewed_by") else None,
        )

    # -- sections and conditions -----------------------------------------------------------
    def sections(self, node: Node | None, what: str, seen: dict[str, Location]) -> tuple[Section, ...]:
        if node is None:
            return ()
        return tuple(
            section
            for item in fields.items(node, self.problems, what)
            if (section := self.section(item, seen)) is not None
        )

    def shared_sections(self, node: Node | None) -> tuple[tuple[Section, ...], int]:
        """The shared sections, and where `- insert: conditions` puts the conditions' own."""
        if node is None:
            return (), -1
        sections: list[Section] = []
        conditions_at = -1
        seen = self.section_ids
        for item in fields.items(node, self.problems, "sections"):
            if item.kind == "map" and "insert" in item.value:  # type: ignore[operator]
                marker = Fields(item, self.problems, "an insert marker", required=("insert",))
                value = fields.scalar(marker.values["insert"], self.problems, "insert")
                if value != "conditions":
                    self.problems.add(item.loc, "the only insert is 'insert: conditions'")
                elif conditions_at >= 0:
                    self.problems.add(item.loc, "'insert: conditions' appears twice")
                else:
                    conditions_at = len(sections)
            elif (section := self.section(item, seen)) is not None:
                sections.append(section)
        return tuple(sections), conditions_at

    def section(self, node: Node, seen: dict[str, Location]) -> Section | None:
        f = Fields(
            node,
            self.problems,
            "a section",
            required=("id", "title", "blocks"),
            optional=("notes", "layout", "summary"),
        )
        if not f.ok:
            return None
        section_id = self.opt(f, "id", fields.safe_id, "section id")
        if section_id:
            self.unique(section_id, f.values["id"].loc, seen, "section id")
        blocks_node = f.get("blocks")
        items = fields.items(blocks_node, self.problems, "blocks") if blocks_node else []
        self.check_block_ids(items)
        blocks = tuple(block for item in items if (block := self.block(item)) is not None)
        return Section(
            id=section_id or "",
            title=self.text_at(f, "title"),
            blocks=blocks,
            notes=self.text_at(f, "notes") if f.get("notes") else None,
            loc=node.loc,
            layout=self.layout_hint(f, blocks),
            summary=bool(f.get("summary") and fields.boolean(f.values["summary"], self.problems, "summary")),
        )

    def layout_hint(self, f: Fields, blocks: tuple[Block, ...]) -> str | None:
        """A section's `layout:` hint, checked against the blocks it must show."""
        node = f.get("layout")
        if node is None:
            return None
        hint = fields.scalar(node, self.problems, "layout")
        if hint is None:
            return None
        if hint not in SECTION_LAYOUTS:
            self.problems.add(
                node.loc,
                f"unknown layout '{hint}'{did_you_mean(hint, SECTION_LAYOUTS)};"
                f" choose from {', '.join(SECTION_LAYOUTS)}",
            )
            return None
        needs = {
            "key_figure": KeyFigure,
            "steps": Steps,
            "comparison": Comparison,
            "image": Image,
            "callout": Callout,
            "questions": Questions,
            "table": Table,
        }.get(hint)
        deck_blocks = [b for b in blocks if b.only is not Audience.BROCHURE]
        if needs and not any(isinstance(b, needs) for b in deck_blocks):
            self.problems.add(
                node.loc, f"layout '{hint}' needs a {needs.__name__.lower()} block shown in the deck"
            )
            return None
        return hint

    def conditions(self, node: Node | None) -> tuple[Condition, ...]:
        if node is None:
            return ()
        result = []
        condition_ids: dict[str, Location] = {}
        section_ids = self.section_ids
        for item in fields.items(node, self.problems, "conditions"):
            f = Fields(
                item,
                self.problems,
                "a condition",
                required=("id", "name", "main_message", "sections"),
                optional=("colour",),
            )
            if not f.ok:
                continue
            condition_id = self.opt(f, "id", fields.safe_id, "condition id")
            if condition_id:
                self.unique(condition_id, f.values["id"].loc, condition_ids, "condition id")
            result.append(
                Condition(
                    id=condition_id or "",
                    name=self.text_at(f, "name"),
                    main_message=self.text_at(f, "main_message"),
                    sections=self.sections(f.get("sections"), "sections", section_ids),
                    loc=item.loc,
                    colour=self.colour(f.get("colour")),
                    colour_loc=f.values["colour"].loc if f.get("colour") else None,
                )
            )
        return tuple(result)

    def colour(self, node: Node | None) -> str | None:
        """An RRGGBB colour (a leading # allowed), upper case."""
        if node is None:
            return None
        text = fields.scalar(node, self.problems, "colour")
        value = (text or "").lstrip("#").upper()
        if len(value) != 6 or any(c not in "0123456789ABCDEF" for c in value):
            if text is not None:
                self.problems.add(node.loc, f"colour must be RRGGBB hex, such as 2E6B8A, not {text!r}")
            return None
        return value

    # -- blocks ----------------------------------------------------------------------------
    def check_block_ids(self, items: list[Node]) -> None:
        """A block's optional id (it keys the block's texts in translations) is a safe id,
        once in its section."""
        seen: dict[str, Location] = {}
        for item in items:
            node = item.value.get("id") if item.kind == "map" else None  # type: ignore[union-attr]
            if node is None:
                continue
            block_id = fields.safe_id(node, self.problems, "block id")
            if block_id in seen:
                self.problems.add(
                    node.loc,
                    f"block id '{block_id}' is used twice in this section (first at line {seen[block_id].line})",
                )
            elif block_id:
                seen[block_id] = node.loc

    def block(self, node: Node) -> Block | None:
        if node.kind != "map":
            self.problems.add(
                node.loc,
                f"a block must be a mapping such as 'paragraph: …', not {node.describe()}",
            )
            return None
        present = [key for key in node.value if key in BLOCK_KEYS]  # type: ignore[union-attr]
        f = Fields(node, self.problems, "a block", optional=BLOCK_KEYS + COMMON_BLOCK_KEYS)
        if len(present) != 1:
            message = (
                "a block needs one type key: " + ", ".join(BLOCK_KEYS)
                if not present
                else f"a block has one type key, not {len(present)}: " + ", ".join(present)
            )
            self.problems.add(node.loc, message)
            return None
        kind = present[0]
        common = dict(
            loc=node.loc,
            only=self.audience(f),
            cites=self.cites(f),
            regions=self.regions(f),
            warning=bool(f.get("warning") and fields.boolean(f.values["warning"], self.problems, "warning")),
        )
        value = f.values[kind]
        reader = getattr(self, f"block_{kind}")
        return reader(value, common)

    def audience(self, f: Fields) -> Audience:
        node = f.get("only")
        if node is None:
            return Audience.BOTH
        value = fields.scalar(node, self.problems, "only")
        if value in ("deck", "brochure"):
            return Audience(value)
        if value is not None:
            self.problems.add(
                node.loc,
                f"only must be 'deck' or 'brochure', not {value!r}"
                + did_you_mean(value, ("deck", "brochure")),
            )
        return Audience.BOTH

    def regions(self, f: Fields) -> tuple[str, ...]:
        """A block's `region:` — a region code (US, IE, …, or EU), or a list of them."""
        node = f.get("region")
        if node is None:
            return ()
        nodes = [node] if node.kind == "scalar" else fields.items(node, self.problems, "region")
        found = []
        for item in nodes:
            code = (fields.scalar(item, self.problems, "a region") or "").strip()
            if not _REGION.match(code):
                self.problems.add(
                    item.loc, f"region {code!r} is not a two-letter region code such as US or IE, or EU"
                )
            else:
                found.append(code.upper())
        return tuple(found)

    def cites(self, f: Fields) -> tuple[str, ...]:
        node = f.get("cite")
        if node is None:
            return ()
        nodes = [node] if node.kind == "scalar" else fields.items(node, self.problems, "cite")
        ids = []
        for item in nodes:
            ref_id = fields.scalar(item, self.problems, "a cited reference id")
            if ref_id:
                ids.append(ref_id)
                self.cited.append((ref_id, item.loc))
        return tuple(ids)

    def block_paragraph(self, node: Node, common: dict) -> Block | None:
        return Paragraph(text=self.text(node, "paragraph"), **common)

    def block_bullets(self, node: Node, common: dict) -> Block | None:
        entries = fields.items(node, self.problems, "bullets")
        return Bullets(items=tuple(self.text(item, "a bullet") for item in entries), **common)

    def block_point(self, node: Node, common: dict) -> Block | None:
        f = Fields(node, self.problems, "point", required=("slide", "handout"))
        if not f.ok:
            return None
        return Point(slide=self.text_at(f, "slide"), handout=self.text_at(f, "handout"), **common)

    def block_key_figure(self, node: Node, common: dict) -> Block | None:
        f = Fields(node, self.problems, "key_figure", required=("value", "label"))
        if not f.ok:
            return None
        return KeyFigure(value=self.text_at(f, "value"), label=self.text_at(f, "label"), **common)

    def block_callout(self, node: Node, common: dict) -> Block | None:
        if node.kind == "scalar":
            return Callout(title=None, text=self.text(node, "callout"), **common)
        f = Fields(node, self.problems, "callout", required=("text",), optional=("title",))
        if not f.ok:
            return None
        title = self.text_at(f, "title") if f.get("title") else None
        return Callout(title=title, text=self.text_at(f, "text"), **common)

    def block_steps(self, node: Node, common: dict) -> Block | None:
        steps = []
        for item in fields.items(node, self.problems, "steps"):
            if item.kind == "scalar":
                steps.append(Step(title=self.text(item, "a step"), text=None, loc=item.loc))
                continue
            f = Fields(item, self.problems, "a step", required=("title",), optional=("text",))
            if f.ok:
                text = self.text_at(f, "text") if f.get("text") else None
                steps.append(Step(title=self.text_at(f, "title"), text=text, loc=item.loc))
        return Steps(steps=tuple(steps), **common)

    def block_questions(self, node: Node, common: dict) -> Block | None:
        title = None
        entries_node: Node | None = node
        if node.kind == "map":
            f = Fields(node, self.problems, "questions", required=("items",), optional=("title",))
            title = self.text_at(f, "title") if f.get("title") else None
            entries_node = f.get("items")
        entries = fields.items(entries_node, self.problems, "questions") if entries_node else []
        return Questions(
            title=title, items=tuple(self.text(item, "a question") for item in entries), **common
        )

    def block_image(self, node: Node, common: dict) -> Block | None:
        f = Fields(
            node,
            self.problems,
            "image",
            required=("path",),
            optional=("alt", "caption", "decorative", "title", "size", "placement", "press_src"),
        )
        if not f.ok:
            return None
        decorative = bool(
            f.get("decorative") and fields.boolean(f.values["decorative"], self.problems, "decorative")
        )
        alt = self.text_at(f, "alt") if f.get("alt") else None
        if alt is None and not decorative:
            self.problems.add(
                node.loc, "image needs alt text ('alt: …'), or 'decorative: true' if it adds nothing"
            )
        path_node = f.get("path")
        resolved = self.image_path(path_node) if path_node else None
        press_node = f.get("press_src")
        press_path = self.image_path(press_node) if press_node else None
        size = self.opt(f, "size", fields.scalar, "size") or "full"
        if size not in IMAGE_SIZES:
            self.problems.add(
                f.values["size"].loc,
                f"size must be {' or '.join(IMAGE_SIZES)}, not {size!r}" + did_you_mean(size, IMAGE_SIZES),
            )
        placement = self.opt(f, "placement", fields.scalar, "placement")
        return Image(
            path=resolved or "",
            alt=alt,
            caption=self.text_at(f, "caption") if f.get("caption") else None,
            decorative=decorative,
            title=self.text_at(f, "title") if f.get("title") else None,
            size=size,
            placement=placement or "sections",  # checked against the brochure layout's slots and panels
            press_path=press_path,
            **common,
        )

    def image_path(self, node: Node) -> str | None:
        relative = fields.scalar(node, self.problems, "image path")
        if relative is None:
            return None
        candidate = (self.source_dir / relative).resolve()
        if Path(relative).is_absolute() or not candidate.is_relative_to(self.source_dir):
            self.problems.add(
                node.loc, f"image path {relative!r} leaves the source's folder; keep images beside it"
            )
            return None
        if not candidate.is_file():
            self.problems.add(node.loc, f"image {relative!r} does not exist")
            return None
        with candidate.open("rb") as handle:
            head = handle.read(8)
            handle.seek(max(0, candidate.stat().st_size - 65536))  # a JPEG may carry a trailer
            tail = handle.read()
        kind = next((k for signature, k in IMAGE_SIGNATURES.items() if head.startswith(signature)), None)
        if kind is None:
            self.problems.add(node.loc, f"image {relative!r} is not a PNG or JPEG file")
            return None
        if IMAGE_ENDS[kind] not in tail:  # written only in part: a broken download or copy
            self.problems.add(
                node.loc, f"image {relative!r} is cut short (its {kind} data has no end); save it again"
            )
            return None
        return str(candidate)

    def block_comparison(self, node: Node, common: dict) -> Block | None:
        f = Fields(node, self.problems, "comparison", required=("left", "right"), optional=("title",))
        if not f.ok:
            return None
        sides = []
        for side in ("left", "right"):
            side_node = f.get(side)
            if side_node is None:
                return None
            g = Fields(side_node, self.problems, f"comparison {side}", required=("heading", "items"))
            if not g.ok:
                return None
            entries = fields.items(g.get("items"), self.problems, f"{side} items") if g.get("items") else []
            sides.append((self.text_at(g, "heading"), tuple(self.text(e, "an item") for e in entries)))
        (left_heading, left), (right_heading, right) = sides
        title = self.text_at(f, "title") if f.get("title") else None
        return Comparison(
            title=title,
            left_heading=left_heading,
            left=left,
            right_heading=right_heading,
            right=right,
            **common,
        )

    def block_status(self, node: Node, common: dict) -> Block | None:
        f = Fields(node, self.problems, "status", required=("text", "as_of"), optional=("title",))
        if not f.ok:
            return None
        default = Phrases(self.language)("status_default")
        title = self.text_at(f, "title") if f.get("title") else self.literal(default, node.loc)
        return Status(
            title=title,
            text=self.text_at(f, "text"),
            as_of=self.opt(f, "as_of", fields.date, "as_of"),  # type: ignore[arg-type]
            **common,
        )

    def block_table(self, node: Node, common: dict) -> Block | None:
        f = Fields(node, self.problems, "table", required=("header", "rows"), optional=("title",))
        if not f.ok:
            return None
        header_node = f.values["header"]
        header = tuple(
            self.text(cell, "a column heading") for cell in fields.items(header_node, self.problems, "header")
        )
        if header_node.kind != "list" or not header_node.value:
            return None
        if not 2 <= len(header) <= MAX_TABLE_COLUMNS:
            self.problems.add(
                header_node.loc,
                f"a table has 2 to {MAX_TABLE_COLUMNS} columns, not {len(header)};"
                " use bullets for one column, or split a wider table in two",
            )
            return None
        rows: list[tuple[Text, ...]] = []
        row_locs: list[Location] = []
        for row_node in fields.items(f.values["rows"], self.problems, "rows"):
            cells = tuple(
                self.text(cell, "a table cell") for cell in fields.items(row_node, self.problems, "a row")
            )
            if row_node.kind == "list" and cells and len(cells) != len(header):
                self.problems.add(
                    row_node.loc,
                    f"this row has {len(cells)} cells, but the header has {len(header)} columns",
                )
                continue
            if cells:
                rows.append(cells)
                row_locs.append(row_node.loc)
        title = self.text_at(f, "title") if f.get("title") else None
        return Table(title=title, header=header, rows=tuple(rows), row_locs=tuple(row_locs), **common)

    def block_break(self, node: Node, common: dict) -> Block | None:
        to = fields.scalar(node, self.problems, "break")
        if to not in BREAK_TARGETS:
            if to is not None:
                self.problems.add(
                    node.loc,
                    f"break must be 'column' or 'page', not {to!r}" + did_you_mean(to, BREAK_TARGETS),
                )
            return None
        return Break(to=to, **common)

    # -- the rest --------------------------------------------------------------------------
    def call_to_action(self, node: Node | None) -> CallToAction | None:
        if node is None:
            return None
        f = Fields(node, self.problems, "call_to_action", required=("title", "text", "contact"))
        if not f.ok:
            return None
        contact_node = f.get("contact")
        contact = (
            tuple(
                self.text(item, "a contact line")
                for item in fields.items(contact_node, self.problems, "contact")
            )
            if contact_node
            else ()
        )
        return CallToAction(
            title=self.text_at(f, "title"), text=self.text_at(f, "text"), contact=contact, loc=node.loc
        )

    def references(self, node: Node | None) -> tuple[Reference, ...]:
        if node is None:
            return ()
        result = []
        seen: dict[str, Location] = {}
        for item in fields.items(node, self.problems, "references"):
            f = Fields(
                item,
                self.problems,
                "a reference",
                required=("id", "citation"),
                optional=("url", "accessed", "language"),
            )
            if not f.ok:
                continue
            ref_id = self.opt(f, "id", fields.safe_id, "reference id")
            if ref_id:
                self.unique(ref_id, f.values["id"].loc, seen, "reference id")
            url = self.opt(f, "url", fields.scalar, "url")
            if url and not _URL.match(url):
                self.problems.add(f.values["url"].loc, f"url {url!r} must start with https://")
            result.append(
                Reference(
                    id=ref_id or "",
                    citation=self.text_at(f, "citation"),
                    url=url,
                    accessed=self.opt(f, "accessed", fields.date, "accessed"),
                    loc=item.loc,
                    language=self.opt(f, "language", self.language_tag, "language"),
                )
            )
        return tuple(result)

    def glossary(self, node: Node | None) -> tuple[GlossaryEntry, ...]:
        if node is None:
            return ()
        result = []
        for item in fields.items(node, self.problems, "glossary"):
            f = Fields(
                item, self.problems, "a glossary entry", required=("term", "definition"), optional=("only",)
            )
            if f.ok:
                result.append(
                    GlossaryEntry(
                        term=self.text_at(f, "term"),
                        definition=self.text_at(f, "definition"),
                        loc=item.loc,
                        only=self.audience(f),
                    )
                )
        return tuple(result)

    def check_citations(self, references: tuple[Reference, ...]) -> None:
        known = {reference.id for reference in references}
        for ref_id, loc in self.cited:
            if ref_id not in known:
                self.problems.add(loc, f"cites unknown reference '{ref_id}'{did_you_mean(ref_id, known)}")

    # -- helpers ---------------------------------------------------------------------------
    def opt(self, f: Fields, key: str, convert, what: str):
        node = f.get(key)
        return convert(node, self.problems, what) if node is not None else None

    @staticmethod
    def language_tag(node: Node, problems: Problems, what: str) -> str | None:
        """A language tag such as en or en-US; a problem at its line for anything else."""
        value = fields.scalar(node, problems, what)
        if value and not _LANGUAGE.match(value):
            problems.add(node.loc, f"{what} {value!r} is not a tag such as en or en-US")
            return None
        return value

    def unique(self, value: str, loc: Location, seen: dict[str, Location], what: str) -> None:
        if value in seen:
            self.problems.add(loc, f"{what} '{value}' is used twice (first at line {seen[value].line})")
        else:
            seen[value] = loc

    def text_at(self, f: Fields, key: str) -> Text:
        node = f.get(key)
        if node is None:
            return Text((), f.key_loc(key))
        return self.text(node, key)

    def text(self, node: Node, what: str) -> Text:
        raw = fields.scalar(node, self.problems, what)
        if raw is None:
            return Text((), node.loc)
        control = _CONTROL.search(raw)
        if control is not None:
            code = ord(control.group())
            self.problems.add(node.loc, f"{what} holds the control character U+{code:04X}; remove it")
            return Text((), node.loc)
        backwards = _RIGHT_TO_LEFT.search(raw)
        if backwards is not None:
            self.problems.add(
                node.loc,
                f"{what} holds right-to-left text ('{backwards.group()}', U+{ord(backwards.group()):04X});"
                " the builder cannot lay out Arabic or Hebrew yet, and will not print it backwards",
            )
            return Text((), node.loc)
        try:
            filled = self.templates.fill(raw)
            spans = parse_inline(" ".join(_LAYOUT_SPACE.split(filled.strip())))
        except (TemplateProblem, MarkupError) as error:
            self.problems.add(node.loc, str(error))
            return Text((), node.loc)
        if not "".join(span.text for span in spans).strip():
            self.problems.add(node.loc, f"{what} is empty")
        return Text(spans, node.loc)

    def literal(self, words: str, loc: Location) -> Text:
        return Text(parse_inline(words), loc)


def _deep_merge(base: dict[str, object], overrides: Mapping[str, object]) -> dict[str, object]:
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)  # type: ignore[arg-type]
        else:
            merged[key] = value
    return merged


def _flatten(tree: Mapping[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat
