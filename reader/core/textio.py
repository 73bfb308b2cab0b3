"""Reading text files whatever their encoding, and writing files atomically.

Reading accepts UTF-8 (with or without BOM), UTF-16/UTF-32 with a BOM, and, for bytes that are not
valid UTF-8, cp1252 when the result looks like text. Everything else raises :class:`ReaderError`
with a one-line message naming the file.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from reader.core.errors import ReaderError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls that ordinary text contains; every other control character counts against "text".
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")


# C0 controls except _TEXT_CONTROLS, DEL and the C1 controls, and the replacement character
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_text(text: str) -> bool:
    """True when at most 1 % of the characters are control characters other than white space."""
    if not text:
        return False
    sample = text[:200_000]
    return len(_BAD_CHARS.findall(sample)) <= len(sample) // 100


def decode_text(data: bytes, name: str = "input") -> str:
    """Decode ``data`` as described in the module docstring; ``name`` is used in messages."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReaderError(
                    f"{name}: starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} (byte {exc.start})"
                ) from None
            return text.lstrip("\ufeff")
    if b"\x00" in data[:65536]:
        raise ReaderError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReaderError(f"{name}: is neither UTF-8, UTF-16 nor cp1252 text") from None
        if not looks_like_text(text):
            raise ReaderError(f"{name}: is neither UTF-8, UTF-16 nor cp1252 text") from None
        return text
    if not looks_like_text(text):
        raise ReaderError(f"{name}: looks like a binary file, not text")
    return text


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a text file, decode it and normalise its newlines.

    Raises :class:`ReaderError` for a missing file, a directory, an unreadable, binary or empty
    file.
    """
    p = Path(path)
    name = str(p)
    if not p.exists():
        raise ReaderError(f"{name}: no such file")
    if p.is_dir():
        raise ReaderError(f"{name}: is a directory, not a text file")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise ReaderError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ReaderError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise ReaderError(f"{name}: is empty")
    text = normalize_newlines(decode_text(data, name))
    if not text.strip():
        raise ReaderError(f"{name}: contains no text")
    return text


def write_atomic(
    path: str | os.PathLike[str], data: bytes | str, *, encoding: str = "utf-8"
) -> None:
    """Write ``data`` to ``path`` so that readers see either the old file or the whole new one.

    The bytes go to a temporary file in the same directory, are flushed and fsynced, then
    ``os.replace`` puts them in place. On error the temporary file is removed and the old file is
    untouched; the error is re-raised as :class:`ReaderError`.
    """
    p = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    directory = p.parent if str(p.parent) else Path(".")
    try:
        import tempfile  # (only writers need it; readers start faster)

        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ReaderError(f"{p}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ReaderError(f"{p}: cannot write ({exc.strerror or exc})") from None
    try:  # make the rename itself durable where the platform allows it
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
