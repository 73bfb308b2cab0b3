"""``parallel-reader align``: align two texts and print the beads as JSON, TSV or TMX."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.cli import add_document_options, fail
from reader.core.document import Bead, ParallelText, load_pair
from reader.core.textio import write_atomic

if TYPE_CHECKING:
    from reader.core.sentences import SentenceBead, SentenceSpan

HELP = "align two texts paragraph by paragraph and print the beads (json, tsv or tmx)"

FORMATS = ("json", "tsv", "tmx")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("left", metavar="LEFT", help="left text file (or a .tmx file alone)")
    parser.add_argument("right", metavar="RIGHT", nargs="?", help="right text file")
    add_document_options(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="json (default): paragraphs and beads; tsv: one bead per line, left TAB right; "
        "tmx: TMX 1.4b, one translation unit per bead",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of stdout"
    )
    parser.add_argument(
        "--sentences",
        action="store_true",
        help='also align the sentences inside each bead: json adds a "sentences" list to '
        "every bead ([paragraph, start, end] code-point spans); tsv and tmx get one row per "
        "sentence bead",
    )


def _side(text: ParallelText, side: str) -> dict[str, object]:
    doc = text.left if side == "left" else text.right
    return {
        "path": str(doc.path) if doc.path is not None else None,
        "lang": doc.lang,
        "paragraphs": list(doc.paragraphs),
    }


def to_json(text: ParallelText) -> str:
    """``{"left": {...}, "right": {...}, "beads": [{"left", "right", "score"}, ...]}``."""
    data = {
        "left": _side(text, "left"),
        "right": _side(text, "right"),
        "beads": [
            {"left": list(b.left), "right": list(b.right), "score": float(b.score)}
            for b in text.beads
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _sentence_beads(text: ParallelText) -> list[list[SentenceBead]]:
    from reader.core.sentences import align_bead_sentences

    return [align_bead_sentences(text.left, text.right, bead) for bead in text.beads]


def _spans(spans: Sequence[SentenceSpan]) -> list[list[int]]:
    return [[s.paragraph, s.start, s.end] for s in spans]


def to_json_with_sentences(text: ParallelText) -> str:
    """:func:`to_json` plus ``"sentences": [{"left", "right", "score"}, ...]`` in every bead."""
    data = json.loads(to_json(text))
    for bead, sentences in zip(data["beads"], _sentence_beads(text), strict=True):
        bead["sentences"] = [
            {"left": _spans(s.left), "right": _spans(s.right), "score": float(s.score)}
            for s in sentences
        ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sentence_text(text: ParallelText) -> ParallelText:
    """A parallel text whose paragraphs are the sentences and whose beads are sentence beads."""
    left: list[str] = []
    right: list[str] = []
    beads: list[Bead] = []
    for sentences in _sentence_beads(text):
        for s in sentences:
            lefts = tuple(range(len(left), len(left) + len(s.left)))
            rights = tuple(range(len(right), len(right) + len(s.right)))
            left += [text.left.paragraphs[x.paragraph][x.start : x.end] for x in s.left]
            right += [text.right.paragraphs[x.paragraph][x.start : x.end] for x in s.right]
            beads.append(Bead(lefts, rights, s.score))
    return ParallelText(
        left=replace(text.left, paragraphs=tuple(left)),
        right=replace(text.right, paragraphs=tuple(right)),
        beads=beads,
        title=text.title,
        warnings=list(text.warnings),
    )


def escape_tsv(text: str) -> str:
    """Backslash, tab, newline and carriage return as ``\\\\``, ``\\t``, ``\\n``, ``\\r``."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _joined(paragraphs: Sequence[str], indices: Sequence[int]) -> str:
    return " ".join(paragraphs[i] for i in indices)


def to_tsv(text: ParallelText) -> str:
    """One bead per line: left text, a tab, right text (a side's paragraphs joined by a space)."""
    lines = []
    for bead in text.beads:
        left = escape_tsv(_joined(text.left.paragraphs, bead.left))
        right = escape_tsv(_joined(text.right.paragraphs, bead.right))
        lines.append(f"{left}\t{right}\n")
    return "".join(lines)


def to_tmx(text: ParallelText, segtype: str = "paragraph") -> str:
    from reader.core.tmx import tmx_text

    return tmx_text(
        text.beads,
        text.left.paragraphs,
        text.right.paragraphs,
        left_lang=text.left.lang,
        right_lang=text.right.lang,
        segtype=segtype,
    )


def _load(args: argparse.Namespace) -> ParallelText:
    if args.right is None:
        if not str(args.left).lower().endswith(".tmx"):
            fail("give two files, LEFT and RIGHT (or a single .tmx file)")
        from reader.core.tmx import load_tmx

        return load_tmx(args.left)
    return load_pair(
        args.left,
        args.right,
        split=args.split,
        left_lang=args.left_lang,
        right_lang=args.right_lang,
    )


def render(text: ParallelText, fmt: str, sentences: bool = False) -> str:
    if sentences and fmt == "json":
        return to_json_with_sentences(text)
    if sentences:
        text = sentence_text(text)
    if fmt == "tsv":
        return to_tsv(text)
    if fmt == "tmx":
        return to_tmx(text, "sentence" if sentences else "paragraph")
    return to_json(text)


def run(args: argparse.Namespace) -> int:
    text = _load(args)
    for warning in text.warnings:
        sys.stderr.write(f"parallel-reader: warning: {warning}\n")
    output = render(text, args.format, args.sentences)
    if args.output:
        write_atomic(args.output, output)
    else:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(output.encode("utf-8"))
            buffer.flush()
        else:
            sys.stdout.write(output)
    return 0
