"""The one exception type that carries a message meant for the user."""

from __future__ import annotations


class ReaderError(Exception):
    """Bad input or an unusable file: ``str(error)`` is a complete one-line message.

    The CLI prints it as ``parallel-reader: error: <message>`` and exits 2; the GUI shows it in a
    dialog. Code that raises it must make the message understandable without a traceback.
    """
