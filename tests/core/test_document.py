from __future__ import annotations

import ast
import filecmp
import json
from pathlib import Path

import pytest

import reader.core
from reader.core.document import Bead, Document, load_pair, pair_in_order
from reader.core.errors import ReaderError
from reader.core.lang import detect_language, language_from_filename, language_name
from reader.core.paths import data_dir, seed_pair

CORE = Path(reader.core.__file__).parent


def test_core_imports_no_qt() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6")
            ]
    assert offenders == []


def test_seed_copies_are_byte_identical(shared_dir: Path) -> None:
    de, ind = seed_pair()
    assert filecmp.cmp(de, shared_dir / "seeds/000_abd737b0caa3fce7.txt", shallow=False)
    assert filecmp.cmp(ind, shared_dir / "seeds/002_61eb38ef1527484a.txt", shallow=False)


def test_seed_pair_loads_with_manifest() -> None:
    text = load_pair(*seed_pair())
    manifest = json.loads((seed_pair()[0].parent / "chongqing-connectivity.json").read_text())
    assert text.title == manifest["title"]
    assert (text.left.lang, text.right.lang) == ("de", "id")
    assert len(text.left) == len(text.right) == 20
    assert len(text.beads) == 20
    assert text.left.headings == {3, 4, 16, 17}
    assert text.right.headings == {3, 4, 16, 17}


def test_content_id_ignores_location_and_formatting(tmp_path: Path) -> None:
    de, ind = seed_pair()
    moved_left = tmp_path / "renamed-left.txt"
    moved_left.write_bytes(de.read_bytes().replace(b"\n", b"\r\n"))
    moved_right = tmp_path / "x.txt"
    moved_right.write_bytes(ind.read_bytes())
    a = load_pair(de, ind)
    b = load_pair(moved_left, moved_right, left_lang="de", right_lang="id")
    assert a.id == b.id
    assert a.left.content_id == b.left.content_id


def test_full_text_offsets() -> None:
    doc = Document(("abc", "𝔘x", "end"))
    assert doc.full_text == "abc\n\n𝔘x\n\nend"
    assert doc.offsets == (0, 5, 9)
    assert doc.to_full(1, 1) == 6
    assert doc.full_text[6] == "x"
    assert doc.from_full(6) == (1, 1)
    assert doc.from_full(0) == (0, 0)


def test_pair_in_order_when_counts_differ() -> None:
    assert pair_in_order(2, 3) == [Bead((0,), (0,)), Bead((1,), (1,)), Bead((), (2,))]
    assert [b.kind for b in pair_in_order(3, 1)] == ["1-1", "1-0", "1-0"]


def test_language_sources(tmp_path: Path) -> None:
    assert language_from_filename("story.de.txt") == "de"
    assert language_from_filename("story.txt") is None
    assert language_from_filename("v1.2.txt") is None
    assert language_name("id") == "Indonesian"
    assert detect_language(seed_pair()[0].read_text(encoding="utf-8")) == "de"
    assert detect_language(seed_pair()[1].read_text(encoding="utf-8")) == "id"
    assert detect_language("The cat is on the table and it was there with the dog.") == "en"
    assert (
        detect_language("Le chat est sur la table et il a été dans le jardin avec les enfants.")
        == "fr"
    )
    f = tmp_path / "plain.txt"
    f.write_text("Ini adalah teks yang ditulis dalam bahasa Indonesia untuk pengujian.")
    g = tmp_path / "other.txt"
    g.write_text("Dies ist ein Text, der auf Deutsch geschrieben ist und nicht mehr.")
    text = load_pair(g, f)
    assert (text.left.lang, text.right.lang) == ("de", "id")
    forced = load_pair(g, f, left_lang="EN", right_lang="fr")
    assert (forced.left.lang, forced.right.lang) == ("en", "fr")


def test_load_pair_errors_name_the_file(tmp_path: Path) -> None:
    good = seed_pair()[0]
    with pytest.raises(ReaderError, match=r"nope\.txt: no such file"):
        load_pair(good, tmp_path / "nope.txt")


def test_data_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PARALLEL_READER_DATA_DIR", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    assert data_dir(tmp_path / "cli") == tmp_path / "cli"
    monkeypatch.delenv("PARALLEL_READER_DATA_DIR")
    assert data_dir().name == "parallel-reader"


def test_utf16_offsets_round_trip() -> None:
    from reader.core.offsets import cp_to_u16, u16_to_cp

    text = "a😀b𝔘c"
    assert [cp_to_u16(text, i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [u16_to_cp(text, u) for u in range(8)] == [0, 1, 1, 2, 3, 3, 4, 5]
    assert u16_to_cp("abc", 10) == 3 and cp_to_u16("abc", 2) == 2


def test_beads_built_fast_equal_beads_built_by_the_dataclass() -> None:
    from reader.core.document import Bead, make_bead, pair_in_order

    assert make_bead((1, 2), (3,), 0.5, True) == Bead((1, 2), (3,), 0.5, True)
    assert make_bead((1,), ()) == Bead((1,), ())
    assert pair_in_order(3, 2) == [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ())]
    assert pair_in_order(1, 2) == [Bead((0,), (0,)), Bead((), (1,))]
