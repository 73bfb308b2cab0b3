"""Light, dark and system palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2b2e",
        role.WindowText: "#e6e6e6",
        role.Base: "#1f1f22",
        role.AlternateBase: "#2a2a2e",
        role.Text: "#e6e6e6",
        role.Button: "#35353a",
        role.ButtonText: "#e6e6e6",
        role.Highlight: "#3d7bd9",
        role.HighlightedText: "#ffffff",
        role.PlaceholderText: "#9a9aa2",
        role.ToolTipBase: "#35353a",
        role.ToolTipText: "#e6e6e6",
        role.Mid: "#55555c",
        role.Link: "#7fb0ff",
    }
    for r, c in colours.items():
        p.setColor(r, QColor(c))
    return p


def light_palette() -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#efeff1",
        role.WindowText: "#1d1d20",
        role.Base: "#ffffff",
        role.AlternateBase: "#f4f4f6",
        role.Text: "#1d1d20",
        role.Button: "#e9e9ec",
        role.ButtonText: "#1d1d20",
        role.Highlight: "#2f6fd0",
        role.HighlightedText: "#ffffff",
        role.PlaceholderText: "#6e6e76",
        role.ToolTipBase: "#ffffdc",
        role.ToolTipText: "#1d1d20",
        role.Mid: "#b8b8c0",
        role.Link: "#1a5bbf",
    }
    for r, c in colours.items():
        p.setColor(r, QColor(c))
    return p


_SYSTEM: QPalette | None = None


def apply_theme(app: QApplication, theme: str) -> None:
    """Switch the application palette; ``system`` restores the palette the app started with."""
    global _SYSTEM
    if _SYSTEM is None:
        _SYSTEM = QPalette(app.palette())
    if theme == "dark":
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setPalette(light_palette())
    else:
        app.setPalette(_SYSTEM)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128
