"""Draw the pictures of the bundled diabetes material (sources/images/diabetes-*.png).

A developer tool, not part of the builder: the PNGs it makes are committed, so a build never
runs it. It needs only Pillow, which python-pptx already installs, and the DejaVu Sans font
(fonts-dejavu-core). Re-run it from the repository root after changing a drawing:

    python scripts/draw_diabetes_pictures.py

The pictures hold no words, only symbols and fractions, so every translation can use them;
what they show is said in each image's caption and alt text in the source. They are this
project's own work, released under CC0 1.0 (see sources/images/README.md).
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "sources" / "images"
SIZE = (1600, 1000)  # the drawing's coordinates; a wide picture draws them smaller
SCALE = 2  # drawn at twice the size, then scaled down: smooth edges
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

INK = (27, 38, 49)  # the theme's text colour
WHITE = (255, 255, 255)
PAPER = (246, 249, 250)
TEAL = (11, 85, 99)  # the theme's primary
VESSEL = (241, 196, 196)
VESSEL_EDGE = (178, 58, 58)
SUGAR = (245, 166, 35)
SUGAR_EDGE = (168, 98, 0)
CELL = (214, 236, 218)
CELL_EDGE = (46, 125, 70)
KEY = (33, 102, 172)
GOOD = (46, 125, 50)
BAD = (183, 28, 28)
GREY = (120, 130, 138)


class Canvas:
    """A Pillow drawing in 1600 x 1000 coordinates, on a picture of `size` pixels (drawn at
    SCALE times that): the coordinates are zoomed by `zoom` about the picture's centre."""

    def __init__(self, background=PAPER, size=SIZE, zoom=1.0):
        self.size = size
        self.zoom = zoom * SCALE
        self.shift = ((size[0] - SIZE[0] * zoom) / 2 * SCALE, (size[1] - SIZE[1] * zoom) / 2 * SCALE)
        self.image = Image.new("RGB", (size[0] * SCALE, size[1] * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    def _xy(self, x, y):
        return (x * self.zoom + self.shift[0], y * self.zoom + self.shift[1])

    def _box(self, box):
        x0, y0 = self._xy(box[0], box[1])
        x1, y1 = self._xy(box[2], box[3])
        return [round(x0), round(y0), round(x1), round(y1)]

    def _w(self, width):
        return max(1, round(width * self.zoom)) if width else 0

    def rect(self, box, fill, outline=None, width=0, radius=0):
        self.draw.rounded_rectangle(
            self._box(box), radius=self._w(radius), fill=fill, outline=outline, width=self._w(width)
        )

    def ellipse(self, box, fill, outline=None, width=0):
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=self._w(width))

    def circle(self, x, y, r, fill, outline=None, width=0):
        self.ellipse((x - r, y - r, x + r, y + r), fill, outline, width)

    def polygon(self, points, fill, outline=None, width=0):
        self.draw.polygon([self._xy(x, y) for x, y in points], fill=fill)
        if outline and width:
            self.line(points + [points[0]], outline, width)

    def line(self, points, fill, width):
        self.draw.line([self._xy(x, y) for x, y in points], fill=fill, width=self._w(width), joint="curve")
        for x, y in (points[0], points[-1]):  # round ends
            self.circle(x, y, width / 2, fill)

    def arrow(self, start, end, fill, width=14, head=34):
        (x0, y0), (x1, y1) = start, end
        angle = math.atan2(y1 - y0, x1 - x0)
        base = (x1 - head * math.cos(angle), y1 - head * math.sin(angle))
        self.line([start, base], fill, width)
        left = (base[0] + head * 0.7 * math.sin(angle), base[1] - head * 0.7 * math.cos(angle))
        right = (base[0] - head * 0.7 * math.sin(angle), base[1] + head * 0.7 * math.cos(angle))
        self.polygon([end, left, right], fill)

    def text(self, x, y, words, size, fill=INK):
        font = ImageFont.truetype(FONT, self._w(size))
        self.draw.text(self._xy(x, y), words, font=font, fill=fill, anchor="mm")

    def pieslice(self, box, start, end, fill):
        self.draw.pieslice(self._box(box), start, end, fill=fill)

    def save(self, name: str) -> Path:
        path = OUT / name
        small = self.image.resize(self.size, Image.LANCZOS)
        small.quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            path, optimize=True
        )
        return path


# -- symbols -----------------------------------------------------------------------------------


def sugar(c: Canvas, x, y, r=24):
    """A glucose molecule: a small hexagon."""
    points = [
        (x + r * math.cos(math.pi / 3 * i + math.pi / 6), y + r * math.sin(math.pi / 3 * i + math.pi / 6))
        for i in range(6)
    ]
    c.polygon(points, SUGAR, SUGAR_EDGE, 4)


def key(c: Canvas, x, y, angle=0.0, size=1.0):
    """Insulin as a key: a ring and a toothed blade, pointing along angle (radians)."""

    def at(dx, dy):
        return (
            x + size * (dx * math.cos(angle) - dy * math.sin(angle)),
            y + size * (dx * math.sin(angle) + dy * math.cos(angle)),
        )

    c.circle(*at(0, 0), 34 * size, KEY)
    c.circle(*at(0, 0), 14 * size, WHITE)
    blade = [at(28, -10), at(120, -10), at(120, 10), at(28, 10)]
    c.polygon(blade, KEY)
    for tooth in (78, 102):
        c.polygon([at(tooth, 8), at(tooth + 14, 8), at(tooth + 14, 30), at(tooth, 30)], KEY)


def check(c: Canvas, x, y, r=58):
    c.circle(x, y, r, GOOD)
    c.line(
        [(x - r * 0.45, y + r * 0.02), (x - r * 0.1, y + r * 0.38), (x + r * 0.48, y - r * 0.36)], WHITE, 16
    )


def cross(c: Canvas, x, y, r=58):
    c.circle(x, y, r, BAD)
    d = r * 0.38
    c.line([(x - d, y - d), (x + d, y + d)], WHITE, 16)
    c.line([(x - d, y + d), (x + d, y - d)], WHITE, 16)


def bolt(c: Canvas, x, y, s=1.0):
    """Energy: a lightning bolt."""
    points = [(0, -60), (-30, 8), (-4, 8), (-18, 60), (32, -12), (6, -12), (22, -60)]
    c.polygon([(x + px * s, y + py * s) for px, py in points], (255, 193, 7), (160, 110, 0), 4)


# -- the pictures ------------------------------------------------------------------------------


def insulin() -> Path:
    """Left: insulin opens the cell and sugar moves in. Right: the cell does not respond; sugar
    stays in the blood."""
    c = Canvas()
    c.rect((796, 60, 804, 940), (214, 222, 228))  # the divider
    for left, works in ((0, True), (800, False)):
        cx = left + 400
        # the blood vessel across the top, with sugar in it
        c.rect((left + 40, 70, left + 760, 300), VESSEL, VESSEL_EDGE, 8, radius=115)
        spots = [(110, 140), (200, 230), (300, 150), (620, 140), (690, 235), (540, 225)]
        if not works:
            spots += [
                (160, 200),
                (250, 130),
                (470, 140),
                (580, 160),
                (400, 245),
                (650, 180),
                (330, 250),
                (460, 210),
            ]
        for dx, dy in spots:
            sugar(c, left + dx, dy)
        # the cell below
        c.ellipse((left + 110, 410, left + 690, 930), CELL, CELL_EDGE, 10)
        c.circle(cx + 130, 760, 62, (178, 214, 186))  # the nucleus
        # the door in the cell's wall, under the vessel, with its lock on the left
        c.rect((cx - 130, 392, cx - 76, 448), (90, 100, 108), radius=8)  # the lock
        key(c, cx - 300, 420, angle=0.0, size=1.0)  # insulin, the key, in the lock
        if works:
            c.rect((cx - 70, 398, cx + 80, 438), CELL)  # the door is open: a gap in the wall
            c.line([(cx + 80, 420), (cx + 150, 350)], CELL_EDGE, 12)  # the door swung open
            c.arrow((cx + 5, 250), (cx + 5, 570), SUGAR_EDGE, 14, 40)
            for dx, dy in ((-160, 600), (-90, 720), (-200, 760), (10, 650), (-40, 830)):
                sugar(c, cx + dx, dy)
            bolt(c, cx + 130, 620, 1.0)
            check(c, left + 690, 880)
        else:
            c.rect((cx - 76, 400, cx + 80, 440), CELL_EDGE, radius=10)  # the door stays shut
            c.arrow((cx + 5, 260), (cx + 5, 385), GREY, 10, 26)
            sugar(c, cx - 150, 680)
            cross(c, left + 690, 880)
    return c.save("diabetes-insulin.png")


def plate() -> Path:
    """The plate method: half vegetables, a quarter protein, a quarter starchy food, water."""
    c = Canvas((232, 241, 246), size=(1600, 800), zoom=0.85)
    c.rect((120, 90, 1480, 910), (205, 224, 233), radius=60)  # a place mat
    px, py, r = 720, 500, 360
    c.circle(px, py, r + 30, WHITE, (170, 180, 188), 6)  # the rim
    greens, protein, starch = (120, 180, 90), (226, 140, 110), (236, 200, 130)
    box = (px - r, py - r, px + r, py + r)
    c.pieslice(box, 90, 270, greens)  # the left half
    c.pieslice(box, 270, 360, protein)  # top right
    c.pieslice(box, 0, 90, starch)  # bottom right
    c.line([(px, py - r), (px, py + r)], WHITE, 12)
    c.line([(px, py), (px + r, py)], WHITE, 12)
    # broccoli, a leaf and carrot sticks on the vegetable half
    for bx, by in ((520, 250), (610, 640)):
        c.rect((bx - 16, by, bx + 16, by + 100), (150, 200, 110), (90, 150, 70), 4, radius=10)
        for dx, dy in ((-42, 0), (0, -32), (42, 0), (-22, 28), (22, 28)):
            c.circle(bx + dx, by + dy, 34, (56, 130, 60))
    for i in range(3):
        x0, y0 = 430 + i * 34, 660 - i * 10
        c.line([(x0, y0), (x0 + 70, y0 + 150)], (235, 120, 40), 24)
    c.ellipse((560, 420, 690, 500), (86, 160, 72), (60, 120, 55), 4)
    c.line([(575, 460), (680, 460)], (60, 120, 55), 5)
    # a piece of fish on the protein quarter
    c.ellipse((770, 230, 960, 340), (240, 170, 140), (190, 100, 80), 5)
    c.polygon([(950, 285), (1010, 240), (1010, 330)], (240, 170, 140), (190, 100, 80), 5)
    c.circle(805, 275, 8, INK)
    # rice grains on the starch quarter, around the badge
    for i in range(40):
        gx = 760 + (i * 53) % 280
        gy = 560 + (i * 37) % 240
        if (gx - px - r / 2) ** 2 + (gy - py - r / 2) ** 2 < 85**2 or (gx - px) ** 2 + (gy - py) ** 2 > (
            r - 30
        ) ** 2:
            continue
        c.ellipse((gx - 16, gy - 8, gx + 16, gy + 8), (255, 250, 235), (200, 170, 110), 3)
    # fork and knife
    c.rect((250, 300, 272, 720), (150, 160, 168), radius=10)
    for tine in (236, 254, 272, 290):
        c.rect((tine - 6, 220, tine + 4, 320), (150, 160, 168), radius=4)
    c.rect((1160, 250, 1190, 740), (150, 160, 168), radius=14)
    # a glass of water
    c.polygon([(1250, 260), (1400, 260), (1385, 560), (1265, 560)], (225, 240, 250), (120, 160, 190), 6)
    c.polygon([(1258, 340), (1392, 340), (1385, 560), (1265, 560)], (140, 200, 235))
    # the fractions
    for x, y, words in (
        (px - r / 2, py, "½"),
        (px + r / 2, py - r / 2 + 40, "¼"),
        (px + r / 2, py + r / 2, "¼"),
    ):
        c.circle(x, y, 58, WHITE, INK, 5)
        c.text(x, y, words, 66)
    return c.save("diabetes-plate.png")


def checks() -> Path:
    """Left: a drop of blood from a fingertip on a meter's strip. Right: looking at the sole of
    a foot, with a magnifying glass."""
    c = Canvas(size=(1600, 800), zoom=0.82)
    c.rect((796, 60, 804, 940), (214, 222, 228))
    skin, skin_edge = (232, 190, 160), (170, 120, 90)
    # a finger pointing down from the top left
    c.rect((150, 40, 320, 470), skin, skin_edge, 6, radius=80)
    c.rect((182, 380, 288, 450), (245, 215, 195), radius=40)  # the nail side of the tip
    c.polygon([(235, 490), (205, 545), (265, 545)], (200, 30, 40))  # the drop
    c.circle(235, 555, 32, (200, 30, 40))
    # the meter and its strip
    c.rect((300, 560, 700, 930), (55, 71, 79), radius=50)
    c.rect((345, 600, 655, 770), (200, 230, 201), radius=18)  # the screen
    c.circle(500, 685, 44, (200, 30, 40))  # a drop on the screen
    c.polygon([(500, 610), (462, 668), (538, 668)], (200, 30, 40))
    c.circle(400, 850, 28, (120, 140, 150))
    c.circle(600, 850, 28, (120, 140, 150))
    c.rect((215, 585, 320, 615), (250, 250, 250), (150, 160, 168), 4, radius=6)  # the strip
    # the sole of a foot: wide at the ball, narrow at the arch, round at the heel
    outline = []
    for side in (1, -1):
        steps = range(0, 41) if side == 1 else range(40, -1, -1)
        for i in steps:
            t = i / 40  # 0 at the toes, 1 at the heel
            y = 290 + t * 620
            half = 125 * (1 - 0.25 * t) * max(0.0, 1 - (2 * t - 1) ** 2) ** 0.35
            half -= (45 if side == -1 else 15) * math.exp(-(((t - 0.6) / 0.16) ** 2))  # the arch
            outline.append((1135 + side * half, y))
    c.polygon(outline, skin, skin_edge, 6)
    for tx, ty, tr in ((1050, 280, 42), (1118, 250, 32), (1172, 256, 28), (1218, 276, 24), (1252, 310, 20)):
        c.circle(tx, ty, tr, skin, skin_edge, 5)
    c.circle(1120, 470, 22, (220, 80, 70))  # a red spot to find
    # the magnifying glass over it
    c.line([(1272, 640), (1420, 820)], (90, 70, 50), 44)
    c.circle(1170, 520, 140, None, TEAL, 26)
    c.circle(1170, 520, 126, None, (255, 255, 255), 4)
    check(c, 700, 200)
    check(c, 1480, 160)
    return c.save("diabetes-checks.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for draw in (insulin, plate, checks):
        path = draw()
        print(f"wrote {path.relative_to(OUT.parent.parent)} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
