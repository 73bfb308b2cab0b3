"""The application icon (kept apart from the About dialog: start-up needs only the icon)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from reader import APP_ID
from reader.core.paths import resources_dir

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def icon_png(size: int) -> Path:
    """The bundled PNG rendering of the application icon at ``size`` px (hicolor layout)."""
    return resources_dir() / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def application_icon() -> QIcon:
    """The application icon from the bundled PNGs (every size that exists); the desktop theme's
    icon named ``APP_ID`` if none is found (e.g. a distribution that strips them)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_png(size)
        if path.is_file():
            icon.addFile(str(path))
    if icon.isNull():
        return QIcon.fromTheme(APP_ID)
    return icon
