"""CSV export: fixed columns, quoting, newlines, BOM and the formula guard, read back with csv."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.export import export
from reader.core.export.csv_export import BOM, COLUMNS, guard, unguard
from tests.core.export_support import FORMULA_NOTE, SCRIPT_NOTE, make_annotations, make_text


def _rows(data: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data, newline="")))


@pytest.fixture
def exported(tmp_path: Path) -> tuple[str, list[dict[str, str]]]:
    text = make_text(tmp_path)
    data = export(text, make_annotations(text), "csv")
    return data, _rows(data)


def test_header_and_one_row_per_annotation(exported: tuple[str, list[dict[str, str]]]) -> None:
    data, rows = exported
    assert data.split("\r\n", 1)[0] == ",".join(COLUMNS)
    assert len(rows) == 6
    assert [r["id"][-1] for r in rows] == ["1", "4", "2", "3", "5", "6"]  # reading order
    assert [r["pair"] for r in rows] == ["1", "1", "3", "4", "11", ""]


def test_fields_survive_quoting(tmp_path: Path, exported: tuple[str, list[dict[str, str]]]) -> None:
    _, rows = exported
    first = rows[0]
    assert first["note"] == SCRIPT_NOTE  # newline, quotes, commas, <script>
    assert first["tags"] == "politics; to check"
    assert first["sides"] == "left"
    assert first["colour"] == "green"
    assert first["created"] == first["modified"] == "2026-01-01T09:00:00Z"
    assert first["right_quote"] == first["right_start"] == ""
    bilingual = rows[2]
    assert bilingual["sides"] == "left+right"
    text = make_text(tmp_path)
    for side, doc in (("left", text.left), ("right", text.right)):
        start, end = int(bilingual[f"{side}_start"]), int(bilingual[f"{side}_end"])
        assert doc.full_text[start:end] == bilingual[f"{side}_quote"]  # code points, non-BMP
    assert bilingual["left_quote"].startswith("𝔘🙂")
    assert rows[5]["orphaned"] == "yes" and rows[0]["orphaned"] == "no"


def test_formula_guard_is_reversible(exported: tuple[str, list[dict[str, str]]]) -> None:
    _, rows = exported
    formula = rows[3]
    assert formula["note"] == "'" + FORMULA_NOTE
    assert unguard(formula["note"]) == FORMULA_NOTE
    assert formula["tags"] == "𝔘nicode; =cmd"  # not at the cell start: unchanged
    for value in ["=SUM(A1)", "+1", "-2", "@x", "\tx", "'quoted", "plain", ""]:
        assert unguard(guard(value)) == value
        assert not guard(value).startswith(("=", "+", "-", "@", "\t"))


def test_guard_can_be_switched_off(tmp_path: Path) -> None:
    from reader.core.export.csv_export import export_csv

    text = make_text(tmp_path)
    rows = _rows(export_csv(text, make_annotations(text), guard_formulas=False))
    assert rows[3]["note"] == FORMULA_NOTE


def test_bom_option(tmp_path: Path) -> None:
    text = make_text(tmp_path)
    data = export(text, make_annotations(text), "csv", bom=True)
    assert data.startswith(BOM)
    raw = data.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["note"] == SCRIPT_NOTE
    assert not export(text, make_annotations(text), "csv").startswith(BOM)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    note=st.text(
        alphabet=st.one_of(
            st.sampled_from(list("\r\n\t,;\"'=+-@ ")), st.characters(blacklist_categories=("Cs",))
        ),
        max_size=40,
    ),
    tags=st.lists(st.text(alphabet="ab=-;@ ", min_size=1, max_size=5), max_size=3),
)
def test_any_note_reads_back_exactly(tmp_path: Path, note: str, tags: list[str]) -> None:
    text = make_text(tmp_path)  # the same files each time: the fixture is shared by examples
    base = make_annotations(text)[1]
    annotation = dataclasses.replace(base, note=note, tags=tuple(tags))
    for bom in (False, True):
        data = export(text, [annotation], "csv", bom=bom)
        [row] = list(csv.DictReader(io.StringIO(data.removeprefix(BOM), newline="")))
        assert unguard(row["note"]) == note
        assert unguard(row["left_quote"]) == base.targets[0].exact
        if not any("; " in t or t.startswith("'") for t in tags):
            assert unguard(row["tags"]) == "; ".join(tags)
