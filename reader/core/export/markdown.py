"""Markdown (CommonMark) export: a readable list of annotations grouped by aligned pair.

Layout::

    # <document title>

    Annotations on *<left file>* (German) and *<right file>* (Indonesian): 3 annotations.

    ## Pair 4

    > **German:** <quote>

    > **Indonesian:** <quote>          (both quotes for a bilingual annotation)

    <note; its line breaks kept as hard breaks, blank lines as paragraphs>

    Tags: #tag1 #tag2 · Colour: yellow

    ---

Every piece of user text (title, file names, quotes, notes, tags, colour) is escaped so it is
shown literally: a note cannot make headings, lists, links, code or raw HTML. Leading white space
of each line is dropped (it would otherwise start a code block). Annotations whose paragraph no
longer exists go under ``## Unplaced annotations``; orphaned ones are marked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.annotations import Annotation
from reader.core.document import ParallelText
from reader.core.export.common import by_pair, side_label, source_name

# Characters with a meaning somewhere in a CommonMark line; escaping them with a backslash is
# always allowed (any ASCII punctuation may be escaped) and always shows them literally.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<&|~])")
# Line starts that would begin a block: lists, headings, quotes, thematic breaks, setext lines.
_BLOCK_MARKER = re.compile(r"^([+\-=#>])")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")


def escape_line(line: str) -> str:
    """One line of user text as literal CommonMark inline text (no block syntax at its start)."""
    line = line.lstrip(" \t")
    line = _INLINE_SPECIAL.sub(r"\\\1", line)
    line = _BLOCK_MARKER.sub(r"\\\1", line)
    return _ORDERED_MARKER.sub(r"\1\\\2", line)


def escape_inline(text: str) -> str:
    """User text on a single line: line breaks become spaces, then :func:`escape_line`."""
    return escape_line(" ".join(text.split()))


def escape_block(text: str) -> list[str]:
    """Multi-line user text as lines of literal CommonMark: single line breaks become hard line
    breaks, blank lines separate paragraphs (runs of blank lines count as one)."""
    lines = [escape_line(line) for line in text.strip("\n").split("\n")]
    out: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(line + "\\" if following else line)
    return out


def _quote(label: str, exact: str) -> list[str]:
    body = escape_block(exact) or [""]
    body[0] = f"**{escape_inline(label)}:** {body[0]}".rstrip()
    return [f"> {line}" if line else ">" for line in body]


def _annotation(text: ParallelText, annotation: Annotation) -> list[str]:
    lines: list[str] = []
    for target in annotation.targets:
        lines += _quote(side_label(text, target.side), target.exact)
        lines.append("")
    if annotation.orphaned:
        lines += ["*Orphaned: the text changed and this quote could not be found again.*", ""]
    if annotation.note.strip():
        lines += escape_block(annotation.note)
        lines.append("")
    meta = []
    if annotation.tags:
        meta.append("Tags: " + " ".join("#" + escape_inline(tag) for tag in annotation.tags))
    meta.append("Colour: " + escape_inline(annotation.colour))
    lines += [" · ".join(meta), ""]
    return lines


def export_markdown(text: ParallelText, annotations: Sequence[Annotation]) -> str:
    """The annotations of ``text`` as a CommonMark document (see the module docstring)."""
    count = len(annotations)
    lines = [
        f"# {escape_inline(text.title or text.left.title or 'Parallel text')}",
        "",
        f"Annotations on *{escape_inline(source_name(text, 'left'))}* "
        f"({escape_inline(side_label(text, 'left'))}) and "
        f"*{escape_inline(source_name(text, 'right'))}* "
        f"({escape_inline(side_label(text, 'right'))}): "
        f"{count} annotation{'' if count == 1 else 's'}.",
        "",
    ]
    for pair, group in by_pair(text, annotations):
        lines += [f"## Pair {pair}" if pair is not None else "## Unplaced annotations", ""]
        for i, annotation in enumerate(group):
            if i:
                lines += ["---", ""]
            lines += _annotation(text, annotation)
    return "\n".join(lines).rstrip("\n") + "\n"
