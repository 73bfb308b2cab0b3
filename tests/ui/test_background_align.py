from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from reader.core.document import Bead, read_pair
from reader.ui import mainwindow


@pytest.fixture
def big_pair(tmp_path: Path, seed_paths: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    de = seed_paths[0].read_text(encoding="utf-8").split("\n\n")
    ind = seed_paths[1].read_text(encoding="utf-8").split("\n")
    left = tmp_path / "book.de.txt"
    right = tmp_path / "book.id.txt"
    left.write_text("\n\n".join(de * 100), encoding="utf-8")
    right.write_text("\n".join(ind * 100), encoding="utf-8")
    return read_pair(left, right)


def test_large_pair_aligns_in_background(qtbot, make_window, big_pair, monkeypatch) -> None:
    monkeypatch.setattr(mainwindow, "SYNC_ALIGN_PARAGRAPHS", 100)
    window = make_window()
    with qtbot.waitSignal(window.alignmentFinished, timeout=60_000):
        window.open_loaded(big_pair)
        assert window.provisional
        assert window.view.row_count() == 2000  # shown at once, paired in order
    assert not window.provisional
    assert window.view.row_count() == len(window.text.beads)
    covered = sorted(i for b in window.text.beads for i in b.left)
    assert covered == list(range(2000))


def test_cancel_keeps_in_order_rows(qtbot, make_window, big_pair, monkeypatch) -> None:
    monkeypatch.setattr(mainwindow, "SYNC_ALIGN_PARAGRAPHS", 100)
    monkeypatch.setattr("reader.ui.tasks.USE_PROCESS", False)  # the fake aligner lives here
    started = []

    def slow_align(left, right, progress=None):  # type: ignore[no-untyped-def]
        started.append(True)
        for i in range(1000):
            if progress is not None:
                progress(i / 1000)
            import time

            time.sleep(0.005)
        return [Bead((i,), (i,)) for i in range(len(left.paragraphs))]

    window = make_window()
    monkeypatch.setattr("reader.core.align.align_documents", slow_align)
    window.open_loaded(big_pair)
    qtbot.waitUntil(lambda: bool(started))
    qtbot.waitUntil(lambda: window._align_dialog is not None and window._align_dialog.isVisible())
    button = window._align_dialog.findChild(QPushButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window._align_task is None
    assert window.provisional
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.view.row_count() == 2000
    qtbot.wait(100)
    assert window.provisional  # the abandoned result never lands


def test_failed_alignment_shows_dialog(qtbot, make_window, big_pair, monkeypatch) -> None:
    monkeypatch.setattr(mainwindow, "SYNC_ALIGN_PARAGRAPHS", 100)
    monkeypatch.setattr("reader.ui.tasks.USE_PROCESS", False)  # the broken aligner lives here

    def broken(left, right):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    errors: list[str] = []
    window = make_window()
    monkeypatch.setattr("reader.core.align.align_documents", broken)
    monkeypatch.setattr(window, "show_error", lambda title, msg: errors.append(msg))
    window.open_loaded(big_pair)
    qtbot.waitUntil(lambda: bool(errors))
    assert "alignment failed: boom" in errors[0]
    assert window.view.row_count() == 2000


def test_cancel_terminates_the_aligner_process(qtbot, make_window, big_pair, monkeypatch) -> None:
    monkeypatch.setattr(mainwindow, "SYNC_ALIGN_PARAGRAPHS", 100)
    window = make_window()
    window.open_loaded(big_pair)
    task = window._align_task
    assert task is not None and task._process is not None
    qtbot.waitUntil(task._process.is_alive)
    window._cancel_alignment()
    task.wait(10)
    assert not task._process.is_alive()
    assert window.provisional and window.view.row_count() == 2000
