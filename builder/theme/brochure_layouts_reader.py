"""Reads a theme's brochure.yaml: the brochure layouts, their panels and their paper sizes."""

from __future__ import annotations

from builder.errors import Problems
from builder.location import Location
from builder.source import fields
from builder.source.fields import Fields, did_you_mean
from builder.source.yamlpos import Node
from builder.theme.brochure_layouts import (
    CONTENT_SLOTS,
    FILLS,
    KEPT_SLOTS,
    OPTIONAL_SLOTS,
    PAPERS,
    REPEAT_SLOTS,
    BrochureLayout,
    PanelLayout,
    PaperLayout,
    SheetLayout,
)


def read_brochure_layouts(node: Node, problems: Problems) -> tuple[str, tuple[BrochureLayout, ...]]:
    """The default layout's name and every layout, checked."""
    top = Fields(node, problems, "brochure layouts", required=("default", "layouts"))
    layouts_node = top.get("layouts")
    layouts: list[BrochureLayout] = []
    if layouts_node is not None and layouts_node.kind == "map":
        for name, layout_node in layouts_node.value.items():  # type: ignore[union-attr]
            layout = _layout(name, layout_node, problems)
            if layout is not None:
                layouts.append(layout)
    elif layouts_node is not None:
        problems.add(layouts_node.loc, "layouts must map layout names to layouts")
    default = fields.scalar(top.get("default"), problems, "default") if top.get("default") else ""
    names = [layout.name for layout in layouts]
    if default and names and default not in names:
        problems.add(
            top.key_loc("default"), f"default layout '{default}' is not defined{did_you_mean(default, names)}"
        )
    return default or "", tuple(layouts)


def _layout(name: str, node: Node, problems: Problems) -> BrochureLayout | None:
    f = Fields(
        node, problems, f"layout {name}", required=("flow", "sheets", "paper"), optional=("grow", "page_numbers")
    )
    if not f.ok:
        return None
    flow = _slots(f.get("flow"), problems) if f.get("flow") else ()
    sheets = []
    for sheet_node in fields.items(f.get("sheets"), problems, "sheets") if f.get("sheets") else []:
        sheet = Fields(sheet_node, problems, "a sheet", required=("name", "panels"))
        panels = []
        for panel_node in (
            fields.items(sheet.get("panels"), problems, "panels") if sheet.get("panels") else []
        ):
            panel = _panel(panel_node, problems)
            if panel is not None:
                panels.append(panel)
        sheet_name = fields.scalar(sheet.get("name"), problems, "sheet name") if sheet.get("name") else ""
        sheets.append(SheetLayout(sheet_name or "", tuple(panels)))
    panels = [p for s in sheets for p in s.panels]
    seen: set[str] = set()
    for panel in panels:
        if panel.name in seen:
            problems.add(panel.loc, f"layout {name} has two panels named '{panel.name}'; each needs its own")
        seen.add(panel.name)
    _check_slots(name, node.loc, flow, panels, problems)
    flowing = [any(p.flows for p in sheet.panels) for sheet in sheets]
    if any(flowing) and not all(flowing[flowing.index(True) :]):
        problems.add(node.loc, f"layout {name}: a sheet without flowing panels comes after one with them")
    grow_value = fields.number(f.get("grow"), problems, "grow") if f.get("grow") else 0.0
    grow = 0
    if grow_value is not None and (not grow_value.is_integer() or not 0 <= grow_value <= 20):
        problems.add(f.values["grow"].loc, "grow must be a whole number from 0 to 20")
    elif grow_value is not None:
        grow = int(grow_value)
    papers = []
    paper_node = f.get("paper")
    if paper_node is not None and paper_node.kind == "map":
        for paper_name, geometry in paper_node.value.items():  # type: ignore[union-attr]
            if paper_name not in PAPERS:
                problems.add(
                    paper_node.key_locs[paper_name],
                    f"unknown paper '{paper_name}'{did_you_mean(paper_name, PAPERS)}",
                )
                continue
            paper = _paper(paper_name, geometry, panels, problems)
            if paper is not None:
                papers.append(paper)
    elif paper_node is not None:
        problems.add(paper_node.loc, "paper must map paper sizes (letter, a4) to geometry")
    numbered = bool(f.get("page_numbers") and fields.boolean(f.values["page_numbers"], problems, "page_numbers"))
    return BrochureLayout(name, flow, tuple(sheets), tuple(papers), node.loc, grow, numbered)


def _panel(node: Node, problems: Problems) -> PanelLayout | None:
    f = Fields(node, problems, "a panel", required=("name",), optional=("content", "flow", "fill"))
    if not f.ok:
        return None
    flows = bool(f.get("flow") and fields.boolean(f.values["flow"], problems, "flow"))
    content = _slots(f.get("content"), problems, allow_repeats=True) if f.get("content") else ()
    if flows == bool(content):
        problems.add(node.loc, "a panel has either content slots or 'flow: true'")
    fill = fields.scalar(f.get("fill"), problems, "fill") if f.get("fill") else None
    if fill and fill not in FILLS:
        problems.add(f.values["fill"].loc, f"fill must be one of {', '.join(FILLS)}")
        fill = None
    name = fields.scalar(f.get("name"), problems, "panel name") if f.get("name") else ""
    return PanelLayout(name or "", content, flows, fill, node.loc)


def _slots(node: Node, problems: Problems, allow_repeats: bool = False) -> tuple[str, ...]:
    known = CONTENT_SLOTS + OPTIONAL_SLOTS + KEPT_SLOTS + (REPEAT_SLOTS if allow_repeats else ())
    slots = []
    for item in fields.items(node, problems, "content slots"):
        slot = fields.scalar(item, problems, "a content slot")
        if slot and slot not in known:
            problems.add(item.loc, f"unknown content slot '{slot}'{did_you_mean(slot, known)}")
        elif slot:
            slots.append(slot)
    return tuple(slots)


def _check_slots(
    name: str, loc: Location, flow: tuple[str, ...], panels: list[PanelLayout], problems: Problems
) -> None:
    placed = list(flow) + [slot for p in panels for slot in p.content if slot in CONTENT_SLOTS]
    for slot in CONTENT_SLOTS:
        count = placed.count(slot)
        if count != 1:
            problems.add(
                loc, f"layout {name} places content slot '{slot}' {count} times; it must appear exactly once"
            )
    for slot in OPTIONAL_SLOTS + KEPT_SLOTS:
        count = [*flow, *(s for p in panels for s in p.content)].count(slot)
        if count > 1:
            problems.add(loc, f"layout {name} places slot '{slot}' {count} times; it may appear at most once")
    if flow and not any(p.flows for p in panels):
        problems.add(loc, f"layout {name} has a flow but no panel with 'flow: true'")


def _paper(name: str, node: Node, panels: list[PanelLayout], problems: Problems) -> PaperLayout | None:
    f = Fields(node, problems, f"paper {name}", required=("page", "margin", "boxes"))
    if not f.ok:
        return None
    page = _numbers(f.get("page"), 2, problems, "page")
    if page is not None and min(page) <= 0:
        problems.add(f.values["page"].loc, "page must be a width and a height above 0 in inches")
        page = None
    margin_node = f.get("margin")
    margin = fields.number(margin_node, problems, "margin") if margin_node else None
    if margin is not None and not 0.125 <= margin <= 1.0:
        problems.add(margin_node.loc, "margin must be between 0.125 and 1 inch (the printer's safe zone)")
    boxes = []
    boxes_node = f.get("boxes")
    if boxes_node is not None and boxes_node.kind != "map":
        problems.add(boxes_node.loc, "boxes must map each panel's name to [left, top, width, height]")
    elif boxes_node is not None:
        names = [p.name for p in panels]
        for panel_name, box_node in boxes_node.value.items():  # type: ignore[union-attr]
            if panel_name not in names:
                problems.add(
                    boxes_node.key_locs[panel_name],
                    f"no panel named '{panel_name}'{did_you_mean(panel_name, names)}",
                )
                continue
            box = _numbers(box_node, 4, problems, f"box of {panel_name}")
            if box is None:
                continue
            left, top, width, height = box
            if width <= 0 or height <= 0:
                problems.add(box_node.loc, f"panel {panel_name} needs a width and a height above 0")
            elif page is not None and (
                left < -0.001
                or top < -0.001
                or left + width > page[0] + 0.001
                or top + height > page[1] + 0.001
            ):
                problems.add(
                    box_node.loc, f"panel {panel_name} reaches outside the {page[0]:g} x {page[1]:g} in page"
                )
            boxes.append((panel_name, box))
        for missing in sorted(set(names) - set(boxes_node.value)):  # type: ignore[arg-type]
            problems.add(boxes_node.loc, f"paper {name} gives no box for panel '{missing}'")
    return PaperLayout(name, page or (0.0, 0.0), margin or 0.0, tuple(boxes))  # type: ignore[arg-type]


def _numbers(node: Node | None, count: int, problems: Problems, what: str) -> tuple[float, ...] | None:
    """`count` numbers at `node`; None where they are not (each problem reported once)."""
    if node is None:
        return None
    values = [fields.number(item, problems, what) for item in fields.items(node, problems, what)]
    if len(values) != count:
        problems.add(node.loc, f"{what} must be {count} numbers in inches")
        return None
    if None in values:
        return None
    return tuple(values)  # type: ignore[arg-type]
