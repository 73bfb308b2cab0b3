"""``parallel-reader entities FILE --lang de|id [--parallel OTHER --other-lang L] [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reader.core.document import PARAGRAPH_SEPARATOR, load_document
from reader.core.entities import Glossary, entities_for
from reader.core.entities.model import Entity, value_text
from reader.core.split import SPLIT_MODES

HELP = "list the entities (dates, numbers, amounts, names …) of each paragraph of a text"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the text file")
    parser.add_argument(
        "--lang", metavar="L", help="language of FILE, e.g. de or id (default: from the file)"
    )
    parser.add_argument(
        "--parallel",
        metavar="OTHER",
        help="the same text in another language: aligned to FILE and used as evidence for names",
    )
    parser.add_argument("--other-lang", metavar="L", help="language of OTHER (default: detected)")
    parser.add_argument(
        "--split",
        choices=SPLIT_MODES,
        default="auto",
        help="paragraph splitting: auto (default), lines (one per line), blank (blank lines)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a listing")


def run(args: argparse.Namespace) -> int:
    from reader.core.align import align_documents

    doc = load_document(args.file, split=args.split, lang=args.lang)
    counterparts: dict[int, str] = {}
    if args.parallel:
        other = load_document(args.parallel, split=args.split, lang=args.other_lang)
        for bead in align_documents(doc, other):
            text = PARAGRAPH_SEPARATOR.join(other.paragraphs[j] for j in bead.right)
            for i in bead.left:
                counterparts[i] = text
    elif args.other_lang:
        from reader.cli import fail

        fail("--other-lang needs --parallel OTHER")
    glossary = Glossary.load(args.data_dir)
    paragraphs: list[dict[str, Any]] = []
    for index, text in enumerate(doc.paragraphs):
        found = entities_for(text, doc.lang, counterpart=counterparts.get(index), glossary=glossary)
        paragraphs.append({"index": index, "text": text, "entities": [e.to_dict() for e in found]})
    out = sys.stdout
    if args.json:
        json.dump({"lang": doc.lang, "paragraphs": paragraphs}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    total = 0
    for para in paragraphs:
        text = para["text"]
        preview = text if len(text) <= 70 else text[:69] + "…"
        out.write(f"¶{para['index']}  {preview}\n")
        for e in para["entities"]:
            entity = Entity(**e)
            value = value_text(entity)
            shown = "" if value == entity.text else f"  → {value}"
            out.write(f"    {e['start']:>5}–{e['end']:<5} {e['kind']:<13} {e['text']}{shown}\n")
            total += 1
    out.write(f"{total} entities in {len(paragraphs)} paragraphs ({doc.lang})\n")
    return 0
