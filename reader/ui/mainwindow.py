"""The main window: the reading view, menus from the action registry, the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QInputDialog, QLabel, QMainWindow, QMessageBox, QWidget

from reader import APP_NAME
from reader.core.document import ParallelText, load_pair
from reader.core.errors import ReaderError
from reader.core.lang import language_name
from reader.core.paths import data_dir as default_data_dir
from reader.core.paths import seed_pair
from reader.ui.actions import ActionSet
from reader.ui.dialogs import OpenPairDialog, ShortcutsDialog
from reader.ui.model import BeadModel
from reader.ui.settings import Settings
from reader.ui.view import ReadingView


class MainWindow(QMainWindow):
    """One parallel text at a time, read in a :class:`ReadingView`."""

    def __init__(self, text: ParallelText | None = None, data_dir: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.settings = Settings(self.data_dir)
        self.model = BeadModel()
        self.view = ReadingView(self)
        self.view.setModel(self.model)
        self.setCentralWidget(self.view)
        self.text: ParallelText | None = None

        self.pair_label = QLabel()
        self.pair_label.setObjectName("pairLabel")
        self.lang_label = QLabel()
        self.lang_label.setObjectName("langLabel")
        self.statusBar().addWidget(self.pair_label)
        self.statusBar().addPermanentWidget(self.lang_label)

        self.action_set = ActionSet(self, self.view, self._handlers())
        self.action_set.populate(self.menuBar())
        self.view.currentChanged.connect(self._on_current_changed)

        self.view.set_zoom(int(self.settings.get("view/zoom")))
        geometry = self.settings.get("window/geometry")
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1180, 800)
        self.restoreState(self.settings.get("window/state"))
        if text is not None:
            self.set_text(text)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- documents ----------------------------------------------------------------------------
    def set_text(self, text: ParallelText) -> None:
        """Show ``text`` and go to the pair where the reader left it last time."""
        if self.text is not None:
            self.settings.set_position(self.text.id, self.view.current)
        self.text = text
        self.model.set_text(text)
        self.setWindowTitle(f"{APP_NAME} — {text.title}")
        self.lang_label.setText(
            f"{language_name(text.left.lang)} – {language_name(text.right.lang)}"
        )
        position = min(self.settings.position(text.id), max(0, len(text.beads) - 1))
        self.view.set_current(position)
        self._on_current_changed(self.view.current)
        for warning in text.warnings:
            self.statusBar().showMessage(warning, 10000)
        if text.left.path is not None and text.right.path is not None:
            self.settings.add_recent(str(text.left.path), str(text.right.path))

    def open_files(
        self,
        left: str,
        right: str,
        split: str = "auto",
        left_lang: str | None = None,
        right_lang: str | None = None,
    ) -> bool:
        """Load and show a pair; on bad input show a dialog and keep the current document."""
        try:
            text = load_pair(left, right, split=split, left_lang=left_lang, right_lang=right_lang)
        except ReaderError as exc:
            self.show_error("Cannot open the pair", str(exc))
            return False
        self.set_text(text)
        return True

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorDialog")
        box.exec()
        self.activateWindow()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- actions ------------------------------------------------------------------------------
    def _handlers(self) -> dict[str, Callable[[], object]]:
        v = self.view
        return {
            "open": self.open_dialog,
            "open_seed": lambda: self.open_files(*map(str, seed_pair())),
            "quit": self.close,
            "next_pair": lambda: v.set_current(v.current + 1),
            "prev_pair": lambda: v.set_current(v.current - 1),
            "page_down": v.page_down,
            "page_up": v.page_up,
            "first_pair": lambda: v.set_current(0),
            "last_pair": lambda: v.set_current(v.row_count() - 1),
            "next_heading": lambda: self.jump_heading(+1),
            "prev_heading": lambda: self.jump_heading(-1),
            "goto_pair": self.goto_dialog,
            "zoom_in": lambda: self.zoom(+1),
            "zoom_out": lambda: self.zoom(-1),
            "zoom_reset": lambda: self.zoom(None),
            "shortcuts": self.show_shortcuts,
        }

    def open_dialog(self) -> None:
        start = str(self.text.left.path.parent) if self.text and self.text.left.path else ""
        dialog = OpenPairDialog(self, start)
        if dialog.exec() == OpenPairDialog.DialogCode.Accepted:
            self.open_files(*dialog.values())

    def goto_dialog(self) -> None:
        n = self.view.row_count()
        if not n:
            return
        number, ok = QInputDialog.getInt(
            self, "Go to pair", f"Pair number (1–{n}):", self.view.current + 1, 1, n
        )
        if ok:
            self.view.set_current(number - 1)

    def jump_heading(self, direction: int) -> None:
        n = self.view.row_count()
        row = self.view.current + direction
        while 0 <= row < n:
            if self._row_has_heading(row):
                self.view.set_current(row)
                return
            row += direction
        self.statusBar().showMessage("No further heading", 2000)

    def _row_has_heading(self, row: int) -> bool:
        text = self.text
        if text is None:
            return False
        bead = text.beads[row]
        return any(i in text.left.headings for i in bead.left) or any(
            j in text.right.headings for j in bead.right
        )

    def zoom(self, step: int | None) -> None:
        self.view.set_zoom(0 if step is None else self.view.zoom + step)
        self.settings.set("view/zoom", self.view.zoom)
        self.statusBar().showMessage(f"Zoom {100 + 10 * self.view.zoom} %", 1500)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def _on_current_changed(self, row: int) -> None:
        n = self.view.row_count()
        self.pair_label.setText(f"Pair {row + 1} of {n}" if n else "No pairs")
        if self.text is not None:
            self.settings.set_position(self.text.id, row)

    # --- closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.text is not None:
            self.settings.set_position(self.text.id, self.view.current)
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


__all__ = ["MainWindow", "QWidget"]
