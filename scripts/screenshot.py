"""Render the real main window offscreen and save a PNG (used for README's screenshot).

Usage: python scripts/screenshot.py [OUT.png] [--pair N] [--dark]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default="docs/screenshot.png")
    parser.add_argument("--pair", type=int, default=1, help="pair to make current (1-based)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from reader.core.document import load_pair
    from reader.core.paths import seed_pair
    from reader.ui.app import ensure_app
    from reader.ui.mainwindow import MainWindow

    app = ensure_app()
    if args.dark:
        from reader.ui.theme import apply_theme

        apply_theme(app, "dark")
    with tempfile.TemporaryDirectory() as data:
        window = MainWindow(load_pair(*seed_pair()), data_dir=Path(data))
        window.resize(args.width, args.height)
        window.show()
        window.view.set_current(args.pair - 1)
        prepare = getattr(window, "prepare_screenshot", None)
        if prepare is not None:
            prepare()
        for _ in range(5):
            QApplication.processEvents()
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            print(f"screenshot: cannot write {out}", file=sys.stderr)
            return 2
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
