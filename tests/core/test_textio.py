from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.core.errors import ReaderError
from reader.core.textio import decode_text, read_text, write_atomic

TEXT = "Grüße aus Köln – “quoted” 𝔘\nzweite Zeile"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf32-bom"],
)
def test_decodes_unicode_encodings(data: bytes) -> None:
    assert decode_text(data) == TEXT


def test_cp1252_fallback_when_text_like() -> None:
    data = "Grüße – „Zitat“ für 5 €".encode("cp1252")
    assert decode_text(data) == "Grüße – „Zitat“ für 5 €"


def test_binary_and_undecodable_rejected() -> None:
    with pytest.raises(ReaderError, match="binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ReaderError, match="neither UTF-8"):
        decode_text(bytes(range(0x80, 0xA0)) * 10)  # cp1252 leaves 0x81 etc. undefined
    with pytest.raises(ReaderError, match="not valid UTF-16"):
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8")  # lone surrogate


def test_newlines_normalised(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"one\r\ntwo\rthree\n")
    assert read_text(p) == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_bytes(b"  \n\n\t "), "contains no text"),
        (lambda p: p.write_bytes(b"\x00\x01\x02binary\x00"), "binary"),
    ],
    ids=["missing", "directory", "empty", "blank", "binary"],
)
def test_read_text_errors(tmp_path: Path, setup, message: str) -> None:
    p = tmp_path / "f.txt"
    setup(p)
    with pytest.raises(ReaderError, match=message) as info:
        read_text(p)
    assert "\n" not in str(info.value)
    assert str(p) in str(info.value)


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    p = tmp_path / "out.txt"
    p.write_text("old")
    write_atomic(p, "new content")
    assert p.read_text() == "new content"
    assert [x.name for x in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_failure_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "out.txt"
    with pytest.raises(ReaderError, match="cannot write"):
        write_atomic(target, "x")
    assert not target.exists()
