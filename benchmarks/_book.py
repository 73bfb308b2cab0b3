"""A synthetic book of N aligned pairs built from the seed pair, for benchmarks and large tests.

The seed's 20 paragraph pairs are repeated; copy ``k`` of a paragraph has every number changed by
the same rule on both sides (days stay 1–28, years stay 1990–2039, other numbers grow by ``k``),
so entities differ from copy to copy but still match across the two languages.

Files are written like the seeds: the German side blank-line separated, the Indonesian side one
paragraph per line, named ``book-<n>.de.txt`` / ``book-<n>.id.txt`` so the language comes from the
file name.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from reader.core.document import Document, ParallelText, load_document, pair_in_order
from reader.core.paths import seed_pair

_NUMBER = re.compile(r"\d+")


def _vary_number(digits: str, k: int) -> str:
    n = int(digits)
    if 1 <= n <= 31:
        return str((n - 1 + k) % 28 + 1)
    if 1900 <= n <= 2100:
        return str(1990 + (n - 1990 + k) % 50)
    return str(n + k)


def vary(text: str, k: int) -> str:
    """``text`` with its numbers changed for copy ``k`` (copy 0 is the seed itself)."""
    if k == 0:
        return text
    return _NUMBER.sub(lambda m: _vary_number(m.group(), k), text)


@cache
def seed_paragraphs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The seed pair's paragraphs (German, Indonesian), split as the reader splits them."""
    de, id_ = seed_pair()
    left, right = load_document(de).paragraphs, load_document(id_).paragraphs
    if len(left) != len(right):
        raise RuntimeError(f"seed sides differ: {len(left)} vs {len(right)} paragraphs")
    return left, right


def book_paragraphs(n: int) -> tuple[list[str], list[str]]:
    """N paragraphs per side: the seed's pairs repeated with varied numbers."""
    left_seed, right_seed = seed_paragraphs()
    size = len(left_seed)
    left: list[str] = []
    right: list[str] = []
    for i in range(n):
        k, j = divmod(i, size)
        left.append(vary(left_seed[j], k))
        right.append(vary(right_seed[j], k))
    return left, right


def write_book(n: int, directory: Path) -> tuple[Path, Path]:
    """Write an N-pair book into ``directory``; returns (German path, Indonesian path)."""
    left, right = book_paragraphs(n)
    directory.mkdir(parents=True, exist_ok=True)
    lp = directory / f"book-{n}.de.txt"
    rp = directory / f"book-{n}.id.txt"
    lp.write_text("\n\n".join(left) + "\n", encoding="utf-8")
    rp.write_text("\n".join(right) + "\n", encoding="utf-8")
    return lp, rp


def make_text(n: int) -> ParallelText:
    """An N-pair :class:`ParallelText` built in memory, paired 1:1 (no files, no aligner)."""
    left, right = book_paragraphs(n)
    return ParallelText(
        left=Document(tuple(left), lang="de", title=f"book-{n}"),
        right=Document(tuple(right), lang="id", title=f"book-{n}"),
        beads=pair_in_order(n, n),
        title=f"Synthetic book of {n} pairs",
    )
