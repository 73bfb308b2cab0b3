"""The reading view: a virtualised two-column view over a :class:`BeadModel`.

Only rows that are on screen are laid out and painted. Every row has a height: first an estimate
from its character counts, then, once the row has been on screen (or navigated to), its exact
height from a ``QTextLayout`` of each paragraph. Heights sit in a Fenwick tree, so finding the row
at a y position and the y position of a row are O(log n), and refining one height is O(log n). Text
layouts of recently shown rows are cached; nothing is kept per off-screen row but its height.

Other features decorate paragraphs through *decorators* (callables returning format ranges, e.g.
entity or annotation highlights) and the gutter through *gutter providers*, so the paint path stays
in one place.
"""

from __future__ import annotations

import html
import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from reader.core.lang import language_name
from reader.core.offsets import cp_to_u16, u16_to_cp
from reader.ui.model import BeadModel

SIDES = ("left", "right")
ROW_PAD = 8  # vertical padding above and below the text of a row (unscaled px)
COL_GAP = 18  # gap between gutter, columns and the right edge
PARA_GAP = 8  # between stacked paragraphs of one side in a multi-paragraph row
LAYOUT_CACHE_ROWS = 400
NO_DOCUMENT = "No document"  # the view's placeholder when it has no rows
ZOOM_MIN, ZOOM_MAX = -6, 20

FormatRanges = list[QTextLayout.FormatRange]
# decorator(row, side, paragraph index, paragraph text) -> format ranges in UTF-16 units
Decorator = Callable[[int, str, int, str], FormatRanges]
# gutter provider(row) -> list of (colour, short label) marks drawn in the gutter
GutterProvider = Callable[[int], list[tuple[QColor, str]]]


def format_range(text: str, start: int, end: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    """A format range over code points ``start``–``end`` of ``text`` (Qt counts UTF-16 units)."""
    fr = QTextLayout.FormatRange()
    fr.start = cp_to_u16(text, start)
    fr.length = cp_to_u16(text, end) - fr.start
    fr.format = fmt
    return fr


class Fenwick:
    """Prefix sums of row heights with point updates."""

    def __init__(self, values: list[int]) -> None:
        self.n = len(values)
        self.values = list(values)
        tree = [0] * (self.n + 1)
        for i, v in enumerate(values, 1):
            tree[i] += v
            j = i + (i & -i)
            if j <= self.n:
                tree[j] += tree[i]
        self.tree = tree
        self.total = sum(values)

    def set(self, index: int, value: int) -> None:
        delta = value - self.values[index]
        if not delta:
            return
        self.values[index] = value
        self.total += delta
        i = index + 1
        while i <= self.n:
            self.tree[i] += delta
            i += i & -i

    def prefix(self, index: int) -> int:
        """Sum of the first ``index`` values (the y of row ``index``)."""
        s = 0
        i = index
        while i > 0:
            s += self.tree[i]
            i -= i & -i
        return s

    def find(self, y: int) -> int:
        """The row containing y (clamped to the rows)."""
        if self.n == 0:
            return 0
        if y <= 0:
            return 0
        pos = 0
        rem = y
        step = 1 << self.n.bit_length()
        while step:
            nxt = pos + step
            if nxt <= self.n and self.tree[nxt] <= rem:
                pos = nxt
                rem -= self.tree[nxt]
            step >>= 1
        return min(pos, self.n - 1)


@dataclass
class ParaLayout:
    index: int  # paragraph index within its document
    text: str
    layout: QTextLayout
    y: float  # top, relative to the row's text top
    height: float
    heading: bool


@dataclass
class RowLayout:
    height: int
    sides: dict[str, list[ParaLayout]] = field(default_factory=dict)


@dataclass(frozen=True)
class Selection:
    """A text span in one paragraph of one side (UTF-16 offsets into the paragraph)."""

    row: int
    side: str
    paragraph: int
    start: int
    end: int
    text: str

    @property
    def quote(self) -> str:
        return self.text[u16_to_cp(self.text, self.start) : u16_to_cp(self.text, self.end)]

    def cp_range(self) -> tuple[int, int]:
        return u16_to_cp(self.text, self.start), u16_to_cp(self.text, self.end)


class ColumnHeader(QWidget):
    """The strip above the columns naming their languages."""

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self._view = view
        self.setObjectName("columnHeader")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        font = QFont(self._view.base_font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(pal.color(QPalette.ColorRole.WindowText))
        for side in self._view.shown_sides:
            x, w = self._view.column_geometry(side)
            rect = QRectF(x, 0, w, self.height())
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, self._view.side_title(side))
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid)))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()


class ReadingView(QAbstractScrollArea):
    """Two aligned columns of text, one row per bead, with a numbered gutter."""

    currentChanged = Signal(int)
    selectionChanged = Signal()
    rowClicked = Signal(int, str, int, int)  # row, side, paragraph, code-point offset
    hovered = Signal(int, str, int, int)  # the same, for the text under the mouse

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingView")
        self.setAccessibleName("Reading view")
        self.setAccessibleDescription("Aligned paragraphs of the two texts, one pair per row")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.viewport().setAutoFillBackground(False)
        self._model: BeadModel | None = None
        self._after_paint: list[Callable[[], object]] = []
        self._placeholder = NO_DOCUMENT  # shown when there are no rows
        self._current = 0
        self._zoom = 0
        self._font_family = ""
        self._font_size = 0.0
        self._line_spacing = 100
        self._swap = False
        self._shown: tuple[str, ...] = SIDES
        self._fw = Fenwick([])
        self._exact = bytearray()
        # A model reset while the view is hidden waits until it is shown (or asked for
        # positions), so a window's first layout estimates every row once, at its real width.
        self._reset_pending = False
        self._scroll_pending = False
        self._layouts: OrderedDict[int, RowLayout] = OrderedDict()
        self._layout_width = -1
        self._row_chars: list[tuple[int, int, int, int, bool]] = []
        self.decorators: list[Decorator] = []
        self.gutter_providers: list[GutterProvider] = []
        # tooltip provider(row, side, paragraph, code-point offset) -> text or None
        self.tooltip_providers: list[Callable[[int, str, int, int], str | None]] = []
        self.selection: Selection | None = None
        self.extra_selection: Selection | None = None  # Ctrl+drag on the other side
        self._drag: tuple[int, str, int, int, bool] | None = None
        self._hover: tuple[int, str, int, int] | None = None
        self.viewport().setMouseTracking(True)
        self._header = ColumnHeader(self)
        self._gutter_cache: tuple[object, int] = (None, 0)
        self._update_fonts()
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.currentChanged.connect(lambda _row: self.overview_changed())
        self.verticalScrollBar().setSingleStep(24)
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._sync_scrollbar)

    # --- model --------------------------------------------------------------------------------
    def setModel(self, model: BeadModel) -> None:
        if self._model is not None:
            self._model.modelReset.disconnect(self._on_model_reset)
        self._model = model
        model.modelReset.connect(self._on_model_reset)
        self._on_model_reset()

    def model(self) -> BeadModel | None:
        return self._model

    def row_count(self) -> int:
        return self._model.rowCount() if self._model is not None else 0

    @property
    def _fenwick(self) -> Fenwick:
        if self._reset_pending:
            self._flush_reset()
        return self._fw

    def _on_model_reset(self) -> None:
        self._layouts.clear()
        self.selection = None
        self.extra_selection = None
        self._current = min(self._current, max(0, self.row_count() - 1))
        self._reset_pending = True
        if self.isVisible():
            self._flush_reset()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._reset_pending:
            self._flush_reset()

    def _flush_reset(self) -> None:
        self._reset_pending = False
        text = self._model.text if self._model is not None else None
        chars: list[tuple[int, int, int, int, bool]] = []
        cached = getattr(self._model, "_row_chars_cache", None)
        if text is not None and cached is not None and cached[0] is text.beads:
            chars = cached[1]  # the other view of the same model computed them already
        elif text is not None:
            ll = list(map(len, text.left.paragraphs))
            rl = list(map(len, text.right.paragraphs))
            lh, rh = text.left.headings, text.right.headings
            append = chars.append
            for bead in text.beads:
                left, right = bead.left, bead.right
                if len(left) == 1 and len(right) == 1:  # most rows: no sums, no all()
                    i, j = left[0], right[0]
                    append((ll[i], 1, rl[j], 1, i in lh and j in rh))
                    continue
                # BeadModel.is_heading_row, inlined: every paragraph of the row is a heading
                heading = (
                    bool(left or right)
                    and all(i in lh for i in left)
                    and all(j in rh for j in right)
                )
                append(
                    (
                        sum(ll[i] for i in left),
                        len(left),
                        sum(rl[j] for j in right),
                        len(right),
                        heading,
                    )
                )
            self._model._row_chars_cache = (text.beads, chars)  # type: ignore[union-attr]
        self._row_chars = chars
        self._current = min(self._current, max(0, len(chars) - 1))
        self._reset_heights()
        self._header.update()
        self.viewport().update()
        if self._scroll_pending:
            self._scroll_pending = False
            self.ensure_visible(self._current)

    # --- fonts, zoom and geometry -------------------------------------------------------------
    def base_font(self) -> QFont:
        font = QFont(QGuiApplication.font())
        if self._font_family:
            font.setFamily(self._font_family)
        size = self._font_size or font.pointSizeF()
        if size <= 0:
            size = 10.0
        font.setPointSizeF(max(4.0, size * (1.0 + 0.1 * self._zoom)))
        return font

    def _update_fonts(self) -> None:
        self._font = self.base_font()
        self._heading_font = QFont(self._font)
        self._heading_font.setBold(True)
        self._heading_font.setPointSizeF(self._font.pointSizeF() * 1.2)
        self._fm = QFontMetricsF(self._font)
        self._hfm = QFontMetricsF(self._heading_font)
        self._gutter_font = QFont(self._font)
        self._gutter_font.setPointSizeF(self._font.pointSizeF() * 0.85)
        header_h = int(self._fm.height() * 1.8)
        self.setViewportMargins(0, header_h, 0, 0)
        self._header.setFont(self._font)
        self._place_header()

    def _place_header(self) -> None:
        rect = self.contentsRect()
        margins = self.viewportMargins()
        self._header.setGeometry(QRect(rect.left(), rect.top(), rect.width(), margins.top()))

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        steps = max(ZOOM_MIN, min(ZOOM_MAX, steps))
        if steps == self._zoom and self._fenwick.n:
            return
        self._zoom = steps
        self._font_changed()

    def set_font_options(self, family: str, size: float, line_spacing: int) -> None:
        self._font_family, self._font_size = family, size
        self._line_spacing = max(80, min(250, line_spacing))
        self._font_changed()

    def set_swapped(self, swapped: bool) -> None:
        self._swap = swapped
        self._font_changed()

    @property
    def swapped(self) -> bool:
        return self._swap

    def set_shown_sides(self, sides: tuple[str, ...]) -> None:
        """Show both sides, or only ``("left",)`` / ``("right",)``."""
        sides = tuple(s for s in SIDES if s in sides) or SIDES
        if sides == self._shown:
            return
        self._shown = sides
        if self.selection is not None and self.selection.side not in sides:
            self.selection = None
        self._font_changed()

    @property
    def shown_sides(self) -> tuple[str, ...]:
        return self._shown

    def _font_changed(self) -> None:
        anchor = self._top_anchor()
        self._update_fonts()
        self._layouts.clear()
        self._reset_heights(anchor)
        self._header.update()

    def gutter_width(self) -> int:
        digits = max(3, len(str(max(1, self.row_count()))))
        key = (digits, self._gutter_font.key())
        if self._gutter_cache[0] != key:
            self._gutter_cache = (key, int(self._gutter_fm_width("9" * digits) + 30))
        return self._gutter_cache[1]

    def _gutter_fm_width(self, text: str) -> float:
        return QFontMetricsF(self._gutter_font).horizontalAdvance(text)

    def column_width(self) -> int:
        n = len(self._shown)
        free = self.viewport().width() - self.gutter_width() - n * COL_GAP
        return max(80, free // n)

    def column_geometry(self, side: str) -> tuple[int, int]:
        """x and width of a side's column in viewport coordinates (width 0 when hidden)."""
        w = self.column_width()
        first = self.gutter_width()
        if side not in self._shown:
            return first, 0
        if len(self._shown) == 1:
            return first, w
        second = first + w + COL_GAP
        shown_left = (side == "left") != self._swap
        return (first if shown_left else second), w

    def side_title(self, side: str) -> str:
        text = self._model.text if self._model is not None else None
        if text is None:
            return ""
        doc = text.left if side == "left" else text.right
        return f"{language_name(doc.lang)} ({doc.lang})"

    def _line_height(self, fm: QFontMetricsF) -> float:
        return fm.lineSpacing() * self._line_spacing / 100.0

    def _pad(self) -> int:
        return int(ROW_PAD * (1.0 + 0.1 * self._zoom))

    # --- heights ------------------------------------------------------------------------------
    def _estimates(self, width: int) -> list[int]:
        """Estimated height of every row, with the per-font constants computed once."""
        consts = {}
        for heading, fm in ((False, self._fm), (True, self._hfm)):
            per_line = max(1.0, width / max(1.0, fm.averageCharWidth() * 1.05))
            consts[heading] = (per_line, self._line_height(fm))
        pad2 = 2 * self._pad()
        show_left, show_right = "left" in self._shown, "right" in self._shown
        ceil = math.ceil
        out = []
        for lchars, lparas, rchars, rparas, heading in self._row_chars:
            per_line, line_h = consts[heading]
            tallest = 0.0
            if show_left:
                if lparas:
                    lines = max(1, ceil(lchars / per_line) + (lparas - 1) * 0.5)
                    tallest = lines * line_h + (lparas - 1) * PARA_GAP
                else:
                    tallest = line_h
            if show_right:
                if rparas:
                    lines = max(1, ceil(rchars / per_line) + (rparas - 1) * 0.5)
                    h = lines * line_h + (rparas - 1) * PARA_GAP
                else:
                    h = line_h
                if h > tallest:
                    tallest = h
            out.append(int(tallest) + pad2)
        return out

    def _reset_heights(self, anchor: tuple[int, float] | None = None) -> None:
        if self._reset_pending:  # the pending reset estimates everything when it runs
            self._layouts.clear()
            return
        width = self.column_width()
        self._layout_width = width
        self._layouts.clear()
        n = len(self._row_chars)
        self._fw = Fenwick(self._estimates(width))
        self._exact = bytearray(n)
        self._sync_scrollbar()
        if anchor is not None and n:
            row, frac = anchor
            row = min(row, n - 1)
            self._ensure_layout(row)
            y = self._fenwick.prefix(row) + int(frac * self._fenwick.values[row])
            self.verticalScrollBar().setValue(y)
        self.viewport().update()

    def _top_anchor(self) -> tuple[int, float] | None:
        if self._reset_pending or not self._fw.n:
            return None
        y = self.verticalScrollBar().value()
        row = self._fenwick.find(y)
        h = max(1, self._fenwick.values[row])
        return row, (y - self._fenwick.prefix(row)) / h

    def _sync_scrollbar(self) -> None:
        bar = self.verticalScrollBar()
        vh = self.viewport().height()
        bar.setPageStep(max(1, vh))
        bar.setRange(0, max(0, self._fenwick.total - vh))

    def row_top(self, row: int) -> int:
        return self._fenwick.prefix(row)

    def row_height(self, row: int) -> int:
        return self._fenwick.values[row]

    def total_height(self) -> int:
        return self._fenwick.total

    def row_at_document_y(self, y: int) -> int:
        return self._fenwick.find(y)

    def row_at(self, y: int) -> int:
        """The row at viewport y (clamped)."""
        return self._fenwick.find(self.verticalScrollBar().value() + y)

    def _layout_paragraph(
        self, text: str, width: float, heading: bool, formats: FormatRanges | None = None
    ) -> tuple[QTextLayout, float]:
        font = self._heading_font if heading else self._font
        fm = self._hfm if heading else self._fm
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        if formats:
            layout.setFormats(formats)
        line_h = self._line_height(fm)
        y = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y + (line_h - line.height()) / 2))
            y += line_h
        layout.endLayout()
        return layout, max(y, line_h)

    def _ensure_layout(self, row: int) -> RowLayout:
        cached = self._layouts.get(row)
        if cached is not None:
            self._layouts.move_to_end(row)
            return cached
        assert self._model is not None and self._model.text is not None
        text = self._model.text
        bead = text.beads[row]
        width = float(self.column_width())
        sides: dict[str, list[ParaLayout]] = {}
        tallest = self._line_height(self._fm)
        for side in self._shown:
            doc = text.left if side == "left" else text.right
            indices = bead.left if side == "left" else bead.right
            y = 0.0
            items = []
            for n, i in enumerate(indices):
                if n:
                    y += PARA_GAP
                para = doc.paragraphs[i]
                heading = i in doc.headings
                formats: FormatRanges = []
                for decorate in self.decorators:
                    formats.extend(decorate(row, side, i, para))
                layout, h = self._layout_paragraph(para, width, heading, formats)
                items.append(ParaLayout(i, para, layout, y, h, heading))
                y += h
            sides[side] = items
            tallest = max(tallest, y)
        height = math.ceil(tallest) + 2 * self._pad()
        row_layout = RowLayout(height, sides)
        self._layouts[row] = row_layout
        if len(self._layouts) > LAYOUT_CACHE_ROWS:
            self._layouts.popitem(last=False)
        if not self._exact[row] or self._fenwick.values[row] != height:
            self._exact[row] = 1
            if self._fenwick.values[row] != height:
                self._fenwick.set(row, height)
                self._relayout_timer.start()
        return row_layout

    def refresh(self) -> None:
        """Repaint after decorations changed (they are part of the cached layouts)."""
        self._layouts.clear()
        self.viewport().update()

    def overview_changed(self) -> None:
        """Ask the overview strip (if any) to repaint its marks."""
        strip = getattr(self, "overview", None)
        if strip is not None:
            strip.update()

    def invalidate_rows(self, rows: list[int] | None = None) -> None:
        """Drop cached layouts (all, or of ``rows``) after their decorations changed."""
        if rows is None:
            self._layouts.clear()
        else:
            for r in rows:
                self._layouts.pop(r, None)
        self.viewport().update()

    # --- current row and scrolling ------------------------------------------------------------
    @property
    def current(self) -> int:
        return self._current

    def set_current(self, row: int, *, scroll: bool = True, notify: bool = True) -> None:
        """Make ``row`` the current pair; scroll it fully into view unless ``scroll`` is off."""
        n = self.row_count()
        if not n:
            return
        row = max(0, min(n - 1, row))
        changed = row != self._current
        old = self._current
        self._current = row
        if self._reset_pending:  # laid out when shown; scroll there then
            self._scroll_pending = self._scroll_pending or scroll
            if changed and notify:
                self.currentChanged.emit(row)
            return
        bar = self.verticalScrollBar()
        before = (bar.value(), self._fenwick.total)
        if scroll:
            self.ensure_visible(row)
        if before == (bar.value(), self._fenwick.total):
            self._update_row(old)  # nothing moved: repaint the two rows whose highlight changed
            self._update_row(row)
        else:
            self.viewport().update()
        if changed and notify:
            self.currentChanged.emit(row)

    def _update_row(self, row: int) -> None:
        if 0 <= row < self._fenwick.n:
            top = self._fenwick.prefix(row) - self.verticalScrollBar().value()
            self.viewport().update(
                QRect(0, top, self.viewport().width(), self._fenwick.values[row])
            )

    def ensure_visible(self, row: int) -> None:
        """Scroll the least needed to show the whole row (its top when taller than the screen)."""
        self._ensure_layout(row)
        self._sync_scrollbar()
        bar = self.verticalScrollBar()
        top = self._fenwick.prefix(row)
        bottom = top + self._fenwick.values[row]
        vh = self.viewport().height()
        value = bar.value()
        if top < value or bottom - top > vh:
            bar.setValue(top)
        elif bottom > value + vh:
            # lay out the rows that will come into view above, so the target lands exactly
            target = bottom - vh
            r = self._fenwick.find(target)
            while r < row:
                self._ensure_layout(r)
                r += 1
            self._sync_scrollbar()
            bar.setValue(self._fenwick.prefix(row) + self._fenwick.values[row] - vh)

    def page_down(self) -> None:
        """The row one screen below the current row's top (at least the next row)."""
        cur = self._current
        target = self._fenwick.find(self._fenwick.prefix(cur) + self.viewport().height())
        self.set_current(max(cur + 1, target))

    def page_up(self) -> None:
        """The row one screen above the current row's top (at least the previous row)."""
        cur = self._current
        target = self._fenwick.find(self._fenwick.prefix(cur) - self.viewport().height())
        self.set_current(min(cur - 1, target))

    def visible_rows(self) -> range:
        if not self.row_count():
            return range(0)
        top = self.verticalScrollBar().value()
        first = self._fenwick.find(top)
        last = self._fenwick.find(top + self.viewport().height() - 1)
        return range(first, last + 1)

    def _on_scrolled(self, _value: int) -> None:
        self.viewport().update()

    # --- events -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_header()
        if self._reset_pending:
            return
        if self.column_width() != self._layout_width:
            self._reset_heights(self._top_anchor())
        else:
            self._sync_scrollbar()
        self._header.update()

    def sizeHint(self) -> QSize:
        return QSize(1100, 760)

    @property
    def placeholder(self) -> str:
        """The line shown when there are no rows ("No document", "Opening…")."""
        return self._placeholder

    @placeholder.setter
    def placeholder(self, text: str) -> None:
        self._placeholder = text
        self.viewport().update()

    def call_after_paint(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once, from the event loop, after the next frame has been painted
        (the window uses it to finish setting up only once the reader sees text)."""
        self._after_paint.append(callback)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._paint(event)
        if self._after_paint:
            callbacks, self._after_paint = self._after_paint, []
            for callback in callbacks:
                QTimer.singleShot(0, callback)

    def _paint(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        pal = self.palette()
        vp = self.viewport().rect()
        painter.fillRect(vp, pal.color(QPalette.ColorRole.Base))
        gutter_w = self.gutter_width()
        painter.fillRect(
            QRect(0, 0, gutter_w, vp.height()), pal.color(QPalette.ColorRole.AlternateBase)
        )
        if self._model is None or not self.row_count():
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(vp, Qt.AlignmentFlag.AlignCenter, self.placeholder)
            painter.end()
            return
        scroll = self.verticalScrollBar().value()
        exposed = event.rect()
        row = self._fenwick.find(scroll + max(0, exposed.top()))
        y = self._fenwick.prefix(row) - scroll
        n = self.row_count()
        bottom = min(vp.height(), exposed.bottom() + 1)
        while row < n and y < bottom:
            layout = self._ensure_layout(row)
            self._paint_row(painter, row, layout, y, vp.width(), gutter_w)
            y += layout.height
            row += 1
        painter.end()

    def _paint_row(
        self, painter: QPainter, row: int, layout: RowLayout, y: int, width: int, gutter_w: int
    ) -> None:
        pal = self.palette()
        rect = QRect(0, y, width, layout.height)
        if row == self._current:
            colour = QColor(pal.color(QPalette.ColorRole.Highlight))
            colour.setAlpha(60 if self.hasFocus() else 30)
            painter.fillRect(rect.adjusted(gutter_w, 0, 0, 0), colour)
            bar = QColor(pal.color(QPalette.ColorRole.Highlight))
            painter.fillRect(QRect(gutter_w - 4, y, 4, layout.height), bar)
        # separator line
        sep = QColor(pal.color(QPalette.ColorRole.Mid))
        sep.setAlpha(90)
        painter.fillRect(QRect(gutter_w, y + layout.height - 1, width - gutter_w, 1), sep)
        # gutter: pair number and marks
        painter.setFont(self._gutter_font)
        num_colour = pal.color(
            QPalette.ColorRole.Text if row == self._current else QPalette.ColorRole.PlaceholderText
        )
        painter.setPen(num_colour)
        pad = self._pad()
        painter.drawText(
            QRect(0, y + pad, gutter_w - 10, int(self._fm.height())),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(row + 1),
        )
        mark_y = y + pad + int(self._fm.height()) + 2
        for colour, label in self._gutter_marks(row):
            painter.setPen(colour)
            painter.drawText(
                QRect(0, mark_y, gutter_w - 10, int(self._fm.height())),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            mark_y += int(self._fm.height())
        # the columns
        for side in self._shown:
            x, col_w = self.column_geometry(side)
            items = layout.sides.get(side, [])
            if not items:
                painter.setFont(self._font)
                painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
                font = QFont(self._font)
                font.setItalic(True)
                painter.setFont(font)
                painter.drawText(
                    QRect(x, y + pad, col_w, int(self._fm.height())),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    "— no counterpart —",
                )
                continue
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            for para in items:
                ranges = self._format_ranges(row, side, para)
                para.layout.draw(painter, QPointF(x, y + pad + para.y), ranges)

    def _gutter_marks(self, row: int) -> list[tuple[QColor, str]]:
        marks: list[tuple[QColor, str]] = []
        for provider in self.gutter_providers:
            marks.extend(provider(row))
        return marks

    def _format_ranges(self, row: int, side: str, para: ParaLayout) -> FormatRanges:
        # decorations are in the cached layout (setFormats); only selections are drawn here
        ranges: FormatRanges = []
        for sel in (self.selection, self.extra_selection):
            if (
                sel is not None
                and sel.row == row
                and sel.side == side
                and sel.paragraph == para.index
            ):
                fr = QTextLayout.FormatRange()
                fr.start = min(sel.start, sel.end)
                fr.length = abs(sel.end - sel.start)
                fmt = QTextCharFormat()
                fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
                fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
                fr.format = fmt
                ranges.append(fr)
        return ranges

    # --- hit testing and mouse selection ------------------------------------------------------
    def hit_test(self, x: float, y: float) -> tuple[int, str | None, int, int]:
        """(row, side or None, paragraph index, UTF-16 offset) at viewport position x, y."""
        row = self.row_at(int(y))
        if not self.row_count():
            return -1, None, -1, -1
        layout = self._ensure_layout(row)
        top = self._fenwick.prefix(row) - self.verticalScrollBar().value() + self._pad()
        for side in self._shown:
            cx, cw = self.column_geometry(side)
            if not cx - COL_GAP / 2 <= x <= cx + cw + COL_GAP / 2:
                continue
            items = layout.sides.get(side, [])
            if not items:
                return row, side, -1, -1
            local_y = y - top
            para = items[-1]
            for item in items:
                if local_y < item.y + item.height + PARA_GAP / 2:
                    para = item
                    break
            return row, side, para.index, self._cursor_at(para, x - cx, local_y - para.y)
        return row, None, -1, -1

    @staticmethod
    def _cursor_at(para: ParaLayout, x: float, y: float) -> int:
        lay = para.layout
        if lay.lineCount() == 0:
            return 0
        if y < 0:
            return 0
        for i in range(lay.lineCount()):
            line = lay.lineAt(i)
            if y < line.y() + line.height() or i == lay.lineCount() - 1:
                if y > line.y() + line.height() and i == lay.lineCount() - 1:
                    return len(para.text.encode("utf-16-le")) // 2
                return int(line.xToCursor(x))
        return 0

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        row, side, para, offset = self.hit_test(pos.x(), pos.y())
        if row < 0:
            return
        additive = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if additive and self.selection is not None and side != self.selection.side:
            self.extra_selection = None
        else:
            self.selection = None
            self.extra_selection = None
        if side is not None and para >= 0:
            self._drag = (row, side, para, offset, additive)
        else:
            self._drag = None
        self.set_current(row)
        self.viewport().update()
        self.selectionChanged.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            pos = event.position()
            row, side, para, offset = self.hit_test(pos.x(), pos.y())
            if side is not None and para >= 0:
                where = (row, side, para, u16_to_cp(self._paragraph_text(side, para), offset))
                if where != self._hover:
                    self._hover = where
                    self.hovered.emit(*where)
            return
        row, side, para, anchor, additive = self._drag
        pos = event.position()
        offset = self._offset_in(row, side, para, pos.x(), pos.y())
        text = self._paragraph_text(side, para)
        sel = Selection(row, side, para, min(anchor, offset), max(anchor, offset), text)
        if sel.start == sel.end:
            sel_value: Selection | None = None
        else:
            sel_value = sel
        if additive and self.selection is not None and self.selection.side != side:
            self.extra_selection = sel_value
        else:
            self.selection = sel_value
        self.viewport().update()
        self.selectionChanged.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            row, side, para, _anchor, _additive = self._drag
            self._drag = None
            if self.selection is None or self.selection.side != side:
                pos = event.position()
                offset = self._offset_in(row, side, para, pos.x(), pos.y())
                text = self._paragraph_text(side, para)
                self.rowClicked.emit(row, side, para, u16_to_cp(text, offset))
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        row, side, para, offset = self.hit_test(pos.x(), pos.y())
        if side is None or para < 0:
            return
        text = self._paragraph_text(side, para)
        start, end = _word_bounds(text, offset)
        if end > start:
            self.selection = Selection(row, side, para, start, end, text)
            self.extra_selection = None
            self.viewport().update()
            self.selectionChanged.emit()

    def _offset_in(self, row: int, side: str, para: int, x: float, y: float) -> int:
        layout = self._ensure_layout(row)
        cx, _cw = self.column_geometry(side)
        top = self._fenwick.prefix(row) - self.verticalScrollBar().value() + self._pad()
        for item in layout.sides.get(side, []):
            if item.index == para:
                return self._cursor_at(item, x - cx, y - top - item.y)
        return 0

    def _paragraph_text(self, side: str, para: int) -> str:
        assert self._model is not None and self._model.text is not None
        doc = self._model.text.left if side == "left" else self._model.text.right
        return doc.paragraphs[para]

    def clear_selection(self) -> None:
        if self.selection or self.extra_selection:
            self.selection = None
            self.extra_selection = None
            self.viewport().update()
            self.selectionChanged.emit()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row, side, para, offset = self.hit_test(event.pos().x(), event.pos().y())
            tips = []
            if side is not None and para >= 0:
                cp = u16_to_cp(self._paragraph_text(side, para), offset)
                for provider in self.tooltip_providers:
                    tip = provider(row, side, para, cp)
                    if tip:
                        tips.append(tip)
            if tips:
                # document text and notes are user text: escape them, never render them
                body = html.escape("\n\n".join(tips)).replace("\n", "<br>")
                QToolTip.showText(event.globalPos(), f"<p>{body}</p>", self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape clears the selection. The navigation keys normally arrive as the registry's
        shortcuts; when they reach the view itself (no shortcut fired), they still move the
        current pair rather than scroll by pixels."""
        key = event.key()
        if key == Qt.Key.Key_Escape and self.selection is not None:
            self.clear_selection()
            return
        if event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            moves = {
                Qt.Key.Key_Down: lambda: self.set_current(self._current + 1),
                Qt.Key.Key_Up: lambda: self.set_current(self._current - 1),
                Qt.Key.Key_PageDown: self.page_down,
                Qt.Key.Key_PageUp: self.page_up,
                Qt.Key.Key_Home: lambda: self.set_current(0),
                Qt.Key.Key_End: lambda: self.set_current(self.row_count() - 1),
            }
            move = moves.get(Qt.Key(key))
            if move is not None:
                move()
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()


def _word_bounds(text: str, u16_offset: int) -> tuple[int, int]:
    """UTF-16 bounds of the word around a UTF-16 offset."""
    units = text.encode("utf-16-le")
    chars = [units[i : i + 2].decode("utf-16-le", "ignore") for i in range(0, len(units), 2)]
    n = len(chars)
    start = min(u16_offset, n)
    end = start
    while start > 0 and (chars[start - 1].isalnum() or chars[start - 1] in "-_'’"):
        start -= 1
    while end < n and (chars[end].isalnum() or chars[end] in "-_'’"):
        end += 1
    return start, end
