"""Creating the QApplication and running the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import reader
from reader import APP_ID, APP_NAME
from reader.core.document import LoadedPair, ParallelText
from reader.core.paths import data_dir as resolve_data_dir
from reader.ui.about import application_icon

QUIT_AFTER_ENV = "PARALLEL_READER_QUIT_AFTER_MS"


def ensure_app() -> QApplication:
    """The running QApplication, created with our names on first use."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setOrganizationName("parallel-reader")
    QApplication.setApplicationName(APP_NAME)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(application_icon())
    return app


def run_app(
    text: ParallelText | LoadedPair | None,
    data_dir: str | os.PathLike[str] | None = None,
    ask_pair_for: str | None = None,
) -> int:
    """Show the main window on ``text`` and run the event loop; returns the exit code."""
    app = ensure_app()
    from reader.ui.mainwindow import MainWindow

    window = MainWindow(text, data_dir=Path(resolve_data_dir(data_dir)))
    window.show()
    # the version comes from package metadata; reading it can wait until the window is up
    QTimer.singleShot(0, lambda: QApplication.setApplicationVersion(reader.__version__))
    if ask_pair_for is not None:
        QTimer.singleShot(0, lambda: window.open_dialog(left=ask_pair_for))
    quit_after = os.environ.get(QUIT_AFTER_ENV)
    if quit_after:
        try:
            QTimer.singleShot(int(quit_after), window.close)
        except ValueError:
            pass
    return int(app.exec())
