"""Sentence splitting and sentence alignment inside a bead."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import Bead, load_pair
from reader.core.sentences import (
    SentenceSpan,
    align_bead_sentences,
    align_sentences,
    split_sentences,
)


def _sentences(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "de",
            "Am 15. Dezember 2025 fand das Treffen statt. Die Chongqing Co., Ltd. baut z. B. "
            "Autos. Das kostet ca. 5 Mio. Euro! Im 19. Jahrhundert war das anders.",
            [
                "Am 15. Dezember 2025 fand das Treffen statt.",
                "Die Chongqing Co., Ltd. baut z. B. Autos.",
                "Das kostet ca. 5 Mio. Euro!",
                "Im 19. Jahrhundert war das anders.",
            ],
        ),
        (
            "de",
            "G. O. Dyhrenfurth schrieb es. Wer weiß? „Niemand.“ Dann kam der 3. Versuch.",
            [
                "G. O. Dyhrenfurth schrieb es.",
                "Wer weiß?",
                "„Niemand.“",
                "Dann kam der 3. Versuch.",
            ],
        ),
        (
            "id",
            "Pada 15 Desember 2025, pertemuan diadakan. PT Chongqing Co., Ltd. adalah mitra. "
            "Dr. Budi datang.",
            [
                "Pada 15 Desember 2025, pertemuan diadakan.",
                "PT Chongqing Co., Ltd. adalah mitra.",
                "Dr. Budi datang.",
            ],
        ),
        (
            "en",
            "He met Mr. Smith on Dec. 5. Then they left, e.g. by car. U.S. troops arrived.",
            ["He met Mr. Smith on Dec. 5.", "Then they left, e.g. by car.", "U.S. troops arrived."],
        ),
        (
            "fr",
            "M. Dupont est arrivé le 15. Décembre. Il a dit « Bonjour. » Puis il est parti "
            "vers ca. 3 heures. Fin.",
            [
                "M. Dupont est arrivé le 15. Décembre.",
                "Il a dit « Bonjour. »",
                "Puis il est parti vers ca. 3 heures.",
                "Fin.",
            ],
        ),
    ],
)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert _sentences(text, lang) == expected


def test_spans_are_code_point_offsets_without_white_space() -> None:
    text = "  Eins.   Zwei 😀 drei.  "
    spans = split_sentences(text, "de")
    assert spans == [(2, 7), (10, 22)]
    assert [text[a:b] for a, b in spans] == ["Eins.", "Zwei 😀 drei."]


def test_text_without_final_punctuation_is_one_sentence() -> None:
    assert _sentences("Die Brücke der Standards", "de") == ["Die Brücke der Standards"]
    assert split_sentences("", "de") == []
    assert split_sentences("   ", "de") == []


def test_align_sentences_pairs_translations_and_keeps_extras_alone() -> None:
    left = [(3, "Am 15. Dezember 2025 kam er. Er blieb zehn Jahre in Chongqing.")]
    right = [
        (
            5,
            "Pada 15 Desember 2025 dia datang. Catatan tambahan. "
            "Dia tinggal sepuluh tahun di Chongqing.",
        )
    ]
    beads = align_sentences(left, right, left_lang="de", right_lang="id")
    covered_left = [s for b in beads for s in b.left]
    covered_right = [s for b in beads for s in b.right]
    assert covered_left == [SentenceSpan(3, 0, 28), SentenceSpan(3, 29, 62)]
    assert [s.paragraph for s in covered_right] == [5, 5, 5]
    assert len(covered_right) == 3
    first, last = beads[0], beads[-1]
    assert first.left == (SentenceSpan(3, 0, 28),)
    assert right[0][1][first.right[0].start : first.right[0].end].startswith("Pada 15")
    assert last.left == (SentenceSpan(3, 29, 62),)
    assert right[0][1][last.right[-1].start : last.right[-1].end].endswith("di Chongqing.")


def test_align_bead_sentences_on_the_seed(seed_paths: tuple[Path, Path]) -> None:
    text = load_pair(*seed_paths)
    bead = text.beads[0]
    beads = align_bead_sentences(text.left, text.right, bead)
    assert len(beads) == 3
    assert all(len(b.left) == 1 and len(b.right) == 1 for b in beads)
    for b in beads:
        assert 0.0 <= b.score <= 1.0
        for span in b.left:
            assert text.left.paragraphs[span.paragraph][span.start : span.end].strip()


def test_align_sentences_with_an_empty_side() -> None:
    beads = align_sentences([(0, "Eins. Zwei.")], [], left_lang="de")
    assert [len(b.left) for b in beads] == [1, 1]
    assert all(not b.right for b in beads)


def test_align_bead_sentences_of_a_null_bead(seed_paths: tuple[Path, Path]) -> None:
    text = load_pair(*seed_paths)
    beads = align_bead_sentences(text.left, text.right, Bead((0,), ()))
    assert len(beads) == 3 and all(b.left and not b.right for b in beads)
