"""Exporting annotations: Markdown, CSV, HTML and W3C Web Annotation JSON-LD.

Every exporter takes ``(text, annotations)`` and returns the file's text; :data:`FORMATS` lists
them for the window's file dialog and the ``export`` command, :func:`export` picks one,
optionally limited to one aligned pair, and :func:`write_export` writes it to a file atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.annotations import Annotation
from reader.core.document import ParallelText
from reader.core.errors import ReaderError
from reader.core.export.common import filter_pair, pair_number
from reader.core.export.csv_export import export_csv
from reader.core.export.html import export_html
from reader.core.export.markdown import export_markdown
from reader.core.export.w3c import export_w3c
from reader.core.textio import write_atomic

Exporter = Callable[[ParallelText, Sequence[Annotation]], str]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its key (``--format``), dialog label, file extension and function."""

    key: str
    label: str  # e.g. "Markdown (*.md)", a Qt file-dialog name filter
    extension: str  # without the dot
    function: Exporter


FORMATS: dict[str, ExportFormat] = {
    "md": ExportFormat("md", "Markdown (*.md)", "md", export_markdown),
    "csv": ExportFormat("csv", "CSV spreadsheet (*.csv)", "csv", export_csv),
    "html": ExportFormat("html", "HTML page (*.html)", "html", export_html),
    "w3c": ExportFormat("w3c", "W3C Web Annotation JSON-LD (*.jsonld)", "jsonld", export_w3c),
}


def export(
    text: ParallelText,
    annotations: Sequence[Annotation],
    fmt: str,
    *,
    pair: int | None = None,
    bom: bool = False,
) -> str:
    """The annotations of ``text`` in format ``fmt`` (a key of :data:`FORMATS`).

    ``pair`` (1-based) keeps only that aligned pair's annotations. ``bom`` starts a CSV export
    with a byte-order mark (for Excel); the other formats ignore it. Raises :class:`ReaderError`
    for an unknown format and when there is nothing to export, so that no empty file is written.
    """
    spec = FORMATS.get(fmt)
    if spec is None:
        raise ReaderError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    chosen = filter_pair(text, annotations, pair)
    if not chosen:
        where = f"pair {pair} of " if pair is not None else ""
        raise ReaderError(f"no annotations to export for {where}{text.title or 'this text'}")
    if fmt == "csv":
        return export_csv(text, chosen, bom=bom)
    return spec.function(text, chosen)


def write_export(
    path: str | os.PathLike[str],
    text: ParallelText,
    annotations: Sequence[Annotation],
    fmt: str,
    *,
    pair: int | None = None,
    bom: bool = False,
) -> int:
    """Export (see :func:`export`) atomically to ``path`` as UTF-8; the number of annotations
    written. Raises :class:`ReaderError` (nothing written, an old file left as it was)."""
    data = export(text, annotations, fmt, pair=pair, bom=bom)
    write_atomic(path, data.encode("utf-8"))
    return len(filter_pair(text, annotations, pair))


def annotations_path(text: ParallelText, data_dir: str | os.PathLike[str]) -> Path:
    """Where the sidecar keeps the annotations of ``text``."""
    from reader.core.sidecar import sidecar_path

    return sidecar_path(text.id, data_dir)


def load_annotations_for(
    text: ParallelText, data_dir: str | os.PathLike[str], warnings: list[str] | None = None
) -> list[Annotation]:
    """The stored annotations of ``text`` (``[]`` when it has none yet), read through the
    sidecar, which repairs a damaged file from its backups; its one-line messages are appended
    to ``warnings``. Orphaned annotations are included: exporters list them as unplaced."""
    from reader.core.sidecar import load_annotations

    annotations, messages = load_annotations(text, data_dir)
    if warnings is not None:
        warnings.extend(messages)
    return annotations


__all__ = [
    "FORMATS",
    "ExportFormat",
    "annotations_path",
    "export",
    "load_annotations_for",
    "pair_number",
    "write_export",
]
