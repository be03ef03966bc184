"""Renders PNG previews of built outputs with real clients: LibreOffice and pdftoppm.

`python -m builder.batch.previews [OUTPUT_DIR] [DOCS_DIR]` turns every deck and brochure under the
output folder into PNG pages under docs/previews/, for the README and for people to look at.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

SLIDE_DPI = 48
PAGE_DPI = 72


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"previews need {name}; install it (see .ci/run)")
    return found


def decks_to_pdf(
    decks: Sequence[Path], folder: Path, soffice: str | None = None, check: bool = True, timeout: int = 600
) -> list[Path]:
    """Convert decks into `folder` with one headless LibreOffice run (LibreOffice takes seconds
    to start), on a throwaway profile; where each PDF goes. With check=False a failed
    conversion leaves its PDF missing instead of raising."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice or _tool("soffice"),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *[str(deck) for deck in decks],
            ],
            check=check,
            capture_output=True,
            timeout=timeout,
        )
    return [folder / f"{deck.stem}.pdf" for deck in decks]


def pdf_to_pngs(pdf: Path, prefix: Path, dpi: int) -> list[Path]:
    """Render every page of a PDF as PREFIX-N.png."""
    subprocess.run([_tool("pdftoppm"), "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def main(argv: list[str] | None = None) -> int:
    """Write previews of every built file."""
    args = sys.argv[1:] if argv is None else argv
    output = Path(args[0] if args else "output")
    target = Path(args[1] if len(args) > 1 else "docs") / "previews"
    target.mkdir(parents=True, exist_ok=True)
    for built in list(output.rglob("*.pptx")) + list(output.rglob("*.pdf")):
        kind = "slide" if built.suffix == ".pptx" else "page"
        for old in target.glob(f"{built.stem}-{kind}-*.png"):  # this file's old pages, not others'
            old.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        for deck in sorted(output.rglob("*.pptx")):
            (pdf,) = decks_to_pdf([deck], Path(scratch))
            for png in pdf_to_pngs(pdf, target / f"{deck.stem}-slide", SLIDE_DPI):
                print(f"wrote {png}")
        for pdf in sorted(output.rglob("*.pdf")):
            for png in pdf_to_pngs(pdf, target / f"{pdf.stem}-page", PAGE_DPI):
                print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
