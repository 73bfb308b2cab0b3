"""CSV export: one row per annotation, for spreadsheets and scripts.

The file is UTF-8 (optionally with a byte-order mark, which Excel needs to recognise UTF-8), rows
end with CRLF (RFC 4180), every field is quoted when it contains a comma, a quote or a line break,
and line breaks inside notes and quotes are kept. The header row is always these columns, in this
order (:data:`COLUMNS`):

``id``
    the annotation's UUID.
``pair``
    1-based number of the aligned pair holding the (left) quote; empty when its paragraph no
    longer exists.
``sides``
    ``left``, ``right`` or ``left+right`` (a bilingual annotation).
``left_lang`` / ``right_lang``
    language codes of the two sides (the same on every row).
``left_quote`` / ``right_quote``
    the highlighted text of each side; empty for a side that is not annotated.
``note``
    the note, line breaks included.
``tags``
    the tags separated by ``"; "`` (a tag that itself contains ``"; "`` cannot be told apart;
    use the W3C export for an exact round trip).
``colour``
    the colour name (``yellow``, ``green`` …).
``created`` / ``modified``
    ISO 8601 UTC time stamps.
``left_start`` / ``left_end`` / ``right_start`` / ``right_end``
    code-point offsets of each quote in its side's full text (paragraphs joined by a blank
    line); empty for a side that is not annotated.
``orphaned``
    ``yes`` when the quote could not be found again after the text changed, else ``no``.

Formula injection: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return as a formula. Such a cell gets a leading apostrophe, and so does a cell that
already starts with an apostrophe, so the rule is reversible: :func:`unguard` (drop one leading
apostrophe) gives back the original text of every cell exactly. Only user text (quotes, note,
tags, and an id or colour edited by hand) can start that way; numbers and dates never do.
Spreadsheets show the apostrophe; pass ``guard_formulas=False`` to write the text unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from reader.core.annotations import Annotation
from reader.core.document import ParallelText
from reader.core.export.common import ordered, pair_number

COLUMNS: tuple[str, ...] = (
    "id",
    "pair",
    "sides",
    "left_lang",
    "right_lang",
    "left_quote",
    "right_quote",
    "note",
    "tags",
    "colour",
    "created",
    "modified",
    "left_start",
    "left_end",
    "right_start",
    "right_end",
    "orphaned",
)
TAG_SEPARATOR = "; "
BOM = "\ufeff"

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def guard(value: str) -> str:
    """``value`` with a leading apostrophe when a spreadsheet could read it as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def unguard(value: str) -> str:
    """The inverse of :func:`guard`."""
    return value[1:] if value.startswith("'") else value


def row(text: ParallelText, annotation: Annotation, *, guard_formulas: bool = True) -> list[str]:
    """The CSV fields of one annotation, in :data:`COLUMNS` order."""
    pair = pair_number(text, annotation)
    left, right = annotation.target("left"), annotation.target("right")
    values: dict[str, str] = {
        "id": annotation.id,
        "pair": "" if pair is None else str(pair),
        "sides": "+".join(t.side for t in (left, right) if t is not None),
        "left_lang": text.left.lang,
        "right_lang": text.right.lang,
        "left_quote": left.exact if left else "",
        "right_quote": right.exact if right else "",
        "note": annotation.note,
        "tags": TAG_SEPARATOR.join(annotation.tags),
        "colour": annotation.colour,
        "created": annotation.created,
        "modified": annotation.modified,
        "left_start": str(left.full_start) if left else "",
        "left_end": str(left.full_end) if left else "",
        "right_start": str(right.full_start) if right else "",
        "right_end": str(right.full_end) if right else "",
        "orphaned": "yes" if annotation.orphaned else "no",
    }
    if guard_formulas:
        return [guard(values[column]) for column in COLUMNS]
    return [values[column] for column in COLUMNS]


def export_csv(
    text: ParallelText,
    annotations: Sequence[Annotation],
    *,
    bom: bool = False,
    guard_formulas: bool = True,
) -> str:
    """The annotations as CSV text (see the module docstring); ``bom`` prefixes U+FEFF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for annotation in ordered(text, annotations):
        writer.writerow(row(text, annotation, guard_formulas=guard_formulas))
    return (BOM if bom else "") + buffer.getvalue()
