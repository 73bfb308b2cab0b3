from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.modeltest import ModelTester

from reader.ui.actions import ACTIONS, ACTIONS_BY_ID
from reader.ui.dialogs import ShortcutsDialog
from reader.ui.mainwindow import MainWindow
from reader.ui.model import BeadModel


def fully_visible(window: MainWindow, row: int) -> bool:
    view = window.view
    top = view.row_top(row) - view.verticalScrollBar().value()
    return top >= 0 and top + view.row_height(row) <= view.viewport().height()


def test_window_shows_seed_pair(make_window) -> None:
    window = make_window()
    assert window.windowTitle().startswith("Parallel Reader — ")
    assert window.view.row_count() == 20
    assert window.view.hasFocus()
    assert window.pair_label.text() == "Pair 1 of 20"
    assert window.lang_label.text() == "German – Indonesian"
    assert window.view.side_title("left").startswith("German")
    assert window.view.side_title("right").startswith("Indonesian")


def test_down_and_up_through_all_pairs(qtbot, make_window) -> None:
    window = make_window()
    window.resize(900, 500)
    view = window.view
    for expected in range(1, 20):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert view.current == expected
        assert (
            fully_visible(window, expected) or view.row_height(expected) > view.viewport().height()
        )
        assert window.pair_label.text() == f"Pair {expected + 1} of 20"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current == 19
    for expected in range(18, -1, -1):
        qtbot.keyClick(view, Qt.Key.Key_K)
        assert view.current == expected
        assert fully_visible(window, expected)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.current == 1


def test_home_end_g_and_pages(qtbot, make_window) -> None:
    window = make_window()
    window.resize(900, 500)
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current == 19 and fully_visible(window, 19)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current == 0 and view.verticalScrollBar().value() == 0
    qtbot.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.ShiftModifier)
    assert view.current == 19
    qtbot.keyClick(view, Qt.Key.Key_G)
    assert view.current == 0
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    first_page = view.current
    assert first_page > 1
    assert fully_visible(window, first_page)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current > first_page
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.current == 0


def test_heading_jumps(qtbot, make_window) -> None:
    window = make_window()
    view = window.view
    visited = []
    for _ in range(5):
        qtbot.keyClick(view, Qt.Key.Key_BracketRight)
        visited.append(view.current)
    assert visited == [3, 4, 16, 17, 17]
    qtbot.keyClick(view, Qt.Key.Key_BracketLeft)
    assert view.current == 16
    qtbot.keyClick(view, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(view, Qt.Key.Key_BracketLeft)
    assert view.current == 3


def test_goto_dialog(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    asked = {}

    def fake_get_int(parent, title, label, value, minimum, maximum):
        asked.update(title=title, value=value, minimum=minimum, maximum=maximum)
        return 12, True

    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(fake_get_int))
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert asked == {"title": "Go to pair", "value": 1, "minimum": 1, "maximum": 20}
    assert window.view.current == 11
    assert fully_visible(window, 11)


def test_position_geometry_and_zoom_restored(qtbot, make_window) -> None:
    window = make_window()
    window.resize(760, 520)  # within the offscreen screen (800x600)
    for _ in range(7):
        qtbot.keyClick(window.view, Qt.Key.Key_Down)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom == 2
    size = window.size()
    window.close()

    again = make_window()
    assert again.view.current == 7
    assert again.pair_label.text() == "Pair 8 of 20"
    assert again.view.zoom == 2
    assert again.size() == size
    qtbot.keyClick(again.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.view.zoom == 0
    qtbot.keyClick(again.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.view.zoom == -1


def test_zoom_changes_row_heights(qtbot, make_window) -> None:
    window = make_window()
    before = window.view.row_height(0)
    window.zoom(+3)
    QApplication.processEvents()
    window.view.viewport().repaint()
    assert window.view.row_height(0) > before


def test_shortcuts_dialog_lists_registry(qtbot, make_window) -> None:
    window = make_window()
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = dialog.table.rowCount()
    assert rows == len(ACTIONS)
    names = {dialog.table.item(r, 1).text() for r in range(rows)}
    assert "Next pair" in names and "Go to pair…" in names
    keys = {dialog.table.item(r, 1).text(): dialog.table.item(r, 2).text() for r in range(rows)}
    assert keys["Next pair"] == "Down, J"
    assert keys["Go to pair…"] == "Ctrl+G"


def test_every_registry_shortcut_is_unique_and_wired(make_window) -> None:
    window = make_window()
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        for key in spec.shortcuts:
            assert key not in seen, f"{key} bound to {seen.get(key)} and {spec.id}"
            seen[key] = spec.id
        action = window.action_set[spec.id]
        assert [s.toString() for s in action.shortcuts()] == [
            s for s in (a.toString() for a in action.shortcuts())
        ]
    assert ACTIONS_BY_ID["next_pair"].view_only
    disabled = [spec.id for spec in ACTIONS if not window.action_set[spec.id].isEnabled()]
    assert disabled == []


def test_bad_file_in_window_shows_dialog_and_stays_usable(
    qtbot, make_window, tmp_path: Path
) -> None:
    window = make_window()
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()

    QTimer.singleShot(50, close_box)
    ok = window.open_files(str(tmp_path / "missing.txt"), str(tmp_path / "other.txt"))
    assert not ok
    assert len(seen) == 1 and "missing.txt: no such file" in seen[0]
    assert window.view.row_count() == 20
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert window.view.current == 1


def test_open_other_pair_counts_differ(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    left = tmp_path / "a.en.txt"
    right = tmp_path / "a.fr.txt"
    left.write_text("One.\n\nTwo.\n\nThree.")
    right.write_text("Un.\n\nDeux.")
    assert window.open_files(str(left), str(right))
    assert window.view.row_count() == 3
    assert window.windowTitle() == "Parallel Reader — a"
    assert window.model.data(window.model.index(2), BeadModel.RightTextsRole) == []
    assert window.lang_label.text() == "English – French"


def test_model_contract(qtmodeltester: ModelTester, make_window) -> None:
    window = make_window()
    qtmodeltester.check(window.model)
