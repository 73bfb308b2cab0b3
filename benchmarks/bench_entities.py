"""Entity recognition speed: throughput and the cost of what one screen shows.

Prints JSON with medians of several runs (CPU time of this process, so that other load on a
shared machine disturbs the figures less):

* ``lex``: pygments lexing alone (paragraphs/s, chars/s) per language;
* ``recognize``: full uncached recognition (lexing, values, names with the other side as
  evidence) per language;
* ``screen``: one screen of ~10 visible aligned pairs via ``bead_entities`` — cold (empty cache,
  what scrolling to new rows costs) and warm (cached, what a repaint costs), in milliseconds;
* ``check``: ``check_text`` over the whole seed pair, cold cache, in milliseconds.

Corpus: the seed pair repeated, plus the German side of ../shared/alignment-gold/textberg-dev
when present. Run from the project root: ``python benchmarks/bench_entities.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.document import load_pair  # noqa: E402
from reader.core.entities import bead_entities, check_text, clear_cache, recognize  # noqa: E402
from reader.core.entities.lexers import tokens  # noqa: E402

SHARED = ROOT.parent / "shared"


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()  # CPU time: the machine may be shared with other work
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def throughput(
    paragraphs: list[str],
    fn: Callable[[str], object],
    runs: int,
    before: Callable[[], object] | None = None,
) -> dict[str, float]:
    chars = sum(len(p) for p in paragraphs)

    def work() -> None:
        if before is not None:
            before()
        for p in paragraphs:
            fn(p)

    seconds = median_seconds(work, runs)
    return {
        "paragraphs": len(paragraphs),
        "chars": chars,
        "seconds": round(seconds, 4),
        "paragraphs_per_s": round(len(paragraphs) / seconds),
        "chars_per_s": round(chars / seconds),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs

    text = load_pair(
        ROOT / "seeds" / "chongqing-connectivity.de.txt",
        ROOT / "seeds" / "chongqing-connectivity.id.txt",
    )
    repeat = 10
    de = list(text.left.paragraphs) * repeat
    idn = list(text.right.paragraphs) * repeat
    results: dict[str, object] = {
        "runs": runs,
        "corpus": f"lex: seed pair x{repeat}; recognize: seed pair once per run, caches cleared",
    }

    results["lex"] = {
        "de": throughput(de, lambda p: tokens(p, "de"), runs),
        "id": throughput(idn, lambda p: tokens(p, "id"), runs),
    }

    def recognise_all(paras: list[str], others: list[str], lang: str) -> Callable[[], None]:
        def work() -> None:
            clear_cache()  # every run starts cold: no help from the evidence caches
            for p, o in zip(paras, others, strict=True):
                recognize(p, lang, counterpart=o)

        return work

    rec: dict[str, object] = {}
    seed_de, seed_id = list(text.left.paragraphs), list(text.right.paragraphs)
    for lang, paras, others in (("de", seed_de, seed_id), ("id", seed_id, seed_de)):
        seconds = median_seconds(recognise_all(paras, others, lang), runs)
        chars = sum(len(p) for p in paras)
        rec[lang] = {
            "paragraphs": len(paras),
            "chars": chars,
            "seconds": round(seconds, 4),
            "paragraphs_per_s": round(len(paras) / seconds),
            "chars_per_s": round(chars / seconds),
        }
    textberg = SHARED / "alignment-gold" / "textberg-dev" / "dev.de"
    if textberg.is_file():
        lines = [ln for ln in textberg.read_text(encoding="utf-8").splitlines() if ln.strip()]
        rec["de_textberg_sentences"] = throughput(
            lines, lambda p: recognize(p, "de"), runs, before=clear_cache
        )
    results["recognize"] = rec

    screen = list(range(5, 15))  # ten visible pairs

    def cold() -> None:
        clear_cache()
        for n in screen:
            bead_entities(text, n)

    def warm() -> None:
        for n in screen:
            bead_entities(text, n)

    cold_s = median_seconds(cold, runs)
    warm()
    warm_s = median_seconds(warm, runs)
    results["screen"] = {
        "visible_pairs": len(screen),
        "cold_ms": round(cold_s * 1000, 2),
        "warm_ms": round(warm_s * 1000, 3),
    }

    def check() -> None:
        clear_cache()
        check_text(text)

    results["check"] = {
        "beads": len(text.beads),
        "cold_ms": round(median_seconds(check, runs) * 1000, 2),
    }
    json.dump(results, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
