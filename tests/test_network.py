"""Network builds: materials × clinics × languages, failures kept apart, a report for machines."""

from __future__ import annotations

import json
import shutil

import pdfplumber
import pytest
import yaml
from click.testing import CliRunner

from builder.batch.config import read_config
from builder.batch.network import build_network
from builder.cli import main
from builder.source.translate import write_skeleton

from .conftest import DEFAULT_THEME
from .helpers import minimal_source, png_bytes, write_source
from .test_translation import translate_all

CLINICS = {
    "clinics": [
        {
            "id": "north",
            "name": "North Clinic",
            "phone": "555-0001",
            "languages": ["en-US", "es-US"],
            "paper": "letter",
        },
        {
            "id": "south",
            "name": "South Clinic",
            "phone": "555-0002",
            "languages": ["en-GB"],
            "paper": "a4",
            "logo": "south.png",
            "colours": {"primary": "1F4E79"},
        },
    ]
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a handout.yaml, one material, its Spanish translation and two clinics."""
    sources = tmp_path / "sources"
    sources.mkdir()
    english = write_source(sources, minimal_source())
    path, _counts = write_skeleton(english, "es-US")
    translate_all(path)
    (sources / "south.png").write_bytes(png_bytes(30, 10))
    (sources / "clinics.yaml").write_text(yaml.safe_dump(CLINICS, sort_keys=False), encoding="utf-8")
    (tmp_path / "handout.yaml").write_text(
        "sources: sources\nclinics: all\nmaterials: all\n", encoding="utf-8"
    )
    shutil.copytree(DEFAULT_THEME, tmp_path / "layouts" / "default")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_network(project, out_name="output", workers=1):
    from builder.theme.reader import load_theme

    return build_network(
        read_config(project / "handout.yaml"),
        load_theme(project / "layouts" / "default"),
        project / out_name,
        workers,
    )


def test_every_clinic_gets_every_language_it_offers_in_its_own_folder(project):
    result = run_network(project)
    assert result.ok
    folders = {str(path.parent.relative_to(project / "output")) for _v, path in result.written}
    assert folders - {f"{folder}/images" for folder in folders} == {
        "north/en-US/tiny",
        "north/es-US/tiny",
        "south/en-GB/tiny",
        "north/en-US",  # each clinic and language's index of its web pages
        "north/es-US",
        "south/en-GB",
    }
    names = {path.name for _v, path in result.written if path.parent.name == "tiny" and "south" in str(path)}
    assert names == {
        "tiny.pptx",
        "tiny-knees-trifold-a4.pdf",
        "tiny-knees.html",
        "index.html",
        "tiny-knees-accessible-a4.pdf",
    }, "every format, on the clinic's paper"


def test_each_clinic_fills_its_own_details(project):
    from pypdf import PdfReader

    result = run_network(project)
    pdfs = [(v, p) for v, p in result.written if p.suffix == ".pdf"]
    assert {p.name for _v, p in pdfs} >= {"tiny-knees-trifold-a4.pdf", "tiny-knees-accessible-a4.pdf"}
    for variant, path in pdfs:  # the brochures and their accessible twins
        clinic = "South Clinic" if variant.clinic == "south" else "North Clinic"
        assert clinic in PdfReader(path).metadata.author, path.name


def test_the_spanish_version_reads_as_spanish(project):
    from pypdf import PdfReader

    result = run_network(project)
    spanish = next(p for v, p in result.written if v.language == "es-US" and p.suffix == ".pdf")
    text = " ".join(page.extract_text() for page in PdfReader(spanish).pages)
    assert "ES Introduction" in text
    assert PdfReader(spanish).trailer["/Root"]["/Lang"] == "es-US"


def test_a_failing_clinic_leaves_the_others_built_and_the_build_fails(project):
    (project / "sources" / "south.png").unlink()
    result = run_network(project)
    assert not result.ok
    assert any("logo 'south.png' does not exist" in problem.message for _v, problem in result.failures)
    assert {v.clinic for v, _p in result.written} == {"north"}
    assert not list((project / "output").rglob("*.tmp"))


def test_the_report_lists_every_file_and_every_failure(project):
    (project / "sources" / "south.png").unlink()
    result = run_network(project)
    report = json.loads((project / "output" / "build.json").read_text(encoding="utf-8"))
    assert len(report["files"]) == len(result.written)
    assert {entry["clinic"] for entry in report["files"]} == {"north"}
    assert report["failures"] and "south.png" in report["failures"][0]["message"]


def test_a_brand_colour_with_too_little_contrast_fails_that_clinic_at_its_line(project):
    data = yaml.safe_load((project / "sources" / "clinics.yaml").read_text(encoding="utf-8"))
    data["clinics"][1]["colours"]["primary"] = "F0F0F0"
    (project / "sources" / "clinics.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run_network(project)
    problem = next(p for _v, p in result.failures if "contrast" in p.message)
    assert problem.loc.path.endswith("clinics.yaml") and problem.loc.line > 0
    assert {v.clinic for v, _p in result.written} == {"north"}


def test_a_clinic_with_a_primary_colour_and_no_tint_gets_a_light_tint_of_its_primary(default_theme):
    from builder.batch.clinics import Clinic, light_tint
    from builder.location import Location
    from builder.theme.types import contrast_ratio

    plum = Clinic(
        "valle", (), ("es-US",), None, None, (("primary", "6B2A5E"),), Location("clinics.yaml", 3, 1)
    )
    tint = plum.themed(default_theme).colour("tint")
    assert tint == light_tint("6B2A5E") != default_theme.colour("tint")
    assert contrast_ratio("6B2A5E", tint) >= 4.5 and contrast_ratio(default_theme.colour("text"), tint) >= 4.5
    own = Clinic("sea", (), ("en-IE",), None, None, (("primary", "1F4E79"), ("tint", "E7EEF5")), plum.loc)
    assert own.themed(default_theme).colour("tint") == "E7EEF5", "a tint the clinic gives is kept"


def test_a_made_tint_too_close_to_its_primary_is_reported_at_the_primary(default_theme):
    from builder.batch.clinics import Clinic, colour_problems
    from builder.location import Location

    at = Location("clinics.yaml", 9, 7)
    pale = Clinic("pale", (), ("en-US",), None, None, (("primary", "9FB7C4"),), at, (("primary", at),))
    problems = colour_problems(pale, default_theme).items
    assert any("on tint" in p.message and p.loc == at for p in problems), problems


def test_a_language_without_a_translation_is_a_failure_for_that_clinic_only(project):
    (project / "sources" / "tiny.es.yaml").unlink(missing_ok=True)
    result = run_network(project)
    assert any("no es-US version of 'tiny'" in p.message for _v, p in result.failures)
    assert ("north", "en-US") in {(v.clinic, v.language) for v, _p in result.written}


def test_one_and_two_workers_build_identical_files(project):
    one, two = run_network(project, "one", 1), run_network(project, "two", 2)
    assert [p.relative_to(project / "one") for _v, p in one.written] == [
        p.relative_to(project / "two") for _v, p in two.written
    ]
    for (_a, first), (_b, second) in zip(one.written, two.written):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_the_cli_builds_the_network_when_given_no_sources_and_exits_1_on_failures(project):
    ok = CliRunner().invoke(main, ["build", "-j", "1", "--no-thumbnails"])
    assert ok.exit_code == 0, ok.output
    assert "wrote output/north/es-US/tiny/tiny-es.pptx" in ok.output
    (project / "sources" / "south.png").unlink()
    failed = CliRunner().invoke(main, ["build", "--all", "-j", "1", "--no-thumbnails"])
    assert failed.exit_code == 1
    assert "south.png" in failed.output and "Traceback" not in failed.output


def test_options_for_named_sources_are_refused_when_building_the_network(project):
    result = CliRunner().invoke(main, ["build", "--brochure", "factsheet"])
    assert result.exit_code == 2
    assert "--brochure apply to named SOURCES" in result.output


def test_a_clinics_logo_and_brand_colour_reach_its_deck(project):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    result = run_network(project)
    deck = next(p for v, p in result.written if v.clinic == "south" and p.suffix == ".pptx")
    presentation = Presentation(str(deck))
    theme = presentation.slide_master.part.part_related_by(RT.THEME).blob
    assert b'<a:srgbClr val="1F4E79"/>' in theme
    content = [s for s in presentation.slides if s.slide_layout.name == "Title and Content"]
    assert content and all(any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes) for s in content)


def test_a_second_build_with_nothing_changed_builds_nothing(project):
    first = run_network(project)
    again = run_network(project)
    assert first.written and not again.written
    assert sorted(p for _v, p in again.unchanged) == sorted(p for _v, p in first.written)
    report = json.loads((project / "output" / "build.json").read_text(encoding="utf-8"))
    assert len(report["files"]) == len(first.written) and not any(f["rebuilt"] for f in report["files"])


def test_changing_one_clinic_rebuilds_only_its_outputs(project):
    run_network(project)
    data = yaml.safe_load((project / "sources" / "clinics.yaml").read_text(encoding="utf-8"))
    data["clinics"][1]["phone"] = "555-9999"
    (project / "sources" / "clinics.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    again = run_network(project)
    assert {v.clinic for v, _p in again.written} == {"south"}
    assert {v.clinic for v, _p in again.unchanged} == {"north"}


def test_changing_the_material_rebuilds_everything(project):
    run_network(project)
    source = project / "sources" / "tiny.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Knees bend.", "Knees bend and ache."), encoding="utf-8"
    )
    again = run_network(project)
    assert {v.clinic for v, _p in again.written} == {"north", "south"} and not again.unchanged


def test_force_rebuilds_what_is_up_to_date(project):
    from builder.theme.reader import load_theme

    first = run_network(project)
    forced = build_network(
        read_config(project / "handout.yaml"),
        load_theme(project / "layouts" / "default"),
        project / "output",
        1,
        force=True,
    )
    assert len(forced.written) == len(first.written) and not forced.unchanged


def test_a_failed_output_is_tried_again_next_time(project):
    (project / "sources" / "south.png").unlink()
    run_network(project)
    (project / "sources" / "south.png").write_bytes(png_bytes(30, 10))
    again = run_network(project)
    assert {v.clinic for v, _p in again.written} == {"south"}


def test_an_unchanged_rebuild_does_not_import_pptx_reportlab_or_the_job_pool(project):
    import subprocess
    import sys

    run_network(project)
    heavy = {"pptx", "reportlab", "multiprocessing", "concurrent", "builder.render.jobs"}
    code = (
        "import sys; from builder.cli import main\n"
        "try:\n    main(['build', '-j', '2', '--no-thumbnails'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        f"print('HEAVY:' + ','.join(sorted(({{m.split('.')[0] for m in sys.modules}} | set(sys.modules)) & {heavy!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert "HEAVY:\n" in done.stdout, done.stdout + done.stderr
    assert "0 files built" in done.stdout


def test_the_html_report_lists_every_output_and_problem(project):
    from builder.batch.report import write_report
    from builder.theme.reader import load_theme

    (project / "sources" / "south.png").unlink()
    result = run_network(project)
    page = write_report(
        result, project / "output", load_theme(project / "layouts" / "default"), thumbnails=False
    )
    html = page.read_text(encoding="utf-8")
    for _variant, path in result.written:
        assert f'href="{path.relative_to(project / "output").as_posix()}"' in html
    assert "south.png" in html and "<h2>north</h2>" in html
    assert "No thumbnails" in html


def test_the_html_report_shows_a_thumbnail_of_every_pdf_page(project):
    from pypdf import PdfReader

    from builder.batch.report import write_report
    from builder.theme.reader import load_theme

    from .conftest import require_tool

    require_tool("pdftoppm")
    result = run_network(project)
    page = write_report(
        result, project / "output", load_theme(project / "layouts" / "default"), thumbnails=True
    )
    html = page.read_text(encoding="utf-8")
    for _variant, path in result.written:
        if path.suffix == ".pdf" and "-accessible-" not in path.name:  # a twin is its web page printed
            pages = len(PdfReader(path).pages)
            thumbs = html.count(f'src=".thumbnails/{path.relative_to(project / "output").as_posix()}/page-')
            assert thumbs == pages, path.name


def test_thumbnails_are_replaced_whole_and_pages_a_file_lost_are_dropped(project):
    import os

    from builder.batch.report import write_report
    from builder.theme.reader import load_theme

    from .conftest import require_tool

    require_tool("pdftoppm")
    out = project / "output"
    result = run_network(project)
    pdf = next(path for _variant, path in result.written if path.name.endswith("-trifold-letter.pdf"))
    folder = out / ".thumbnails" / pdf.relative_to(out)
    folder.mkdir(parents=True)
    for name in ("page-1.png", "page-9.png"):  # pictures older than the file: stale
        (folder / name).write_bytes(b"not a picture")
        os.utime(folder / name, (0, 0))
    write_report(result, out, load_theme(project / "layouts" / "default"), thumbnails=True)
    pages = sorted(p.name for p in folder.iterdir())
    assert "page-9.png" not in pages and "page-1.png" in pages
    assert (folder / "page-1.png").read_bytes().startswith(b"\x89PNG")
    leftovers = [p for p in (out / ".thumbnails").rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []


def test_any_concurrent_futures_executor_can_run_the_jobs(project):
    from concurrent.futures import ThreadPoolExecutor

    from builder.theme.reader import load_theme

    serial = run_network(project, "serial")
    with ThreadPoolExecutor(2) as pool:
        pooled = build_network(
            read_config(project / "handout.yaml"),
            load_theme(project / "layouts" / "default"),
            project / "pooled",
            executor=pool,
        )
    assert [p.relative_to(project / "pooled") for _v, p in pooled.written] == [
        p.relative_to(project / "serial") for _v, p in serial.written
    ]


def test_each_finished_job_is_reported_for_a_progress_bar(project):
    from builder.theme.reader import load_theme

    ticks = []
    result = build_network(
        read_config(project / "handout.yaml"),
        load_theme(project / "layouts" / "default"),
        project / "output",
        1,
        on_job=lambda done, total: ticks.append((done, total)),
    )
    assert ticks == [(n, len(ticks)) for n in range(1, len(ticks) + 1)]
    one_per_job = [
        p
        for v, p in result.written
        if p.suffix in (".pptx", ".pdf") or (p.name == "index.html" and v.material)
    ]
    assert len(ticks) == len(one_per_job), "a deck, a PDF, or a material's web pages (with their index)"


def test_check_without_sources_also_checks_the_clinics(project):
    data = yaml.safe_load((project / "sources" / "clinics.yaml").read_text(encoding="utf-8"))
    data["clinics"][1]["colours"]["primary"] = "F4F4F4"
    (project / "sources" / "clinics.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (project / "sources" / "south.png").unlink()
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "contrast ratio" in result.output and "logo 'south.png' does not exist" in result.output
    assert "nothing was written" not in result.output


def test_a_clinics_logo_is_on_its_brochure_cover(project):
    import pdfplumber

    result = run_network(project)
    south = next(p for v, p in result.written if v.clinic == "south" and p.name.endswith("-trifold-a4.pdf"))
    north = next(
        p for v, p in result.written if v.clinic == "north" and p.name.endswith("-trifold-letter.pdf")
    )
    with pdfplumber.open(south) as pdf:
        page = pdf.pages[0]
        assert page.images and all(image["x0"] > page.width * 2 / 3 for image in page.images), (
            "on the cover panel"
        )
    with pdfplumber.open(north) as pdf:
        assert not pdf.pages[0].images


def test_a_theme_without_a_report_template_gets_the_default_one(project):
    shutil.copytree(project / "layouts" / "default", project / "layouts" / "plain")
    (project / "layouts" / "plain" / "report.html").unlink()
    outcome = CliRunner().invoke(main, ["build", "--theme", "plain", "--no-thumbnails"])
    assert outcome.exit_code == 0, outcome.output
    assert "north" in (project / "output" / "index.html").read_text(encoding="utf-8")


def test_a_broken_report_template_fails_at_its_line_after_every_output_is_written(project):
    import subprocess
    import sys

    shutil.copytree(project / "layouts" / "default", project / "layouts" / "broken")
    (project / "layouts" / "broken" / "report.html").write_text("<p>\n{{ built }}\n{% for x in %}\n")
    # A first build renders for sure, so the entry point starts its renderer processes and
    # the template is compiled early: its problem must not cost the outputs.
    done = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--theme", "broken"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "layouts/broken/report.html:3" in done.stderr and "report template" in done.stderr
    assert len(list((project / "output").rglob("*.pdf"))) > 0
    failures = json.loads((project / "output" / "build.json").read_text(encoding="utf-8"))["failures"]
    assert [f["location"].split(":")[:2] for f in failures] == [["layouts/broken/report.html", "3"]]


def test_an_output_the_system_refuses_is_an_error_at_its_path_not_a_traceback(project):
    (project / "output").mkdir()
    (project / "output" / "north").write_text("a file where a clinic's folder goes")
    outcome = CliRunner().invoke(main, ["build", "--no-thumbnails", "-j", "1"])
    assert outcome.exit_code == 1
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exception
    assert "output/north" in outcome.output and "error:" in outcome.output


def test_the_dask_recipe_in_docs_batch_builds_the_same_bytes_as_one_process(project):
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    from builder.theme.reader import load_theme

    serial = run_network(project, "serial")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = build_network(
            read_config(project / "handout.yaml"),
            load_theme(project / "layouts" / "default"),
            project / "dask",
            executor=client.get_executor(),
        )
    assert on_dask.ok and len(on_dask.written) == len(serial.written) > 0
    for (_v, ours), (_w, theirs) in zip(on_dask.written, serial.written):
        assert ours.relative_to(project / "dask") == theirs.relative_to(project / "serial")
        assert ours.read_bytes() == theirs.read_bytes(), ours.name


def clinic_project(project, clinics: dict) -> None:
    """The project's English material with an educator variable, for the given clinics."""
    source = minimal_source()
    source["variables"]["educator"] = {"name": "the clinic nurse"}
    source["call_to_action"]["contact"].append("Ask for {{ educator.name }}")
    write_source(project / "sources", source)
    (project / "sources" / "tiny.es.yaml").unlink(missing_ok=True)
    (project / "sources" / "clinics.yaml").write_text(
        yaml.safe_dump(clinics, sort_keys=False), encoding="utf-8"
    )


def test_a_clinic_may_carry_variables_that_override_the_materials_defaults(project):
    from pypdf import PdfReader

    clinic_project(
        project,
        {
            "clinics": [
                {
                    "id": "north",
                    "name": "North Clinic",
                    "languages": ["en-US"],
                    "variables": {"educator": {"name": "Dana Ruiz"}},
                },
                {"id": "south", "name": "South Clinic", "languages": ["en-US"]},
            ]
        },
    )
    result = run_network(project)
    assert result.ok, result.failures
    text = {
        v.clinic: " ".join(page.extract_text() for page in PdfReader(p).pages)
        for v, p in result.written
        if p.suffix == ".pdf"
    }
    assert "Ask for Dana Ruiz" in text["north"] and "Dana Ruiz" not in text["south"]
    assert "Ask for the clinic nurse" in text["south"]


def test_changing_a_clinics_variables_rebuilds_only_that_clinic(project):
    def clinics(name):
        return {
            "clinics": [
                {
                    "id": "north",
                    "name": "North Clinic",
                    "languages": ["en-US"],
                    "variables": {"educator": {"name": name}},
                },
                {"id": "south", "name": "South Clinic", "languages": ["en-US"]},
            ]
        }

    clinic_project(project, clinics("Dana Ruiz"))
    run_network(project)
    clinic_project(project, clinics("Sam Lee"))
    again = run_network(project)
    assert {v.clinic for v, _p in again.written} == {"north"}
    assert {v.clinic for v, _p in again.unchanged} == {"south"}


@pytest.mark.parametrize(
    "variables, message",
    [
        ({"clinic": {"phone": "1"}}, "cannot set 'clinic'"),
        ({"bad-name": "x"}, "must be letters, digits and underscores"),
        ({"staff": ["a", "b"]}, "variables.staff must be a text or a mapping, not a list"),
        ("just text", "variables must be a mapping"),
    ],
    ids=["clinic", "bad-name", "a-list", "not-a-mapping"],
)
def test_bad_clinic_variables_are_errors_at_their_line(project, variables, message):
    clinic_project(
        project,
        {"clinics": [{"id": "north", "name": "North", "languages": ["en-US"], "variables": variables}]},
    )
    outcome = CliRunner().invoke(main, ["check"])
    assert outcome.exit_code == 1
    assert "sources/clinics.yaml:" in outcome.output and message in outcome.output


def test_a_british_clinics_brochure_writes_dates_day_first(project):
    from pypdf import PdfReader

    result = run_network(project)
    text = {
        (v.clinic, v.language): " ".join(page.extract_text() for page in PdfReader(p).pages).replace(
            "\n", " "
        )
        for v, p in result.written
        if p.suffix == ".pdf"
    }
    assert "1 January 2027" in text[("south", "en-GB")] and "January 1, 2027" not in text[("south", "en-GB")]
    assert "January 1, 2027" in text[("north", "en-US")]


def test_a_job_that_keeps_failing_is_the_only_one_a_no_change_rebuild_renders(project):
    source = minimal_source()
    source["sections"][0]["blocks"].append({"image": {"path": "small.png", "alt": "A small picture"}})
    write_source(project / "sources", source)
    (project / "sources" / "small.png").write_bytes(png_bytes(40, 30))  # far under 300 ppi in print
    (project / "sources" / "tiny.es.yaml").unlink()
    (project / "sources" / "clinics.yaml").write_text(
        yaml.safe_dump({"clinics": [CLINICS["clinics"][0] | {"languages": ["en-US"]}]}), encoding="utf-8"
    )
    (project / "handout.yaml").write_text("sources: sources\nprint: [office, press]\n", encoding="utf-8")
    first = run_network(project)
    assert [p.message for _v, p in first.failures if "pixels per inch" in p.message], first.failures
    office = sorted(p.name for _v, p in first.written)
    assert any(name.endswith(".pptx") for name in office) and any(
        "-press" not in n and n.endswith(".pdf") for n in office
    )
    again = run_network(project)
    assert again.written == [], "files that built last time were built again"
    assert sorted(p.name for _v, p in again.unchanged) == office
    assert [p.message for _v, p in again.failures] == [p.message for _v, p in first.failures]


def test_a_fact_sheet_masthead_grows_to_hold_a_clinics_logo(project):
    (project / "sources" / "south.png").write_bytes(png_bytes(300, 200))  # a tall logo
    (project / "handout.yaml").write_text(
        "sources: sources\nclinics: [south]\noutputs: [pdf]\nbrochures: [factsheet]\n", encoding="utf-8"
    )
    result = run_network(project)
    assert result.ok, [str(p) for _v, p in result.failures]
    (path,) = [p for _v, p in result.written]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        (logo,) = page.images
        title = next(w for w in page.extract_words() if w["text"] == "A")  # "A tiny material"
        first_flow = min(w["top"] for w in page.extract_words() if w["top"] > logo["bottom"] + 80)
    assert logo["bottom"] < title["top"], "the title overlaps the logo"
    assert first_flow > logo["bottom"]


def test_a_made_tint_is_lightened_until_its_primary_keeps_the_contrast(default_theme):
    from builder.batch.clinics import Clinic, colour_problems
    from builder.location import Location
    from builder.theme.types import contrast_ratio

    green = Clinic(
        "green", (), ("en-US",), None, None, (("primary", "2E7D32"),), Location("clinics.yaml", 3, 1)
    )
    assert colour_problems(green, default_theme).items == []
    assert contrast_ratio("2E7D32", green.themed(default_theme).colour("tint")) >= 4.5


def test_build_json_holds_each_variants_reading_scores_and_pre_scores_even_when_unchanged(project):
    run_network(project)
    scores = json.loads((project / "output" / "build.json").read_text())["scores"]
    assert set(scores) == {"north/en-US/tiny", "north/es-US/tiny", "south/en-GB/tiny"}
    assert "fk_grade" in scores["north/en-US/tiny"]["whole"]
    assert scores["north/en-US/tiny"]["prescores"][0]["condition"] == "Knee pain"
    run_network(project)  # nothing changed: nothing is read, the scores are kept
    assert json.loads((project / "output" / "build.json").read_text())["scores"] == scores


def test_the_report_shows_each_materials_reading_scores_and_pre_scores(project):
    from builder.theme.reader import load_theme

    build_network(
        read_config(project / "handout.yaml"),
        load_theme(project / "layouts" / "default"),
        project / "output",
        1,
        thumbnails=False,
    )
    html = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="scores"') == 3
    assert "tiny: reading Flesch-Kincaid grade" in html and "pre-scores Knee pain" in html


def test_a_translation_is_written_the_way_the_clinics_own_language_tag_writes_numbers(tmp_path, monkeypatch):
    from pptx import Presentation

    sources = tmp_path / "sources"
    sources.mkdir()
    source = minimal_source()
    source["variables"]["stats"] = {"visits": "12500"}
    source["sections"][0]["blocks"].append({"paragraph": "We see {{ stats.visits | number }} people a year."})
    english = write_source(sources, source)
    path, _counts = write_skeleton(english, "es-ES")  # a translation made in Spain
    translate_all(path)
    clinics = {"clinics": [{**CLINICS["clinics"][0], "languages": ["es-US"]}]}  # read in the U.S.
    (sources / "clinics.yaml").write_text(yaml.safe_dump(clinics, sort_keys=False), encoding="utf-8")
    (tmp_path / "handout.yaml").write_text("sources: sources\noutputs: [pptx]\n", encoding="utf-8")
    shutil.copytree(DEFAULT_THEME, tmp_path / "layouts" / "default")
    monkeypatch.chdir(tmp_path)
    result = run_network(tmp_path)
    assert result.ok, result.failures
    (deck,) = [p for _v, p in result.written if p.suffix == ".pptx"]
    text = " ".join(
        s.text_frame.text for sl in Presentation(deck).slides for s in sl.shapes if s.has_text_frame
    )
    assert "12,500" in text and "12.500" not in text, "U.S. Spanish groups thousands with a comma"


def test_each_clinic_and_language_has_an_index_whose_links_open_its_pages(project):
    import re

    run_network(project)
    out = project / "output"
    for folder in ("north/en-US", "north/es-US", "south/en-GB"):
        html = (out / folder / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"#]+)">', html)
        assert links == ["tiny/tiny-es-knees.html" if "es" in folder else "tiny/tiny-knees.html"], folder
        assert all((out / folder / link).is_file() for link in links)
    assert '<html lang="es-US">' in (out / "north/es-US/index.html").read_text(encoding="utf-8")
    again = run_network(project)
    assert not again.written and {p.name for _v, p in again.unchanged} >= {"index.html"}, "a no-op keeps them"


def test_the_report_names_each_format_and_lists_no_page_pictures(project):
    from builder.batch.report import write_report
    from builder.theme.reader import load_theme

    result = run_network(project)
    page = write_report(
        result, project / "output", load_theme(project / "layouts" / "default"), thumbnails=False
    )
    html = page.read_text(encoding="utf-8")
    for kind in ("deck", "brochure", "web page", "accessible PDF (PDF/UA)", "web pages&#39; index"):
        assert f"<td>{kind}</td>" in html, kind
    assert "/images/" not in html
