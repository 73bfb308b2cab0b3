"""Background work for the window: aligning a large pair off the GUI thread."""

from __future__ import annotations

import inspect
import threading

from PySide6.QtCore import QObject, Signal

from reader.core.document import Bead, LoadedPair


class Cancelled(Exception):
    """Raised inside the worker when the user cancelled."""


class AlignTask(QObject):
    """Aligns a :class:`LoadedPair` in a Python thread; results arrive as queued signals."""

    progressed = Signal(float)  # 0 … 1, when the aligner reports progress
    succeeded = Signal(object)  # list[Bead]
    failed = Signal(str)

    def __init__(self, loaded: LoadedPair, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loaded = loaded
        self.cancelled = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="align", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self.cancelled = True

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _progress(self, fraction: float) -> None:
        if self.cancelled:
            raise Cancelled
        self.progressed.emit(float(fraction))

    def _run(self) -> None:
        from reader.core import align

        try:
            fn = align.align_documents
            if "progress" in inspect.signature(fn).parameters:
                beads: list[Bead] = fn(self.loaded.left, self.loaded.right, progress=self._progress)  # type: ignore[call-arg]
            else:
                beads = fn(self.loaded.left, self.loaded.right)
        except Cancelled:
            return
        except Exception as exc:  # a bug in the aligner must not kill the window
            self.failed.emit(f"alignment failed: {exc}")
            return
        if not self.cancelled:
            self.succeeded.emit(beads)
