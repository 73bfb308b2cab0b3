"""Manual corrections of an alignment, in the manner of InterText, and re-alignment that keeps them.

Every correction is a pure function: it takes a bead list and returns an :class:`Edit` (the new
bead list and the rows the person produced), never changing its input, so an undo stack only
has to keep the old lists. Rows a person produced or confirmed become *pins*: beads that a
re-alignment keeps as they are, running the aligner only between them. Pins are stored as JSON::

    {"pinned": [{"left": [3, 4], "right": [3], "confirmed": false}, ...]}

Invalid requests (no next row to merge with, nothing to move …) raise :class:`ValueError` with
a message for the user.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from reader.core.document import Bead, Document
from reader.core.errors import ReaderError

__all__ = [
    "Edit",
    "mark_confirmed",
    "merge_with_next",
    "move_first_up",
    "move_last_down",
    "pins_from_json",
    "pins_to_json",
    "realign",
    "split_row",
    "update_pins",
    "usable_pins",
]

_SIDES = ("left", "right")


@dataclass(frozen=True)
class Edit:
    """The beads after a correction and the indices of the rows the correction produced."""

    beads: list[Bead]
    touched: tuple[int, ...]


def _check_row(beads: Sequence[Bead], index: int) -> None:
    if not 0 <= index < len(beads):
        raise ValueError(f"there is no row {index + 1}")


def _check_side(side: str) -> None:
    if side not in _SIDES:
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")


def _edited(left: Iterable[int], right: Iterable[int]) -> Bead:
    return Bead(tuple(left), tuple(right), 1.0, False)


def merge_with_next(beads: Sequence[Bead], index: int) -> Edit:
    """Merge row ``index`` with the row after it."""
    _check_row(beads, index)
    if index + 1 >= len(beads):
        raise ValueError("the last row has no next row to merge with")
    a, b = beads[index], beads[index + 1]
    merged = _edited(a.left + b.left, a.right + b.right)
    return Edit([*beads[:index], merged, *beads[index + 2 :]], (index,))


def split_row(beads: Sequence[Bead], index: int) -> Edit:
    """Split a row of several paragraphs into rows of one paragraph per side.

    The k-th paragraph on the left pairs with the k-th on the right; the paragraphs one side
    has in excess get rows of their own.
    """
    _check_row(beads, index)
    bead = beads[index]
    if len(bead.left) < 2 and len(bead.right) < 2:
        raise ValueError(f"row {index + 1} has no more than one paragraph per side to split")
    rows = []
    for k in range(max(len(bead.left), len(bead.right))):
        rows.append(
            _edited(bead.left[k : k + 1], bead.right[k : k + 1]),
        )
    touched = tuple(range(index, index + len(rows)))
    return Edit([*beads[:index], *rows, *beads[index + 1 :]], touched)


def _sides(bead: Bead) -> dict[str, tuple[int, ...]]:
    return {"left": bead.left, "right": bead.right}


def move_first_up(beads: Sequence[Bead], index: int, side: str) -> Edit:
    """Move the first paragraph of ``side`` in row ``index`` to the end of the row above.

    On the first row the paragraph gets a new row of its own above. A row left with no
    paragraph on either side disappears.
    """
    _check_row(beads, index)
    _check_side(side)
    row = _sides(beads[index])
    if not row[side]:
        raise ValueError(f"row {index + 1} has no {side} paragraph to move")
    moved, rest = row[side][0], row[side][1:]
    row[side] = rest
    new_row = _edited(row["left"], row["right"])
    if index == 0:
        above = _edited((moved,), ()) if side == "left" else _edited((), (moved,))
        out = [above, new_row, *beads[1:]]
        touched = [0, 1]
    else:
        prev = _sides(beads[index - 1])
        prev[side] = (*prev[side], moved)
        out = [*beads[: index - 1], _edited(prev["left"], prev["right"]), new_row]
        out += beads[index + 1 :]
        touched = [index - 1, index]
    return _drop_empty(out, touched)


def move_last_down(beads: Sequence[Bead], index: int, side: str) -> Edit:
    """Move the last paragraph of ``side`` in row ``index`` to the start of the row below.

    On the last row the paragraph gets a new row of its own below. A row left with no paragraph
    on either side disappears.
    """
    _check_row(beads, index)
    _check_side(side)
    row = _sides(beads[index])
    if not row[side]:
        raise ValueError(f"row {index + 1} has no {side} paragraph to move")
    moved, rest = row[side][-1], row[side][:-1]
    row[side] = rest
    new_row = _edited(row["left"], row["right"])
    if index == len(beads) - 1:
        below = _edited((moved,), ()) if side == "left" else _edited((), (moved,))
        out = [*beads[:index], new_row, below]
    else:
        nxt = _sides(beads[index + 1])
        nxt[side] = (moved, *nxt[side])
        out = [*beads[:index], new_row, _edited(nxt["left"], nxt["right"])]
        out += beads[index + 2 :]
    return _drop_empty(out, [index, index + 1])


def _drop_empty(beads: list[Bead], touched: list[int]) -> Edit:
    kept: list[Bead] = []
    new_touched: list[int] = []
    for n, bead in enumerate(beads):
        if not bead.left and not bead.right:
            continue
        if n in touched:
            new_touched.append(len(kept))
        kept.append(bead)
    return Edit(kept, tuple(new_touched))


def mark_confirmed(beads: Sequence[Bead], index: int, confirmed: bool = True) -> Edit:
    """Mark row ``index`` as checked by a person (or clear the mark)."""
    _check_row(beads, index)
    bead = beads[index]
    out = list(beads)
    out[index] = replace(bead, confirmed=confirmed, score=1.0 if confirmed else bead.score)
    return Edit(out, (index,))


# -- pins ----------------------------------------------------------------------------------------


def update_pins(pins: Sequence[Bead], edit: Edit) -> list[Bead]:
    """The pins after ``edit``, in row order: the rows it produced, and the earlier pins that are
    still rows of ``edit.beads``. (A row whose confirmation was cleared stays pinned as it is.)"""
    old = {(p.left, p.right): p for p in pins}
    touched = set(edit.touched)
    out: list[Bead] = []
    for n, bead in enumerate(edit.beads):
        if n in touched:
            out.append(bead)
        elif (bead.left, bead.right) in old:
            out.append(old[(bead.left, bead.right)])
    return out


def pins_to_json(pins: Sequence[Bead]) -> dict[str, object]:
    """``{"pinned": [{"left": [...], "right": [...], "confirmed": bool}, ...]}``, in row order."""
    return {
        "pinned": [
            {"left": list(p.left), "right": list(p.right), "confirmed": bool(p.confirmed)}
            for p in pins
        ]
    }


def pins_from_json(data: object) -> list[Bead]:
    """Pins from the JSON object written by :func:`pins_to_json`; raises :class:`ReaderError`."""
    if not isinstance(data, dict) or not isinstance(data.get("pinned", []), list):
        raise ReaderError('alignment corrections: expected {"pinned": [...]}')
    pins = []
    for n, item in enumerate(data.get("pinned", [])):
        if not isinstance(item, dict):
            raise ReaderError(f"alignment corrections: pin {n + 1} is not an object")
        sides = []
        for side in _SIDES:
            values = item.get(side, [])
            if not isinstance(values, list) or not all(
                isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values
            ):
                raise ReaderError(
                    f"alignment corrections: pin {n + 1}: {side!r} must be a list of paragraph "
                    "numbers"
                )
            sides.append(tuple(values))
        confirmed = item.get("confirmed", False)
        if not isinstance(confirmed, bool):
            raise ReaderError(f"alignment corrections: pin {n + 1}: 'confirmed' must be true/false")
        if sides[0] or sides[1]:
            pins.append(Bead(sides[0], sides[1], 1.0, confirmed))
    return pins


def usable_pins(pins: Sequence[Bead], n_left: int, n_right: int) -> tuple[list[Bead], list[str]]:
    """The pins that fit documents of ``n_left``/``n_right`` paragraphs, and warnings for the rest.

    Pins come in row order; a usable pin lists consecutive paragraphs in range, after those of
    the usable pin before it.
    """
    usable: list[Bead] = []
    warnings: list[str] = []
    last_left, last_right = -1, -1
    for pin in pins:
        left, right = sorted(pin.left), sorted(pin.right)
        ok = (
            all(b - a == 1 for a, b in itertools.pairwise(left))
            and all(b - a == 1 for a, b in itertools.pairwise(right))
            and all(0 <= i < n_left for i in left)
            and all(0 <= j < n_right for j in right)
            and (not left or left[0] > last_left)
            and (not right or right[0] > last_right)
            and bool(left or right)
        )
        if not ok:
            warnings.append(
                f"a stored alignment correction ({list(pin.left)}:{list(pin.right)}) no longer "
                "fits the text and was dropped"
            )
            continue
        usable.append(Bead(tuple(left), tuple(right), pin.score, pin.confirmed))
        if left:
            last_left = left[-1]
        if right:
            last_right = right[-1]
    return usable, warnings


def realign(left: Document, right: Document, pins: Sequence[Bead]) -> list[Bead]:
    """Align ``left`` and ``right`` again, keeping every usable pin; the aligner runs between."""
    from reader.core.align import align_documents

    usable, _ = usable_pins(pins, len(left.paragraphs), len(right.paragraphs))
    return align_documents(left, right, pinned=usable)
