"""The overview strip beside the scrollbar: the whole document at a glance, with marks.

Mark providers return ``(row, colour, kind)`` triples (annotations, findings, search hits,
non-1:1 beads …). The strip maps rows linearly onto its height (row *n* of *N* at *n/N*), so a
mark's place never moves while row heights are refined. Marks are drawn once into a cached image,
redrawn only when :meth:`marks_changed` is called or the strip is resized; every repaint (each
keypress moves the current-row line) only draws the visible band and the current row over it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from reader.ui.view import ReadingView

Mark = tuple[int, QColor, str]
MarkProvider = Callable[[], list[Mark]]
STRIP_WIDTH = 14


class OverviewStrip(QWidget):
    def __init__(self, view: ReadingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewStrip")
        self.setAccessibleName("Document overview")
        self.setToolTip("Overview: click to jump")
        self.view = view
        self.providers: list[MarkProvider] = []
        self._image: QImage | None = None
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.update())

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 100)

    def marks(self) -> list[Mark]:
        out: list[Mark] = []
        for provider in self.providers:
            out.extend(provider())
        return out

    def marks_changed(self) -> None:
        """The providers' marks changed: redraw them on the next paint."""
        self._image = None
        self.update()

    def _track(self) -> QRectF:
        return QRectF(1, 2, self.width() - 2, max(1, self.height() - 4))

    def _y_of_row(self, row: int) -> float:
        n = max(1, self.view.row_count())
        track = self._track()
        return track.top() + track.height() * row / n

    def _marks_image(self) -> QImage:
        ratio = self.devicePixelRatioF()
        size = self.size() * ratio
        if self._image is not None and self._image.size() == size:
            return self._image
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        n = self.view.row_count()
        track = self._track()
        drawn: set[tuple[int, int]] = set()
        for row, colour, _kind in self.marks():
            if 0 <= row < n:
                y = int(track.top() + track.height() * row / n)
                key = (y, colour.rgba())
                if key not in drawn:  # thousands of marks share a few hundred pixels
                    drawn.add(key)
                    painter.fillRect(QRectF(2, y, self.width() - 4, 3), colour)
        painter.end()
        self._image = image
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.AlternateBase))
        if self.view.row_count():
            visible = self.view.visible_rows()
            top = self._y_of_row(visible.start)
            bottom = self._y_of_row(visible.stop)
            shade = QColor(pal.color(QPalette.ColorRole.Highlight))
            shade.setAlpha(45)
            painter.fillRect(QRectF(0, top, self.width(), max(3.0, bottom - top)), shade)
            painter.drawImage(0, 0, self._marks_image())
            cur_y = self._y_of_row(self.view.current)
            painter.fillRect(QRectF(0, cur_y, self.width(), 2), pal.color(QPalette.ColorRole.Text))
        painter.end()

    def row_at(self, y: float) -> int:
        track = self._track()
        frac = min(1.0, max(0.0, (y - track.top()) / track.height()))
        return min(self.view.row_count() - 1, int(frac * self.view.row_count()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.view.row_count():
            y = event.position().y()
            row = self.row_at(y)
            # snap to a nearby mark so small marks are easy to hit
            best = None
            for mark_row, _c, _k in self.marks():
                distance = abs(self._y_of_row(mark_row) - y)
                if distance <= 4 and (best is None or distance < best[0]):
                    best = (distance, mark_row)
            self.view.set_current(best[1] if best else row)
            self.view.setFocus()
