"""The About dialog (name, version, license, where the data lives, keyboard-shortcut help) and
the application icon."""

from __future__ import annotations

import platform
from collections.abc import Callable
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import reader
from reader import APP_NAME
from reader.ui.icon import application_icon

LICENSE_ID = "GPL-3.0-or-later"
LICENSE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


class AboutDialog(QDialog):
    """Shows what the program is, its version and license, and where the user's data is kept.

    ``shortcuts_callback`` is called by the "Keyboard shortcuts" button (the button is left out
    when it is None). Widgets a test or caller may want carry object names: ``aboutName``,
    ``aboutVersion``, ``aboutLicense``, ``aboutDataDir``, ``aboutOpenDataFolder``,
    ``aboutShortcuts``, ``aboutStatus``, ``aboutButtons``.
    """

    def __init__(
        self,
        parent: QWidget | None,
        data_dir: Path,
        shortcuts_callback: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.setMinimumWidth(460)
        self._data_dir = Path(data_dir)
        self._shortcuts_callback = shortcuts_callback

        icon = application_icon()
        icon_label = QLabel()
        icon_label.setObjectName("aboutIcon")
        if not icon.isNull():
            icon_label.setPixmap(icon.pixmap(64, 64))
        icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        name = QLabel(f"<h2>{APP_NAME}</h2>")
        name.setObjectName("aboutName")
        name.setTextFormat(Qt.TextFormat.RichText)

        version = QLabel(f"Version {reader.__version__}")
        version.setObjectName("aboutVersion")
        version.setToolTip(
            f"Qt {qVersion()}, PySide6 {PySide6.__version__}, Python {platform.python_version()}"
        )
        version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        summary = QLabel("Read and annotate a text and its translation side by side.")
        summary.setObjectName("aboutSummary")
        summary.setWordWrap(True)

        license_label = QLabel(
            "Free software under the "
            f'<a href="{LICENSE_URL}">GNU General Public License, version 3 or later</a> '
            f"({LICENSE_ID}). It comes with absolutely no warranty."
        )
        license_label.setObjectName("aboutLicense")
        license_label.setTextFormat(Qt.TextFormat.RichText)
        license_label.setOpenExternalLinks(True)
        license_label.setWordWrap(True)

        data_caption = QLabel("Your annotations, glossary and settings are kept in:")
        data_caption.setWordWrap(True)
        data_path = QLabel(str(self._data_dir))
        data_path.setObjectName("aboutDataDir")
        data_path.setTextFormat(Qt.TextFormat.PlainText)
        data_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        data_path.setWordWrap(True)

        open_button = QPushButton("&Open data folder")
        open_button.setObjectName("aboutOpenDataFolder")
        open_button.setToolTip("Show the data folder in the file manager (created if missing)")
        open_button.clicked.connect(self.open_data_folder)

        self._status = QLabel()
        self._status.setObjectName("aboutStatus")
        self._status.setWordWrap(True)
        self._status.setVisible(False)

        actions = QHBoxLayout()
        actions.addWidget(open_button)
        if shortcuts_callback is not None:
            shortcuts_button = QPushButton("&Keyboard shortcuts")
            shortcuts_button.setObjectName("aboutShortcuts")
            shortcuts_button.clicked.connect(self._show_shortcuts)
            actions.addWidget(shortcuts_button)
        actions.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("aboutButtons")
        buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        for widget in (name, version, summary, license_label, data_caption, data_path):
            text.addWidget(widget)
        text.addLayout(actions)
        text.addWidget(self._status)

        top = QHBoxLayout()
        top.addWidget(icon_label)
        top.addLayout(text, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)

    @property
    def data_dir(self) -> Path:
        return self._data_dir

    def open_data_folder(self) -> bool:
        """Create the data folder if it is missing and ask the desktop to show it. On failure the
        reason is shown in the dialog (``aboutStatus``) and False is returned."""
        try:
            self._data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self._show_status(f"Could not create the data folder {self._data_dir}: {reason}.")
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data_dir))):
            self._show_status(
                f"Could not open a file manager; the data folder is {self._data_dir}."
            )
            return False
        self._status.setVisible(False)
        return True

    def _show_shortcuts(self) -> None:
        if self._shortcuts_callback is not None:
            self._shortcuts_callback()

    def _show_status(self, message: str) -> None:
        self._status.setText(message)
        self._status.setVisible(True)
