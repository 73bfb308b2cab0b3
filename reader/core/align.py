"""Aligning the paragraphs of two documents into beads.

The aligner is a dynamic programme over beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3, 2-3, 3-2,
4-1 and 1-4. A bead's cost is

* the Gale-Church (1993) length cost: ``-log P(delta)``, ``delta`` the difference between the
  right side's length and the left side's length times ``c``, in standard deviations ``s2`` per
  character; ``c`` and ``s2`` are estimated from the two texts themselves (the distribution of
  ``delta`` is a normal with heavier tails, see :func:`_length_cost`);
* minus a lexical bonus: the lexical anchors (:mod:`reader.core.anchors`) the two sides share,
  each weighted by its kind and by how rare it is in the texts;
* plus a structure cost: sentence counts that differ, a heading merged with another paragraph,
  a heading paired with a body paragraph;
* plus the bead type's prior cost ``-log P(type)``.

``c`` and ``s2`` come from a first pass (``c`` starts as the ratio of the texts' lengths; a long
text's first pass looks at its first ~1,000 paragraphs only).

Linear time in practice: paragraphs sharing a rare anchor (a key found in exactly one paragraph
on each side) are paired, the longest chain of such pairs that is monotone in both texts is kept
(longest increasing subsequence). A long gap in that chain (a text that repeats itself has few
keys unique in the whole text) is searched again for keys unique within a window near the gap's
diagonal. Between two anchors that enclose as many paragraphs on each side, all with plausible
lengths, the paragraphs pair 1-1 without a search (coarse to fine); the dynamic programme runs on
the rest, visiting only cells near the chain: a rectangle between consecutive anchors (a
diagonal corridor when that rectangle is large). Memory is linear in the number of visited cells.

Each bead gets a confidence in [0, 1]: :attr:`reader.core.document.Bead.score`.
"""

from __future__ import annotations

import gc
import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
from operator import mul

from reader.core.anchors import KIND_WEIGHTS, key_counts
from reader.core.document import Bead, Document, is_heading, make_bead

__all__ = [
    "BEAD_TYPES",
    "Alignment",
    "align_documents",
    "align_paragraphs",
    "check_beads",
]

#: Bead shapes the dynamic programme considers: (left paragraphs, right paragraphs).
BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (2, 3),
    (3, 2),
    (4, 1),
    (1, 4),
)

# Gale & Church (1993), table 5, with the larger beads added and more room for insertions and
# deletions (real texts drop notes and add headings more often than their parliamentary corpus).
_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.04,
    (0, 1): 0.04,
    (2, 1): 0.0445,
    (1, 2): 0.0445,
    (2, 2): 0.011,
    (3, 1): 0.004,
    (1, 3): 0.004,
    (2, 3): 0.002,
    (3, 2): 0.002,
    (4, 1): 0.002,
    (1, 4): 0.002,
}
_SENTENCE_COST = 0.75  # per sentence more on one side of a bead than on the other
_HEADING_MERGE_COST = 3.0  # a heading in a bead of several paragraphs on its side
_HEADING_MISMATCH_COST = 1.5  # headings on one side only
# Length differences have heavier tails than a normal distribution: a share of the beads is
# modelled with a standard deviation three times as large.
_WIDE_SHARE = 0.3
_WIDE_FACTOR = 3.0
_DEFAULT_S2 = 6.8
_KEY_TEXT_LIMIT = 200_000  # keys come from the first 200k characters of a paragraph
_MAX_DF_SHARE = 0.5  # keys in more than this share of paragraphs carry no information
_RARITY_CAP = 3.0
_LEX_SCALE = 1.0
_MARGIN = 0  # cells around an anchor's box that stay open
_BEAD_SPAN = 4  # most paragraphs on one side of a bead
_SAMPLE = 1000  # paragraphs a side that the first pass of a long text looks at
_FAST_GAP = 32  # longest run between two anchors that may pair 1-1 without a search
_FAST_COST = 2.0  # ... when no pair in it has a length cost above this
_RECT_BUDGET = 49  # larger gaps between anchors get a diagonal corridor
_LOCAL_GAP = 32  # longer gaps between anchors are searched for keys unique near the diagonal
_WINDOW = 64  # ... in windows of this many left paragraphs
_WINDOW_REACH = 32  # ... a key unique within this many paragraphs more on either side
_BAND = 150  # widest corridor (cells either side of the line between two anchors)
_INF = float("inf")
_SQRT2 = math.sqrt(2.0)
_LOG_SQRT_PI_2 = 0.5 * math.log(math.pi / 2.0)


@dataclass
class Alignment:
    """Beads covering both sides in order, warnings for the user and the estimated parameters."""

    beads: list[Bead]
    warnings: list[str] = field(default_factory=list)
    ratio: float = 1.0
    variance: float = _DEFAULT_S2
    anchors: int = 0


def _length_cost(z: float) -> float:
    """``-log P(|delta| >= |z|)`` under a mixture of two centred normal distributions.

    Gale and Church use a single normal; a mixture with a wider component keeps one badly
    matching pair of lengths from outweighing every other piece of evidence.
    """
    z = abs(z)
    wide = z / _WIDE_FACTOR
    if wide < 25.0:
        tail = (1.0 - _WIDE_SHARE) * math.erfc(z / _SQRT2) + _WIDE_SHARE * math.erfc(wide / _SQRT2)
        if tail > 0.0:
            return -math.log(tail)
    # asymptotic expansion of erfc for large arguments
    return 0.5 * wide * wide + math.log(wide) + _LOG_SQRT_PI_2 - math.log(_WIDE_SHARE)


_TABLE_STEP = 100  # length costs are looked up at |z| in steps of 1/100
_TABLE_SIZE = 30 * _TABLE_STEP
_LENGTH_TABLE = [_length_cost(k / _TABLE_STEP) for k in range(_TABLE_SIZE)]


def _fast_length_cost(z: float) -> float:
    """:func:`_length_cost` from a table (to 1/100 of a standard deviation)."""
    k = int(abs(z) * _TABLE_STEP + 0.5)
    return _LENGTH_TABLE[k] if k < _TABLE_SIZE else _length_cost(z)


class _Features:
    """Per-paragraph lengths, anchor keys and their weights for both sides."""

    def __init__(
        self, left: Sequence[str], right: Sequence[str], left_lang: str, right_lang: str
    ) -> None:
        self.n = len(left)
        self.m = len(right)
        self.left_prefix = _prefix([len(t) for t in left])
        self.right_prefix = _prefix([len(t) for t in right])
        # sentence counts and headings: computed when the dynamic programme first needs them
        self.left_texts = left
        self.right_texts = right
        self.left_shape: list[tuple[int, bool] | None] = [None] * self.n
        self.right_shape: list[tuple[int, bool] | None] = [None] * self.m
        raw_left, raw_right = key_counts(
            [t[:_KEY_TEXT_LIMIT] for t in left],
            [t[:_KEY_TEXT_LIMIT] for t in right],
            left_lang,
            right_lang,
        )
        df_left = Counter(chain.from_iterable(raw_left))
        df_right = Counter(chain.from_iterable(raw_right))
        size = max(20.0, (self.n + self.m) / 2.0)
        self.weights: dict[str, float] = {}
        self.hapax: set[str] = set()
        for key, dl in df_left.items():
            dr = df_right.get(key)
            if not dr:
                continue
            df = max(dl, dr)
            if df > max(2.0, _MAX_DF_SHARE * size):
                continue
            rarity = min(_RARITY_CAP, math.log(size / df))
            if rarity <= 0.05:
                continue
            self.weights[key] = _LEX_SCALE * KIND_WEIGHTS[key[0]] * rarity
            if dl == 1 and dr == 1 and key[0] in "#wAU":
                self.hapax.add(key)
        weights = self.weights
        self.left_keys, left_totals = _informative(raw_left, weights)
        self.right_keys, right_totals = _informative(raw_right, weights)
        # total informative weight of each paragraph: bounds the bonus of any bead from above
        self.left_weight = _prefix_f(left_totals)
        self.right_weight = _prefix_f(right_totals)
        # where the hapax keys are: the left paragraph of each, the right ones in text order
        hapax = self.hapax
        self.hapax_left: dict[str, int] = {}
        self.hapax_right: list[tuple[int, str]] = []
        if hapax:
            for i, keys in enumerate(self.left_keys):
                for key in keys:
                    if key in hapax:
                        self.hapax_left[key] = i
            for j, keys in enumerate(self.right_keys):
                for key in keys:
                    if key in hapax:
                        self.hapax_right.append((j, key))
        self.hapax_right_at = [j for j, _ in self.hapax_right]

    def structure(self, x0: int, x1: int, y0: int, y1: int) -> float:
        """Cost of a bead's shape: sentence counts that differ, headings merged or mismatched."""
        sl = hl = sr = hr = 0
        for i in range(x0, x1):
            shape = self.left_shape[i]
            if shape is None:
                text = self.left_texts[i]
                shape = self.left_shape[i] = (_sentence_marks(text), is_heading(text))
            sl += shape[0]
            hl += shape[1]
        for j in range(y0, y1):
            shape = self.right_shape[j]
            if shape is None:
                text = self.right_texts[j]
                shape = self.right_shape[j] = (_sentence_marks(text), is_heading(text))
            sr += shape[0]
            hr += shape[1]
        cost = _SENTENCE_COST * abs(sl - sr) if sl != sr else 0.0
        if (hl and x1 - x0 > 1) or (hr and y1 - y0 > 1):
            cost += _HEADING_MERGE_COST  # translations keep headings on lines of their own
        elif (hl == x1 - x0) != (hr == y1 - y0):
            cost += _HEADING_MISMATCH_COST  # a heading pairs with a heading
        return cost

    def shape_sums(self, left: bool, start: int, stop: int) -> tuple[list[int], list[int]]:
        """Prefix sums of the sentence counts and of the headings of paragraphs start..stop-1."""
        shapes = self.left_shape if left else self.right_shape
        texts = self.left_texts if left else self.right_texts
        sentences = [0]
        headings = [0]
        s = h = 0
        for i in range(start, stop):
            shape = shapes[i]
            if shape is None:
                text = texts[i]
                shape = shapes[i] = (_sentence_marks(text), is_heading(text))
            s += shape[0]
            h += shape[1]
            sentences.append(s)
            headings.append(h)
        return sentences, headings

    def lexical(self, x0: int, x1: int, y0: int, y1: int) -> float:
        """Weighted count of the keys that left[x0:x1] and right[y0:y1] share (as multisets)."""
        a = self.left_keys[x0] if x1 - x0 == 1 else _merge(self.left_keys[x0:x1])
        if not a:
            return 0.0
        b = self.right_keys[y0] if y1 - y0 == 1 else _merge(self.right_keys[y0:y1])
        if not b:
            return 0.0
        if len(b) < len(a):
            a, b = b, a
        weights = self.weights
        total = 0.0
        for key, count in a.items():
            other = b.get(key)
            if other:
                total += weights[key] * (count if count < other else other)
        return total


_SENTENCE_MARK = re.compile(r"(?<![\d\s])[.!?…]+[\"'”’»)\]]*\s+[\"'„“«(]*([^\W\d_])")


_CLOSING = "\"'”’»)]"


def _sentence_marks(text: str) -> int:
    """About the number of sentences: final punctuation (not after a digit, as in ``15.``)
    before a capitalised word, plus one for punctuation at the end."""
    stripped = text.rstrip()
    end = stripped[-1:]
    last = 1 if end and end in ".!?…" else 0
    # a mark inside needs punctuation before a letter: none left once the end is cut off
    body = stripped.rstrip(_CLOSING).rstrip(".!?…")
    if "." not in body and "!" not in body and "?" not in body and "…" not in body:
        return last
    marks = sum(1 for first in _SENTENCE_MARK.findall(text, 0, _KEY_TEXT_LIMIT) if first.isupper())
    return marks + last


def _prefix(values: Iterable[int]) -> list[int]:
    sums = [0]
    for v in values:
        sums.append(sums[-1] + v)
    return sums


def _prefix_f(values: Iterable[float]) -> list[float]:
    sums = [0.0]
    for v in values:
        sums.append(sums[-1] + v)
    return sums


def _informative(
    side: Sequence[dict[str, int]], weights: dict[str, float]
) -> tuple[list[dict[str, int]], list[float]]:
    """Each paragraph's keys that carry weight, and the paragraph's total weight."""
    kept: list[dict[str, int]] = []
    totals: list[float] = []
    known = weights.keys()
    weight_of = weights.__getitem__
    for keys in side:
        if not keys:
            kept.append({})
            totals.append(0.0)
            continue
        # most paragraphs keep every key: then the dictionary itself is kept (C-level check)
        mine = keys if keys.keys() <= known else {k: c for k, c in keys.items() if k in weights}
        kept.append(mine)
        totals.append(sum(map(mul, map(weight_of, mine), mine.values())) if mine else 0.0)
    return kept, totals


def _merge(dicts: Sequence[dict[str, int]]) -> dict[str, int]:
    merged: dict[str, int] = {}
    for d in dicts:
        for key, count in d.items():
            merged[key] = merged.get(key, 0) + count
    return merged


@dataclass
class _Params:
    ratio: float
    variance: float
    priors: dict[tuple[int, int], float]  # -log P(type)


def _prior_costs(probabilities: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    total = sum(probabilities.values())
    return {t: -math.log(p / total) for t, p in probabilities.items()}


class _Progress:
    """Reports the share of work done to a callback (which may raise to cancel)."""

    def __init__(self, callback: Callable[[float], None], rows: int) -> None:
        self.callback = callback
        self.total = max(1, rows)
        self.start = 0.0
        self.span = 1.0

    def phase(self, start: float, span: float) -> None:
        self.start, self.span = start, span
        self.callback(start)

    def rows(self, done: int) -> None:
        self.callback(self.start + self.span * min(1.0, done / self.total))


class _Aligner:
    def __init__(
        self, features: _Features, params: _Params, progress: _Progress | None = None
    ) -> None:
        self.f = features
        self.p = params
        self.pairs: dict[tuple[int, int], float] = {}
        self.progress = progress
        # the moves of the dynamic programme, cheapest prior first (tightens pruning early)
        self.moves = [
            (di, dj, params.priors[(di, dj)], BEAD_TYPES.index((di, dj)))
            for di, dj in sorted(BEAD_TYPES, key=lambda t: params.priors[t])
        ]

    def length_cost(self, ll: int, lr: int) -> float:
        p = self.p
        mean = (ll + lr / p.ratio) / 2.0
        if mean <= 0:
            return 0.0
        return _fast_length_cost((lr - p.ratio * ll) / math.sqrt(p.variance * mean))

    def lengths_fit(self, i: int, j: int, count: int, limit: float) -> bool:
        """Whether the pairs (i + t, j + t), t < count, all have a length cost <= limit."""
        lp, rp = self.f.left_prefix, self.f.right_prefix
        ratio, variance = self.p.ratio, self.p.variance
        table, size, sqrt = _LENGTH_TABLE, _TABLE_SIZE, math.sqrt
        for t in range(count):
            ll = lp[i + t + 1] - lp[i + t]
            lr = rp[j + t + 1] - rp[j + t]
            mean = (ll + lr / ratio) / 2.0
            if mean <= 0:
                continue
            z = (lr - ratio * ll) / sqrt(variance * mean)
            k = int(abs(z) * _TABLE_STEP + 0.5)
            if (table[k] if k < size else _length_cost(z)) > limit:
                return False
        return True

    def bead_cost(self, x0: int, x1: int, y0: int, y1: int) -> float:
        f = self.f
        cost = self.p.priors[(x1 - x0, y1 - y0)]
        if x1 == x0 or y1 == y0:
            return cost
        ll = f.left_prefix[x1] - f.left_prefix[x0]
        lr = f.right_prefix[y1] - f.right_prefix[y0]
        cost += self.length_cost(ll, lr) - f.lexical(x0, x1, y0, y1)
        return cost + f.structure(x0, x1, y0, y1)

    def confidence(self, x0: int, x1: int, y0: int, y1: int) -> float:
        """Heuristic confidence in [0, 1]: length agreement and shared anchors."""
        if x1 == x0 or y1 == y0:
            return 0.4
        f = self.f
        ll = f.left_prefix[x1] - f.left_prefix[x0]
        lr = f.right_prefix[y1] - f.right_prefix[y0]
        p_len = math.exp(-self.length_cost(ll, lr))
        bonus = f.lexical(x0, x1, y0, y1)
        conf = 1.0 - (1.0 - 0.9 * p_len) * math.exp(-bonus)
        size = x1 - x0 + y1 - y0
        shape = 1.0 if size == 2 else 0.95 if size == 3 else 0.85
        return round(max(0.0, min(1.0, conf * shape)), 4)

    def beads(self, items: Iterable[tuple[int, int, int, int] | Bead]) -> list[Bead]:
        """The beads of an alignment, each with its :meth:`confidence` (pins kept as they are)."""
        confidence = self.confidence
        out: list[Bead] = []
        for item in items:
            if isinstance(item, Bead):
                out.append(item)
                continue
            x0, x1, y0, y1 = item
            out.append(
                make_bead(
                    (x0,) if x1 - x0 == 1 else tuple(range(x0, x1)),
                    (y0,) if y1 - y0 == 1 else tuple(range(y0, y1)),
                    confidence(x0, x1, y0, y1),
                )
            )
        return out

    # -- anchors and band ------------------------------------------------------------------

    def anchors(self, x0: int, x1: int, y0: int, y1: int) -> list[tuple[int, int]]:
        """Monotone chain of (left, right) paragraph pairs that share rare keys.

        Rare: found in one paragraph of each whole text; then, in a long gap of that chain, in
        one paragraph of each side near the gap's diagonal (:meth:`local_anchors`).
        """
        f = self.f
        left_of, right, weights = f.hapax_left, f.hapax_right, f.weights
        at = f.hapax_right_at
        votes: dict[tuple[int, int], float] = defaultdict(float)
        for n in range(bisect_left(at, y0), bisect_left(at, y1)):
            j, key = right[n]
            i = left_of[key]
            if x0 <= i < x1:
                votes[(i, j)] += weights[key]
        chain = _longest_chain(self._candidates(votes))
        out: list[tuple[int, int]] = []
        sx, sy = x0, y0
        for point in [*chain, None]:
            ex, ey = point if point is not None else (x1, y1)
            if ex > sx and ey > sy and max(ex - sx, ey - sy) > _LOCAL_GAP:
                out += self.local_anchors(sx, ex, sy, ey)
            if point is not None:
                out.append(point)
                sx, sy = point[0] + 1, point[1] + 1
        return out

    def _candidates(self, votes: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
        """The voted pairs with enough weight and (unless the weight is large) similar lengths."""
        f = self.f
        candidates = []
        for (i, j), weight in votes.items():
            if weight < 2.0:
                continue
            ll = f.left_prefix[i + 1] - f.left_prefix[i]
            lr = f.right_prefix[j + 1] - f.right_prefix[j]
            if weight >= 6.0 or self.length_cost(ll, lr) < 3.0:
                candidates.append((i, j))
        return candidates

    def local_anchors(self, x0: int, x1: int, y0: int, y1: int) -> list[tuple[int, int]]:
        """Monotone chain of pairs inside left[x0:x1] x right[y0:y1] that share keys unique
        within a window around the gap's diagonal on both sides.

        Texts that repeat themselves (or simply long ones) have few keys unique in the whole
        text; near a given place many more keys are unique. The windows reach
        :data:`_WINDOW_REACH` paragraphs beyond their part of the diagonal on both sides, so
        that a key's one occurrence on each side is its counterpart unless the texts drift
        further than that from the diagonal.
        """
        f = self.f
        left_keys, right_keys = f.left_keys, f.right_keys
        kinds = "#wAU"
        slope = (y1 - y0) / (x1 - x0)
        reach = _WINDOW_REACH
        votes: dict[tuple[int, int], float] = defaultdict(float)
        for u0 in range(x0, x1, _WINDOW):
            u1 = min(x1, u0 + _WINDOW)
            v0 = y0 + int(slope * (u0 - x0))
            v1 = min(y1, y0 + int(slope * (u1 - x0)) + 1)
            lx0, lx1 = max(x0, u0 - reach), min(x1, u1 + reach)
            ry0, ry1 = max(y0, v0 - reach), min(y1, v1 + reach)
            if ry0 >= ry1:
                continue
            left_count = Counter(chain.from_iterable(left_keys[lx0:lx1]))
            right_count = Counter(chain.from_iterable(right_keys[ry0:ry1]))
            left_of: dict[str, int] = {}
            for i in range(u0, u1):
                for key in left_keys[i]:
                    if key[0] in kinds and left_count[key] == 1 and right_count.get(key) == 1:
                        left_of[key] = i
            if not left_of:
                continue
            for j in range(ry0, ry1):
                for key in right_keys[j]:
                    found = left_of.get(key)
                    if found is not None:
                        votes[(found, j)] = votes[(found, j)] + f.weights[key]
        return _longest_chain(self._candidates(votes))

    def band(
        self, x0: int, x1: int, y0: int, y1: int, anchors: Sequence[tuple[int, int]]
    ) -> tuple[list[int], list[int]]:
        """For each row x0..x1 the open cells ``lo[x]..hi[x]`` (absolute right positions)."""
        rows = x1 - x0 + 1
        lo = [y1] * rows
        hi = [y0] * rows
        boxes = [(x0, y0, x0, y0)]
        boxes += [(i, j, i + 1, j + 1) for i, j in anchors]
        boxes.append((x1, y1, x1, y1))
        for (ax, ay, _, _), (_, _, bx, by) in pairwise(boxes):
            rx0, ry0 = max(x0, ax - _MARGIN), max(y0, ay - _MARGIN)
            rx1, ry1 = min(x1, bx + _MARGIN), min(y1, by + _MARGIN)
            if (rx1 - rx0 + 1) * (ry1 - ry0 + 1) <= _RECT_BUDGET or rx1 == rx0:
                for r in range(rx0 - x0, rx1 - x0 + 1):
                    if ry0 < lo[r]:
                        lo[r] = ry0
                    if ry1 > hi[r]:
                        hi[r] = ry1
                continue
            slope = (by - ay) / (bx - ax) if bx > ax else 0.0
            width = (
                min(_BAND, 2 + max(bx - ax, by - ay) // 8 + abs((bx - ax) - (by - ay))) + _MARGIN
            )
            for x in range(rx0, rx1 + 1):
                r = x - x0
                centre = int(ay + slope * (x - ax))
                c_lo = max(ry0, centre - width)
                c_hi = min(ry1, centre + width + 1)
                if c_lo < lo[r]:
                    lo[r] = c_lo
                if c_hi > hi[r]:
                    hi[r] = c_hi
        # a connected staircase: lower bounds never fall, upper bounds never fall either
        for r in range(1, rows):
            if lo[r] < lo[r - 1]:
                lo[r] = lo[r - 1]
        for r in range(rows - 2, -1, -1):
            if hi[r] > hi[r + 1]:
                hi[r] = hi[r + 1]
        for r in range(rows - 1):
            if hi[r] + 1 < lo[r + 1]:  # rows must overlap so that a diagonal step exists
                lo[r + 1] = hi[r] + 1
        return lo, hi

    def pair_bonuses(self, x0: int, lo: Sequence[int], hi: Sequence[int]) -> None:
        """Lexical bonus of every single paragraph pair inside the band that shares a key."""
        f = self.f
        postings: dict[str, list[int]] = defaultdict(list)
        y_min, y_max = lo[0], hi[-1]
        for j in range(y_min, y_max):
            for key in f.right_keys[j]:
                postings[key].append(j)
        pairs: dict[tuple[int, int], float] = {}
        weights = f.weights
        reach = max(_BEAD_SPAN, 1)
        for r in range(len(lo) - 1):
            i = x0 + r
            keys = f.left_keys[i]
            if not keys:
                continue
            j_lo, j_hi = lo[r] - reach, hi[min(r + reach, len(hi) - 1)] + reach
            for key, count in keys.items():
                js = postings.get(key)
                if not js:
                    continue
                w = weights[key]
                right_keys = f.right_keys
                for n in range(bisect_left(js, j_lo), len(js)):
                    j = js[n]
                    if j > j_hi:
                        break
                    other = right_keys[j][key]
                    pairs[(i, j)] = pairs.get((i, j), 0.0) + w * (count if count < other else other)
        self.pairs = pairs

    # -- dynamic programme -----------------------------------------------------------------

    def run(
        self, x0: int, x1: int, y0: int, y1: int
    ) -> tuple[list[tuple[int, int, int, int]], int]:
        """Best bead sequence covering left[x0:x1] and right[y0:y1]; also the anchor count.

        Between two anchors that enclose as many paragraphs on each side, all of them with
        plausible lengths, the paragraphs pair 1-1 without a search; the dynamic programme runs
        on the rest (coarse to fine).
        """
        if x0 == x1 or y0 == y1:
            return self._dp_or_nulls(x0, x1, y0, y1, ()), 0
        chain = self.anchors(x0, x1, y0, y1)
        beads: list[tuple[int, int, int, int]] = []
        start_x, start_y = x0, y0
        pending: list[tuple[int, int]] = []
        for (ia, ja), (ib, jb) in pairwise(chain):
            d = ib - ia
            pending.append((ia, ja))
            if d != jb - ja or d > _FAST_GAP:
                continue
            if not self.lengths_fit(ia, ja, d + 1, _FAST_COST):
                continue
            # solve up to the node after anchor a, then pair the inside 1-1
            beads += self._dp_or_nulls(start_x, ia + 1, start_y, ja + 1, pending)
            beads += [(ia + t, ia + t + 1, ja + t, ja + t + 1) for t in range(1, d)]
            start_x, start_y = ib, jb
            pending = []
        if chain:
            pending.append(chain[-1])
        beads += self._dp_or_nulls(start_x, x1, start_y, y1, pending)
        return beads, len(chain)

    def _dp_or_nulls(
        self, x0: int, x1: int, y0: int, y1: int, chain: Sequence[tuple[int, int]]
    ) -> list[tuple[int, int, int, int]]:
        if x0 == x1 or y0 == y1:
            beads = [(i, i + 1, y0, y0) for i in range(x0, x1)]
            beads += [(x1, x1, j, j + 1) for j in range(y0, y1)]
            return beads
        if x1 - x0 == 1 and y1 - y0 == 1:
            pair = self.bead_cost(x0, x1, y0, y1)
            if pair <= self.p.priors[(1, 0)] + self.p.priors[(0, 1)]:
                return [(x0, x1, y0, y1)]
        chain = [(i, j) for i, j in chain if x0 <= i < x1 and y0 <= j < y1]
        lo, hi = self.band(x0, x1, y0, y1, chain)
        self.pair_bonuses(x0, lo, hi)
        return self._dp(x0, y0, y1, lo, hi)

    def _dp(
        self, x0: int, y0: int, y1: int, lo: Sequence[int], hi: Sequence[int]
    ) -> list[tuple[int, int, int, int]]:
        f = self.f
        p = self.p
        pairs = self.pairs
        lexical = f.lexical
        rows = len(lo)
        # sentence counts and headings of the region as prefix sums: a bead's structure cost
        # is then a few subtractions (the same cost as _Features.structure)
        ls, lh = f.shape_sums(True, x0, x0 + rows - 1)
        rs, rh = f.shape_sums(False, y0, y1)
        sentence_cost, mismatch_cost, merge_cost = (
            _SENTENCE_COST,
            _HEADING_MISMATCH_COST,
            _HEADING_MERGE_COST,
        )
        left_prefix, right_prefix = f.left_prefix, f.right_prefix
        left_weight, right_weight = f.left_weight, f.right_weight
        ratio, variance = p.ratio, p.variance
        table, table_size, slow_length_cost = _LENGTH_TABLE, _TABLE_SIZE, _length_cost
        step = float(_TABLE_STEP)
        sqrt = math.sqrt
        moves = self.moves
        cost_rows: list[list[float]] = []
        back_rows: list[bytearray] = []
        inf = _INF
        progress = self.progress
        for r in range(rows):
            if progress is not None and r & 255 == 255:
                progress.rows(x0 + r)
            x = x0 + r
            row_lo, row_hi = lo[r], hi[r]
            costs = [inf] * (row_hi - row_lo + 1)
            back = bytearray(b"\xff") * (row_hi - row_lo + 1)
            lw_x = left_weight[x]
            lp_x = left_prefix[x]
            ls_x = ls[r]
            lh_x = lh[r]
            # each move's row-constant part: the row it starts from (its costs and open range),
            # the left side's weight (-1 for a bead with an empty side) and, needed only by the
            # moves that survive the first bound, its length, sentences and headings
            row_moves = []
            for di, dj, prior, k in moves:
                if di > r:
                    continue
                rs_ = r - di
                xs = x - di
                row_moves.append(
                    (
                        dj,
                        prior,
                        k,
                        cost_rows[rs_] if di else costs,
                        lo[rs_],
                        hi[rs_],
                        lw_x - left_weight[xs] if di and dj else -1.0,
                        (di, xs, lp_x - left_prefix[xs], ls_x - ls[rs_], lh_x - lh[rs_]),
                    )
                )
            for y in range(row_lo, row_hi + 1):
                if r == 0 and y == y0:
                    costs[0] = 0.0
                    continue
                best = inf
                best_move = 255
                rw_y = right_weight[y]
                rp_y = right_prefix[y]
                c = y - y0
                rs_y = rs[c]
                rh_y = rh[c]
                for dj, prior, k, pc, plo, phi, wl, rest in row_moves:
                    py = y - dj
                    if py < plo or py > phi:
                        continue
                    total = pc[py - plo] + prior
                    if wl < 0.0:  # a bead with one side empty: its prior is its cost
                        if total < best:
                            best = total
                            best_move = k
                        continue
                    if total - wl >= best:  # the bound below is at most wl
                        continue
                    di, xs, ll, sl, hl = rest
                    wr = rw_y - right_weight[py]
                    bound = wl if wl < wr else wr  # no bead's bonus exceeds this
                    if total - bound >= best:
                        continue
                    lr = rp_y - right_prefix[py]
                    mean = (ll + lr / ratio) / 2.0
                    length = 0.0
                    if mean > 0:
                        z = (lr - ratio * ll) / sqrt(variance * mean)
                        t = int((z if z >= 0.0 else -z) * step + 0.5)
                        length = table[t] if t < table_size else slow_length_cost(z)
                        if total - bound + length >= best:  # cheaper than the bonus below
                            continue
                    exact = True
                    bonus = 0.0
                    if bound:
                        if di == 1 and dj == 1:
                            bonus = pairs.get((xs, py), 0.0)
                        else:  # the sum over single pairs bounds the bonus from above
                            for i in range(xs, x):
                                for j in range(py, y):
                                    bonus += pairs.get((i, j), 0.0)
                            exact = bonus == 0.0
                        total -= bonus
                        if total >= best:
                            continue
                    if mean > 0:
                        total += length
                        if total >= best:
                            continue
                    c0 = py - y0
                    sr = rs_y - rs[c0]
                    hr = rh_y - rh[c0]
                    if di == 1 and dj == 1:
                        if sl != sr:
                            total += sentence_cost * (sl - sr if sl > sr else sr - sl)
                        if hl != hr:
                            total += mismatch_cost
                    else:
                        shape = (
                            sentence_cost * (sl - sr if sl > sr else sr - sl) if sl != sr else 0.0
                        )
                        if (hl and di > 1) or (hr and dj > 1):
                            shape += merge_cost
                        elif (hl == di) != (hr == dj):
                            shape += mismatch_cost
                        total += shape
                        if not exact and total < best:
                            total += bonus - lexical(xs, x, py, y)
                    if total < best:
                        best = total
                        best_move = k
                costs[y - row_lo] = best
                back[y - row_lo] = best_move
            cost_rows.append(costs)
            back_rows.append(back)
        beads: list[tuple[int, int, int, int]] = []
        r, y = rows - 1, y1
        while r > 0 or y > y0:
            k = back_rows[r][y - lo[r]]
            if k == 255:
                raise RuntimeError("alignment band is disconnected")  # pragma: no cover
            di, dj = BEAD_TYPES[k]
            beads.append((x0 + r - di, x0 + r, y - dj, y))
            r -= di
            y -= dj
        beads.reverse()
        return beads


def _longest_chain(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest sub-sequence of ``pairs`` strictly increasing in both coordinates."""
    ordered = sorted(set(pairs), key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # smallest j ending a chain of each length
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(ordered)
    for n, (_, j) in enumerate(ordered):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(n)
        else:
            tails[k] = j
            tail_index[k] = n
        parent[n] = tail_index[k - 1] if k > 0 else -1
    chain: list[tuple[int, int]] = []
    n = tail_index[-1] if tail_index else -1
    while n >= 0:
        chain.append(ordered[n])
        n = parent[n]
    chain.reverse()
    return chain


def _estimate(
    features: _Features, beads: Sequence[tuple[int, int, int, int]], params: _Params
) -> _Params:
    """Re-estimate ``c`` and ``s2`` from the 1-1 beads of a first-pass alignment."""
    f = features
    pairs = []
    for x0, x1, y0, y1 in beads:
        if x1 - x0 == 1 and y1 - y0 == 1:
            ll = f.left_prefix[x1] - f.left_prefix[x0]
            lr = f.right_prefix[y1] - f.right_prefix[y0]
            if ll and lr:
                pairs.append((ll, lr))
    ratio = params.ratio
    variance = params.variance
    if len(pairs) >= 5:
        ratio = sum(lr for _, lr in pairs) / sum(ll for ll, _ in pairs)
        scaled = sorted((lr - ratio * ll) ** 2 / ((ll + lr / ratio) / 2.0) for ll, lr in pairs)
        median = scaled[len(scaled) // 2]
        # for normal deltas the median of delta^2 is 0.455 sigma^2
        variance = min(400.0, max(1.0, median / 0.455))
    # The bead priors are not re-estimated: the first pass's own choices would reinforce its
    # mistakes (more 2-2 beads make the next pass prefer 2-2 beads).
    return _Params(ratio=ratio, variance=variance, priors=params.priors)


def _validate_pins(pins: Sequence[Bead], n: int, m: int) -> list[Bead]:
    ordered = [b for b in pins if b.left or b.right]
    last_x, last_y = -1, -1
    valid: list[Bead] = []
    for bead in ordered:
        xs, ys = sorted(bead.left), sorted(bead.right)
        contiguous = all(b - a == 1 for a, b in pairwise(xs)) and all(
            b - a == 1 for a, b in pairwise(ys)
        )
        in_range = all(0 <= i < n for i in xs) and all(0 <= j < m for j in ys)
        after = (not xs or xs[0] > last_x) and (not ys or ys[0] > last_y)
        if not (contiguous and in_range and after):
            raise ValueError(f"pinned bead {bead.left}:{bead.right} is not usable")
        valid.append(bead)
        if xs:
            last_x = xs[-1]
        if ys:
            last_y = ys[-1]
    return valid


def align_paragraphs(
    left: Sequence[str],
    right: Sequence[str],
    *,
    left_lang: str = "und",
    right_lang: str = "und",
    pinned: Sequence[Bead] = (),
    progress: Callable[[float], None] | None = None,
) -> Alignment:
    """Align two sequences of paragraphs (or sentences).

    ``pinned`` beads are kept as they are (their scores and ``confirmed`` flags too); the
    dynamic programme runs only between them. They must come in row order, not overlap and list
    consecutive paragraphs; otherwise :class:`ValueError` is raised.

    ``progress``, if given, is called now and then with the share of the work done (0 to 1);
    an exception it raises (to cancel) propagates to the caller.
    """
    # The aligner builds a great many small containers and no reference cycles: the cyclic
    # garbage collector would only walk them again and again (a third of the time of a long text).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _align(left, right, left_lang, right_lang, pinned, progress)
    finally:
        if collecting:
            gc.enable()


def _align(
    left: Sequence[str],
    right: Sequence[str],
    left_lang: str,
    right_lang: str,
    pinned: Sequence[Bead],
    progress: Callable[[float], None] | None,
) -> Alignment:
    n, m = len(left), len(right)
    warnings: list[str] = []
    if n == 0 or m == 0:
        if n or m:
            side = "left" if n == 0 else "right"
            warnings.append(
                f"the {side} side has no paragraphs: every paragraph is shown without a counterpart"
            )
        nulls = [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
        return Alignment(beads=nulls, warnings=warnings)
    pins = _validate_pins(pinned, n, m)
    tracker = _Progress(progress, n) if progress is not None else None
    if tracker is not None:
        tracker.phase(0.0, 0.1)
    features = _Features(left, right, left_lang, right_lang)
    total_left = features.left_prefix[-1] or 1
    ratio = (features.right_prefix[-1] or 1) / total_left
    params = _Params(ratio=ratio, variance=_DEFAULT_S2, priors=_prior_costs(_PRIORS))

    def solve(p: _Params) -> tuple[list[tuple[int, int, int, int] | Bead], int]:
        aligner = _Aligner(features, p, tracker)
        out: list[tuple[int, int, int, int] | Bead] = []
        x, y = 0, 0
        count = 0
        for pin in [*pins, None]:
            if pin is None:
                gx, gy = n, m
            else:
                gx = min(pin.left) if pin.left else x
                gy = min(pin.right) if pin.right else y
            found, anchors = aligner.run(x, gx, y, gy)
            out.extend(found)
            count += anchors
            if pin is not None:
                out.append(pin)
                x = max(pin.left) + 1 if pin.left else x
                y = max(pin.right) + 1 if pin.right else y
        return out, count

    # c and s2 from a first pass: over everything in a short text, over the part up to the
    # anchor nearest the first _SAMPLE paragraphs in a long one
    first: Sequence[tuple[int, int, int, int] | Bead]
    if tracker is not None:
        tracker.phase(0.1, 0.3)
    if n + m <= 2 * _SAMPLE:
        first, _ = solve(params)
    else:
        sampler = _Aligner(features, params, tracker)
        chain = sampler.anchors(0, n, 0, m)
        i, j = min(chain, key=lambda a: abs(a[0] - _SAMPLE), default=(n, m))
        first, _ = sampler.run(0, i, 0, j)
    params = _estimate(features, [b for b in first if isinstance(b, tuple)], params)
    if tracker is not None:
        tracker.phase(0.4, 0.6)
    final, anchor_count = solve(params)
    beads = _Aligner(features, params).beads(final)
    if tracker is not None:
        tracker.callback(1.0)
    return Alignment(
        beads=beads,
        warnings=warnings,
        ratio=params.ratio,
        variance=params.variance,
        anchors=anchor_count,
    )


def align_documents(
    left: Document,
    right: Document,
    progress: Callable[[float], None] | None = None,
    pinned: Sequence[Bead] = (),
) -> list[Bead]:
    """Beads covering every paragraph of both sides exactly once, in order.

    ``progress`` and ``pinned`` as for :func:`align_paragraphs` (the window uses progress to show
    and cancel, and pins for the reader's corrections).
    """
    return align_paragraphs(
        left.paragraphs,
        right.paragraphs,
        left_lang=left.lang,
        right_lang=right.lang,
        pinned=pinned,
        progress=progress,
    ).beads


def check_beads(beads: Sequence[Bead], n_left: int, n_right: int) -> None:
    """Raise :class:`ValueError` unless ``beads`` cover 0..n-1 of each side once, in order."""
    x, y = 0, 0
    for bead in beads:
        for i in bead.left:
            if i != x:
                raise ValueError(f"left paragraph {i} out of order (expected {x})")
            x += 1
        for j in bead.right:
            if j != y:
                raise ValueError(f"right paragraph {j} out of order (expected {y})")
            y += 1
        if not bead.left and not bead.right:
            raise ValueError("empty bead")
    if x != n_left or y != n_right:
        raise ValueError(f"beads cover {x}/{n_left} left and {y}/{n_right} right paragraphs")
