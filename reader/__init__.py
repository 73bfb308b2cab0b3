"""Parallel Reader: read and annotate parallel texts side by side."""

from __future__ import annotations

from importlib import metadata

APP_ID = "org.parallelreader.ParallelReader"
APP_NAME = "Parallel Reader"

try:
    __version__ = metadata.version("parallel-reader")
except metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.1.0.dev0"
