"""Background work for the window: aligning a large pair off the GUI thread.

The aligner is pure Python: in a thread it would hold the interpreter lock against the window
(keypresses waiting hundreds of milliseconds) and its working memory would add to the window's.
So by default it runs in a separate process (``spawn``: no Qt state is inherited), which the window
polls every few milliseconds; cancelling terminates it. ``USE_PROCESS = False`` runs it in a
thread instead (tests that replace the aligner in this process use that).
"""

from __future__ import annotations

import threading
from multiprocessing.connection import Connection
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.alignjob import PairWorker, align_with_pins, process_main
from reader.core.document import Bead, LoadedPair

USE_PROCESS = True
POLL_MS = 30


class Cancelled(Exception):
    """Raised inside the worker when the user cancelled."""


def _send_and_close(conn: Connection, payload: object) -> None:
    try:
        conn.send(payload)
    except OSError:
        pass  # the worker was cancelled before it read the pair
    finally:
        conn.close()


class AlignTask(QObject):
    """Aligns a :class:`LoadedPair` off the GUI thread; results arrive as signals."""

    progressed = Signal(float)  # 0 … 1, when the aligner reports progress
    succeeded = Signal(object)  # list[Bead]
    failed = Signal(str)

    def __init__(
        self,
        loaded: LoadedPair,
        parent: QObject | None = None,
        pins: list[Bead] | None = None,
        worker: PairWorker | None = None,
    ) -> None:
        """``worker``: the start-up process that read ``loaded``; it aligns too, so nothing is
        sent to a new process."""
        super().__init__(parent)
        self.loaded = loaded
        self.worker = worker
        self.pins = list(pins or [])
        self.cancelled = False
        self._thread: threading.Thread | None = None
        self._process: Any = None
        self._conn: Connection | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        if self.worker is not None and USE_PROCESS:
            self._conn = self.worker.conn
            self._process = self.worker.process
            self.worker.request_alignment(self.pins)
            self._timer.start()
        elif USE_PROCESS:
            import multiprocessing

            context = multiprocessing.get_context("spawn")
            inbox, to_worker = context.Pipe(duplex=False)
            receiver, sender = context.Pipe(duplex=False)
            self._conn = receiver
            self._process = context.Process(
                target=process_main,
                args=(inbox, sender),
                name="parallel-reader-align",
                daemon=True,
            )
            self._process.start()
            inbox.close()  # the child holds its own ends
            sender.close()
            # a book is megabytes: the pipe takes it only as fast as the new process reads, so a
            # thread writes it (the write waits without the interpreter lock) and the window
            # stays free
            payload = (self.loaded.left, self.loaded.right, self.pins)
            threading.Thread(
                target=_send_and_close, args=(to_worker, payload), name="align-send", daemon=True
            ).start()
            self._timer.start()
        else:
            if self.worker is not None:
                self.worker.close()  # this mode aligns here
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
            beads = align_with_pins(self.loaded.left, self.loaded.right, self.pins, self._progress)
        except Cancelled:
            return
        except Exception as exc:  # a bug in the aligner must not kill the window
            self.failed.emit(f"alignment failed: {exc}")
            return
        if not self.cancelled:
            self.succeeded.emit(beads)
