"""Test helpers for theme readers: copy the default theme, edit one of its files, and say
where a problem is expected."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from builder.errors import Problem, SourceError
from builder.location import Location
from builder.source.yamlpos import display_path
from builder.theme.reader import load_theme

from .conftest import DEFAULT_THEME


def copy_theme(tmp_path: Path) -> Path:
    """A copy of the default theme folder that a test may break."""
    folder = tmp_path / "copied"
    shutil.copytree(DEFAULT_THEME, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> str:
    """Replace `old`, written exactly once in the file, by `new`; the text written."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not written exactly once in {name}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def rewrite(folder: Path, name: str, change) -> str:
    """Load the file as YAML, let `change` modify the data, dump it back; the text written."""
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")
    return text


def drop(folder: Path, name: str, *keys: str | int) -> str:
    """Remove the value at `keys` (mapping keys or list indices) from the file, through YAML;
    the text written."""

    def change(data):
        for key in keys[:-1]:
            data = data[key]
        del data[keys[-1]]

    return rewrite(folder, name, change)


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _end_of(text: str, after: str) -> int:
    return text.index(after) + len(after) if after else 0


def position(text: str, needle: str, after: str = "") -> tuple[int, int]:
    """1-based line and column where `needle` (or the quote just before it) first starts,
    searching from just after where `after` is written."""
    index = text.index(needle, _end_of(text, after))
    if index > 0 and text[index - 1] in "'\"":
        index -= 1
    return _line_col(text, index)


def key_at(text: str, key: str, after: str = "") -> tuple[int, int]:
    """1-based line and column of the first line (after `after`) that starts with `key:`."""
    pattern = re.compile(rf"^[ -]*({re.escape(key)}):", re.MULTILINE)
    match = pattern.search(text, _end_of(text, after))
    assert match, f"no key {key!r} in the text"
    return _line_col(text, match.start(1))


def at(folder: Path, name: str, line_col: tuple[int, int]) -> Location:
    return Location(display_path(folder / name), *line_col)


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(SourceError) as info:
        load_theme(folder)
    return info.value.problems


def only_problem(folder: Path) -> Problem:
    problems = problems_of(folder)
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    return problems[0]
