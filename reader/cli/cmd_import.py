"""``parallel-reader import FILE.json [LEFT RIGHT]``: add W3C Web Annotation JSON to a sidecar."""

from __future__ import annotations

import argparse
import sys

from reader.cli import add_document_options, fail
from reader.core.annostore import AnnotationStore
from reader.core.document import load_pair
from reader.core.paths import seed_pair
from reader.core.w3c_import import load_w3c

HELP = (
    "add W3C Web Annotation JSON (collection, page, annotation or list) to the annotations of "
    "LEFT RIGHT (default: the bundled seed pair); prints 'imported N, orphaned M'"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.json", help="W3C Web Annotation JSON to import")
    parser.add_argument("left", nargs="?", metavar="LEFT", help="left text file")
    parser.add_argument("right", nargs="?", metavar="RIGHT", help="right text file")
    add_document_options(parser)


def run(args: argparse.Namespace) -> int:
    if args.left is not None and args.right is None:
        fail("give two files, LEFT and RIGHT (or none for the bundled seed pair)")
    left, right = (args.left, args.right) if args.left is not None else seed_pair()
    text = load_pair(
        left, right, split=args.split, left_lang=args.left_lang, right_lang=args.right_lang
    )
    load_w3c(args.file, text)  # invalid input: ReaderError (exit 2) before anything is opened
    store = AnnotationStore.open(text, args.data_dir)
    for message in store.warnings:
        _warn(message)
    if store.read_only:
        fail("the annotations of this document are read-only; nothing was imported")
    imported = store.import_w3c(args.file)
    for message in imported.warnings:
        _warn(message)
    if store.dirty:
        result = store.save()
        if not result.ok:
            fail(result.message)
        for message in result.warnings:
            _warn(message)
    if imported.unchanged:
        _warn(f"{imported.unchanged} annotation(s) were already present")
    print(f"imported {imported.anchored}, orphaned {imported.orphaned}")
    return 0


def _warn(message: str) -> None:
    sys.stderr.write(f"parallel-reader: warning: {message}\n")
