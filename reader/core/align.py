"""Aligning the paragraphs of two documents into beads.

The aligner is a dynamic programme over beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3, 2-3, 3-2,
4-1 and 1-4. A bead's cost is

* the Gale-Church (1993) length cost: ``-log P(delta)``, ``delta`` the difference between the
  right side's length and the left side's length times ``c``, in standard deviations ``s2`` per
  character; ``c`` and ``s2`` are estimated from the two texts themselves (the distribution of
  ``delta`` is a normal with heavier tails, see :func:`_length_cost`);
* minus a lexical bonus: the lexical anchors (:mod:`reader.core.anchors`) the two sides share,
  each weighted by its kind and by how rare it is in the texts;
* plus the bead type's prior cost ``-log P(type)``.

``c`` and ``s2`` come from a first pass (``c`` starts as the ratio of the texts' lengths).

Linear time in practice: paragraphs sharing a rare anchor (a key found in exactly one paragraph
on each side) are paired, the longest chain of such pairs that is monotone in both texts is kept
(longest increasing subsequence), and the dynamic programme only visits cells near that chain: a
rectangle between consecutive anchors (a diagonal band when that rectangle is large). Memory is
linear in the number of visited cells.

Each bead gets a confidence in [0, 1]: :attr:`reader.core.document.Bead.score`.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.core.anchors import KIND_WEIGHTS, paragraph_keys
from reader.core.document import Bead, Document

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
    (1, 0): 0.03,
    (0, 1): 0.03,
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
# Length differences have heavier tails than a normal distribution: a share of the beads is
# modelled with a standard deviation three times as large.
_WIDE_SHARE = 0.3
_WIDE_FACTOR = 3.0
_DEFAULT_S2 = 6.8
_KEY_TEXT_LIMIT = 200_000  # keys come from the first 200k characters of a paragraph
_MAX_DF_SHARE = 0.25  # keys in more than this share of paragraphs carry no information
_RARITY_CAP = 3.0
_LEX_SCALE = 1.0
_MARGIN = 3  # cells around an anchor's box that stay open
_RECT_BUDGET = 40_000  # larger gaps between anchors get a diagonal band
_BAND = 60
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


class _Features:
    """Per-paragraph lengths, anchor keys and their weights for both sides."""

    def __init__(
        self, left: Sequence[str], right: Sequence[str], left_lang: str, right_lang: str
    ) -> None:
        self.n = len(left)
        self.m = len(right)
        self.left_prefix = _prefix([len(t) for t in left])
        self.right_prefix = _prefix([len(t) for t in right])
        raw_left = [paragraph_keys(t[:_KEY_TEXT_LIMIT], left_lang) for t in left]
        raw_right = [paragraph_keys(t[:_KEY_TEXT_LIMIT], right_lang) for t in right]
        df_left: Counter[str] = Counter()
        df_right: Counter[str] = Counter()
        for keys in raw_left:
            df_left.update(keys.keys())
        for keys in raw_right:
            df_right.update(keys.keys())
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
        self.left_keys = [{k: c for k, c in keys.items() if k in weights} for keys in raw_left]
        self.right_keys = [{k: c for k, c in keys.items() if k in weights} for keys in raw_right]

    def lexical(self, x0: int, x1: int, y0: int, y1: int) -> float:
        """Weighted count of the keys that left[x0:x1] and right[y0:y1] share (as multisets)."""
        if x1 - x0 == 1:
            a = self.left_keys[x0]
        else:
            a = _merge(self.left_keys[x0:x1])
        if not a:
            return 0.0
        if y1 - y0 == 1:
            b = self.right_keys[y0]
        else:
            b = _merge(self.right_keys[y0:y1])
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


def _prefix(values: Iterable[int]) -> list[int]:
    sums = [0]
    for v in values:
        sums.append(sums[-1] + v)
    return sums


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


class _Aligner:
    def __init__(self, features: _Features, params: _Params) -> None:
        self.f = features
        self.p = params

    def bead_cost(self, x0: int, x1: int, y0: int, y1: int) -> float:
        f = self.f
        p = self.p
        cost = p.priors[(x1 - x0, y1 - y0)]
        if x1 == x0 or y1 == y0:
            return cost
        ll = f.left_prefix[x1] - f.left_prefix[x0]
        lr = f.right_prefix[y1] - f.right_prefix[y0]
        mean = (ll + lr / p.ratio) / 2.0
        if mean > 0:
            cost += _length_cost((lr - p.ratio * ll) / math.sqrt(p.variance * mean))
        return cost - f.lexical(x0, x1, y0, y1)

    def confidence(self, x0: int, x1: int, y0: int, y1: int) -> float:
        """Heuristic confidence in [0, 1]: length agreement and shared anchors."""
        if x1 == x0 or y1 == y0:
            return 0.4
        f = self.f
        p = self.p
        ll = f.left_prefix[x1] - f.left_prefix[x0]
        lr = f.right_prefix[y1] - f.right_prefix[y0]
        mean = (ll + lr / p.ratio) / 2.0
        p_len = 1.0
        if mean > 0:
            p_len = math.erfc(abs(lr - p.ratio * ll) / math.sqrt(p.variance * mean) / _SQRT2)
        bonus = f.lexical(x0, x1, y0, y1)
        conf = 1.0 - (1.0 - 0.9 * p_len) * math.exp(-bonus)
        shape = {2: 1.0, 3: 0.95, 4: 0.85}.get(x1 - x0 + y1 - y0, 0.85)
        return round(max(0.0, min(1.0, conf * shape)), 4)

    # -- anchors and band ------------------------------------------------------------------

    def anchors(self, x0: int, x1: int, y0: int, y1: int) -> list[tuple[int, int]]:
        """Monotone chain of (left, right) paragraph pairs that share rare keys."""
        f = self.f
        left_of: dict[str, int] = {}
        for i in range(x0, x1):
            for key in f.left_keys[i]:
                if key in f.hapax:
                    left_of[key] = i
        votes: dict[tuple[int, int], float] = defaultdict(float)
        for j in range(y0, y1):
            for key in f.right_keys[j]:
                i = left_of.get(key)
                if i is not None:
                    votes[(i, j)] += f.weights[key]
        candidates = []
        for (i, j), weight in votes.items():
            if weight < 2.0:
                continue
            ll = f.left_prefix[i + 1] - f.left_prefix[i]
            lr = f.right_prefix[j + 1] - f.right_prefix[j]
            mean = (ll + lr / self.p.ratio) / 2.0
            z = abs(lr - self.p.ratio * ll) / math.sqrt(self.p.variance * mean) if mean else 0.0
            if z < 2.5 or weight >= 6.0:
                candidates.append((i, j))
        return _longest_chain(candidates)

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
        for (ax, ay, _, _), (_, _, bx, by) in zip(boxes, boxes[1:]):
            rx0, ry0 = max(x0, ax - _MARGIN), max(y0, ay - _MARGIN)
            rx1, ry1 = min(x1, bx + _MARGIN), min(y1, by + _MARGIN)
            if (rx1 - rx0 + 1) * (ry1 - ry0 + 1) <= _RECT_BUDGET:
                for x in range(rx0, rx1 + 1):
                    r = x - x0
                    if ry0 < lo[r]:
                        lo[r] = ry0
                    if ry1 > hi[r]:
                        hi[r] = ry1
                continue
            dx, dy = bx - ax, by - ay
            width = _BAND + _MARGIN
            for x in range(rx0, rx1 + 1):
                r = x - x0
                centre = ay + (dy * (x - ax)) / dx if dx else ay
                c_lo = max(ry0, int(centre) - width)
                c_hi = min(ry1, int(centre) + width + 1)
                if dx == 0:
                    c_lo, c_hi = ry0, ry1
                if c_lo < lo[r]:
                    lo[r] = c_lo
                if c_hi > hi[r]:
                    hi[r] = c_hi
        # make the band a connected staircase: monotone bounds
        for r in range(1, rows):
            if lo[r] < lo[r - 1]:
                lo[r] = lo[r - 1]
        for r in range(rows - 2, -1, -1):
            if hi[r] > hi[r + 1]:
                hi[r] = hi[r + 1]
        for r in range(rows):
            if lo[r] > hi[r]:  # cannot happen for a well-formed chain; stay safe
                lo[r], hi[r] = y0, y1
        return lo, hi

    # -- dynamic programme -----------------------------------------------------------------

    def run(self, x0: int, x1: int, y0: int, y1: int) -> tuple[list[tuple[int, int, int, int]], int]:
        """Best bead sequence covering left[x0:x1] and right[y0:y1]; also the anchor count."""
        if x0 == x1 or y0 == y1:
            beads = [(i, i + 1, y0, y0) for i in range(x0, x1)]
            beads += [(x1, x1, j, j + 1) for j in range(y0, y1)]
            return beads, 0
        chain = self.anchors(x0, x1, y0, y1)
        lo, hi = self.band(x0, x1, y0, y1, chain)
        moves = BEAD_TYPES
        bead_cost = self.bead_cost
        rows = x1 - x0 + 1
        cost_rows: list[list[float]] = []
        back_rows: list[bytearray] = []
        for r in range(rows):
            x = x0 + r
            row_lo, row_hi = lo[r], hi[r]
            width = row_hi - row_lo + 1
            costs = [_INF] * width
            back = bytearray(width)
            for y in range(row_lo, row_hi + 1):
                if r == 0 and y == y0:
                    costs[0] = 0.0
                    back[0] = 255
                    continue
                best = _INF
                best_move = 255
                for k, (di, dj) in enumerate(moves):
                    pr = r - di
                    if pr < 0:
                        continue
                    py = y - dj
                    plo = lo[pr]
                    if py < plo or py > hi[pr] or py < y0:
                        continue
                    prev = costs[py - plo] if pr == r else cost_rows[pr][py - plo]
                    if prev == _INF:
                        continue
                    total = prev + bead_cost(x - di, x, py, y)
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
            di, dj = moves[k]
            beads.append((x0 + r - di, x0 + r, y - dj, y))
            r -= di
            y -= dj
        beads.reverse()
        return beads, len(chain)


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
    ordered = sorted(
        (b for b in pins if b.left or b.right),
        key=lambda b: (min(b.left) if b.left else -1, min(b.right) if b.right else -1),
    )
    last_x, last_y = -1, -1
    valid: list[Bead] = []
    for bead in ordered:
        xs, ys = sorted(bead.left), sorted(bead.right)
        contiguous = all(b - a == 1 for a, b in zip(xs, xs[1:])) and all(
            b - a == 1 for a, b in zip(ys, ys[1:])
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
) -> Alignment:
    """Align two sequences of paragraphs (or sentences).

    ``pinned`` beads are kept as they are (their scores and ``confirmed`` flags too); the
    dynamic programme runs only between them. They must be in order, not overlap and list
    consecutive paragraphs; otherwise :class:`ValueError` is raised.
    """
    n, m = len(left), len(right)
    warnings: list[str] = []
    if n == 0 or m == 0:
        if n or m:
            side = "left" if n == 0 else "right"
            warnings.append(
                f"the {side} side has no paragraphs: every paragraph is shown without a counterpart"
            )
        beads = [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
        return Alignment(beads=beads, warnings=warnings)
    pins = _validate_pins(pinned, n, m)
    features = _Features(left, right, left_lang, right_lang)
    total_left = features.left_prefix[-1] or 1
    ratio = (features.right_prefix[-1] or 1) / total_left
    params = _Params(ratio=ratio, variance=_DEFAULT_S2, priors=_prior_costs(_PRIORS))

    def solve(p: _Params) -> tuple[list[tuple[int, int, int, int] | Bead], int]:
        aligner = _Aligner(features, p)
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

    first, _ = solve(params)
    params = _estimate(features, [b for b in first if isinstance(b, tuple)], params)
    final, anchor_count = solve(params)
    aligner = _Aligner(features, params)
    beads: list[Bead] = []
    for item in final:
        if isinstance(item, Bead):
            beads.append(item)
            continue
        x0, x1, y0, y1 = item
        beads.append(
            Bead(
                tuple(range(x0, x1)),
                tuple(range(y0, y1)),
                aligner.confidence(x0, x1, y0, y1),
            )
        )
    return Alignment(
        beads=beads,
        warnings=warnings,
        ratio=params.ratio,
        variance=params.variance,
        anchors=anchor_count,
    )


def align_documents(left: Document, right: Document) -> list[Bead]:
    """Beads covering every paragraph of both sides exactly once, in order."""
    return align_paragraphs(
        left.paragraphs, right.paragraphs, left_lang=left.lang, right_lang=right.lang
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

