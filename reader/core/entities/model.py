"""The entity record, its kinds and the pygments token types that stand for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pygments.token import Token, _TokenType

KINDS: tuple[str, ...] = (
    "date",
    "number",
    "money",
    "percent",
    "place",
    "organization",
    "person",
    "product",
    "term",
)
NUMERIC_KINDS: frozenset[str] = frozenset({"date", "number", "money", "percent"})
NAME_KINDS: frozenset[str] = frozenset({"place", "organization", "person", "product"})

# Human-readable label of each kind (legend, tooltips, readable CLI output).
KIND_NAMES: dict[str, str] = {
    "date": "Date",
    "number": "Number",
    "money": "Amount of money",
    "percent": "Percentage",
    "place": "Place",
    "organization": "Organisation",
    "person": "Person",
    "product": "Product",
    "term": "Term",
}

# One colour per kind (Okabe–Ito, colour-blind safe; mid-luminance so that they read on light and
# dark backgrounds, e.g. as an underline or a translucent background). The window may override.
KIND_COLOURS: dict[str, str] = {
    "date": "#0072B2",
    "number": "#009E73",
    "money": "#E69F00",
    "percent": "#56B4E9",
    "place": "#D55E00",
    "organization": "#CC79A7",
    "person": "#F0E442",
    "product": "#999999",
    "term": "#8C6BB1",
}

# Token types the lexers emit. Entity tokens map to a kind; the rest are evidence for names.py.
DATE = Token.Literal.Date
NUMBER = Token.Literal.Number.Entity
MONEY = Token.Literal.Number.Money
PERCENT = Token.Literal.Number.Percent
PLACE = Token.Name.Entity.Place
ORGANIZATION = Token.Name.Entity.Organization
PERSON = Token.Name.Entity.Person
PRODUCT = Token.Name.Entity.Product
TERM = Token.Name.Entity.Term
ACRONYM = Token.Name.Entity.Organization.Acronym
ORG_SUFFIX = Token.Name.Entity.Organization.Suffix  # "Co., Ltd.", "GmbH": part of a name
CANDIDATE = Token.Name.Candidate  # a capitalised word: a name only with evidence

TOKEN_KINDS: dict[_TokenType, str] = {
    DATE: "date",
    NUMBER: "number",
    MONEY: "money",
    PERCENT: "percent",
    PLACE: "place",
    ORGANIZATION: "organization",
    PERSON: "person",
    PRODUCT: "product",
    TERM: "term",
    ACRONYM: "organization",
    ORG_SUFFIX: "organization",
}


@dataclass(frozen=True)
class Entity:
    """One recognised entity in a paragraph.

    ``start``/``end`` are code-point offsets into the paragraph text (``text ==
    paragraph[start:end]``); ``value`` is the normalised value (see
    :mod:`reader.core.entities.normalize`) for numeric kinds and the surface text for names and
    terms.
    """

    start: int
    end: int
    text: str
    kind: str
    value: Any

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the ``entities`` command: start, end, text, kind, value."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "value": self.value,
        }


def value_text(entity: Entity) -> str:
    """The normalised value for people: ``2025-12-15``, ``26000000000 USD``, ``15 %``."""
    value = entity.value
    if isinstance(value, dict):
        return f"{value.get('amount')} {value.get('currency')}"
    if entity.kind == "percent":
        return f"{value} %"
    return str(value)


def describe(entity: Entity) -> str:
    """A one-line tooltip: kind and, where it differs from the text, the normalised value."""
    label = KIND_NAMES.get(entity.kind, entity.kind)
    shown = value_text(entity)
    return label if shown == entity.text else f"{label}: {shown}"
