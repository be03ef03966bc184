"""Reading a source into the content model, and reporting every mistake at its file:line:col."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml

from builder.errors import Problem, SourceError
from builder.model import Audience, Image, Location, Paragraph, Point
from builder.source.reader import read_material
from builder.source.yamlpos import display_path

from .helpers import png_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "msc-chronic-pain.yaml"
SAMPLE_SHOWN = "sources/msc-chronic-pain.yaml"


# -- helpers --------------------------------------------------------------------------------


def minimal_source() -> dict:
    """The smallest source that reads cleanly; tests copy it and break one thing."""
    return {
        "material": {
            "id": "knee",
            "title": "Knee injections",
            "audience": "Adults with knee pain",
            "language": "en-US",
            "version": "1.0",
            "author": "Patient education team",
            "organisation": "{{ clinic.name }}",
            "reviewed": "2026-11-01",
            "review_by": "2027-11-01",
        },
        "variables": {"clinic": {"name": "Example Clinic", "phone": "555-0100"}},
        "sections": [
            {
                "id": "about",
                "title": "About knee injections",
                "blocks": [{"paragraph": "Call **{{ clinic.name }}** first.", "cite": "cdc"}],
            },
            {"insert": "conditions"},
            {"id": "next", "title": "What next", "blocks": [{"paragraph": "Ask questions."}]},
        ],
        "conditions": [
            {
                "id": "knee-oa",
                "name": "Knee osteoarthritis",
                "main_message": "Exercise helps most people.",
                "sections": [
                    {
                        "id": "knee-oa-what",
                        "title": "What is it?",
                        "blocks": [{"paragraph": "The cartilage *wears thin*."}],
                    }
                ],
            }
        ],
        "call_to_action": {
            "title": "Ask us",
            "text": "Talk it through with us.",
            "contact": ["Phone: {{ clinic.phone }}"],
        },
        "references": [
            {
                "id": "cdc",
                "citation": "CDC. Chronic pain among adults. 2023.",
                "url": "https://www.cdc.gov/mmwr/volumes/72/wr/mm7215a1.htm",
                "accessed": "2026-11-01",
            }
        ],
    }


def write_source(folder: Path, data: dict, name: str = "source.yaml") -> tuple[Path, str]:
    """Dump `data` as YAML into `folder`; the path and the text written."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path, text


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column where `needle` (or the quote just before it) starts."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    if index > 0 and text[index - 1] in "'\"":
        index -= 1
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def value_at(text: str, key_and_value: str, occurrence: int = 1) -> tuple[int, int]:
    """Where the value of a `key: value` line starts (its quote, when it is quoted)."""
    line, col = position(text, key_and_value, occurrence)
    return line, col + key_and_value.index(": ") + 2


def problems_in(path: Path) -> list[Problem]:
    with pytest.raises(SourceError) as info:
        read_material(path)
    return info.value.problems


def only_problem(path: Path) -> Problem:
    problems = problems_in(path)
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    return problems[0]


def at(path: Path, line: int, col: int) -> str:
    return f"{display_path(path)}:{line}:{col}"


def tiny_png() -> bytes:
    """A valid 1x1 PNG."""
    return png_bytes()


def with_block(block: dict) -> dict:
    """The minimal source with `block` added to the first shared section."""
    data = minimal_source()
    data["sections"][0]["blocks"].append(block)
    return data


# -- the bundled sample -------------------------------------------------------------------------


@pytest.fixture
def sample(monkeypatch):
    monkeypatch.chdir(ROOT)
    return read_material(SAMPLE)


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_the_sample_has_three_conditions_in_order(sample):
    assert [c.id for c in sample.conditions] == [
        "osteoarthritis",
        "chronic-back-pain",
        "tendon-ligament-pain",
    ]


def test_the_sample_metadata_is_read_as_written(sample):
    assert sample.meta.id == "msc-chronic-pain"
    assert sample.meta.version == "1.0"
    assert sample.meta.language == "en-US"
    assert sample.meta.reviewed == dt.date(2026, 11, 1)
    assert sample.meta.review_by == dt.date(2027, 11, 1)
    assert "osteoarthritis" in sample.meta.keywords


def test_variables_are_filled_in_the_sample(sample):
    assert sample.meta.organisation.plain == "Riverside Pain and Spine Clinic"
    contact = [line.plain for line in sample.call_to_action.contact]
    assert contact[0] == "Riverside Pain and Spine Clinic"
    assert contact[1] == "Phone: (555) 010-2030"
    assert sample.variable("clinic.website") == "https://www.example.org/msc"


def test_every_object_of_the_sample_knows_its_file_and_line(sample):
    located = [sample.loc, sample.meta.loc, sample.call_to_action.loc]
    located += [r.loc for r in sample.references] + [g.loc for g in sample.glossary]
    sections = list(sample.sections)
    for condition in sample.conditions:
        located.append(condition.loc)
        located.append(condition.main_message.loc)
        sections += condition.sections
    for section in sections:
        located += [section.loc, section.title.loc]
        for block in section.blocks:
            located.append(block.loc)
    assert len(located) > 50
    for loc in located:
        assert loc.path == SAMPLE_SHOWN
        assert loc.line > 0 and loc.col > 0


def test_a_condition_points_at_the_line_where_it_is_written(sample, sample_text):
    for condition in sample.conditions:
        line, col = position(sample_text, f"- id: {condition.id}\n")
        assert condition.loc == Location(SAMPLE_SHOWN, line, col + 2)


def test_a_text_points_at_its_value(sample, sample_text):
    title = sample.meta.title
    assert title.plain == "Stem cell therapy for chronic pain"
    assert title.loc == Location(SAMPLE_SHOWN, *position(sample_text, "Stem cell therapy for chronic pain"))


def test_inline_markup_in_the_sample_becomes_styled_spans(sample):
    section = next(s for s in sample.sections if s.id == "what-are-mscs")
    point = section.blocks[1]
    assert isinstance(point, Point)
    first = point.handout.spans[0]
    assert first.text == "Mesenchymal stem cells (MSCs)"
    assert first.bold
    assert not point.handout.spans[1].bold


def test_the_insert_marker_puts_the_conditions_after_the_fourth_shared_section(sample):
    assert sample.conditions_at == 4
    assert [s.id for s in sample.sections_before_conditions] == [
        "key-points",
        "chronic-pain",
        "what-are-mscs",
        "how-it-works",
    ]
    assert [s.id for s in sample.sections_after_conditions] == [
        "evidence",
        "risks-alternatives",
        "questions",
    ]


def test_deck_only_blocks_and_citations_are_kept(sample):
    oa_msc = sample.condition("osteoarthritis").sections[1]
    last = next(block for block in oa_msc.blocks if isinstance(block, Paragraph) and block.cites)
    assert last.only is Audience.DECK
    assert last.cites == ("fda-regenerative",)
    assert last not in oa_msc.blocks_for(Audience.BROCHURE)


def test_a_glossary_entry_can_be_meant_for_the_deck_only(sample):
    deck_only = {entry.term.plain for entry in sample.glossary if entry.only is Audience.DECK}
    assert "Cartilage" in deck_only and "Clinical trial" not in deck_only
    brochure = {entry.term.plain for entry in sample.glossary_for(Audience.BROCHURE)}
    assert brochure == {entry.term.plain for entry in sample.glossary} - deck_only
    assert len(sample.glossary_for(Audience.DECK)) == len(sample.glossary)


def test_variables_given_by_the_caller_override_the_sources_own(monkeypatch):
    monkeypatch.chdir(ROOT)
    material = read_material(SAMPLE, variables={"clinic": {"name": "Hillside Clinic"}})
    assert material.meta.organisation.plain == "Hillside Clinic"
    assert material.variable("clinic.phone") == "(555) 010-2030"


# -- the minimal source --------------------------------------------------------------------------


def test_the_minimal_source_reads_cleanly(tmp_path):
    path, _ = write_source(tmp_path, minimal_source())
    material = read_material(path)
    assert material.meta.id == "knee"
    assert material.meta.organisation.plain == "Example Clinic"
    assert [c.id for c in material.conditions] == ["knee-oa"]
    assert material.conditions_at == 1
    paragraph = material.sections[0].blocks[0]
    assert [(s.text, s.bold) for s in paragraph.text.spans] == [
        ("Call ", False),
        ("Example Clinic", True),
        (" first.", False),
    ]
    assert paragraph.cites == ("cdc",)


def test_a_valid_png_image_is_read_with_its_absolute_path(tmp_path):
    (tmp_path / "knee.png").write_bytes(tiny_png())
    path, _ = write_source(tmp_path, with_block({"image": {"path": "knee.png", "alt": "A knee"}}))
    image = read_material(path).sections[0].blocks[-1]
    assert isinstance(image, Image)
    assert image.path == str((tmp_path / "knee.png").resolve())
    assert image.alt.plain == "A knee"


def test_a_decorative_image_needs_no_alt_text(tmp_path):
    (tmp_path / "knee.png").write_bytes(tiny_png())
    block = {"image": {"path": "knee.png", "decorative": "true"}}
    path, _ = write_source(tmp_path, with_block(block))
    image = read_material(path).sections[0].blocks[-1]
    assert image.decorative and image.alt is None


# -- one mistake at a time ------------------------------------------------------------------


def test_an_unknown_key_is_reported_with_a_suggestion(tmp_path):
    data = minimal_source()
    data["material"]["subtitel"] = "What it can do"
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "subtitel"))
    assert problem.message == "unknown key 'subtitel' in material (did you mean 'subtitle'?)"


def test_an_unknown_top_level_key_is_reported_with_a_suggestion(tmp_path):
    data = minimal_source()
    data["glosary"] = [{"term": "Cartilage", "definition": "Smooth tissue."}]
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "glosary"))
    assert "(did you mean 'glossary'?)" in problem.message


def test_a_list_where_a_mapping_belongs_is_reported(tmp_path):
    data = minimal_source()
    data["call_to_action"] = ["Ask us", "Talk it through with us."]
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "- Ask us"))
    assert problem.message == "call_to_action must be a mapping of keys, not a list"


def test_a_mapping_where_text_belongs_is_reported(tmp_path):
    data = minimal_source()
    data["material"]["title"] = {"text": "Knee injections"}
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "text: Knee injections"))
    assert problem.message == "title must be text, not a mapping"


def test_a_top_level_list_is_reported_at_the_start(tmp_path):
    path = tmp_path / "source.yaml"
    path.write_text("- material\n- sections\n", encoding="utf-8")
    problem = only_problem(path)
    assert str(problem.loc) == at(path, 1, 1)
    assert problem.message == "the source must be a mapping of keys, not a list"


def test_a_missing_required_field_is_reported_at_its_mapping(tmp_path):
    data = minimal_source()
    del data["material"]["author"]
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "id: knee\n"))
    assert problem.message == "material is missing required key 'author'"


def test_a_missing_top_level_section_is_reported(tmp_path):
    data = minimal_source()
    del data["call_to_action"]
    path, _ = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, 1, 1)
    assert problem.message == "the source is missing required key 'call_to_action'"


def test_a_required_field_written_as_null_is_reported_as_missing(tmp_path):
    data = minimal_source()
    data["material"]["title"] = None
    path, _ = write_source(tmp_path, data)
    assert "material is missing required key 'title'" in only_problem(path).message


def test_an_undefined_variable_is_reported_by_its_dotted_name_with_a_suggestion(tmp_path):
    data = minimal_source()
    data["sections"][0]["blocks"][0]["paragraph"] = "Phone {{ clinic.phon }} today."
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "Phone {{"))
    assert problem.message == "undefined variable 'clinic.phon' (did you mean 'clinic.phone'?)"


def test_unsafe_markup_in_a_text_is_reported_where_the_text_is(tmp_path):
    data = minimal_source()
    data["conditions"][0]["main_message"] = "See [this](javascript:alert(1)) now."
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "See [this]"))
    assert "must start with https://" in problem.message


def test_an_image_that_does_not_exist_is_reported(tmp_path):
    path, text = write_source(tmp_path, with_block({"image": {"path": "missing.png", "alt": "A knee"}}))
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "missing.png"))
    assert problem.message == "image 'missing.png' does not exist"


@pytest.mark.parametrize("escape", ["../outside.png", "pictures/../../outside.png", "ABSOLUTE"])
def test_an_image_path_leaving_the_source_folder_is_reported(tmp_path, escape):
    outside = tmp_path / "outside.png"
    outside.write_bytes(tiny_png())
    (tmp_path / "src" / "pictures").mkdir(parents=True)
    relative = str(outside) if escape == "ABSOLUTE" else escape
    block = {"image": {"path": relative, "alt": "A knee"}}
    path, text = write_source(tmp_path / "src", with_block(block))
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, relative))
    assert "leaves the source's folder" in problem.message


def test_an_image_without_alt_text_is_reported(tmp_path):
    (tmp_path / "knee.png").write_bytes(tiny_png())
    path, text = write_source(tmp_path, with_block({"image": {"path": "knee.png"}}))
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "path: knee.png"))
    assert problem.message.startswith("image needs alt text")


@pytest.mark.parametrize("content", [b"GIF89a\x01\x00\x01\x00", b"<svg></svg>", b"not an image", b""])
def test_an_image_that_is_not_png_or_jpeg_is_reported(tmp_path, content):
    (tmp_path / "knee.png").write_bytes(content)
    path, text = write_source(tmp_path, with_block({"image": {"path": "knee.png", "alt": "A knee"}}))
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "knee.png"))
    assert problem.message == "image 'knee.png' is not a PNG or JPEG file"


@pytest.mark.parametrize(
    "bad_id", ["../x", "Osteo Arthritis", "con", "lpt1", "-knee", "knee-", "knee_oa", "k" * 65]
)
def test_a_condition_id_that_is_not_a_safe_file_name_is_reported(tmp_path, bad_id):
    data = minimal_source()
    data["conditions"][0]["id"] = bad_id
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *value_at(text, f"id: {bad_id}"))
    assert problem.message.startswith(f"condition id {bad_id!r} is not a safe id")


def test_duplicate_shared_section_ids_are_reported_with_the_first_line(tmp_path):
    data = minimal_source()
    data["sections"][2]["id"] = "about"
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    first_line, _ = position(text, "- id: about")
    assert str(problem.loc) == at(path, *value_at(text, "id: about", occurrence=2))
    assert problem.message == f"section id 'about' is used twice (first at line {first_line})"


def test_duplicate_section_ids_in_two_conditions_are_reported(tmp_path):
    data = minimal_source()
    second = copy.deepcopy(data["conditions"][0])
    second["id"] = "hip-oa"
    data["conditions"].append(second)
    path, _ = write_source(tmp_path, data)
    assert "section id 'knee-oa-what' is used twice" in only_problem(path).message


def test_duplicate_condition_ids_are_reported(tmp_path):
    data = minimal_source()
    second = copy.deepcopy(data["conditions"][0])
    second["sections"][0]["id"] = "knee-oa-more"
    data["conditions"].append(second)
    path, _ = write_source(tmp_path, data)
    assert "condition id 'knee-oa' is used twice" in only_problem(path).message


def test_a_condition_section_reusing_a_shared_section_id_is_reported(tmp_path):
    data = minimal_source()
    data["conditions"][0]["sections"][0]["id"] = "about"
    path, _ = write_source(tmp_path, data)
    assert "section id 'about' is used twice" in only_problem(path).message


def test_a_cite_of_an_unknown_reference_is_reported_with_a_suggestion(tmp_path):
    data = minimal_source()
    data["sections"][0]["blocks"][0]["cite"] = "cdd"
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *value_at(text, "cite: cdd"))
    assert problem.message == "cites unknown reference 'cdd' (did you mean 'cdc'?)"


@pytest.mark.parametrize("review_by", ["2026-10-31", "2026-11-01"])
def test_review_by_on_or_before_reviewed_is_reported(tmp_path, review_by):
    data = minimal_source()
    data["material"]["review_by"] = review_by
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *value_at(text, "review_by: "))
    assert problem.message == "review_by must come after the reviewed date"


@pytest.mark.parametrize("written", ["01/11/2026", "2026-13-01", "2026-2-1", "November 2026"])
def test_a_badly_written_date_is_reported(tmp_path, written):
    data = minimal_source()
    data["material"]["reviewed"] = written
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, written))
    assert problem.message == f"reviewed must be a date written YYYY-MM-DD, not {written!r}"


def test_a_bad_only_value_is_reported_with_a_suggestion(tmp_path):
    data = minimal_source()
    data["sections"][0]["blocks"][0]["only"] = "dek"
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *value_at(text, "only: dek"))
    assert problem.message == "only must be 'deck' or 'brochure', not 'dek' (did you mean 'deck'?)"


def test_a_block_with_two_type_keys_is_reported(tmp_path):
    path, text = write_source(tmp_path, with_block({"paragraph": "One.", "callout": "Two."}))
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "paragraph: One."))
    assert problem.message == "a block has one type key, not 2: paragraph, callout"


def test_a_block_with_no_type_key_is_reported(tmp_path):
    path, text = write_source(tmp_path, with_block({"only": "deck"}))
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *position(text, "only: deck"))
    assert problem.message.startswith("a block needs one type key: paragraph, bullets")


def test_a_bad_only_value_on_a_glossary_entry_is_reported_where_it_is_written(tmp_path):
    data = minimal_source()
    data["glossary"] = [{"term": "Cartilage", "definition": "Smooth tissue in a joint.", "only": "brochur"}]
    path, text = write_source(tmp_path, data)
    problem = only_problem(path)
    assert str(problem.loc) == at(path, *value_at(text, "only: brochur"))
    assert problem.message == "only must be 'deck' or 'brochure', not 'brochur' (did you mean 'brochure'?)"


def test_a_misspelt_type_key_is_reported_as_unknown_and_as_missing(tmp_path):
    path, text = write_source(tmp_path, with_block({"paragrph": "One."}))
    messages = [p.message for p in problems_in(path)]
    assert messages == [
        "a block needs one type key: paragraph, bullets, point, key_figure, callout, steps,"
        " questions, image, comparison, status, table, break",
        "unknown key 'paragrph' in a block (did you mean 'paragraph'?)",
    ]


# -- all at once ----------------------------------------------------------------------------


def test_every_problem_in_a_file_is_reported_together_in_line_order(tmp_path):
    data = minimal_source()
    data["material"]["subtitel"] = "What it can do"
    data["material"]["reviewed"] = "01/11/2026"
    data["conditions"][0]["main_message"] = "Call {{ clinic.phon }}."
    path, text = write_source(tmp_path, data)
    problems = problems_in(path)
    assert [str(p.loc) for p in problems] == [
        at(path, *position(text, "01/11/2026")),
        at(path, *position(text, "subtitel")),
        at(path, *position(text, "Call {{")),
    ]
    assert [p.message.split(" ")[0:2] for p in problems] == [
        ["reviewed", "must"],
        ["unknown", "key"],
        ["undefined", "variable"],
    ]


def test_a_control_character_in_a_text_is_reported(tmp_path):
    source = minimal_source()
    source["sections"][0]["blocks"] = [{"paragraph": "Bell \x07 here."}]
    path, _text = write_source(tmp_path, source)
    with pytest.raises(SourceError, match="control character U\\+0007"):
        read_material(path)


def test_an_unknown_paper_size_for_the_clinic_is_reported(tmp_path):
    source = minimal_source()
    source["variables"]["clinic"]["paper"] = "leter"
    path, _text = write_source(tmp_path, source)
    with pytest.raises(
        SourceError, match="clinic.paper must be letter or a4, not 'leter' \\(did you mean 'letter'\\?\\)"
    ):
        read_material(path)


def test_no_break_spaces_survive_while_line_breaks_fold(tmp_path):
    source = minimal_source()
    source["sections"][0]["blocks"] = [{"paragraph": "More than 1\u00a0in\u00a05\n  adults."}]
    path, _text = write_source(tmp_path, source)
    material = read_material(path)
    assert material.sections[0].blocks[0].text.plain == "More than 1\u00a0in\u00a05 adults."


@pytest.mark.parametrize("words", ["مرحبا بكم", "שלום לכולם"], ids=["arabic", "hebrew"])
def test_right_to_left_text_is_refused_at_its_line_rather_than_printed_backwards(tmp_path, words):
    source = minimal_source()
    source["sections"][0]["blocks"] = [{"paragraph": "Fine."}, {"paragraph": f"Welcome: {words}"}]
    path, text = write_source(tmp_path, source)
    with pytest.raises(SourceError) as raised:
        read_material(path)
    (problem,) = raised.value.problems
    assert problem.loc.line == next(n for n, line in enumerate(text.splitlines(), 1) if words in line)
    assert "right-to-left" in problem.message


def test_vietnamese_and_a_byte_order_mark_are_read_as_text(tmp_path):
    source = minimal_source()
    source["sections"][0]["blocks"] = [{"paragraph": "Tiếng Việt có dấu.\ufeff"}]
    path, _text = write_source(tmp_path, source)
    assert "Tiếng Việt" in read_material(path).sections[0].blocks[0].text.plain


def test_a_table_is_read_with_its_header_rows_and_each_rows_line(tmp_path):
    table = {
        "title": "Choices",
        "header": ["Choice", "Evidence"],
        "rows": [["Exercise", "Strong"], ["MSC", "Weak"]],
    }
    path, text = write_source(tmp_path, with_block({"table": table}))
    block = read_material(path).sections[0].blocks[-1]
    assert [cell.plain for cell in block.header] == ["Choice", "Evidence"]
    assert [[cell.plain for cell in row] for row in block.rows] == [["Exercise", "Strong"], ["MSC", "Weak"]]
    assert block.title.plain == "Choices"
    assert block.row_locs[1].line == position(text, "- MSC")[0]


def test_a_table_row_with_the_wrong_number_of_cells_is_an_error_at_the_row(tmp_path):
    table = {"header": ["Choice", "Evidence"], "rows": [["Exercise", "Strong"], ["MSC"]]}
    path, text = write_source(tmp_path, with_block({"table": table}))
    problem = only_problem(path)
    assert problem.message == "this row has 1 cells, but the header has 2 columns"
    assert problem.loc.line == position(text, "- MSC")[0]


@pytest.mark.parametrize("header", [["Only"], ["a", "b", "c", "d", "e", "f", "g"]])
def test_a_table_has_two_to_six_columns(tmp_path, header):
    path, _text = write_source(tmp_path, with_block({"table": {"header": header, "rows": [list(header)]}}))
    assert f"a table has 2 to 6 columns, not {len(header)}" in only_problem(path).message


def test_a_break_goes_to_a_column_or_a_page_and_anything_else_is_an_error(tmp_path):
    path, _text = write_source(tmp_path, with_block({"break": "colum"}))
    assert (
        only_problem(path).message == "break must be 'column' or 'page', not 'colum' (did you mean 'column'?)"
    )
    path, _text = write_source(tmp_path, with_block({"break": "page"}))
    assert read_material(path).sections[0].blocks[-1].to == "page"


def test_a_picture_file_cut_short_is_an_error_at_its_line(tmp_path):
    (tmp_path / "cut.png").write_bytes(png_bytes(40, 40)[:-20])
    path, text = write_source(tmp_path, with_block({"image": {"path": "cut.png", "alt": "A picture"}}))
    problem = only_problem(path)
    assert problem.message == "image 'cut.png' is cut short (its PNG data has no end); save it again"
    assert problem.loc.line == position(text, "path: cut.png")[0]
