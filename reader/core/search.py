"""Searching both sides of a parallel text.

By default matching ignores case and diacritics ("Uberprufung" finds "Überprüfung", "strasse" finds
"Straße"); whole-word and regular-expression searches are options. Offsets of hits are code points
into the paragraph's own text, whatever folding did to the lengths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reader.core.document import ParallelText
from reader.core.errors import ReaderError

SCOPES = ("both", "left", "right")


@dataclass(frozen=True)
class Query:
    pattern: str
    regex: bool = False
    whole_word: bool = False
    case_sensitive: bool = False
    diacritics_sensitive: bool = False
    scope: str = "both"

    @property
    def folds(self) -> bool:
        return not (self.case_sensitive and self.diacritics_sensitive)

    @property
    def fold_case(self) -> bool:
        """Literal searches fold case themselves (so "strasse" finds "Straße"); regular
        expressions rely on ``re.IGNORECASE`` so that escapes like ``\\W`` keep their meaning."""
        return not self.case_sensitive and not self.regex

    @property
    def fold_diacritics(self) -> bool:
        return not self.diacritics_sensitive


@dataclass(frozen=True)
class Hit:
    bead: int
    side: str
    paragraph: int
    start: int  # code points within the paragraph
    end: int


@lru_cache(maxsize=65536)
def fold(text: str, case: bool = True, diacritics: bool = True) -> tuple[str, tuple[int, ...]]:
    """``text`` with case and/or diacritics folded, and for each folded character the index of
    the original character it came from (plus a final entry for the end)."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = ch
        if diacritics:
            decomposed = unicodedata.normalize("NFD", piece)
            piece = "".join(c for c in decomposed if not unicodedata.combining(c)) or piece
        if case:
            piece = piece.casefold()
        for c in piece:
            out.append(c)
            origin.append(i)
    origin.append(len(text))
    return "".join(out), tuple(origin)


def compile_query(query: Query) -> re.Pattern[str]:
    """The compiled pattern, applied to folded text. Raises :class:`ReaderError` for a bad regex."""
    pattern = query.pattern
    if not pattern:
        raise ReaderError("empty search")
    folded = fold(pattern, query.fold_case, query.fold_diacritics)[0]
    pattern_text = folded if query.regex else re.escape(folded)
    if query.whole_word:
        pattern_text = rf"(?<!\w)(?:{pattern_text})(?!\w)"
    flags = re.UNICODE
    if not query.case_sensitive:
        flags |= re.IGNORECASE
    try:
        return re.compile(pattern_text, flags)
    except re.error as exc:
        raise ReaderError(f"invalid regular expression: {exc}") from None


def find_in_text(text: str, compiled: re.Pattern[str], query: Query) -> list[tuple[int, int]]:
    """Code-point spans of the matches in ``text`` (empty matches are skipped)."""
    if not query.folds:
        return [(m.start(), m.end()) for m in compiled.finditer(text) if m.end() > m.start()]
    folded, origin = fold(text, query.fold_case, query.fold_diacritics)
    spans = []
    for m in compiled.finditer(folded):
        if m.end() == m.start():
            continue
        start = origin[m.start()]
        end = origin[m.end() - 1] + 1
        spans.append((start, end))
    return spans


def search(
    text: ParallelText, query: Query, *, start_bead: int = 0, stop_bead: int | None = None
) -> Iterator[Hit]:
    """Hits in bead order (left side before right), from ``start_bead`` up to ``stop_bead``."""
    compiled = compile_query(query)
    sides = ("left", "right") if query.scope == "both" else (query.scope,)
    stop = len(text.beads) if stop_bead is None else min(stop_bead, len(text.beads))
    for b in range(start_bead, stop):
        bead = text.beads[b]
        for side in sides:
            doc = text.left if side == "left" else text.right
            for p in bead.left if side == "left" else bead.right:
                for s, e in find_in_text(doc.paragraphs[p], compiled, query):
                    yield Hit(b, side, p, s, e)
