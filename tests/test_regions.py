"""Regions: which region a build is for, and the blocks meant for it."""

from __future__ import annotations

import pytest

from builder.batch.regions import in_region, region_of
from builder.errors import SourceError

from .helpers import material_from, minimal_source


def test_a_builds_region_is_the_clinics_else_its_languages():
    assert region_of("en-IE") == "IE"
    assert region_of("es-US") == "US"
    assert region_of("es") == ""
    assert region_of("zh-Hans-CN") == "CN"
    assert region_of("en-US", explicit="ie") == "IE"


def regional_material(tmp_path):
    source = minimal_source()
    source["sections"][0]["blocks"] = [
        {"paragraph": "Everywhere."},
        {"paragraph": "The FDA regulates these products.", "region": "US"},
        {"paragraph": "The HPRA and the EMA regulate these products.", "region": ["IE", "GB"]},
        {"paragraph": "In the European Union, the EMA.", "region": "EU"},
    ]
    return material_from(tmp_path, source)


@pytest.mark.parametrize(
    "region, shown",
    [
        ("US", ["Everywhere.", "The FDA regulates these products."]),
        (
            "IE",
            [
                "Everywhere.",
                "The HPRA and the EMA regulate these products.",
                "In the European Union, the EMA.",
            ],
        ),
        ("DE", ["Everywhere.", "In the European Union, the EMA."]),
        ("", ["Everywhere."]),
    ],
)
def test_a_material_keeps_only_the_blocks_meant_for_the_region(tmp_path, region, shown):
    material = in_region(regional_material(tmp_path), region)
    assert [block.text.plain for block in material.sections[0].blocks] == shown


def test_a_material_without_regional_blocks_is_kept_as_it_is(tmp_path):
    material = material_from(tmp_path, minimal_source())
    assert in_region(material, "IE") is material


def test_a_region_that_is_not_a_code_is_an_error_at_its_line(tmp_path):
    source = minimal_source()
    source["sections"][0]["blocks"].append({"paragraph": "Irish text.", "region": "Ireland"})
    with pytest.raises(SourceError) as caught:
        material_from(tmp_path, source)
    (problem,) = caught.value.problems
    assert problem.message == "region 'Ireland' is not a two-letter region code such as US or IE, or EU"
    assert problem.loc.line > 0
