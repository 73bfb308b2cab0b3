"""Reading, splitting and aligning a pair in a worker process, as the window does for large pairs
(no Qt here).

Two ways in:

* :func:`start_pair_worker`, at start-up: a process forked before the window's toolkit is loaded
  reads and splits the two files on the second core while the window's process starts up, sends
  the :class:`LoadedPair` back, then aligns it when the window asks (with the reader's pinned
  corrections, known only once the window has read the sidecar);
* :func:`process_main`, for pairs opened later: a fresh process that is sent the documents.

Messages from a worker: ``("loaded", pair)`` (start-up worker only), ``("progress", fraction)``,
then ``("done", beads)`` or ``("error", message)``.
"""

from __future__ import annotations

import gc
import inspect
import os
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from reader.core.document import Bead, Document, LoadedPair, read_pair
from reader.core.errors import ReaderError


def align_with_pins(
    left: Document,
    right: Document,
    pins: list[Bead],
    progress: Callable[[float], None] | None = None,
) -> list[Bead]:
    """Beads for the pair: the reader's pins kept (the aligner runs between them), else the
    aligner reporting ``progress``."""
    from reader.core import align

    if pins:
        from reader.core.corrections import realign

        return realign(left, right, pins)
    fn = align.align_documents
    if progress is not None and "progress" in inspect.signature(fn).parameters:
        return fn(left, right, progress=progress)
    return fn(left, right)


def _align_and_report(conn: Connection, left: Document, right: Document, pins: list[Bead]) -> None:
    last = [0.0]

    def progress(fraction: float) -> None:
        if fraction - last[0] >= 0.01:
            last[0] = fraction
            conn.send(("progress", float(fraction)))

    try:
        beads = align_with_pins(left, right, pins, progress)
    except Exception as exc:  # reported to the window as one line
        conn.send(("error", f"alignment failed: {exc}"))
    else:
        conn.send(("done", beads))


def process_main(inbox: Connection, outbox: Connection) -> None:
    """Entry point of a fresh aligner process: reads ``(left, right, pins)`` from ``inbox``,
    reports through ``outbox``."""
    try:
        left, right, pins = inbox.recv()
    except (EOFError, OSError):
        return  # the window went away before it sent the pair
    finally:
        inbox.close()
    try:
        _align_and_report(outbox, left, right, pins)
    finally:
        outbox.close()


def _worker_main(
    conn: Connection, parent_end: Connection, paths: tuple[str, str], options: dict[str, Any]
) -> None:
    """Entry point of the start-up worker (see the module docstring)."""
    # the fork copied the window's end of the pipe too: without closing it here, the worker would
    # never see the window close its end, and would wait for ever
    parent_end.close()
    try:
        try:
            loaded = read_pair(*paths, **options, on_read=lambda: conn.send(("read", None)))
        except ReaderError as exc:
            conn.send(("error", str(exc)))
            return
        except Exception as exc:  # a bug must still end in one line, not a hang
            conn.send(("error", f"{paths[0]}: cannot be opened ({exc})"))
            return
        for doc in (loaded.left, loaded.right):
            # cached on the documents, so they travel with the pair: work the window's first
            # frame needs (the id finds the reader's last position), done on this core
            _ = (doc.content_id, doc.headings)
        conn.send(("loaded", loaded))
        gc.enable()  # the command turns it off while it starts up, and forked this process then
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return  # the window aligned on its own (a small pair) or went away
        if request and request[0] == "align":
            _align_and_report(conn, loaded.left, loaded.right, list(request[1]))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the window went away
    finally:
        conn.close()


#: How long start-up waits for a split pair before it opens the window without it: showing the
#: window first costs a second layout when the pair arrives, worth it only for long books.
START_WAIT_S = 0.15


class PairWorker:
    """The start-up worker of one pair. :meth:`wait_read` returns once both files have been
    read (or raises for unusable files), :meth:`result` waits for the split pair,
    :meth:`poll_result` does not wait; then the window hands :attr:`conn` and :attr:`process`
    to its alignment task."""

    def __init__(self, process: Any, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self._read = False

    def _receive(self) -> tuple[str, Any]:
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            self.close()
            raise ReaderError("the files could not be read (the reading process ended)") from None
        if kind == "error":
            self.close()
            raise ReaderError(str(value))
        return kind, value

    def wait_read(self) -> None:
        """Wait until both files are read; :class:`ReaderError` for unusable files."""
        if not self._read:
            self._receive()  # ("read", None)
            self._read = True

    def result(self) -> LoadedPair:
        """The pair, read and split; :class:`ReaderError` for unusable files."""
        self.wait_read()
        return self._receive()[1]

    def poll_result(self, timeout: float = 0.0) -> LoadedPair | None:
        """The pair if it arrives within ``timeout`` seconds, else ``None``."""
        if not self._read and self.conn.poll(timeout):
            self.wait_read()
        if self._read and self.conn.poll(timeout):
            return self.result()
        return None

    def request_alignment(self, pins: list[Bead]) -> None:
        self.conn.send(("align", list(pins)))

    def close(self) -> None:
        """Let the worker go (it ends when its pipe closes)."""
        self.conn.close()
        self.process.join(1.0)
        if self.process.is_alive():
            self.process.terminate()


def start_pair_worker(
    left: str | Path,
    right: str | Path,
    *,
    split: str = "auto",
    left_lang: str | None = None,
    right_lang: str | None = None,
) -> PairWorker | None:
    """Start reading and splitting the pair in a forked process, or return ``None`` where that
    is not safe or possible (no ``fork``, or a GUI toolkit or other threads already running in
    this process): the caller then reads the pair itself."""
    if (
        sys.platform != "linux"
        or not hasattr(os, "fork")
        or "PySide6.QtCore" in sys.modules
        or threading.active_count() > 1
    ):
        return None
    import multiprocessing

    context = multiprocessing.get_context("fork")
    mine, theirs = context.Pipe(duplex=True)
    options = {"split": split, "left_lang": left_lang, "right_lang": right_lang}
    process = context.Process(
        target=_worker_main,
        args=(theirs, mine, (str(left), str(right)), options),
        name="parallel-reader-load",
        daemon=True,
    )
    process.start()
    theirs.close()
    return PairWorker(process, mine)
