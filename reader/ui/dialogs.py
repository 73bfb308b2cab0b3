"""Small dialogs of the main window: open a pair, keyboard shortcuts."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.split import SPLIT_MODES
from reader.ui.actions import ACTIONS, shortcut_text

W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


TEXT_FILTER = "Text files (*.txt *.text *.md);;All files (*)"


class OpenPairDialog(QDialog):
    """Choose the left and right files of a pair, and how to split them."""

    def __init__(self, parent: QWidget | None = None, start_dir: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("openPairDialog")
        self.setWindowTitle("Open pair")
        self._start_dir = start_dir
        form = QFormLayout()
        self.left_edit = _named(QLineEdit(), "leftPath")
        self.right_edit = _named(QLineEdit(), "rightPath")
        self.left_edit.setAccessibleName("Left file")
        self.right_edit.setAccessibleName("Right file")
        form.addRow("&Left file:", self._with_browse(self.left_edit))
        form.addRow("&Right file:", self._with_browse(self.right_edit))
        self.split_combo = _named(QComboBox(), "splitMode")
        self.split_combo.addItems(list(SPLIT_MODES))
        self.split_combo.setToolTip(
            "auto: decide from the text; lines: one paragraph per line; blank: blank-line separated"
        )
        form.addRow("&Paragraphs:", self.split_combo)
        self.left_lang = _named(QLineEdit(), "leftLang")
        self.left_lang.setPlaceholderText("detect")
        self.right_lang = _named(QLineEdit(), "rightLang")
        self.right_lang.setPlaceholderText("detect")
        langs = QHBoxLayout()
        langs.addWidget(self.left_lang)
        langs.addWidget(self.right_lang)
        form.addRow("Lan&guages:", langs)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Open)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.left_edit.textChanged.connect(self._update_ok)
        self.right_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(620, self.sizeHint().height())

    def _with_browse(self, edit: QLineEdit) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit)
        button = QPushButton("Browse…")
        button.clicked.connect(lambda: self._browse(edit))
        row.addWidget(button)
        return box

    def _browse(self, edit: QLineEdit) -> None:
        start = edit.text() or self._start_dir
        path, _ = QFileDialog.getOpenFileName(self, "Choose a text file", start, TEXT_FILTER)
        if path:
            edit.setText(path)
            self._start_dir = str(Path(path).parent)

    def _update_ok(self) -> None:
        self._ok.setEnabled(bool(self.left_edit.text().strip() and self.right_edit.text().strip()))

    def values(self) -> tuple[str, str, str, str | None, str | None]:
        return (
            self.left_edit.text().strip(),
            self.right_edit.text().strip(),
            self.split_combo.currentText(),
            self.left_lang.text().strip() or None,
            self.right_lang.text().strip() or None,
        )


class ShortcutsDialog(QDialog):
    """Every action of the registry with its shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        table = QTableWidget(len(ACTIONS), 3, self)
        table.setObjectName("shortcutsTable")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, spec in enumerate(ACTIONS):
            table.setItem(row, 0, QTableWidgetItem(spec.menu))
            table.setItem(row, 1, QTableWidgetItem(spec.text.replace("&", "")))
            table.setItem(row, 2, QTableWidgetItem(shortcut_text(spec) or "—"))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 560)
