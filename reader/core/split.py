"""Splitting a text into paragraphs.

Three modes:

``blank``
    Paragraphs are separated by blank (or whitespace-only) lines; the lines of one paragraph are
    joined with a single space.
``lines``
    Every non-blank line is a paragraph.
``auto`` (default)
    Decides per text, and per block of lines between blank lines: text whose lines are hard-wrapped
    (most lines end near one width, as in a Project Gutenberg file) is re-flowed into paragraphs;
    a block of unwrapped lines (each a paragraph, as in a file with one paragraph per line) keeps
    one paragraph per line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.errors import ReaderError
from reader.core.textio import normalize_newlines

SPLIT_MODES = ("auto", "lines", "blank")

_SENTENCE_END = re.compile(r"[.!?…:;\"'”“»«)\]]\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s+")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines; whitespace-only lines separate runs."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or ``None`` when it is not hard-wrapped.

    A text is hard-wrapped when its long lines cluster below a modest width: the 90th percentile
    of line lengths is between 30 and 110 characters and at least half of all lines come within
    25 % of it.
    """
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    width = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    if not 30 <= width <= 110:
        return None
    near = sum(1 for n in lengths if n >= 0.75 * width)
    if near < 0.5 * len(lengths):
        return None
    return width


def _reflow_block(lines: Sequence[str], width: int) -> list[str]:
    """Join the wrapped lines of one block; a short line ending a sentence ends a paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        starts_new = bool(current) and (
            _LIST_ITEM.match(line) is not None
            or (line[:1].isspace() and not lines[i - 1][:1].isspace())
        )
        if starts_new:
            paragraphs.append(" ".join(current))
            current = []
        current.append(line.strip())
        short = len(line.strip()) < 0.6 * width
        if short and _SENTENCE_END.search(line) and i + 1 < len(lines):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def split_paragraphs(text: str, mode: str = "auto") -> list[str]:
    """Split ``text`` into paragraphs, each stripped and with inner white space collapsed."""
    if mode not in SPLIT_MODES:
        raise ReaderError(f"unknown split mode {mode!r} (choose from {', '.join(SPLIT_MODES)})")
    text = normalize_newlines(text).lstrip("\ufeff")
    blocks = _blocks(text)
    if mode == "lines":
        raw = [line for block in blocks for line in block]
    elif mode == "blank":
        raw = [" ".join(line.strip() for line in block) for block in blocks]
    else:
        raw = []
        width = _wrap_width([line for block in blocks for line in block])
        for block in blocks:
            if len(block) == 1:
                raw.append(block[0])
            elif width is not None:
                raw.extend(_reflow_block(block, width))
            elif len(blocks) > 1 and _block_is_wrapped(block):
                raw.append(" ".join(line.strip() for line in block))
            else:
                raw.extend(block)
    paragraphs = [_clean(p) for p in raw]
    return [p for p in paragraphs if p]


def _block_is_wrapped(block: Sequence[str]) -> bool:
    """For texts that are not hard-wrapped as a whole: does this block read as one paragraph?

    True when no inner line ends a sentence, i.e. the line breaks fall mid-sentence.
    """
    return not any(_SENTENCE_END.search(line) for line in block[:-1])
