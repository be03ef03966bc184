"""Reads a theme's `icons.yaml`: each role's shapes, checked, at their lines."""

from __future__ import annotations

from builder.errors import Problems, did_you_mean
from builder.source import fields
from builder.source.fields import Fields
from builder.source.yamlpos import Node
from builder.theme.icons import ICON_GRID, ICON_ROLES, Icon, Icons, Shape


def read_icons(node: Node | None, problems: Problems) -> Icons:
    """The icons a theme's icons.yaml draws (none without the file)."""
    if node is None:
        return Icons()
    top = Fields(node, problems, "icons.yaml", required=("icons",), optional=("stroke",))
    if not top.ok:
        return Icons()
    stroke = _coordinate(top.get("stroke"), problems, "stroke") if top.get("stroke") else 2.0
    found = []
    roles = top.get("icons")
    if roles is None:
        return Icons()
    if roles.kind != "map":
        problems.add(roles.loc, f"icons must map roles ({', '.join(ICON_ROLES)}) to shapes")
        return Icons()
    for role, shapes_node in roles.value.items():  # type: ignore[union-attr]
        if role not in ICON_ROLES:
            problems.add(roles.key_locs[role], f"unknown icon '{role}'{did_you_mean(role, ICON_ROLES)}")
            continue
        shapes = [_shape(item, problems) for item in fields.items(shapes_node, problems, f"icon {role}")]
        if all(shape is not None for shape in shapes):
            found.append(Icon(role, tuple(shapes), stroke or 2.0))  # type: ignore[arg-type]
    return Icons(tuple(found))


def _shape(node: Node, problems: Problems) -> Shape | None:
    """One shape: `{polyline: [[x, y], …], closed: true, fill: true}` or `{circle: [x, y], r: 2}`."""
    f = Fields(node, problems, "an icon shape", optional=("polyline", "circle", "r", "closed", "fill"))
    if not f.ok:
        return None
    fill = bool(f.get("fill") and fields.boolean(f.values["fill"], problems, "fill"))
    closed = bool(f.get("closed") and fields.boolean(f.values["closed"], problems, "closed"))
    if (f.get("polyline") is None) == (f.get("circle") is None):
        problems.add(node.loc, "an icon shape is either a polyline or a circle")
        return None
    if f.get("circle") is not None:
        centre = _point(f.get("circle"), problems)
        radius = _coordinate(f.get("r"), problems, "r") if f.get("r") else None
        if f.get("r") is None:
            problems.add(node.loc, "a circle needs its radius, r")
        if centre is None or not radius:
            return None
        return Shape((centre,), radius=radius, fill=fill)
    points = [_point(item, problems) for item in fields.items(f.get("polyline"), problems, "polyline")]
    if len(points) < 2 or any(point is None for point in points):
        if len(points) < 2:
            problems.add(f.values["polyline"].loc, "a polyline needs at least 2 points")
        return None
    return Shape(tuple(points), closed=closed or fill, fill=fill)  # type: ignore[arg-type]


def _point(node: Node, problems: Problems) -> tuple[float, float] | None:
    values = fields.items(node, problems, "a point") if node.kind == "list" else []
    if node.kind != "list" or len(values) != 2:
        problems.add(node.loc, f"a point is [x, y] on the icon's {ICON_GRID:g}-unit square")
        return None
    x, y = (_coordinate(value, problems, "a coordinate") for value in values)
    return None if x is None or y is None else (x, y)


def _coordinate(node: Node, problems: Problems, what: str) -> float | None:
    value = fields.number(node, problems, what)
    if value is not None and not 0 <= value <= ICON_GRID:
        problems.add(node.loc, f"{what} must be from 0 to {ICON_GRID:g}, not {value:g}")
        return None
    return value
