"""The one-way data flow: source -> model -> plan -> file, enforced on the imports."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from builder import model

PACKAGE = Path(__file__).resolve().parent.parent / "builder"
HEAVY = ("pptx", "reportlab", "lxml")
# The stages, lowest first: a module may import its own stage and the ones below, never above.
STAGES = {
    "base": 0,  # errors, location, span, model, output, wording: what every stage shares
    "source": 1,
    "theme": 2,
    "render": 3,
    "batch": 4,
    "cli": 5,
    "__main__": 5,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(name: str) -> int:
    parts = name.split(".")
    return STAGES.get(parts[1], 0) if len(parts) > 1 else 0


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
READING_MODULES = sorted(name for name in MODULES if stage_of(name) <= STAGES["theme"])


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at its top or inside a function, resolved to a module
    (`from builder.source import fields` names builder.source.fields)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(
                f"{node.module}.{alias.name}"
                for alias in node.names
                if f"{node.module}.{alias.name}" in MODULES
            )
    return names


def builder_imports(name: str) -> set[str]:
    return {other for other in imported_modules(MODULES[name]) if other in MODULES and other != name}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_higher_stage(name):
    higher = sorted(other for other in builder_imports(name) if stage_of(other) > stage_of(name))
    assert higher == [], f"{name} imports {higher}"


def test_no_modules_import_each_other_in_a_circle():
    graph = {name: builder_imports(name) - {"builder"} for name in MODULES}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            raise AssertionError("import circle: " + " -> ".join(path[path.index(name) :] + [name]))
        if name in done:
            return
        for other in sorted(graph[name]):
            if not name.startswith(other + "."):  # a module may use its own package's docstring
                visit(other, path + [name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_the_stage_folders_hold_every_module_but_the_shared_base():
    loose = sorted(n for n in MODULES if n.count(".") == 1 and n.split(".")[1] not in STAGES)
    assert loose == [
        "builder.errors",
        "builder.location",
        "builder.model",
        "builder.output",
        "builder.span",
        "builder.wording",
    ]


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
    for name in imported_modules(MODULES[module]):
        assert name.split(".")[0] not in HEAVY, f"{module} imports {name}"
        assert not name.startswith("builder.render"), f"{module} imports {name}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "render").rglob("*.py")), ids=lambda p: p.name)
def test_renderers_never_read_sources(path):
    names = imported_modules(path)
    assert not any(name.startswith("builder.source") for name in names), names
    assert "sources" not in path.read_text(encoding="utf-8").replace("sources_", "")


def test_loading_the_renderers_loads_neither_the_yaml_parser_nor_the_reader():
    import subprocess

    code = (
        "import sys, builder.render.deck.write, builder.render.brochure.write, builder.render.jobs;"
        "print(sorted(m for m in ('yaml', 'jinja2', 'builder.source.yamlpos', 'builder.source.reader') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]", "a renderer (or a job) pulls in the reading side: " + loaded


def test_every_module_starts_with_a_docstring_saying_what_it_owns():
    for path in sorted(PACKAGE.rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and doc.splitlines()[0].strip(), f"{path.name} has no first docstring line"


def test_every_block_type_has_a_slide_form_and_a_brochure_form(sample_material):
    from builder.model import BLOCK_TYPES
    from builder.render.brochure import plan as brochure_plan
    from builder.render.deck import plan as deck_plan

    deck_source = Path(deck_plan.__file__).read_text(encoding="utf-8")
    brochure_source = Path(brochure_plan.__file__).read_text(encoding="utf-8")
    for block_type in BLOCK_TYPES:
        assert f"case {block_type.__name__}(" in deck_source, block_type.__name__
        assert f"case {block_type.__name__}(" in brochure_source, block_type.__name__


def private_reaches(path: Path) -> list[str]:
    """Where a module reaches into another object's private names (`obj._name`), or imports
    a private name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls", "__self")):
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pptx"):
            found.extend(f"{path.name}:{node.lineno}: {a.name}" for a in node.names if a.name.startswith("_"))
    return found


def test_only_pptx_parts_uses_python_pptx_private_api():
    users = [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "pptx_parts.py" and any(n.split(".")[0] == "pptx" for n in imported_modules(path))
    ]
    assert users, "no module imports python-pptx: the test looks in the wrong place"
    assert [reach for path in users for reach in private_reaches(path)] == []


def test_python_pptx_is_pinned_to_the_minor_version_its_private_api_was_read_from():
    import re
    import tomllib

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [d for d in project["dependencies"] if re.match(r"python-pptx\b", d)]
    assert pins == ["python-pptx~=1.0.2"]
