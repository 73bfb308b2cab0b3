"""Time each export format on the seed pair with many annotations; prints JSON figures.

Usage: ``PYTHONPATH=. python benchmarks/export.py [N_ANNOTATIONS] [RUNS]`` (default 2000, 5).
Each figure is the median wall time in seconds of RUNS exports, with the output size in bytes.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time

from reader.core.annotations import Annotation, make_target
from reader.core.document import load_pair
from reader.core.export import FORMATS, export
from reader.core.paths import seed_pair


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    text = load_pair(*seed_pair())
    rng = random.Random(1)
    annotations = []
    for i in range(count):
        side = rng.choice(["left", "right"])
        doc = text.left if side == "left" else text.right
        paragraph = rng.randrange(len(doc.paragraphs))
        length = len(doc.paragraphs[paragraph])
        start = rng.randrange(length - 1)
        end = rng.randrange(start + 1, min(length, start + 200) + 1)
        annotations.append(
            Annotation(
                targets=(make_target(doc, side, paragraph, start, end),),
                note=f"note {i}\nwith a second line" if i % 2 else "",
                tags=("a", "b") if i % 3 else (),
            )
        )
    figures: dict[str, object] = {"annotations": count, "runs": runs}
    for key in FORMATS:
        times = []
        size = 0
        for _ in range(runs):
            t0 = time.perf_counter()
            size = len(export(text, annotations, key).encode("utf-8"))
            times.append(time.perf_counter() - t0)
        figures[key] = {"median_s": round(statistics.median(times), 4), "bytes": size}
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
