from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reader.core.document import load_pair
from reader.core.tmx import tmx_text


def kinds(window) -> list[str]:
    return [b.kind for b in window.text.beads]


def test_seed_rows_are_twenty_one_to_one(make_window) -> None:
    window = make_window()
    assert kinds(window) == ["1-1"] * 20
    for row, bead in enumerate(window.text.beads):
        labels = [label for _c, label in window.view._gutter_marks(row)]
        assert labels == (["?"] if bead.score < 0.5 else []), (row, bead)


def test_merge_split_move_confirm_undo_and_persist(qtbot, make_window) -> None:
    window = make_window()
    view = window.view
    view.set_current(5)
    qtbot.keyClick(
        view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.text.beads[5].left == (5, 6) and window.text.beads[5].right == (5, 6)
    assert view.row_count() == 19
    assert any(label == "2-2" for _c, label in view._gutter_marks(5))
    # undo and redo through the one history
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert kinds(window) == ["1-1"] * 20
    qtbot.keyClick(
        view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert view.row_count() == 19
    # split it again, then move the first right paragraph of row 8 up
    view.set_current(5)
    window.action_set["split_row"].trigger()
    assert view.row_count() == 20
    view.set_current(8)
    qtbot.keyClick(
        view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.text.beads[7].right == (7, 8)
    assert window.text.beads[8].right == ()
    # confirm the current row
    view.set_current(3)
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.text.beads[3].confirmed
    assert any(label == "✓" for _c, label in view._gutter_marks(3))
    rows = [(b.left, b.right, b.confirmed) for b in window.text.beads]
    window.close()
    # corrections are kept across restarts
    again = make_window()
    assert [(b.left, b.right, b.confirmed) for b in again.text.beads] == rows


def test_correction_wins_over_realignment(qtbot, make_window, tmp_path: Path, seed_paths) -> None:
    de, ind = seed_paths
    left, right = tmp_path / "p.de.txt", tmp_path / "p.id.txt"
    left.write_bytes(de.read_bytes())
    right.write_bytes(ind.read_bytes())
    window = make_window(load_pair(left, right))
    window.view.set_current(0)
    window.action_set["merge_rows"].trigger()
    assert window.text.beads[0].left == (0, 1)
    window.close()
    again = make_window(load_pair(left, right))  # aligned afresh, then the pin applies
    assert again.text.beads[0].left == (0, 1)
    assert again.text.beads[0].right == (0, 1)
    assert len(again.text.beads) == 19


def test_sentence_counterpart_marked_on_hover(qtbot, make_window) -> None:
    window = make_window()
    text = window.text
    para = text.left.paragraphs[0]
    second = para.index("Dies ist die höchste Ebene")
    window.sentences.point_at(0, "left", 0, second + 3)
    spans = window.sentences.counterpart_spans()
    ((_lp, ls, le),) = spans["left"]
    assert para[ls:le].startswith("Dies ist die höchste Ebene")
    right = text.right.paragraphs[0]
    marked = " ".join(right[s:e] for _p, s, e in spans["right"])
    assert marked.startswith("Ini adalah platform mekanisme tingkat tertinggi")
    ranges = window.sentences.decorate(0, "right", 0, right)
    assert len(ranges) == len(spans["right"])
    # moving the mouse over text emits hovered and updates the mark
    window.sentences.point_at(0, "left", 0, 2)
    assert window.sentences.counterpart_spans()["left"][0][1] == 0


def test_open_tmx_shows_units_as_rows(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    source = load_pair(*[Path(p) for p in (window.text.left.path, window.text.right.path)])
    tmx = tmp_path / "seed.tmx"
    tmx.write_text(
        tmx_text(
            source.beads,
            source.left.paragraphs,
            source.right.paragraphs,
            left_lang=source.left.lang,
            right_lang=source.right.lang,
        ),
        encoding="utf-8",
    )
    assert window.open_tmx(str(tmx))
    assert window.view.row_count() == 20
    assert window.text.left.paragraphs[3] == "Die Brücke der Standards"
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    errors: list[str] = []
    window.show_error = lambda title, msg: errors.append(msg)  # type: ignore[method-assign]
    assert not window.open_tmx(str(bad))
    assert errors and "\n" not in errors[0]
    assert window.view.row_count() == 20
