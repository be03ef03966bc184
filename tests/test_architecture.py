"""The one-way data flow: source -> model -> plan -> file, enforced on the imports."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from builder import model

PACKAGE = Path(__file__).resolve().parent.parent / "builder"
HEAVY = ("pptx", "reportlab", "lxml")
READING_MODULES = [
    "model.py",
    "reader.py",
    "yamlpos.py",
    "fields.py",
    "inline.py",
    "templating.py",
    "errors.py",
    "theme.py",
    "theme_reader.py",
    "brochure_layouts.py",
    "brochure_layouts_reader.py",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_model_imports_only_the_standard_library():
    parts = ("builder.location", "builder.span")  # its modules apart, re-exported by the model
    for path in (Path(model.__file__), PACKAGE / "location.py", PACKAGE / "span.py"):
        for name in imported_modules(path):
            top = name.split(".")[0]
            assert top == "__future__" or top in sys.stdlib_module_names or name in parts, name


def test_model_classes_are_frozen_dataclasses():
    for name in dir(model):
        value = getattr(model, name)
        if isinstance(value, type) and hasattr(value, "__dataclass_params__"):
            assert value.__dataclass_params__.frozen, f"{name} is not frozen"


@pytest.mark.parametrize("module", READING_MODULES)
def test_the_reading_side_never_imports_a_renderer_library(module):
    for name in imported_modules(PACKAGE / module):
        assert name.split(".")[0] not in HEAVY, f"{module} imports {name}"
        assert not name.startswith("builder.renderers"), f"{module} imports {name}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "renderers").glob("*.py")), ids=lambda p: p.name)
def test_renderers_never_read_sources(path):
    names = imported_modules(path)
    assert "builder.reader" not in names and "builder.yamlpos" not in names
    assert "sources" not in path.read_text(encoding="utf-8").replace("sources_", "")


def test_loading_the_renderers_loads_neither_the_yaml_parser_nor_the_reader():
    import subprocess

    code = (
        "import sys, builder.renderers.deck, builder.renderers.brochure, builder.runner;"
        "print(sorted(m for m in ('yaml', 'jinja2', 'builder.yamlpos', 'builder.reader') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]", "a renderer (or a job) pulls in the reading side: " + loaded


def test_every_module_starts_with_a_docstring_saying_what_it_owns():
    for path in sorted(PACKAGE.rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and doc.splitlines()[0].strip(), f"{path.name} has no first docstring line"


def test_every_block_type_has_a_slide_form_and_a_brochure_form(sample_material):
    from builder.model import BLOCK_TYPES
    from builder.renderers import brochure_plan, deck_plan

    deck_source = Path(deck_plan.__file__).read_text(encoding="utf-8")
    brochure_source = Path(brochure_plan.__file__).read_text(encoding="utf-8")
    for block_type in BLOCK_TYPES:
        assert f"case {block_type.__name__}(" in deck_source, block_type.__name__
        assert f"case {block_type.__name__}(" in brochure_source, block_type.__name__
