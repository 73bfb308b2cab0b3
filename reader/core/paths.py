"""Where Parallel Reader keeps its files, and where the bundled seeds and resources are."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "PARALLEL_READER_DATA_DIR"
SEED_STEM = "chongqing-connectivity"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` if given, else ``$PARALLEL_READER_DATA_DIR``, else the platform's user data
    directory (``platformdirs.user_data_path("parallel-reader", appauthor=False)``).

    The directory is not created here; writers create what they need.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # (only here: start-up with --data-dir or the variable skips it)

    return platformdirs.user_data_path("parallel-reader", appauthor=False)


def _bundled(name: str) -> Path:
    """A folder shipped in the wheel as ``reader/_<name>``, or the source tree's ``<name>/``."""
    installed = Path(__file__).resolve().parents[1] / f"_{name}"
    if installed.is_dir():  # the usual case: a package installed as files
        return installed
    from importlib import resources

    packaged = resources.files("reader") / f"_{name}"
    if packaged.is_dir():
        return Path(str(packaged))
    source = Path(__file__).resolve().parents[2] / name
    return source


def seeds_dir() -> Path:
    return _bundled("seeds")


def resources_dir() -> Path:
    return _bundled("resources")


def seed_pair() -> tuple[Path, Path]:
    """The bundled German/Indonesian seed pair (left, right)."""
    base = seeds_dir()
    return base / f"{SEED_STEM}.de.txt", base / f"{SEED_STEM}.id.txt"
