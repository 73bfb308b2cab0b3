"""Moving through a 10,000-pair book: latency from an input to the repainted frame.

Usage::

    PYTHONPATH=. python benchmarks/bench_nav.py [--pairs 10000] [--steps 300]

Runs on the offscreen platform in one process with the real ``MainWindow``. An entity-highlighting
decorator is installed on the view: ``reader.core.entities.entities_for`` when that module exists,
otherwise a pygments lexer (numbers, dates, capitalised names) run over each paragraph the first
time it is painted and cached per paragraph afterwards, as the view's decorators are meant to be.

When the window already has decorators (its own entity highlighting), those are measured instead
and nothing is added. If the window runs a background check thread, Down is first timed while it
runs (``down_frame_during_check``), then the benchmark waits for it to finish.

For every operation two figures are taken (seconds):

- ``*_frame``: from the input (``QTest.keyClick`` on the view, ``view.set_zoom`` or
  ``window.resize``) until a ``ReadingView.paintEvent`` that reflects it has returned, spinning the
  event loop — what the user waits for, including Qt's update scheduling.
- ``*_sync``: the input followed by ``viewport().repaint()`` — the CPU cost alone.

Reported: median, p95 and max (the longest stall) per operation; Down, Page Down, zoom step
(alternating in and out) and resize (alternating widths).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextLayout
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks._book import make_text
from reader.core.document import ParallelText
from reader.ui.app import ensure_app
from reader.ui.mainwindow import MainWindow
from reader.ui.view import FormatRanges, ReadingView

TIMEOUT_S = 5.0


def _u16(text: str, cp: int) -> int:
    """UTF-16 offset of code-point offset ``cp`` in ``text``."""
    prefix = text[:cp]
    return cp + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def _range(start: int, length: int, colour: str) -> QTextLayout.FormatRange:
    fr = QTextLayout.FormatRange()
    fr.start, fr.length = start, length
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colour))
    fr.format = fmt
    return fr


COLOURS = {"number": "#fde68a", "date": "#bfdbfe", "name": "#ddd6fe", "money": "#bbf7d0"}


def _entity_spans_pygments() -> Callable[[str, str], list[tuple[int, int, str]]]:
    from pygments.lexer import RegexLexer
    from pygments.token import Name, Number, Text

    class EntityLexer(RegexLexer):
        """Numbers, dates and capitalised words: a stand-in for the entity recogniser."""

        name = "entities"
        tokens = {  # noqa: RUF012 (pygments' own class-attribute convention)
            "root": [
                (r"\d{1,2}\.? (?:[A-ZÄÖÜ][a-zäöü]+) \d{4}", Number.Date),
                (r"\d+(?:[.,]\d+)*", Number),
                (r"[A-ZÄÖÜ][\w-]+", Name),
                (r"[^\dA-ZÄÖÜ]+", Text),
                (r".", Text),
            ]
        }

    lexer = EntityLexer()
    kinds = {Number.Date: "date", Number: "number", Name: "name"}

    def spans(text: str, _lang: str) -> list[tuple[int, int, str]]:
        out = []
        for pos, token, value in lexer.get_tokens_unprocessed(text):
            kind = kinds.get(token)
            if kind:
                out.append((pos, pos + len(value), kind))
        return out

    return spans


def _entity_spans() -> tuple[str, Callable[[str, str], list[tuple[int, int, str]]]]:
    try:
        from reader.core import entities as ent
    except ImportError:
        return "pygments RegexLexer (reader.core.entities absent)", _entity_spans_pygments()

    def spans(text: str, lang: str) -> list[tuple[int, int, str]]:
        return [(e.start, e.end, e.kind) for e in ent.entities_for(text, lang)]

    return "reader.core.entities.entities_for", spans


def entity_decorator(text: ParallelText) -> tuple[str, Callable[..., FormatRanges], dict]:
    """A view decorator highlighting entities, cached per (side, paragraph)."""
    source, spans = _entity_spans()
    cache: dict[tuple[str, int], FormatRanges] = {}

    def decorate(_row: int, side: str, index: int, para: str) -> FormatRanges:
        key = (side, index)
        ranges = cache.get(key)
        if ranges is None:
            lang = text.left.lang if side == "left" else text.right.lang
            ranges = []
            for start, end, kind in spans(para, lang):
                a, b = _u16(para, start), _u16(para, end)
                ranges.append(_range(a, b - a, COLOURS.get(kind, "#fecaca")))
            cache[key] = ranges
        return list(ranges)

    return source, decorate, cache


class Bench:
    def __init__(self, pairs: int, data_dir: Path) -> None:
        self.app: QApplication = ensure_app()
        self.paints: list[float] = []
        original = ReadingView.paintEvent

        def paint(view: ReadingView, event: Any) -> None:
            original(view, event)
            self.paints.append(time.perf_counter())

        ReadingView.paintEvent = paint  # type: ignore[method-assign,assignment]
        self.text = make_text(pairs)
        self.window = MainWindow(self.text, data_dir=data_dir)
        self.window.resize(1180, 800)
        self.window.show()
        self.view = self.window.view
        self.cache: dict = {}
        own = [getattr(d, "__qualname__", repr(d)) for d in self.view.decorators]
        if own:  # the window highlights entities itself: measure exactly that
            self.source = "the window's own decorators: " + ", ".join(own)
        else:
            self.source, decorate, self.cache = entity_decorator(self.text)
            self.view.decorators.append(decorate)
            self.view.invalidate_rows()
        self.wait_paint(lambda: True)
        self.view.setFocus()
        self.app.processEvents()

    def wait_paint(self, done: Callable[[], bool]) -> float | None:
        """Spin the event loop until a paint has happened and ``done()``; its end time."""
        start_count = len(self.paints)
        deadline = time.perf_counter() + TIMEOUT_S
        while time.perf_counter() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
            if len(self.paints) > start_count and done():
                return self.paints[-1]
        return None

    def frame(self, action: Callable[[], None], done: Callable[[], bool]) -> float:
        self.app.processEvents()
        t0 = time.perf_counter()
        action()
        t1 = self.wait_paint(done)
        if t1 is None:
            raise RuntimeError("no repaint within the timeout")
        return t1 - t0

    def sync(self, action: Callable[[], None]) -> float:
        self.app.processEvents()
        t0 = time.perf_counter()
        action()
        self.view.viewport().repaint()
        return time.perf_counter() - t0


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * p95, 2),
        "max_ms": round(1000 * ordered[-1], 2),
        "n": len(ordered),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Navigation latency at book scale")
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=300)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-nav-") as tmp:
        os.environ["PARALLEL_READER_DATA_DIR"] = tmp
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        b = Bench(args.pairs, Path(tmp))
        view, window = b.view, b.window
        steps = args.steps
        results: dict[str, Any] = {
            "pairs": args.pairs,
            "decorator": b.source,
            "viewport": [view.viewport().width(), view.viewport().height()],
        }

        def down() -> None:
            QTest.keyClick(view, Qt.Key.Key_Down)

        def page_down() -> None:
            QTest.keyClick(view, Qt.Key.Key_PageDown)

        # Down while the window's background work (the entities check) still runs, if any
        controller = getattr(window, "entities", None)
        task = getattr(controller, "_task", None)
        if task is not None:
            frames = []
            t_check = time.perf_counter()
            for _ in range(min(50, steps)):
                target = view.current + 1
                frames.append(b.frame(down, lambda t=target: view.current == t))  # type: ignore[misc]
            results["down_frame_during_check"] = _stats(frames)
            controller.wait_for_check()  # type: ignore[union-attr]
            b.app.processEvents()
            results["check_finished_after_s"] = round(time.perf_counter() - t_check, 2)

        # Down: every press moves one pair; rows scrolling in are laid out and lexed afresh.
        frames, syncs = [], []
        for _ in range(steps):
            target = view.current + 1
            frames.append(b.frame(down, lambda t=target: view.current == t))  # type: ignore[misc]
            syncs.append(b.sync(down))
        results["down_frame"], results["down_sync"] = _stats(frames), _stats(syncs)
        results["rows_after_down"] = view.current

        frames, syncs = [], []
        for _ in range(max(10, steps // 10)):
            before = view.current
            frames.append(b.frame(page_down, lambda c=before: view.current > c))  # type: ignore[misc]
            syncs.append(b.sync(page_down))
        results["page_down_frame"], results["page_down_sync"] = _stats(frames), _stats(syncs)

        zoom_steps = max(10, steps // 10)
        frames, syncs = [], []
        for i in range(zoom_steps):
            z = 1 if i % 2 == 0 else 0
            frames.append(
                b.frame(lambda z=z: view.set_zoom(z), lambda z=z: view.zoom == z)  # type: ignore[misc]
            )
            syncs.append(b.sync(lambda z=z: view.set_zoom(1 - z)))  # type: ignore[misc]
            b.sync(lambda z=z: view.set_zoom(z))  # type: ignore[misc]
        view.set_zoom(0)
        results["zoom_frame"], results["zoom_sync"] = _stats(frames), _stats(syncs)

        frames, syncs = [], []
        for i in range(zoom_steps):
            w = 1180 + (60 if i % 2 == 0 else -60)
            frames.append(
                b.frame(
                    lambda w=w: window.resize(w, 800),  # type: ignore[misc]
                    lambda w=w: window.width() == w,  # type: ignore[misc]
                )
            )
        for i in range(zoom_steps):
            w = 1180 + (40 if i % 2 == 0 else -40)

            def resize_now(w: int = w) -> None:
                window.resize(w, 800)
                b.app.processEvents()  # the offscreen platform delivers the resize here

            syncs.append(b.sync(resize_now))
        results["resize_frame"], results["resize_sync"] = _stats(frames), _stats(syncs)

        def end() -> None:
            QTest.keyClick(view, Qt.Key.Key_End)

        def home() -> None:
            QTest.keyClick(view, Qt.Key.Key_Home)

        results["end_frame_ms"] = round(
            1000 * b.frame(end, lambda: view.current == args.pairs - 1), 2
        )
        results["home_frame_ms"] = round(1000 * b.frame(home, lambda: view.current == 0), 2)
        if b.cache:
            results["paragraphs_highlighted"] = len(b.cache)
        results["max_stall_ms"] = max(
            v["max_ms"] for k, v in results.items() if isinstance(v, dict) and "max_ms" in v
        )
        window.close()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
