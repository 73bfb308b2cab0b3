"""Creating the QApplication and running the main window."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import reader
from reader import APP_ID, APP_NAME
from reader.core.document import LoadedPair, ParallelText
from reader.core.paths import data_dir as resolve_data_dir
from reader.ui.icon import application_icon

if TYPE_CHECKING:
    from reader.core.alignjob import PairWorker
    from reader.ui.mainwindow import MainWindow

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


def start_window(
    text: ParallelText | LoadedPair | None,
    data_dir: str | os.PathLike[str] | None = None,
    ask_pair_for: str | None = None,
    worker: PairWorker | None = None,
) -> MainWindow:
    """Create and show the main window on ``text`` the way start-up does: the first frame with
    text comes first, the rest of the window is set up right after it. ``worker``: the process
    that read ``text``, which aligns it too."""
    from reader.ui.mainwindow import MainWindow

    window = MainWindow(
        text, data_dir=Path(resolve_data_dir(data_dir)), defer_setup=True, worker=worker
    )
    window.show()
    window.activateWindow()
    # the command line turns the cyclic garbage collector off while it starts up (tens of
    # thousands of new objects would trigger full collections on the way to the first frame);
    # after that frame, what start-up built is moved out of the collector's way and it runs again
    window.view.call_after_paint(_collect_again)
    QTimer.singleShot(5000, _collect_again)  # in case no frame is ever painted (e.g. minimised)
    # the version comes from package metadata; reading it can wait until the window is up
    window.view.call_after_paint(lambda: QApplication.setApplicationVersion(reader.__version__))
    if ask_pair_for is not None:
        QTimer.singleShot(0, lambda: window.open_dialog(left=ask_pair_for))
    return window


def _collect_again() -> None:
    if gc.isenabled():  # already done, or start-up did not turn it off
        return
    gc.freeze()
    gc.enable()


def run_app(
    text: ParallelText | LoadedPair | None,
    data_dir: str | os.PathLike[str] | None = None,
    ask_pair_for: str | None = None,
    worker: PairWorker | None = None,
) -> int:
    """Show the main window on ``text`` and run the event loop; returns the exit code."""
    app = ensure_app()
    window = start_window(text, data_dir, ask_pair_for, worker)
    quit_after = os.environ.get(QUIT_AFTER_ENV)
    if quit_after:
        try:
            QTimer.singleShot(int(quit_after), window.close)
        except ValueError:
            pass
    return int(app.exec())
