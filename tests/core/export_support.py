"""A parallel text with awkward annotations, shared by the export tests (not a test module).

Copies of the seed pair with non-BMP characters (𝔘 and an emoji) put in front of annotated
spans, and annotations on both sides, a bilingual one, overlapping ones, notes with newlines,
quotes, commas, ``<script>`` and formula-like starts, and one whose paragraph no longer exists.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.core.annotations import Annotation, Target, make_target
from reader.core.document import ParallelText, load_pair

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
STEM = "chongqing-connectivity"

SCRIPT_NOTE = 'First line, with "quotes", commas\nsecond line <script>alert(1)</script> & more'
FORMULA_NOTE = "=1+1 looks like a formula\n\n# not a heading\n- not a list\n    not code"
EMOJI = "🙂"
FRAKTUR = "𝔘"


def make_text(directory: Path) -> ParallelText:
    """The seed pair copied into ``directory`` with 𝔘 and 🙂 added, loaded."""
    left = directory / f"{STEM}.de.txt"
    right = directory / f"{STEM}.id.txt"
    shutil.copy(SEEDS / f"{STEM}.json", directory / f"{STEM}.json")
    de = (SEEDS / left.name).read_text(encoding="utf-8").split("\n\n")
    de[2] = f"{FRAKTUR}{EMOJI} {de[2]}"
    left.write_text("\n\n".join(de), encoding="utf-8")
    ind = (SEEDS / right.name).read_text(encoding="utf-8").split("\n")
    ind[3] = f"{EMOJI}{FRAKTUR} {ind[3]}"
    right.write_text("\n".join(ind), encoding="utf-8")
    text = load_pair(left, right)
    assert text.left.paragraphs[2].startswith(FRAKTUR + EMOJI)
    assert text.right.paragraphs[3].startswith(EMOJI + FRAKTUR)
    return text


def make_annotations(text: ParallelText) -> list[Annotation]:
    """Six annotations on ``text`` (see the module docstring), in no particular order."""
    left, right = text.left, text.right
    p2_right = text.bead_of_paragraph[1][2]
    assert p2_right == 2
    return [
        Annotation(
            id="00000000-0000-4000-8000-000000000003",
            targets=(
                make_target(right, "right", 3, 0, 12),  # starts with 🙂𝔘
            ),
            note=FORMULA_NOTE,
            tags=("𝔘nicode", "=cmd"),
            colour="blue",
            created="2026-01-02T10:00:00Z",
            modified="2026-01-03T11:30:00Z",
        ),
        Annotation(
            id="00000000-0000-4000-8000-000000000001",
            targets=(make_target(left, "left", 0, 3, 30),),
            note=SCRIPT_NOTE,
            tags=("politics", "to check"),
            colour="green",
            created="2026-01-01T09:00:00Z",
        ),
        Annotation(
            id="00000000-0000-4000-8000-000000000002",
            targets=(
                make_target(left, "left", 2, 0, 20),  # starts with 𝔘🙂
                make_target(right, "right", 2, 5, 25),
            ),
            colour="pink",
            created="2026-01-01T12:00:00Z",
        ),
        Annotation(
            id="00000000-0000-4000-8000-000000000004",
            targets=(make_target(left, "left", 0, 20, 45),),  # overlaps the first
            note='He said "yes", then <b>no</b> & [a link](http://example.com)',
            colour="orange",
            created="2026-01-01T09:30:00Z",
        ),
        Annotation(
            id="00000000-0000-4000-8000-000000000005",
            targets=(make_target(right, "right", 10, 4, 9),),
            note="*emphasis* `code` \\ backslash | pipe _under_ 1. list",
            tags=("x",),
            colour="purple",
            created="2026-01-04T08:00:00Z",
        ),
        Annotation(
            id="00000000-0000-4000-8000-000000000006",
            targets=(
                Target(
                    side="left",
                    paragraph=999,
                    start=0,
                    end=4,
                    full_start=100000,
                    full_end=100004,
                    exact="gone",
                    prefix="was ",
                    suffix=" here",
                ),
            ),
            note="orphan",
            colour="red",
            created="2026-01-05T08:00:00Z",
            orphaned=True,
        ),
    ]
