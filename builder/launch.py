"""The `handout` entry point: for a build that will certainly render, starts the renderer
process (builder.prewarm) before loading the command line; then runs the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NoReturn

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
_PLAN_FLAGS = {"--all", "--force", "--no-thumbnails", "--json"}
_PLAN_VALUED = {"--out", "--theme", "-j", "--jobs"}
_MANIFEST = ".handout-manifest.json"  # builder.manifest.MANIFEST_FILE, not imported to stay light
_PLAN = "handout.yaml"  # builder.plan_file.PLAN_FILE, likewise


def main() -> NoReturn:
    """The `handout` command: run it, then end the process at once (see _end)."""
    _end(run())


def run() -> int:
    """Run the command line, with a renderer already loading when a build is certain; the
    exit code."""
    formats, workers = certain_formats(sys.argv[1:]) or ((), None)
    if formats and hasattr(os, "fork") and (workers or os.cpu_count() or 1) > 1:
        from builder.prewarm import start

        start(formats, workers)
    from builder.cli import main as command_line

    try:
        command_line()
    except SystemExit as stop:
        return _exit_code(stop.code)
    return 0


def _exit_code(code: object) -> int:
    """What `sys.exit(code)` would end the process with (a message goes to stderr)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _end(code: int) -> NoReturn:
    """End the process once the command is done: exit handlers run and the output streams
    are flushed, but Python's teardown, which frees every module and object one by one
    (about 5 ms after a build), is left to the system, which frees the memory at once."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that left, or a closed stream
            pass
        except OSError:  # the output was lost (a full disk): Python would end with 120 too
            code = code or 120
    os._exit(code)


def certain_formats(arguments: Sequence[str]) -> tuple[tuple[str, ...], int | None] | None:
    """The formats `handout build` will render and the workers asked for, when the arguments
    leave no doubt that it renders: named sources, or the plan rebuilt with --force or into
    an output folder with no manifest yet. None whenever in doubt (help, an unknown or
    malformed option, a plan build that may find nothing changed): the build then runs as it
    always does."""
    if not arguments or arguments[0] != "build":
        return None
    formats, sources, workers, flags, out = _FORMATS, 0, None, set(), "output"
    words = iter(arguments[1:])
    for word in words:
        name, equals, value = word.partition("=")
        if name in _VALUED:
            if not equals:
                value = next(words, None)
                if value is None:
                    return None
            flags.add(name)
            if name == "--format":
                formats = tuple(part.strip() for part in value.split(",") if part.strip())
            elif name in ("-j", "--jobs"):
                workers = value
            elif name == "--out":
                out = value
        elif word.startswith("-j") and word[2:].isdigit():
            workers = word[2:]
        elif word in ("--large-print", *_PLAN_FLAGS):
            flags.add(word)
        elif word.startswith("-"):
            return None  # --help or an unknown option: no guessing
        else:
            sources += 1
    if workers is not None and not workers.isdigit():
        return None
    if not sources:
        formats = _plan_formats(flags, out)
    elif flags & _PLAN_FLAGS:
        return None  # a usage error or a plan option: left to the command line
    if not formats or any(f not in _FORMATS for f in formats):
        return None
    return formats, int(workers) if workers is not None else None


def _plan_formats(flags: set[str], out: str) -> tuple[str, ...]:
    """The outputs of the plan in handout.yaml when its build will render them (--force, or
    no manifest in the output folder); () otherwise. Only the plan's `outputs: [..]` line is
    looked at, to choose which library to load first: a guess that changes speed, never
    what is built."""
    if flags - _PLAN_FLAGS - _PLAN_VALUED:
        return ()  # an option that applies to named sources: a usage error follows
    if "--force" not in flags and os.path.exists(os.path.join(out, _MANIFEST)):
        return ()  # perhaps nothing changed: such a build must not load a renderer
    try:
        with open(_PLAN, encoding="utf-8") as plan:
            lines = plan.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return ()
    for line in lines:
        name, colon, value = line.partition(":")
        listed = value.split("#")[0].strip()
        if name == "outputs" and colon and listed.startswith("[") and listed.endswith("]"):
            return tuple(word.strip().strip("'\"") for word in listed[1:-1].split(",") if word.strip())
    return _FORMATS
