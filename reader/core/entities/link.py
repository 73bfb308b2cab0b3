"""Linking the entities of an aligned bead to their counterparts in the other language.

* numeric kinds (date, number, money, percent): the same normalised value (a year written as a
  bare number matches the same year recognised as a date);
* names (place, organization, person, product): the same or a near-identical surface
  (``Singapur``/``Singapura``), a glossary pair, or most of their words near-identical
  (``Chongqing Connectivity Initiative``/``Inisiatif Konektivitas Chongqing``);
* terms: a glossary pair or the same text; otherwise, when both sides quote the same number of
  terms, the n-th with the n-th.

Links are many-to-many: every occurrence of ``Singapur`` in a bead lights up every ``Singapura``.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from reader.core.entities.glossary import Glossary
from reader.core.entities.model import NAME_KINDS, NUMERIC_KINDS, Entity
from reader.core.entities.names import near_identical


def comparable(entity: Entity) -> tuple[str, object] | None:
    """The key under which numeric entities are compared across languages (``None`` for names).

    Whole numbers 1000–2199 share the key of the year they could be (``2000 Menschen`` may be
    recognised as a year on one side and as a count on the other).
    """
    if entity.kind not in NUMERIC_KINDS:
        return None
    value = entity.value
    if entity.kind == "number" and isinstance(value, int) and 1000 <= value <= 2199:
        return ("date", str(value))
    if entity.kind == "money" and isinstance(value, dict):
        return ("money", (value.get("amount"), value.get("currency")))
    if entity.kind in ("number", "percent") and isinstance(value, float) and value.is_integer():
        return (entity.kind, int(value))
    return (entity.kind, value if not isinstance(value, (dict, list)) else repr(value))


def _words(text: str) -> list[str]:
    return [
        w for w in "".join(c if c.isalnum() else " " for c in text).lower().split() if len(w) > 1
    ]


@lru_cache(maxsize=65536)
def _loosely_same(a: str, b: str) -> bool:
    if near_identical(a, b):
        return True
    return len(a) >= 5 and len(b) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.65


@lru_cache(maxsize=65536)
def names_match(a: str, b: str) -> bool:
    """Same or near-identical name, or most words of each loosely matching a word of the other."""
    if a.lower() == b.lower() or near_identical(a, b):
        return True
    wa, wb = _words(a), _words(b)
    if not wa or not wb or (len(wa) == 1 and len(wb) == 1):
        return False
    hits_a = sum(any(_loosely_same(x, y) for y in wb) for x in wa)
    hits_b = sum(any(_loosely_same(y, x) for x in wa) for y in wb)
    if hits_a >= 2 and hits_b >= 2:
        return True
    return hits_a * 2 > len(wa) and hits_b * 2 > len(wb)


def link_bead(
    left: Sequence[Entity],
    right: Sequence[Entity],
    glossary: Glossary | None = None,
) -> list[tuple[int, int]]:
    """Pairs (index into ``left``, index into ``right``) of entities that correspond."""
    pairs = glossary.pairs() if glossary is not None else set()
    links: list[tuple[int, int]] = []
    right_keys = [comparable(e) for e in right]
    for i, a in enumerate(left):
        key = comparable(a)
        for j, b in enumerate(right):
            if key is not None:
                if key == right_keys[j]:
                    links.append((i, j))
                continue
            if b.kind in NUMERIC_KINDS:
                continue
            same = (a.text.lower(), b.text.lower()) in pairs or (
                str(a.value).lower() == str(b.value).lower() and a.kind == b.kind
            )
            if same or (
                a.kind in NAME_KINDS and b.kind in NAME_KINDS and names_match(a.text, b.text)
            ):
                links.append((i, j))
    linked_left = {i for i, _ in links}
    linked_right = {j for _, j in links}
    terms_left = [i for i, e in enumerate(left) if e.kind == "term" and i not in linked_left]
    terms_right = [j for j, e in enumerate(right) if e.kind == "term" and j not in linked_right]
    if terms_left and len(terms_left) == len(terms_right):
        links.extend(zip(terms_left, terms_right, strict=True))
    return sorted(links)
