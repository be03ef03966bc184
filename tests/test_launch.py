"""The entry point starts a renderer process only when a build of named sources is certain,
and a build through it writes what a build without it writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builder.launch import certain_formats

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "sources/msc-chronic-pain.yaml"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["build", SAMPLE], (("pptx", "pdf"), None)),
        (["build", SAMPLE, "--format", "pdf", "-j", "2"], (("pdf",), 2)),
        (["build", "--format=pptx", "--out", "x", SAMPLE, "--large-print"], (("pptx",), None)),
        (["build", SAMPLE, "-j1"], (("pptx", "pdf"), 1)),
    ],
)
def test_a_build_of_named_sources_is_recognised_with_its_formats_and_workers(arguments, expected):
    assert certain_formats(arguments) == expected


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["check", SAMPLE],
        ["build"],  # the plan, or every source: not a build of named sources
        ["build", "--out", "x"],  # a value is not a source
        ["build", SAMPLE, "--help"],
        ["build", SAMPLE, "--all"],
        ["build", SAMPLE, "--format", "pfd"],
        ["build", SAMPLE, "--format"],
        ["build", SAMPLE, "-j", "two"],
        ["build", SAMPLE, "--no-such-option"],
    ],
)
def test_anything_less_certain_starts_no_renderer_process(arguments, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no plan here
    assert certain_formats(arguments) is None


PLAN = "# the plan\nsources: sources\noutputs: [pdf, pptx]   # brochures first\n"


@pytest.mark.parametrize(
    ("arguments", "manifest", "expected"),
    [
        (["build"], False, (("pdf", "pptx"), None)),  # a first build renders
        (["build", "--all", "-j", "2", "--no-thumbnails"], False, (("pdf", "pptx"), 2)),
        (["build"], True, None),  # it may find nothing changed: it must load no renderer
        (["build", "--force", "--json"], True, (("pdf", "pptx"), None)),
        (["build", "--out", "elsewhere"], True, (("pdf", "pptx"), None)),  # no manifest there
        (["build", "--format", "pdf"], False, None),  # an option for named sources: a usage error
    ],
)
def test_a_plan_build_starts_one_only_when_it_will_render(
    arguments, manifest, expected, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "handout.yaml").write_text(PLAN, encoding="utf-8")
    if manifest:
        (tmp_path / "output").mkdir()
        (tmp_path / "output" / ".handout-manifest.json").write_text("{}", encoding="utf-8")
    assert certain_formats(arguments) == expected


def test_the_file_names_the_entry_point_looks_for_are_the_builds():
    from builder import launch
    from builder.manifest import MANIFEST_FILE
    from builder.plan_file import PLAN_FILE

    assert launch._MANIFEST == MANIFEST_FILE
    assert launch._PLAN == str(PLAN_FILE)


def handout(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "builder", *arguments], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_a_build_through_the_renderer_process_writes_what_a_one_process_build_writes(tmp_path):
    together = handout("build", SAMPLE, "--out", str(tmp_path / "two"), "-j", "2")
    alone = handout("build", SAMPLE, "--out", str(tmp_path / "one"), "-j", "1")
    assert together.returncode == 0 and alone.returncode == 0, together.stderr + alone.stderr
    written = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert len(written) == 4
    for path in written:
        assert (tmp_path / "two" / path).read_bytes() == (tmp_path / "one" / path).read_bytes(), path
    assert together.stdout.replace("/two/", "/") == alone.stdout.replace("/one/", "/")


def test_a_forced_plan_build_through_the_renderer_process_writes_what_one_process_writes(tmp_path):
    common = ["build", "--force", "--no-thumbnails", "--out"]
    together = handout(*common, str(tmp_path / "two"), "-j", "2")
    alone = handout(*common, str(tmp_path / "one"), "-j", "1")
    assert together.returncode == 0 and alone.returncode == 0, together.stderr + alone.stderr
    built = sorted(
        p.relative_to(tmp_path / "two")
        for p in (tmp_path / "two").rglob("*")
        if p.suffix in (".pdf", ".pptx")
    )
    assert len(built) == 20
    for path in built:
        assert (tmp_path / "two" / path).read_bytes() == (tmp_path / "one" / path).read_bytes(), path


def test_a_source_error_before_rendering_ends_the_renderer_process_too(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("material: [unclosed\n", encoding="utf-8")
    completed = handout("build", str(broken), "--out", str(tmp_path / "out"), "-j", "2")
    assert completed.returncode == 1
    assert "error:" in completed.stderr and "Traceback" not in completed.stderr
    assert not (tmp_path / "out").exists()


# Appended to a script run in a child interpreter: how many processes it has as children.
COUNT_CHILDREN = """
children = 0
for entry in Path("/proc").iterdir():
    try:
        parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        continue
    children += parent == os.getpid()
"""

LEFT_BEHIND = (
    """
import os, sys
from pathlib import Path
from builder import launch

sys.argv = ["handout", "build", sys.argv[2], "--format", "pdf", "--out", sys.argv[1], "-j", "2"]
code = launch.run()
"""
    + COUNT_CHILDREN
    + """
print(code, children)
"""
)


def children_left(tmp_path: Path, source: str) -> list[str]:
    """The exit code of a build of `source` run inside this process, and how many child
    processes it left."""
    completed = subprocess.run(
        [sys.executable, "-c", LEFT_BEHIND, str(tmp_path / "out"), source],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = completed.stdout.splitlines()
    return lines[-1].split() if lines else [completed.stderr]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="lists processes through /proc (Linux)")
def test_the_renderer_process_is_gone_when_the_build_fails_first(tmp_path):
    assert children_left(tmp_path, "sources/missing.yaml") == ["1", "0"]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="lists processes through /proc (Linux)")
def test_the_renderer_process_is_waited_for_once_the_files_are_written(tmp_path):
    assert children_left(tmp_path, SAMPLE) == ["0", "0"]
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 3


ENDS = """
import atexit, sys
from builder import launch
atexit.register(lambda: print("exit handler ran"))
sys.stdout.write("buffered, not yet flushed; ")
launch._end(launch._exit_code(sys.argv[1] if sys.argv[1] != "none" else None) if sys.argv[1] != "3" else 3)
"""


@pytest.mark.parametrize(("given", "code"), [("none", 0), ("3", 3), ("stopped: a reason", 1)])
def test_the_command_ends_with_its_code_its_output_flushed_and_exit_handlers_run(given, code):
    ended = subprocess.run(
        [sys.executable, "-c", ENDS, given], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert ended.returncode == code
    assert ended.stdout == "buffered, not yet flushed; exit handler ran\n"
    assert ("stopped: a reason" in ended.stderr) == (code == 1)


STOPS_READING = (
    """
import os, sys
from pathlib import Path
from builder import prewarm
from builder.build import _jobs
from builder.renderers import RenderOptions

prewarm.start(("pptx", "pdf"), 2)
started = prewarm.take()
jobs, _notes = _jobs([Path("sources/msc-chronic-pain.yaml")], ["pptx", "pdf"], [], "default", RenderOptions())
started.send(jobs, 2)
next(started.results(len(jobs)))  # one result, then this side gives up, as a failing build does
started.close()
"""
    + COUNT_CHILDREN
    + """
print("closed", children)
"""
)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="lists processes through /proc (Linux)")
def test_a_build_that_stops_reading_results_ends_its_renderer_processes_without_hanging():
    done = subprocess.run(
        [sys.executable, "-c", STOPS_READING], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["closed", "0"], done.stdout + done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_output_that_cannot_be_written_at_the_end_makes_the_exit_code_120():
    import os

    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        ended = subprocess.run(
            [sys.executable, "-c", "import sys; from builder import launch; print('lost'); launch._end(0)"],
            cwd=ROOT,
            stdout=full,
            env=env,
            timeout=60,
        )
    assert ended.returncode == 120
