"""Shared fixtures: the bundled material, the default theme, one build per session."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.build import build
from builder.reader import read_material
from builder.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "msc-chronic-pain.yaml"
DEFAULT_THEME = ROOT / "layouts" / "default"
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
    """The bundled MSC material, read once."""
    return read_material(SAMPLE)


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
def deck_path(built) -> Path:
    """The bundled deck."""
    return next(path for name, path in built.items() if name.endswith(".pptx"))


@pytest.fixture(scope="session")
def brochure_paths(built) -> dict[str, Path]:
    """The bundled brochures by condition id."""
    return {
        name.removeprefix("msc-chronic-pain-").removesuffix(".pdf"): path
        for name, path in built.items()
        if name.endswith(".pdf")
    }


@pytest.fixture(scope="session")
def deck_as_pdf(deck_path, tmp_path_factory) -> Path:
    """The deck converted by headless LibreOffice, once per session."""
    soffice = require_tool("soffice")
    out = tmp_path_factory.mktemp("libreoffice")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(deck_path)],
        check=True, capture_output=True, timeout=240,
    )
    converted = out / (deck_path.stem + ".pdf")
    assert converted.is_file(), "LibreOffice did not write a PDF"
    return converted
