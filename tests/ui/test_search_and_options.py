from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def search_for(qtbot, window, text: str) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_bar.isVisible()
    assert window.search_bar.edit.hasFocus()
    qtbot.keyClicks(window.search_bar.edit, text)
    window.search_bar.flush()
    window.search.finish()


def test_accent_insensitive_search_and_navigation(qtbot, make_window) -> None:
    window = make_window()
    search_for(qtbot, window, "Uberprufung")
    hits = window.search.hits
    assert hits, "Überprüfung must be found without typing the umlauts"
    para = window.text.left.paragraphs[hits[0].paragraph]
    assert para[hits[0].start : hits[0].end] == "Überprüfung"
    assert window.search_bar.count.text() == f"{len(hits)} match" + ("es" if len(hits) > 1 else "")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    assert window.search.current_hit == 0
    assert window.view.current == hits[0].bead
    assert window.search_bar.count.text().startswith("1 of ")


def test_f3_cycles_and_shift_f3_goes_back(qtbot, make_window) -> None:
    window = make_window()
    search_for(qtbot, window, "chongqing")
    n = len(window.search.hits)
    assert n > 10
    beads = []
    for _ in range(3):
        qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_F3)
        beads.append(window.view.current)
    assert window.search.current_hit == 2
    assert beads == sorted(beads)
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.search.current_hit == 1
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.search.current_hit == n - 1  # wraps around


def test_regex_whole_word_scope_and_bad_regex(qtbot, make_window) -> None:
    window = make_window()
    bar = window.search_bar
    search_for(qtbot, window, r"\d{4}")
    assert not window.search.hits  # literal by default
    bar.regex.setChecked(True)
    bar.flush()
    window.search.finish()
    years = {
        window.text.left.paragraphs[h.paragraph][h.start : h.end]
        for h in window.search.hits
        if h.side == "left"
    }
    assert {"2015", "2024", "2025"} <= years
    bar.scope.setCurrentIndex(2)  # right text only
    bar.flush()
    window.search.finish()
    assert {h.side for h in window.search.hits} == {"right"}
    bar.edit.setText("(")
    bar.flush()
    assert window.search.hits == []
    assert bar.count.text().startswith("⚠")
    assert window.view.row_count() == 20  # still usable


def test_results_list_jump(qtbot, make_window) -> None:
    window = make_window()
    search_for(qtbot, window, "Motorway")
    window.action_set["search_results"].trigger()
    assert window.results_dock.isVisible()
    model = window.results_list.model()
    assert model.rowCount() == len(window.search.hits) > 2
    last = model.index(model.rowCount() - 1)
    assert "[Motorway]" in model.data(last)
    assert "⇄" in model.data(last)
    window.results_list.setFocus()
    window.results_list.setCurrentIndex(last)
    qtbot.keyClick(window.results_list, Qt.Key.Key_Return)
    assert window.view.current == window.search.hits[-1].bead
    assert window.search.current_hit == model.rowCount() - 1


def test_escape_closes_search_and_returns_focus(qtbot, make_window) -> None:
    window = make_window()
    search_for(qtbot, window, "Singapur")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Escape)
    assert not window.search_bar.isVisible()
    assert window.search.hits == []
    qtbot.waitUntil(window.view.hasFocus)


def test_copy_pair_and_selection(qtbot, make_window) -> None:
    window = make_window()
    window.view.set_current(3)
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QApplication.clipboard().text() == "Die Brücke der Standards\tJembatan Standar"
    # select a word by double click in the left column of the current row
    view = window.view
    x, _w = view.column_geometry("left")
    y = view.row_top(3) - view.verticalScrollBar().value() + 14
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(x + 5, y))
    assert view.selection is not None and view.selection.quote == "Die"
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "Die"


def _point(x: float, y: float):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    return QPoint(int(x), int(y))


def test_view_options_persist(qtbot, make_window) -> None:
    window = make_window()
    window.action_set["swap_columns"].trigger()
    assert window.view.swapped
    assert window.view.column_geometry("right")[0] < window.view.column_geometry("left")[0]
    window.action_set["show_left"].trigger()
    assert window.view.shown_sides == ("left",)
    assert window.view.column_geometry("right")[1] == 0
    window.action_set["theme_dark"].trigger()
    window.action_set["spacing_more"].trigger()
    window.close()
    again = make_window()
    assert again.view.swapped
    assert again.view.shown_sides == ("left",)
    assert again.action_set["show_left"].isChecked()
    assert again.action_set["theme_dark"].isChecked()
    assert again.settings.get("view/line_spacing") == 110
    again.action_set["show_both"].trigger()
    again.action_set["theme_system"].trigger()
    assert again.view.shown_sides == ("left", "right")


def test_recent_documents_menu(qtbot, make_window, tmp_path) -> None:
    window = make_window()
    a = tmp_path / "x.en.txt"
    b = tmp_path / "x.fr.txt"
    a.write_text("One.\n\nTwo.")
    b.write_text("Un.\n\nDeux.")
    window.open_files(str(a), str(b))
    window.recent_menu.aboutToShow.emit()
    labels = [act.text() for act in window.recent_menu.actions()]
    assert any("x.en.txt" in label for label in labels)
    window.action_set["open_seed"].trigger()
    assert window.view.row_count() == 20
    window.recent_menu.aboutToShow.emit()
    first = window.recent_menu.actions()[0]
    assert "chongqing-connectivity.de.txt" in first.text()
    window.recent_menu.actions()[1].trigger()
    assert window.view.row_count() == 2


def test_overview_strip_marks_and_click(qtbot, make_window) -> None:
    window = make_window()
    strip = window.overview
    assert strip.isVisible() and strip.accessibleName() == "Document overview"
    search_for(qtbot, window, "Nuoyuan")  # does not occur
    assert not [m for m in strip.marks() if m[2] == "search"]
    window.search_bar.edit.setText("Motorway")
    window.search_bar.flush()
    window.search.finish()
    rows = [m[0] for m in strip.marks() if m[2] == "search"]
    assert rows == sorted({h.bead for h in window.search.hits})
    target = rows[-1]
    y = strip._y_of_row(target) + 1
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=_point(strip.width() / 2, y))
    assert window.view.current == target
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=_point(strip.width() / 2, 3))
    assert window.view.current == 0


def test_unsynchronised_scrolling(qtbot, make_window) -> None:
    window = make_window()
    window.action_set["sync_scroll"].trigger()  # off
    assert window.view2.isVisible()
    assert window.view.shown_sides == ("left",)
    assert window.view2.shown_sides == ("right",)
    # each text scrolls alone
    window.view2.verticalScrollBar().setValue(300)
    assert window.view.verticalScrollBar().value() == 0
    # navigation in the focused view moves the current pair; the other view still links
    window.view2.setFocus()
    qtbot.waitUntil(window.view2.hasFocus)
    qtbot.keyClick(window.view2, Qt.Key.Key_End)
    assert window.view2.current == 19
    assert window.view.current == 19
    assert window.view.verticalScrollBar().value() == 0  # not scrolled along
    assert window.pair_label.text() == "Pair 20 of 20"
    window.close()
    again = make_window()
    assert again.view2.isVisible() and not again.action_set["sync_scroll"].isChecked()
    again.action_set["sync_scroll"].trigger()  # back on
    assert not again.view2.isVisible()
    assert again.view.shown_sides == ("left", "right")
