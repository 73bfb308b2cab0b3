"""Responsiveness of the reading view with 10,000 annotations on one document.

Builds a 10,000-pair synthetic book (benchmarks/_book.py), adds one annotation per pair (every
third with a note) through the window's store, then times a Down keypress to the repainted view
and overview strip, the annotation panel's refill and a save. Prints JSON (medians).

Usage: PYTHONPATH=. python benchmarks/bench_annotated_view.py [--pairs N] [--steps N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()

    import _book
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from reader.core.annotations import Annotation
    from reader.ui.app import ensure_app
    from reader.ui.mainwindow import MainWindow

    app = ensure_app()
    text = _book.make_text(args.pairs)
    window = MainWindow(text, data_dir=Path(tempfile.mkdtemp()))
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    for _ in range(20):
        app.processEvents()
    store = window.annotations.store
    assert store is not None
    annotations = [
        Annotation(
            (store.target("left", text.beads[b].left[0], 0, 5),),
            note=f"note {b}" if b % 3 == 0 else "",
        )
        for b in range(args.pairs)
    ]
    t = time.perf_counter()
    store.add_many(annotations)
    add_s = time.perf_counter() - t
    window.entities.shutdown()  # measure the annotations, not the number check
    for _ in range(10):
        app.processEvents()
    times = []
    for _ in range(args.steps):
        t = time.perf_counter()
        QTest.keyClick(window.view, Qt.Key.Key_Down)
        window.view.viewport().repaint()
        window.overview.repaint()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    t = time.perf_counter()
    window.annotation_panel.refill()
    refill_s = time.perf_counter() - t
    t = time.perf_counter()
    saved = window.annotations.save()
    save_s = time.perf_counter() - t
    window.close()
    print(
        json.dumps(
            {
                "pairs": args.pairs,
                "annotations": len(annotations),
                "add_all_s": round(add_s, 3),
                "down_to_repaint_ms": {
                    "median": round(statistics.median(times), 2),
                    "p95": round(times[int(len(times) * 0.95) - 1], 2),
                    "max": round(times[-1], 2),
                },
                "panel_refill_s": round(refill_s, 3),
                "save_s": round(save_s, 3),
                "saved": saved,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
