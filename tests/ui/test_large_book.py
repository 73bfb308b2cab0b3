"""The reading view on a 10,000-pair book: model contract, navigation, selection, rendering.

Correctness only; the timings live in benchmarks/bench_open.py and benchmarks/bench_nav.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication

from benchmarks._book import book_paragraphs, make_text, seed_paragraphs, vary
from reader.core.document import ParallelText
from reader.ui.mainwindow import MainWindow
from reader.ui.model import BeadModel
from reader.ui.view import ROW_PAD

PAIRS = 10_000


@pytest.fixture(scope="module")
def book() -> ParallelText:
    return make_text(PAIRS)


def fully_visible(window: MainWindow, row: int) -> bool:
    view = window.view
    top = view.row_top(row) - view.verticalScrollBar().value()
    return top >= 0 and top + view.row_height(row) <= view.viewport().height()


def stop_background_check(window: MainWindow) -> None:
    """Stop the window's number/date check (it runs in idle-time slices) before closing."""
    window.entities.shutdown()


@pytest.fixture
def open_book(make_window) -> Iterator[Callable[[ParallelText], MainWindow]]:
    windows: list[MainWindow] = []

    def factory(book: ParallelText) -> MainWindow:
        window = make_window(book)
        window.resize(760, 520)  # within the offscreen screen (800x600)
        QApplication.processEvents()
        windows.append(window)
        return window

    yield factory
    for window in windows:  # before make_window closes them
        stop_background_check(window)


def test_synthetic_book_varies_numbers_on_both_sides_alike() -> None:
    left, right = book_paragraphs(45)
    seed_left, seed_right = seed_paragraphs()
    assert left[:20] == list(seed_left) and right[:20] == list(seed_right)
    assert left[40] == vary(seed_left[0], 2) != seed_left[0]
    assert "17. Dezember 2027" in left[40] and "17 Desember 2027" in right[40]


def test_model_contract_on_large_book(qtmodeltester, book: ParallelText) -> None:
    model = BeadModel(book)
    qtmodeltester.check(model)
    assert model.rowCount() == PAIRS
    last = model.index(PAIRS - 1)
    assert model.data(last, BeadModel.LeftTextsRole) == [book.left.paragraphs[-1]]
    assert model.data(last, BeadModel.RightIndicesRole) == [PAIRS - 1]


def test_navigation_across_the_book(qtbot, open_book, book: ParallelText) -> None:
    window = open_book(book)
    view = window.view
    assert view.row_count() == PAIRS
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current == PAIRS - 1 and fully_visible(window, PAIRS - 1)
    assert window.pair_label.text() == f"Pair {PAIRS} of {PAIRS}"
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0  # the last row sits at the bottom, nothing beyond
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current == 0 and bar.value() == 0

    view.set_current(5000)  # what Ctrl+G does with the number 5001
    assert view.current == 5000 and fully_visible(window, 5000)
    assert window.pair_label.text() == f"Pair 5001 of {PAIRS}"
    assert 5000 in view.visible_rows()

    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current == 5001 and fully_visible(window, 5001)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    after_page = view.current
    assert after_page > 5002 and fully_visible(window, after_page)
    assert after_page - 5001 <= len(view.visible_rows()) + 1  # one screen, not a jump
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.current < after_page and fully_visible(window, view.current)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert fully_visible(window, view.current)


def test_scrollbar_reaches_every_pair(qtbot, open_book, book: ParallelText) -> None:
    window = open_book(book)
    view = window.view
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    view.viewport().repaint()  # lays out the rows now on screen, refining their heights
    QApplication.processEvents()
    bar.setValue(bar.maximum())
    assert view.visible_rows()[-1] == PAIRS - 1
    bar.setValue(bar.maximum() // 2)
    middle = view.visible_rows()[0]
    assert 0.3 * PAIRS < middle < 0.7 * PAIRS


def drag_select(qtbot, window: MainWindow, row: int, side: str) -> tuple[int, int]:
    """Drag over the first line of ``row``'s paragraph on ``side``; UTF-16 offsets hit."""
    view = window.view
    view.set_current(row)
    QApplication.processEvents()
    x, width = view.column_geometry(side)
    top = view.row_top(row) - view.verticalScrollBar().value()
    # the middle of the first line: below the row padding (zoom is 0)
    y = top + ROW_PAD + int(QFontMetricsF(view.base_font()).lineSpacing() / 2)
    start, end = QPoint(x + 2, y), QPoint(x + width * 2 // 3, y)
    hit_start = view.hit_test(start.x(), start.y())
    hit_end = view.hit_test(end.x(), end.y())
    assert hit_start[:3] == hit_end[:3]
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    return hit_start[3], hit_end[3]


@pytest.mark.parametrize(("row", "side"), [(7321, "left"), (PAIRS - 1, "right")])
def test_mouse_drag_selects_the_right_quote(
    qtbot, open_book, book: ParallelText, row: int, side: str
) -> None:
    window = open_book(book)
    start, end = drag_select(qtbot, window, row, side)
    doc = book.left if side == "left" else book.right
    paragraph = doc.paragraphs[row]
    selection = window.view.selection
    assert selection is not None
    assert (selection.row, selection.side, selection.paragraph) == (row, side, row)
    assert start == 0 and end > 10
    # the seed text is all in the BMP, so UTF-16 and code-point offsets agree
    assert selection.quote == paragraph[start:end]
    assert paragraph.startswith(selection.quote)
    assert window.view.current == row


def ink(image: QImage, x0: int, x1: int, y0: int, y1: int) -> int:
    background = image.pixel(x0, y0)
    return sum(
        image.pixel(x, y) != background
        for y in range(max(0, y0), min(y1, image.height()), 2)
        for x in range(x0, min(x1, image.width()), 2)
    )


@pytest.mark.parametrize("row", [0, PAIRS - 1])
def test_first_and_last_pairs_render_their_text(
    qtbot, open_book, book: ParallelText, row: int
) -> None:
    window = open_book(book)
    view = window.view
    view.set_current(row)
    QApplication.processEvents()
    assert row in view.visible_rows()
    seed_left, seed_right = seed_paragraphs()
    copy, j = divmod(row, len(seed_left))
    expected = {"left": vary(seed_left[j], copy), "right": vary(seed_right[j], copy)}
    image = view.viewport().grab().toImage()
    top = view.row_top(row) - view.verticalScrollBar().value()
    bottom = top + view.row_height(row)
    for side in ("left", "right"):
        x, width = view.column_geometry(side)
        # a point inside the text of the row maps back to this row's own paragraph
        hit_row, hit_side, paragraph, offset = view.hit_test(x + 5, top + view.row_height(row) / 3)
        assert (hit_row, hit_side, paragraph) == (row, side, row)
        doc = book.left if side == "left" else book.right
        assert doc.paragraphs[paragraph] == expected[side]
        assert 0 <= offset <= len(expected[side])
        assert ink(image, x, x + width, top, bottom) > 200, f"{side} column of row {row} is blank"
    model = window.model
    assert model.data(model.index(row)) == f"{expected['left']}\t{expected['right']}"
