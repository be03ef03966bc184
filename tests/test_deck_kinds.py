"""plan_deck per slide kind, on the frames of a wide and a 4:3 template (no files written)."""

from __future__ import annotations

import pytest

from builder.errors import SourceError
from builder.render.deck.plan import Frame, plan_deck
from builder.theme.types import SLIDE_KINDS

from .helpers import FixedWidthMeasure, material_from, minimal_source, png_bytes


def frames(width: float, height: float) -> dict:
    """Frames shaped like a template of the given slide size, in points."""
    body = Frame(width - 72, height - 170)
    half = Frame(body.width / 2 - 10, body.height)
    made = {kind: {"title": Frame(width - 72, 80), "body": body} for kind in SLIDE_KINDS}
    made["key_figure"] = {"title": Frame(width - 72, 80), "figure": half, "body": half}
    made["comparison"] = {
        "title": Frame(width - 72, 80),
        "left_heading": Frame(half.width, 50),
        "left": Frame(half.width, body.height - 60),
        "right_heading": Frame(half.width, 50),
        "right": Frame(half.width, body.height - 60),
    }
    made["image"] = {
        "title": Frame(width * 0.6, 45),
        "picture": Frame(width * 0.6, height * 0.55),
        "caption": Frame(width * 0.6, 60),
    }
    return made


FRAME_SETS = {"wide": frames(960, 540), "four-by-three": frames(720, 540)}


@pytest.fixture(params=list(FRAME_SETS))
def frame_set(request):
    return FRAME_SETS[request.param]


def plan_with(tmp_path, theme, frame_set, blocks, **section):
    source = minimal_source()
    source["sections"][0]["blocks"] = blocks
    source["sections"][0].update(section)
    material = material_from(tmp_path, source)
    return plan_deck(material, theme, frame_set, FixedWidthMeasure())


def kinds_of(slides, title_start="Introduction"):
    return [
        (s.kind, s.title)
        for s in slides
        if s.kind not in ("title", "agenda", "section", "references", "closing")
    ]


def test_text_blocks_make_one_bullets_slide(tmp_path, default_theme, frame_set):
    slides = plan_with(
        tmp_path, default_theme, frame_set, [{"paragraph": "One."}, {"bullets": ["Two.", "Three."]}]
    )
    intro = next(s for s in slides if s.title == "Introduction")
    assert intro.kind == "bullets"
    assert [line.plain for line in intro.body] == ["One.", "Two.", "Three."]


def test_a_comparison_fills_both_columns_with_their_headings(tmp_path, default_theme, frame_set):
    blocks = [
        {
            "comparison": {
                "left": {"heading": "Known", "items": ["A", "B"]},
                "right": {"heading": "Unknown", "items": ["C"]},
            }
        }
    ]
    slide = next(s for s in plan_with(tmp_path, default_theme, frame_set, blocks) if s.kind == "comparison")
    assert slide.title == "Introduction"
    assert [l.plain for l in slide.box("left_heading")] == ["Known"]
    assert [l.plain for l in slide.box("left")] == ["A", "B"]
    assert [l.plain for l in slide.box("right")] == ["C"]


def test_a_comparison_too_long_for_its_column_is_an_error_at_its_line(tmp_path, default_theme, frame_set):
    blocks = [
        {
            "comparison": {
                "left": {"heading": "Known", "items": [f"Item {n} " * 6 for n in range(40)]},
                "right": {"heading": "Unknown", "items": ["C"]},
            }
        }
    ]
    with pytest.raises(SourceError, match="does not fit the left"):
        plan_with(tmp_path, default_theme, frame_set, blocks)


def test_an_image_gets_a_picture_slide_titled_by_its_caption_said_once(tmp_path, default_theme, frame_set):
    (tmp_path / "knee.png").write_bytes(png_bytes(4, 3))
    blocks = [
        {"paragraph": "Before the picture."},
        {"image": {"path": "knee.png", "alt": "A drawing of a knee joint", "caption": "The knee joint"}},
    ]
    slides = plan_with(tmp_path, default_theme, frame_set, blocks)
    picture = next(s for s in slides if s.kind == "image")
    assert picture.title == "The knee joint"
    assert picture.picture.alt == "A drawing of a knee joint"
    assert not picture.picture.decorative
    assert [l.plain for l in picture.box("caption")] == [], "the caption is the title: not said twice"
    assert "A drawing of a knee joint" in picture.notes


def test_an_image_with_a_title_keeps_its_caption_as_the_caption(tmp_path, default_theme, frame_set):
    (tmp_path / "knee.png").write_bytes(png_bytes(4, 3))
    image = {
        "path": "knee.png",
        "alt": "A knee",
        "title": "Inside the knee",
        "caption": "Cartilage covers the bones.",
    }
    slides = plan_with(tmp_path, default_theme, frame_set, [{"paragraph": "First."}, {"image": image}])
    picture = next(s for s in slides if s.kind == "image")
    assert picture.title == "Inside the knee"
    assert [l.plain for l in picture.box("caption")] == ["Cartilage covers the bones."]


def test_a_cited_caption_that_is_the_title_still_shows_its_citation(tmp_path, default_theme, frame_set):
    (tmp_path / "knee.png").write_bytes(png_bytes(4, 3))
    image = {"image": {"path": "knee.png", "alt": "A knee", "caption": "The knee joint"}, "cite": "ref"}
    slides = plan_with(tmp_path, default_theme, frame_set, [{"paragraph": "First."}, image])
    picture = next(s for s in slides if s.kind == "image")
    assert [l.plain for l in picture.box("caption")] == ["The knee joint [1]"]


def test_a_decorative_image_has_no_alt_text(tmp_path, default_theme, frame_set):
    (tmp_path / "swirl.png").write_bytes(png_bytes())
    blocks = [{"image": {"path": "swirl.png", "decorative": True}}]
    picture = next(s for s in plan_with(tmp_path, default_theme, frame_set, blocks) if s.kind == "image")
    assert picture.picture.decorative and picture.picture.alt == ""


def test_a_callout_gets_its_own_slide_titled_by_the_callout(tmp_path, default_theme, frame_set):
    blocks = [
        {"paragraph": "Text first."},
        {"callout": {"title": "Take care", "text": "Ask before you pay."}},
    ]
    slides = plan_with(tmp_path, default_theme, frame_set, blocks)
    assert ("bullets", "Introduction") in kinds_of(slides)
    callout = next(s for s in slides if s.kind == "callout")
    assert callout.title == "Take care" and callout.body[0].style == "quote"


def test_a_status_block_shows_its_date(tmp_path, default_theme, frame_set):
    blocks = [{"status": {"text": "Still being studied.", "as_of": "2026-11-01"}}]
    status = next(s for s in plan_with(tmp_path, default_theme, frame_set, blocks) if s.kind == "status")
    assert status.title == "Introduction"
    assert "Status as of November 1, 2026." in [line.plain for line in status.body]


def test_steps_become_shapes_with_one_size_when_their_words_fit(tmp_path, default_theme, frame_set):
    blocks = [
        {
            "steps": [
                {"title": "Collect", "text": "Cells are taken."},
                {"title": "Inject", "text": "Cells go in."},
            ]
        }
    ]
    steps = next(s for s in plan_with(tmp_path, default_theme, frame_set, blocks) if s.kind == "steps")
    assert [s.number for s in steps.steps] == [1, 2]
    assert len({s.size for s in steps.steps}) == 1
    assert steps.steps[0].size >= default_theme.deck.min_body_size


def test_steps_with_too_many_words_for_shapes_become_numbered_lines(tmp_path, default_theme, frame_set):
    long = "These words go on and on " * 12
    blocks = [{"steps": [{"title": "Collect", "text": long}, {"title": "Inject", "text": "Short."}]}]
    steps = next(
        s for s in plan_with(tmp_path, default_theme, frame_set, blocks) if s.kind.startswith("steps")
    )
    assert not steps.steps
    assert [line.style for line in steps.body] == ["number", "number"]


def test_a_titled_checklist_after_a_long_text_gets_its_own_questions_slide(tmp_path, default_theme, frame_set):
    text = [{"paragraph": f"Point {n} of what to think about before you come to the clinic."} for n in range(4)]
    blocks = [*text, {"questions": {"title": "Ask these", "items": ["Why?", "How?"]}}]
    slides = plan_with(tmp_path, default_theme, frame_set, blocks)
    questions = next(s for s in slides if s.kind == "questions")
    assert questions.title == "Ask these"
    assert [line.style for line in questions.body] == ["check", "check"]
    assert [s.kind for s in slides if s.title == "Introduction"] == ["bullets"]


def test_a_short_text_before_a_titled_checklist_opens_its_slide_as_the_lead(tmp_path, default_theme, frame_set):
    blocks = [{"paragraph": "Write them down."}, {"questions": {"title": "Ask these", "items": ["Why?", "How?"]}}]
    slides = plan_with(tmp_path, default_theme, frame_set, blocks)
    ours = [s for s in slides if s.title.startswith("Introduction")]
    assert [(s.kind, s.title) for s in ours] == [("questions", "Introduction: Ask these")], "no thin slide"
    assert [(line.style, line.plain) for line in ours[0].body] == [
        ("plain", "Write them down."),
        ("check", "Why?"),
        ("check", "How?"),
    ]


def test_a_layout_hint_puts_the_hinted_kind_first(tmp_path, default_theme, frame_set):
    blocks = [{"paragraph": "Intro."}, {"callout": {"title": "Take care", "text": "Ask first."}}]
    slides = plan_with(tmp_path, default_theme, frame_set, blocks, layout="callout")
    ours = [s for s in slides if s.title.startswith("Introduction")]
    assert ours[0].kind == "callout" and ours[0].title == "Introduction: Take care", (
        "the callout's title is said"
    )
    assert ours[1].title == "Introduction (continued)"


def test_a_bullets_hint_keeps_the_whole_section_on_text_slides(tmp_path, default_theme, frame_set):
    blocks = [{"key_figure": {"value": "1 in 5", "label": "adults"}}, {"paragraph": "Intro."}]
    slides = plan_with(tmp_path, default_theme, frame_set, blocks, layout="bullets")
    intro = next(s for s in slides if s.title == "Introduction")
    assert intro.kind == "bullets"
    assert [line.plain for line in intro.body] == ["1 in 5 adults", "Intro."]


def test_a_layout_hint_that_the_blocks_cannot_fill_is_an_error(tmp_path, default_theme, frame_set):
    with pytest.raises(SourceError, match="layout 'comparison' needs a comparison block"):
        plan_with(tmp_path, default_theme, frame_set, [{"paragraph": "Intro."}], layout="comparison")


def test_an_unknown_layout_hint_is_an_error_with_a_suggestion(tmp_path, default_theme, frame_set):
    with pytest.raises(SourceError, match="did you mean 'callout'"):
        plan_with(tmp_path, default_theme, frame_set, [{"paragraph": "Intro."}], layout="calout")


def test_long_titles_shrink_towards_the_minimum_title_size(tmp_path, default_theme, frame_set):
    source_title = "A rather long section title that needs more than one line on a slide"
    slides = plan_with(tmp_path, default_theme, frame_set, [{"paragraph": "One."}], title=source_title)
    slide = next(s for s in slides if s.title == source_title)
    assert default_theme.deck.min_title_size <= slide.title_size <= default_theme.deck.title_size


def test_content_slides_carry_a_footer_and_display_slides_do_not(tmp_path, default_theme, frame_set):
    slides = plan_with(tmp_path, default_theme, frame_set, [{"paragraph": "One."}])
    assert {s.kind for s in slides if not s.has_footer} == {"title", "section", "closing"}


def test_numbered_steps_that_go_on_to_another_slide_keep_counting(tmp_path, default_theme, frame_set):
    long = "These words go on and on " * 12
    blocks = [{"steps": [{"title": f"Step {n}", "text": long} for n in range(1, 9)]}]
    slides = [s for s in plan_with(tmp_path, default_theme, frame_set, blocks) if s.kind.startswith("steps")]
    numbers = [[line.number for line in s.body if line.style == "number"] for s in slides]
    assert len(slides) > 1
    assert [n for part in numbers for n in part] == list(range(1, 9))


def test_a_long_list_is_split_evenly_over_its_slides(tmp_path, default_theme, frame_set):
    items = [f"Point number {n} says a few words about the matter" for n in range(1, 16)]
    slides = [
        s
        for s in plan_with(tmp_path, default_theme, frame_set, [{"bullets": items}])
        if s.kind == "bullets" and s.title.startswith("Introduction")
    ]
    counts = [len(s.body) for s in slides]
    assert len(counts) > 1 and sum(counts) == 15
    assert max(counts) - min(counts) <= 1, counts


TABLE = {
    "title": "Treatments compared",
    "header": ["Treatment", "What it does", "Evidence"],
    "rows": [
        ["Exercise therapy", "Strengthens the muscles around the joint", "Strong"],
        ["Weight loss", "Takes load off knees and hips", "Strong"],
        ["Stem cell injection", "Still being studied", "Weak"],
    ],
}


def test_a_table_gets_a_slide_of_its_own_with_every_cell_at_one_size(tmp_path, default_theme, frame_set):
    slides = plan_with(tmp_path, default_theme, frame_set, [{"paragraph": "Some choices."}, {"table": TABLE}])
    (table,) = [s for s in slides if s.kind == "table"]
    assert table.title == "Treatments compared"
    grid = table.grid
    assert [c.plain for c in grid.header] == TABLE["header"]
    assert [[c.plain for c in row] for row in grid.rows] == TABLE["rows"]
    assert {c.size for row in (grid.header, *grid.rows) for c in row} == {grid.size}
    assert round(sum(grid.widths), 2) == round(frame_set["table"]["body"].width, 2)
    assert sum(grid.heights) <= frame_set["table"]["body"].height


def test_a_long_table_splits_evenly_over_slides_that_each_repeat_the_header(
    tmp_path, default_theme, frame_set
):
    rows = [
        [f"Choice {n}", "A sentence about what this choice does for the joint " * 2, "Some"]
        for n in range(15)
    ]
    blocks = [{"paragraph": "Some choices."}, {"table": {**TABLE, "rows": rows}}]
    tables = [s for s in plan_with(tmp_path, default_theme, frame_set, blocks) if s.kind == "table"]
    assert len(tables) > 1
    assert all(s.title.startswith("Treatments compared (") for s in tables)
    assert all([c.plain for c in s.grid.header] == TABLE["header"] for s in tables)
    shown = [row[0].plain for s in tables for row in s.grid.rows]
    assert shown == [row[0] for row in rows], "every row once, in order"
    counts = [len(s.grid.rows) for s in tables]
    assert max(counts) - min(counts) <= 1, counts
    assert all(s.grid.size == default_theme.deck.min_body_size for s in tables)


def test_a_table_row_too_tall_for_any_slide_is_an_error_at_the_row(tmp_path, default_theme, frame_set):
    rows = [["Short", "Fine", "Fine"], ["Long", "word " * 400, "Fine"]]
    with pytest.raises(SourceError) as caught:
        plan_with(tmp_path, default_theme, frame_set, [{"table": {**TABLE, "rows": rows}}])
    (problem,) = caught.value.problems
    assert "this table row is too tall for a slide" in problem.message
    assert problem.loc.path.endswith("tiny.yaml") and problem.loc.line > 0


def test_a_bullets_hint_shows_a_table_as_a_line_per_row(tmp_path, default_theme, frame_set):
    slides = plan_with(tmp_path, default_theme, frame_set, [{"table": TABLE}], layout="bullets")
    (slide,) = [s for s in slides if s.title == "Introduction"]
    assert slide.kind == "bullets"
    assert [line.plain for line in slide.body] == [
        "Exercise therapy; What it does: Strengthens the muscles around the joint; Evidence: Strong",
        "Weight loss; What it does: Takes load off knees and hips; Evidence: Strong",
        "Stem cell injection; What it does: Still being studied; Evidence: Weak",
    ]


@pytest.mark.parametrize("hint", [{}, {"layout": "bullets"}])
def test_a_break_starts_a_slide_of_its_own_for_what_follows(tmp_path, default_theme, frame_set, hint):
    blocks = [
        {"paragraph": "Before."},
        {"break": "column"},
        {"paragraph": "After."},
        {"paragraph": "Also after."},
    ]
    slides = [
        s for s in plan_with(tmp_path, default_theme, frame_set, blocks, **hint) if "Introduction" in s.title
    ]
    assert [[line.plain for line in s.body] for s in slides] == [["Before."], ["After.", "Also after."]]
    assert slides[1].title == "Introduction (continued)"


def test_a_break_meant_only_for_the_brochure_leaves_the_slide_whole(tmp_path, default_theme, frame_set):
    blocks = [{"paragraph": "Before."}, {"break": "page", "only": "brochure"}, {"paragraph": "After."}]
    slides = [s for s in plan_with(tmp_path, default_theme, frame_set, blocks) if "Introduction" in s.title]
    assert [[line.plain for line in s.body] for s in slides] == [["Before.", "After."]]


def test_a_block_that_opens_a_section_keeps_its_own_title_on_the_slide(tmp_path, default_theme, frame_set):
    blocks = [{"table": TABLE}, {"paragraph": "After the table."}]
    slides = plan_with(tmp_path, default_theme, frame_set, blocks)
    titles = [s.title for s in slides if s.title.startswith("Introduction")]
    assert titles == ["Introduction: Treatments compared", "Introduction (continued)"]


def test_many_continuation_slides_of_one_section_get_titles_of_their_own(tmp_path, default_theme, frame_set):
    blocks = []
    for n in range(4):
        blocks += [
            {"key_figure": {"value": f"{n + 1} in 10", "label": "adults"}, "cite": "ref"},
            {"callout": f"Box {n}."},
        ]
    slides = plan_with(tmp_path, default_theme, frame_set, blocks)
    titles = [s.title for s in slides if s.title.startswith("Introduction")]
    assert len(titles) == len(set(titles)) == 8
    assert "Introduction (continued, 2)" in titles


def introduction_kinds(slides) -> list[str]:
    """The kinds of the slides the introduction became (the condition's own left out)."""
    return [kind for kind, title in kinds_of(slides) if title != "About knees"]


def with_picture_beside_text(frame_set: dict) -> dict:
    """The frame set plus a two-column picture_text binding, as the default theme has."""
    title, body = frame_set["bullets"]["title"], frame_set["bullets"]["body"]
    half = Frame(body.width / 2 - 10, body.height)
    return {**frame_set, "picture_text": {"title": title, "body": half, "picture": half}}


def test_a_short_text_and_the_picture_after_it_share_one_slide(tmp_path, default_theme, frame_set):
    (tmp_path / "knee.png").write_bytes(png_bytes(4, 3))
    image = {"path": "knee.png", "alt": "A drawing of a knee", "title": "Inside the knee", "caption": "Cartilage."}
    blocks = [{"paragraph": "The knee is a hinge."}, {"image": image, "cite": "ref"}]
    slides = plan_with(tmp_path, default_theme, with_picture_beside_text(frame_set), blocks)
    assert introduction_kinds(slides) == ["picture_text"]
    (slide,) = [s for s in slides if s.kind == "picture_text"]
    assert slide.title == "Introduction"
    assert [line.plain for line in slide.body] == ["The knee is a hinge."]
    assert [line.plain for line in slide.box("caption")] == ["Inside the knee", "Cartilage. [1]"]
    assert all(span.bold for span in slide.box("caption")[0].spans), "the picture's title leads, bold"
    assert slide.picture.alt == "A drawing of a knee" and "A drawing of a knee" in slide.notes
    frame = with_picture_beside_text(frame_set)["picture_text"]["picture"]
    assert 0.5 * frame.height <= slide.picture_room < frame.height, "the caption's room is kept below"


def test_text_too_long_to_sit_beside_a_picture_leaves_the_picture_its_own_slide(
    tmp_path, default_theme, frame_set
):
    (tmp_path / "knee.png").write_bytes(png_bytes(4, 3))
    long_text = [{"paragraph": f"Sentence number {n} about the knee and how it moves."} for n in range(12)]
    blocks = long_text + [{"image": {"path": "knee.png", "alt": "A knee", "caption": "The knee"}}]
    slides = plan_with(tmp_path, default_theme, with_picture_beside_text(frame_set), blocks)
    kinds = introduction_kinds(slides)
    assert "picture_text" not in kinds and kinds[-1] == "image"


def test_a_theme_without_a_picture_text_binding_keeps_pictures_on_slides_of_their_own(
    tmp_path, default_theme, frame_set
):
    (tmp_path / "knee.png").write_bytes(png_bytes(4, 3))
    blocks = [{"paragraph": "Short."}, {"image": {"path": "knee.png", "alt": "A knee", "caption": "The knee"}}]
    assert "picture" not in frame_set["picture_text"]
    slides = plan_with(tmp_path, default_theme, frame_set, blocks)
    assert introduction_kinds(slides) == ["bullets", "image"]
