"""The TrueType reader against ReportLab's own parser: the same names, glyphs and widths."""

from __future__ import annotations

from pathlib import Path

import pytest
import reportlab

from builder.theme.ttf import FontFileError, read_family_name, read_metrics

from .conftest import IN_CI

REPORTLAB_FONTS = sorted(
    p for p in (Path(reportlab.__file__).parent / "fonts").glob("Vera*.ttf")
)  # what a build falls back to
# What .ci/run installs for the theme's family (Carlito) and its metric-compatible stand-ins.
SYSTEM_FAMILIES = ("Carlito", "DejaVuSans", "LiberationSans")
SYSTEM_FONTS = sorted(
    p
    for folder in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
    if folder.is_dir()
    for p in folder.rglob("*.ttf")
    if p.name.startswith(SYSTEM_FAMILIES)
)
FONTS = REPORTLAB_FONTS + SYSTEM_FONTS


def test_the_fonts_compared_include_the_theme_family_in_ci():
    found = {family for family in SYSTEM_FAMILIES if any(p.name.startswith(family) for p in SYSTEM_FONTS)}
    if found != set(SYSTEM_FAMILIES):
        if IN_CI:
            pytest.fail(f"fonts .ci/run installs are missing: {sorted(set(SYSTEM_FAMILIES) - found)}")
        pytest.skip(f"not installed here: {sorted(set(SYSTEM_FAMILIES) - found)}")
    assert len(REPORTLAB_FONTS) == 4


@pytest.mark.parametrize("path", FONTS, ids=lambda p: p.name)
def test_names_glyphs_and_widths_match_reportlabs_parser(path):
    from reportlab.pdfbase.ttfonts import TTFontFile

    theirs = TTFontFile(str(path))
    ours = read_metrics(str(path))
    assert ours.units_per_em == theirs.unitsPerEm
    assert read_family_name(str(path))[0] == ours.family
    # Ours is the typographic family (name 16) where there is one, as Office groups styles:
    # "DejaVu Sans" where name 1, which ReportLab reads, says "DejaVu Sans Condensed".
    assert theirs.familyName.decode("latin-1").startswith(ours.family)
    mapped = {code for code, glyph in theirs.charToGlyph.items() if glyph}  # glyph 0: missing
    assert len(mapped) > 200
    # ReportLab lends a font without a no-break space its space (and back): not in the file.
    for code in set(theirs.charToGlyph) - {0x20, 0xA0}:
        assert ours.has_glyph(chr(code)) == (code in mapped), f"U+{code:04X}"
    for code in (0x0378, 0xE0001, 0x10FFFD):  # unassigned or private: in neither, or both
        assert ours.has_glyph(chr(code)) == (code in mapped)
    for code, width in theirs.charWidths.items():
        if code not in mapped or code in (0x20, 0xA0):
            continue
        assert ours.width(chr(code), 1000) == pytest.approx(width, abs=0.51), f"U+{code:04X}"


def test_a_file_that_is_not_a_font_is_a_font_file_error(tmp_path):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 40)
    with pytest.raises(FontFileError, match="broken.ttf"):
        read_metrics(str(broken))
    text = tmp_path / "text.ttf"
    text.write_bytes(b"this is not a font file at all")
    with pytest.raises(FontFileError, match="not a TrueType"):
        read_metrics(str(text))
