"""Documents (one language side) and parallel texts (two documents and their aligned beads).

A side's *full text* is its paragraphs joined by a blank line (``"\\n\\n"``); positions in the full
text (annotation position selectors, exports) are code-point offsets into it.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.lang import detect_language, language_from_filename, normalize_code
from reader.core.records import direct_constructor
from reader.core.split import split_paragraphs
from reader.core.textio import read_text

PARAGRAPH_SEPARATOR = "\n\n"

_HEADING_MAX = 80  # characters
_FINAL_PUNCT = re.compile(r"[.!?…:;,\"'”“»«)\]]$")


def is_heading(text: str) -> bool:
    """A short single-line paragraph without final punctuation, e.g. ``Die Brücke der Standards``.

    At most 80 characters and 12 words, no sentence punctuation at the end, starting with an
    upper-case letter or a digit.
    """
    if not text or len(text) > _HEADING_MAX or "\n" in text:
        return False
    if len(text.split()) > 12:
        return False
    if _FINAL_PUNCT.search(text):
        return False
    first = text[0]
    return first.isupper() or first.isdigit()


def content_id(paragraphs: tuple[str, ...]) -> str:
    """Hex SHA-256 of the normalised text: the paragraphs joined by the separator."""
    return hashlib.sha256(PARAGRAPH_SEPARATOR.join(paragraphs).encode("utf-8")).hexdigest()


@dataclass(frozen=True, eq=False)
class Document:
    """One language side: its paragraphs with stable indices, language, title and content id."""

    paragraphs: tuple[str, ...]
    lang: str = "und"
    title: str = ""
    path: Path | None = None

    @cached_property
    def content_id(self) -> str:
        return content_id(self.paragraphs)

    @cached_property
    def offsets(self) -> tuple[int, ...]:
        """Start of each paragraph in the full text (code points)."""
        starts: list[int] = []
        pos = 0
        for text in self.paragraphs:
            starts.append(pos)
            pos += len(text) + len(PARAGRAPH_SEPARATOR)
        return tuple(starts)

    @cached_property
    def full_text(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    @cached_property
    def headings(self) -> frozenset[int]:
        # (the length test first: most paragraphs are too long to be headings)
        return frozenset(
            i for i, p in enumerate(self.paragraphs) if len(p) <= _HEADING_MAX and is_heading(p)
        )

    def __len__(self) -> int:
        return len(self.paragraphs)

    def to_full(self, paragraph: int, offset: int) -> int:
        """Paragraph-relative code-point offset → full-text offset."""
        return self.offsets[paragraph] + offset

    def from_full(self, position: int) -> tuple[int, int]:
        """Full-text offset → (paragraph index, offset within that paragraph)."""
        if not self.paragraphs:
            raise ValueError("empty document")
        index = max(0, bisect_right(self.offsets, position) - 1)
        return index, position - self.offsets[index]


@dataclass(frozen=True)
class Bead:
    """One aligned row: paragraph indices of each side (either may be empty) and a score.

    ``score`` is the aligner's confidence in [0, 1]; ``confirmed`` marks a row a person checked.
    """

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float = 1.0
    confirmed: bool = False

    @property
    def kind(self) -> str:
        """``"1-1"``, ``"2-1"``, ``"1-0"`` …"""
        return f"{len(self.left)}-{len(self.right)}"


_bead = direct_constructor(Bead)


def make_bead(
    left: tuple[int, ...], right: tuple[int, ...], score: float = 1.0, confirmed: bool = False
) -> Bead:
    """``Bead(left, right, score, confirmed)``, faster (see :mod:`reader.core.records`): a book
    has tens of thousands of beads and they are built on the way to the first frame."""
    return _bead(left, right, score, confirmed)


def pair_in_order(n_left: int, n_right: int) -> list[Bead]:
    """1:1 pairing by position; the longer side's extra paragraphs get beads of their own."""
    both = min(n_left, n_right)
    beads = [_bead((i,), (i,), 1.0, False) for i in range(both)]
    beads += [_bead((i,), (), 1.0, False) for i in range(both, n_left)]
    beads += [_bead((), (j,), 1.0, False) for j in range(both, n_right)]
    return beads


@dataclass
class ParallelText:
    """Two documents and the beads that align them (every paragraph in exactly one bead)."""

    left: Document
    right: Document
    beads: list[Bead]
    title: str = ""
    description: str = ""
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def id(self) -> str:
        """Stable id from the content of both sides: keys the sidecar of this document."""
        digest = hashlib.sha256(
            f"{self.left.content_id}:{self.right.content_id}".encode("ascii")
        ).hexdigest()
        return digest[:32]

    def bead_text(self, bead: int, side: str) -> list[str]:
        doc = self.left if side == "left" else self.right
        b = self.beads[bead]
        return [doc.paragraphs[i] for i in (b.left if side == "left" else b.right)]

    @cached_property
    def bead_of_paragraph(self) -> tuple[dict[int, int], dict[int, int]]:
        """(left paragraph → bead, right paragraph → bead)."""
        left: dict[int, int] = {}
        right: dict[int, int] = {}
        for n, b in enumerate(self.beads):
            for i in b.left:
                left[i] = n
            for j in b.right:
                right[j] = n
        return left, right


def _strip_lang_suffix(path: Path) -> str:
    """``story.de.txt`` → ``story``; ``notes.txt`` → ``notes``."""
    name = path.name
    if path.suffix:
        name = name[: -len(path.suffix)]
    if language_from_filename(path) is not None:
        name = name[: name.rfind(".")]
    return name


def read_manifest(left: Path, right: Path) -> dict[str, object]:
    """The ``<stem>.json`` manifest beside a pair named ``<stem>.<lang>.txt``, or ``{}``.

    A manifest gives ``title``, ``languages`` (``{"left": "de", "right": "id"}``) and
    ``description``. Unreadable manifests are ignored: they are optional metadata.
    """
    stem_left, stem_right = _strip_lang_suffix(left), _strip_lang_suffix(right)
    if stem_left != stem_right or left.parent != right.parent:
        return {}
    manifest = left.parent / f"{stem_left}.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_document(
    path: str | Path, *, split: str = "auto", lang: str | None = None, text: str | None = None
) -> Document:
    """Read (unless ``text`` is the file's text, already read), split and identify one side.
    Raises :class:`ReaderError` on unusable input."""
    p = Path(path)
    if text is None:
        text = read_text(p)
    paragraphs = tuple(split_paragraphs(text, split))
    if not paragraphs:
        raise ReaderError(f"{p}: contains no paragraphs")
    code = normalize_code(lang) if lang else language_from_filename(p) or detect_language(text)
    return Document(paragraphs=paragraphs, lang=code, title=_strip_lang_suffix(p), path=p)


@dataclass
class LoadedPair:
    """Two documents read and split but not yet aligned (alignment may run elsewhere)."""

    left: Document
    right: Document
    title: str = ""
    description: str = ""

    @property
    def size(self) -> int:
        """Paragraph count of the larger side: what alignment cost grows with."""
        return max(len(self.left.paragraphs), len(self.right.paragraphs))

    def aligned(self, beads: list[Bead] | None = None) -> ParallelText:
        """The parallel text with ``beads``, by default from the aligner."""
        if beads is None:
            from reader.core.align import align_documents

            beads = align_documents(self.left, self.right)
        return ParallelText(
            left=self.left,
            right=self.right,
            beads=beads,
            title=self.title,
            description=self.description,
        )

    def in_order(self) -> ParallelText:
        """Paragraphs paired by position: a provisional view while the aligner runs."""
        return self.aligned(pair_in_order(len(self.left.paragraphs), len(self.right.paragraphs)))


def read_pair(
    left: str | Path,
    right: str | Path,
    *,
    split: str = "auto",
    left_lang: str | None = None,
    right_lang: str | None = None,
    on_read: Callable[[], object] | None = None,
) -> LoadedPair:
    """Read and split two files (the quick part of opening; errors surface here).

    Both files are read before either is split; ``on_read`` is called in between (unreadable
    files have been reported by then: splitting a text never fails)."""
    lp, rp = Path(left), Path(right)
    manifest = read_manifest(lp, rp)
    langs = manifest.get("languages")
    if isinstance(langs, dict):
        left_lang = left_lang or (str(langs["left"]) if "left" in langs else None)
        right_lang = right_lang or (str(langs["right"]) if "right" in langs else None)
    left_text, right_text = read_text(lp), read_text(rp)
    if on_read is not None:
        on_read()
    left_doc = load_document(lp, split=split, lang=left_lang, text=left_text)
    right_doc = load_document(rp, split=split, lang=right_lang, text=right_text)
    return LoadedPair(
        left=left_doc,
        right=right_doc,
        title=str(manifest.get("title") or left_doc.title),
        description=str(manifest.get("description") or ""),
    )


def load_pair(
    left: str | Path,
    right: str | Path,
    *,
    split: str = "auto",
    left_lang: str | None = None,
    right_lang: str | None = None,
) -> ParallelText:
    """Load two files as a parallel text, aligned by :func:`reader.core.align.align_documents`."""
    return read_pair(left, right, split=split, left_lang=left_lang, right_lang=right_lang).aligned()
