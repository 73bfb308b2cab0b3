from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.core.document import load_pair
from reader.core.paths import seed_pair
from reader.ui.mainwindow import MainWindow


@pytest.fixture
def make_window(qtbot, data_dir: Path) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def factory(text=None, **kwargs) -> MainWindow:
        window = MainWindow(
            load_pair(*seed_pair()) if text is None else text, data_dir=data_dir, **kwargs
        )
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.waitUntil(window.view.hasFocus)
        windows.append(window)
        return window

    yield factory
    for w in windows:
        w.close()
    windows.clear()
    gc.collect()
