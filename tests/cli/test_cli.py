from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=full_env,
    )


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"parallel-reader {__version__}"


def test_help_lists_options() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for option in ("--data-dir", "--split", "--left-lang", "--right-lang", "--version"):
        assert option in result.stdout


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    good = str(Path(__file__).resolve().parents[2] / "seeds" / "chongqing-connectivity.de.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    latin = tmp_path / "undecodable.txt"
    latin.write_bytes(bytes(range(0x80, 0xA0)) * 20)
    return {
        "missing": ([good, str(tmp_path / "missing.txt")], "missing.txt: no such file"),
        "directory": ([str(tmp_path), good], "is a directory"),
        "empty": ([good, str(empty)], "empty.txt: is empty"),
        "binary": ([str(binary), good], "binary"),
        "undecodable": ([good, str(latin)], "neither UTF-8"),
        "one missing file": ([str(tmp_path / "alone.txt")], "alone.txt: no such file"),
        "bad split": (["--split", "words", good, good], "invalid choice"),
        "unknown option": (["--frobnicate"], "unrecognized arguments"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "directory",
        "empty",
        "binary",
        "undecodable",
        "one missing file",
        "bad split",
        "unknown option",
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, case: str) -> None:
    args, message = _bad_inputs(tmp_path)[case]
    # QT_QPA_PLATFORM is unset on purpose: the error must come before any window or Qt import
    env = {"QT_QPA_PLATFORM": "nonexistent-platform"}
    result = run_cli(*args, env=env)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("parallel-reader: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_main_in_process_reports_reader_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from reader.cli import main

    with pytest.raises(SystemExit) as info:
        main([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("parallel-reader: error: ")


def test_window_opens_and_quits_by_itself(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "PARALLEL_READER_QUIT_AFTER_MS": "300"}
    result = run_cli("--data-dir", str(tmp_path / "d"), env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "d" / "settings.ini").is_file()


def test_one_file_opens_window_asking_for_its_counterpart(tmp_path: Path) -> None:
    good = str(Path(__file__).resolve().parents[2] / "seeds" / "chongqing-connectivity.de.txt")
    env = {"QT_QPA_PLATFORM": "offscreen", "PARALLEL_READER_QUIT_AFTER_MS": "500"}
    result = run_cli("--data-dir", str(tmp_path / "d"), good, env=env)
    assert result.returncode == 0, result.stderr
