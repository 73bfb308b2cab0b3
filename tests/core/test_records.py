"""The fast constructor for frozen dataclasses."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from reader.core.records import direct_constructor


@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class Slotted:
    x: int


@dataclasses.dataclass(frozen=True)
class Checked:
    x: int

    def __post_init__(self) -> None:
        if self.x < 0:
            raise ValueError("negative")


def test_builds_the_same_instance_as_the_dataclass() -> None:
    make = direct_constructor(Point)
    point = make(1, 2)
    assert point == Point(1, 2) and type(point) is Point
    assert hash(point) == hash(Point(1, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 3  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(point)) == point


def test_every_field_must_be_given() -> None:
    with pytest.raises(ValueError):
        direct_constructor(Point)(1)


def test_falls_back_to_the_class_where_filling_the_dict_would_differ() -> None:
    assert direct_constructor(Slotted) is Slotted
    assert direct_constructor(Checked) is Checked
