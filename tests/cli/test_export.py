"""``parallel-reader export``: formats, stdout and -o, atomic writes, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.annostore import AnnotationStore
from reader.core.document import load_pair
from reader.core.export import annotations_path
from tests.core.export_support import SCRIPT_NOTE, make_annotations, make_text

REPO = Path(__file__).resolve().parents[2]


def _store(data_dir: Path, left: Path, right: Path) -> None:
    """Write the fixture annotations where the sidecar keeps those of ``left``/``right``."""
    text = load_pair(left, right)
    store = AnnotationStore.open(text, data_dir)
    store.add_many(make_annotations(text))
    assert store.save().ok
    assert annotations_path(text, data_dir).is_file()


@pytest.fixture
def pair(tmp_path: Path, data_dir: Path) -> tuple[Path, Path]:
    text = make_text(tmp_path)
    assert text.left.path is not None and text.right.path is not None
    _store(data_dir, text.left.path, text.right.path)
    return text.left.path, text.right.path


def _run(*argv: str, env_data: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if env_data is not None:
        env["PARALLEL_READER_DATA_DIR"] = str(env_data)
    return subprocess.run(
        [sys.executable, "-m", "reader", "export", *argv],
        capture_output=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def _error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("parallel-reader: error: ")
    return lines[0]


def test_stdout_is_utf8_csv(pair: tuple[Path, Path], data_dir: Path) -> None:
    result = _run(str(pair[0]), str(pair[1]), "--format", "csv", "-o", "-", env_data=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    assert len(rows) == 6
    assert rows[0]["note"] == SCRIPT_NOTE


def test_seed_pair_is_the_default(data_dir: Path, seed_paths: tuple[Path, Path]) -> None:
    _store(data_dir, *seed_paths)
    result = _run("--format", "md", env_data=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").startswith("# Chongqing Connectivity Initiative")


@pytest.mark.parametrize(("fmt", "start"), [("md", "# "), ("html", "<!DOCTYPE"), ("w3c", "{")])
def test_formats_to_a_file(
    pair: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
    start: str,
) -> None:
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(pair[0]), str(pair[1]), "--format", fmt, "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").startswith(start)
    if fmt == "w3c":
        assert json.loads(out.read_text(encoding="utf-8"))["total"] == 6


def test_pair_and_bom(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "pair.csv"
    argv = [str(pair[0]), str(pair[1]), "-f", "csv", "--bom", "--pair", "1", "-o", str(out)]
    assert main(["export", *argv]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["pair"] for r in rows] == ["1", "1"]


def test_unknown_format_exits_2(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(pair[0]), str(pair[1]), "--format", "pdf"])
    assert exc.value.code == 2
    assert "invalid choice: 'pdf'" in _error_line(capsys.readouterr().err)


def test_missing_document_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.md"
    with pytest.raises(SystemExit) as exc:
        main(["export", str(tmp_path / "no.de.txt"), str(tmp_path / "no.id.txt"), "-f", "md",
              "-o", str(out)])  # fmt: skip
    assert exc.value.code == 2
    assert "no such file" in _error_line(capsys.readouterr().err)
    assert not out.exists()


def test_no_annotations_says_so_and_writes_nothing(
    tmp_path: Path, seed_paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.md"
    with pytest.raises(SystemExit) as exc:
        main(["export", str(seed_paths[0]), str(seed_paths[1]), "-f", "md", "-o", str(out)])
    assert exc.value.code == 2
    line = _error_line(capsys.readouterr().err)
    assert line == (
        "parallel-reader: error: no annotations to export for "
        "Chongqing Connectivity Initiative: ten years of soft connectivity"
    )
    assert not out.exists()


def test_unwritable_path_exits_2_and_leaves_the_old_file(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing_dir = tmp_path / "no-such-dir" / "out.md"
    with pytest.raises(SystemExit) as exc:
        main(["export", str(pair[0]), str(pair[1]), "-f", "md", "-o", str(missing_dir)])
    assert exc.value.code == 2
    assert "cannot write" in _error_line(capsys.readouterr().err)

    # A read-only directory: the existing file stays exactly as it was, no temp file is left.
    folder = tmp_path / "ro"
    folder.mkdir()
    existing = folder / "notes.md"
    existing.write_text("old content\n", encoding="utf-8")
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write to read-only directories")
        with pytest.raises(SystemExit) as exc:
            main(["export", str(pair[0]), str(pair[1]), "-f", "md", "-o", str(existing)])
        assert exc.value.code == 2
        _error_line(capsys.readouterr().err)
        assert existing.read_text(encoding="utf-8") == "old content\n"
        assert sorted(p.name for p in folder.iterdir()) == ["notes.md"]
    finally:
        folder.chmod(0o700)


def test_failed_write_leaves_the_old_file(
    pair: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    existing = tmp_path / "notes.md"
    existing.write_text("old content\n", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SystemExit) as exc:
        main(["export", str(pair[0]), str(pair[1]), "-f", "md", "-o", str(existing)])
    assert exc.value.code == 2
    assert "No space left on device" in _error_line(capsys.readouterr().err)
    assert existing.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".notes.md")) == []


def test_output_that_is_a_directory_exits_2(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(pair[0]), str(pair[1]), "-f", "md", "-o", str(tmp_path)])
    assert exc.value.code == 2
    assert "cannot write" in _error_line(capsys.readouterr().err)


def test_existing_file_is_replaced_whole(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("x" * 100_000, encoding="utf-8")
    assert main(["export", str(pair[0]), str(pair[1]), "-f", "md", "-o", str(out)]) == 0
    content = out.read_text(encoding="utf-8")
    assert content.startswith("# ") and "x" * 100 not in content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out.md")) == []


def test_one_file_and_bad_options_exit_2(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for argv, message in [
        ([str(pair[0]), "-f", "md"], "give two files"),
        ([str(pair[0]), str(pair[1]), "-f", "md", "--bom"], "--bom only applies to"),
        ([str(pair[0]), str(pair[1]), "-f", "md", "--pair", "99"], "--pair must be between"),
        ([str(pair[0]), str(pair[1])], "--format"),
    ]:
        with pytest.raises(SystemExit) as exc:
            main(["export", *argv])
        assert exc.value.code == 2
        assert message in _error_line(capsys.readouterr().err)
