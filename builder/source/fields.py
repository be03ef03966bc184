"""Checks shared by everything that reads user-written YAML: keys, types, ids and dates."""

from __future__ import annotations

import datetime as dt
import math
import re

from builder.errors import Problems, did_you_mean  # noqa: F401  (where readers find it)
from builder.source.yamlpos import Node

SAFE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}


class Fields:
    """The keys of one mapping, checked against what is required and allowed."""

    def __init__(
        self,
        node: Node,
        problems: Problems,
        what: str,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
    ):
        self.node = node
        self.problems = problems
        self.what = what
        self.ok = node.kind == "map"
        self.values: dict[str, Node] = node.value if self.ok else {}  # type: ignore[assignment]
        if not self.ok:
            problems.add(node.loc, f"{what} must be a mapping of keys, not {node.describe()}")
            return
        allowed = required + optional
        for key, key_loc in node.key_locs.items():
            if key not in allowed:
                problems.add(key_loc, f"unknown key '{key}' in {what}{did_you_mean(key, allowed)}")
        for key in required:
            if key not in self.values or self.values[key].value is None:
                problems.add(node.loc, f"{what} is missing required key '{key}'")

    def get(self, key: str) -> Node | None:
        """The value under `key`, or None when it is absent or null."""
        value = self.values.get(key)
        if value is None or (value.kind == "scalar" and value.value is None):
            return None
        return value

    def key_loc(self, key: str):
        """Where `key` is written (or the mapping itself when it is absent)."""
        return self.node.key_locs.get(key, self.node.loc)


def scalar(node: Node, problems: Problems, what: str) -> str | None:
    """A scalar's text, or None (and a problem) when the node is a list or mapping."""
    if node.kind != "scalar" or node.value is None:
        problems.add(node.loc, f"{what} must be text, not {node.describe()}")
        return None
    return str(node.value)


def items(node: Node, problems: Problems, what: str) -> list[Node]:
    """A list's items, or [] (and a problem) when the node is not a non-empty list."""
    if node.kind != "list":
        problems.add(node.loc, f"{what} must be a list, not {node.describe()}")
        return []
    if not node.value:
        problems.add(node.loc, f"{what} is an empty list")
    return list(node.value)  # type: ignore[arg-type]


def safe_id(node: Node, problems: Problems, what: str) -> str | None:
    """An id that is safe as a file name: lower case letters, digits and inner hyphens."""
    value = scalar(node, problems, what)
    if value is None:
        return None
    if not SAFE_ID.match(value) or value in _WINDOWS_RESERVED:
        problems.add(
            node.loc,
            f"{what} {value!r} is not a safe id: use lower-case letters, digits and hyphens"
            " (at most 64), starting and ending with a letter or digit",
        )
        return None
    return value


def date(node: Node, problems: Problems, what: str) -> dt.date | None:
    """A date written as YYYY-MM-DD."""
    value = scalar(node, problems, what)
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.add(node.loc, f"{what} must be a date written YYYY-MM-DD, not {value!r}")
        return None


def boolean(node: Node, problems: Problems, what: str) -> bool | None:
    """true or false."""
    value = scalar(node, problems, what)
    if value is None:
        return None
    if value.lower() in ("true", "yes"):
        return True
    if value.lower() in ("false", "no"):
        return False
    problems.add(node.loc, f"{what} must be true or false, not {value!r}")
    return None


def number(node: Node, problems: Problems, what: str) -> float | None:
    """The finite number at `node`; None, reported once, where it is not one."""
    text = scalar(node, problems, what)
    if text is None:
        return None  # reported: not a single value
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        problems.add(node.loc, f"{what} must be a number, not {text!r}")
        return None
    return value
