"""check: the seed pair is consistent; changing one number or date flags exactly that bead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.document import Bead, Document, ParallelText, load_pair
from reader.core.entities import NUMERIC_KINDS, check_text, recognize
from reader.core.entities.check import compare
from reader.core.entities.model import Entity

REPO = Path(__file__).resolve().parents[2]
SEED_DE = REPO / "seeds" / "chongqing-connectivity.de.txt"
SEED_ID = REPO / "seeds" / "chongqing-connectivity.id.txt"


def test_seed_pair_is_consistent() -> None:
    text = load_pair(SEED_DE, SEED_ID)
    assert len(text.beads) == 20
    assert check_text(text) == []


def _perturbed(tmp_path: Path, side: str, old: str, new: str) -> tuple[Path, Path]:
    de, idn = SEED_DE.read_text(encoding="utf-8"), SEED_ID.read_text(encoding="utf-8")
    if side == "de":
        assert de.count(old) == 1, old
        de = de.replace(old, new)
    else:
        assert idn.count(old) == 1, old
        idn = idn.replace(old, new)
    left, right = tmp_path / "copy.de.txt", tmp_path / "copy.id.txt"
    left.write_text(de, encoding="utf-8")
    right.write_text(idn, encoding="utf-8")
    return left, right


@pytest.mark.parametrize(
    ("side", "old", "new", "bead", "kind"),
    [
        ("de", "insgesamt 347", "insgesamt 348", 1, "number"),
        ("id", "membentuk 33 pencapaian", "membentuk 34 pencapaian", 1, "number"),
        ("de", "nun zehn Jahre", "nun elf Jahre", 1, "number"),
        ("de", "achtzehn Monaten", "neunzehn Monaten", 8, "number"),
        ("id", "delapan belas bulan", "delapan bulan", 8, "number"),
        ("id", "lebih dari sepuluh negara", "lebih dari dua belas negara", 12, "number"),
        ("de", "zwei repräsentative", "drei repräsentative", 14, "number"),
        ("de", "über 30 singapurische", "über 40 singapurische", 18, "number"),
        ("id", "15 Desember 2025", "16 Desember 2025", 0, "date"),
        ("de", "Im September 2024", "Im Oktober 2024", 13, "date"),
        ("id", "Pada Maret 2024", "Pada Maret 2023", 7, "date"),
        ("de", "im Jahr 2015", "im Jahr 2016", 1, "date"),
        ("id", "pada Maret tahun ini", "pada April tahun ini", 14, "date"),
        ("de", "Ab 2023", "Ab 2022", 13, "date"),
        ("id", "$10,8 juta", "$10,8 miliar", 15, "money"),
        ("de", "26 Milliarden US-Dollar", "26 Milliarden Euro", 1, "money"),
        ("de", "10,8 Millionen US-Dollar", "10,9 Millionen US-Dollar", 15, "money"),
        ("id", "$26 miliar", "$62 miliar", 1, "money"),
    ],
)
def test_one_change_flags_exactly_that_bead(
    tmp_path: Path, side: str, old: str, new: str, bead: int, kind: str
) -> None:
    findings = check_text(load_pair(*_perturbed(tmp_path, side, old, new)))
    assert findings, "the change was not noticed"
    assert {f.bead for f in findings} == {bead}
    assert kind in {f.kind for f in findings}
    f = findings[0]
    assert f.left == (bead,) and f.right == (bead,)


def test_a_dropped_amount_is_a_finding(tmp_path: Path) -> None:
    findings = check_text(load_pair(*_perturbed(tmp_path, "id", ", senilai $26 miliar", "")))
    assert [(f.bead, f.kind) for f in findings] == [(1, "money")]
    assert findings[0].right_values == ()
    assert findings[0].left_values == ({"amount": 26_000_000_000, "currency": "USD"},)
    assert findings[0].to_dict()["left_values"] == [{"amount": 26_000_000_000, "currency": "USD"}]


def test_compare_counts_multisets_and_years() -> None:
    two = Entity(0, 1, "2", "number", 2)
    year = Entity(0, 4, "2000", "date", "2000")
    count = Entity(0, 5, "2.000", "number", 2000)
    assert compare([two, two], [two]) == [("number", [2, 2], [2])]
    assert compare([two, year], [count, two]) == []
    assert compare([Entity(0, 2, "10", "number", 10)], [Entity(0, 4, "10.0", "number", 10.0)]) == []


_WORD_CHANGES = {
    "zehn": "elf",
    "achtzehn": "neunzehn",
    "zwei": "drei",
    "sepuluh": "sebelas",
    "delapan belas": "sembilan belas",
    "dua": "tiga",
    "November": "Oktober",
    "März": "April",
    "Maret": "April",
    "Juni": "Juli",
}


def _mutate(text: str) -> str:
    """Another number or date: the first digit run plus one, or another word."""
    m = re.search(r"\d+", text)
    if m:
        return text[: m.start()] + str(int(m.group()) + 1) + text[m.end() :]
    return _WORD_CHANGES[text]


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_single_change_in_the_seeds_flags_exactly_its_bead(side: str) -> None:
    text = load_pair(SEED_DE, SEED_ID)
    doc = text.left if side == "left" else text.right
    changed = 0
    for index, paragraph in enumerate(doc.paragraphs):
        for e in [e for e in recognize(paragraph, doc.lang) if e.kind in NUMERIC_KINDS]:
            new = paragraph[: e.start] + _mutate(e.text) + paragraph[e.end :]
            paragraphs = list(doc.paragraphs)
            paragraphs[index] = new
            other = Document(tuple(paragraphs), lang=doc.lang)
            copy = ParallelText(
                left=other if side == "left" else text.left,
                right=other if side == "right" else text.right,
                beads=text.beads,
            )
            findings = check_text(copy)
            assert {f.bead for f in findings} == {index}, (side, e.text, findings)
            assert e.kind in {f.kind for f in findings}
            changed += 1
    assert changed == 20  # every number, date and amount of the side (see the seed table)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["zehn", "2015", "1,5 Millionen Euro", "15 %", "März 2024", "Haus", "und", "347", "„x“"]
        ),
        max_size=12,
    ),
    st.lists(
        st.sampled_from(
            ["sepuluh", "2015", "$26 miliar", "15 persen", "Maret 2024", "rumah", "dan", "347"]
        ),
        max_size=12,
    ),
)
def test_a_text_never_disagrees_with_itself(de_words: list[str], id_words: list[str]) -> None:
    de = Document((" ".join(de_words) or "leer",), lang="de")
    idn = Document((" ".join(id_words) or "kosong",), lang="id")
    beads = [Bead((0,), (0,))]
    assert check_text(ParallelText(de, de, beads)) == []
    assert check_text(ParallelText(idn, idn, beads)) == []
