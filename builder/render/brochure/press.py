"""What a print shop needs of a press PDF: colours through an ICC profile, text on the black
plate alone, the profile named as the output intent, and fold marks.

Brand colours go from sRGB to CMYK through littleCMS (Pillow's ImageCms) with a CMYK
profile: the theme's own `press.icc` when it has one, else Debian's Artifex SWOP profile
(package libgs-common). The naive formula it replaces turned the teal 0B5563 into
C89 M14 Y0 K61, a navy; the profile gives C100 M58 Y49 K32. Text is set in black only
(K, a tint of K for lighter text), so that it stays sharp when the plates are slightly out
of register; a coloured heading keeps its brand colour.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors

from builder.errors import SourceError
from builder.location import Location

THEME_PROFILE = "press.icc"
SYSTEM_PROFILES = (
    "/usr/share/color/icc/ghostscript/default_cmyk.icc",  # Debian libgs-common: Artifex CMYK SWOP
    "/usr/share/color/icc/ghostscript/ps_cmyk.icc",
)
TEXT_COLOURS = ("text", "muted")  # set on the black plate alone
SWOP = "CGATS TR 001"  # the characterisation the Artifex profile is made for


def profile_path(theme_folder: str) -> Path:
    """The CMYK profile press colours are converted with; a SourceError when there is none."""
    own = Path(theme_folder) / THEME_PROFILE
    for candidate in (own, *map(Path, SYSTEM_PROFILES)):
        if candidate.is_file():
            return candidate
    raise SourceError.at(
        Location(str(own)),
        "press PDFs need a CMYK ICC profile: put one in the theme as press.icc, or install"
        " Debian's libgs-common (its Artifex SWOP profile)",
    )


@lru_cache(maxsize=8)
def _transform(profile: str):
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(profile),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )


@lru_cache(maxsize=256)
def icc_cmyk(hex_colour: str, profile: str) -> tuple[float, float, float, float]:
    """An sRGB colour's CMYK through the profile, each ink from 0 to 1 in steps of 1%."""
    from PIL import Image, ImageCms

    pixel = Image.new("RGB", (1, 1), tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)))
    inks = ImageCms.applyTransform(pixel, _transform(profile)).getpixel((0, 0))
    return tuple(round(ink / 255, 2) for ink in inks)  # type: ignore[return-value]


def black_only(hex_colour: str) -> colors.CMYKColor:
    """A text colour on the black plate alone: as dark a tint of K as the colour is dark
    (the theme's near-black body text: 100% K)."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    lightness = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    black = 1.0 if lightness < 0.15 else round(1 - lightness, 2)
    return colors.CMYKColor(0, 0, 0, black)


def press_colour(name: str, hex_colour: str, profile: str) -> colors.CMYKColor:
    """A theme colour for the press: text colours on K alone, the rest through the profile."""
    if name in TEXT_COLOURS:
        return black_only(hex_colour)
    return colors.CMYKColor(*icc_cmyk(hex_colour, profile))


def cmyk_picture(picture, profile: str):
    """A Pillow picture converted to CMYK through the profile (on white where it is clear)."""
    from PIL import Image, ImageCms

    if picture.mode in ("RGBA", "LA", "P"):
        rgba = picture.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        picture = flat
    return ImageCms.applyTransform(picture.convert("RGB"), _transform(profile))


def add_output_intent(canvas, profile: str) -> None:
    """Name the profile as the document's output intent (a PDF/X-style /OutputIntents entry
    with the profile embedded), so that the print shop knows what the CMYK values are for."""
    from PIL import ImageCms
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

    data = Path(profile).read_bytes()
    stream = PDFStream(PDFDictionary({"N": 4}), data)
    description = ImageCms.getProfileDescription(ImageCms.getOpenProfile(profile)).strip()
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFX"),
            "OutputConditionIdentifier": PDFString(SWOP if "SWOP" in description else description),
            "Info": PDFString(description),
            "DestOutputProfile": canvas._doc.Reference(stream),
        }
    )
    catalog = canvas._doc.Catalog
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([intent])
