"""The start-up worker: reads and splits a pair in a forked process, then aligns it on request."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.core import alignjob
from reader.core.paths import seed_pair

REPO = Path(__file__).resolve().parents[2]


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="the start-up worker forks (Linux only)")
def test_worker_reads_then_aligns_the_seed_pair() -> None:
    left, right = map(str, seed_pair())
    result = _run(
        f"""
        from reader.core.alignjob import start_pair_worker
        from reader.core.document import read_pair
        worker = start_pair_worker({left!r}, {right!r})
        loaded = worker.result()
        assert loaded.left.paragraphs == read_pair({left!r}, {right!r}).left.paragraphs
        assert "content_id" in loaded.left.__dict__  # computed by the worker, sent along
        worker.request_alignment([])
        messages = []
        while True:
            kind, value = worker.conn.recv()
            messages.append(kind)
            if kind != "progress":
                break
        assert kind == "done", (kind, value)
        print(len(value), sum(len(b.left) == 1 == len(b.right) for b in value))
        worker.close()
        """
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["20", "20"]


@pytest.mark.skipif(sys.platform != "linux", reason="the start-up worker forks (Linux only)")
def test_worker_reports_bad_files_as_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = _run(
        f"""
        from reader.core.alignjob import start_pair_worker
        from reader.core.errors import ReaderError
        worker = start_pair_worker({str(empty)!r}, {str(seed_pair()[1])!r})
        try:
            worker.result()
        except ReaderError as exc:
            print("error:", exc)
        worker.process.join(5)
        print("alive:", worker.process.is_alive())
        """
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines == [f"error: {empty}: is empty", "alive: False"]


def test_no_worker_once_qt_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forking a process that runs Qt (or other threads) is not safe: the caller reads itself."""
    monkeypatch.setitem(sys.modules, "PySide6.QtCore", object())
    assert alignjob.start_pair_worker(*seed_pair()) is None


@pytest.mark.skipif(sys.platform != "linux", reason="the start-up worker forks (Linux only)")
def test_worker_ends_by_itself_when_the_window_lets_it_go() -> None:
    """Closing the window's end of the pipe ends the worker (the fork must not keep a copy of
    that end open, or the worker would wait for ever)."""
    left, right = map(str, seed_pair())
    result = _run(
        f"""
        from reader.core.alignjob import start_pair_worker
        worker = start_pair_worker({left!r}, {right!r})
        worker.result()
        worker.conn.close()
        worker.process.join(30)
        print(worker.process.exitcode)
        """
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["0"]  # not -15: it was not terminated
