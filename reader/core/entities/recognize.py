"""Recognising the entities of one paragraph, lazily and with a cache.

:func:`entities_for` is what a view calls for every visible paragraph: the result for a given
(paragraph text, language, counterpart text, glossary) is computed once and then served from an
LRU cache, so scrolling never re-lexes what was already shown and opening a book lexes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from reader.core.document import is_heading
from reader.core.entities.glossary import Glossary, GlossaryEntry, find_entries
from reader.core.entities.lexers import tokens
from reader.core.entities.model import NUMERIC_KINDS, TOKEN_KINDS, Entity
from reader.core.entities.names import find_names
from reader.core.entities.normalize import parse_date, parse_money, parse_number, parse_percent

CACHE_SIZE = 8192

_PARSERS = {
    "date": parse_date,
    "number": parse_number,
    "money": parse_money,
    "percent": parse_percent,
}


def _numeric_value(kind: str, text: str, lang: str) -> object | None:
    parser: Callable[[str, str], object | None] = _PARSERS[kind]
    return parser(text, lang)


def _recognize(
    text: str,
    lang: str,
    counterpart: str | None,
    entries: tuple[GlossaryEntry, ...],
    names: bool,
) -> tuple[Entity, ...]:
    toks = tokens(text, lang)
    found: list[Entity] = []
    for start, token, value in toks:
        kind = TOKEN_KINDS.get(token)
        if kind in NUMERIC_KINDS:
            assert kind is not None
            normalised = _numeric_value(kind, value, lang)
            if normalised is not None:
                found.append(Entity(start, start + len(value), value, kind, normalised))
    if names:
        found.extend(
            find_names(
                text,
                lang,
                toks,
                counterpart=counterpart,
                heading=is_heading(text),
                counterpart_heading=bool(counterpart) and is_heading(counterpart or ""),
            )
        )
    if entries:
        marked = find_entries(text, lang, entries)
        if marked:
            found = [
                e for e in found if not any(e.start < g.end and g.start < e.end for g in marked)
            ]
            for g in marked:
                if g.kind in NUMERIC_KINDS:
                    parsed = _numeric_value(g.kind, g.text, lang)
                    if parsed is not None:
                        g = Entity(g.start, g.end, g.text, g.kind, parsed)
                found.append(g)
    found.sort(key=lambda e: (e.start, -e.end))
    return tuple(found)


@lru_cache(maxsize=CACHE_SIZE)
def _cached(
    text: str,
    lang: str,
    counterpart: str | None,
    entries: tuple[GlossaryEntry, ...],
    names: bool,
) -> tuple[Entity, ...]:
    return _recognize(text, lang, counterpart, entries, names)


def _entries(glossary: Glossary | tuple[GlossaryEntry, ...] | None) -> tuple[GlossaryEntry, ...]:
    if glossary is None:
        return ()
    if isinstance(glossary, Glossary):
        return glossary.key()
    return tuple(glossary)


def recognize(
    text: str,
    lang: str,
    *,
    counterpart: str | None = None,
    glossary: Glossary | tuple[GlossaryEntry, ...] | None = None,
) -> list[Entity]:
    """All entities of one paragraph, sorted by start (uncached; see :func:`entities_for`).

    ``counterpart`` is the aligned text in the other language (evidence for names);
    ``glossary`` entries override what they overlap.
    """
    return list(_recognize(text, lang, counterpart or None, _entries(glossary), True))


def entities_for(
    text: str,
    lang: str,
    *,
    counterpart: str | None = None,
    glossary: Glossary | tuple[GlossaryEntry, ...] | None = None,
) -> tuple[Entity, ...]:
    """Like :func:`recognize`, served from an LRU cache keyed by all the arguments."""
    return _cached(text, lang, counterpart or None, _entries(glossary), True)


def numeric_entities(
    text: str,
    lang: str,
    *,
    glossary: Glossary | tuple[GlossaryEntry, ...] | None = None,
) -> tuple[Entity, ...]:
    """Only dates, numbers, amounts and percentages (what :mod:`check` compares); cached."""
    found = _cached(text, lang, None, _entries(glossary), False)
    return tuple(e for e in found if e.kind in NUMERIC_KINDS)


def clear_cache() -> None:
    """Forget every cached result, including the name-evidence helpers' caches."""
    from reader.core.entities import link, names

    _cached.cache_clear()
    for fn in (
        names.counterpart_words,
        names.near_identical,
        names._in_counterpart,
        names._by_prefix,
        link.names_match,
        link._loosely_same,
    ):
        fn.cache_clear()
