"""The About dialog: shows the data folder, opens it, and hands over to the shortcut help."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from reader import APP_NAME, __version__
from reader.ui.about import AboutDialog, application_icon

# The offscreen platform warns when any dialog is shown; it says nothing about this dialog.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """Record QDesktopServices.openUrl calls instead of launching a file manager."""
    calls: list[QUrl] = []

    def fake_open(url: QUrl) -> bool:
        calls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return calls


def make_dialog(qtbot: QtBot, data_dir: Path, callback=None) -> AboutDialog:
    dialog = AboutDialog(None, data_dir, callback)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def label(dialog: AboutDialog, name: str) -> QLabel:
    widget = dialog.findChild(QLabel, name)
    assert widget is not None, name
    return widget


def button(dialog: AboutDialog, name: str) -> QPushButton:
    widget = dialog.findChild(QPushButton, name)
    assert widget is not None, name
    return widget


def test_shows_name_version_license_and_data_dir(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "my data"
    dialog = make_dialog(qtbot, data)
    assert label(dialog, "aboutDataDir").text() == str(data)
    assert label(dialog, "aboutDataDir").isVisible()
    assert APP_NAME in label(dialog, "aboutName").text()
    assert __version__ in label(dialog, "aboutVersion").text()
    assert "GPL-3.0-or-later" in label(dialog, "aboutLicense").text()
    assert not label(dialog, "aboutStatus").isVisible()
    assert not data.exists(), "showing the dialog must not create the folder"


def test_open_data_folder_creates_it_and_opens_it(
    qtbot: QtBot, tmp_path: Path, opened: list[QUrl]
) -> None:
    data = tmp_path / "missing" / "data"
    dialog = make_dialog(qtbot, data)
    button(dialog, "aboutOpenDataFolder").click()
    assert data.is_dir()
    assert opened == [QUrl.fromLocalFile(str(data))]
    assert not label(dialog, "aboutStatus").isVisible()


def test_open_data_folder_reports_a_desktop_that_cannot_open_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    dialog = make_dialog(qtbot, tmp_path)
    assert dialog.open_data_folder() is False
    status = label(dialog, "aboutStatus")
    assert status.isVisible()
    assert str(tmp_path) in status.text()


def test_open_data_folder_reports_a_folder_that_cannot_be_created(
    qtbot: QtBot, tmp_path: Path, opened: list[QUrl]
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    dialog = make_dialog(qtbot, blocker / "data")
    button(dialog, "aboutOpenDataFolder").click()
    assert opened == []
    status = label(dialog, "aboutStatus")
    assert status.isVisible()
    assert "Could not create the data folder" in status.text()


def test_shortcuts_button_calls_the_callback(qtbot: QtBot, tmp_path: Path) -> None:
    calls: list[str] = []
    dialog = make_dialog(qtbot, tmp_path, lambda: calls.append("shown"))
    button(dialog, "aboutShortcuts").click()
    assert calls == ["shown"]


def test_no_shortcuts_button_without_a_callback(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, tmp_path, None)
    assert dialog.findChild(QPushButton, "aboutShortcuts") is None


def test_close_button_closes(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, tmp_path)
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        dialog.reject()
    assert not dialog.isVisible()


def test_application_icon_has_every_bundled_size(qtbot: QtBot) -> None:
    icon = application_icon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
