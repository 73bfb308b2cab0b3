"""Parallel Reader: read and annotate parallel texts side by side."""

from __future__ import annotations

APP_ID = "org.parallelreader.ParallelReader"
APP_NAME = "Parallel Reader"


def __getattr__(name: str) -> str:
    """``reader.__version__`` from the package metadata, looked up on first use (importing
    importlib.metadata costs start-up time that opening a window does not need)."""
    if name == "__version__":
        from importlib import metadata

        try:
            version = metadata.version("parallel-reader")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            version = "0.1.0.dev0"
        globals()["__version__"] = version
        return version
    raise AttributeError(f"module 'reader' has no attribute {name!r}")
