"""README.md keeps its promises: the two commands first, and every registry shortcut listed."""

from __future__ import annotations

from pathlib import Path

from reader.ui.actions import ACTIONS, shortcut_text

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_starts_with_install_and_test_commands() -> None:
    blocks = README.split("```")
    assert "pip install . && parallel-reader" in blocks[1]
    assert "pip install '.[test]' && pytest" in blocks[3]
    assert "<!-- test-command -->" in blocks[2]


def test_keyboard_table_lists_every_shortcut(qapp) -> None:  # type: ignore[no-untyped-def]
    table = README.split("<!-- keyboard-table -->")[1].split("\n\n")[0]
    for spec in ACTIONS:
        if spec.shortcuts:
            row = f"| {spec.menu} | {spec.text.replace('&', '')} | {shortcut_text(spec)} |"
            assert row in table, (
                f"README keyboard table lacks: {row} (run scripts/keyboard_table.py)"
            )
