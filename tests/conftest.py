"""Shared fixtures: the bundled material, the default theme, one build per session."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from builder.batch.build import build
from builder.batch.config import read_config
from builder.batch.network import build_network
from builder.batch.previews import decks_to_pdf
from builder.batch.regions import in_region
from builder.render import RenderOptions
from builder.source.reader import read_material
from builder.theme.reader import load_theme

from .helpers import table_source, write_source

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "msc-chronic-pain.yaml"
DEFAULT_THEME = ROOT / "layouts" / "default"
# Every deck test runs on the theme's reference deck and on a deliberately different one.
TEMPLATES = {"default": None, "plain-4x3": ROOT / "tests" / "templates" / "plain-4x3.pptx"}
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(name: str) -> str:
    """The path of an external tool; skip locally when it is missing, fail in CI."""
    found = shutil.which(name)
    if found:
        return found
    if IN_CI:
        pytest.fail(f"{name} is required in CI (.ci/run installs it) but is not on PATH")
    pytest.skip(f"{name} is not installed here")


@pytest.fixture(scope="session")
def sample_material():
    """The bundled MSC material, read once, with the blocks its own build (en-US: US) shows."""
    return in_region(read_material(SAMPLE), "US")


@pytest.fixture(scope="session")
def default_theme():
    """The default theme, loaded once."""
    return load_theme(DEFAULT_THEME)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """The bundled material built once into a temporary folder: file name -> path."""
    out = tmp_path_factory.mktemp("output")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = build([SAMPLE], out=out)
    finally:
        os.chdir(cwd)
    return {path.name: path for path in result.written}


@pytest.fixture(scope="session")
def decks(built, tmp_path_factory) -> dict[str, Path]:
    """The bundled deck built on each test template: template name -> path."""
    found = {"default": next(path for name, path in built.items() if name.endswith(".pptx"))}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for name, template in TEMPLATES.items():
            if template is not None:
                out = tmp_path_factory.mktemp(name)
                result = build(
                    [SAMPLE], out=out, formats=("pptx",), options=RenderOptions(template=str(template))
                )
                found[name] = result.written[0]
        folder = tmp_path_factory.mktemp("tables")
        tables = build([write_source(folder, table_source())], out=folder / "out", formats=("pptx",))
        found["tables"] = tables.written[0]  # converted with the others, in one LibreOffice run
    finally:
        os.chdir(cwd)
    return found


@pytest.fixture(scope="session", params=list(TEMPLATES))
def template_name(request) -> str:
    """Each test template's name in turn."""
    return request.param


@pytest.fixture(scope="session")
def deck_path(decks, template_name) -> Path:
    """The bundled deck on one template."""
    return decks[template_name]


@pytest.fixture(scope="session")
def brochure_paths(built) -> dict[str, Path]:
    """The bundled brochures by condition id."""
    return {
        name.removeprefix("msc-chronic-pain-").removesuffix("-trifold-letter.pdf"): path
        for name, path in built.items()
        if name.endswith(".pdf")
    }


@pytest.fixture(scope="session")
def bundled_network(tmp_path_factory) -> dict[str, Path]:
    """Everything the bundled plan (handout.yaml) makes, with both brochure layouts: its
    decks and brochures, built once, by path under the output folder."""
    out = tmp_path_factory.mktemp("network")
    config = dataclasses.replace(
        read_config(ROOT / "handout.yaml"), outputs=("pptx", "pdf"), brochures=("trifold", "factsheet")
    )
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = build_network(config, DEFAULT_THEME, out)
    finally:
        os.chdir(cwd)
    assert result.ok, [problem for _variant, problem in result.failures]
    return {
        path.relative_to(out).as_posix(): path for _variant, path in result.written if path.suffix != ".json"
    }


@pytest.fixture(scope="session")
def converted_decks(decks, bundled_network, tmp_path_factory) -> dict[str, Path]:
    """Every test deck, and every deck of the bundled plan (by its path under the output
    folder), converted by headless LibreOffice, in one run per session."""
    soffice = require_tool("soffice")
    staging = tmp_path_factory.mktemp("lo-in")
    inputs = []
    network_decks = {name: path for name, path in bundled_network.items() if name.endswith(".pptx")}
    for name, path in list(decks.items()) + list(network_decks.items()):
        copy = staging / f"{_flat(name)}.pptx"  # one folder: the names must differ
        shutil.copyfile(path, copy)
        inputs.append(copy)
    out = tmp_path_factory.mktemp("libreoffice")
    decks_to_pdf(inputs, out, soffice, timeout=600)
    converted = {name: out / f"{_flat(name)}.pdf" for name in list(decks) + list(network_decks)}
    for name, pdf in converted.items():
        assert pdf.is_file(), f"LibreOffice did not convert the {name} deck"
    return converted


def _flat(name: str) -> str:
    return name.removesuffix(".pptx").replace("/", "__")


@pytest.fixture(scope="session")
def deck_as_pdf(converted_decks, template_name) -> Path:
    """The deck on one template, as LibreOffice renders it."""
    return converted_decks[template_name]
