"""Alignment benchmark: accuracy on the Text+Berg de-fr dev set and speed on a synthetic book.

Prints one JSON object. Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_align.py [--runs 3] [--sizes 1000,10000,50000]

Accuracy (``accuracy``): ``../shared/alignment-gold/textberg-dev`` (``dev.de``, ``dev.fr`` one
sentence per line, ``dev.defr`` gold beads ``[de ids]:[fr ids]``). Every line is treated as a
paragraph and aligned. Scores follow Sennrich & Volk (2011) as implemented by Bleualign's
evaluation and Vecalign's ``score.py``:

* precision is computed over every bead the aligner outputs, null beads (1-0/0-1) included: a
  bead is a strict true positive when the gold has the identical bead, a lax true positive when
  it shares at least one left *and* one right sentence with one gold bead (a null bead can only
  be a strict match);
* recall is computed over the gold beads that have both sides (null beads excluded), with the
  same strict/lax test against the output beads that have both sides;
* F1 is the harmonic mean of each pair.

The same figures are printed for plain Gale-Church (the ``galechurch`` package, its default
parameters) and, for reference, with precision computed over non-null beads only
(``links_only``). The section is skipped when ``../shared`` is absent.

Speed (``speed``): a synthetic book (random words, names and numbers; the right side re-spelled
with a different length ratio and about 3 % merges, splits, deletions and insertions) of
1,000 / 10,000 / 50,000 paragraphs a side, median wall time of ``--runs`` runs, against
galechurch at 1,000 and 10,000 paragraphs (10,000 only with ``--galechurch-10k``; it is capped
by its own cell limit, raised here). ``anchors`` is the number of anchor pairs the aligner fixed.
Every timed run starts with an empty token cache (:data:`reader.core.anchors._token_caches`), as
the app's aligner process does: a warm cache would flatter every run after the first.
``peak_mb`` is the peak of memory allocated by Python during one more, untimed run (tracemalloc).

The repetitive book (``repetitive_book``, ``--repetitive-sizes``) is the seed pair's 20 paragraph
pairs repeated with varied numbers (:func:`benchmarks._book.book_paragraphs`): few distinct
anchors, the hard case for the anchor chain. Its truth is the identity, scored the same way.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._book import book_paragraphs  # noqa: E402
from reader.core import anchors as _anchors  # noqa: E402
from reader.core.align import align_paragraphs  # noqa: E402

GOLD = REPO.parent / "shared" / "alignment-gold" / "textberg-dev"

Link = tuple[tuple[int, ...], tuple[int, ...]]


def read_gold(path: Path) -> list[Link]:
    links: list[Link] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        src, tgt = line.split(":")
        links.append((_ids(src), _ids(tgt)))
    return links


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text))


def _counts(gold: Sequence[Link], test: Sequence[Link]) -> tuple[int, int, int, int]:
    """(strict tp, strict fp, lax tp, lax fp) of ``test`` against ``gold``."""
    gold_set = {(s, t) for s, t in gold if s or t}
    src_to_tgt: dict[int, set[int]] = defaultdict(set)
    for s, t in gold_set:
        for i in s:
            src_to_tgt[i].update(t)
    tps = fps = tpl = fpl = 0
    for s, t in {(s, t) for s, t in test if s or t}:
        if (s, t) in gold_set:
            tps += 1
            tpl += 1
            continue
        fps += 1
        targets: set[int] = set()
        for i in s:
            targets |= src_to_tgt[i]
        if targets.intersection(t):
            tpl += 1
        else:
            fpl += 1
    return tps, fps, tpl, fpl


def _ratio(a: int, b: int) -> float:
    return a / (a + b) if a + b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[Link], test: Sequence[Link], *, links_only: bool = False) -> dict:
    """Strict and lax precision, recall and F1 (see the module docstring)."""
    precision_test = [(s, t) for s, t in test if s and t] if links_only else list(test)
    tps, fps, tpl, fpl = _counts(gold, precision_test)
    gold_links = [(s, t) for s, t in gold if s and t]
    test_links = [(s, t) for s, t in test if s and t]
    rtps, rfns, rtpl, rfnl = _counts(test_links, gold_links)
    p_strict, p_lax = _ratio(tps, fps), _ratio(tpl, fpl)
    r_strict, r_lax = _ratio(rtps, rfns), _ratio(rtpl, rfnl)
    return {
        "precision_strict": round(p_strict, 4),
        "recall_strict": round(r_strict, 4),
        "f1_strict": round(_f1(p_strict, r_strict), 4),
        "precision_lax": round(p_lax, 4),
        "recall_lax": round(r_lax, 4),
        "f1_lax": round(_f1(p_lax, r_lax), 4),
    }


def _galechurch_links(left: Sequence[str], right: Sequence[str]) -> list[Link] | None:
    try:
        import galechurch
    except ImportError:
        return None
    cells = (len(left) + 1) * (len(right) + 1)
    result = galechurch.align(list(left), list(right), max_block_size=max(cells + 1, 50_000_000))
    return [
        (tuple(range(b.source_start, b.source_end)), tuple(range(b.target_start, b.target_end)))
        for b in result.beads
    ]


def _ours_links(left: Sequence[str], right: Sequence[str], ll: str, rl: str) -> list[Link]:
    beads = align_paragraphs(left, right, left_lang=ll, right_lang=rl).beads
    return [(b.left, b.right) for b in beads]


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n")[:-1]]


def accuracy() -> dict:
    if not GOLD.is_dir():
        return {"skipped": f"{GOLD} is not present"}
    left = _lines(GOLD / "dev.de")
    right = _lines(GOLD / "dev.fr")
    gold = read_gold(GOLD / "dev.defr")
    ours = _ours_links(left, right, "de", "fr")
    out: dict = {
        "data": "textberg-dev de-fr",
        "metric": "Sennrich & Volk (2011) as in Bleualign's eval / Vecalign's score.py: "
        "precision over every output bead (null beads included, strict match only), recall "
        "over gold beads with both sides; lax = shares a left and a right sentence with a "
        "gold bead; *_links_only: precision over output beads with both sides",
        "sentences": [len(left), len(right)],
        "gold_beads": len(gold),
        "parallel_reader": score(gold, ours),
        "parallel_reader_links_only": score(gold, ours, links_only=True),
        "parallel_reader_beads": len(ours),
    }
    gc = _galechurch_links(left, right)
    if gc is None:
        out["galechurch"] = "not installed"
    else:
        out["galechurch"] = score(gold, gc)
        out["galechurch_links_only"] = score(gold, gc, links_only=True)
    return out


# -- speed ------------------------------------------------------------------------------------

_LEFT_SYLLABLES = "ka lo mi ne ru ta si po de an er in ul os ba che ga hu ri vo".split()
_RIGHT_SYLLABLES = "zu xe qo wy fa ja ke ny pe ig om ux ev sa bu ti da go le mu".split()
_NAMES = [
    "Chongqing",
    "Singapur",
    "Qingling",
    "Dyhrenfurth",
    "Everest",
    "Lhotse",
    "Makalu",
    "Kangchenjunga",
    "Annapurna",
    "Dhaulagiri",
]


def synthetic_book(size: int, seed: int = 7) -> tuple[list[str], list[str], list[Link]]:
    """Two sides of about ``size`` paragraphs and their true beads.

    The right side is a word-by-word "translation" into other syllables (so lengths change
    unevenly), keeping names and numbers; about 3 % of the paragraphs are deleted, inserted,
    merged or split.
    """
    rng = random.Random(seed)

    def word(syllables: list[str], most: int) -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(1, most)))

    vocab = [word(_LEFT_SYLLABLES, 4) for _ in range(3000)]
    translation = {w: word(_RIGHT_SYLLABLES, 5) for w in vocab}
    left: list[str] = []
    right: list[str] = []
    gold: list[Link] = []

    def add(lt: list[str], rt: list[str]) -> None:
        gold.append(
            (
                tuple(range(len(left), len(left) + len(lt))),
                tuple(range(len(right), len(right) + len(rt))),
            )
        )
        left.extend(lt)
        right.extend(rt)

    n = 0
    while len(left) < size:
        n += 1
        words = [rng.choice(vocab) for _ in range(rng.randint(8, 80))]
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words)), rng.choice(_NAMES) + str(rng.randint(1, 99)))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), str(rng.randint(10, 999999)))
        text = " ".join(words).capitalize() + "."
        other = " ".join(translation.get(w, w) for w in words).capitalize() + "."
        roll = rng.random()
        if roll < 0.01:
            add([text], [])
        elif roll < 0.015:
            add([], [f"Note {n}."])
        elif roll < 0.022:
            cut = len(words) // 2
            add(
                [" ".join(words[:cut]) + ".", " ".join(words[cut:]) + "."],
                [other],
            )
        elif roll < 0.03:
            cut = len(other) // 2
            cut = other.index(" ", cut) if " " in other[cut:] else cut
            add([text], [other[:cut] + ".", other[cut + 1 :]])
        else:
            add([text], [other])
    return left, right, gold


def _cold() -> None:
    """Empty the aligner's per-process caches, as in a fresh aligner process."""
    _anchors._token_caches.clear()
    _anchors.word_key.cache_clear()
    _anchors.fold.cache_clear()


def _median_time(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(runs):
        _cold()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _peak_mb(fn: Callable[[], object]) -> float:
    """Peak memory allocated by Python while ``fn`` runs, in MB (cold token cache)."""
    _cold()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 1e6, 1)


def _speed_row(
    left: Sequence[str],
    right: Sequence[str],
    gold: Sequence[Link],
    runs: int,
    langs: tuple[str, str] = ("und", "und"),
) -> dict:
    def run() -> object:
        return align_paragraphs(left, right, left_lang=langs[0], right_lang=langs[1])

    seconds, result = _median_time(run, runs)
    beads = result.beads  # type: ignore[attr-defined]
    return {
        "paragraphs": [len(left), len(right)],
        "seconds": round(seconds, 3),
        "anchors": result.anchors,  # type: ignore[attr-defined]
        "f1_strict": score(gold, [(b.left, b.right) for b in beads])["f1_strict"],
        "peak_mb": _peak_mb(run),
    }


def speed(
    sizes: Sequence[int], runs: int, galechurch_10k: bool, repetitive_sizes: Sequence[int] = ()
) -> dict:
    table = []
    for size in sizes:
        left, right, gold = synthetic_book(size)
        row = _speed_row(left, right, gold, runs)
        if size <= 1000 or (galechurch_10k and size <= 10000):
            gc_runs = runs if size <= 1000 else 1
            gc_seconds, gc = _median_time(partial(_galechurch_links, left, right), gc_runs)
            if gc is not None:
                row["galechurch_seconds"] = round(gc_seconds, 3)
        table.append(row)
    repetitive = []
    for size in repetitive_sizes:
        left, right = book_paragraphs(size)
        identity = [((i,), (i,)) for i in range(size)]
        repetitive.append(_speed_row(left, right, identity, runs, ("de", "id")))
    return {"synthetic_book": table, "repetitive_book": repetitive}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repetitive-sizes", default="1000,10000,50000")
    parser.add_argument("--galechurch-10k", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    out: dict = {"accuracy": accuracy()}
    if not args.skip_speed:
        sizes = [int(s) for s in args.sizes.split(",") if s]
        repetitive = [int(s) for s in args.repetitive_sizes.split(",") if s]
        out["speed"] = speed(sizes, args.runs, args.galechurch_10k, repetitive)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
