"""Start-up: the first frame shows text before the rest of the window is set up; the start-up
worker process reads, splits and aligns a large pair."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from reader.core.align import align_documents
from reader.core.document import read_pair
from reader.core.paths import seed_pair
from reader.ui.mainwindow import MainWindow

REPO = Path(__file__).resolve().parents[2]


def test_first_frame_comes_before_the_rest_of_the_set_up(qtbot, data_dir: Path) -> None:
    loaded = read_pair(*seed_pair())
    window = MainWindow(loaded, data_dir=data_dir, defer_setup=True)
    qtbot.addWidget(window)
    seen: dict[str, object] = {}
    original = window.view._paint

    def paint(event):  # type: ignore[no-untyped-def]
        original(event)
        seen.setdefault("ready_at_first_paint", window._ready)
        seen.setdefault("rows_at_first_paint", window.view.row_count())

    window.view._paint = paint  # type: ignore[method-assign]
    assert not hasattr(window, "entities")  # nothing but the view and the menus yet
    assert window.view.row_count() == 20  # the rows are there for the first frame
    window.show()
    qtbot.waitUntil(lambda: window._ready, timeout=5000)
    assert seen == {"ready_at_first_paint": False, "rows_at_first_paint": 20}
    # then everything else: decorators, the text with its sidecar, the docks
    assert window.text is not None and len(window.text.beads) == 20
    assert window.entities.decorate in window.view.decorators
    assert window.annotations.store is not None
    window.close()


def test_an_early_action_finishes_the_set_up_first(qtbot, data_dir: Path) -> None:
    window = MainWindow(read_pair(*seed_pair()), data_dir=data_dir, defer_setup=True)
    qtbot.addWidget(window)
    assert not window._ready
    window.action_set["find"].trigger()  # before any frame: the set-up runs, then the action
    assert window._ready
    assert window.search_bar.isVisibleTo(window)
    assert window.text is not None
    window.close()


def test_large_pair_at_start_up_is_read_and_aligned_by_the_worker(tmp_path: Path) -> None:
    """The command's path: a worker forked before Qt reads the pair, the window shows it in
    order, then the same worker aligns it (run in a fresh interpreter: this one has Qt)."""
    de = Path(seed_pair()[0]).read_text(encoding="utf-8").split("\n\n")
    ind = Path(seed_pair()[1]).read_text(encoding="utf-8").split("\n")
    left, right = tmp_path / "book.de.txt", tmp_path / "book.id.txt"
    left.write_text("\n\n".join(de * 30), encoding="utf-8")  # 600 paragraphs: aligned off-thread
    right.write_text("\n".join(ind * 30), encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import json, sys
        from reader.core.alignjob import start_pair_worker
        worker = start_pair_worker({str(left)!r}, {str(right)!r})
        assert worker is not None, "no worker"
        from PySide6.QtCore import QTimer
        from reader.ui.app import ensure_app, start_window
        app = ensure_app()
        loaded = worker.result()
        window = start_window(loaded, {str(tmp_path / "data")!r}, worker=worker)
        out = {{"provisional_at_start": window.model.text is not None}}
        def done():
            out["provisional"] = window.provisional
            out["beads"] = [[list(b.left), list(b.right)] for b in window.text.beads]
            app.quit()
        window.alignmentFinished.connect(done)
        QTimer.singleShot(60000, app.quit)
        app.exec()
        window.close()
        print(json.dumps(out))
        """
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    env["PARALLEL_READER_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["provisional_at_start"]
    assert out["provisional"] is False
    pair = read_pair(left, right)
    expected = [[list(b.left), list(b.right)] for b in align_documents(pair.left, pair.right)]
    assert out["beads"] == expected


class _SlowWorker:
    """Stands in for the start-up worker: the pair arrives on the third poll."""

    def __init__(self, loaded, error: str | None = None) -> None:  # type: ignore[no-untyped-def]
        self.loaded = loaded
        self.error = error
        self.polls = 0
        self.closed = False

    def poll_result(self):  # type: ignore[no-untyped-def]
        self.polls += 1
        if self.polls < 3:
            return None
        if self.error is not None:
            from reader.core.errors import ReaderError

            raise ReaderError(self.error)
        return self.loaded

    def close(self) -> None:
        self.closed = True


def test_window_opens_before_a_long_pair_is_split(qtbot, data_dir: Path) -> None:
    worker = _SlowWorker(read_pair(*seed_pair()))
    window = MainWindow(None, data_dir=data_dir, defer_setup=True, worker=worker)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    assert window.view.placeholder == "Opening…"
    assert window.view.row_count() == 0
    window.show()
    qtbot.waitUntil(lambda: window._ready, timeout=5000)
    assert worker.polls >= 3
    assert window.view.placeholder == "No document"
    assert window.text is not None and len(window.text.beads) == 20
    assert worker.closed  # a small pair is aligned in the window; the worker is let go
    window.close()


def test_a_pair_that_fails_after_the_window_opened_shows_a_dialog(
    qtbot, data_dir: Path, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, msg: shown.append(msg))
    worker = _SlowWorker(None, error="book.de.txt: cannot be read")
    window = MainWindow(None, data_dir=data_dir, defer_setup=True, worker=worker)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["book.de.txt: cannot be read"]
    assert window.view.placeholder == "No document"
    assert window.text is None
    window.close()
