from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import is_heading
from reader.core.errors import ReaderError
from reader.core.split import split_paragraphs
from reader.core.textio import read_text


def test_seeds_split_into_20_paragraphs(seed_paths: tuple[Path, Path]) -> None:
    de = split_paragraphs(read_text(seed_paths[0]))
    ind = split_paragraphs(read_text(seed_paths[1]))
    assert len(de) == 20
    assert len(ind) == 20
    assert de[3] == "Die Brücke der Standards"
    assert ind[3] == "Jembatan Standar"
    assert de[0].startswith("Am 15. Dezember 2025")
    assert all(p == p.strip() for p in de + ind)


def test_modes() -> None:
    text = "a b\nc d\n\ne f\n"
    assert split_paragraphs(text, "lines") == ["a b", "c d", "e f"]
    assert split_paragraphs(text, "blank") == ["a b c d", "e f"]
    with pytest.raises(ReaderError):
        split_paragraphs(text, "sentences")


def test_whitespace_only_separator_lines_and_crlf() -> None:
    text = "First paragraph.\r\n \t \r\nSecond paragraph.\r\n\u00a0\r\nThird."
    assert split_paragraphs(text) == ["First paragraph.", "Second paragraph.", "Third."]


def test_one_paragraph_per_line() -> None:
    text = "Satu kalimat panjang.\nDua kalimat panjang lagi.\nTiga."
    assert split_paragraphs(text) == ["Satu kalimat panjang.", "Dua kalimat panjang lagi.", "Tiga."]


GUTENBERG = """CHAPTER I.

It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it
was the epoch of incredulity, it was the season of Light, it was the
season of Darkness.

There were a king with a large jaw and a queen with a plain face, on the
throne of England; there were a king with a large jaw and a queen with
a fair face, on the throne of France. In both countries it was clearer
than crystal to the lords of the State preserves of loaves and fishes,
that things in general were settled for ever.
"""


def test_hard_wrapped_text_is_reflowed() -> None:
    paragraphs = split_paragraphs(GUTENBERG)
    assert len(paragraphs) == 3
    assert paragraphs[0] == "CHAPTER I."
    assert paragraphs[1].startswith("It was the best of times") and "age of wisdom" in paragraphs[1]
    assert paragraphs[2].endswith("settled for ever.")


def test_hard_wrapped_without_blank_lines_breaks_at_short_lines() -> None:
    text = (
        "The first paragraph runs over several lines of about the same\n"
        "length, as a typewriter or an old e-text would have wrapped it for\n"
        "the reader.\n"
        "The second paragraph starts on the next line and is also wrapped\n"
        "at the same width as the first one was wrapped by the author.\n"
    )
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("for the reader.")


def test_headings() -> None:
    assert is_heading("Die Brücke der Standards")
    assert is_heading("Jembatan Standar")
    assert not is_heading("Dies war kein einfacher Warenexport.")
    assert not is_heading("kleingeschrieben ohne Punkt")
    assert not is_heading("x" * 90)
