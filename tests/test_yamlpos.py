"""The position-keeping YAML reader: what it keeps, where it points, and what it refuses."""

from __future__ import annotations

import pytest

from builder.errors import SourceError
from builder.model import Location
from builder.source.yamlpos import MAX_DEPTH, parse_yaml, read_yaml

NAME = "source.yaml"


def refused(data: bytes) -> tuple[str, str]:
    """The single problem parse_yaml reports for `data`: (location, message)."""
    with pytest.raises(SourceError) as info:
        parse_yaml(data, NAME)
    assert len(info.value.problems) == 1
    problem = info.value.problems[0]
    return str(problem.loc), problem.message


# -- what a clean document becomes -------------------------------------------------------------


def test_values_and_keys_remember_their_line_and_column():
    root = parse_yaml(b"material:\n  id: knee\n  tags:\n    - one\n    - two: 2\n", NAME)
    material = root.value["material"]
    assert root.loc == Location(NAME, 1, 1)
    assert root.key_locs["material"] == Location(NAME, 1, 1)
    assert material.key_locs["id"] == Location(NAME, 2, 3)
    assert material.value["id"].loc == Location(NAME, 2, 7)
    assert material.value["tags"].loc == Location(NAME, 4, 5)
    second = material.value["tags"].value[1]
    assert second.kind == "map"
    assert second.key_locs["two"] == Location(NAME, 5, 7)
    assert second.value["two"].loc == Location(NAME, 5, 12)


def test_keys_keep_the_order_they_are_written_in():
    root = parse_yaml(b"zebra: 1\napple: 2\nmango: 3\n", NAME)
    assert list(root.value) == ["zebra", "apple", "mango"]


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("1.0", "1.0"),
        ("no", "no"),
        ("yes", "yes"),
        ("010", "010"),
        ("2026-11-01", "2026-11-01"),
        ("1e3", "1e3"),
        ("'quoted'", "quoted"),
    ],
)
def test_scalars_stay_the_text_that_was_written(written, kept):
    root = parse_yaml(f"value: {written}\n".encode(), NAME)
    assert root.value["value"].kind == "scalar"
    assert root.value["value"].value == kept


def test_a_byte_order_mark_is_not_part_of_the_first_key():
    root = parse_yaml("\ufeffid: knee\n".encode(), NAME)
    assert list(root.value) == ["id"]


def test_a_top_level_list_is_read_as_a_list():
    root = parse_yaml(b"- a\n- b\n", NAME)
    assert root.kind == "list"
    assert [item.value for item in root.value] == ["a", "b"]


def test_quoted_null_words_stay_text():
    root = parse_yaml(b"a: 'null'\nb: \"~\"\nc: ''\n", NAME)
    assert {key: node.value for key, node in root.value.items()} == {"a": "null", "b": "~", "c": ""}


def test_empty_tilde_and_null_values_read_as_nothing():
    root = parse_yaml(b"a: ~\nb:\nc: null\nd: NULL\n", NAME)
    assert {key: node.value for key, node in root.value.items()} == {
        "a": None,
        "b": None,
        "c": None,
        "d": None,
    }
    assert root.value["b"].describe() == "nothing"


# -- what is refused, and where it is reported ---------------------------------------------


def test_a_duplicate_key_is_refused_at_the_second_with_the_line_of_the_first():
    where, message = refused(b"id: knee\ntitle: Knee\nid: hip\n")
    assert where == f"{NAME}:3:1"
    assert "duplicate key 'id'" in message
    assert "first at line 1" in message


def test_a_duplicate_key_inside_a_nested_mapping_is_refused():
    where, message = refused(b"material:\n  id: knee\n  title: A\n  title: B\n")
    assert where == f"{NAME}:4:3"
    assert "duplicate key 'title' (first at line 3)" in message


def test_an_anchor_is_refused_where_it_is_written():
    where, message = refused(b"a: &name value\nb: other\n")
    assert where == f"{NAME}:1:4"
    assert "anchors" in message


def test_an_alias_is_refused():
    where, message = refused(b"a: value\nb: *name\n")
    assert where == f"{NAME}:2:4"
    assert "aliases" in message


def test_a_merge_key_is_refused():
    where, message = refused(b"base: {a: 1}\nmore:\n  <<: {a: 2}\n")
    assert where == f"{NAME}:3:3"
    assert "merge keys" in message


@pytest.mark.parametrize(
    "data", [b"a: !foo 1\n", b"a: !!int 1\n", b"a: !!python/object:os.system 1\n", b"a: !!map {b: 1}\n"]
)
def test_a_tag_is_refused(data):
    where, message = refused(data)
    assert where == f"{NAME}:1:4"
    assert "tags" in message


def test_a_billion_laughs_alias_bomb_is_refused():
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    bomb = ("\n".join(lines) + "\n").encode()
    where, message = refused(bomb)
    assert where == f"{NAME}:1:7"
    assert "anchors" in message


def test_nesting_deeper_than_the_limit_is_refused():
    depth = MAX_DEPTH + 10
    where, message = refused(b"a: " + b"[" * depth + b"]" * depth + b"\n")
    assert where.startswith(f"{NAME}:1:")
    assert f"nested more than {MAX_DEPTH} levels deep" in message


def test_nesting_just_inside_the_limit_is_read():
    depth = MAX_DEPTH - 1
    root = parse_yaml(b"a: " + b"[" * depth + b"x" + b"]" * depth + b"\n", NAME)
    node = root.value["a"]
    for _ in range(depth):
        node = node.value[0]
    assert node.value == "x"


@pytest.mark.parametrize("depth", [1_500, 25_000])  # past PyYAML's own limit of 1,000 levels too
def test_a_hugely_nested_file_is_refused_with_the_nesting_message(depth):
    where, message = refused(b"a: " + b"[" * depth + b"]" * depth + b"\n")
    assert where.startswith(f"{NAME}:1:")
    assert f"nested more than {MAX_DEPTH} levels deep" in message


@pytest.mark.parametrize("data", [b"", b"\n\n", b"   \n", b"# only a comment\n", b"# one\n\n  # two\n"])
def test_an_empty_or_comment_only_file_is_reported_as_empty(data):
    where, message = refused(data)
    assert where == f"{NAME}:1:1"
    assert message == "file is empty"


def test_a_yaml_syntax_error_points_at_the_line_and_column():
    where, message = refused(b"id: knee\ntags: [a, b\ntitle: Knee\n")
    assert where == f"{NAME}:3:6"
    assert message.startswith("YAML syntax:")


def test_a_tab_in_the_indentation_is_a_syntax_error_on_its_line():
    where, message = refused(b"a: 1\n\tb: 2\n")
    assert where == f"{NAME}:2:1"
    assert "tab" in message


def test_a_byte_that_is_not_utf8_is_reported_at_its_line_and_column():
    where, message = refused(b"id: knee\ntitle: caf\xe9 menu\n")
    assert where == f"{NAME}:2:11"
    assert "not UTF-8" in message
    assert "0xe9" in message


def test_a_nul_byte_marks_the_file_as_binary():
    where, message = refused(b"id: knee\nti\x00tle: x\n")
    assert where == f"{NAME}:2:3"
    assert "binary file" in message


def test_a_utf16_file_is_refused_with_advice_to_save_it_as_utf8():
    _, message = refused("id: knee\n".encode("utf-16"))
    assert "UTF-16" in message and "UTF-8" in message


def test_a_second_document_is_refused_where_it_starts():
    where, message = refused(b"id: knee\n---\nid: hip\n")
    assert where == f"{NAME}:2:1"
    assert "only one YAML document" in message


def test_a_single_document_with_explicit_markers_is_read():
    root = parse_yaml(b"---\nid: knee\n...\n", NAME)
    assert root.value["id"].value == "knee"


@pytest.mark.parametrize("data", [b"[a, b]: 1\n", b"? {a: 1}\n: 2\n"])
def test_a_key_that_is_a_list_or_mapping_is_refused(data):
    _, message = refused(data)
    assert "a key must be a plain word" in message


def test_a_file_over_the_size_limit_is_refused_without_parsing():
    where, message = refused(b"#" * 2_000_001)
    assert where == NAME
    assert "the limit is 2,000,000" in message


# -- reading from disk --------------------------------------------------------------------------


def test_read_yaml_reports_the_display_name_it_is_given(tmp_path):
    path = tmp_path / "deep" / "material.yaml"
    path.parent.mkdir()
    path.write_bytes(b"id: knee\nid: hip\n")
    with pytest.raises(SourceError) as info:
        read_yaml(path, "shown.yaml")
    assert str(info.value.problems[0].loc) == "shown.yaml:2:1"


def test_read_yaml_reads_a_file(tmp_path):
    path = tmp_path / "material.yaml"
    path.write_text("id: knee\n", encoding="utf-8")
    assert read_yaml(path).value["id"].loc == Location(str(path), 1, 5)


def test_a_missing_file_is_reported_by_name(tmp_path):
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(SourceError) as info:
        read_yaml(path)
    assert str(info.value) == f"{path}: error: no such file"


def test_a_folder_instead_of_a_file_is_reported(tmp_path):
    with pytest.raises(SourceError) as info:
        read_yaml(tmp_path)
    assert str(info.value) == f"{tmp_path}: error: is a folder, not a YAML file"


def test_a_file_read_again_after_an_edit_gives_the_edited_values(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("title: first\n", encoding="utf-8")
    assert read_yaml(path).value["title"].value == "first"
    path.write_text("title: second\n", encoding="utf-8")
    assert read_yaml(path).value["title"].value == "second"
