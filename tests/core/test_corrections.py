"""InterText-style corrections, pins and re-alignment between pins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.align import check_beads
from reader.core.corrections import (
    mark_confirmed,
    merge_with_next,
    move_first_up,
    move_last_down,
    pins_from_json,
    pins_to_json,
    realign,
    split_row,
    update_pins,
    usable_pins,
)
from reader.core.document import Bead, load_pair
from reader.core.errors import ReaderError


def _rows(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.left, b.right) for b in beads]


BEADS = [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.8), Bead((2,), (2, 3), 0.5), Bead((3,), ())]


def test_merge_with_next() -> None:
    edit = merge_with_next(BEADS, 1)
    assert _rows(edit.beads) == [((0,), (0,)), ((1, 2), (1, 2, 3)), ((3,), ())]
    assert edit.touched == (1,)
    assert edit.beads[1].score == 1.0 and not edit.beads[1].confirmed
    assert _rows(BEADS)[1] == ((1,), (1,))  # input untouched: undo keeps the old list
    with pytest.raises(ValueError, match="last row"):
        merge_with_next(BEADS, 3)
    with pytest.raises(ValueError):
        merge_with_next(BEADS, 7)


def test_split_row() -> None:
    edit = split_row(BEADS, 2)
    assert _rows(edit.beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,)), ((3,), ())]
    assert edit.touched == (2, 3)
    check_beads(edit.beads, 4, 4)
    with pytest.raises(ValueError, match="no more than one"):
        split_row(BEADS, 0)


def test_merge_then_split_restores_one_to_one() -> None:
    merged = merge_with_next(BEADS, 0).beads
    assert _rows(split_row(merged, 0).beads)[:2] == [((0,), (0,)), ((1,), (1,))]


def test_move_first_up() -> None:
    edit = move_first_up(BEADS, 2, "right")
    assert _rows(edit.beads) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), ())]
    assert edit.touched == (1, 2)
    # a row left empty disappears
    edit = move_first_up(BEADS, 3, "left")
    assert _rows(edit.beads) == [((0,), (0,)), ((1,), (1,)), ((2, 3), (2, 3))]
    assert edit.touched == (2,)
    # the first row: the paragraph gets a row of its own above
    edit = move_first_up(BEADS, 0, "left")
    assert _rows(edit.beads)[:2] == [((0,), ()), ((), (0,))]
    check_beads(edit.beads, 4, 4)
    with pytest.raises(ValueError, match="no right paragraph"):
        move_first_up(BEADS, 3, "right")
    with pytest.raises(ValueError, match="side"):
        move_first_up(BEADS, 1, "middle")


def test_move_last_down() -> None:
    edit = move_last_down(BEADS, 2, "right")
    assert _rows(edit.beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    assert edit.touched == (2, 3)
    edit = move_last_down(BEADS, 3, "left")
    assert _rows(edit.beads)[-1] == ((3,), ())
    assert len(edit.beads) == 4
    edit = move_last_down(BEADS, 0, "left")
    assert _rows(edit.beads)[:2] == [((), (0,)), ((0, 1), (1,))]
    check_beads(edit.beads, 4, 4)


def test_mark_confirmed() -> None:
    edit = mark_confirmed(BEADS, 2)
    assert edit.beads[2].confirmed and edit.beads[2].score == 1.0
    assert not BEADS[2].confirmed
    assert not mark_confirmed(edit.beads, 2, confirmed=False).beads[2].confirmed


def test_update_pins_replaces_overlapping_pins() -> None:
    pins = update_pins([], mark_confirmed(BEADS, 0))
    assert _rows(pins) == [((0,), (0,))] and pins[0].confirmed
    edit = merge_with_next(BEADS, 1)
    pins = update_pins(pins, edit)
    assert _rows(pins) == [((0,), (0,)), ((1, 2), (1, 2, 3))]
    edit = split_row(edit.beads, 1)
    pins = update_pins(pins, edit)
    assert _rows(pins) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,))]


def test_pins_json_round_trip() -> None:
    pins = [Bead((0,), (0,), 1.0, True), Bead((1, 2), (1,), 1.0, False), Bead((), (2,))]
    data = pins_to_json(pins)
    assert data == {
        "pinned": [
            {"left": [0], "right": [0], "confirmed": True},
            {"left": [1, 2], "right": [1], "confirmed": False},
            {"left": [], "right": [2], "confirmed": False},
        ]
    }
    assert pins_from_json(json.loads(json.dumps(data))) == pins
    assert pins_from_json({}) == []


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"pinned": {}},
        {"pinned": [3]},
        {"pinned": [{"left": [-1], "right": []}]},
        {"pinned": [{"left": ["a"], "right": []}]},
        {"pinned": [{"left": [True], "right": []}]},
        {"pinned": [{"left": [1], "right": [1], "confirmed": "yes"}]},
    ],
)
def test_pins_from_bad_json(data: object) -> None:
    with pytest.raises(ReaderError, match="alignment corrections"):
        pins_from_json(data)


def test_usable_pins_drop_what_no_longer_fits() -> None:
    pins = [Bead((0,), (0,)), Bead((5,), (9,)), Bead((2, 4), (2,)), Bead((1,), (3,))]
    usable, warnings = usable_pins(pins, 4, 4)
    assert _rows(usable) == [((0,), (0,)), ((1,), (3,))]
    assert len(warnings) == 2


def test_realign_keeps_pins_and_aligns_between(seed_paths: tuple[Path, Path]) -> None:
    text = load_pair(*seed_paths)
    # a person decided paragraphs 4 and 5 on the left go with 4 on the right, and confirmed 10
    edit = merge_with_next(text.beads, 4)
    pins = update_pins([], edit)
    pins = update_pins(pins, mark_confirmed(edit.beads, 9))
    stored = pins_from_json(json.loads(json.dumps(pins_to_json(pins))))
    beads = realign(text.left, text.right, stored)
    check_beads(beads, 20, 20)
    rows = _rows(beads)
    assert ((4, 5), (4, 5)) in rows
    confirmed = [b for b in beads if b.confirmed]
    assert _rows(confirmed) == [((10,), (10,))]
    assert rows[:4] == [((i,), (i,)) for i in range(4)]
    assert rows[-9:] == [((i,), (i,)) for i in range(11, 20)]
