"""Desktop integration and the PyInstaller bundle: the icon loads at every size, the freedesktop
and AppStream files are consistent and pass the real validators (when installed), and the
one-folder bundle builds and runs (when PyInstaller is installed)."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from reader import APP_ID, APP_NAME

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    pytest.skip("reading pyproject.toml needs Python >= 3.11 (tomllib)", allow_module_level=True)

REPO = Path(__file__).resolve().parents[1]
ICONS = REPO / "resources" / "icons"
SVG = ICONS / f"{APP_ID}.svg"
LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def load_render_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_icons", REPO / "scripts/render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_icons = load_render_icons()


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


# --- icon -------------------------------------------------------------------------------------


def test_svg_icon_loads(qapp) -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    assert renderer.isValid()
    size = renderer.defaultSize()
    assert size.width() == size.height() > 0
    assert not QIcon(str(SVG)).isNull()


@pytest.mark.parametrize("size", render_icons.SIZES)
def test_png_icon_loads_at_its_size(qapp, size: int) -> None:
    from PySide6.QtGui import QImage

    image = QImage(str(render_icons.png_path(ICONS, size)))
    assert not image.isNull()
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0, "corners are transparent"
    assert image.pixelColor(size // 2, size // 2).alpha() == 255, "the middle is drawn"


def test_committed_pngs_are_renderings_of_the_current_svg(qapp, tmp_path: Path) -> None:
    """Editing the SVG without re-running scripts/render_icons.py fails here."""
    from PySide6.QtGui import QImage

    for fresh in render_icons.render(SVG, tmp_path):
        size = int(fresh.parent.parent.name.split("x")[0])
        committed = QImage(str(render_icons.png_path(ICONS, size)))
        new = QImage(str(fresh))
        worst = max(
            abs(a - b)
            for y in range(size)
            for x in range(size)
            for a, b in zip(
                new.pixelColor(x, y).getRgb(), committed.pixelColor(x, y).getRgb(), strict=True
            )
        )
        assert worst <= 8, f"{size}px PNG differs from the SVG (run scripts/render_icons.py)"


# --- desktop entry, metainfo, MIME type ------------------------------------------------------


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_the_command_with_our_icon() -> None:
    entry = desktop_entry()
    assert entry["Name"] == APP_NAME
    assert entry["Exec"] == "parallel-reader %F"
    assert entry["Icon"] == APP_ID
    assert set(entry["Categories"].rstrip(";").split(";")) >= {"Office", "Education", "Languages"}
    assert set(entry["MimeType"].rstrip(";").split(";")) == {"text/plain", "application/x-tmx+xml"}
    assert "parallel-reader" in PROJECT["gui-scripts"]


def test_metainfo_names_the_launcher_binary_license_and_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "parallel-reader"
    assert root.findtext("project_license") == PROJECT["license"]
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.find("content_rating") is not None
    assert root.find("screenshots/screenshot/image") is not None
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == PROJECT["version"]


def test_mime_package_defines_the_tmx_type_of_the_desktop_entry() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(MIME).getroot()
    types = {t.get("type"): t for t in root.findall("m:mime-type", ns)}
    assert "application/x-tmx+xml" in desktop_entry()["MimeType"]
    tmx = types["application/x-tmx+xml"]
    assert [g.get("pattern") for g in tmx.findall("m:glob", ns)] == ["*.tmx"]


def test_flatpak_manifest_builds_our_app_on_the_pyside_baseapp() -> None:
    """A top-level key check (no YAML parser needed); the manifest cannot be built here."""
    manifest = REPO / "packaging" / "flatpak" / f"{APP_ID}.yml"
    top = dict(
        line.split(":", 1)
        for line in manifest.read_text(encoding="utf-8").splitlines()
        if line and line[0].isalpha() and ":" in line
    )
    values = {key: value.strip().strip("'") for key, value in top.items()}
    assert values["id"] == APP_ID
    assert values["command"] == "parallel-reader"
    assert values["base"] == "io.qt.PySide.BaseApp"
    assert values["runtime"] == "org.kde.Platform"
    assert values["runtime-version"] == values["base-version"]
    assert "packaging/linux/install-data.sh" in manifest.read_text(encoding="utf-8")


def needs(tool: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed")


@needs("desktop-file-validate")
def test_desktop_file_validate_finds_no_error() -> None:
    result = run(["desktop-file-validate", str(DESKTOP)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout + result.stderr


@needs("appstreamcli")
def test_appstreamcli_validate_finds_no_error() -> None:
    result = run(["appstreamcli", "validate", "--no-net", str(METAINFO)])
    report = result.stdout + result.stderr
    assert not [line for line in report.splitlines() if line.lstrip().startswith("E:")], report
    assert "Validation was successful" in report, report


@needs("desktop-file-validate")
@needs("appstreamcli")
def test_validate_script_passes() -> None:
    """packaging/validate.sh is what CI runs; it also validates a staged install tree."""
    result = run(["sh", str(REPO / "packaging" / "validate.sh")])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validate.sh: ok" in result.stdout


def test_install_data_puts_files_in_freedesktop_places(tmp_path: Path) -> None:
    result = run(["sh", str(LINUX / "install-data.sh"), str(tmp_path)])
    assert result.returncode == 0, result.stderr
    share = tmp_path / "share"
    expected = [
        share / "applications" / DESKTOP.name,
        share / "metainfo" / METAINFO.name,
        share / "mime" / "packages" / f"{APP_ID}.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    ] + [share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in (16, 256)]
    assert [p for p in expected if not p.is_file()] == []


# --- PyInstaller bundle ------------------------------------------------------------------------
# Building takes ~35 s on two cores (PyInstaller 6.22, PySide6 6.12), hence `slow`; CI runs it.


def has_pyinstaller() -> bool:
    return importlib.util.find_spec("PyInstaller") is not None


bundle_test = pytest.mark.skipif(not has_pyinstaller(), reason="PyInstaller is not installed")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Build the bundle once for this module with packaging/build.sh; yield its program."""
    out = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "PYTHON": sys.executable}
    result = run(
        [
            "sh",
            str(REPO / "packaging" / "build.sh"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
        ],
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    program = out / "dist" / "parallel-reader" / "parallel-reader"
    assert program.is_file()
    yield program


def bundle_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(QT_QPA_PLATFORM="offscreen", PARALLEL_READER_DATA_DIR=str(data_dir))
    return env


@pytest.mark.slow
@bundle_test
def test_bundle_reports_the_project_version(bundle: Path, data_dir: Path) -> None:
    result = run([str(bundle), "--version"], env=bundle_env(data_dir), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"parallel-reader {PROJECT['version']}"


@pytest.mark.slow
@bundle_test
def test_bundle_carries_seeds_and_resources_where_the_package_looks(bundle: Path) -> None:
    package = bundle.parent / "_internal" / "reader"
    for name in ("chongqing-connectivity.de.txt", "chongqing-connectivity.id.txt"):
        assert (package / "_seeds" / name).read_bytes() == (REPO / "seeds" / name).read_bytes()
    icon = package / "_resources" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
    assert icon.is_file()


@pytest.mark.slow
@bundle_test
def test_bundle_finds_every_subcommand(bundle: Path, data_dir: Path) -> None:
    """Subcommands are discovered with pkgutil at run time; the bundle must have them all."""
    from reader.cli import commands

    result = run([str(bundle), "--help"], env=bundle_env(data_dir), timeout=60)
    assert result.returncode == 0, result.stderr
    help_text = " ".join(result.stdout.split())
    for name in commands():
        assert name in help_text, f"subcommand {name!r} missing from the bundle"


@pytest.mark.slow
@bundle_test
@pytest.mark.skipif(
    not (REPO / "reader" / "ui" / "app.py").is_file(),
    reason="the window (reader/ui/app.py) is not here yet",
)
def test_bundle_opens_the_seed_pair_offscreen(bundle: Path, data_dir: Path) -> None:
    env = bundle_env(data_dir)
    env["PARALLEL_READER_QUIT_AFTER_MS"] = "3000"
    result = run([str(bundle)], env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "parallel-reader: error" not in result.stderr, result.stderr[-3000:]
