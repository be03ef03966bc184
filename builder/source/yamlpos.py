"""A safe YAML reader that keeps the file:line:col of every value.

Scalars stay strings (the reader decides what a value means), so `version: 1.0` is "1.0" and
`no` is "no". Anchors, aliases, tags and merge keys are refused: a patient handout has no use
for them, and refusing aliases makes alias bombs ("billion laughs") impossible.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from builder.errors import SourceError
from builder.location import Location

MAX_SOURCE_BYTES = 2_000_000
MAX_DEPTH = 40

try:  # the C parser is much faster when libyaml is there
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_NULLS = {"", "~", "null", "Null", "NULL"}
_NO_KEYS: Mapping[str, Location] = MappingProxyType({})  # shared by every scalar and list


@dataclass(slots=True)
class Node:
    """A YAML value and where it starts.

    `kind` is "scalar" (value: str, or None for null), "list" (value: list[Node]) or
    "map" (value: dict[str, Node], keys in file order, with `key_locs` for each key).
    """

    kind: str
    value: object
    loc: Location
    key_locs: Mapping[str, Location] = field(default_factory=lambda: _NO_KEYS)  # not a dict each

    def describe(self) -> str:
        """How this value reads in an error message."""
        if self.kind == "scalar":
            return "nothing" if self.value is None else "text"
        return {"list": "a list", "map": "a mapping"}[self.kind]


def display_path(path: Path) -> str:
    """A path as a user should see it: relative to the working folder when below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def read_yaml(path: Path, display: str | None = None) -> Node:
    """Read and parse one YAML file; SourceError for anything that is not a clean document."""
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError.at(Location(shown), "no such file") from None
    except IsADirectoryError:
        raise SourceError.at(Location(shown), "is a folder, not a YAML file") from None
    except OSError as error:
        raise SourceError.at(Location(shown), f"cannot read: {error.strerror}") from None
    return parse_yaml(data, shown)


def parse_yaml(data: bytes, display: str) -> Node:
    """Parse YAML bytes; `display` is the path used in messages."""
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError.at(
            Location(display), f"file is {len(data):,} bytes; the limit is {MAX_SOURCE_BYTES:,}"
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise SourceError.at(Location(display, 1, 1), "UTF-16 text; save the file as UTF-8")
    if b"\x00" in data:
        line, col = _line_col(data, data.index(b"\x00"))
        raise SourceError.at(Location(display, line, col), "binary file: not a YAML text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = _line_col(data, error.start)
        raise SourceError.at(
            Location(display, line, col),
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
        ) from None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise SourceError.at(Location(display, 1, 1), "file is empty")
    return _Builder(display).build(text)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before[before.rfind(b"\n") + 1 :]
    return line, len(line_start.decode("utf-8", errors="replace")) + 1


class _Builder:
    """Turns the parser's event stream into Nodes, refusing what we do not allow."""

    def __init__(self, display: str):
        self.display = display
        self.pending = None

    def loc(self, mark) -> Location:
        return Location(self.display, mark.line + 1, mark.column + 1)

    def build(self, text: str) -> Node:
        self.events = yaml.parse(text, Loader=_Loader)  # consumed lazily: depth is checked early
        try:
            while not isinstance(self.next(), yaml.DocumentStartEvent):
                pass
            root = self.node(depth=0)
            self.next()  # the document's end
            following = self.next()
            if isinstance(following, yaml.DocumentStartEvent):
                raise SourceError.at(self.loc(following.start_mark), "only one YAML document per file")
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            message = (error.problem or error.context or "invalid YAML").strip()
            if "nesting depth" in message:  # PyYAML 6.0.4 stops its own parser at 1,000 levels
                raise SourceError.at(self.loc(mark), f"nested more than {MAX_DEPTH} levels deep") from None
            raise SourceError.at(self.loc(mark), f"YAML syntax: {message}") from None
        except yaml.YAMLError as error:
            raise SourceError.at(Location(self.display), f"YAML: {error}") from None
        return root

    def next(self):
        if self.pending is not None:
            event, self.pending = self.pending, None
            return event
        return next(self.events)

    def peek(self):
        if self.pending is None:
            self.pending = next(self.events)
        return self.pending

    def node(self, depth: int) -> Node:
        event = self.next()
        loc = self.loc(event.start_mark)
        if depth > MAX_DEPTH:
            raise SourceError.at(loc, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(event, yaml.AliasEvent):
            raise SourceError.at(loc, "YAML aliases (*name) are not allowed; write the value out")
        if getattr(event, "anchor", None):
            raise SourceError.at(loc, "YAML anchors (&name) are not allowed; write the value out")
        tag = getattr(event, "tag", None)
        if tag and tag not in ("!", "tag:yaml.org,2002:str"):
            raise SourceError.at(loc, f"YAML tags such as {tag!r} are not allowed")
        if isinstance(event, yaml.ScalarEvent):
            plain = event.implicit[0] and not event.style  # the C parser gives '' for plain
            value = None if plain and event.value in _NULLS else event.value
            return Node("scalar", value, loc)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(self.peek(), yaml.SequenceEndEvent):
                items.append(self.node(depth + 1))
            self.next()
            return Node("list", items, loc)
        if isinstance(event, yaml.MappingStartEvent):
            values: dict[str, Node] = {}
            key_locs: dict[str, Location] = {}
            while not isinstance(self.peek(), yaml.MappingEndEvent):
                key = self.node(depth + 1)
                if key.kind != "scalar" or key.value is None:
                    raise SourceError.at(key.loc, "a key must be a plain word")
                name = str(key.value)
                if name == "<<":
                    raise SourceError.at(key.loc, "YAML merge keys (<<) are not allowed")
                if name in values:
                    raise SourceError.at(
                        key.loc, f"duplicate key '{name}' (first at line {key_locs[name].line})"
                    )
                key_locs[name] = key.loc
                values[name] = self.node(depth + 1)
            self.next()
            return Node("map", values, loc, key_locs)
        raise SourceError.at(loc, f"unexpected YAML event {type(event).__name__}")
