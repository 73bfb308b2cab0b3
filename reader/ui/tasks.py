"""Background work for the window: aligning a large pair off the GUI thread.

The aligner is pure Python: in a thread it would hold the interpreter lock against the window
(keypresses waiting hundreds of milliseconds) and its working memory would add to the window's.
So by default it runs in a separate process (``spawn``: no Qt state is inherited), which the window
polls every few milliseconds; cancelling terminates it. ``USE_PROCESS = False`` runs it in a
thread instead (tests that replace the aligner in this process use that).
"""

from __future__ import annotations

import inspect
import multiprocessing
import threading
from multiprocessing.connection import Connection
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.document import Bead, Document, LoadedPair

USE_PROCESS = True
POLL_MS = 30


class Cancelled(Exception):
    """Raised inside the worker when the user cancelled."""


def _align(left: Document, right: Document, pins: list[Bead], progress: Any = None) -> list[Bead]:
    """The alignment itself: the reader's pins kept, else the aligner with progress."""
    from reader.core import align

    if pins:  # the reader's corrections stay; the aligner runs between them
        from reader.core.corrections import realign

        return realign(left, right, pins)
    fn = align.align_documents
    if progress is not None and "progress" in inspect.signature(fn).parameters:
        return fn(left, right, progress=progress)
    return fn(left, right)


def _process_main(left: Document, right: Document, pins: list[Bead], conn: Connection) -> None:
    """Entry point of the aligner process: reports ("progress", f), ("done", beads) or
    ("error", message) through ``conn``."""
    last = [0.0]

    def progress(fraction: float) -> None:
        if fraction - last[0] >= 0.01:
            last[0] = fraction
            conn.send(("progress", float(fraction)))

    try:
        beads = _align(left, right, pins, progress)
    except Exception as exc:  # reported to the window as one line
        conn.send(("error", f"alignment failed: {exc}"))
    else:
        conn.send(("done", beads))
    finally:
        conn.close()


class AlignTask(QObject):
    """Aligns a :class:`LoadedPair` off the GUI thread; results arrive as signals."""

    progressed = Signal(float)  # 0 … 1, when the aligner reports progress
    succeeded = Signal(object)  # list[Bead]
    failed = Signal(str)

    def __init__(
        self, loaded: LoadedPair, parent: QObject | None = None, pins: list[Bead] | None = None
    ) -> None:
        super().__init__(parent)
        self.loaded = loaded
        self.pins = list(pins or [])
        self.cancelled = False
        self._thread: threading.Thread | None = None
        self._process: Any = None
        self._conn: Connection | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        if USE_PROCESS:
            context = multiprocessing.get_context("spawn")
            receiver, sender = context.Pipe(duplex=False)
            self._conn = receiver
            self._process = context.Process(
                target=_process_main,
                args=(self.loaded.left, self.loaded.right, self.pins, sender),
                name="parallel-reader-align",
                daemon=True,
            )
            self._process.start()
            sender.close()  # the child holds its own end
            self._timer.start()
        else:
            self._thread = threading.Thread(target=self._run, name="align", daemon=True)
            self._thread.start()

    def cancel(self) -> None:
        self.cancelled = True
        self._timer.stop()
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        self._close_pipe()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
        if self._process is not None:
            self._process.join(timeout)

    def _close_pipe(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _poll(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            while conn.poll():
                kind, value = conn.recv()
                if kind == "progress":
                    self.progressed.emit(value)
                    continue
                self._timer.stop()
                self._close_pipe()
                if not self.cancelled:
                    if kind == "done":
                        self.succeeded.emit(value)
                    else:
                        self.failed.emit(str(value))
                return
        except (EOFError, OSError):
            self._timer.stop()
            self._close_pipe()
            if not self.cancelled:
                code = self._process.exitcode if self._process is not None else None
                self.failed.emit(f"alignment failed: the aligner process ended (code {code})")

    # --- thread mode --------------------------------------------------------------------------
    def _progress(self, fraction: float) -> None:
        if self.cancelled:
            raise Cancelled
        self.progressed.emit(float(fraction))

    def _run(self) -> None:
        try:
            beads = _align(self.loaded.left, self.loaded.right, self.pins, self._progress)
        except Cancelled:
            return
        except Exception as exc:  # a bug in the aligner must not kill the window
            self.failed.emit(f"alignment failed: {exc}")
            return
        if not self.cancelled:
            self.succeeded.emit(beads)
