"""The `handout` command line: what it prints, what it writes, and what it leaves alone."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import __version__
from builder.cli import main

from .helpers import png_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "msc-chronic-pain.yaml"
BROCHURES = {
    "msc-chronic-pain-osteoarthritis-trifold-letter.pdf",
    "msc-chronic-pain-chronic-back-pain-trifold-letter.pdf",
    "msc-chronic-pain-tendon-ligament-pain-trifold-letter.pdf",
}
DECK = "msc-chronic-pain.pptx"


@pytest.fixture(autouse=True)
def in_repository(monkeypatch):
    """Run every command from the repository root, where layouts/default is found."""
    monkeypatch.chdir(ROOT)


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (hidden ones too) by relative path, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder below `folder`, hidden ones too: files with their bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }


def tiny_png() -> bytes:
    """A valid 1x1 PNG."""
    return png_bytes()


# -- the good path ----------------------------------------------------------------------------


def test_version_prints_the_package_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"handout, version {__version__}"


def test_check_on_the_sample_prints_ok_and_exits_0():
    result = run("check", SAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok msc-chronic-pain: 7 shared sections, 3 conditions\n")
    assert "reading: Flesch-Kincaid grade" in result.stdout
    assert ": error:" not in result.stderr, "the sample passes every review rule (warnings are advice)"


def test_check_without_arguments_reads_every_source_in_sources():
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok msc-chronic-pain:")
    checked = [line.split(":")[0] for line in result.stdout.splitlines() if line.startswith("ok ")]
    assert checked == [
        "ok msc-chronic-pain",
        "ok type-2-diabetes",
        "ok msc-chronic-pain-es",
        "ok type-2-diabetes-es",
    ], "both bundled materials and their translations"
    assert ": error:" not in result.stderr, "no bundled material breaks a review rule"


def test_build_writes_a_deck_and_three_brochures_and_says_so(tmp_path):
    result = run("build", SAMPLE, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    written = files_under(tmp_path)
    assert set(written) == {f"msc-chronic-pain/{name}" for name in BROCHURES | {DECK}}
    assert all(data.startswith(b"%PDF-") for name, data in written.items() if name.endswith(".pdf"))
    assert written[f"msc-chronic-pain/{DECK}"].startswith(b"PK")
    wrote = sorted(line for line in result.stdout.splitlines() if line.startswith("wrote "))
    assert wrote == sorted(f"wrote {tmp_path / 'msc-chronic-pain' / name}" for name in BROCHURES | {DECK})


def test_format_pdf_writes_only_the_brochures(tmp_path):
    result = run("build", SAMPLE, "--out", tmp_path, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert set(files_under(tmp_path)) == {f"msc-chronic-pain/{name}" for name in BROCHURES}


def test_format_pptx_writes_only_the_deck(tmp_path):
    result = run("build", SAMPLE, "--out", tmp_path, "--format", "pptx")
    assert result.exit_code == 0, result.output
    assert set(files_under(tmp_path)) == {f"msc-chronic-pain/{DECK}"}


def test_one_condition_writes_only_that_brochure(tmp_path):
    result = run("build", SAMPLE, "--out", tmp_path, "--format", "pdf", "--condition", "osteoarthritis")
    assert result.exit_code == 0, result.output
    assert set(files_under(tmp_path)) == {
        "msc-chronic-pain/msc-chronic-pain-osteoarthritis-trifold-letter.pdf"
    }
    assert result.stdout.count("wrote ") == 1


def large_print_brochure(out: Path, *more: str):
    """Build the osteoarthritis brochure in large print into `out`."""
    return run(
        "build",
        SAMPLE,
        "--out",
        out,
        "--format",
        "pdf",
        "--condition",
        "osteoarthritis",
        "--large-print",
        *more,
    )


def test_large_print_without_a_layout_makes_fact_sheets_and_says_why(tmp_path):
    result = large_print_brochure(tmp_path)
    assert result.exit_code == 0, result.output
    assert set(files_under(tmp_path)) == {
        "msc-chronic-pain/msc-chronic-pain-osteoarthritis-factsheet-letter-large-print.pdf"
    }
    assert "large print does not fit the trifold layout" in result.stderr


def test_large_print_in_a_tri_fold_when_insisted_on_fails_on_what_overflows(tmp_path):
    result = large_print_brochure(tmp_path, "--brochure", "trifold")
    assert result.exit_code == 1
    assert "overflows" in result.stderr and "does not fit the trifold layout" not in result.stderr
    assert files_under(tmp_path) == {}


def test_an_unknown_format_exits_2_with_a_suggestion(tmp_path):
    result = run("build", SAMPLE, "--out", tmp_path, "--format", "pfd")
    assert result.exit_code == 2
    assert "unknown format 'pfd' (did you mean 'pdf'?)" in result.stderr
    assert snapshot(tmp_path) == {}


def test_an_unknown_condition_exits_2_with_a_suggestion(tmp_path):
    result = run("build", SAMPLE, "--out", tmp_path, "--condition", "osteoarthritus")
    assert result.exit_code == 2
    assert "no condition 'osteoarthritus' in the sources (did you mean 'osteoarthritis'?)" in result.stderr
    assert snapshot(tmp_path) == {}


def test_a_real_subprocess_builds_the_sample(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "builder",
            "build",
            str(SAMPLE),
            "--out",
            str(tmp_path),
            "--format",
            "pdf",
            "--condition",
            "chronic-back-pain",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    target = tmp_path / "msc-chronic-pain" / "msc-chronic-pain-chronic-back-pain-trifold-letter.pdf"
    assert completed.stdout.strip() == f"wrote {target}"
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_real_subprocess_reports_a_bad_source_without_a_traceback(tmp_path):
    source = tmp_path / "broken.yaml"
    source.write_text("material:\n  id: knee\n  id: hip\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "builder", "check", str(source)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 1
    assert f"{source}:3:3: error: duplicate key 'id' (first at line 2)" in completed.stderr
    assert "Traceback" not in completed.stderr + completed.stdout


# -- bad input: a clear message, exit 1, and nothing written ----------------------------------


def sample_with(old: str, new: str) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


FIRST_BLOCK = "    blocks:\n      - key_figure:\n"
ALIAS_BOMB = (
    "\n".join(
        ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    )
    + "\n"
)

BAD_SOURCES = {
    "empty": (b"", "file is empty"),
    "yaml-syntax": (b"material:\n  id: [knee\n  title: x\n", "YAML syntax"),
    "list-top-level": (b"- material\n- sections\n", "must be a mapping of keys, not a list"),
    "not-utf8": (b"material:\n  title: caf\xe9\n", "not UTF-8"),
    "binary": (tiny_png(), "binary file"),
    "unknown-key": (sample_with("  subtitle:", "  subtitel:").encode(), "did you mean 'subtitle'?"),
    "wrong-type": (
        sample_with(
            "  audience: Adults living with long-lasting joint, back, tendon or ligament pain\n",
            "  audience: [adults, older adults]\n",
        ).encode(),
        "audience must be text, not a list",
    ),
    "missing-field": (
        sample_with("  author: Patient Education Team\n", "").encode(),
        "missing required key 'author'",
    ),
    "undefined-variable": (
        sample_with('organisation: "{{ clinic.name }}"', 'organisation: "{{ clinic.nmae }}"').encode(),
        "undefined variable 'clinic.nmae' (did you mean 'clinic.name'?)",
    ),
    "missing-image": (
        sample_with(
            FIRST_BLOCK, "    blocks:\n      - image: {path: knee.png, alt: A knee}\n      - key_figure:\n"
        ).encode(),
        "image 'knee.png' does not exist",
    ),
    "escaping-image": (
        sample_with(
            FIRST_BLOCK,
            "    blocks:\n      - image: {path: ../outside.png, alt: A knee}\n      - key_figure:\n",
        ).encode(),
        "leaves the source's folder",
    ),
    "alias-bomb": (ALIAS_BOMB.encode(), "anchors"),
    "unsafe-condition-id": (
        sample_with("  - id: osteoarthritis\n", "  - id: ../osteoarthritis\n").encode(),
        "not a safe id",
    ),
}


@pytest.fixture
def old_output(tmp_path) -> Path:
    """An output folder holding an earlier build and an unrelated file."""
    out = tmp_path / "out"
    (out / "msc-chronic-pain").mkdir(parents=True)
    (out / "msc-chronic-pain" / DECK).write_bytes(b"the previous deck")
    (out / "notes.txt").write_bytes(b"keep me\n")
    return out


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_a_bad_source_exits_1_names_the_place_and_writes_nothing(tmp_path, old_output, case):
    data, fragment = BAD_SOURCES[case]
    (tmp_path / "outside.png").write_bytes(tiny_png())
    source = tmp_path / "src" / f"{case}.yaml"
    source.parent.mkdir()
    source.write_bytes(data)
    before = snapshot(old_output)

    result = run("build", source, "--out", old_output)

    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert re.search(re.escape(f"{case}.yaml") + r":\d+:\d+: error: ", result.stderr), result.stderr
    assert fragment in result.stderr
    assert "nothing was written" in result.stderr
    assert result.stdout == ""
    assert snapshot(old_output) == before


def test_a_missing_source_exits_with_an_error_naming_it(tmp_path, old_output):
    before = snapshot(old_output)
    missing = tmp_path / "nowhere.yaml"
    result = run("build", missing, "--out", old_output)
    assert result.exit_code in (1, 2)
    assert "nowhere.yaml" in result.stderr
    assert "no such file" in result.stderr.lower() or "does not exist" in result.stderr.lower()
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert snapshot(old_output) == before


def test_a_folder_given_as_a_source_exits_1(tmp_path, old_output):
    before = snapshot(old_output)
    result = run("check", tmp_path)
    assert result.exit_code == 1
    assert f"{tmp_path}: error: is a folder" in result.stderr
    assert snapshot(old_output) == before


def test_check_reports_every_problem_and_counts_them(tmp_path):
    import shutil

    shutil.copytree(ROOT / "sources" / "images", tmp_path / "images")  # the material's pictures
    source = tmp_path / "two.yaml"
    source.write_text(
        sample_with("  subtitle:", "  subtitel:").replace("review_by: 2027-11-01", "review_by: 2025-11-01"),
        encoding="utf-8",
    )
    result = run("check", source)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 2
    assert result.stderr.splitlines()[-1] == "2 errors."


# -- what each command imports ----------------------------------------------------------------

HEAVY = ("pptx", "reportlab")


def imported_after(args: list[str]) -> set[str]:
    """Top-level packages among HEAVY imported after running `main(args)` in a fresh Python."""
    code = (
        "import sys\n"
        "from builder.cli import main\n"
        "try:\n"
        f"    main({args!r}, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('HEAVY:' + ','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert completed.returncode == 0, completed.stderr
    marker = [line for line in completed.stdout.splitlines() if line.startswith("HEAVY:")]
    assert len(marker) == 1, completed.stdout
    return {name for name in marker[0].removeprefix("HEAVY:").split(",") if name}


def test_help_does_not_import_pptx_or_reportlab():
    assert imported_after(["--help"]) == set()


def test_check_does_not_import_pptx_or_reportlab():
    assert imported_after(["check", str(SAMPLE)]) == set()


def test_check_of_the_whole_network_does_not_import_pptx_or_reportlab():
    assert imported_after(["check"]) == set()


def test_the_import_check_does_see_a_build_importing_them(tmp_path):
    assert imported_after(["build", str(SAMPLE), "--out", str(tmp_path), "-j", "1"]) == set(HEAVY)


def test_python_m_builder_help_imports_neither_by_importtime():
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "builder", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0
    imported = {line.split("|")[-1].strip() for line in completed.stderr.splitlines() if "|" in line}
    assert "builder.cli" in imported
    assert not {name for name in imported if name.split(".")[0] in HEAVY}


def test_an_output_folder_that_cannot_be_written_is_a_clean_error(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    blocker = tmp_path / "occupied"
    blocker.write_text("a file where the output folder should be")
    result = CliRunner().invoke(
        main, ["build", str(SAMPLE), "--format", "pdf", "--out", str(blocker / "inside")]
    )
    assert result.exit_code == 1
    assert "cannot write the output" in result.output
    assert "Traceback" not in result.output


def gate_sources(tmp_path, claim: str):
    """A tiny source with one extra paragraph, written for `handout check`."""
    from .helpers import minimal_source, write_source

    source = minimal_source()
    source["sections"][0]["blocks"].append({"paragraph": claim})
    return write_source(tmp_path, source)


def test_check_is_the_gate_exit_one_on_a_rule_with_the_rule_at_the_line(tmp_path):
    path = gate_sources(tmp_path, "Our shots are guaranteed to cure knee pain.")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "error:" in line]
    assert any(re.match(rf"{re.escape(str(path))}:\d+:\d+: error: .*\[claim-cure\]$", line) for line in lines)
    assert any(line.endswith("[claim-guaranteed]") for line in lines)
    assert "2 errors" in result.stderr


def test_check_passes_a_sound_source_and_writes_json_for_ci(tmp_path):
    path = gate_sources(tmp_path, "Some people feel better after a few weeks.")
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 0
    result = CliRunner().invoke(main, ["check", "--json", str(gate_sources(tmp_path, "It is FDA approved."))])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    (finding,) = [f for f in report["findings"] if f["severity"] == "error"]
    assert (
        finding["rule"] == "claim-fda-approved"
        and finding["line"] > 0
        and finding["file"].endswith("tiny.yaml")
    )
    assert {"part", "fk_grade"} <= set(report["scores"]["tiny"][0])


def test_check_explains_a_rule_and_suggests_one_it_does_not_know():
    result = CliRunner().invoke(main, ["check", "--explain", "status-block"])
    assert result.exit_code == 0 and "status-block (required, error" in result.output
    wrong = CliRunner().invoke(main, ["check", "--explain", "status-blok"])
    assert wrong.exit_code == 2 and "did you mean 'status-block'?" in wrong.output


def test_build_runs_the_same_rules_and_writes_nothing_when_one_fails(tmp_path):
    path = gate_sources(tmp_path, "Our shots regrow cartilage.")
    result = CliRunner().invoke(main, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "[claim-regrow]" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))


def _without(kind):
    def change(source):
        blocks = source["conditions"][0]["sections"][1]["blocks"]
        source["conditions"][0]["sections"][1]["blocks"] = [b for b in blocks if kind not in b]

    return change


REVIEW_FAILURES = {
    "claim-cure": lambda s: s["sections"][0]["blocks"].append(
        {"paragraph": "It is FDA approved, safe and guaranteed to cure and regrow cartilage."}
    ),
    "status-block": _without("status"),
    "questions-block": _without("questions"),
    "review-overdue": lambda s: s["material"].update(reviewed="2019-01-01", review_by="2020-01-01"),
    "reading-grade": lambda s: s["sections"][0]["blocks"].extend(
        {
            "paragraph": "Intra-articular administration of autologous mesenchymal stromal cells"
            f" demonstrated heterogeneous efficacy across randomized investigations, part {n}."
        }
        for n in range(3)
    ),
}


@pytest.mark.parametrize("rule", list(REVIEW_FAILURES))
def test_each_bad_source_fails_check_and_build_at_its_line_naming_the_rule(tmp_path, rule):
    from .helpers import minimal_source, write_source

    source = minimal_source()
    REVIEW_FAILURES[rule](source)
    path = write_source(tmp_path, source)
    for command in (["check", str(path)], ["build", str(path), "--out", str(tmp_path / "out")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, (command, result.output)
        assert re.search(rf"{re.escape(str(path))}:\d+:\d+: error: .*\[{rule}\]", result.stderr), (
            result.stderr
        )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))
