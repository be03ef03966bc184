"""HTML pages checked in a real headless Chromium, through tests/browser/check_pages.mjs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import IN_CI

HARNESS = Path(__file__).resolve().parent / "browser"
SCRIPT = HARNESS / "check_pages.mjs"
NODE_MODULES = HARNESS / "node_modules"
PACKAGES = ("axe-core", "playwright-core")
INSTALL = "npm ci --prefix tests/browser"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
STARTUP_SECONDS = 60  # generous: a slow machine starts Chromium in a few seconds
SECONDS_PER_PAGE = 15


class BrowserHarnessError(RuntimeError):
    """The pages could not be checked: a tool is missing, or the harness itself broke."""


def missing() -> str | None:
    """What the harness lacks on this machine, in words, or None when it can run."""
    if shutil.which("node") is None:
        return "node is not on PATH (Node.js 20 or newer, with npm)"
    if not Path(CHROMIUM).is_file():
        return f"Chromium is not at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
    for package in PACKAGES:
        if not (NODE_MODULES / package / "package.json").is_file():
            return f"{package} is not installed in {NODE_MODULES} (run `{INSTALL}`)"
    return None


def check_pages(paths: list[Path], screenshots: Path | None = None) -> dict:
    """The harness's JSON report on `paths`, all checked in one browser; with `screenshots`,
    full-page PNGs at 320 and 1280 px wide are saved there, named after each page."""
    problem = missing()
    if problem:
        raise BrowserHarnessError(problem)
    command = [shutil.which("node"), str(SCRIPT)]
    if screenshots is not None:
        command += ["--screenshots", str(screenshots)]
    pages = json.dumps([str(Path(path).resolve()) for path in paths])
    timeout = STARTUP_SECONDS + SECONDS_PER_PAGE * len(paths)
    try:
        result = subprocess.run(
            command,
            input=pages,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "CHROMIUM": CHROMIUM},
        )
    except subprocess.TimeoutExpired as error:
        raise BrowserHarnessError(
            f"{SCRIPT.name} took more than {timeout} s for {len(paths)} pages"
        ) from error
    if result.returncode != 0:
        raise BrowserHarnessError(f"{SCRIPT.name} exited {result.returncode}: {result.stderr.strip()}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise BrowserHarnessError(f"{SCRIPT.name} printed no JSON report: {result.stdout[:200]!r}") from error


def require_browser() -> None:
    """Skip locally when the browser checks cannot run here; fail in CI, which installs them."""
    problem = missing()
    if problem is None:
        return
    if IN_CI:
        pytest.fail(f"the browser checks are required in CI (.ci/run installs them): {problem}")
    pytest.skip(problem)
