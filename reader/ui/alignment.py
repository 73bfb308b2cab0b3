"""Alignment in the window: bead marks in the gutter, manual corrections, sentence counterparts.

Corrections (merge, split, move a paragraph, confirm) are the core's pure functions
(:mod:`reader.core.corrections`); this module applies them to the open text, records them as pins
in the document's sidecar so they survive restarts and re-alignment, and keeps them undoable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QTextCharFormat, QTextLayout

from reader.core import corrections as corr
from reader.core.document import Bead
from reader.core.errors import ReaderError
from reader.core.sentences import SentenceBead, align_bead_sentences
from reader.ui.view import format_range

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow

LOW_CONFIDENCE = 0.5
BEAD_COLOUR = QColor("#8e7cc3")
LOW_COLOUR = QColor("#e8590c")
CONFIRMED_COLOUR = QColor("#2b8a3e")


class AlignmentEditor(QObject):
    """Manual corrections of the open text's beads, with their own undo history."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pins: list[Bead] = []
        self._undo: list[tuple[list[Bead], list[Bead]]] = []
        self._redo: list[tuple[list[Bead], list[Bead]]] = []
        window.view.gutter_providers.append(self.gutter_marks)

    def reset(self, pins: list[Bead]) -> None:
        """A newly opened text whose beads already honour ``pins``."""
        self.pins = list(pins)
        self._undo.clear()
        self._redo.clear()

    def gutter_marks(self, row: int) -> list[tuple[QColor, str]]:
        text = self.window.text
        if text is None or self.window.provisional:
            return []
        bead = text.beads[row]
        marks = []
        if bead.confirmed:
            marks.append((CONFIRMED_COLOUR, "✓"))
        if bead.kind != "1-1":
            marks.append((BEAD_COLOUR, bead.kind))
        if bead.score < LOW_CONFIDENCE and not bead.confirmed:
            marks.append((LOW_COLOUR, "?"))
        return marks

    # --- corrections --------------------------------------------------------------------------
    def _apply(self, make: Callable[[list[Bead], int], corr.Edit]) -> bool:
        window = self.window
        text = window.text
        store = window.annotations.store
        if text is None or window.provisional:
            window.statusBar().showMessage("Wait for the alignment to finish", 2500)
            return False
        if store is not None and store.read_only:
            window.statusBar().showMessage("This document is read-only", 2500)
            return False
        row = window.nav_view().current
        try:
            edit = make(list(text.beads), row)
        except (ReaderError, ValueError, IndexError) as exc:
            window.statusBar().showMessage(str(exc), 3000)
            return False
        before = (list(text.beads), list(self.pins))
        self.pins = corr.update_pins(self.pins, edit)
        self._install(edit.beads, row=edit.touched[0] if edit.touched else row)
        self._undo.append(before)
        self._redo.clear()
        window.record_undo("correction")
        return True

    def _install(self, beads: list[Bead], row: int) -> None:
        window = self.window
        window.replace_beads(beads, row)
        store = window.annotations.store
        if store is not None and not store.read_only:
            store.set_alignment(corr.pins_to_json(self.pins))

    def merge(self) -> bool:
        return self._apply(lambda beads, row: corr.merge_with_next(beads, row))

    def split(self) -> bool:
        return self._apply(lambda beads, row: corr.split_row(beads, row))

    def move_first_up(self, side: str) -> bool:
        return self._apply(lambda beads, row: corr.move_first_up(beads, row, side))

    def move_last_down(self, side: str) -> bool:
        return self._apply(lambda beads, row: corr.move_last_down(beads, row, side))

    def toggle_confirmed(self) -> bool:
        text = self.window.text
        if text is None:
            return False
        row = self.window.nav_view().current
        confirmed = not text.beads[row].confirmed
        return self._apply(lambda beads, r: corr.mark_confirmed(beads, r, confirmed))

    def undo(self) -> None:
        if not self._undo or self.window.text is None:
            return
        beads, pins = self._undo.pop()
        self._redo.append((list(self.window.text.beads), list(self.pins)))
        self.pins = pins
        self._install(beads, self.window.nav_view().current)

    def redo(self) -> None:
        if not self._redo or self.window.text is None:
            return
        beads, pins = self._redo.pop()
        self._undo.append((list(self.window.text.beads), list(self.pins)))
        self.pins = pins
        self._install(beads, self.window.nav_view().current)


class SentenceMarker(QObject):
    """Marks the sentence under the mouse (or the clicked one) and its aligned counterpart(s)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active: tuple[int, int] | None = None  # (row, sentence bead index)
        self._cache: dict[int, list[SentenceBead]] = {}
        window.view.decorators.append(self.decorate)
        for view in (window.view, window.view2):
            view.hovered.connect(self.point_at)
            view.rowClicked.connect(self.point_at)

    def reset(self) -> None:
        self._cache.clear()
        self.active = None

    def sentences(self, row: int) -> list[SentenceBead]:
        cached = self._cache.get(row)
        if cached is None:
            text = self.window.text
            assert text is not None
            cached = align_bead_sentences(text.left, text.right, text.beads[row])
            if len(self._cache) > 500:
                self._cache.clear()
            self._cache[row] = cached
        return cached

    def point_at(self, row: int, side: str, paragraph: int, offset: int) -> None:
        if self.window.text is None or row < 0:
            return
        new = None
        for n, sb in enumerate(self.sentences(row)):
            spans = sb.left if side == "left" else sb.right
            if any(s.paragraph == paragraph and s.start <= offset < s.end for s in spans):
                new = (row, n)
                break
        if new != self.active:
            self.active = new
            self.window.refresh_views()

    def counterpart_spans(self) -> dict[str, list[tuple[int, int, int]]]:
        """side → (paragraph, start, end) of the marked sentences."""
        if self.active is None or self.window.text is None:
            return {}
        row, n = self.active
        sentences = self.sentences(row)
        if n >= len(sentences):
            return {}
        sb = sentences[n]
        return {
            "left": [(s.paragraph, s.start, s.end) for s in sb.left],
            "right": [(s.paragraph, s.start, s.end) for s in sb.right],
        }

    def decorate(
        self, row: int, side: str, paragraph: int, text: str
    ) -> list[QTextLayout.FormatRange]:
        if self.active is None or self.active[0] != row:
            return []
        ranges = []
        for p, start, end in self.counterpart_spans().get(side, []):
            if p != paragraph:
                continue
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(self.window.palette().highlight().color())
            back = QColor(self.window.palette().highlight().color())
            back.setAlpha(40)
            fmt.setBackground(back)
            ranges.append(format_range(text, start, end, fmt))
        return ranges
