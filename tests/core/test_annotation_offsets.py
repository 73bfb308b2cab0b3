"""Code points (targets) versus UTF-16 units (Qt text positions)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.annotations import from_utf16, to_utf16


def test_bmp_text_is_the_same_in_both_units() -> None:
    assert to_utf16("Brücke", 3) == 3 and from_utf16("Brücke", 3) == 3


def test_astral_characters_take_two_units() -> None:
    text = "a😀b𠀋c"
    assert [to_utf16(text, i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [from_utf16(text, u) for u in range(8)] == [0, 1, 1, 2, 3, 3, 4, 5]


@given(st.text(), st.data())
def test_round_trip(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    assert from_utf16(text, to_utf16(text, offset)) == offset
    assert to_utf16(text, offset) == len(text[:offset].encode("utf-16-le")) // 2
