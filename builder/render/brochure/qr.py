"""The QR code on a printed brochure: dark modules on a white square that is its quiet zone.

ReportLab's own encoder (reportlab.graphics.barcode.qr) makes the symbol, at error correction
level M (a fold or a smudge across it still scans). The code is never smaller than MIN_SIDE,
nor its modules than MIN_MODULE, so a phone reads it from arm's length; the white square
around it is QUIET modules wide on every side, which a coloured panel would otherwise eat into.
For the press it is 100% black ink alone (K), as text is, so it prints sharp whatever the
registration of the other plates.
"""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

LEVEL = "M"  # error correction: about 15% of the symbol may be lost
QUIET = 4  # modules of white on every side, as the QR standard asks
MIN_SIDE = 22 * mm  # the symbol itself, without its quiet zone: more than 0.8 in
MIN_MODULE = 0.5 * mm  # a longer address makes more modules, and a bigger code, never finer ones


def modules(address: str) -> list[list[bool]]:
    """The symbol for `address`: rows of modules, True for dark, top row first."""
    code = QrCodeWidget(address, barLevel=LEVEL).qr
    code.make()
    return [[bool(dark) for dark in row] for row in code.modules]


class QrCode(Flowable):
    """A QR code to `address`, with its quiet zone drawn white, left-aligned in its column."""

    def __init__(self, address: str, press: bool = False, space_after: float = 0.0):
        super().__init__()
        self.address = address
        self.press = press
        self.rows = modules(address)
        count = len(self.rows)
        self.module = max(MIN_SIDE / count, MIN_MODULE)
        self.side = (count + 2 * QUIET) * self.module  # the white square, quiet zone and all
        self.spaceAfter = space_after
        self.hAlign = "LEFT"

    def wrap(self, availWidth, availHeight):  # noqa: N803  (ReportLab's names)
        self.width = self.height = self.side
        return self.side, self.side

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.CMYKColor(0, 0, 0, 0) if self.press else colors.white)
        canvas.rect(0, 0, self.side, self.side, stroke=0, fill=1)
        canvas.setFillColor(colors.CMYKColor(0, 0, 0, 1) if self.press else colors.black)
        path = canvas.beginPath()  # one path: no hairline seams between the modules' rows
        m = self.module
        for r, row in enumerate(self.rows):
            y = self.side - (QUIET + r + 1) * m
            c = 0
            while c < len(row):
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect((QUIET + start) * m, y, (c - start) * m, m)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
