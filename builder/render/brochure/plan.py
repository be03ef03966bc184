"""Plans a condition's brochure: which content goes on which panel, in reading order.

`plan_brochure()` is pure. It sorts the material's brochure-bound content into the content
slots that the theme's geometry places on panels (cover, key facts, status, questions, …) and
gives the rest, section by section, to the flowing `sections` slot. Every piece of text meant
for the brochure ends up in exactly one slot; `brochure_texts()` lists them so tests can check
that each one reaches the PDF.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from builder.errors import Problems, did_you_mean
from builder.model import (
    Audience,
    Block,
    Break,
    Bullets,
    Callout,
    Comparison,
    Condition,
    Image,
    KeyFigure,
    Location,
    Material,
    Paragraph,
    Point,
    Questions,
    Span,
    Status,
    Steps,
    Table,
    Text,
)
from builder.render import RenderOptions
from builder.render.address import printed_address, web_address
from builder.render.brochure.planned import (  # noqa: F401  (the plan's types, re-exported)
    LOGO_WIDTH,
    BrochurePlan,
    Item,
    PanelPlan,
    PlannedBrochure,
    SheetPlan,
    placed_size,
)
from builder.span import labelled_links
from builder.theme.brochure_layouts import CONTENT_SLOTS, KEPT_SLOTS, OPTIONAL_SLOTS, REPEAT_SLOTS
from builder.theme.types import MIN_CONTRAST, Theme, contrast_ratio
from builder.wording import Phrases, cite_mark

LONGEST_ITALIC = 12  # words: longer italic runs are hard to read
PRESS_DPI = 300

# Which slot each block type goes to; anything not listed goes to the flowing sections.
SLOT_OF_BLOCK = {KeyFigure: "key_facts", Status: "status", Questions: "questions"}


# Regions that use U.S. Letter paper; everywhere else uses A4.
LETTER_REGIONS = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR", "DO", "SV", "HN", "NI", "PA", "BO"}
)


def paper_for(material: Material, requested: str | None = None) -> str:
    """The paper size: as requested, else the clinic's, else the language's region's."""
    if requested:
        return requested
    chosen = material.variable("clinic.paper").lower()
    if chosen:
        return chosen
    region = material.meta.language.split("-")[1].upper() if "-" in material.meta.language else ""
    return "letter" if region in LETTER_REGIONS else "a4"


def brochure_file_name(
    material: Material,
    condition: Condition,
    layout: str,
    paper: str,
    press: bool = False,
    large_print: bool = False,
) -> str:
    """The PDF's file name, e.g. msc-chronic-pain-osteoarthritis-trifold-letter.pdf."""
    qualifiers = ("-large-print" if large_print else "") + ("-press" if press else "")
    return f"{material.meta.id}-{condition.id}-{layout}-{paper}{qualifiers}.pdf"


def page_address(material: Material, condition: Condition, pattern: str | None = None) -> str | None:
    """The condition's web page by the pattern (None: the default; see builder.render.address),
    or None when the pattern needs the clinic's website and the material has none."""
    return web_address(
        pattern,
        website=material.variable("clinic.website"),
        language=material.meta.language,
        material=material.meta.id,
        condition=condition.id,
    )


def plan_brochure(
    material: Material,
    condition: Condition,
    theme: Theme,
    layout: str | None = None,
    paper: str | None = None,
    press: bool = False,
    large_print: bool = False,
    web: str | None = None,
) -> BrochurePlan:
    """The brochure of one condition in one layout (the theme's default unless given); `web`
    is the pattern of its web page's address, for the QR code (None: the default)."""
    chosen = theme.brochure_layout(layout) if layout else theme.default_brochure(large_print)
    size = chosen.paper(paper_for(material, paper))
    address = page_address(material, condition, web)
    placed = {slot for sheet in chosen.sheets for panel in sheet.panels for slot in panel.content}
    slots = fill_slots(material, condition, press, address, frozenset(placed | set(chosen.flow)))
    sheets = tuple(
        SheetPlan(
            sheet.name,
            tuple(
                PanelPlan(
                    panel.name,
                    size.box(panel.name),
                    panel.fill,
                    panel.flows,
                    tuple(
                        item
                        for slot in (*panel.content, f"panel:{panel.name}")
                        for item in slots.get(slot, ())
                    ),
                    panel.loc,
                )
                for panel in sheet.panels
            ),
        )
        for sheet in chosen.sheets
    )
    return BrochurePlan(
        condition_id=condition.id,
        condition_name=condition.name.plain,
        file_name=brochure_file_name(material, condition, chosen.name, size.paper, press, large_print),
        title=f"{material.meta.title.plain}: {condition.name.plain}",
        layout=chosen.name,
        paper=size.paper,
        page=size.page,
        margin=size.margin,
        sheets=sheets,
        flow=tuple(item for slot in chosen.flow for item in slots[slot]),
        grow=chosen.grow,
        page_numbers=chosen.page_numbers,
        author=material.meta.organisation.plain,
        keywords=tuple(material.meta.keywords),
        language=material.meta.language,
        loc=material.loc,
        colour=condition.colour,
        review=material.meta.review_line(),
        web_address=address,
    )


def prepare(
    material: Material,
    theme: Theme,
    conditions: tuple[str, ...] | None = None,
    options: RenderOptions = RenderOptions(),
) -> tuple[PlannedBrochure, ...]:
    """Every chosen condition's brochure planned and checked as far as can be without fonts
    or ReportLab: what a brochure writer needs (see brochure.render_planned), and all it
    needs, so the reading process can do this part and a writing process need not load
    the content model."""
    planned = []
    for condition in [c for c in material.conditions if not conditions or c.id in conditions]:
        plan = plan_brochure(
            material,
            condition,
            theme,
            options.brochure,
            options.paper,
            options.press,
            options.large_print,
            options.web_address,
        )
        problems = Problems()
        check_colour(condition, theme, problems)
        check_placements(material, condition, plan, theme, problems)
        check_italics(plan, problems)
        if options.press:
            check_resolution(plan, problems)
        planned.append(
            PlannedBrochure(
                plan,
                tuple(brochure_texts(material, condition)),
                tuple(problems.items),
                web_link_notes(material, plan),
            )
        )
    return tuple(planned)


def web_link_notes(material: Material, plan: BrochurePlan) -> tuple[str, ...]:
    """Why a brochure has no QR code to its web page, when it has none: a build note, not an
    error (a clinic without a website still gets its brochures)."""
    if plan.web_address is None:
        meta = material.meta
        clinic = f" for {meta.organisation.plain}" if meta.organisation.plain else ""
        return (
            f"note: {meta.id} ({meta.language}){clinic}: the brochures have no QR code to their web"
            " pages, since clinic.website is not set",
        )
    if not any(item.kind == "web_link" for item in plan.items()):
        return (
            f"note: the {plan.layout} layout places no web_link slot, so its brochures have no QR code"
            " to their web pages",
        )
    return ()


def check_colour(condition: Condition, theme: Theme, problems: Problems) -> None:
    """A condition's own colour carries the cover's text: it needs the theme's contrast."""
    if not condition.colour:
        return
    ratio = contrast_ratio(theme.colour("on_primary"), condition.colour)
    if ratio < MIN_CONTRAST:
        problems.add(
            condition.colour_loc or condition.loc,
            f"the cover text ({theme.colour('on_primary')}) on colour {condition.colour} has a contrast"
            f" ratio of {ratio:.2f}:1; at least {MIN_CONTRAST}:1 is needed: choose a darker colour",
        )


def check_placements(
    material: Material, condition: Condition, plan: BrochurePlan, theme: Theme, problems: Problems
) -> None:
    """A picture placed in a panel needs a panel of that name in the brochure's layout."""
    panels = [panel.name for sheet in plan.sheets for panel in sheet.panels]
    flowing = [panel.name for sheet in plan.sheets for panel in sheet.panels if panel.flows]
    for section in material.sections_of(condition):
        for block in section.blocks_for(Audience.BROCHURE):
            if not isinstance(block, Image) or block.placement in CONTENT_SLOTS:
                continue
            if block.placement not in panels:
                problems.add(
                    block.loc,
                    f"placement '{block.placement}' is neither a content slot nor a panel of the"
                    f" {plan.layout}{did_you_mean(block.placement, CONTENT_SLOTS + tuple(panels))};"
                    f" slots: {', '.join(CONTENT_SLOTS)}; panels: {', '.join(panels)}",
                )
            elif block.placement in flowing:
                problems.add(
                    block.loc,
                    f"the {block.placement} panel of the {plan.layout} takes the flowing text, so a"
                    " picture cannot be fixed there; leave placement out to keep it with its section",
                )


def check_italics(plan: BrochurePlan, problems: Problems) -> None:
    """Long runs of italics are hard for older readers: more than a few words is an error."""
    for item in plan.items():
        for span in item.spans + item.title:
            if span.italic and len(span.text.split()) > LONGEST_ITALIC:
                problems.add(
                    item.loc,
                    f"{len(span.text.split())} words in italics; keep italics to"
                    f" {LONGEST_ITALIC} words or fewer, or use bold",
                )


def check_resolution(plan: BrochurePlan, problems: Problems) -> None:
    """Pictures for the press need 300 pixels per inch at the size they are placed."""
    from PIL import Image

    widths = {
        id(item): panel.box[2] for sheet in plan.sheets for panel in sheet.panels for item in panel.items
    }
    flow_width = min((p.box[2] for s in plan.sheets for p in s.panels if p.flows), default=0)
    for item in plan.items():
        if item.kind not in ("image", "cover_image", "cover_logo"):
            continue
        with Image.open(item.detail) as picture:
            pixels = picture.size
        column = (widths.get(id(item), flow_width) - 2 * plan.margin) * 72
        if item.kind == "cover_logo":
            column = min(column, LOGO_WIDTH)
        placed_width, _height = placed_size(pixels[0], pixels[1], column * item.scale)
        dpi = pixels[0] / (placed_width / 72)
        if dpi < PRESS_DPI:
            problems.add(
                item.loc,
                f"{plan.condition_name}: "
                + (
                    f"the clinic's logo ({Path(item.detail).name})"
                    if item.kind == "cover_logo"
                    else "this picture"
                )
                + f" prints at {dpi:.0f} pixels per inch;"
                f" the press needs {PRESS_DPI} (supply one at least"
                f" {round(placed_width / 72 * PRESS_DPI)} pixels wide)",
            )


def fill_slots(
    material: Material,
    condition: Condition,
    press: bool = False,
    address: str | None = None,
    places: frozenset[str] = frozenset(),
) -> dict[str, list[Item]]:
    """A condition's handout content by slot (cover, key facts, sections, …), in reading
    order: what the brochure places on its panels, and the web page marks up. `places`: the
    KEPT_SLOTS the layout has (the cover's picture, the key points' box); what would go to
    one it lacks stays with its section."""
    meta = material.meta
    say = Phrases(meta.language)
    slots: dict[str, list[Item]] = {
        name: [] for name in CONTENT_SLOTS + REPEAT_SLOTS + OPTIONAL_SLOTS + KEPT_SLOTS
    }

    def cite(block: Block) -> tuple[Span, ...]:
        if not block.cites:
            return ()
        return (Span(" " + cite_mark([material.reference_number(r) for r in block.cites])),)

    slots["cover"] = [
        *([Item("cover_logo", (), material.loc, detail=material.logo)] if material.logo else []),
        Item("cover_kicker", meta.organisation.spans, meta.organisation.loc),
        Item("cover_condition", condition.name.spans, condition.name.loc),  # the condition leads
        Item("cover_title", meta.title.spans, meta.title.loc),
        Item("cover_message", condition.main_message.spans, condition.main_message.loc),
    ]
    website = material.variable("clinic.website").strip()
    phone = material.variable("clinic.phone").strip()
    slots["contact_strip"] = [
        Item("cover_phone" if phone and phone in line.plain else "cover_contact", line.spans, line.loc)
        for line in material.call_to_action.contact
        if line.plain != meta.organisation.plain  # the cover's kicker already names the clinic
        and not (address and line.plain.strip() == website)  # nor the QR code's address its website
    ]
    if address:  # with the contact details: at the call to action's title (in a translation, its)
        slots["web_link"] = [
            Item(
                "web_link",
                (Span(printed_address(address)),),
                material.call_to_action.title.loc,
                title=(Span(say("web_link")),),
                detail=address,
            )
        ]
    sections = material.sections_of(condition)
    for section in sections:
        flowing: list[Item] = []
        for block in section.blocks_for(Audience.BROCHURE):
            slot = SLOT_OF_BLOCK.get(type(block), "sections")
            if isinstance(block, Image):
                slot = block.placement if block.placement in CONTENT_SLOTS else f"panel:{block.placement}"
                if slot == "cover":  # the cover's picture: where the layout has room for one
                    slot = "cover_picture" if "cover_picture" in places else "sections"
                slots.setdefault(slot, [])
            items = [_with_icon(item, block) for item in _block_items(block, cite(block), say, press)]
            if slot == "cover_picture":  # on the cover's colour: its caption in the cover's text colour
                items = [replace(item, kind="cover_image") for item in items]
            if slot == "questions" and isinstance(block, Questions):
                heading = block.title or section.title
                items = [Item("heading", heading.spans, heading.loc, icon="questions")] + items
            if slot == "sections":
                flowing.extend(items)
            else:
                slots[slot].extend(items)
        if flowing:
            heading = Item("heading", section.title.spans, section.title.loc)
            if section.summary and "key_points" in places:  # in a box of their own
                slots["key_points"] += [replace(item, boxed=True) for item in (heading, *flowing)]
            else:
                slots["sections"] += [heading, *flowing]
    if slots["key_facts"]:
        # A heading the builder adds points at what it heads: in a translation, that file.
        slots["key_facts"].insert(
            0, Item("heading", (Span(say("key_facts")),), slots["key_facts"][0].loc, icon="key_facts")
        )
    call = material.call_to_action
    slots["call_to_action"] = [
        Item("contact_title", call.title.spans, call.title.loc, icon="contact"),
        Item("contact_text", call.text.spans, call.text.loc),
        *(Item("contact_line", line.spans, line.loc) for line in call.contact),
    ]
    glossary = material.glossary_for(Audience.BROCHURE)
    if glossary:
        slots["glossary"] = [Item("heading", (Span(say("glossary")),), glossary[0].term.loc)] + [
            Item("term", entry.definition.spans, entry.term.loc, title=entry.term.spans)
            for entry in glossary
        ]
    known = {reference.url for reference in material.references if reference.url}
    links: list[tuple[str, str, Location]] = []  # a labelled link's label, address and place
    for item in (item for slot in slots.values() for item in slot):
        cells = (span for row in item.cells for cell in row for span in cell)
        for label, address in labelled_links((*item.title, *item.spans, *cells), known):
            known.add(address)
            links.append((label, address, item.loc))
    if material.references:
        first_reference = material.references[0].loc
        slots["references"] = [Item("subheading", (Span(say("references")),), first_reference)] + [
            Item(
                "reference",
                reference.citation.spans
                + ((Span(note),) if (note := say.language_note(reference.language)) else ())
                + ((Span(" "), Span(reference.url, href=reference.url)) if reference.url else ()),
                reference.loc,
                number=number,
            )
            for number, reference in enumerate(material.references, start=1)
        ]
    if links:
        slots["references"] += [Item("subheading", (Span(say("links")),), links[0][2])] + [
            Item("link", (Span(f"{label}: "), Span(address, href=address)), loc)
            for label, address, loc in links
        ]
    colophon = say(
        "colophon",
        version=meta.version,
        reviewed=say.date(meta.reviewed),
        review_by=say.date(meta.review_by),
        author=meta.author.plain,
        organisation=meta.organisation.plain,
    )
    if meta.reviewed_by:
        colophon += say("reviewer", reviewer=meta.reviewed_by.plain)
    slots["colophon"] = [Item("colophon", (Span(colophon),), meta.loc)]
    return slots


def _with_icon(item: Item, block: Block) -> Item:
    """`item` marked with the icon of what it is: a status box, a warning callout."""
    if item.kind == "status":
        return replace(item, icon="status")
    if item.kind == "callout" and block.warning:
        return replace(item, icon="warning")
    return item


def _block_items(block: Block, cite: tuple[Span, ...], say: Phrases, press: bool = False) -> list[Item]:
    """The items one block becomes, each at its own text's place (in a translation, that
    file's line), the block's place where it has none."""
    loc = block.loc
    match block:
        case Paragraph(text=text):
            return [Item("paragraph", text.spans + cite, text.loc)]
        case Point(handout=handout):
            return [Item("paragraph", handout.spans + cite, handout.loc)]
        case Bullets(items=entries):
            return [
                Item("bullet", entry.spans + (cite if i == len(entries) - 1 else ()), entry.loc)
                for i, entry in enumerate(entries)
            ]
        case KeyFigure(value=value, label=label):
            return [Item("figure", label.spans + cite, label.loc, title=value.spans)]
        case Callout(title=title, text=text):
            return [
                Item("callout", text.spans + cite, (title or text).loc, title=title.spans if title else ())
            ]
        case Steps(steps=steps):
            return [
                Item(
                    "step",
                    step.text.spans if step.text else (),
                    step.title.loc,
                    title=step.title.spans,
                    number=n,
                )
                for n, step in enumerate(steps, start=1)
            ]
        case Questions(items=entries):
            return [Item("check", entry.spans, entry.loc) for entry in entries] + (
                [Item("source", (Span(say("adapted_from", cite=cite[0].text.strip())),), loc)] if cite else []
            )
        case Comparison(title=title, left_heading=lh, left=left, right_heading=rh, right=right):
            items = [Item("subheading", title.spans, title.loc)] if title else []
            for heading, entries in ((lh, left), (rh, right)):
                items.append(Item("subheading", heading.spans, heading.loc))
                items.extend(Item("bullet", entry.spans, entry.loc) for entry in entries)
            if cite:
                items[-1] = Item("bullet", items[-1].spans + cite, items[-1].loc)
            return items
        case Status(title=title, text=text, as_of=as_of):
            return [
                Item(
                    "status",
                    text.spans + cite,
                    title.loc,
                    title=title.spans,
                    detail=say("status_as_of", date=say.date(as_of)),
                )
            ]
        case Image(path=path, caption=caption, title=title, size=size, press_path=press_path):
            # Under the picture: its caption, else its title (the picture slide's); the alt text
            # is for those who cannot see it, not a caption (the deck carries it as alt text)
            words = caption or title or Text((), loc)
            chosen = press_path if press and press_path else path
            scale = 0.5 if size == "half" else 1.0
            return [Item("image", words.spans, words.loc, detail=chosen, scale=scale)]
        case Break(to=to):
            return [Item("break", (), loc, detail=to)]
        case Table(title=title, header=header, rows=rows):
            cells = [tuple(cell.spans for cell in header)]
            cells += [tuple(cell.spans for cell in row) for row in rows]
            cells[-1] = cells[-1][:-1] + (cells[-1][-1] + cite,)
            heading = [Item("subheading", title.spans, title.loc)] if title else []
            return heading + [Item("table", (), header[0].loc, cells=tuple(cells))]
    raise TypeError(f"no brochure form for {type(block).__name__}")  # pragma: no cover


def brochure_texts(material: Material, condition: Condition) -> list[tuple[str, Location]]:
    """Every sentence of source text meant for this condition's brochure, with its place."""
    texts: list[tuple[str, Location]] = []

    def add(text: Text | None) -> None:
        if text:
            texts.append((text.plain, text.loc))

    meta = material.meta
    for text in (meta.title, meta.organisation, condition.name, condition.main_message):
        add(text)
    sections = material.sections_of(condition)
    for section in sections:
        blocks = section.blocks_for(Audience.BROCHURE)
        if any(SLOT_OF_BLOCK.get(type(b), "sections") == "sections" for b in blocks):
            add(section.title)
        for block in blocks:
            match block:
                case Paragraph(text=text) | Status(text=text):
                    add(text)
                case Point(handout=handout):
                    add(handout)
                case Bullets(items=entries) | Questions(items=entries):
                    for entry in entries:
                        add(entry)
                case KeyFigure(value=value, label=label):
                    add(value)
                    add(label)
                case Callout(title=title, text=text):
                    add(title)
                    add(text)
                case Steps(steps=steps):
                    for step in steps:
                        add(step.title)
                        add(step.text)
                case Image(caption=caption, title=title):
                    add(caption or title)
                case Comparison(title=title, left_heading=lh, left=left, right_heading=rh, right=right):
                    for text in (title, lh, *left, rh, *right):
                        add(text)
                case Table(title=title, header=header, rows=rows):
                    for text in (title, *header, *(cell for row in rows for cell in row)):
                        add(text)
    call = material.call_to_action
    for text in (call.title, call.text, *call.contact):
        add(text)
    for reference in material.references:
        add(reference.citation)
    for entry in material.glossary_for(Audience.BROCHURE):
        add(entry.term)
        add(entry.definition)
    return texts
