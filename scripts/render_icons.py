#!/usr/bin/env python3
"""Render the application icon's PNG sizes from its SVG.

    python scripts/render_icons.py [--out DIR]

Reads ``resources/icons/<APP_ID>.svg`` and writes ``<DIR>/hicolor/<N>x<N>/apps/<APP_ID>.png`` for
each size in ``SIZES`` (default DIR: ``resources/icons``). Runs offscreen; needs only
PySide6-Essentials (QtSvg). The output is deterministic, so re-running on an unchanged SVG leaves
the committed PNGs unchanged.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reader import APP_ID  # noqa: E402

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ICONS = REPO / "resources" / "icons"
SVG = ICONS / f"{APP_ID}.svg"


def png_path(base: Path, size: int) -> Path:
    """Where the ``size`` px rendering lives under ``base`` (freedesktop hicolor layout)."""
    return base / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(svg: Path, out: Path, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Render ``svg`` at each size into the hicolor tree under ``out``; return the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: error: cannot read SVG {svg}")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = png_path(out, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"render_icons: error: cannot write {target}")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=ICONS, help="base folder (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    for path in render(SVG, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
