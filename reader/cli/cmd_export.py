"""``parallel-reader export [LEFT RIGHT] --format md|csv|html|w3c [-o OUT]``.

Writes the annotations of a parallel text (default: the bundled seed pair) to standard output or,
with ``-o``, atomically to a file (an existing file is replaced whole or left untouched). Errors
(unknown format, missing document, unwritable path, no annotations) are one line and exit 2.
"""

from __future__ import annotations

import argparse
import sys

from reader.cli import add_document_options, fail
from reader.core.document import load_pair
from reader.core.export import FORMATS, export, load_annotations_for, write_export
from reader.core.paths import data_dir, seed_pair

HELP = "export a text's annotations as Markdown, CSV, HTML or W3C Web Annotation JSON-LD"


def configure(parser: argparse.ArgumentParser) -> None:
    add_document_options(parser)
    parser.add_argument("left", nargs="?", metavar="LEFT", help="left text file")
    parser.add_argument("right", nargs="?", metavar="RIGHT", help="right text file")
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        choices=list(FORMATS),
        help="md (Markdown), csv (spreadsheet), html (printable page) "
        "or w3c (W3C Web Annotation JSON-LD)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to file OUT, atomically (none or '-': standard output)",
    )
    parser.add_argument(
        "--pair", type=int, metavar="N", help="only the annotations of aligned pair N (1-based)"
    )
    parser.add_argument(
        "--bom", action="store_true", help="CSV only: start with a byte-order mark (for Excel)"
    )


def run(args: argparse.Namespace) -> int:
    if args.left is not None and args.right is None:
        fail("give two files, LEFT and RIGHT (or none for the bundled seed pair)")
    if args.bom and args.format != "csv":
        fail("--bom only applies to --format csv")
    left, right = (args.left, args.right) if args.left is not None else seed_pair()
    text = load_pair(
        left, right, split=args.split, left_lang=args.left_lang, right_lang=args.right_lang
    )
    if args.pair is not None and not 1 <= args.pair <= len(text.beads):
        fail(f"--pair must be between 1 and {len(text.beads)}")
    warnings: list[str] = []
    annotations = load_annotations_for(text, data_dir(args.data_dir), warnings)
    for message in warnings:
        sys.stderr.write(f"parallel-reader: warning: {message}\n")
    if args.output and args.output != "-":
        write_export(args.output, text, annotations, args.format, pair=args.pair, bom=args.bom)
    else:
        payload = export(text, annotations, args.format, pair=args.pair, bom=args.bom)
        sys.stdout.flush()
        sys.stdout.buffer.write(payload.encode("utf-8"))
        sys.stdout.buffer.flush()
    return 0
