from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from reader.core import entities as ent
from reader.core.document import load_pair
from reader.core.offsets import cp_to_u16
from reader.ui.entities import MarkEntityDialog


def click_text(qtbot, window, row: int, side: str, paragraph: int, cp: int) -> None:
    """Click on code point ``cp`` of a paragraph shown in ``row``."""
    view = window.view
    view.set_current(row)
    layout = view._ensure_layout(row)
    para = next(p for p in layout.sides[side] if p.index == paragraph)
    u16 = cp_to_u16(para.text, cp)
    line = para.layout.lineForTextPosition(u16)
    x = view.column_geometry(side)[0] + line.cursorToX(u16)[0] + 2
    y = view.row_top(row) - view.verticalScrollBar().value() + view._pad() + para.y + line.y() + 4
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(y)))


def find_entity(window, row: int, side: str, text: str) -> tuple[int, int, ent.Entity]:
    be = window.entities.bead(row)
    items = be.left if side == "left" else be.right
    for n, (p, e) in enumerate(items):
        if e.text == text:
            return n, p, e
    raise AssertionError(
        f"{text!r} not recognised in row {row} {side}: {[e.text for _, e in items]}"
    )


def test_click_money_lights_up_counterpart(qtbot, make_window) -> None:
    window = make_window()
    n, p, e = find_entity(window, 1, "left", "26 Milliarden US-Dollar")
    assert e.kind == "money"
    click_text(qtbot, window, 1, "left", p, e.start + 2)
    assert window.entities.selected == (1, "left", n)
    lit = window.entities.lit_counterparts()
    assert [x.text for x in lit] == ["$26 miliar"]
    # the lit counterpart is painted strongly in the right column
    right_para = window.text.beads[1].right[0]
    ranges = window.entities.decorate(
        1, "right", right_para, window.text.right.paragraphs[right_para]
    )
    strong = [r for r in ranges if r.format.background().color().alpha() == 200]
    assert len(strong) == 1
    # clicking plain text clears the selection
    click_text(qtbot, window, 1, "left", p, 0)
    assert window.entities.selected is None


def test_tooltip_has_kind_and_value(make_window) -> None:
    window = make_window()
    _n, p, e = find_entity(window, 0, "left", "15. Dezember 2025")
    tip = window.entities.tooltip(0, "left", p, e.start + 1)
    assert "2025-12-15" in tip
    assert "15 Desember 2025" in tip  # linked counterpart


def test_legend_switches_kinds_and_master(qtbot, make_window) -> None:
    window = make_window()
    window.action_set["entity_legend"].trigger()
    assert window.legend_dock.isVisible()
    para = window.text.left.paragraphs[1]
    before = window.entities.decorate(1, "left", 1, para)
    window.legend.boxes["money"].setChecked(False)
    after = window.entities.decorate(1, "left", 1, para)
    assert len(after) == len(before) - 1
    window.legend.master.setChecked(False)
    assert window.entities.decorate(1, "left", 1, para) == []
    assert not window.action_set["highlight_entities"].isChecked()
    window.close()
    again = make_window()
    assert not again.entities.enabled and "money" in again.entities.hidden
    again.action_set["highlight_entities"].trigger()
    assert again.entities.enabled and again.legend.master.isChecked()


def test_f8_jumps_to_changed_number(qtbot, make_window, tmp_path: Path, seed_paths) -> None:
    de, ind = seed_paths
    changed = tmp_path / "c.de.txt"
    changed.write_text(de.read_text(encoding="utf-8").replace("347", "348"), encoding="utf-8")
    copy = tmp_path / "c.id.txt"
    copy.write_bytes(ind.read_bytes())
    window = make_window(load_pair(changed, copy))
    window.entities.wait_for_check()
    qtbot.waitUntil(lambda: window.entities.check_complete)
    assert window.entities.flagged_rows() == [1]
    assert window.view._gutter_marks(1) and not window.view._gutter_marks(0)
    window.view.set_current(10)
    qtbot.keyClick(window.view, Qt.Key.Key_F8)
    assert window.view.current == 1
    assert (
        "347" in window.statusBar().currentMessage()
        and "348" in window.statusBar().currentMessage()
    )
    qtbot.keyClick(window.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current == 1
    window.action_set["findings"].trigger()
    assert window.findings_list.count() == 1
    assert "Pair 2" in window.findings_list.item(0).text()
    assert any(m[2] == "finding" and m[0] == 1 for m in window.overview.marks())


def test_seed_pair_has_no_findings(qtbot, make_window) -> None:
    window = make_window()
    window.entities.wait_for_check()
    qtbot.waitUntil(lambda: window.entities.check_complete)
    assert window.entities.flagged_rows() == []
    window.findings_list.refill()
    assert window.findings_list.item(0).text() == "No differences in numbers and dates"


def test_mark_entity_adds_to_glossary(qtbot, make_window, monkeypatch, data_dir: Path) -> None:
    window = make_window()
    view = window.view
    # select "Konnektivität" in row 3 left by double click
    para = window.text.left.paragraphs[2]
    start = para.index("Konnektivität")
    click_text(qtbot, window, 2, "left", 2, start + 3)
    layout = view._ensure_layout(2)
    item = layout.sides["left"][0]
    u16 = cp_to_u16(para, start + 3)
    line = item.layout.lineForTextPosition(u16)
    x = view.column_geometry("left")[0] + line.cursorToX(u16)[0]
    y = view.row_top(2) - view.verticalScrollBar().value() + view._pad() + item.y + line.y() + 4
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(y)))
    assert view.selection is not None and view.selection.quote == "Konnektivität"

    def fill_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MarkEntityDialog)
        dialog.counterpart.setText("konektivitas")
        dialog.accept()

    QTimer.singleShot(50, fill_and_accept)
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    saved = ent.Glossary.load(data_dir)
    assert [(e.text, e.kind, e.counterpart) for e in saved] == [
        ("Konnektivität", "term", "konektivitas")
    ]
    assert any(e.text == "Konnektivität" for _p, e in window.entities.bead(2).left)

    def remove_all() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.table.selectAll()
        dialog.remove_selected()
        dialog.reject()

    QTimer.singleShot(50, remove_all)
    window.edit_glossary()
    assert list(ent.Glossary.load(data_dir)) == []


def test_non_bmp_text_highlights_exact_utf16_range(make_window, tmp_path: Path) -> None:
    left = tmp_path / "e.de.txt"
    right = tmp_path / "e.id.txt"
    left.write_text("😀𝔘 Am 15. Dezember 2025 kamen 30 Gäste.", encoding="utf-8")
    right.write_text("😀𝔘 Pada 15 Desember 2025 datang 30 tamu.", encoding="utf-8")
    window = make_window(load_pair(left, right))
    para = window.text.left.paragraphs[0]
    ranges = window.entities.decorate(0, "left", 0, para)
    utf16 = para.encode("utf-16-le")
    texts = [utf16[r.start * 2 : (r.start + r.length) * 2].decode("utf-16-le") for r in ranges]
    assert "15. Dezember 2025" in texts and "30" in texts
