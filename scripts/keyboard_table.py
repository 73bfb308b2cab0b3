"""Print the keyboard table of README.md from the action registry (reader/ui/actions.py).

Usage: python scripts/keyboard_table.py  (paste the output between the README's markers; a test
checks that README lists every shortcut of the registry).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def table() -> str:
    from PySide6.QtGui import QGuiApplication

    from reader.ui.actions import ACTIONS, MENUS, shortcut_text

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    lines = ["| Menu | Action | Keys |", "| --- | --- | --- |"]
    for menu in MENUS:
        for spec in ACTIONS:
            if spec.menu == menu and spec.shortcuts:
                text = spec.text.replace("&", "").replace("|", "\\|")
                keys = shortcut_text(spec).replace("|", "\\|")
                lines.append(f"| {menu} | {text} | {keys} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
