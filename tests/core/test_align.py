"""The paragraph aligner: seeds, perturbed seeds, properties, degenerate inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import align_documents, align_paragraphs, check_beads
from reader.core.document import Bead, Document, load_document, load_pair
from reader.core.sentences import split_sentences

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


@pytest.fixture(scope="module")
def seeds() -> tuple[list[str], list[str]]:
    root = Path(__file__).resolve().parents[2] / "seeds"
    de = load_document(root / "chongqing-connectivity.de.txt", lang="de")
    id_ = load_document(root / "chongqing-connectivity.id.txt", lang="id")
    return list(de.paragraphs), list(id_.paragraphs)


def _align(left: list[str], right: list[str]) -> Beads:
    beads = align_paragraphs(left, right, left_lang="de", right_lang="id").beads
    check_beads(beads, len(left), len(right))
    return [(b.left, b.right) for b in beads]


def _identity(n: int) -> Beads:
    return [((i,), (i,)) for i in range(n)]


def test_seed_pair_gives_twenty_one_to_one_beads(seed_paths: tuple[Path, Path]) -> None:
    text = load_pair(*seed_paths)
    assert [b.kind for b in text.beads] == ["1-1"] * 20
    assert [(b.left, b.right) for b in text.beads] == _identity(20)
    assert all(0.0 <= b.score <= 1.0 for b in text.beads)


def _shift(beads: Beads, at: int, side: str, by: int) -> Beads:
    """Renumber one side's indices >= ``at`` by ``by``."""
    out = []
    for left, right in beads:
        if side == "left":
            left = tuple(i + by if i >= at else i for i in left)
        else:
            right = tuple(j + by if j >= at else j for j in right)
        out.append((left, right))
    return out


POSITIONS = [0, 1, 7, 12, 18, 19]


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("k", POSITIONS)
def test_deleted_paragraph_gives_one_null_bead(
    seeds: tuple[list[str], list[str]], side: str, k: int
) -> None:
    left, right = list(seeds[0]), list(seeds[1])
    if side == "left":
        del left[k]
        expected = [((), (j,)) if j == k else ((j - (j > k),), (j,)) for j in range(20)]
    else:
        del right[k]
        expected = [((i,), ()) if i == k else ((i,), (i - (i > k),)) for i in range(20)]
    assert _align(left, right) == expected


# pairs of body paragraphs, first and last pair included (a heading merged into the paragraph
# after it is deliberately not taken for a 2-1: translations keep headings on their own lines)
@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("k", [0, 1, 7, 9, 12, 18])
def test_merged_paragraphs_give_one_two_to_one_bead(
    seeds: tuple[list[str], list[str]], side: str, k: int
) -> None:
    left, right = list(seeds[0]), list(seeds[1])
    target = left if side == "left" else right
    target[k : k + 2] = [target[k] + " " + target[k + 1]]
    expected: Beads = []
    for i in range(19):
        if i < k:
            expected.append(((i,), (i,)))
        elif i == k:
            pair = (k, k + 1)
            expected.append(((k,), pair) if side == "left" else (pair, (k,)))
        else:
            expected.append(((i,), (i + 1,)) if side == "left" else ((i + 1,), (i,)))
    assert _align(left, right) == expected


def _split_at_sentence(text: str, lang: str) -> tuple[str, str]:
    spans = split_sentences(text, lang)
    assert len(spans) >= 2, text
    middle = spans[len(spans) // 2][0]
    return text[:middle].strip(), text[middle:].strip()


# paragraphs of several sentences, split at a sentence boundary: the first and the last such
# paragraph included (paragraphs 16-19 are single sentences)
@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("k", [0, 1, 7, 10, 12, 15])
def test_split_paragraph_gives_one_one_to_two_bead(
    seeds: tuple[list[str], list[str]], side: str, k: int
) -> None:
    left, right = list(seeds[0]), list(seeds[1])
    if side == "left":
        left[k : k + 1] = list(_split_at_sentence(left[k], "de"))
    else:
        right[k : k + 1] = list(_split_at_sentence(right[k], "id"))
    expected = _identity(20)
    expected[k] = ((k, k + 1), (k,)) if side == "left" else ((k,), (k, k + 1))
    expected = expected[: k + 1] + _shift(expected[k + 1 :], k + 1, side, 1)
    assert _align(left, right) == expected


EXTRAS = {
    "left": ["Anmerkung der Redaktion", "Foto: Xinhua/Li Ming"],
    "right": ["Catatan redaksi", "Artikel ini pertama kali terbit di situs web kami."],
}


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("k", [0, 4, 10, 20])
@pytest.mark.parametrize("which", [0, 1])
def test_extra_heading_or_note_gives_null_bead(
    seeds: tuple[list[str], list[str]], side: str, k: int, which: int
) -> None:
    left, right = list(seeds[0]), list(seeds[1])
    extra = EXTRAS[side][which]
    (left if side == "left" else right).insert(k, extra)
    expected = _identity(20)
    null = ((k,), ()) if side == "left" else ((), (k,))
    expected = [*expected[:k], null, *_shift(expected[k:], k, side, 1)]
    assert _align(left, right) == expected


def test_one_empty_side_gives_null_beads_and_a_warning() -> None:
    result = align_paragraphs(["Eins.", "Zwei."], [])
    assert [(b.left, b.right) for b in result.beads] == [((0,), ()), ((1,), ())]
    assert result.warnings and "right side has no paragraphs" in result.warnings[0]
    result = align_paragraphs([], ["Satu."])
    assert [(b.left, b.right) for b in result.beads] == [((), (0,))]
    assert result.warnings
    assert align_paragraphs([], []).beads == []


def test_huge_single_line_paragraph() -> None:
    words = ("Chongqing " + "Konnektivität Initiative zehn Jahre 2015 ") * 125_000
    big = words[: 5 * 1024 * 1024]
    assert len(big) >= 5_000_000
    result = align_paragraphs([big], [big.replace("Jahre", "tahun")], left_lang="de")
    assert [(b.left, b.right) for b in result.beads] == [((0,), (0,))]
    result = align_paragraphs([big, "Kurz."], ["Pendek."], left_lang="de")
    check_beads(result.beads, 2, 1)


def test_align_documents_keeps_its_signature_and_reports_progress(
    seeds: tuple[list[str], list[str]],
) -> None:
    left = Document(tuple(seeds[0]), lang="de")
    right = Document(tuple(seeds[1]), lang="id")
    seen: list[float] = []
    beads = align_documents(left, right, progress=seen.append)
    assert [(b.left, b.right) for b in beads] == _identity(20)
    assert seen and seen[-1] == 1.0 and all(0.0 <= f <= 1.0 for f in seen)
    assert align_documents(left, right) == beads


def test_progress_callback_can_cancel(seeds: tuple[list[str], list[str]]) -> None:
    class Stop(Exception):
        pass

    def stop(fraction: float) -> None:
        raise Stop

    with pytest.raises(Stop):
        align_paragraphs(seeds[0], seeds[1], progress=stop)


def test_pinned_beads_are_kept_and_the_rest_aligned(seeds: tuple[list[str], list[str]]) -> None:
    pin = Bead((4, 5), (4,), 1.0, True)
    beads = align_paragraphs(seeds[0], seeds[1], pinned=[pin]).beads
    check_beads(beads, 20, 20)
    assert pin in beads
    index = beads.index(pin)
    assert [(b.left, b.right) for b in beads[:index]] == _identity(4)
    with pytest.raises(ValueError):
        align_paragraphs(seeds[0], seeds[1], pinned=[Bead((3, 5), (4,))])


def test_long_text_with_no_shared_anchor_stays_in_order() -> None:
    left = [("lorem ipsum " * (1 + i % 7)).strip() + "." for i in range(400)]
    right = [("dolor sit amet " * (1 + i % 7)).strip() + "." for i in range(400)]
    beads = align_paragraphs(left, right).beads
    check_beads(beads, 400, 400)
    assert sum(1 for b in beads if b.kind == "1-1") >= 380


# -- properties -----------------------------------------------------------------------------

_words = st.sampled_from(
    "Chongqing Singapur zehn 2015 Brücke Standards Fahrzeuge Export Hafen Zug Logistik "
    "Jahr Projekt Initiative 347 Milliarden".split()
)
_paragraph = st.lists(_words, min_size=1, max_size=25).map(lambda ws: " ".join(ws) + ".")
_paragraphs = st.lists(_paragraph, min_size=0, max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_paragraphs, _paragraphs)
def test_beads_are_monotone_and_cover_every_paragraph_once(
    left: list[str], right: list[str]
) -> None:
    beads = align_paragraphs(left, right).beads
    check_beads(beads, len(left), len(right))  # in order, each paragraph exactly once
    for bead in beads:
        assert 0.0 <= bead.score <= 1.0
        assert len(bead.left) <= 4 and len(bead.right) <= 4


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_paragraph, min_size=1, max_size=40))
def test_identical_texts_align_one_to_one(paragraphs: list[str]) -> None:
    beads = align_paragraphs(paragraphs, list(paragraphs)).beads
    assert [(b.left, b.right) for b in beads] == _identity(len(paragraphs))


def test_check_beads_rejects_gaps_and_disorder() -> None:
    with pytest.raises(ValueError):
        check_beads([Bead((0,), (0,)), Bead((2,), (1,))], 3, 2)
    with pytest.raises(ValueError):
        check_beads([Bead((1,), (0,)), Bead((0,), (1,))], 2, 2)
    with pytest.raises(ValueError):
        check_beads([Bead((0,), (0,))], 2, 1)


@pytest.mark.parametrize("at", [0, 9, 20])
def test_a_block_of_extra_paragraphs_gives_null_beads(
    seeds: tuple[list[str], list[str]], at: int
) -> None:
    extra = [
        f"Catatan penerjemah bagian {chr(97 + k)}: istilah ini dibiarkan seperti aslinya agar "
        "pembaca dapat memeriksa sumbernya sendiri."
        for k in range(12)
    ]
    right = seeds[1][:at] + extra + seeds[1][at:]
    expected = [((i,), (i,)) for i in range(at)]
    expected += [((), (at + k,)) for k in range(12)]
    expected += [((i,), (i + 12,)) for i in range(at, 20)]
    assert _align(seeds[0], right) == expected


# -- lexical anchors (reader.core.anchors) -------------------------------------------------------


def test_numeric_anchors_normalise_digits_and_number_words() -> None:
    from reader.core.anchors import numeric_anchors

    de = numeric_anchors("Am 15. Dezember 2025: zehn Jahre, 26 Milliarden, 1.000 Mann", "de")
    id_ = numeric_anchors("Pada 15 Desember 2025: sepuluh tahun, 26 miliar, 1,000 orang", "id")
    assert de == id_ == {"#15": 1, "#2025": 1, "#10": 1, "#26": 1, "#e9": 1, "#1000": 1}
    assert numeric_anchors("ten years, dix ans, ein Jahr, one day", "en") == {"#10": 2}
    assert numeric_anchors("eine Billion", "de") == {"#e12": 1}
    assert numeric_anchors("a billion", "en") == {"#e9": 1}


def test_word_keys_even_out_names_and_spelling() -> None:
    from reader.core.anchors import word_key

    assert word_key("Singapur") == word_key("Singapura")
    assert word_key("Expedition") == word_key("expédition")
    assert word_key("Export") == word_key("ekspor")
    assert word_key("Konnektivität") == word_key("konektivitas")
    assert word_key("Chongqing") != word_key("Singapur")
    assert word_key("und") is None


def test_paragraph_and_shared_keys() -> None:
    from reader.core.anchors import paragraph_keys, shared_keys

    keys = paragraph_keys("Die EU (Brüssel) sagt „ja“, siehe https://example.org/a/.", "de")
    assert keys["AEU"] == 1 and keys["P"] == 1 and keys["Q"] == 1
    assert keys["Uexample.org/a"] == 1
    left, right = shared_keys(["Chongqing 2015 Brücke"], ["Chongqing 2015 jembatan", "lain"])
    assert set(left[0]) == {"wkhong", "#2015"} == set(right[0])
    assert right[1] == {}


# -- texts that repeat themselves ----------------------------------------------------------------


def _repeated_seed(copies: list[int]) -> tuple[list[str], list[str]]:
    from benchmarks._book import seed_paragraphs, vary

    left_seed, right_seed = seed_paragraphs()
    left = [vary(p, k) for k in copies for p in left_seed]
    right = [vary(p, k) for k in copies for p in right_seed]
    return left, right


def test_repetitive_text_without_any_text_wide_rare_key_is_anchored_locally() -> None:
    # 30 numbered copies of the seed pair, then the same 30 again: every key is found at least
    # twice in each text, so only keys unique near the diagonal can anchor (else: a slow search)
    left, right = _repeated_seed(list(range(30)) * 2)
    result = align_paragraphs(left, right, left_lang="de", right_lang="id")
    assert [(b.left, b.right) for b in result.beads] == _identity(len(left))
    assert result.anchors >= 100


def test_repetitive_text_keeps_a_deleted_paragraph_apart() -> None:
    left, right = _repeated_seed(list(range(30)) * 2)
    del right[613]
    beads = _align(left, right)
    expected = [((i,), (i - (i > 613),)) if i != 613 else ((613,), ()) for i in range(len(left))]
    assert beads == expected
