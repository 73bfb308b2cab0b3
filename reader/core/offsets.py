"""Converting between code-point offsets (Python, our files) and UTF-16 offsets (Qt)."""

from __future__ import annotations


def is_bmp(text: str) -> bool:
    """True when every character fits one UTF-16 code unit (the offsets then agree)."""
    return text.isascii() or max(map(ord, text)) < 0x10000


def cp_to_u16(text: str, offset: int) -> int:
    """Code-point offset into ``text`` → UTF-16 code-unit offset."""
    prefix = text[:offset]
    return offset + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def u16_to_cp(text: str, offset: int) -> int:
    """UTF-16 code-unit offset into ``text`` → code-point offset (inside a pair: the pair start)."""
    units = 0
    for i, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > offset:
            return i
        units += width
    return len(text)
