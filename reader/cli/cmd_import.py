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
    imported = load_w3c(args.file, text)  # raises ReaderError (exit 2) before anything is written
    store = AnnotationStore.open(text, args.data_dir)
    for message in store.warnings:
        sys.stderr.write(f"parallel-reader: warning: {message}\n")
    if store.read_only:
        fail("the annotations of this document are read-only; nothing was imported")
    for message in imported.warnings:
        sys.stderr.write(f"parallel-reader: warning: {message}\n")
    fresh = [a for a in imported.annotations if store.get(a.id) != a]
    unchanged = len(imported.annotations) - len(fresh)
    if fresh:
        store.add_many(fresh, "Import annotations")
        result = store.save()
        if not result.ok:
            fail(result.message)
        for message in result.warnings:
            sys.stderr.write(f"parallel-reader: warning: {message}\n")
    if unchanged:
        sys.stderr.write(f"parallel-reader: {unchanged} annotation(s) were already present\n")
    print(f"imported {imported.anchored}, orphaned {imported.orphaned}")
    return 0
