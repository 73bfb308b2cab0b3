"""Converting between code-point offsets (Python, our files) and UTF-16 offsets (Qt)."""

from __future__ import annotations


def is_bmp(text: str) -> bool:
    """True when every character fits one UTF-16 code unit (the offsets then agree)."""
    return text.isascii() or max(map(ord, text)) < 0x10000


def cp_to_u16(text: str, offset: int) -> int:
    """Code-point offset into ``text`` → UTF-16 code-unit offset."""
    prefix = text[:offset]
    if prefix.isascii():
        return len(prefix)
    return len(prefix.encode("utf-16-le")) // 2


def u16_to_cp(text: str, offset: int) -> int:
    """UTF-16 code-unit offset into ``text`` → code-point offset (inside a pair: the pair start)."""
    if text.isascii():
        return max(0, min(offset, len(text)))
    head = text.encode("utf-16-le")[: max(0, offset) * 2]
    return len(head.decode("utf-16-le", "ignore"))  # a split pair drops its first half
