"""`{{ variables }}` in source text: filled strictly, in a sandbox, with bounded arithmetic."""

from __future__ import annotations

import pytest

from builder.source.templating import MAX_TEXT, TemplateProblem, TextTemplates

VARIABLES = {
    "clinic": {"name": "Riverside Clinic", "phone": "555-0100", "address": {"city": "Springfield"}},
    "year": "2026",
}


@pytest.fixture
def templates() -> TextTemplates:
    return TextTemplates(VARIABLES)


def test_variables_are_filled_in(templates):
    assert templates.fill("Call {{ clinic.name }} on {{ clinic.phone }}.") == (
        "Call Riverside Clinic on 555-0100."
    )


def test_nested_variables_are_filled_by_their_dotted_path(templates):
    assert templates.fill("In {{ clinic.address.city }}, {{ year }}") == "In Springfield, 2026"


def test_text_without_braces_is_returned_unchanged(templates):
    text = "No templates here: 50% of people * agree ]"
    assert templates.fill(text) is text


def test_single_braces_that_are_not_a_template_are_kept(templates):
    assert templates.fill("a {b} c") == "a {b} c"


def test_an_undefined_dotted_variable_is_named_with_a_suggestion(templates):
    with pytest.raises(TemplateProblem) as info:
        templates.fill("Phone: {{ clinic.phon }}")
    assert str(info.value) == "undefined variable 'clinic.phon' (did you mean 'clinic.phone'?)"


def test_an_undefined_top_level_name_is_named_with_a_suggestion(templates):
    with pytest.raises(TemplateProblem) as info:
        templates.fill("{{ clinc.name }}")
    assert str(info.value) == "undefined variable 'clinc.name' (did you mean 'clinic.name'?)"


def test_an_undefined_name_with_nothing_close_gets_no_suggestion(templates):
    with pytest.raises(TemplateProblem) as info:
        templates.fill("{{ weather }}")
    assert str(info.value) == "undefined variable 'weather'"


def test_an_undefined_variable_with_no_variables_at_all_is_reported():
    with pytest.raises(TemplateProblem, match="undefined variable 'clinic.name'"):
        TextTemplates({}).fill("{{ clinic.name }}")


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ clinic.__class__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ year.__len__ }}",
    ],
)
def test_the_sandbox_refuses_python_internals(templates, source):
    with pytest.raises(TemplateProblem, match="template not allowed"):
        templates.fill(source)


def test_huge_repetition_of_text_is_refused(templates):
    with pytest.raises(TemplateProblem, match="limit is 20,000"):
        templates.fill("{{ 'ha' * 100000 }}")


def test_huge_repetition_with_the_count_first_is_refused(templates):
    with pytest.raises(TemplateProblem, match="limit is 20,000"):
        templates.fill("{{ 100000 * 'ha' }}")


def test_huge_repetition_of_a_list_is_refused(templates):
    with pytest.raises(TemplateProblem, match="limit is 20,000"):
        templates.fill("{{ ([1] * 100000) | length }}")


@pytest.mark.parametrize("source", ["{{ 2 ** 100000 }}", "{{ 2 ** 65 }}", "{{ 10 ** 65.0 }}"])
def test_a_huge_exponent_is_refused(templates, source):
    with pytest.raises(TemplateProblem, match="exponent above 64"):
        templates.fill(source)


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "{% macro m() %}x{% endmacro %}{{ m() }}",
        "{% set x = 1 %}{{ x }}",
        "{{ '{:>1000}'.format('x') }}",
        "{{ 'x' | indent(100) }}",
    ],
)
def test_loops_macros_assignments_and_padding_are_refused(templates, source):
    with pytest.raises(TemplateProblem):
        templates.fill(source)


def test_if_statements_still_work(templates):
    assert templates.fill("{% if clinic.name %}Call {{ clinic.name }}{% endif %}").startswith("Call ")


def test_small_arithmetic_is_allowed(templates):
    assert templates.fill("{{ 'ab' * 3 }} {{ 2 ** 10 }}") == "ababab 1024"


def test_a_filled_text_over_the_limit_is_refused(templates):
    with pytest.raises(TemplateProblem, match=f"the limit is {MAX_TEXT:,}"):
        templates.fill("{{ 'a' * 1000 * 30 }}")


@pytest.mark.parametrize(
    "source",
    [
        "{{ ('a' * 1000 * 1000) | length }}",
        "{{ ('x' | center(1000000)) | length }}",
        "{{ ('%1000000s' % 'x') | length }}",
    ],
)
def test_a_huge_intermediate_value_is_refused(templates, source):
    with pytest.raises(TemplateProblem):
        templates.fill(source)


def test_a_template_syntax_error_is_a_template_problem(templates):
    with pytest.raises(TemplateProblem, match="template syntax"):
        templates.fill("{{ clinic.name ")


def test_a_runtime_failure_is_a_template_problem(templates):
    with pytest.raises(TemplateProblem, match="division by zero"):
        templates.fill("{{ 1 / 0 }}")


@pytest.mark.parametrize(
    "language, expected",
    [("en-US", "12,500 people, 3.5%"), ("es-ES", "12.500 people, 3,5%"), ("fr", "12\u202f500 people, 3,5%")],
)
def test_the_number_filter_writes_numbers_as_the_materials_language_does(language, expected):
    templates = TextTemplates({"stats": {"people": "12500", "share": "3.456"}}, language)
    assert templates.fill("{{ stats.people | number }} people, {{ stats.share | number(1) }}%") == expected


def test_the_number_filter_refuses_what_is_not_a_number():
    templates = TextTemplates({"clinic": {"phone": "555-0100 ext"}})
    with pytest.raises(TemplateProblem, match="'555-0100 ext' is not a number"):
        templates.fill("{{ clinic.phone | number }}")


def test_a_material_in_spanish_fills_numbers_the_spanish_way(tmp_path):
    from .helpers import material_from, minimal_source

    source = minimal_source()
    source["material"]["language"] = "es-ES"
    source["variables"]["clinic"]["patients"] = 24000
    source["sections"][0]["blocks"] = [{"paragraph": "Atendemos a {{ clinic.patients | number }} pacientes."}]
    material = material_from(tmp_path, source)
    assert material.sections[0].blocks[0].text.plain == "Atendemos a 24.000 pacientes."


def test_an_empty_variable_is_an_error_not_a_blank():
    templates = TextTemplates({"clinic": {"phone": ""}})
    with pytest.raises(TemplateProblem, match="variable 'clinic.phone' is empty"):
        templates.fill("Phone: {{ clinic.phone }}")
    assert (
        templates.fill("Phone: {{ clinic.phone | default('ask at the desk', true) }}")
        == "Phone: ask at the desk"
    )
