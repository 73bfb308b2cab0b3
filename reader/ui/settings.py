"""Every persistent setting, declared once with its type and default.

Settings live in ``settings.ini`` inside the data dir (so ``--data-dir`` and
``PARALLEL_READER_DATA_DIR`` move them too, and tests are isolated). Read and write them only through
:class:`Settings`, which refuses undeclared keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    doc: str


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("window/geometry", QByteArray, QByteArray(), "main window geometry"),
        Setting("window/state", QByteArray, QByteArray(), "dock and toolbar layout"),
        Setting("view/zoom", int, 0, "zoom steps from the default font size (-8 … 20)"),
        Setting("view/font_family", str, "", "reading font family (empty: the system font)"),
        Setting("view/font_size", float, 0.0, "base font size in points (0: the system size)"),
        Setting("view/line_spacing", int, 100, "line height in percent of the font's"),
        Setting("view/theme", str, "system", "system, light or dark"),
        Setting("view/swap_columns", bool, False, "show the right text on the left"),
        Setting("view/sides", str, "both", "both, left or right: which texts are shown"),
        Setting("view/sync_scroll", bool, True, "both columns scroll as one"),
        Setting("entities/enabled", bool, True, "highlight entities"),
        Setting("entities/hidden", list, [], "entity kinds switched off in the legend"),
        Setting("recent/files", list, [], "recently opened pairs as 'LEFT\\tRIGHT'"),
    )
}

# Per-document values ("positions/<document id>") are declared as a family.
POSITION_PREFIX = "positions/"
MAX_RECENT = 10


def settings_path(data_dir: Path) -> Path:
    return data_dir / "settings.ini"


class Settings:
    """Typed access to the declared settings, stored as INI in the data dir."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        spec = SETTINGS[key]
        value = self._qs.value(key, spec.default)
        return _coerce(value, spec)

    def set(self, key: str, value: Any) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
        self._qs.setValue(key, value)

    def position(self, doc_id: str) -> int:
        value = self._qs.value(POSITION_PREFIX + doc_id, 0)
        try:
            return max(0, int(value))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return 0

    def set_position(self, doc_id: str, row: int) -> None:
        self._qs.setValue(POSITION_PREFIX + doc_id, int(row))

    def add_recent(self, left: str, right: str) -> None:
        entry = f"{left}\t{right}"
        items = [x for x in self.get("recent/files") if x != entry]
        self.set("recent/files", [entry, *items][:MAX_RECENT])

    def sync(self) -> None:
        self._qs.sync()


def _coerce(value: Any, spec: Setting) -> Any:
    """QSettings' INI backend returns strings; turn them back into the declared type."""
    try:
        if spec.type is bool:
            if isinstance(value, str):
                return value.lower() in ("1", "true", "yes")
            return bool(value)
        if spec.type is int:
            return int(value)
        if spec.type is float:
            return float(value)
        if spec.type is list:
            if value is None or value == "":
                return []
            return [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if spec.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        return spec.type(value)
    except (TypeError, ValueError):
        return spec.default
