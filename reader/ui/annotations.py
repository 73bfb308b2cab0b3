"""Annotations in the window: highlight, note and tag spans; the note editor; the panel.

Storage, undo, merging and re-anchoring are the core's (:mod:`reader.core.annostore`); this module
turns selections into targets, paints highlights of the visible rows and lists annotations.
User text is always shown as plain text, never interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.annostore import AnnotationStore, Change
from reader.core.annotations import COLOURS, DEFAULT_COLOUR, Annotation, Target
from reader.core.errors import ReaderError
from reader.ui.view import format_range

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow
    from reader.ui.view import Selection

AUTOSAVE_MS = 800
FALLBACK_COLOUR = "#c4c4c4"


def colour_of(ann: Annotation) -> QColor:
    return QColor(COLOURS.get(ann.colour, FALLBACK_COLOUR))


def split_tags(text: str) -> tuple[str, ...]:
    """``"a, b  #c"`` → ``("a", "b", "c")``; duplicates dropped, order kept."""
    seen: dict[str, None] = {}
    for raw in text.replace(";", ",").split(","):
        for word in raw.split():
            tag = word.lstrip("#").strip()
            if tag:
                seen.setdefault(tag, None)
    return tuple(seen)


class NoteEdit(QPlainTextEdit):
    """Enter saves the dialog; Shift+Enter starts a new line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class NoteDialog(QDialog):
    """Edit an annotation's note, tags and colour. Enter saves, Esc cancels."""

    def __init__(
        self,
        parent: QWidget,
        quotes: Sequence[str],
        note: str = "",
        tags: Sequence[str] = (),
        colour: str = DEFAULT_COLOUR,
        known_tags: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle("Note")
        layout = QVBoxLayout(self)
        for quote in quotes:
            label = QLabel(f"“{quote[:200]}{'…' if len(quote) > 200 else ''}”", self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setObjectName("noteQuote")
            layout.addWidget(label)
        form = QFormLayout()
        self.note = NoteEdit(self)
        self.note.setObjectName("noteText")
        self.note.setAccessibleName("Note")
        self.note.setPlainText(note)
        self.note.setPlaceholderText("Note (Enter saves, Shift+Enter for a new line)")
        self.note.setTabChangesFocus(True)
        self.note.submitted.connect(self.accept)
        form.addRow("&Note:", self.note)
        self.tags = QLineEdit(", ".join(tags), self)
        self.tags.setObjectName("noteTags")
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("tags, separated by commas")
        completer = QCompleter(list(known_tags), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)
        self.tags.returnPressed.connect(self.accept)
        form.addRow("&Tags:", self.tags)
        swatches = QHBoxLayout()
        self.colour_group = QButtonGroup(self)
        for name, hex_colour in COLOURS.items():
            button = QRadioButton(name, self)
            button.setObjectName(f"colour_{name}")
            button.setStyleSheet(
                f"QRadioButton::indicator {{ background: {hex_colour}; border: 1px solid #666;"
                " border-radius: 7px; width: 14px; height: 14px; }"
                f"QRadioButton::indicator:checked {{ border: 3px solid palette(text); }}"
            )
            button.setChecked(name == colour)
            self.colour_group.addButton(button)
            swatches.addWidget(button)
        form.addRow("&Colour:", swatches)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.note.setFocus()
        self.resize(560, 320)

    def values(self) -> tuple[str, tuple[str, ...], str]:
        checked = self.colour_group.checkedButton()
        colour = checked.text() if checked is not None else DEFAULT_COLOUR
        return self.note.toPlainText().strip(), split_tags(self.tags.text()), colour


class AnnotationController(QObject):
    """Owns the store of the open text and connects it to the views, actions and panel."""

    changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store: AnnotationStore | None = None
        self.selected_id: str | None = None
        self.colour = DEFAULT_COLOUR
        self._unsubscribe: object = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.save)
        self._save_failed = False
        self._marks: list[tuple[int, QColor, str]] | None = None
        self.changed.connect(self._forget_marks)
        window.view.decorators.append(self.decorate)
        window.view.gutter_providers.append(self.gutter_marks)
        for view in (window.view, window.view2):
            view.rowClicked.connect(self.on_click)
            view.tooltip_providers.append(self.tooltip)

    # --- store lifecycle ----------------------------------------------------------------------
    def open(self) -> None:
        """Open the store of the window's text (closing the previous one)."""
        self.close()
        text = self.window.text
        if text is None:
            return
        store = AnnotationStore.open(text, self.window.data_dir)
        self.store = store
        self._unsubscribe = store.subscribe(self._on_change)
        if store.warnings:
            self.window.show_notice("Annotations", "\n".join(store.warnings))
        self.changed.emit()
        self.window.refresh_views()

    def close(self) -> None:
        self._save_timer.stop()
        if self.store is not None:
            result = self.store.close()
            if not result.ok and result.message:
                self.window.statusBar().showMessage(result.message, 8000)
            if callable(self._unsubscribe):
                self._unsubscribe()
        self.store = None
        self.selected_id = None

    def _forget_marks(self) -> None:
        self._marks = None

    def beads_changed(self) -> None:
        if self.store is not None:
            self.store.beads_changed()
        self.changed.emit()

    def save(self) -> bool:
        if self.store is None or not self.store.dirty:
            return True
        result = self.store.save()
        if not result.ok:
            if not self._save_failed:
                self._save_failed = True
                self.window.show_error(
                    "Annotations not saved",
                    f"{result.message}. Your annotations are kept in memory; the next change "
                    "or closing the window tries again.",
                )
            else:
                self.window.statusBar().showMessage(f"Not saved: {result.message}", 8000)
            return False
        if self._save_failed:
            self._save_failed = False
            self.window.statusBar().showMessage("Annotations saved", 3000)
        if result.merged:
            self.window.statusBar().showMessage("Merged annotations saved by another window", 4000)
        return True

    def refresh_from_disk(self) -> None:
        if self.store is not None and self.store.refresh():
            self.window.refresh_views()

    def _on_change(self, change: Change) -> None:
        if change.kind == "removed" and self.selected_id in change.ids:
            self.selected_id = None
        self._save_timer.start()
        self.changed.emit()
        self.window.refresh_views()
        self.window.update_undo_actions()

    # --- painting -----------------------------------------------------------------------------
    def decorate(
        self, row: int, side: str, paragraph: int, text: str
    ) -> list[QTextLayout.FormatRange]:
        store = self.store
        if store is None:
            return []
        ranges = []
        for ann in store.for_paragraph(side, paragraph):
            for t in ann.targets:
                if t.side != side or t.paragraph != paragraph or t.end > len(text):
                    continue
                colour = colour_of(ann)
                fmt = QTextCharFormat()
                back = QColor(colour)
                selected = ann.id == self.selected_id
                back.setAlpha(255 if selected else 150)
                fmt.setBackground(back)
                fmt.setForeground(QColor("#000000"))
                if ann.note:
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                    fmt.setUnderlineColor(QColor("#7a4b00"))
                if selected:
                    fmt.setFontUnderline(True)
                ranges.append(format_range(text, t.start, t.end, fmt))
        return ranges

    def gutter_marks(self, row: int) -> list[tuple[QColor, str]]:
        store = self.store
        if store is None:
            return []
        notes = [a for a in store.for_bead(row) if a.note]
        return [(colour_of(notes[0]), "✎")] if notes else []

    def overview_marks(self) -> list[tuple[int, QColor, str]]:
        """One mark per placed annotation, cached until the annotations or beads change (the
        strip repaints on every keypress)."""
        if self._marks is None:
            self._marks = self._compute_marks()
        return self._marks

    def _compute_marks(self) -> list[tuple[int, QColor, str]]:
        store = self.store
        if store is None:
            return []
        marks = []
        for ann in store.all():
            pos = store.position_of(ann)
            if pos is not None:
                marks.append((pos[0], colour_of(ann), "annotation"))
        return marks

    def tooltip(self, row: int, side: str, paragraph: int, offset: int) -> str | None:
        store = self.store
        if store is None:
            return None
        hits = store.at(side, paragraph, offset)
        if not hits:
            return None
        lines = []
        for ann in hits:
            head = f"Note ({ann.colour})" if ann.note else f"Highlight ({ann.colour})"
            lines.append(head + (f": {ann.note}" if ann.note else ""))
            if ann.tags:
                lines.append("Tags: " + " ".join(f"#{t}" for t in ann.tags))
            if ann.bilingual:
                other = next(t for t in ann.targets if t.side != side)
                lines.append(f"Linked: “{other.exact}”")
        return "\n".join(lines)

    # --- selection → targets ------------------------------------------------------------------
    def _selections(self) -> list[Selection]:
        w = self.window
        found = [s for s in (w.view.selection, w.view.extra_selection) if s is not None]
        if w.view2.isVisible() and w.view2.selection is not None:
            found.append(w.view2.selection)
        by_side: dict[str, Selection] = {}
        for sel in found:
            by_side.setdefault(sel.side, sel)
        return list(by_side.values())

    def targets_from_selection(self) -> list[Target]:
        store = self.store
        if store is None:
            return []
        targets = []
        for sel in self._selections():
            start, end = sel.cp_range()
            if end > start:
                targets.append(store.target(sel.side, sel.paragraph, start, end))
        if not targets:
            targets = self._targets_from_entity()
        return targets

    def _targets_from_entity(self) -> list[Target]:
        """A selected entity and its linked counterpart make a bilingual pair of targets."""
        store = self.store
        entities = self.window.entities
        if store is None or entities.selected is None:
            return []
        row, side, n = entities.selected
        be = entities.bead(row)
        items = be.left if side == "left" else be.right
        others = be.right if side == "left" else be.left
        p, e = items[n]
        targets = [store.target(side, p, e.start, e.end)]
        for j in be.counterparts(side, n)[:1]:
            op, oe = others[j]
            targets.append(
                store.target("right" if side == "left" else "left", op, oe.start, oe.end)
            )
        return targets

    # --- commands -----------------------------------------------------------------------------
    def _writable(self) -> AnnotationStore | None:
        store = self.store
        if store is None:
            return None
        if store.read_only:
            self.window.statusBar().showMessage("These annotations are read-only", 4000)
            return None
        return store

    def highlight(self) -> Annotation | None:
        store = self._writable()
        if store is None:
            return None
        targets = self.targets_from_selection()
        if not targets:
            self.window.statusBar().showMessage("Select text to highlight", 2500)
            return None
        return self._create(store, targets, colour=self.colour)

    def _create(
        self, store: AnnotationStore, targets: list[Target], **fields: object
    ) -> Annotation | None:
        try:
            ann = store.create(targets, **fields)  # type: ignore[arg-type]
        except (ReaderError, ValueError) as exc:
            self.window.show_error("Cannot annotate", str(exc))
            return None
        self.window.record_undo("annotation")
        self.selected_id = ann.id
        self._clear_text_selection()
        return ann

    def note(self) -> Annotation | None:
        """N: a note on the selection (or on the selected annotation)."""
        store = self._writable()
        if store is None:
            return None
        targets = self.targets_from_selection()
        if not targets:
            if self.selected_id is not None:
                return self.edit()
            self.window.statusBar().showMessage("Select text to annotate", 2500)
            return None
        dialog = NoteDialog(
            self.window,
            [t.exact for t in targets],
            colour=self.colour,
            known_tags=store.tags(),
        )
        if self.window.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        note, tags, colour = dialog.values()
        self.colour = colour
        return self._create(store, targets, note=note, tags=tags, colour=colour)

    def edit(self) -> Annotation | None:
        store = self._writable()
        ann = store.get(self.selected_id) if store is not None and self.selected_id else None
        if store is None or ann is None:
            self.window.statusBar().showMessage("Click a highlight to select it first", 2500)
            return None
        dialog = NoteDialog(
            self.window,
            [t.exact for t in ann.targets],
            note=ann.note,
            tags=ann.tags,
            colour=ann.colour,
            known_tags=store.tags(),
        )
        if self.window.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        note, tags, colour = dialog.values()
        updated = store.update(ann.id, note=note, tags=tags, colour=colour)
        self.window.record_undo("annotation")
        return updated

    def delete(self) -> None:
        store = self._writable()
        if store is None or self.selected_id is None or store.get(self.selected_id) is None:
            self.window.statusBar().showMessage("Click a highlight to select it first", 2500)
            return
        store.delete(self.selected_id)
        self.selected_id = None
        self.window.record_undo("annotation")

    def undo(self) -> None:
        if self.store is not None and self.store.can_undo:
            self.store.undo()

    def redo(self) -> None:
        if self.store is not None and self.store.can_redo:
            self.store.redo()

    def jump(self, direction: int) -> None:
        store = self.store
        if store is None:
            return
        view = self.window.nav_view()
        current = store.get(self.selected_id) if self.selected_id else None
        pos = store.position_of(current) if current is not None else None
        if pos is None:  # from the start of the current row
            pos = (view.current, "left", -1, -1)
        ann = store.next_after(pos) if direction > 0 else store.previous_before(pos)
        if ann is None:
            self.window.statusBar().showMessage("No annotations", 2000)
            return
        self.select(ann.id)

    def select(self, ann_id: str) -> None:
        store = self.store
        ann = store.get(ann_id) if store else None
        if store is None or ann is None:
            return
        self.selected_id = ann_id
        pos = store.position_of(ann)
        if pos is not None:
            self.window.nav_view().set_current(pos[0])
        self.window.refresh_views()
        self.changed.emit()

    def on_click(self, row: int, side: str, paragraph: int, offset: int) -> None:
        store = self.store
        if store is None:
            return
        hits = store.at(side, paragraph, offset)
        new = hits[0].id if hits else None
        if new != self.selected_id:
            self.selected_id = new
            self.window.refresh_views()
            self.changed.emit()

    def _clear_text_selection(self) -> None:
        for view in (self.window.view, self.window.view2):
            view.clear_selection()

    def import_file(self, path: str) -> str:
        """Import W3C JSON into the open document; returns the message for the user."""
        store = self._writable()
        if store is None:
            raise ReaderError("no document with writable annotations is open")
        result = store.import_w3c(path)
        if result.anchored or result.orphaned:
            self.window.record_undo("annotation")
        return f"imported {result.anchored}, orphaned {result.orphaned}"


class AnnotationPanel(QWidget):
    """Every annotation with pair, quotes, note, tags and colour; filters; orphans apart."""

    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self.setAccessibleName("Annotations")
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        filters = QHBoxLayout()
        self.filter_text = QLineEdit(self)
        self.filter_text.setObjectName("annotationFilter")
        self.filter_text.setPlaceholderText("Filter notes, quotes, tags")
        self.filter_text.setAccessibleName("Filter annotations")
        self.filter_text.setClearButtonEnabled(True)
        self.filter_tag = QComboBox(self)
        self.filter_tag.setObjectName("annotationTagFilter")
        self.filter_tag.setAccessibleName("Filter by tag")
        self.filter_colour = QComboBox(self)
        self.filter_colour.setObjectName("annotationColourFilter")
        self.filter_colour.setAccessibleName("Filter by colour")
        self.filter_colour.addItem("All colours", None)
        for name in COLOURS:
            self.filter_colour.addItem(name, name)
        filters.addWidget(self.filter_text, 1)
        filters.addWidget(self.filter_tag)
        filters.addWidget(self.filter_colour)
        layout.addLayout(filters)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("annotationTree")
        self.tree.setAccessibleName("Annotation list")
        self.tree.setHeaderLabels(["Pair", "Quote", "Note", "Tags", "Colour"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activate)
        layout.addWidget(self.tree)
        self._refill_timer = QTimer(self)
        self._refill_timer.setSingleShot(True)
        self._refill_timer.setInterval(100)
        self._refill_timer.timeout.connect(self.refill)
        controller.changed.connect(self._refill_timer.start)
        self.filter_text.textChanged.connect(lambda _t: self._refill_timer.start())
        self.filter_tag.currentIndexChanged.connect(lambda _i: self._refill_timer.start())
        self.filter_colour.currentIndexChanged.connect(lambda _i: self._refill_timer.start())
        self.placed_root: QTreeWidgetItem | None = None
        self.orphan_root: QTreeWidgetItem | None = None

    def _sync_tags(self, tags: list[str]) -> None:
        current = self.filter_tag.currentData()
        self.filter_tag.blockSignals(True)
        self.filter_tag.clear()
        self.filter_tag.addItem("All tags", None)
        for tag in tags:
            self.filter_tag.addItem(f"#{tag}", tag)
        index = self.filter_tag.findData(current)
        self.filter_tag.setCurrentIndex(max(0, index))
        self.filter_tag.blockSignals(False)

    def refill(self) -> None:
        self._refill_timer.stop()
        store = self.controller.store
        self.tree.clear()
        if store is None:
            return
        self._sync_tags(store.tags())
        text = self.filter_text.text()
        tag = self.filter_tag.currentData()
        colour = self.filter_colour.currentData()
        placed = store.filter(text, tag=tag, colour=colour, orphans=False)
        orphans = store.filter(text, tag=tag, colour=colour, orphans=True)
        self.placed_root = QTreeWidgetItem(self.tree, [f"In the text ({len(placed)})"])
        self.orphan_root = QTreeWidgetItem(self.tree, [f"Orphaned ({len(orphans)})"])
        self.orphan_root.setToolTip(
            0, "Annotations whose text changed so much they could not be placed; kept, not lost"
        )
        for root, items in ((self.placed_root, placed), (self.orphan_root, orphans)):
            children = []
            for ann in items:
                pos = store.position_of(ann)
                pair = str(pos[0] + 1) if pos is not None else "—"
                quotes = " ⇄ ".join(t.exact for t in ann.targets)
                item = QTreeWidgetItem(
                    [pair, quotes, ann.note, " ".join(f"#{t}" for t in ann.tags), ann.colour]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, ann.id)
                item.setBackground(4, colour_of(ann))
                item.setToolTip(1, quotes)
                item.setToolTip(2, ann.note)
                if ann.id == self.controller.selected_id:
                    item.setSelected(True)
                children.append(item)
            root.addChildren(children)
            root.setExpanded(True)
        self.tree.resizeColumnToContents(0)

    def items(self, orphans: bool = False) -> list[QTreeWidgetItem]:
        root = self.orphan_root if orphans else self.placed_root
        if root is None:
            return []
        return [c for i in range(root.childCount()) if (c := root.child(i)) is not None]

    def _activate(self, item: QTreeWidgetItem, _column: int) -> None:
        ann_id = item.data(0, Qt.ItemDataRole.UserRole)
        if ann_id:
            self.controller.select(str(ann_id))
            self.controller.window.nav_view().setFocus()
