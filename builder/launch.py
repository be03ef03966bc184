"""The `handout` entry point: for a build of named sources, starts the renderer process
(builder.prewarm) before loading the command line; then runs the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

# Options of `handout build` that take a value (so a word after them is not a source).
_VALUED = {
    "--out",
    "--format",
    "--condition",
    "--theme",
    "--template",
    "--brochure",
    "--paper",
    "--print",
    "-j",
    "--jobs",
}
_FORMATS = ("pptx", "pdf")


def main() -> None:
    """Run the command line, with a renderer already loading when a build is certain."""
    formats, workers = certain_formats(sys.argv[1:]) or ((), None)
    if formats and hasattr(os, "fork") and (workers or os.cpu_count() or 1) > 1:
        from builder.prewarm import start

        start(formats)
    from builder.cli import main as command_line

    command_line()


def certain_formats(arguments: Sequence[str]) -> tuple[tuple[str, ...], int | None] | None:
    """The formats `handout build` will render and the workers asked for, when the arguments
    name sources and nothing that could change the course (help, the plan, an unknown or
    malformed option); None whenever in doubt: the build then runs as it always does."""
    if not arguments or arguments[0] != "build":
        return None
    formats, sources, workers = _FORMATS, 0, None
    words = iter(arguments[1:])
    for word in words:
        name, equals, value = word.partition("=")
        if name in _VALUED:
            if not equals:
                value = next(words, None)
                if value is None:
                    return None
            if name == "--format":
                formats = tuple(part.strip() for part in value.split(",") if part.strip())
            elif name in ("-j", "--jobs"):
                workers = value
        elif word.startswith("-j") and word[2:].isdigit():
            workers = word[2:]
        elif word.startswith("-"):
            if word != "--large-print":
                return None  # --help, --all, --force, … or an unknown option: no guessing
        else:
            sources += 1
    if not sources or not formats or any(f not in _FORMATS for f in formats):
        return None
    if workers is not None and not workers.isdigit():
        return None
    return formats, int(workers) if workers is not None else None
