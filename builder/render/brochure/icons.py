"""A theme icon beside a brochure heading or box title, drawn as vector paths."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from builder.theme.icons import ICON_GRID, ICON_SIZE, Icon, icon_room


class WithIcon(Flowable):
    """A paragraph with `icon` before its first line, in `colour`; the paragraph is set
    icon_room() narrower. Kept whole, like the heading or title it marks."""

    def __init__(self, icon: Icon, text: Paragraph, colour: colors.Color):
        super().__init__()
        self.icon, self.text, self.colour = icon, text, colour
        self.size = text.style.fontSize
        self.room = icon_room(self.size)

    def wrap(self, availWidth, availHeight):  # noqa: N803  (ReportLab's names)
        width, height = self.text.wrap(availWidth - self.room, availHeight)
        self.width, self.height = width + self.room, height
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.text.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.text.getSpaceAfter()

    def split(self, availWidth, availHeight):  # noqa: N803
        return []  # a heading or a title moves on whole

    def draw(self) -> None:
        side = self.size * ICON_SIZE
        style = self.text.style
        # The icon's square centred on the first line's capitals.
        first_baseline = self.height - style.leading + self.size * 0.1
        centre = first_baseline + self.size * 0.33
        draw_icon(self.canv, self.icon, 0, centre - side / 2, side, self.colour)
        self.text.drawOn(self.canv, self.room, 0)


def draw_icon(canvas, icon: Icon, x: float, y: float, side: float, colour: colors.Color) -> None:
    """`icon` in a `side`-point square whose bottom left is (x, y)."""
    scale = side / ICON_GRID

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return x + point[0] * scale, y + side - point[1] * scale

    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setFillColor(colour)
    canvas.setLineWidth(icon.stroke * scale)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for shape in icon.shapes:
        if shape.is_circle:
            cx, cy = at(shape.points[0])
            canvas.circle(cx, cy, shape.radius * scale, stroke=0 if shape.fill else 1, fill=1 if shape.fill else 0)
            continue
        path = canvas.beginPath()
        path.moveTo(*at(shape.points[0]))
        for point in shape.points[1:]:
            path.lineTo(*at(point))
        if shape.closed:
            path.close()
        canvas.drawPath(path, stroke=0 if shape.fill else 1, fill=1 if shape.fill else 0)
    canvas.restoreState()
