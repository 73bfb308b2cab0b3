from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reader.core.annostore import AnnotationStore
from reader.core.document import load_pair
from reader.core.offsets import cp_to_u16
from reader.core.paths import seed_pair
from reader.ui.annotations import NoteDialog


def point_at(view, row: int, side: str, paragraph: int, cp: int) -> QPoint:
    layout = view._ensure_layout(row)
    para = next(p for p in layout.sides[side] if p.index == paragraph)
    u16 = cp_to_u16(para.text, cp)
    line = para.layout.lineForTextPosition(u16)
    x = view.column_geometry(side)[0] + line.cursorToX(u16)[0]
    y = view.row_top(row) - view.verticalScrollBar().value() + view._pad() + para.y + line.y()
    return QPoint(round(x), round(y + line.height() / 2))


def drag_select(qtbot, view, row: int, side: str, paragraph: int, start: int, end: int, ctrl=False):
    view.set_current(row)
    mods = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    a = point_at(view, row, side, paragraph, start)
    b = point_at(view, row, side, paragraph, end)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, mods, a)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, mods, b)


def select_words(qtbot, window, row: int, side: str, words: str, ctrl: bool = False) -> None:
    text = window.text.left if side == "left" else window.text.right
    bead = window.text.beads[row]
    para = (bead.left if side == "left" else bead.right)[0]
    start = text.paragraphs[para].index(words)
    drag_select(qtbot, window.view, row, side, para, start, start + len(words), ctrl)
    sels = [s for s in (window.view.selection, window.view.extra_selection) if s and s.side == side]
    assert sels and sels[0].quote == words, [s.quote for s in sels]


def back_in_view(qtbot, window) -> None:
    """After a modal dialog the window is active again and the view has the keyboard."""
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.view.hasFocus())


def answer_note_dialog(note: str, tags: str = "", colour: str | None = None) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NoteDialog), dialog
        dialog.note.setPlainText(note)
        dialog.tags.setText(tags)
        if colour:
            dialog.findChild(type(dialog.colour_group.buttons()[0]), f"colour_{colour}").setChecked(
                True
            )
        dialog.note.setFocus()
        from pytestqt.qtbot import QtBot  # noqa: F401

        event_target = dialog.note
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(event_target, press)

    QTimer.singleShot(50, fill)


def test_highlight_edit_delete_undo_redo(qtbot, make_window) -> None:
    window = make_window()
    store = window.annotations.store
    select_words(qtbot, window, 1, "left", "26 Milliarden US-Dollar")
    qtbot.keyClick(window.view, Qt.Key.Key_H)
    anns = store.all()
    assert (
        len(anns) == 1
        and anns[0].colour == "yellow"
        and anns[0].targets[0].exact == "26 Milliarden US-Dollar"
    )
    assert window.annotations.selected_id == anns[0].id
    # E edits: note with markup stays literal text
    answer_note_dialog("<b>check</b> <img src=x> amount", "money, qa", "green")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    back_in_view(qtbot, window)
    ann = store.get(anns[0].id)
    assert ann.note == "<b>check</b> <img src=x> amount"
    assert ann.tags == ("money", "qa") and ann.colour == "green"
    tip = window.annotations.tooltip(1, "left", ann.targets[0].paragraph, ann.targets[0].start + 1)
    assert "<b>check</b>" in tip and "#money" in tip
    # Delete removes, undo brings it back, redo removes again
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert store.all() == []
    qtbot.waitUntil(window.action_set["undo"].isEnabled)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.note for a in store.all()] == [ann.note]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the edit
    qtbot.waitUntil(window.action_set["redo"].isEnabled)
    assert store.all()[0].note == ""
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert store.all()[0].note == ann.note


def test_note_dialog_enter_saves_and_shift_enter_newline(qtbot, make_window) -> None:
    window = make_window()
    select_words(qtbot, window, 0, "right", "15 Desember 2025")
    answer_note_dialog("first line", "date")
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    back_in_view(qtbot, window)
    anns = window.annotations.store.all()
    assert [(a.note, a.tags, a.targets[0].side) for a in anns] == [
        ("first line", ("date",), "right")
    ]
    # Esc cancels
    select_words(qtbot, window, 0, "right", "Chongqing")
    QTimer.singleShot(50, lambda: QApplication.activeModalWidget().reject())
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    assert len(window.annotations.store.all()) == 1


def test_bilingual_annotation_from_two_selections(qtbot, make_window) -> None:
    window = make_window()
    select_words(qtbot, window, 2, "left", "weiche Konnektivität")
    select_words(qtbot, window, 2, "right", "konektivitas lunak", ctrl=True)
    answer_note_dialog("term pair", "term")
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    (ann,) = window.annotations.store.all()
    assert ann.bilingual
    assert {t.side: t.exact for t in ann.targets} == {
        "left": "weiche Konnektivität",
        "right": "konektivitas lunak",
    }


def test_bilingual_annotation_from_entity_pair(qtbot, make_window) -> None:
    window = make_window()
    be = window.entities.bead(1)
    n = next(i for i, (_p, e) in enumerate(be.left) if e.text == "26 Milliarden US-Dollar")
    window.entities.selected = (1, "left", n)
    window.view.set_current(1)
    qtbot.keyClick(window.view, Qt.Key.Key_H)
    (ann,) = window.annotations.store.all()
    assert {t.side: t.exact for t in ann.targets} == {
        "left": "26 Milliarden US-Dollar",
        "right": "$26 miliar",
    }


def test_click_selects_highlight_and_a_jumps(qtbot, make_window) -> None:
    window = make_window()
    store = window.annotations.store
    for row, words in ((1, "347"), (8, "Motorway"), (18, "März")):
        select_words(qtbot, window, row, "left", words)
        qtbot.keyClick(window.view, Qt.Key.Key_H)
    window.annotations.selected_id = None
    window.view.set_current(0)
    seen = []
    for _ in range(4):
        qtbot.keyClick(window.view, Qt.Key.Key_A)
        seen.append(window.view.current)
    assert seen == [1, 8, 18, 1]
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current == 18
    # clicking inside a highlight selects it
    ann = next(a for a in store.all() if a.targets[0].exact == "Motorway")
    t = ann.targets[0]
    window.view.set_current(8)
    qtbot.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=point_at(window.view, 8, "left", t.paragraph, t.start + 2),
    )
    assert window.annotations.selected_id == ann.id


def test_panel_filter_and_jump(qtbot, make_window) -> None:
    window = make_window()
    store = window.annotations.store
    first = store.create(
        store.target("left", 1, 0, 4), note="alpha note", tags=("x",), colour="blue"
    )
    store.create(store.target("right", 12, 0, 8), note="beta", tags=("y",), colour="pink")
    window.action_set["annotation_panel"].trigger()
    panel = window.annotation_panel
    panel.refill()
    assert len(panel.items()) == 2
    panel.filter_text.setText("alpha")
    panel.refill()
    assert [i.text(2) for i in panel.items()] == ["alpha note"]
    panel.filter_text.setText("")
    panel.filter_tag.setCurrentIndex(panel.filter_tag.findData("y"))
    panel.refill()
    assert [i.text(2) for i in panel.items()] == ["beta"]
    panel.filter_tag.setCurrentIndex(0)
    panel.filter_colour.setCurrentIndex(panel.filter_colour.findData("blue"))
    panel.refill()
    (item,) = panel.items()
    panel.tree.setFocus()
    panel.tree.setCurrentItem(item)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.annotations.selected_id == first.id
    assert window.view.current == 1


def test_autosave_and_reopen(qtbot, make_window, data_dir: Path) -> None:
    window = make_window()
    select_words(qtbot, window, 4, "left", "Export")
    qtbot.keyClick(window.view, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: not window.annotations.store.dirty, timeout=3000)  # debounced save
    window.close()
    again = make_window()
    (ann,) = again.annotations.store.all()
    assert ann.targets[0].exact == "Export"
    stored = AnnotationStore.open(load_pair(*seed_pair()), data_dir)
    assert [a.id for a in stored.all()] == [ann.id]


def test_orphans_listed_apart(qtbot, make_window, tmp_path: Path, seed_paths) -> None:
    de, ind = seed_paths
    left, right = tmp_path / "o.de.txt", tmp_path / "o.id.txt"
    left.write_bytes(de.read_bytes())
    right.write_bytes(ind.read_bytes())
    window = make_window(load_pair(left, right))
    store = window.annotations.store
    store.create(store.target("left", 7, 0, 20), note="will vanish")
    store.create(store.target("left", 1, 0, 4), note="stays")
    window.close()
    text = left.read_text(encoding="utf-8")
    para = load_pair(left, right).left.paragraphs[7]
    left.write_text(
        text.replace(para, "Ein völlig neuer Absatz ohne den alten Wortlaut."), encoding="utf-8"
    )
    again = make_window(load_pair(left, right))
    assert any("could not be placed" in n for n in again.notices)
    again.annotation_panel.refill()
    assert [i.text(2) for i in again.annotation_panel.items()] == ["stays"]
    assert [i.text(2) for i in again.annotation_panel.items(orphans=True)] == ["will vanish"]


def test_export_dialog_writes_file_and_says_count(
    qtbot, make_window, monkeypatch, tmp_path: Path
) -> None:
    window = make_window()
    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: infos.append(text))
    window.action_set["export"].trigger()
    assert infos == ["There are no annotations in this document to export."]
    store = window.annotations.store
    store.create(store.target("left", 1, 0, 4), note="n1")
    store.create(store.target("right", 5, 0, 4), note="n2")
    out = tmp_path / "notes.jsonld"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(out), "W3C Web Annotation JSON-LD (*.jsonld)"),
    )
    window.action_set["export"].trigger()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    assert infos[-1].startswith("Exported 2 annotations")
    window.view.set_current(1)
    md = tmp_path / "pair.md"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(md), "Markdown (*.md)")
    )
    window.action_set["export_pair"].trigger()
    assert "## Pair 2" in md.read_text(encoding="utf-8")
    assert infos[-1].startswith("Exported 1 annotation ")
