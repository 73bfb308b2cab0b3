"""Shared fixtures. Every test runs offscreen with its own data dir and its own QSettings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
SEED_DE = SEEDS / "chongqing-connectivity.de.txt"
SEED_ID = SEEDS / "chongqing-connectivity.id.txt"


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data dir per test (``PARALLEL_READER_DATA_DIR``), also used for QSettings."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("PARALLEL_READER_DATA_DIR", str(path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(path / "xdg-data"))
    return path


@pytest.fixture
def seed_paths() -> tuple[Path, Path]:
    return SEED_DE, SEED_ID


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    yield SHARED
