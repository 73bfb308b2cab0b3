"""The search bar, its incremental search job, the hit highlights and the concordance list."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QWidget,
)

from reader.core.document import ParallelText
from reader.core.errors import ReaderError
from reader.core.search import Hit, Query, compile_query, find_in_text
from reader.ui.view import format_range

BEADS_PER_TICK = 400
CONTEXT = 40
Index = QModelIndex | QPersistentModelIndex


class SearchJob:
    """Finds the hits of one query a slice at a time, so the window never blocks."""

    def __init__(self, text: ParallelText, query: Query) -> None:
        self.text = text
        self.query = query
        self.compiled = compile_query(query)  # raises ReaderError for a bad pattern
        self.next_bead = 0
        self.hits: list[Hit] = []

    @property
    def done(self) -> bool:
        return self.next_bead >= len(self.text.beads)

    def step(self, beads: int = BEADS_PER_TICK) -> list[Hit]:
        sides = ("left", "right") if self.query.scope == "both" else (self.query.scope,)
        new: list[Hit] = []
        stop = min(len(self.text.beads), self.next_bead + beads)
        for b in range(self.next_bead, stop):
            bead = self.text.beads[b]
            for side in sides:
                doc = self.text.left if side == "left" else self.text.right
                for p in bead.left if side == "left" else bead.right:
                    for s, e in find_in_text(doc.paragraphs[p], self.compiled, self.query):
                        new.append(Hit(b, side, p, s, e))
        self.next_bead = stop
        self.hits.extend(new)
        return new


class HitListModel(QAbstractListModel):
    """The concordance: each hit with its context and the counterpart's opening."""

    HitRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Hit] = []
        self.text: ParallelText | None = None

    def reset(self, text: ParallelText | None) -> None:
        self.beginResetModel()
        self.hits = []
        self.text = text
        self.endResetModel()

    def append(self, hits: list[Hit]) -> None:
        if not hits:
            return
        first = len(self.hits)
        self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
        self.hits.extend(hits)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.text is None or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == self.HitRole:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            doc = self.text.left if hit.side == "left" else self.text.right
            other = self.text.right if hit.side == "left" else self.text.left
            para = doc.paragraphs[hit.paragraph]
            before = para[max(0, hit.start - CONTEXT) : hit.start]
            after = para[hit.end : hit.end + CONTEXT]
            bead = self.text.beads[hit.bead]
            counterpart = " ".join(
                other.paragraphs[i] for i in (bead.right if hit.side == "left" else bead.left)
            )
            opening = counterpart[:70] + ("…" if len(counterpart) > 70 else "")
            line = (
                f"{hit.bead + 1:>5} {doc.lang}  …{before}[{para[hit.start : hit.end]}]{after}…"
                f"   ⇄ {other.lang}: {opening or '—'}"
            )
            return line if role == Qt.ItemDataRole.DisplayRole else line.replace("   ⇄ ", "\n⇄ ")
        return None


class SearchBar(QWidget):
    """Ctrl+F bar: pattern, scope and options, a live match count, previous/next."""

    queryChanged = Signal()
    nextRequested = Signal()
    previousRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBar")
        self.setAccessibleName("Search bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText("Search both texts (accents and case ignored)")
        self.edit.setAccessibleName("Search text")
        self.edit.setClearButtonEnabled(True)
        self.scope = QComboBox(self)
        self.scope.setObjectName("searchScope")
        self.scope.setAccessibleName("Search in")
        self.scope.addItem("Both texts", "both")
        self.scope.addItem("Left text", "left")
        self.scope.addItem("Right text", "right")
        self.case = QCheckBox("Match &case", self)
        self.accents = QCheckBox("Match &accents", self)
        self.whole = QCheckBox("&Whole words", self)
        self.regex = QCheckBox("Re&gex", self)
        self.count = QLabel(self)
        self.count.setObjectName("searchCount")
        self.count.setMinimumWidth(110)
        prev_btn = QToolButton(self)
        prev_btn.setText("▲")
        prev_btn.setToolTip("Previous match (Shift+F3, Shift+Enter)")
        prev_btn.setAccessibleName("Previous match")
        next_btn = QToolButton(self)
        next_btn.setText("▼")
        next_btn.setToolTip("Next match (F3, Enter)")
        next_btn.setAccessibleName("Next match")
        close_btn = QToolButton(self)
        close_btn.setText("✕")
        close_btn.setToolTip("Close the search bar (Esc)")
        close_btn.setAccessibleName("Close search")
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.edit, 1)
        for w in (self.scope, self.case, self.accents, self.whole, self.regex, self.count):
            layout.addWidget(w)
        layout.addWidget(prev_btn)
        layout.addWidget(next_btn)
        layout.addWidget(close_btn)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.queryChanged)
        self.edit.textChanged.connect(lambda _t: self._debounce.start())
        for box in (self.case, self.accents, self.whole, self.regex):
            box.toggled.connect(lambda _c: self._debounce.start())
        self.scope.currentIndexChanged.connect(lambda _i: self._debounce.start())
        prev_btn.clicked.connect(self.previousRequested)
        next_btn.clicked.connect(self.nextRequested)
        close_btn.clicked.connect(self.close_bar)

    def query(self) -> Query | None:
        pattern = self.edit.text()
        if not pattern:
            return None
        return Query(
            pattern=pattern,
            regex=self.regex.isChecked(),
            whole_word=self.whole.isChecked(),
            case_sensitive=self.case.isChecked(),
            diacritics_sensitive=self.accents.isChecked(),
            scope=str(self.scope.currentData()),
        )

    def flush(self) -> None:
        """Run a pending (debounced) query change now."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.queryChanged.emit()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previousRequested.emit()
            else:
                self.nextRequested.emit()
            return
        super().keyPressEvent(event)


class SearchController:
    """Runs the search job, keeps hits, highlights them in the view and moves between them."""

    def __init__(self, window: QWidget, bar: SearchBar, results: QListView) -> None:
        from reader.ui.mainwindow import MainWindow

        assert isinstance(window, MainWindow)
        self.window = window
        self.view = window.view
        self.bar = bar
        self.results = results
        self.model = HitListModel()
        results.setModel(self.model)
        self.job: SearchJob | None = None
        self.hits: list[Hit] = []
        self._keys: list[tuple[int, int, int, int]] = []
        self._by_para: dict[tuple[str, int], list[tuple[int, int, int]]] = defaultdict(list)
        self.current_hit = -1
        self._timer = QTimer(window)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        bar.queryChanged.connect(self.restart)
        bar.nextRequested.connect(lambda: self.step(+1))
        bar.previousRequested.connect(lambda: self.step(-1))
        bar.closed.connect(self._on_closed)
        results.activated.connect(self._jump_to_index)
        self.view.decorators.append(self.decorate)

    # --- running ------------------------------------------------------------------------------
    def _clear(self) -> None:
        self._timer.stop()
        self.job = None
        self.hits = []
        self._keys = []
        self._by_para.clear()
        self.current_hit = -1
        self.model.reset(self.window.text)
        self._marks_changed()

    def _marks_changed(self) -> None:
        strip = getattr(self.window, "overview", None)
        if strip is not None:
            strip.marks_changed()

    def restart(self) -> None:
        self._clear()
        query = self.bar.query()
        text = self.window.text
        if query is None or text is None:
            self.bar.count.setText("")
            self.view.refresh()
            return
        try:
            self.job = SearchJob(text, query)
        except ReaderError as exc:
            self.bar.count.setText("⚠ " + str(exc).split(":")[0])
            self.bar.count.setToolTip(str(exc))
            self.view.refresh()
            return
        self.bar.count.setToolTip("")
        self._tick()
        if not self.job.done:
            self._timer.start()

    def finish(self) -> None:
        """Run the current job to its end (tests, and before jumping past the searched part)."""
        while self.job is not None and not self.job.done:
            self._tick()

    def _tick(self) -> None:
        job = self.job
        if job is None:
            self._timer.stop()
            return
        new = job.step()
        for hit in new:
            self._index(hit)
        self.hits.extend(new)
        self.model.append(new)
        if job.done:
            self._timer.stop()
            self.bar.count.setText(_count_text(len(self.hits)))
        else:
            self.bar.count.setText(f"{len(self.hits)}… searching")
        if new:
            self.view.refresh()
            self._marks_changed()

    def _index(self, hit: Hit) -> None:
        self._keys.append(_key(hit))
        self._by_para[(hit.side, hit.paragraph)].append((hit.start, hit.end, len(self._keys) - 1))

    # --- moving -------------------------------------------------------------------------------
    def step(self, direction: int) -> None:
        if self.job is None:
            self.restart()
        self.finish()
        if not self.hits:
            self.window.statusBar().showMessage("No matches", 2000)
            return
        if self.current_hit < 0:
            cur = self.view.current
            if direction > 0:
                i = bisect.bisect_left(self._keys, (cur, -1, -1, -1))
                i = i if i < len(self.hits) else 0
            else:
                i = bisect.bisect_left(self._keys, (cur, -1, -1, -1)) - 1
        else:
            i = self.current_hit + direction
        self.go_to(i % len(self.hits))

    def go_to(self, i: int) -> None:
        self.current_hit = i
        hit = self.hits[i]
        self.view.set_current(hit.bead)
        self.view.refresh()
        self.bar.count.setText(f"{i + 1} of {_count_text(len(self.hits))}")
        self.results.setCurrentIndex(self.model.index(i))

    def _jump_to_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.go_to(index.row())
            self.view.setFocus()

    def _on_closed(self) -> None:
        self._clear()
        self.view.refresh()
        self.view.setFocus()

    # --- painting -----------------------------------------------------------------------------
    def decorate(
        self, row: int, side: str, paragraph: int, text: str
    ) -> list[QTextLayout.FormatRange]:
        spans = self._by_para.get((side, paragraph))
        if not spans:
            return []
        ranges = []
        for start, end, n in spans:
            fmt = QTextCharFormat()
            current = n == self.current_hit
            fmt.setBackground(QColor("#ff9632" if current else "#ffe14d"))
            fmt.setForeground(QColor("#000000"))
            if current:
                fmt.setFontUnderline(True)
            ranges.append(format_range(text, start, end, fmt))
        return ranges

    def overview_marks(self) -> list[tuple[int, QColor, str]]:
        colour = QColor("#e0b000")
        return [(bead, colour, "search") for bead in sorted({h.bead for h in self.hits})]

    def iter_hits(self) -> Iterator[Hit]:
        return iter(self.hits)


def _key(hit: Hit) -> tuple[int, int, int, int]:
    return (hit.bead, 0 if hit.side == "left" else 1, hit.paragraph, hit.start)


def _count_text(n: int) -> str:
    return "no matches" if n == 0 else ("1 match" if n == 1 else f"{n} matches")
