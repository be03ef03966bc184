"""Draw the pictures of the bundled stem cell material (sources/images/msc-*.png).

A developer tool, not part of the builder: the PNGs it makes are committed, so a build never
runs it. It needs only Pillow, which python-pptx already installs, and it draws with the canvas
and the tick and cross of scripts/draw_diabetes_pictures.py, so the two sets look alike (a change
to those changes these pictures too, once redrawn). Re-run it from the repository root after
changing a drawing:

    python scripts/draw_msc_pictures.py

Each picture puts a healthy part on the left, with a tick, beside a worn or injured one on the
right, with a cross. The pictures hold no words, only shapes and those two symbols, so every
translation can use them; what they show is said in each image's caption and alt text in the
source. They are this project's own work, released under CC0 1.0 (see sources/images/README.md).
"""

from __future__ import annotations

import math
from pathlib import Path

from draw_diabetes_pictures import INK, OUT, Canvas, check, cross
from PIL import Image, ImageChops, ImageDraw, ImageFilter

BONE = (238, 226, 200)  # a warm off-white
CARTILAGE = (158, 204, 234)  # a light blue
MUSCLE = (226, 128, 122)  # a soft red
TENDON = (255, 241, 176)  # a pale cream
DISC_CORE = (218, 236, 248)  # the soft middle of a disc
NERVE = (247, 201, 72)  # a nerve, yellow as in most anatomy pictures
TENDON_LINE = (222, 196, 132)  # a tendon's fibres
MUSCLE_LINE = (192, 92, 88)  # a muscle's fibres
BONE_BEHIND = (212, 194, 160)  # bone seen behind another
DIVIDER = (214, 222, 228)
LINE = 8  # the width of every outline


class Picture(Canvas):
    """The diabetes pictures' canvas, drawing with masks: a part is a mask made of simple
    shapes, added, cut and smoothed, then painted with its colour and an outline all round."""

    def mask(self) -> Image.Image:
        return Image.new("L", self.image.size, 0)

    def _d(self, distance):
        return distance * self.zoom

    def ellipse_mask(self, box) -> Image.Image:
        m = self.mask()
        ImageDraw.Draw(m).ellipse(self._box(box), fill=255)
        return m

    def rect_mask(self, box, radius=0) -> Image.Image:
        m = self.mask()
        ImageDraw.Draw(m).rounded_rectangle(self._box(box), radius=self._w(radius), fill=255)
        return m

    def polygon_mask(self, points) -> Image.Image:
        m = self.mask()
        ImageDraw.Draw(m).polygon([self._xy(x, y) for x, y in points], fill=255)
        return m

    def stroke_mask(self, points, width) -> Image.Image:
        """A thick line through points with round ends and joints."""
        m = self.mask()
        draw = ImageDraw.Draw(m)
        xy = [self._xy(x, y) for x, y in points]
        draw.line(xy, fill=255, width=self._w(width), joint="curve")
        r = self._d(width) / 2
        for x, y in (xy[0], xy[-1]):
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
        return m

    def _blur(self, m, distance):
        return m.filter(ImageFilter.GaussianBlur(max(0.5, self._d(distance) / 2)))

    def grow(self, m, distance) -> Image.Image:
        """The mask made larger by distance all round (a blur, cut low)."""
        return self._blur(m, distance).point(lambda v: 255 if v >= 6 else 0)

    def shrink(self, m, distance) -> Image.Image:
        return ImageChops.invert(self.grow(ImageChops.invert(m), distance))

    def smooth(self, m, radius) -> Image.Image:
        """The mask with its corners rounded off, about radius."""
        return self._blur(m, radius * 2).point(lambda v: 255 if v >= 128 else 0)

    def paint(self, m, fill, width=LINE):
        """Fill the mask, then outline it: the line runs half inside, half outside its edge."""
        self.image.paste(fill, (0, 0), m)
        if width:
            edge = self._blur(m, width / 2).point(lambda v: 255 if 6 <= v <= 249 else 0)
            self.image.paste(INK, (0, 0), edge)


def union(*masks):
    out = masks[0]
    for m in masks[1:]:
        out = ImageChops.lighter(out, m)
    return out


def minus(a, b):
    return ImageChops.subtract(a, b)


def both(a, b):
    return ImageChops.darker(a, b)


def oval(cx, cy, rx, ry, angle=0.0, steps=72):
    """The points of an ellipse turned by angle (degrees)."""
    a = math.radians(angle)
    return [
        (
            cx + rx * math.cos(t) * math.cos(a) - ry * math.sin(t) * math.sin(a),
            cy + rx * math.cos(t) * math.sin(a) + ry * math.sin(t) * math.cos(a),
        )
        for t in (2 * math.pi * i / steps for i in range(steps))
    ]


def path(start, *segments, steps=24):
    """The points of a path from start: each segment is a point (a straight line to it) or
    three (a cubic Bezier curve through two handles to the last)."""
    out = [start]
    for segment in segments:
        if isinstance(segment[0], (int, float)):
            out.append(segment)
            continue
        (ax, ay), (bx, by), (dx, dy) = segment
        ox, oy = out[-1]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            out.append(
                (
                    u**3 * ox + 3 * u * u * t * ax + 3 * u * t * t * bx + t**3 * dx,
                    u**3 * oy + 3 * u * u * t * ay + 3 * u * t * t * by + t**3 * dy,
                )
            )
    return out


def along(curve):
    """How far along the curve each of its points lies, from 0 at its start to 1 at its end."""
    out = [0.0]
    for (ax, ay), (bx, by) in zip(curve, curve[1:]):
        out.append(out[-1] + math.hypot(bx - ax, by - ay))
    return [d / (out[-1] or 1.0) for d in out]


def offset(curve, thickness, centre):
    """The curve pushed away from centre by thickness(t), t running from 0 to 1 along it."""
    out, last = [], len(curve) - 1
    for i, ((x, y), t) in enumerate(zip(curve, along(curve))):
        (ax, ay), (bx, by) = curve[max(i - 1, 0)], curve[min(i + 1, last)]
        nx, ny = by - ay, ax - bx
        size = math.hypot(nx, ny) or 1.0
        nx, ny = nx / size, ny / size
        if nx * (x - centre[0]) + ny * (y - centre[1]) < 0:
            nx, ny = -nx, -ny
        d = thickness(t)
        out.append((x + nx * d, y + ny * d))
    return out


def band(curve, thickness, centre):
    """A layer over the curve on its side away from centre, thickness(t) deep: cartilage."""
    return curve + offset(curve, thickness, centre)[::-1]


def panels(c: Canvas):
    c.rect((796, 60, 804, 940), DIVIDER)


# -- the knee ----------------------------------------------------------------------------------


def femur(cx, b):
    """The thigh bone's lower end from the side, the knee's front to the left, its lowest point
    at b: (its outline, the stretch of it that cartilage covers)."""
    end = path(
        (cx + 140, b - 90),
        ((cx + 134, b - 40), (cx + 100, b - 4), (cx + 40, b)),
        ((cx - 20, b + 4), (cx - 70, b - 20), (cx - 90, b - 60)),
        ((cx - 100, b - 84), (cx - 104, b - 110), (cx - 100, b - 140)),
    )
    shaft = path(
        (cx - 100, b - 140),
        ((cx - 92, b - 200), (cx - 60, b - 250), (cx - 56, b - 320)),
        (cx - 56, 125),
        ((cx - 56, 95), (cx - 30, 86), (cx, 86)),
        ((cx + 30, 86), (cx + 56, 95), (cx + 56, 125)),
        (cx + 56, b - 320),
        ((cx + 56, b - 250), (cx + 100, b - 210), (cx + 124, b - 170)),
        ((cx + 140, b - 146), (cx + 144, b - 120), (cx + 140, b - 90)),
    )
    return end + shaft[1:], end


def tibia(cx, t):
    """The shin bone's upper end from the side, its top at t: (outline, cartilage's stretch)."""
    end = path(
        (cx - 142, t + 24),
        ((cx - 140, t + 6), (cx - 130, t + 2), (cx - 110, t + 1)),
        ((cx - 40, t - 4), (cx + 60, t - 4), (cx + 120, t + 1)),
        ((cx + 138, t + 2), (cx + 146, t + 10), (cx + 146, t + 26)),
    )
    shaft = path(
        (cx + 146, t + 26),
        ((cx + 146, t + 70), (cx + 60, t + 150), (cx + 52, t + 260)),
        (cx + 52, 875),
        ((cx + 52, 905), (cx - 52, 905), (cx - 52, 875)),
        (cx - 52, t + 320),
        ((cx - 56, t + 250), (cx - 150, t + 200), (cx - 154, t + 140)),  # the bump in front
        ((cx - 158, t + 90), (cx - 140, t + 60), (cx - 142, t + 24)),
    )
    return end + shaft[1:], end


def fibula(c: Picture, cx, top):
    """The thin bone beside the shin bone, seen behind it."""
    parts = [
        c.ellipse_mask((cx + 74, top + 100, cx + 160, top + 170)),
        c.rect_mask((cx + 98, top + 130, cx + 136, 895), radius=19),
    ]
    return c.smooth(union(*parts), 10)


def taper(thickness, ends=0.18):
    """thickness(t), falling smoothly to nothing over the first and last `ends` of the curve."""

    def at(t):
        u = min(1.0, t / ends, (1 - t) / ends)
        return thickness(t) * (3 * u * u - 2 * u * u * u)

    return at


def pieces(curve, keep):
    """The runs of the curve's points whose flags in keep are true."""
    out, run = [], []
    for point, kept in zip(curve, keep):
        if kept:
            run.append(point)
        elif run:
            out.append(run)
            run = []
    return out + ([run] if run else [])


def knee() -> Path:
    """Left: a healthy knee, a thick smooth layer of cartilage on each bone end and a clear gap
    between them. Right: osteoarthritis, the cartilage thin and worn through in places, the
    bones nearly touching, bone spurs at the edges."""
    c = Picture()
    panels(c)
    for left, healthy in ((0, True), (800, False)):
        cx = left + 410
        fem_bottom = 470 if healthy else 496
        tib_top = fem_bottom + (80 if healthy else 28)
        fem, fem_end = femur(cx, fem_bottom)
        tib, tib_end = tibia(cx, tib_top)
        fem_centre, tib_centre = (cx + 20, fem_bottom - 120), (cx, tib_top + 120)
        c.paint(fibula(c, cx, tib_top), BONE_BEHIND)
        # the kneecap in front, and the tendon from it to the bump on the shin bone
        tendon = [
            (cx - 182, fem_bottom - 120),
            (cx - 134, fem_bottom - 120),
            (cx - 136, tib_top + 140),
            (cx - 170, tib_top + 140),
        ]
        c.paint(c.smooth(c.polygon_mask(tendon), 6), TENDON)
        fem_mask, tib_mask = c.polygon_mask(fem), c.polygon_mask(tib)
        if not healthy:  # lips of extra bone at the worn ends' edges
            f, t = fem_bottom, tib_top
            spur = [(cx + 116, f - 130), (cx + 178, f - 104), (cx + 176, f - 90), (cx + 128, f - 74)]
            fem_mask = union(fem_mask, c.smooth(c.polygon_mask(spur), 5))
            spur = [
                (cx + 96, t + 4),
                (cx + 160, t - 6),
                (cx + 186, t - 20),
                (cx + 180, t + 6),
                (cx + 148, t + 54),
            ]
            tib_mask = union(tib_mask, c.smooth(c.polygon_mask(spur), 5))
        c.paint(fem_mask, BONE)
        c.paint(tib_mask, BONE)
        c.paint(c.polygon_mask(oval(cx - 154, fem_bottom - 160, 32, 68, angle=8)), BONE)
        if healthy:
            for curve, centre in ((fem_end, fem_centre), (tib_end, tib_centre)):
                c.paint(c.polygon_mask(band(curve, taper(lambda t: 26), centre)), CARTILAGE)
        else:  # thin, uneven, worn through where the bones meet
            uneven = lambda t: 14 + 4 * math.sin(13 * t)
            kept = (
                (fem_end, fem_centre, [not cx - 30 < x < cx + 80 for x, _ in fem_end]),
                (tib_end, tib_centre, [x < cx - 30 for x, _ in tib_end]),
            )
            for curve, centre, keep in kept:
                for piece in pieces(curve, keep):
                    c.paint(c.polygon_mask(band(piece, taper(uneven, 0.25), centre)), CARTILAGE, 4)
        (check if healthy else cross)(c, left + 690, 880)
    return c.save("msc-knee-joint.png")


# -- the spine ---------------------------------------------------------------------------------


def vertebra(c: Picture, x0, x1, y0, h, spurs=()):
    """A vertebra from the side, its front to the left: the block of bone (the body) from x0 to
    x1 and y0 to y0 + h, and behind it the arch of bone with its spine pointing back."""
    r = 26
    body = path(
        (x0 + r, y0),
        (x1 - r, y0),
        ((x1 - r / 2, y0), (x1, y0 + r / 2), (x1, y0 + r)),
        ((x1 - 12, y0 + h * 0.4), (x1 - 12, y0 + h * 0.6), (x1, y0 + h - r)),
        ((x1, y0 + h - r / 2), (x1 - r / 2, y0 + h), (x1 - r, y0 + h)),
        (x0 + r, y0 + h),
        ((x0 + r / 2, y0 + h), (x0, y0 + h - r / 2), (x0, y0 + h - r)),
        ((x0 + 16, y0 + h * 0.6), (x0 + 16, y0 + h * 0.4), (x0, y0 + r)),
        ((x0, y0 + r / 2), (x0 + r / 2, y0), (x0 + r, y0)),
    )
    arch = union(
        c.rect_mask((x1 - 40, y0 + 34, x1 + 100, y0 + 104)),  # the bridge back to the arch
        c.rect_mask((x1 + 76, y0 - 18, x1 + 140, y0 + h + 18), radius=28),  # its joints above and below
        c.polygon_mask(
            [
                (x1 + 120, y0 + 40),
                (x1 + 250, y0 + 96),
                (x1 + 262, y0 + 130),
                (x1 + 250, y0 + 170),
                (x1 + 120, y0 + 180),
            ]
        ),
    )
    bone = c.smooth(union(arch, c.polygon_mask(body)), 5)
    for sx, sy, dx, dy in spurs:  # a lip of extra bone at a corner, pointing along (dx, dy)
        lip = [
            (sx - dy * 22 - dx * 20, sy + dx * 22 - dy * 20),
            (sx + dx * 46, sy + dy * 46),
            (sx + dy * 22 - dx * 20, sy - dx * 22 - dy * 20),
        ]
        bone = union(bone, c.smooth(c.polygon_mask(lip), 7))
    return bone


def disc(x0, x1, y, h, bulge_front, bulge_back):
    """A disc between two vertebrae from the side, reaching a little into both."""
    return path(
        (x0 + 20, y - 12),
        (x1 - 20, y - 12),
        ((x1 + bulge_back, y - 4), (x1 + bulge_back, y + h + 4), (x1 - 20, y + h + 12)),
        (x0 + 20, y + h + 12),
        ((x0 - bulge_front, y + h + 4), (x0 - bulge_front, y - 4), (x0 + 20, y - 12)),
    )


def spine() -> Path:
    """Left: two vertebrae with a plump disc between them and the nerve well clear of it.
    Right: the disc worn thin and flattened, the bones closer, the disc bulging back against
    the nerve, small spurs of bone at the corners."""
    c = Picture()
    panels(c)
    for left, healthy in ((0, True), (800, False)):
        x0, x1 = left + 120, left + 410
        h = 210
        low = 500  # the lower vertebra's top: it stays put, the upper one sinks
        gap = 96 if healthy else 40
        high = low - gap - h
        nerve_x = x1 + 44
        spurs_high = () if healthy else ((x0 + 6, high + h - 10, -0.8, 0.6),)
        spurs_low = () if healthy else ((x0 + 6, low + 10, -0.8, -0.6),)
        if healthy:
            c.paint(c.polygon_mask(disc(x0, x1, high + h, gap, 10, 10)), CARTILAGE)
            c.paint(c.ellipse_mask((x0 + 110, high + h + 22, x1 - 60, low - 22)), DISC_CORE, 5)
            bend = [(nerve_x, 110), (nerve_x, 880)]
        else:
            c.paint(c.polygon_mask(disc(x0, x1, high + h, gap, 16, 92)), CARTILAGE)
            y = high + h + gap / 2
            bend = path(
                (nerve_x, 110),
                (nerve_x, y - 130),
                ((nerve_x, y - 60), (nerve_x + 34, y - 40), (nerve_x + 34, y)),
                ((nerve_x + 34, y + 40), (nerve_x, y + 60), (nerve_x, y + 130)),
                (nerve_x, 880),
            )
        # the bones over the disc's edges; the lower first, as the upper one's joint is in front
        c.paint(vertebra(c, x0, x1, low, h, spurs_low), BONE)
        c.paint(vertebra(c, x0, x1, high, h, spurs_high), BONE)
        if not healthy:  # cracks in the worn disc
            for crack in (
                (x0 + 90, high + h + 12, x0 + 130, low - 12),
                (x1 - 110, high + h + 14, x1 - 60, low - 10),
            ):
                c.line([crack[:2], crack[2:]], INK, 5)
        c.paint(c.smooth(c.stroke_mask(bend, 26), 4), NERVE)
        (check if healthy else cross)(c, left + 690, 880)
    return c.save("msc-spinal-disc.png")


# -- the heel ----------------------------------------------------------------------------------


def foot_bones(c: Picture, x):
    """The shin bone, the thin bone behind it, and the bones of the foot from the side, the toes
    to the left; the last is the heel bone."""
    fibula = union(
        c.rect_mask((x + 478, 130, x + 512, 600), radius=17), c.ellipse_mask((x + 466, 560, x + 520, 640))
    )
    tibia = path(
        (x + 410, 120),
        ((x + 410, 96), (x + 420, 88), (x + 445, 88)),
        ((x + 470, 88), (x + 480, 96), (x + 480, 120)),
        (x + 482, 520),
        ((x + 484, 560), (x + 500, 580), (x + 500, 610)),
        ((x + 470, 616), (x + 420, 616), (x + 396, 612)),
        ((x + 380, 630), (x + 384, 600), (x + 400, 560)),
        ((x + 408, 530), (x + 410, 500), (x + 410, 480)),
    )
    talus = union(
        c.ellipse_mask((x + 380, 600, x + 520, 700)),
        c.polygon_mask([(x + 400, 640), (x + 340, 650), (x + 340, 700), (x + 420, 690)]),
    )
    midfoot = c.polygon_mask([(x + 270, 650), (x + 350, 644), (x + 366, 716), (x + 300, 736), (x + 262, 704)])
    long_bone = c.stroke_mask([(x + 290, 700), (x + 196, 762)], 46)
    toe = c.stroke_mask([(x + 178, 774), (x + 128, 790)], 34)
    heel = union(
        c.ellipse_mask((x + 450, 670, x + 610, 810)),  # the round back of the heel
        c.polygon_mask([(x + 380, 700), (x + 520, 680), (x + 540, 790), (x + 420, 780), (x + 370, 740)]),
    )
    return [
        c.smooth(fibula, 6),
        c.polygon_mask(tibia),
        c.smooth(midfoot, 10),
        long_bone,
        toe,
        c.smooth(talus, 8),
        c.smooth(heel, 10),
    ]


def calf(c: Picture, x):
    """The calf muscle behind the shin bone, tapering down into its tendon."""
    return c.polygon_mask(
        path(
            (x + 520, 110),
            ((x + 560, 90), (x + 640, 100), (x + 668, 160)),
            ((x + 700, 230), (x + 690, 330), (x + 650, 400)),
            ((x + 630, 436), (x + 604, 470), (x + 584, 500)),
            ((x + 560, 470), (x + 530, 420), (x + 516, 360)),
            ((x + 500, 280), (x + 500, 160), (x + 520, 110)),
        )
    )


def fibres(c: Picture, inside, strokes, colour, width=4):
    """Thin lines inside a part, kept clear of its outline: the grain of muscle or tendon."""
    lines = union(*(c.stroke_mask(points, width) for points in strokes))
    c.image.paste(colour, (0, 0), both(lines, c.shrink(inside, LINE)))


def heel() -> Path:
    """Left: the calf muscle joined to the heel bone by a smooth, even tendon. Right: the tendon
    thickened above the heel, its fibres frayed."""
    c = Picture()
    panels(c)
    for left, healthy in ((0, True), (800, False)):
        x = left + 20
        bones = foot_bones(c, x)
        c.paint(bones[0], BONE_BEHIND)
        for bone in bones[1:-1]:
            c.paint(bone, BONE)
        if healthy:
            tendon = c.polygon_mask([(x + 562, 380), (x + 602, 380), (x + 604, 720), (x + 566, 720)])
            grain = [[(x + 576 + dx, 470), (x + 579 + dx, 690)] for dx in (0, 12)]
        else:
            mid = 610
            tendon = c.polygon_mask(
                path(
                    (x + 562, 380),
                    (x + 602, 380),
                    ((x + 603, 500), (x + 640, 540), (x + 640, mid)),
                    ((x + 640, 660), (x + 604, 680), (x + 604, 720)),
                    (x + 566, 720),
                    ((x + 566, 680), (x + 548, 660), (x + 548, mid)),
                    ((x + 548, 540), (x + 562, 500), (x + 562, 380)),
                )
            )
            for nx, ny, side in ((640, 572, 1), (640, 634, 1), (548, 598, -1), (549, 652, -1)):
                notch = [
                    (x + nx + side * 10, ny - 14),
                    (x + nx - side * 14, ny),
                    (x + nx + side * 10, ny + 12),
                ]
                tendon = minus(tendon, c.polygon_mask(notch))  # ragged edges
            grain = [  # fibres that wander and break
                [(x + 574, 470), (x + 566, 540), (x + 576, 580)],
                [(x + 584, 604), (x + 572, 650), (x + 580, 690)],
                [(x + 592, 470), (x + 606, 540), (x + 602, 580)],
                [(x + 614, 600), (x + 604, 650)],
            ]
        tendon = c.smooth(tendon, 4)
        c.paint(tendon, TENDON)
        fibres(c, tendon, grain, TENDON_LINE)
        if not healthy:  # loose threads where it frays
            for thread in (
                [(x + 638, 552), (x + 658, 540), (x + 670, 544)],
                [(x + 642, 604), (x + 664, 602), (x + 674, 592)],
                [(x + 636, 654), (x + 656, 668)],
            ):
                c.line(thread, INK, 4)
        c.paint(bones[-1], BONE)  # the heel bone, over the tendon's end
        muscle = calf(c, x)
        c.paint(muscle, MUSCLE)
        fibres(
            c,
            muscle,
            [
                [(x + 540, 160), (x + 546, 300), (x + 574, 430)],
                [(x + 590, 130), (x + 610, 270), (x + 590, 440)],
                [(x + 640, 170), (x + 652, 280), (x + 620, 400)],
            ],
            MUSCLE_LINE,
        )
        (check if healthy else cross)(c, left + 690, 880)
    return c.save("msc-tendon.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for draw in (knee, spine, heel):
        path = draw()
        print(f"wrote {path.relative_to(OUT.parent.parent)} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
