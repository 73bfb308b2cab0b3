"""parallel-reader check: JSON shape, readable report, exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_seeds_are_consistent(
    capsys: pytest.CaptureFixture[str], seed_paths: tuple[Path, Path]
) -> None:
    de, idn = seed_paths
    assert main(["check", str(de), str(idn), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"beads_checked": 20, "findings": []}
    assert main(["check", str(de), str(idn)]) == 0
    assert "no findings" in capsys.readouterr().out


def _changed(tmp_path: Path, seed_paths: tuple[Path, Path]) -> tuple[Path, Path]:
    de, idn = seed_paths
    left = tmp_path / "x.de.txt"
    right = tmp_path / "x.id.txt"
    left.write_text(
        de.read_text(encoding="utf-8").replace("insgesamt 347", "insgesamt 374"), encoding="utf-8"
    )
    right.write_text(idn.read_text(encoding="utf-8"), encoding="utf-8")
    return left, right


def test_findings_json_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_paths: tuple[Path, Path]
) -> None:
    left, right = _changed(tmp_path, seed_paths)
    assert main(["check", str(left), str(right), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "beads_checked": 20,
        "findings": [
            {
                "bead": 1,
                "left": [1],
                "right": [1],
                "kind": "number",
                "left_values": [10, 374, 33],
                "right_values": [10, 347, 33],
            }
        ],
    }


def test_readable_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_paths: tuple[Path, Path]
) -> None:
    left, right = _changed(tmp_path, seed_paths)
    assert main(["check", str(left), str(right)]) == 1
    out = capsys.readouterr().out
    assert "pair 2 (left ¶2, right ¶2): number differs" in out
    assert "left:  10, 374, 33" in out and "right: 10, 347, 33" in out
    assert "1 findings in 1 of 20 pairs" in out


def test_subprocess_exit_codes(tmp_path: Path, seed_paths: tuple[Path, Path]) -> None:
    left, right = _changed(tmp_path, seed_paths)
    cmd = [sys.executable, "-m", "reader", "check"]
    proc = subprocess.run([*cmd, str(left), str(right)], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 1
    proc = subprocess.run(
        [*cmd, str(left), str(tmp_path / "missing.id.txt")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("parallel-reader: error: ") and proc.stderr.count("\n") == 1
    proc = subprocess.run([*cmd, str(left)], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
