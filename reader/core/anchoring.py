"""Re-anchoring annotations when the text they were made on has changed.

A target is placed again in the new text of its side:

1. where it was, if the quote is still there;
2. else at an exact occurrence of the quote: the one whose surrounding text agrees best with the
   recorded prefix/suffix, nearest the old full-text position among equals;
3. else by a fuzzy match with a bounded edit distance (at most a fifth of the quote, at most
   :data:`MAX_ERRORS`), candidates found by the pigeonhole filter (a match with *k* errors
   contains one of *k + 1* pieces of the quote exactly) and scored on the quote's edit distance,
   the agreement of prefix and suffix and the distance from the old position.

What cannot be placed makes the annotation an orphan (``orphaned=True``): it is kept with its
old targets, never dropped. :func:`migrate` moves the annotations of a sidecar recorded for the
same files (an older version of the text) to the current document.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.annotations import Annotation, Target, make_target, now_iso_ms
from reader.core.document import Document, ParallelText
from reader.core.sidecar import (
    LoadResult,
    Sidecar,
    SidecarCorrupt,
    SidecarState,
    SidecarTooNew,
    annotations_dir,
    parse_sidecar,
    sources_of,
    supersede,
)

MAX_ERRORS = 32
MAX_OCCURRENCES = 200  # per searched piece, nearest the expected position
SHORT_QUOTE = 8  # fuzzy matches of shorter quotes must also agree with their context
MAX_FUZZY_CELLS = 400_000  # edit-distance work per target (bounds the time of a fuzzy search)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def context_agreement(full: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """Share of the recorded prefix/suffix found around ``full[start:end]`` (0 … 1)."""
    total = len(prefix) + len(suffix)
    if total == 0:
        return 1.0
    before = full[max(0, start - len(prefix)) : start]
    after = full[end : end + len(suffix)]
    return (_common_suffix(before, prefix) + _common_prefix(after, suffix)) / total


def _occurrences(full: str, needle: str, near: int, limit: int = MAX_OCCURRENCES) -> list[int]:
    """Start positions of ``needle`` in ``full``: all of them, or (for a needle that occurs very
    often) at least the ``limit`` nearest to ``near``, searching outwards in growing windows."""
    if not needle:
        return []
    radius = 4096
    while True:
        lo = max(0, near - radius)
        hi = min(len(full), near + radius + len(needle))
        found: list[int] = []
        pos = full.find(needle, lo, hi)
        while pos != -1:
            found.append(pos)
            pos = full.find(needle, pos + 1, hi)
        if (lo == 0 and hi == len(full)) or len(found) >= limit:
            break
        radius *= 16
    if len(found) > limit:
        found.sort(key=lambda p: abs(p - near))
        found = found[:limit]
    return found


def _within_paragraph(doc: Document, start: int, end: int) -> tuple[int, int, int] | None:
    """(paragraph, start, end) within one paragraph, clipping a span that runs past its end."""
    if not doc.paragraphs or start < 0 or end <= start or start >= len(doc.full_text):
        return None
    index, offset = doc.from_full(start)
    text = doc.paragraphs[index]
    if offset >= len(text):  # starts in a separator
        return None
    stop = min(len(text), offset + (end - start))
    if stop <= offset:
        return None
    return index, offset, stop


def banded_search(quote: str, text: str, k: int) -> tuple[int, int, int] | None:
    """Best approximate occurrence of ``quote`` in ``text`` (which is ``len(quote) + 2k`` long
    or shorter): (errors, start, end) with at most ``k`` errors, or None.

    Semi-global edit distance restricted to a diagonal band of width ``2k + 1``.
    """
    m = len(quote)
    n = len(text)
    width = 2 * k + 1
    inf = m + n + 1
    # Row i covers text columns j in [i, i + 2k] (cell index c = j - i).
    prev_cost = [0] * width  # row 0: free start anywhere in the band
    prev_start = [c for c in range(width)]
    for i in range(1, m + 1):
        qc = quote[i - 1]
        cost = [inf] * width
        start = [0] * width
        for c in range(width):
            j = i + c
            if j > n:
                break
            # diagonal: row i-1, column j-1 → cell c
            best = prev_cost[c] + (0 if text[j - 1] == qc else 1)
            best_start = prev_start[c]
            # up (skip a quote char): row i-1, column j → cell c+1
            if c + 1 < width and prev_cost[c + 1] + 1 < best:
                best = prev_cost[c + 1] + 1
                best_start = prev_start[c + 1]
            # left (skip a text char): row i, column j-1 → cell c-1
            if c > 0 and cost[c - 1] + 1 < best:
                best = cost[c - 1] + 1
                best_start = start[c - 1]
            cost[c] = best
            start[c] = best_start
        prev_cost, prev_start = cost, start
        if min(prev_cost) > k:
            return None
    result: tuple[int, int, int] | None = None
    for c in range(width):
        j = m + c
        if j > n:
            break
        if prev_cost[c] <= k and (result is None or prev_cost[c] < result[0]):
            result = (prev_cost[c], prev_start[c], j)
    return result


def max_errors(quote: str) -> int:
    return min(MAX_ERRORS, len(quote) // 5)


def anchor_target(doc: Document, target: Target) -> Target | None:
    """``target`` placed in ``doc`` (a new version of its side's text), or None."""
    full = doc.full_text
    exact = target.exact
    if not exact or not doc.paragraphs:
        return None
    old = target.full_start
    # 1. Still there.
    if full[old : old + len(exact)] == exact:
        placed = _within_paragraph(doc, old, old + len(exact))
        if placed is not None and placed[2] - placed[1] == len(exact):
            return make_target(doc, target.side, *placed)
    # 2. Exact occurrences, best context first, then nearest.
    best: tuple[float, int, int] | None = None
    for pos in _occurrences(full, exact, old):
        placed = _within_paragraph(doc, pos, pos + len(exact))
        if placed is None or placed[2] - placed[1] != len(exact):
            continue
        agree = context_agreement(full, pos, pos + len(exact), target.prefix, target.suffix)
        key = (-agree, abs(pos - old), pos)
        if best is None or key < best:
            best = key
    if best is not None:
        placed = _within_paragraph(doc, best[2], best[2] + len(exact))
        assert placed is not None
        return make_target(doc, target.side, *placed)
    # 3. Fuzzy.
    span = fuzzy_find(full, target)
    if span is None:
        return None
    placed = _within_paragraph(doc, span[0], span[1])
    if placed is None:
        return None
    return make_target(doc, target.side, *placed)


def fuzzy_find(full: str, target: Target) -> tuple[int, int] | None:
    """Full-text span of the best fuzzy match of the target's quote, or None."""
    exact = target.exact
    k = max_errors(exact)
    if k == 0:
        return None
    m = len(exact)
    pieces = k + 1
    size = m // pieces
    old = target.full_start
    starts: list[int] = []
    for p in range(pieces):
        lo = p * size
        hi = m if p == pieces - 1 else lo + size
        piece = exact[lo:hi]
        starts.extend(pos - lo for pos in _occurrences(full, piece, old + lo))
    if not starts:
        return None
    # Cluster the implied starts: a real match has many pieces voting for about the same start.
    starts.sort()
    groups: list[tuple[int, int]] = []  # (votes, representative start)
    first = 0
    for n in range(1, len(starts) + 1):
        if n == len(starts) or starts[n] - starts[first] > k:
            members = starts[first:n]
            groups.append((len(members), members[len(members) // 2]))
            first = n
    groups.sort(key=lambda g: (-g[0], abs(g[1] - old)))
    budget = max(3, MAX_FUZZY_CELLS // max(1, m * (2 * k + 1)))
    scale = max(len(full), 1)
    best: tuple[float, int, int] | None = None
    for _votes, s0 in groups[:budget]:
        region_start = max(0, s0 - k)
        region = full[region_start : s0 + m + k]
        found = banded_search(exact, region, k)
        if found is None:
            continue
        errors, a, b = found
        start, end = region_start + a, region_start + b
        agree = context_agreement(full, start, end, target.prefix, target.suffix)
        if m < SHORT_QUOTE and agree < 0.5:
            continue
        score = errors / m + (1.0 - agree) * 0.5 + abs(start - old) / scale * 0.25
        if best is None or score < best[0]:
            best = (score, start, end)
    if best is None:
        return None
    return best[1], best[2]


def reanchor(annotation: Annotation, docs: dict[str, Document]) -> Annotation:
    """``annotation`` placed in the new ``docs`` (side → document); an orphan if any target
    cannot be placed (placed targets are updated, the others kept as they were)."""
    targets: list[Target] = []
    lost = False
    for t in annotation.targets:
        placed = anchor_target(docs[t.side], t)
        if placed is None:
            lost = True
            targets.append(t)
        else:
            targets.append(placed)
    new_targets = tuple(targets)
    if new_targets == annotation.targets and lost == annotation.orphaned:
        return annotation
    return replace(annotation, targets=new_targets, orphaned=lost, modified=now_iso_ms())


def in_place(annotation: Annotation, docs: dict[str, Document]) -> bool:
    """True when every target's quote is at its recorded position in ``docs``."""
    for t in annotation.targets:
        doc = docs[t.side]
        if t.paragraph >= len(doc.paragraphs):
            return False
        if doc.paragraphs[t.paragraph][t.start : t.end] != t.exact:
            return False
    return True


def reanchor_all(
    annotations: Iterable[Annotation], text: ParallelText
) -> tuple[list[Annotation], int]:
    """Every annotation re-anchored in ``text``; returns (annotations, number of orphans)."""
    docs = {"left": text.left, "right": text.right}
    result = []
    orphans = 0
    for ann in annotations:
        new = ann if in_place(ann, docs) and not ann.orphaned else reanchor(ann, docs)
        orphans += new.orphaned
        result.append(new)
    return result, orphans


# ----------------------------------------------------------------------------------------------
# Finding the sidecar of an earlier version of the same files


@dataclass
class Migration:
    """The outcome of :func:`migrate`: the old sidecar (moved aside), counts and messages."""

    old_path: Path | None = None
    kept_as: Path | None = None
    moved: int = 0
    orphaned: int = 0
    saved: bool = False  # the re-anchored annotations are on disk under the new id
    warnings: list[str] = field(default_factory=list)


def find_previous_sidecar(
    text: ParallelText, data_dir: str | os.PathLike[str] | None = None
) -> Path | None:
    """The newest other sidecar recorded for the same source files (both paths equal, or one
    path equal and the other side's content unchanged), or None."""
    current = sources_of(text)
    left_path, right_path = current["left"]["path"], current["right"]["path"]
    if not left_path and not right_path:
        return None
    directory = annotations_dir(data_dir)
    try:
        entries = [e for e in os.scandir(directory) if e.name.endswith(".json") and e.is_file()]
    except OSError:
        return None
    needles = [json.dumps(p, ensure_ascii=False).encode("utf-8") for p in (left_path, right_path)]
    candidates: list[tuple[float, Path]] = []
    for entry in entries:
        if entry.name == f"{text.id}.json":
            continue
        try:
            with open(entry.path, "rb") as fh:
                head = fh.read(16384)
        except OSError:
            continue
        if not any(n in head for n in needles):
            continue
        try:
            raw = json.loads(Path(entry.path).read_bytes().decode("utf-8"))
            sources = raw["sources"]
            old = {side: sources[side] for side in ("left", "right")}
        except (OSError, ValueError, KeyError, TypeError):
            continue
        same_path = {
            s: bool(current[s]["path"]) and old[s].get("path") == current[s]["path"]
            for s in ("left", "right")
        }
        same_content = {
            s: old[s].get("content_id") == current[s]["content_id"] for s in ("left", "right")
        }
        if (same_path["left"] and same_path["right"]) or (
            (same_path["left"] and same_content["right"])
            or (same_path["right"] and same_content["left"])
        ):
            try:
                mtime = entry.stat().st_mtime
            except OSError:
                continue
            candidates.append((mtime, Path(entry.path)))
    if not candidates:
        return None
    return max(candidates)[1]


def migrate(
    text: ParallelText, sidecar: Sidecar, data_dir: str | os.PathLike[str] | None = None
) -> tuple[LoadResult, Migration]:
    """Move the annotations of an earlier version of these files to ``sidecar`` (which has no
    file yet): re-anchor them, save under the new id, keep the old file as
    ``<old>.json.superseded-<timestamp>``. Orphans are kept. Without a previous sidecar the
    result is empty.
    """
    info = Migration()
    previous = find_previous_sidecar(text, data_dir)
    if previous is None:
        return LoadResult(SidecarState()), info
    info.old_path = previous
    try:
        old_state, _meta = parse_sidecar(previous.read_bytes())
    except (OSError, SidecarCorrupt, SidecarTooNew) as exc:
        info.warnings.append(
            f"The annotations of an earlier version of this text ({previous.name}) could not "
            f"be read ({exc}); they were left where they are."
        )
        return LoadResult(SidecarState(), info.warnings), info
    anchored, orphans = reanchor_all(old_state.annotations.values(), text)
    state = SidecarState(
        annotations={a.id: a for a in anchored},
        deleted=dict(old_state.deleted),
        alignment=old_state.alignment,
        alignment_modified=old_state.alignment_modified,
        previous_ids=[*old_state.previous_ids, previous.name[: -len(".json")]],
    )
    info.moved = len(anchored) - orphans
    info.orphaned = orphans
    if anchored:
        message = (
            f"The text changed since it was last annotated: {info.moved} annotation(s) "
            "were placed again"
        )
        message += f", {orphans} could not be placed and are listed as orphans." if orphans else "."
        info.warnings.append(message)
    result = sidecar.save(state)
    if not result.ok:
        info.warnings.append(result.message)
        return LoadResult(state, info.warnings, found=True), info
    info.saved = True
    info.kept_as = supersede(previous)
    return LoadResult(result.state, info.warnings, found=True), info
