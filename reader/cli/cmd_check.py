"""``parallel-reader check LEFT RIGHT [--json]``: numbers and dates that disagree between sides."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reader.cli import add_document_options
from reader.core.document import load_pair
from reader.core.entities import Glossary, check_text

HELP = (
    "compare the numbers, dates, amounts and percentages of each aligned pair of paragraphs; "
    "exit 0 when consistent, 1 with findings"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("left", metavar="LEFT", help="left text file")
    parser.add_argument("right", metavar="RIGHT", help="right text file")
    add_document_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a report")


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return f"{value.get('amount')} {value.get('currency')}"
    return str(value)


def run(args: argparse.Namespace) -> int:
    text = load_pair(
        args.left,
        args.right,
        split=args.split,
        left_lang=args.left_lang,
        right_lang=args.right_lang,
    )
    glossary = Glossary.load(args.data_dir)
    findings = check_text(text, glossary)
    out = sys.stdout
    if args.json:
        payload = {"beads_checked": len(text.beads), "findings": [f.to_dict() for f in findings]}
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for f in findings:
            left = ", ".join(str(i + 1) for i in f.left) or "-"
            right = ", ".join(str(j + 1) for j in f.right) or "-"
            out.write(
                f"pair {f.bead + 1} (left ¶{left}, right ¶{right}): {f.kind} differs\n"
                f"    left:  {', '.join(map(_show, f.left_values)) or '(none)'}\n"
                f"    right: {', '.join(map(_show, f.right_values)) or '(none)'}\n"
            )
        beads_flagged = len({f.bead for f in findings})
        if findings:
            out.write(f"{len(findings)} findings in {beads_flagged} of {len(text.beads)} pairs\n")
        else:
            out.write(f"consistent: {len(text.beads)} pairs checked, no findings\n")
    return 1 if findings else 0
