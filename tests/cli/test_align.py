"""``parallel-reader align``: json/tsv/tmx output, -o, errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from reader.cli import main
from reader.cli.cmd_align import escape_tsv

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["left", "right", "beads"],
    "properties": {
        "left": {"$ref": "#/$defs/side"},
        "right": {"$ref": "#/$defs/side"},
        "beads": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["left", "right", "score"],
                "properties": {
                    "left": {"type": "array", "items": {"type": "integer", "minimum": 0}},
                    "right": {"type": "array", "items": {"type": "integer", "minimum": 0}},
                    "score": {"type": "number", "minimum": 0, "maximum": 1},
                },
            },
        },
    },
    "$defs": {
        "side": {
            "type": "object",
            "additionalProperties": False,
            "required": ["path", "lang", "paragraphs"],
            "properties": {
                "path": {"type": "string"},
                "lang": {"type": "string"},
                "paragraphs": {"type": "array", "items": {"type": "string"}},
            },
        }
    },
}


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_schema_and_coverage(
    seed_paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    left, right = seed_paths
    code, out, err = _run(["align", str(left), str(right)], capsys)
    assert code == 0, err
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert data["left"]["lang"] == "de" and data["right"]["lang"] == "id"
    assert data["left"]["path"] == str(left)
    assert len(data["left"]["paragraphs"]) == 20 == len(data["right"]["paragraphs"])
    lefts = [i for b in data["beads"] for i in b["left"]]
    rights = [j for b in data["beads"] for j in b["right"]]
    assert lefts == list(range(20)) and rights == list(range(20))
    assert [(b["left"], b["right"]) for b in data["beads"]] == [([i], [i]) for i in range(20)]
    assert isinstance(data["beads"][0]["score"], float)


def test_json_with_a_deleted_paragraph(
    seed_paths: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    left, right = seed_paths
    lines = right.read_text(encoding="utf-8").splitlines()
    shorter = tmp_path / "short.id.txt"
    shorter.write_text("\n".join(lines[:7] + lines[8:]) + "\n", encoding="utf-8")
    code, out, _ = _run(["align", str(left), str(shorter), "--split", "auto"], capsys)
    assert code == 0
    beads = [(b["left"], b["right"]) for b in json.loads(out)["beads"]]
    assert ([7], []) in beads and len(beads) == 20


def test_tsv_output_and_escaping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert escape_tsv("a\tb\nc\\d\re") == "a\\tb\\nc\\\\d\\re"
    left = tmp_path / "a.de.txt"
    right = tmp_path / "a.fr.txt"
    left.write_text("Ein Absatz mit\tTab und \\ Backslash.\n\nZweiter Absatz.\n", encoding="utf-8")
    right.write_text("Un paragraphe avec\ttab et \\ barre.\n\nDeuxième.\n", encoding="utf-8")
    code, out, _ = _run(["align", str(left), str(right), "--format", "tsv"], capsys)
    assert code == 0
    lines = out.split("\n")
    assert lines[-1] == "" and len(lines) == 3
    for line in lines[:-1]:
        assert line.count("\t") == 1  # exactly one separator: tabs inside text are escaped
    # split_paragraphs collapses white space, so the tab became a space; the backslash stays
    assert lines[0].split("\t")[0] == "Ein Absatz mit Tab und \\\\ Backslash."


def test_tsv_joins_a_sides_paragraphs_with_one_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.core.document import Bead
    from reader.core.tmx import tmx_text

    tmx = tmp_path / "pair.tmx"
    tmx.write_text(
        tmx_text(
            [Bead((0,), (0,)), Bead((), (1,))],
            ["Eins\tzwei"],
            ["Satu\ndua", "Tiga"],
            left_lang="de",
            right_lang="id",
        ),
        encoding="utf-8",
    )
    code, out, _ = _run(["align", str(tmx), "--format", "tsv"], capsys)
    assert code == 0
    assert out == "Eins zwei\tSatu dua\n\tTiga\n"


def test_tmx_output_reads_back_with_translate_toolkit(
    seed_paths: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from translate.storage import tmx

    out_file = tmp_path / "out.tmx"
    code, out, _ = _run(
        ["align", *map(str, seed_paths), "--format", "tmx", "-o", str(out_file)], capsys
    )
    assert code == 0 and out == ""
    store = tmx.tmxfile(io.BytesIO(out_file.read_bytes()), "de", "id")
    assert len(store.units) == 20
    assert store.units[0].source.startswith("Am 15. Dezember 2025")
    assert store.units[0].target.startswith("Pada 15 Desember 2025")
    assert not list(tmp_path.glob(".out.tmx.*"))  # no temporary file left behind


def test_output_file_is_not_touched_on_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "keep.json"
    out_file.write_text("old", encoding="utf-8")
    code, _out, err = _run(
        ["align", str(tmp_path / "missing.txt"), str(tmp_path / "x.txt"), "-o", str(out_file)],
        capsys,
    )
    assert code == 2
    assert err.startswith("parallel-reader: error: ") and err.count("\n") == 1
    assert "no such file" in err
    assert out_file.read_text(encoding="utf-8") == "old"


BOMB = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<tmx version="1.4"><header srclang="de"/><body><tu><tuv xml:lang="de"><seg>&c;</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BOMB, "entity declarations"),
        ("<tmx version='1.4'><body><tu><tuv></body>", "not a well-formed TMX file"),
    ],
)
def test_bad_tmx_is_a_clear_error_for_align_and_for_opening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    for argv in (["align", str(path)], [str(path)]):
        code, out, err = _run(argv, capsys)
        assert code == 2, argv
        assert err.startswith("parallel-reader: error: ") and message in err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert out == ""


def test_single_non_tmx_file_is_a_usage_error(
    seed_paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(["align", str(seed_paths[0])], capsys)
    assert code == 2 and "give two files" in err


def test_unknown_format_is_a_usage_error(
    seed_paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(["align", *map(str, seed_paths), "--format", "xml"], capsys)
    assert code == 2 and err.startswith("parallel-reader: error: ")


def test_align_as_a_subprocess(seed_paths: tuple[Path, Path]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "align", *map(str, seed_paths), "--format", "tsv"],
        capture_output=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 20 and all(line.count("\t") == 1 for line in lines)


def test_sentences_option(
    seed_paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["align", *map(str, seed_paths), "--sentences"], capsys)
    assert code == 0
    data = json.loads(out)
    paragraphs = data["left"]["paragraphs"]
    first = data["beads"][0]["sentences"]
    assert len(first) == 3
    p, start, end = first[0]["left"][0]
    assert paragraphs[p][start:end].startswith("Am 15. Dezember 2025") and end > start
    # every sentence span lies inside its bead's paragraphs
    for bead in data["beads"]:
        for sentence in bead["sentences"]:
            assert all(span[0] in bead["left"] for span in sentence["left"])
            assert all(span[0] in bead["right"] for span in sentence["right"])
    code, out, _ = _run(["align", *map(str, seed_paths), "--sentences", "--format", "tsv"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) > 20 and lines[0].startswith("Am 15. Dezember 2025 fand")
    assert lines[0].split("\t")[1].startswith("Pada 15 Desember 2025")
    code, out, _ = _run(["align", *map(str, seed_paths), "--sentences", "--format", "tmx"], capsys)
    assert code == 0 and 'segtype="sentence"' in out
