"""parallel-reader entities: JSON shape, readable listing, --parallel evidence, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

REPO = Path(__file__).resolve().parents[2]


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(["entities", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_shape(capsys: pytest.CaptureFixture[str], seed_paths: tuple[Path, Path]) -> None:
    de, _ = seed_paths
    data = run_json(capsys, str(de), "--lang", "de")
    assert set(data) == {"lang", "paragraphs"}
    assert data["lang"] == "de"
    assert len(data["paragraphs"]) == 20
    first = data["paragraphs"][0]
    assert set(first) == {"index", "text", "entities"}
    assert first["index"] == 0
    assert first["entities"][0] == {
        "start": 3,
        "end": 20,
        "text": "15. Dezember 2025",
        "kind": "date",
        "value": "2025-12-15",
    }
    for para in data["paragraphs"]:
        for e in para["entities"]:
            assert set(e) == {"start", "end", "text", "kind", "value"}
            assert para["text"][e["start"] : e["end"]] == e["text"]
    money = [e for e in data["paragraphs"][1]["entities"] if e["kind"] == "money"]
    assert money[0]["value"] == {"amount": 26000000000, "currency": "USD"}


def test_parallel_adds_name_evidence(
    capsys: pytest.CaptureFixture[str], seed_paths: tuple[Path, Path]
) -> None:
    de, idn = seed_paths
    alone = run_json(capsys, str(de), "--lang", "de")
    both = run_json(capsys, str(de), "--lang", "de", "--parallel", str(idn), "--other-lang", "id")
    names_alone = {e["text"] for e in alone["paragraphs"][7]["entities"]}
    names_both = {e["text"] for e in both["paragraphs"][7]["entities"]}
    assert "Motorway" not in names_alone
    assert {"Motorway", "Qingling Motors", "Chongqing Nuoxin"} <= names_both


def test_indonesian_with_split_lines(
    capsys: pytest.CaptureFixture[str], seed_paths: tuple[Path, Path]
) -> None:
    _, idn = seed_paths
    data = run_json(capsys, str(idn), "--lang", "id", "--split", "lines")
    assert data["lang"] == "id"
    values = [e["value"] for e in data["paragraphs"][8]["entities"] if e["kind"] == "number"]
    assert values == [18]


def test_readable_listing(
    capsys: pytest.CaptureFixture[str], seed_paths: tuple[Path, Path]
) -> None:
    de, _ = seed_paths
    assert main(["entities", str(de), "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert "¶1" in out
    assert "money" in out and "26 Milliarden US-Dollar  → 26000000000 USD" in out
    assert "date          15. Dezember 2025  → 2025-12-15" in out


def test_non_bmp_offsets_in_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "emoji.de.txt"
    f.write_text("😀𝔘 Am 1. März 2024 zahlte man 5 %.\n", encoding="utf-8")
    data = run_json(capsys, str(f))
    ents = data["paragraphs"][0]["entities"]
    assert [(e["start"], e["end"], e["value"]) for e in ents] == [
        (6, 18, "2024-03-01"),
        (30, 33, 5),
    ]


def test_errors_are_one_line(tmp_path: Path, seed_paths: tuple[Path, Path]) -> None:
    missing = tmp_path / "nope.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "entities", str(missing), "--lang", "de"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("parallel-reader: error: ") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr
    de, _ = seed_paths
    with pytest.raises(SystemExit) as info:
        main(["entities", str(de), "--other-lang", "id"])
    assert info.value.code == 2


def test_corrupt_glossary_is_an_error(
    capsys: pytest.CaptureFixture[str], data_dir: Path, seed_paths: tuple[Path, Path]
) -> None:
    (data_dir / "glossary.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["entities", str(seed_paths[0]), "--lang", "de"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "not a valid glossary" in err and err.count("\n") == 1
    assert (data_dir / "glossary.json.corrupt-1").exists()


def test_glossary_applies(
    capsys: pytest.CaptureFixture[str], data_dir: Path, seed_paths: tuple[Path, Path]
) -> None:
    (data_dir / "glossary.json").write_text(
        json.dumps({"entries": [{"text": "Motorway", "kind": "organization", "lang": "de"}]}),
        encoding="utf-8",
    )
    data = run_json(capsys, str(seed_paths[0]), "--lang", "de", "--data-dir", str(data_dir))
    assert "Motorway" in {e["text"] for e in data["paragraphs"][7]["entities"]}
