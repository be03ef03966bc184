"""The floor for brochure throughput: tri-folds made with bare ReportLab, no validation.

It lays out the same amount of text as a bundled brochure — every string of the sample
source's shared sections and one condition — in six panels on two Letter pages, with the
same embedded TrueType font, and writes each PDF. It reads the YAML with plain PyYAML and
checks nothing. `python bench/floor_trifold.py --count 300 --jobs 2 --out DIR`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def texts() -> list[str]:
    source = yaml.safe_load((ROOT / "sources" / "msc-chronic-pain.yaml").read_text(encoding="utf-8"))
    shared = [
        s for section in source["sections"] if "id" in section for s in strings(section.get("blocks", []))
    ]
    condition = (
        strings(source["conditions"][0]) + strings(source["call_to_action"]) + strings(source["references"])
    )
    return shared + condition + strings(source["glossary"])


def make(index: int, out: str, words: list[str]) -> None:
    if "Carlito" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(
            TTFont(
                "Carlito",
                FONT
                if Path(FONT).exists()
                else str(Path(pdfmetrics.__file__).parent.parent / "fonts" / "Vera.ttf"),
            )
        )
    style = ParagraphStyle("body", fontName="Carlito", fontSize=12, leading=15)
    width, height = landscape(letter)
    panel = width / 3
    frames = [
        Frame(i * panel, 0, panel, height, leftPadding=18, rightPadding=18, topPadding=18, bottomPadding=18)
        for i in range(3)
    ]
    document = BaseDocTemplate(
        f"{out}/floor-{index:04d}.pdf", pagesize=(width, height), invariant=1, initialFontName="Carlito"
    )
    document.addPageTemplates([PageTemplate(id="sheet", frames=frames)])
    document.build([Paragraph(escape(text), style) for text in words])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    words = texts()
    if args.jobs == 1:
        for index in range(args.count):
            make(index, args.out, words)
    else:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            pool.starmap(make, [(index, args.out, words) for index in range(args.count)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
