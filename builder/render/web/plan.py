"""Plans a condition's web page: the brochure's content as headed parts, in reading order.

`plan_page()` is pure. It takes the same slots as the printed brochure (so the page says all
the brochure says, in the same order) and groups their items into what HTML marks up as one
element: a run of bullets is one list, the steps one ordered list, the glossary one
description list. Headings come out in order: the condition is the page's h1, each part an
h2, a block's own title an h3.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.model import Audience, Condition, Image, Material, Reference
from builder.render import RenderOptions
from builder.render.address import page_file_name, web_address
from builder.render.brochure.plan import fill_slots
from builder.render.brochure.planned import Item
from builder.span import Span
from builder.theme.types import Theme, with_primary
from builder.wording import Phrases

# The parts of the page, in order, each from the brochure slot of that name.
PART_SLOTS = ("key_facts", "status", "sections", "questions", "call_to_action", "glossary")
GROUPED = {"bullet": "list", "step": "steps", "check": "checklist", "figure": "facts", "term": "glossary"}
GROUPED.update({"contact_line": "contact", "link": "links"})


@dataclass(frozen=True)
class Entry:
    """One item of a list: its words, and a title (a step's, a term's, a key figure's value)."""

    spans: tuple[Span, ...]
    title: tuple[Span, ...] = ()
    lang: str = ""  # the language of `spans`, when it is not the page's
    after: tuple[Span, ...] = ()  # words that follow, in the page's language


@dataclass(frozen=True)
class Node:
    """What HTML marks up as one element.

    `kind` is one of: paragraph, subheading, list, steps, checklist, facts, glossary, contact,
    links, references, callout, status, source, figure, table. Lists hold `entries`; a figure
    names its picture (`picture`, the source file) with its alt text, or none when it is
    decorative; a table's `cells` hold its rows, the header row first.
    """

    kind: str
    spans: tuple[Span, ...] = ()
    title: tuple[Span, ...] = ()
    entries: tuple[Entry, ...] = ()
    detail: str = ""
    picture: str = ""
    alt: str = ""
    decorative: bool = False
    scale: float = 1.0
    cells: tuple[tuple[tuple[Span, ...], ...], ...] = ()
    icon: str = ""  # the theme icon before a callout's or status's title (see builder.theme.icons)


@dataclass(frozen=True)
class Part:
    """A headed part of the page: the key facts, a section, the questions, …"""

    id: str  # the heading's id, unique in the page
    heading: tuple[Span, ...]
    nodes: tuple[Node, ...]
    kind: str  # the slot it comes from
    icon: str = ""  # the theme icon before its heading


@dataclass(frozen=True)
class WebPage:
    """One condition's page, free of HTML: what the page template marks up."""

    file_name: str
    language: str
    document_title: str
    kicker: tuple[Span, ...]
    title: tuple[Span, ...]
    condition: tuple[Span, ...]
    message: tuple[Span, ...]
    cover: tuple[Node, ...]
    parts: tuple[Part, ...]
    colophon: str
    colours: tuple[tuple[str, str], ...]
    font_family: str
    author: str = ""  # the organisation, for the document's properties
    description: str = ""  # the version and review dates, as the brochure's Subject
    keywords: tuple[str, ...] = ()
    logo: str = ""  # the clinic's logo file, with the organisation as its alt text
    logo_alt: str = ""
    address: str | None = None  # where the page is posted, when the clinic says
    phrases: tuple[tuple[str, str], ...] = ()  # the builder's own words the template uses

    def colour(self, name: str) -> str:
        return dict(self.colours)[name]

    def pictures(self) -> tuple[str, ...]:
        """Every picture file the page shows, once each, in order."""
        found = [self.logo] if self.logo else []
        nodes = (*self.cover, *(node for part in self.parts for node in part.nodes))
        found += [node.picture for node in nodes if node.picture]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class IndexPage:
    """The page listing a material's condition pages."""

    file_name: str
    language: str
    title: tuple[Span, ...]
    kicker: tuple[Span, ...]
    pages: tuple[tuple[str, tuple[Span, ...], tuple[Span, ...]], ...]  # file, condition, message
    colours: tuple[tuple[str, str], ...]
    font_family: str
    phrases: tuple[tuple[str, str], ...] = ()


PAGE_PHRASES = ("skip_to_content", "web_contents", "references", "links", "web_other_pages")


def plan_page(
    material: Material, condition: Condition, theme: Theme, options: RenderOptions = RenderOptions()
) -> WebPage:
    """The web page of one condition."""
    say = Phrases(material.meta.language)
    slots = fill_slots(material, condition, places=frozenset({"cover_picture"}))
    pictures = _pictures(material, condition)
    parts: list[Part] = []
    ids: set[str] = set()
    on_panels = [item for name, items in slots.items() if name.startswith("panel:") for item in items]
    for slot in PART_SLOTS:
        parts.extend(_parts(slot, slots.get(slot, []), pictures, ids))
        if slot == "sections" and on_panels:  # pictures fixed on a named brochure panel
            parts.append(Part(_unique_id((Span("pictures"),), ids), (), _nodes(on_panels, pictures), slot))
    parts.append(_references(material, say, slots.get("references", []), ids))
    cover = tuple(
        node
        for node in _nodes(slots["cover_picture"], pictures)
        if node.kind == "figure"
    )
    meta = material.meta
    look = with_primary(theme, condition.colour)
    return WebPage(
        file_name=page_file_name(meta.id, condition.id),
        language=meta.language,
        document_title=f"{condition.name.plain} – {meta.title.plain} – {meta.organisation.plain}",
        kicker=meta.organisation.spans,
        title=meta.title.spans,
        condition=condition.name.spans,
        message=condition.main_message.spans,
        cover=cover,
        parts=tuple(part for part in parts if part.nodes),
        colophon=slots["colophon"][0].spans[0].text,
        colours=look.colours,
        font_family=theme.fonts.family,
        author=meta.organisation.plain,
        description=meta.review_line(),
        keywords=tuple(meta.keywords),
        logo=material.logo or "",
        logo_alt=meta.organisation.plain,
        address=web_address(
            options.web_address,
            website=material.variable("clinic.website"),
            language=meta.language,
            material=meta.id,
            condition=condition.id,
        ),
        phrases=tuple((key, say(key)) for key in PAGE_PHRASES),
    )


def plan_index(material: Material, theme: Theme) -> IndexPage:
    """The material's index page: each condition's page with its main message."""
    say = Phrases(material.meta.language)
    return IndexPage(
        file_name="index.html",
        language=material.meta.language,
        title=material.meta.title.spans,
        kicker=material.meta.organisation.spans,
        pages=tuple(
            (page_file_name(material.meta.id, c.id), c.name.spans, c.main_message.spans)
            for c in material.conditions
        ),
        colours=theme.colours,
        font_family=theme.fonts.family,
        phrases=tuple((key, say(key)) for key in PAGE_PHRASES),
    )


def page_texts(page: WebPage) -> list[str]:
    """Every text the page shows, for tests: what each part and node says."""
    texts = [_plain(page.kicker), _plain(page.title), _plain(page.condition), _plain(page.message)]
    for node in (*page.cover, *(n for part in page.parts for n in part.nodes)):
        texts += [_plain(node.title), _plain(node.spans)]
        texts += [_plain(entry.title) + _plain(entry.spans) for entry in node.entries]
        texts += [_plain(cell) for row in node.cells for cell in row]
    texts += [_plain(part.heading) for part in page.parts]
    return [text for text in texts if text.strip()]


def _plain(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans)


def _pictures(material: Material, condition: Condition) -> dict[str, Image]:
    """The condition's pictures by file, for their alt text (the brochure's items have none)."""
    return {
        block.path: block
        for section in material.sections_of(condition)
        for block in section.blocks_for(Audience.BROCHURE)
        if isinstance(block, Image)
    }


def _parts(slot: str, items: list[Item], pictures: dict[str, Image], ids: set[str]) -> list[Part]:
    """A slot's items as parts, a part at each heading (a slot without one: one part)."""
    runs: list[tuple[tuple[Span, ...], list[Item], str]] = []
    for item in items:
        if item.kind in ("heading", "contact_title"):
            runs.append((item.spans, [], item.icon))
        elif runs:
            runs[-1][1].append(item)
        else:
            runs.append(((), [item], ""))
    return [
        Part(_unique_id(heading or (Span(slot),), ids), heading, _nodes(run, pictures), slot, icon)
        for heading, run, icon in runs
    ]


def _nodes(items: list[Item], pictures: dict[str, Image]) -> tuple[Node, ...]:
    nodes: list[Node] = []
    for item in items:
        grouped = GROUPED.get(item.kind)
        if grouped:
            entry = Entry(item.spans, item.title)
            if nodes and nodes[-1].kind == grouped:
                last = nodes[-1]
                nodes[-1] = Node(grouped, entries=last.entries + (entry,))
            else:
                nodes.append(Node(grouped, entries=(entry,)))
            continue
        match item.kind:
            case "paragraph" | "contact_text" | "colophon" | "cover_message" | "source":
                nodes.append(Node("source" if item.kind == "source" else "paragraph", item.spans))
            case "subheading":
                nodes.append(Node("subheading", item.spans))
            case "callout":
                nodes.append(Node("callout", item.spans, item.title, icon=item.icon))
            case "status":
                nodes.append(Node("status", item.spans, item.title, detail=item.detail, icon=item.icon))
            case "image" | "cover_image":
                block = pictures.get(item.detail)
                decorative = bool(block and block.decorative)
                alt = block.alt.plain if block and block.alt and not decorative else ""
                picture = block.path if block else item.detail
                nodes.append(
                    Node(
                        "figure",
                        item.spans,
                        picture=picture,
                        alt=alt,
                        decorative=decorative,
                        scale=item.scale,
                    )
                )
            case "table":
                nodes.append(Node("table", cells=item.cells))
            case "break" | "cover_logo":
                pass  # where a printed page turns means nothing on a web page
            case _:
                nodes.append(Node("paragraph", item.spans))
    return tuple(nodes)


def _references(material: Material, say: Phrases, items: list[Item], ids: set[str]) -> Part:
    """The numbered references, each in the language it is written in, then the labelled
    links the text names."""
    entries = tuple(_reference_entry(reference, say) for reference in material.references)
    nodes = [Node("references", entries=entries)] if entries else []
    links = [item for item in items if item.kind == "link"]
    if links:
        nodes += [
            Node("subheading", (Span(say("links")),)),
            Node("links", entries=tuple(Entry(item.spans) for item in links)),
        ]
    return Part(
        _unique_id((Span("references"),), ids), (Span(say("references")),), tuple(nodes), "references"
    )


def _reference_entry(reference: Reference, say: Phrases) -> Entry:
    note = say.language_note(reference.language)
    link = (Span(" "), Span(reference.url, href=reference.url)) if reference.url else ()
    return Entry(
        reference.citation.spans, lang=reference.language if note else "", after=(Span(note),) + link
    )


def _unique_id(spans: tuple[Span, ...], ids: set[str]) -> str:
    """A heading's id from its words: lower-case ASCII letters and digits joined by '-'."""
    words = "".join(ch.lower() if ch.isascii() and ch.isalnum() else " " for ch in _plain(spans)).split()
    base = "-".join(words[:6]) or "part"
    chosen, number = base, 2
    while chosen in ids:
        chosen, number = f"{base}-{number}", number + 1
    ids.add(chosen)
    return chosen


def relative_picture(path: str) -> str:
    """Where a picture goes beside the page: images/<its file name>."""
    return f"images/{Path(path).name}"
