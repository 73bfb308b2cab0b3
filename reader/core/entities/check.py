"""Checking that numbers, dates, amounts and percentages agree between the two sides.

For every bead the multisets of normalised numeric values on the two sides are compared (see
:func:`reader.core.entities.link.comparable`); each kind whose multisets differ in a bead gives one
:class:`Finding` listing that kind's values on both sides.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from reader.core.document import ParallelText
from reader.core.entities.glossary import Glossary
from reader.core.entities.link import comparable
from reader.core.entities.model import Entity
from reader.core.entities.recognize import numeric_entities

KIND_ORDER = ("number", "money", "date", "percent")


@dataclass(frozen=True)
class Finding:
    """A bead whose values of one kind differ between the sides."""

    bead: int
    left: tuple[int, ...]
    right: tuple[int, ...]
    kind: str
    left_values: tuple[Any, ...]
    right_values: tuple[Any, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``parallel-reader check --json``."""
        return {
            "bead": self.bead,
            "left": list(self.left),
            "right": list(self.right),
            "kind": self.kind,
            "left_values": list(self.left_values),
            "right_values": list(self.right_values),
        }


def _side(paragraphs: list[str], lang: str, glossary: Glossary | None) -> list[Entity]:
    found: list[Entity] = []
    for text in paragraphs:
        found.extend(numeric_entities(text, lang, glossary=glossary))
    return found


def compare(left: list[Entity], right: list[Entity]) -> list[tuple[str, list[Any], list[Any]]]:
    """(kind, left values, right values) for every kind whose multisets differ."""
    keyed_left = [(comparable(e), e) for e in left]
    keyed_right = [(comparable(e), e) for e in right]
    diffs: list[tuple[str, list[Any], list[Any]]] = []
    for kind in KIND_ORDER:
        lk = Counter(k for k, _ in keyed_left if k is not None and k[0] == kind)
        rk = Counter(k for k, _ in keyed_right if k is not None and k[0] == kind)
        if lk != rk:
            diffs.append(
                (
                    kind,
                    [e.value for k, e in keyed_left if k is not None and k[0] == kind],
                    [e.value for k, e in keyed_right if k is not None and k[0] == kind],
                )
            )
    return diffs


def check_bead(text: ParallelText, bead: int, glossary: Glossary | None = None) -> list[Finding]:
    """The findings of one bead."""
    b = text.beads[bead]
    left = _side(text.bead_text(bead, "left"), text.left.lang, glossary)
    right = _side(text.bead_text(bead, "right"), text.right.lang, glossary)
    return [
        Finding(bead, b.left, b.right, kind, tuple(lv), tuple(rv))
        for kind, lv, rv in compare(left, right)
    ]


def check_text(text: ParallelText, glossary: Glossary | None = None) -> list[Finding]:
    """Every finding of a parallel text, in bead order."""
    findings: list[Finding] = []
    for n in range(len(text.beads)):
        findings.extend(check_bead(text, n, glossary))
    return findings
