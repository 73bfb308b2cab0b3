"""Opening a book of N pairs: time to the first painted frame with text, time to interactive and
peak memory, against the naive baseline (the whole pair table as HTML in a QTextBrowser).

Usage::

    PYTHONPATH=. python benchmarks/bench_open.py [--sizes 100,1000,10000,50000] [--runs 5]
        [--naive-max 10000] [--background]

Every run is a fresh process on the offscreen platform. "Process start" is the moment the parent
calls ``subprocess.Popen`` (it reads ``time.perf_counter()``, i.e. CLOCK_MONOTONIC, which is shared
by all processes on Linux, just before); every child time is ``perf_counter()`` in the child minus
that parent reading, so it includes interpreter start-up and imports. The child runs the path the
command takes (``reader.cli.run_window``): it imports the command line, forks the start-up worker
(``reader.core.alignjob.start_pair_worker``: it reads and splits the pair on the other core while
this process imports Qt), waits until the worker has *read* both files (bad files end there),
takes the split pair if it has arrived, then ``start_window`` (the window is built and shown with
the rows; entities, annotations, search and the docks are set up right after the first frame; a
pair still being split arrives later, ``loaded_before_window`` is 0 then). The same worker aligns
the pair afterwards; the run waits for that alignment to land before it ends, so its stalls are
counted. Before the runs the package is byte-compiled, as an installed package is.

- ``first_paint_s``: the first ``ReadingView.paintEvent`` with a document has returned. After the
  run the viewport is grabbed and both columns are checked to contain ink (``text_drawn``).
- ``interactive_s``: right after the first paint a Down key is clicked on the view; the first paint
  after the current row became 1 has returned.
- ``max_stall_s``: the longest gap between ticks of a 10 ms heartbeat timer started when the
  QApplication was created (so it includes building the window and the first paint);
  ``max_stall_after_paint_s`` only counts gaps after the first paint.
- ``peak_rss_mb``: ``getrusage(RUSAGE_SELF).ru_maxrss`` of the child at the end.
- ``window_s``: from the QApplication's creation to ``first_paint_s``; ``window_paint_s``: the
  first frame of the window at all (an empty "Opening…" frame when the pair was not split yet).
- ``import`` / ``loaded`` / ``shown`` …: the other marks, all from process start.

``--background`` also times the design the issue asks for, from the window's public API: an empty
``MainWindow`` shown at once, the pair loaded on a Python thread and handed to ``set_text``
(``view_background_load``; there ``window_s`` includes the load).

"floor_empty_qt_window" is a process that only imports PySide6 and paints one word in a QWidget:
the part of every figure no design of the view can remove.

Prints JSON: per N and per variant the medians over the runs, and ``first_paint_ratio`` (view
first paint / naive first paint).
"""

import time

_T_SCRIPT = time.perf_counter()  # first thing the child does after the interpreter is up

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SETTLE_MS = 500  # keep the loop running after interactive, to catch deferred work


def _now() -> float:
    return time.perf_counter()


class _Heartbeat:
    """Records the longest gap between ticks of a 10 ms timer (an event-loop stall)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.last = _now()
        self.max_gap = 0.0
        self.max_gap_after: float | None = None
        self.mark: float | None = None
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        t = _now()
        gap = t - self.last
        self.max_gap = max(self.max_gap, gap)
        if self.mark is not None and self.last >= self.mark:
            self.max_gap_after = max(self.max_gap_after or 0.0, gap)
        self.last = t

    def stop(self) -> None:
        self.tick()
        self.timer.stop()


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


_ALIGN: dict[str, float] = {"spent": 0.0}


def _time_alignment() -> None:
    """Wrap ``align_documents`` for the whole process: its time, wherever it runs, and its end.

    The wrapper keeps the original's signature (``inspect.signature`` follows ``__wrapped__``),
    so callers that pass ``progress`` when the aligner accepts it still do.
    """
    import functools

    import reader.core.align as align_mod

    original = align_mod.align_documents

    @functools.wraps(original)
    def timed_align(*args: Any, **kwargs: Any) -> Any:
        t = _now()
        try:
            return original(*args, **kwargs)
        finally:
            _ALIGN["spent"] += _now() - t
            _ALIGN["aligned"] = _now()

    align_mod.align_documents = timed_align


def _read(left: str, right: str) -> tuple[Any, dict[str, float]]:
    """What the command line does before the window: ``read_pair`` (read and split), or
    ``load_pair`` (read, split and align) where ``read_pair`` does not exist yet."""
    from reader.core import document

    t = _now()
    read_pair = getattr(document, "read_pair", None)
    loaded = read_pair(left, right) if read_pair else document.load_pair(left, right)
    return loaded, {"load_split_s": _now() - t - _ALIGN["spent"]}


def _text_of(loaded: Any) -> Any:
    """A ParallelText from what :func:`_read` returned (paired in order when not aligned)."""
    return loaded.in_order() if hasattr(loaded, "in_order") else loaded


def _ink(image: Any, x0: int, x1: int) -> int:
    """Pixels in columns x0..x1 (every 2nd row and column) that differ from the top-left pixel."""
    background = image.pixel(x0, 0)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(x0, min(x1, image.width()), 2):
            if image.pixel(x, y) != background:
                count += 1
    return count


def child_view(left: str, right: str, data_dir: str, background: bool = False) -> dict[str, Any]:
    """Open the pair in the real window; returns absolute perf_counter marks and figures.

    With ``background`` the window is shown empty first and the pair is loaded on a Python thread
    then handed to ``MainWindow.set_text`` (the design the issue asks for, built from the
    window's public API), instead of loading before the window exists as ``run_app`` does now.
    """
    marks: dict[str, Any] = {"script": _T_SCRIPT}
    import gc
    import importlib
    import threading

    gc.disable()  # as the command does until the first frame

    importlib.import_module("reader.cli")  # what the command imports before it reads the files
    from reader.core.alignjob import START_WAIT_S, start_pair_worker

    # as the command does: a worker process reads and splits the pair on the other core while
    # this process loads the toolkit (where it cannot, the pair is read here)
    worker = None if background else start_pair_worker(left, right)
    marks["worker_started"] = _now()

    from PySide6.QtCore import QObject, Qt, QTimer, Signal

    from reader.ui.app import ensure_app, start_window
    from reader.ui.mainwindow import MainWindow
    from reader.ui.view import ReadingView

    marks["imported"] = _now()
    _time_alignment()
    phases: dict[str, float] = {}
    text: Any = None
    if worker is not None:
        t = _now()
        worker.wait_read()
        # None: the window opens at once and takes it later
        text = worker.poll_result(timeout=START_WAIT_S)
        marks["loaded"] = _now()
        phases = {"load_wait_s": marks["loaded"] - t, "loaded_before_window": int(text is not None)}
    elif not background:
        text, phases = _read(left, right)
        marks["loaded"] = _now()
    app = ensure_app()
    heartbeat = _Heartbeat()
    marks["app"] = _now()

    class Loader(QObject):
        loaded = Signal(object)

    def load_in_thread() -> None:
        result, spent = _read(left, right)
        phases.update(spent)
        marks["loaded"] = _now()
        loader.loaded.emit(result)  # queued to the GUI thread

    loader = Loader()
    loader.loaded.connect(
        lambda result: (
            window.open_loaded(result)
            if hasattr(window, "open_loaded")
            else window.set_text(result)
        )
    )

    state: dict[str, Any] = {"paints": 0, "waiting_key": False}
    original_paint = ReadingView.paintEvent

    def paint(self: ReadingView, event: Any) -> None:
        original_paint(self, event)
        t = _now()
        state["paints"] += 1
        if "window_paint" not in marks:
            marks["window_paint"] = t  # the first frame of the window, with or without text
        if "first_paint" not in marks and self.row_count():
            marks["first_paint"] = t
            marks["first_paint_rows"] = len(self.visible_rows())
            heartbeat.mark = t
            QTimer.singleShot(0, press_down)
        elif state["waiting_key"] and self.current == 1:
            state["waiting_key"] = False
            marks["interactive"] = t
            QTimer.singleShot(SETTLE_MS, finish)

    def press_down() -> None:
        if not window.isActiveWindow():
            # offscreen, closing the alignment dialog leaves no window active (no window manager
            # to hand activation back); keys would not reach the view, so activate it again
            marks["reactivated"] = True
            window.activateWindow()
            QTimer.singleShot(5, press_down)
            return
        from PySide6.QtTest import QTest  # (not part of the start-up being measured)

        state["waiting_key"] = True
        marks["key"] = _now()
        QTest.keyClick(window.view, Qt.Key.Key_Down)

    def finish() -> None:
        if getattr(window, "provisional", False) and not state.get("waited_alignment"):
            # paragraphs are shown in order while the window aligns: wait for that to land
            state["waited_alignment"] = True
            window.alignmentFinished.connect(lambda: QTimer.singleShot(SETTLE_MS, finish))
            return
        heartbeat.stop()
        view = window.view
        image = view.viewport().grab().toImage()
        inks = []
        for side in ("left", "right"):
            x, w = view.column_geometry(side)
            inks.append(_ink(image, x, x + w))
        marks["text_drawn"] = all(n > 200 for n in inks)
        marks["ink_pixels"] = inks
        marks["current"] = view.current
        app.quit()

    ReadingView.paintEvent = paint  # type: ignore[method-assign]
    # the start-up path of the command: built, shown and activated (keys reach the view only in
    # an active window), the rest of the window set up after the first frame
    window: MainWindow = start_window(text, data_dir=Path(data_dir), worker=worker)
    marks["window_built"] = marks["shown"] = _now()
    if background:
        threading.Thread(target=load_in_thread, daemon=True).start()
    QTimer.singleShot(60_000, app.quit)  # never hang the benchmark
    app.exec()
    marks.update(phases)
    marks["align_s"] = _ALIGN["spent"]
    if "aligned" in _ALIGN:
        marks["aligned"] = _ALIGN["aligned"]
    marks["rows"] = window.view.row_count()
    marks["max_stall_s"] = heartbeat.max_gap
    marks["max_stall_after_paint_s"] = heartbeat.max_gap_after
    marks["peak_rss_mb"] = _peak_rss_mb()
    # the window stays open: the parent reads the figures first, then notes whether the process
    # still exits cleanly (background threads of the window may outlive the event loop)
    state["window"] = window
    return marks


def child_naive(left: str, right: str, data_dir: str) -> dict[str, Any]:
    """The baseline: the whole pair table as HTML in one QTextBrowser."""
    marks: dict[str, Any] = {"script": _T_SCRIPT}
    from html import escape

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QTextBrowser

    marks["imported"] = _now()
    loaded, phases = _read(left, right)
    text = _text_of(loaded)
    marks["loaded"] = _now()
    app = QApplication(sys.argv[:1])
    heartbeat = _Heartbeat()
    marks["app"] = _now()

    def cell(paragraphs: list[str]) -> str:
        return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)

    rows = [
        f"<tr><td>{cell(text.bead_text(i, 'left'))}</td><td>{cell(text.bead_text(i, 'right'))}</td>"
        "</tr>"
        for i in range(len(text.beads))
    ]
    html = "<table width='100%' cellspacing='4'>" + "".join(rows) + "</table>"

    class Browser(QTextBrowser):
        def paintEvent(self, event: Any) -> None:
            super().paintEvent(event)
            if "first_paint" not in marks:
                marks["first_paint"] = _now()
                heartbeat.mark = marks["first_paint"]
                QTimer.singleShot(SETTLE_MS, app.quit)

    browser = Browser()
    browser.resize(1180, 800)
    browser.setHtml(html)
    marks["window_built"] = _now()
    browser.show()
    marks["shown"] = _now()
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    heartbeat.stop()
    marks.update(phases)
    marks["rows"] = len(text.beads)
    marks["max_stall_s"] = heartbeat.max_gap
    marks["max_stall_after_paint_s"] = heartbeat.max_gap_after
    marks["peak_rss_mb"] = _peak_rss_mb()
    return marks


def child_floor(_left: str, _right: str, _data_dir: str) -> dict[str, Any]:
    """The floor: an empty QWidget painting one line of text, no reader code, no document."""
    marks: dict[str, Any] = {"script": _T_SCRIPT}
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    marks["imported"] = _now()
    app = QApplication(sys.argv[:1])
    marks["app"] = _now()

    class Hello(QWidget):
        def paintEvent(self, event: Any) -> None:
            painter = QPainter(self)
            painter.drawText(20, 20, "Hello")
            painter.end()
            if "first_paint" not in marks:
                marks["first_paint"] = _now()
                QTimer.singleShot(0, app.quit)

    widget = Hello()
    widget.resize(1180, 800)
    widget.show()
    marks["shown"] = _now()
    app.exec()
    marks["peak_rss_mb"] = _peak_rss_mb()
    return marks


def child_view_background(left: str, right: str, data_dir: str) -> dict[str, Any]:
    return child_view(left, right, data_dir, background=True)


CHILDREN = {
    "view": child_view,
    "view_background_load": child_view_background,
    "naive": child_naive,
    "floor": child_floor,
}


def run_child(mode: str, left: Path, right: Path) -> dict[str, Any]:
    """Spawn one child, return its figures relative to the moment of spawning."""
    with tempfile.TemporaryDirectory(prefix="bench-open-") as data_dir:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            PARALLEL_READER_DATA_DIR=data_dir,
            XDG_CONFIG_HOME=str(Path(data_dir) / "config"),
            PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
        )
        cmd = [sys.executable, __file__, "--child", mode, str(left), str(right), data_dir]
        t0 = _now()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        wall = _now() - t0
    lines = proc.stdout.strip().splitlines()
    if not lines or not lines[-1].startswith("{"):
        raise RuntimeError(f"{mode} child failed ({proc.returncode}):\n{proc.stderr}")
    marks = json.loads(lines[-1])
    # figures were printed; a non-zero status after that is a crash while exiting
    out: dict[str, Any] = {"process_wall_s": wall, "exit_status": proc.returncode}
    for key in (
        "script",
        "imported",
        "loaded",
        "app",
        "window_built",
        "shown",
        "window_paint",
        "first_paint",
        "interactive",
        "aligned",
    ):
        if key in marks:
            out[f"{key}_s"] = marks[key] - t0
    for key in (
        "load_split_s",
        "align_s",
        "max_stall_s",
        "max_stall_after_paint_s",
        "peak_rss_mb",
        "rows",
        "text_drawn",
        "ink_pixels",
        "current",
        "first_paint_rows",
        "reactivated",
    ):
        if key in marks:
            out[key] = marks[key]
    out["window_s"] = marks["first_paint"] - marks["app"] if "first_paint" in marks else None
    return out


def _median(runs: list[dict[str, Any]], key: str) -> Any:
    values = [r[key] for r in runs if isinstance(r.get(key), (int, float)) and r[key] is not None]
    if not values or isinstance(values[0], bool):
        return None
    return round(statistics.median(values), 4)


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    skip = ("text_drawn", "ink_pixels", "current", "reactivated", "exit_status")
    keys = [k for k in runs[0] if k not in skip]
    out: dict[str, Any] = {k: _median(runs, k) for k in keys}
    if "max_stall_s" in runs[0]:
        out["max_stall_worst_s"] = round(max(r["max_stall_s"] for r in runs), 4)
    if "text_drawn" in runs[0]:
        out["text_drawn_all_runs"] = all(r["text_drawn"] for r in runs)
        out["down_moved_all_runs"] = all(r.get("current") == 1 for r in runs)
        out["runs_needing_reactivation"] = sum(bool(r.get("reactivated")) for r in runs)
    out["exits_not_clean"] = [r["exit_status"] for r in runs if r.get("exit_status")]
    out["runs"] = len(runs)
    return out


def machine() -> dict[str, Any]:
    """nproc, CPU model, RAM, load average, Python and PySide6 versions."""
    import platform

    import PySide6

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        mem_kb = 0
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "loadavg_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "qt_platform": "offscreen",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive-max", type=int, default=10_000)
    parser.add_argument(
        "--background",
        action="store_true",
        help="also time the proposed design: window first, pair loaded on a thread",
    )
    parser.add_argument("--child", nargs=4, metavar=("MODE", "LEFT", "RIGHT", "DATA_DIR"))
    args = parser.parse_args(argv)
    if args.child:
        mode, left, right, data_dir = args.child
        marks = CHILDREN[mode](left, right, data_dir)
        print(json.dumps(marks), flush=True)
        return 0

    sys.path.insert(0, str(REPO))
    # an installed package has its bytecode compiled (pip does it): so must the checkout, or
    # every child would compile the modules changed since the last run (PYTHONDONTWRITEBYTECODE)
    import compileall

    from benchmarks._book import write_book

    compileall.compile_dir(str(REPO / "reader"), quiet=1)
    sizes = [int(s) for s in args.sizes.split(",")]
    result: dict[str, Any] = {"runs_per_size": args.runs, "machine": machine(), "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        left, right = write_book(1, Path(tmp))
        result["floor_empty_qt_window"] = _summary(
            [run_child("floor", left, right) for _ in range(args.runs)]
        )
        for n in sizes:
            left, right = write_book(n, Path(tmp))
            view_runs: list[dict[str, Any]] = []
            background_runs: list[dict[str, Any]] = []
            naive_runs: list[dict[str, Any]] = []
            for _ in range(args.runs):
                view_runs.append(run_child("view", left, right))
                if args.background:
                    background_runs.append(run_child("view_background_load", left, right))
                if n <= args.naive_max:
                    naive_runs.append(run_child("naive", left, right))
            entry: dict[str, Any] = {
                "file_bytes": left.stat().st_size + right.stat().st_size,
                "view": _summary(view_runs),
            }
            if background_runs:
                entry["view_background_load"] = _summary(background_runs)
            if naive_runs:
                entry["naive"] = _summary(naive_runs)
                entry["first_paint_ratio"] = round(
                    entry["view"]["first_paint_s"] / entry["naive"]["first_paint_s"], 4
                )
            result["sizes"][str(n)] = entry
            print(json.dumps({str(n): entry}), file=sys.stderr, flush=True)
    result["loadavg_at_end"] = os.getloadavg()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
