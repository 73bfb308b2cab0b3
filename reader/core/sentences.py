"""Sentence splitting (de, id, en, fr and a language-neutral default) and sentence alignment
inside a paragraph bead.

Sentences are given as code-point spans ``(start, end)`` within their paragraph, white space
excluded, so the reading view can highlight a sentence and its counterpart. A full stop does not
end a sentence after a known abbreviation (``Co., Ltd.``, ``ca.``, ``z. B.``, ``Dr.``), after a
single letter (initials, ``G. O. Dyhrenfurth``), after an ordinal number followed by a month
(``15. Dezember``; in German after any small ordinal: ``im 19. Jahrhundert``), or when the next
word starts with a lower-case letter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.document import Bead, Document

__all__ = [
    "SentenceBead",
    "SentenceSpan",
    "align_bead_sentences",
    "align_sentences",
    "split_sentences",
]

_COMMON = {
    "co", "ltd", "inc", "corp", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "no", "nr", "jr",
    "sr", "ca", "fig", "vol", "pp", "ed", "eds", "approx", "cf", "ibid", "mt", "ft",
}  # fmt: skip
_ABBREVIATIONS: dict[str, set[str]] = {
    "de": {
        "z", "b", "d", "h", "u", "a", "o", "bzw", "vgl", "evtl", "ggf", "inkl", "sog", "geb",
        "jh", "jhd", "hrsg", "bd", "abs", "art", "tel", "str", "mio", "mrd", "dipl", "ing",
        "s", "f", "ff", "usf", "od", "gegr", "jan", "feb", "apr", "aug", "sept", "okt", "nov",
        "dez", "hl", "kap", "anm", "min", "max", "ehem", "etw", "insb", "allg", "bzgl",
    },
    "fr": {
        "m", "mm", "mme", "mlle", "mgr", "env", "av", "apr", "j.-c", "p", "éd", "chap", "ex",
        "ste", "cie", "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "capt",
        "col", "gén", "lt", "n°", "réf", "coll", "cf",
    },
    "id": {
        "dll", "dsb", "dkk", "yth", "tsb", "jl", "kab", "kec", "prov", "hj", "drs", "ir",
        "sdr", "bpk", "tgl", "kel", "ny", "tn", "sd", "smp", "sma", "dst",
    },
    "en": {
        "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "gen", "col", "capt", "lt", "rev", "gov", "sen", "rep", "u.s", "u.k",
        "dept", "est", "al",
    },
}  # fmt: skip
_MONTHS = {
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
    "september", "oktober", "november", "dezember",
    "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre",
    "januari", "februari", "maret", "mei", "agustus", "desember",
    "january", "february", "march", "may", "june", "july", "october", "december",
}  # fmt: skip

# a run of sentence-final punctuation, closing quotes/brackets, then white space or the end
_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[»›]|[\"'”’»“)\]])*(?=\s|$)")
_WORD_BEFORE = re.compile(r"(\S+)$")
_NEXT_WORD = re.compile(r"\s*([\"'„“‚‘«»(\[]*)(\S*)")


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence: ``paragraph`` index and code-point span ``start:end`` in that paragraph."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class SentenceBead:
    """Aligned sentences (either side may be empty) and the aligner's confidence."""

    left: tuple[SentenceSpan, ...]
    right: tuple[SentenceSpan, ...]
    score: float = 1.0


def _abbreviations(lang: str) -> set[str]:
    return _COMMON | _ABBREVIATIONS.get(lang, set())


def _is_boundary(text: str, match: re.Match[str], lang: str, abbreviations: set[str]) -> bool:
    end = match.end()
    following = _NEXT_WORD.match(text, end)
    next_word = following.group(2) if following else ""
    if not next_word:
        return True
    first = next_word[0]
    if first.islower():
        return False
    punct = match.group()
    if not punct.startswith(".") or punct.startswith(".."):
        return True  # "!", "?", "…" and ellipses end a sentence before a capital
    before = _WORD_BEFORE.search(text, 0, match.start())
    if before is None:
        return True
    word = before.group(1).lstrip("\"'„“‚‘«»([")
    lowered = word.lower()
    if lowered in abbreviations or lowered.rstrip(".") in abbreviations:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "G. O. Dyhrenfurth", "z. B."
    if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word):
        return False  # "z.B", "U.S", "d.h"
    if word.isdigit() and len(word) <= 3:
        month = next_word.strip(".,;:").lower()
        if month in _MONTHS:
            return False  # "15. Dezember"
        if lang == "de":
            return False  # German ordinals: "im 19. Jahrhundert", "der 3. Versuch"
    return True


def split_sentences(text: str, lang: str = "und") -> list[tuple[int, int]]:
    """Code-point spans ``(start, end)`` of the sentences of ``text``, white space excluded."""
    abbreviations = _abbreviations(lang)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if _is_boundary(text, match, lang, abbreviations):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(text)))
    result = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            result.append((a, b))
    return result


def align_sentences(
    left: Sequence[tuple[int, str]],
    right: Sequence[tuple[int, str]],
    *,
    left_lang: str = "und",
    right_lang: str = "und",
) -> list[SentenceBead]:
    """Align the sentences of some paragraphs (``(paragraph index, text)`` pairs) of each side.

    Uses the paragraph aligner on sentences: every sentence ends up in exactly one bead, in
    order; a sentence without a counterpart gets a bead of its own.
    """
    from reader.core.align import align_paragraphs

    left_spans = [
        SentenceSpan(index, a, b)
        for index, text in left
        for a, b in split_sentences(text, left_lang)
    ]
    right_spans = [
        SentenceSpan(index, a, b)
        for index, text in right
        for a, b in split_sentences(text, right_lang)
    ]
    left_text = dict(left)
    right_text = dict(right)
    alignment = align_paragraphs(
        [left_text[s.paragraph][s.start : s.end] for s in left_spans],
        [right_text[s.paragraph][s.start : s.end] for s in right_spans],
        left_lang=left_lang,
        right_lang=right_lang,
    )
    return [
        SentenceBead(
            tuple(left_spans[i] for i in bead.left),
            tuple(right_spans[j] for j in bead.right),
            bead.score,
        )
        for bead in alignment.beads
    ]


def align_bead_sentences(left: Document, right: Document, bead: Bead) -> list[SentenceBead]:
    """Sentence beads inside one paragraph bead of ``left`` and ``right``."""
    return align_sentences(
        [(i, left.paragraphs[i]) for i in bead.left],
        [(j, right.paragraphs[j]) for j in bead.right],
        left_lang=left.lang,
        right_lang=right.lang,
    )
