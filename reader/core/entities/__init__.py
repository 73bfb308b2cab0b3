"""Entities: recognise them by kind, link them across the two languages, check numbers and dates.

Public API (pure Python, no Qt; offsets are code points within one paragraph — a Qt view must
convert them to UTF-16 units, e.g. with :func:`utf16_offset`)::

    from reader.core import entities as ent

    ent.KINDS                      # ("date", "number", "money", "percent", "place",
                                   #  "organization", "person", "product", "term")
    ent.KIND_NAMES                 # kind → human label for the legend and tooltips
    ent.KIND_COLOURS               # kind → "#RRGGBB", a colour-blind-safe default palette
    ent.Entity                     # start, end, text, kind, value; .to_dict()

    ent.recognize(text, lang, *, counterpart=None, glossary=None) -> list[Entity]
    ent.entities_for(text, lang, *, counterpart=None, glossary=None) -> tuple[Entity, ...]
        # the same, LRU-cached per (text, lang, counterpart, glossary): call it for every
        # visible row; counterpart = the aligned text of the other side (the bead's paragraphs
        # joined by "\n\n"), evidence for names.
    ent.bead_entities(parallel_text, bead, glossary=None) -> BeadEntities
        # .left / .right: lists of (paragraph index, Entity), .links: (left i, right j) pairs
    ent.link_bead(left_entities, right_entities, glossary=None) -> list[tuple[int, int]]
    ent.check_text(parallel_text, glossary=None) -> list[Finding]   # Finding.to_dict()
    ent.check_bead(parallel_text, bead, glossary=None) -> list[Finding]
    ent.Glossary.load(data_dir=None) / glossary.save(data_dir=None) / glossary.add(GlossaryEntry(
        text, kind, lang, counterpart=None, counterpart_lang=None))
    ent.clear_cache()              # drop cached results (memory); glossary edits need no call
                                   # (the glossary's entries are part of the cache key)
    ent.utf16_offset(text, offset) -> int   # code points → UTF-16 units for Qt
    ent.code_point_offset(text, units) -> int  # UTF-16 units (a Qt cursor) → code points
    ent.describe(entity) -> str    # tooltip: "Amount of money: 26000000000 USD"
    ent.value_text(entity) -> str  # the value alone, as shown to people

Lower level: ``reader.core.entities.lexers.lexer_for(lang)`` is the pygments ``RegexLexer``
(``get_tokens_unprocessed`` gives code-point offsets; token types in ``model``:
``Token.Literal.Date``, ``Token.Literal.Number.Money``, ``Token.Name.Entity.Place`` …);
``normalize.parse_number/parse_money/parse_date/parse_percent`` turn surface text into values.

Values: number → int/float; money → {"amount": number, "currency": ISO 4217}; percent → number;
date → ISO 8601 as far as known ("2025-12-15", "2024-03", "2015", "XXXX-11"); names and terms →
their text (a glossary counterpart → the entry's text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.document import PARAGRAPH_SEPARATOR, ParallelText
from reader.core.entities.check import Finding, check_bead, check_text
from reader.core.entities.glossary import Glossary, GlossaryEntry
from reader.core.entities.link import comparable, link_bead
from reader.core.entities.model import (
    KIND_COLOURS,
    KIND_NAMES,
    KINDS,
    NUMERIC_KINDS,
    Entity,
    describe,
    value_text,
)
from reader.core.entities.recognize import clear_cache, entities_for, numeric_entities, recognize

__all__ = [
    "KINDS",
    "KIND_COLOURS",
    "KIND_NAMES",
    "NUMERIC_KINDS",
    "BeadEntities",
    "Entity",
    "Finding",
    "Glossary",
    "GlossaryEntry",
    "bead_entities",
    "check_bead",
    "check_text",
    "clear_cache",
    "code_point_offset",
    "comparable",
    "describe",
    "entities_for",
    "link_bead",
    "numeric_entities",
    "recognize",
    "utf16_offset",
    "value_text",
]


@dataclass
class BeadEntities:
    """The entities of both sides of one bead and the links between them."""

    left: list[tuple[int, Entity]] = field(default_factory=list)
    right: list[tuple[int, Entity]] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)

    def counterparts(self, side: str, index: int) -> list[int]:
        """Indices on the other side linked to entity ``index`` of ``side``."""
        if side == "left":
            return [j for i, j in self.links if i == index]
        return [i for i, j in self.links if j == index]


def bead_entities(text: ParallelText, bead: int, glossary: Glossary | None = None) -> BeadEntities:
    """Entities of both sides of ``bead`` (cached per paragraph) and their links."""
    b = text.beads[bead]
    left_text = PARAGRAPH_SEPARATOR.join(text.left.paragraphs[i] for i in b.left)
    right_text = PARAGRAPH_SEPARATOR.join(text.right.paragraphs[j] for j in b.right)
    result = BeadEntities()
    for i in b.left:
        for e in entities_for(
            text.left.paragraphs[i], text.left.lang, counterpart=right_text, glossary=glossary
        ):
            result.left.append((i, e))
    for j in b.right:
        for e in entities_for(
            text.right.paragraphs[j], text.right.lang, counterpart=left_text, glossary=glossary
        ):
            result.right.append((j, e))
    result.links = link_bead(
        [e for _, e in result.left], [e for _, e in result.right], glossary=glossary
    )
    return result


def utf16_offset(text: str, offset: int) -> int:
    """Code-point ``offset`` in ``text`` → UTF-16 code units (what Qt's text positions count)."""
    return offset + sum(1 for ch in text[:offset] if ord(ch) > 0xFFFF)


def code_point_offset(text: str, units: int) -> int:
    """UTF-16 code units (Qt's text positions) → code-point offset in ``text``."""
    count = 0
    for index, ch in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
