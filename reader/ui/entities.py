"""Entities in the window: highlights by kind, the legend, click-to-counterpart, check findings,
and the user glossary. Recognition, linking and checking are the core's (reader.core.entities);
this module only asks for what is on screen and paints it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core import entities as ent
from reader.core.document import ParallelText
from reader.core.lang import language_name
from reader.ui.view import format_range

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow

FINDING_COLOUR = QColor("#d9480f")
SLICE_MS = 4.0


class CheckTask(QObject):
    """Runs the number/date check over all beads in slices of the GUI thread's idle time.

    A Python thread would hold the interpreter lock against the GUI (keypresses waited up to
    hundreds of milliseconds while it ran); slices of at most ``SLICE_MS`` keep the window
    responsive and need no locking. Findings arrive in batches through ``found``.
    """

    found = Signal(object, int)  # list[Finding], beads checked so far
    done = Signal()

    def __init__(self, text: ParallelText, glossary: ent.Glossary, parent: QObject | None = None):
        super().__init__(parent)
        self.text = text
        self.glossary = glossary
        self.cancelled = False
        self.next_bead = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.step)

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self.cancelled = True
        self._timer.stop()

    @property
    def finished(self) -> bool:
        return self.next_bead >= len(self.text.beads)

    def step(self, budget_ms: float = SLICE_MS) -> None:
        """Check beads until ``budget_ms`` is spent; report what was found."""
        if self.cancelled:
            return
        deadline = time.perf_counter() + budget_ms / 1000
        n = len(self.text.beads)
        batch: list[ent.Finding] = []
        while self.next_bead < n:
            batch.extend(ent.check_bead(self.text, self.next_bead, self.glossary))
            self.next_bead += 1
            if time.perf_counter() >= deadline:
                break
        self.found.emit(batch, self.next_bead)
        if self.finished:
            self._timer.stop()
            self.done.emit()

    def run_to_end(self) -> None:
        while not self.cancelled and not self.finished:
            self.step(budget_ms=1000)


class EntityController(QObject):
    """Connects the core's entities to the reading views."""

    findingsChanged = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.glossary = ent.Glossary.load(window.data_dir)
        self.enabled = True
        self.hidden: set[str] = set()
        self.selected: tuple[int, str, int] | None = None  # (row, side, entity index in bead)
        self.findings: dict[int, list[ent.Finding]] = {}
        self.check_complete = False
        self._task: CheckTask | None = None
        self._beads: dict[int, ent.BeadEntities] = {}
        view = window.view
        view.decorators.append(self.decorate)
        view.gutter_providers.append(self.gutter_marks)
        for v in (window.view, window.view2):
            v.rowClicked.connect(self.on_click)
            v.tooltip_providers.append(self.tooltip)

    # --- data ---------------------------------------------------------------------------------
    def reset(self) -> None:
        """A new text (or new beads, or a changed glossary): drop caches and re-run the check."""
        self._beads.clear()
        self.selected = None
        self.findings = {}
        self.check_complete = False
        if self._task is not None:
            self._task.cancel()
            self._task = None
        text = self.window.text
        if text is not None and text.beads:
            task = CheckTask(text, self.glossary, self)
            task.found.connect(lambda found, _n, t=task: self._on_found(t, found))
            task.done.connect(lambda t=task: self._on_done(t))
            self._task = task
            task.start()
        self.findingsChanged.emit()
        self.window.refresh_views()

    def _on_found(self, task: CheckTask, found: list[ent.Finding]) -> None:
        if task is not self._task:
            return
        for finding in found:
            self.findings.setdefault(finding.bead, []).append(finding)
        if found:
            self.findingsChanged.emit()
            self.window.refresh_views()

    def _on_done(self, task: CheckTask) -> None:
        if task is self._task:
            self.check_complete = True
            self._task = None
            self.findingsChanged.emit()

    def wait_for_check(self) -> None:
        """Run the rest of the check now (tests, and a user who asks for the findings list)."""
        if self._task is not None:
            self._task.run_to_end()

    def shutdown(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def bead(self, row: int) -> ent.BeadEntities:
        cached = self._beads.get(row)
        if cached is None:
            text = self.window.text
            assert text is not None
            cached = ent.bead_entities(text, row, self.glossary)
            if len(self._beads) > 2000:
                self._beads.clear()
            self._beads[row] = cached
        return cached

    def entity_at(self, row: int, side: str, paragraph: int, offset: int) -> int | None:
        items = self.bead(row).left if side == "left" else self.bead(row).right
        for n, (p, e) in enumerate(items):
            if p == paragraph and e.start <= offset < e.end and e.kind not in self.hidden:
                return n
        return None

    # --- painting -----------------------------------------------------------------------------
    def decorate(
        self, row: int, side: str, paragraph: int, text: str
    ) -> list[QTextLayout.FormatRange]:
        if not self.enabled or self.window.text is None:
            return []
        be = self.bead(row)
        items = be.left if side == "left" else be.right
        lit: set[int] = set()
        if self.selected is not None and self.selected[0] == row:
            _row, sel_side, sel_index = self.selected
            if sel_side == side:
                lit.add(sel_index)
            else:
                lit.update(be.counterparts(sel_side, sel_index))
        ranges = []
        for n, (p, e) in enumerate(items):
            if p != paragraph or e.kind in self.hidden:
                continue
            colour = QColor(ent.KIND_COLOURS.get(e.kind, "#888888"))
            fmt = QTextCharFormat()
            back = QColor(colour)
            back.setAlpha(200 if n in lit else 70)
            fmt.setBackground(back)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(colour)
            if n in lit:
                fmt.setFontWeight(700)
                fmt.setForeground(QColor("#000000"))
            ranges.append(format_range(text, e.start, e.end, fmt))
        return ranges

    def gutter_marks(self, row: int) -> list[tuple[QColor, str]]:
        found = self.findings.get(row)
        return [(FINDING_COLOUR, "⚠")] if found else []

    def overview_marks(self) -> list[tuple[int, QColor, str]]:
        return [(row, FINDING_COLOUR, "finding") for row in self.findings]

    def tooltip(self, row: int, side: str, paragraph: int, offset: int) -> str | None:
        if not self.enabled:
            return None
        n = self.entity_at(row, side, paragraph, offset)
        if n is None:
            return None
        be = self.bead(row)
        _p, e = (be.left if side == "left" else be.right)[n]
        tip = ent.describe(e)
        others = be.counterparts(side, n)
        if others:
            other_items = be.right if side == "left" else be.left
            tip += "\nLinked to: " + ", ".join(f"“{other_items[j][1].text}”" for j in others)
        lines = [tip]
        for finding in self.findings.get(row, []):
            lines.append(_finding_text(finding, self.window.text))
        return "\n".join(lines)

    # --- interaction --------------------------------------------------------------------------
    def on_click(self, row: int, side: str, paragraph: int, offset: int) -> None:
        n = self.entity_at(row, side, paragraph, offset) if self.enabled else None
        new = (row, side, n) if n is not None else None
        if new != self.selected:
            self.selected = new
            self.window.refresh_views()

    def lit_counterparts(self) -> list[ent.Entity]:
        """The entities of the other column lit up by the selected entity."""
        if self.selected is None:
            return []
        row, side, n = self.selected
        be = self.bead(row)
        others = be.right if side == "left" else be.left
        return [others[j][1] for j in be.counterparts(side, n)]

    def flagged_rows(self) -> list[int]:
        return sorted(self.findings)

    def jump_finding(self, direction: int) -> None:
        rows = self.flagged_rows()
        if not rows:
            pending = "" if self.check_complete else " (still checking…)"
            self.window.statusBar().showMessage("No flagged pairs" + pending, 2500)
            return
        cur = self.window.nav_view().current
        if direction > 0:
            later = [r for r in rows if r > cur]
            target = later[0] if later else rows[0]
        else:
            earlier = [r for r in rows if r < cur]
            target = earlier[-1] if earlier else rows[-1]
        self.window.nav_view().set_current(target)
        self.window.statusBar().showMessage(
            "; ".join(_finding_text(f, self.window.text) for f in self.findings[target]), 6000
        )


def _finding_text(finding: ent.Finding, text: ParallelText | None) -> str:
    label = ent.KIND_NAMES.get(finding.kind, finding.kind)
    left = ", ".join(_value(v) for v in finding.left_values) or "—"
    right = ", ".join(_value(v) for v in finding.right_values) or "—"
    langs = ("left", "right")
    if text is not None:
        langs = (text.left.lang, text.right.lang)
    return f"Pair {finding.bead + 1}: {label} differs — {langs[0]}: {left} / {langs[1]}: {right}"


def _value(v: object) -> str:
    if isinstance(v, dict) and "amount" in v:
        return f"{v['amount']:,} {v.get('currency', '')}".strip()
    return str(v)


class LegendWidget(QWidget):
    """One check box per kind, in its colour; a master switch."""

    changed = Signal()

    def __init__(self, controller: EntityController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityLegend")
        self.setAccessibleName("Entity legend")
        self.controller = controller
        layout = QVBoxLayout(self)
        self.master = QCheckBox("Highlight entities", self)
        self.master.setObjectName("legendMaster")
        self.master.setChecked(controller.enabled)
        layout.addWidget(self.master)
        self.boxes: dict[str, QCheckBox] = {}
        for kind in ent.KINDS:
            row = QHBoxLayout()
            swatch = QLabel(self)
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(
                f"background:{ent.KIND_COLOURS.get(kind, '#888')};border:1px solid #666;"
            )
            box = QCheckBox(ent.KIND_NAMES.get(kind, kind), self)
            box.setObjectName(f"legend_{kind}")
            box.setChecked(kind not in controller.hidden)
            box.toggled.connect(lambda on, k=kind: self._toggle(k, on))
            row.addWidget(swatch)
            row.addWidget(box, 1)
            layout.addLayout(row)
            self.boxes[kind] = box
        layout.addStretch(1)
        self.master.toggled.connect(self._master)

    def _toggle(self, kind: str, on: bool) -> None:
        if on:
            self.controller.hidden.discard(kind)
        else:
            self.controller.hidden.add(kind)
        self.changed.emit()

    def _master(self, on: bool) -> None:
        self.controller.enabled = on
        for box in self.boxes.values():
            box.setEnabled(on)
        self.changed.emit()

    def sync(self) -> None:
        self.master.blockSignals(True)
        self.master.setChecked(self.controller.enabled)
        self.master.blockSignals(False)
        for kind, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(kind not in self.controller.hidden)
            box.setEnabled(self.controller.enabled)
            box.blockSignals(False)


class FindingsList(QListWidget):
    """The check findings; Enter or a double click jumps to the pair."""

    def __init__(self, controller: EntityController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsList")
        self.setAccessibleName("Check findings")
        self.controller = controller
        controller.findingsChanged.connect(self.refill)
        self.itemActivated.connect(self._jump)

    def refill(self) -> None:
        self.clear()
        text = self.controller.window.text
        for row in self.controller.flagged_rows():
            for finding in self.controller.findings[row]:
                item = QListWidgetItem(_finding_text(finding, text))
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.addItem(item)
        if not self.count():
            done = self.controller.check_complete
            item = QListWidgetItem(
                "No differences in numbers and dates" if done else "Checking numbers and dates…"
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)

    def _jump(self, item: QListWidgetItem) -> None:
        row = item.data(Qt.ItemDataRole.UserRole)
        if row is not None:
            self.controller.window.nav_view().set_current(int(row))
            self.controller.window.nav_view().setFocus()


class MarkEntityDialog(QDialog):
    """Add the selected text (and optionally its counterpart) to the glossary."""

    def __init__(
        self, parent: QWidget, text: str, lang: str, counterpart: str = "", other_lang: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("markEntityDialog")
        self.setWindowTitle("Mark as entity")
        form = QFormLayout()
        self.text_edit = QLineEdit(text, self)
        self.kind = QComboBox(self)
        for kind in ent.KINDS:
            self.kind.addItem(ent.KIND_NAMES.get(kind, kind), kind)
        self.kind.setCurrentIndex(list(ent.KINDS).index("term"))
        self.counterpart = QLineEdit(counterpart, self)
        self.counterpart.setPlaceholderText("optional: the same entity in the other language")
        self.lang, self.other_lang = lang, other_lang
        form.addRow(f"&Text ({language_name(lang)}):", self.text_edit)
        form.addRow("&Kind:", self.kind)
        form.addRow(f"&Counterpart ({language_name(other_lang)}):", self.counterpart)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def entry(self) -> ent.GlossaryEntry:
        counterpart = self.counterpart.text().strip()
        return ent.GlossaryEntry(
            text=self.text_edit.text().strip(),
            kind=str(self.kind.currentData()),
            lang=self.lang,
            counterpart=counterpart or None,
            counterpart_lang=self.other_lang if counterpart else None,
        )


class GlossaryDialog(QDialog):
    """The user glossary: every entry, which can be removed."""

    def __init__(self, parent: QWidget, glossary: ent.Glossary) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryDialog")
        self.setWindowTitle("Glossary")
        self.glossary = glossary
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("glossaryTable")
        self.table.setHorizontalHeaderLabels(
            ["Text", "Kind", "Language", "Counterpart", "Counterpart language"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        remove = QPushButton("&Remove selected", self)
        remove.setObjectName("glossaryRemove")
        remove.clicked.connect(self.remove_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Entries apply to every document. Mark new ones with Edit › Mark as entity.")
        )
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.changed = False
        self.fill()
        self.resize(640, 360)

    def fill(self) -> None:
        entries = list(self.glossary)
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            values = [e.text, ent.KIND_NAMES.get(e.kind, e.kind), e.lang, e.counterpart or "",
                      e.counterpart_lang or ""]  # fmt: skip
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        entries = list(self.glossary)
        for r in rows:
            e = entries[r]
            self.glossary.remove(e.text, e.lang)
            self.changed = True
        self.fill()
