from __future__ import annotations

import pytest

from reader.core.document import load_pair
from reader.core.errors import ReaderError
from reader.core.paths import seed_pair
from reader.core.search import Query, find_in_text, fold, search


def spans(text: str, **kw: object) -> list[str]:
    from reader.core.search import compile_query

    q = Query(**kw)  # type: ignore[arg-type]
    return [text[s:e] for s, e in find_in_text(text, compile_query(q), q)]


def test_accent_and_case_insensitive_by_default() -> None:
    assert spans("Die Überprüfung war streng.", pattern="uberprufung") == ["Überprüfung"]
    assert spans("An der Straße", pattern="strasse") == ["Straße"]
    assert spans("CAFÉ café Cafe", pattern="cafe") == ["CAFÉ", "café", "Cafe"]


def test_sensitivity_options() -> None:
    assert spans("Über über", pattern="über", case_sensitive=True) == ["über"]
    assert spans("Uber Über", pattern="Über", diacritics_sensitive=True) == ["Über"]


def test_whole_word_and_regex() -> None:
    text = "Standards und Standard; standardisiert"
    assert spans(text, pattern="standard", whole_word=True) == ["Standard"]
    assert spans(text, pattern=r"stand\w+s\b", regex=True) == ["Standards"]
    assert spans("März 2024 und Maerz", pattern=r"m[aä]rz \d{4}", regex=True) == ["März 2024"]
    with pytest.raises(ReaderError, match="invalid regular expression"):
        spans(text, pattern="(unclosed", regex=True)
    with pytest.raises(ReaderError, match="empty"):
        spans(text, pattern="")


def test_offsets_are_code_points_with_non_bmp_text() -> None:
    text = "𝔘𝔫 Überprüfung 😀 Test"
    found = find_in_text(text, *_compiled("test"))
    assert [text[s:e] for s, e in found] == ["Test"]
    folded, origin = fold("ß𝔘É")
    assert folded == "ss𝔘e"
    assert origin == (0, 0, 1, 2, 3)


def _compiled(pattern: str):  # type: ignore[no-untyped-def]
    from reader.core.search import compile_query

    q = Query(pattern)
    return compile_query(q), q


def test_search_seed_pair_both_sides_and_scope() -> None:
    text = load_pair(*seed_pair())
    hits = list(search(text, Query("singapur")))
    sides = {h.side for h in hits}
    assert sides == {"left", "right"}  # "Singapur" (de) and "Singapura" (id)
    assert hits == sorted(hits, key=lambda h: (h.bead, h.side != "left", h.paragraph, h.start))
    left_only = list(search(text, Query("singapur", scope="left")))
    assert left_only and all(h.side == "left" for h in left_only)
    first = hits[0]
    para = text.left.paragraphs[first.paragraph]
    assert para[first.start : first.end].lower().startswith("singapur")
    assert list(search(text, Query("Chongqing"), start_bead=19)) == [
        h for h in search(text, Query("Chongqing")) if h.bead >= 19
    ]
