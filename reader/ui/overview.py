"""The overview strip beside the scrollbar: the whole document at a glance, with marks.

Mark providers return ``(row, colour, kind)`` triples (annotations, findings, search hits,
non-1:1 beads …). Marks are placed by the row's position in the document, the visible part is
shaded, and a click jumps to the row under the mouse.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
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
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.update())
        view.verticalScrollBar().rangeChanged.connect(lambda _a, _b: self.update())

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 100)

    def marks(self) -> list[Mark]:
        out: list[Mark] = []
        for provider in self.providers:
            out.extend(provider())
        return out

    def _track(self) -> QRectF:
        return QRectF(1, 2, self.width() - 2, max(1, self.height() - 4))

    def _y_of_row(self, row: int) -> float:
        total = max(1, self.view.total_height())
        track = self._track()
        return track.top() + track.height() * self.view.row_top(row) / total

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.AlternateBase))
        n = self.view.row_count()
        if n:
            total = max(1, self.view.total_height())
            track = self._track()
            bar = self.view.verticalScrollBar()
            top = track.top() + track.height() * bar.value() / total
            height = track.height() * self.view.viewport().height() / total
            shade = QColor(pal.color(QPalette.ColorRole.Highlight))
            shade.setAlpha(45)
            painter.fillRect(QRectF(0, top, self.width(), max(3.0, height)), shade)
            for row, colour, _kind in self.marks():
                if 0 <= row < n:
                    y = self._y_of_row(row)
                    painter.fillRect(QRectF(2, y, self.width() - 4, 3), colour)
            cur_y = self._y_of_row(self.view.current)
            painter.fillRect(QRectF(0, cur_y, self.width(), 2), pal.color(QPalette.ColorRole.Text))
        painter.end()

    def row_at(self, y: float) -> int:
        track = self._track()
        frac = min(1.0, max(0.0, (y - track.top()) / track.height()))
        return self.view.row_at_document_y(int(frac * self.view.total_height()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.view.row_count():
            row = self.row_at(event.position().y())
            # snap to a nearby mark so small marks are easy to hit
            best = None
            for mark_row, _c, _k in self.marks():
                distance = abs(self._y_of_row(mark_row) - event.position().y())
                if distance <= 4 and (best is None or distance < best[0]):
                    best = (distance, mark_row)
            self.view.set_current(best[1] if best else row)
            self.view.setFocus()
