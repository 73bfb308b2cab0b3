"""Deciding which capitalised words are names, from evidence rather than capitalisation alone.

German capitalises every noun, so there a capitalised word is a name only with evidence: the
built-in gazetteer, an acronym or product code, an organisation suffix or marker in the same run
of capitalised words, a same or near-identical word in the aligned paragraph of the other language
(``Singapur``/``Singapura``), or the user's glossary (applied by the caller). Indonesian and most
other languages capitalise only names, so there a capitalised word that does not start a sentence
counts, and so does a run of several capitalised words. Title-case headings prove nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from pygments.token import _TokenType

from reader.core.entities.gazetteer import (
    CONNECTORS,
    FUNCTION_WORDS,
    HONORIFICS,
    ORG_MARKERS,
    PLACE_MARKERS,
    PLACES,
    _words,
)
from reader.core.entities.model import (
    ACRONYM,
    CANDIDATE,
    ORG_SUFFIX,
    PLACE,
    PRODUCT,
    TERM,
    Entity,
)

NAMEISH = frozenset({CANDIDATE, PLACE, ACRONYM, PRODUCT, ORG_SUFFIX})
_GAP = re.compile(
    r"^(?:[ \u00a0]|-|[ \u00a0](?:" + "|".join(map(re.escape, CONNECTORS)) + r")[ \u00a0])$"
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:…„“”\"«»‚‘'])\s*$")
_CAPITALISED = re.compile(r"[^\W\d_][\w]*")
# Titles and roles that precede a name without being part of it.
_TITLES = _words(
    "Präsident Präsidentin Minister Ministerin Kanzler Kanzlerin Direktor Direktorin Vorsitzende "
    "Vorsitzender Presiden Menteri Ketua Direktur Gubernur Walikota Bupati President Minister "
    "Chairman Director Governor Mayor Bundeskanzler Bundeskanzlerin Bundespräsident "
    "Bundespräsidentin Premierminister Premierministerin Außenminister Außenministerin "
    "Ministerpräsident Ministerpräsidentin König Königin Papst Generalsekretär Bürgermeister "
    "Bürgermeisterin Sprecher Sprecherin Perdana Wakil Kanselir Raja Ratu Paus Sekjen"
)
_GERMAN_ENDINGS = (
    "ung",
    "ungen",
    "heit",
    "keit",
    "schaft",
    "ität",
    "ismus",
    "chen",
    "nis",
    "tum",
    "ie",
    "ik",
    "en",
    "er",
    "ern",
    "ing",
)
_GERMAN_INFIXES = ("ung", "heit", "keit", "schaft", "sch")


def german_looking(word: str) -> bool:
    """True for words that look like German common nouns (umlauts, noun suffixes, compounds)."""
    low = word.lower()
    if any(c in low for c in "äöüß"):
        return True
    if len(low) > 13:
        return True
    if low.endswith("ing") and len(low) <= 9:  # Chongqing, Qingling, Beijing …
        return False
    return low.endswith(_GERMAN_ENDINGS) or any(i in low[1:-2] for i in _GERMAN_INFIXES)


@lru_cache(maxsize=65536)
def near_identical(a: str, b: str) -> bool:
    """Same word, or the same name spelt for another language (``Singapur``/``Singapura``)."""
    x, y = a.lower(), b.lower()
    if x == y:
        return True
    if min(len(x), len(y)) < 5 or x[:3] != y[:3]:
        return False
    if abs(len(x) - len(y)) > 2:
        return False
    if x.startswith(y) or y.startswith(x):
        return True
    return SequenceMatcher(None, x, y).ratio() >= 0.85


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 4) : start])) if start else True


@lru_cache(maxsize=512)
def counterpart_words(counterpart: str, heading: bool) -> frozenset[str]:
    """Capitalised words of the other side that are evidence: not sentence-initial, no heading."""
    if heading:
        return frozenset()
    found = set()
    for m in _CAPITALISED.finditer(counterpart):
        word = m.group()
        if word[0].isupper() and not _sentence_initial(counterpart, m.start()):
            found.add(word)
    return frozenset(found)


@lru_cache(maxsize=512)
def _by_prefix(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Counterpart words grouped by their first three letters (near-identical words share them)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:3].lower(), []).append(w)
    return {k: tuple(v) for k, v in groups.items()}


@lru_cache(maxsize=65536)
def _in_counterpart(word: str, words: frozenset[str], german: bool) -> bool:
    """``word`` or a near-identical spelling occurs among the other side's capitalised words."""
    if len(word) < 2 or word in FUNCTION_WORDS:
        return False
    if word in words:
        return True
    if german and german_looking(word):
        return False
    return any(near_identical(word, o) for o in _by_prefix(words).get(word[:3].lower(), ()))


class _Member:
    __slots__ = ("cp", "end", "gap", "initial", "ok", "start", "strong", "text", "token")

    def __init__(self, start: int, token: _TokenType, text: str, initial: bool) -> None:
        self.start = start
        self.end = start + len(text)
        self.token = token
        self.text = text
        self.initial = initial
        self.strong = False
        self.ok = False
        self.gap = ""
        self.cp = False  # found in the other side's text


def _runs(text: str, toks: Sequence[tuple[int, _TokenType, str]]) -> list[list[_Member]]:
    """Runs of capitalised tokens joined by a space, a hyphen or a connector word.

    A sentence-initial word starts a new run; ``dan``/``and`` do not join a name that already
    ends in a place or acronym to the next one (``Inisiatif … Chongqing dan Rencana …``).
    """
    runs: list[list[_Member]] = []
    current: list[_Member] = []
    for start, token, value in toks:
        if token not in NAMEISH:
            continue
        member = _Member(start, token, value, _sentence_initial(text, start))
        joined = False
        if current and not member.initial:
            gap = text[current[-1].end : start]
            member.gap = gap
            if _GAP.match(gap):
                joined = not (
                    gap.strip() in ("dan", "and") and current[-1].token in (PLACE, ACRONYM)
                )
        if joined:
            current.append(member)
        else:
            if current:
                runs.append(current)
            current = [member]
    if current:
        runs.append(current)
    return runs


def _kind(span: list[_Member], lang: str, person: bool) -> str:
    if person:
        return "person"
    if len(span) == 1:
        token = span[0].token
        if token is PLACE:
            return "place"
        if token is PRODUCT:
            return "product"
        return "organization"
    markers = [
        m for m in span if m.text in ORG_MARKERS or m.text in PLACE_MARKERS or m.token is ORG_SUFFIX
    ]
    if markers:
        marker = markers[0] if lang == "id" else markers[-1]
        if marker.token is ORG_SUFFIX or marker.text in ORG_MARKERS:
            return "organization"
        return "place"
    if " ".join(m.text for m in span) in PLACES:
        return "place"
    if any(m.token in (PLACE, ACRONYM) for m in span):
        return "organization"
    if all(m.token is PRODUCT for m in span):
        return "product"
    if lang.split("-")[0].lower() == "de":
        # German: a two- or three-word name seen on both sides ("Olaf Scholz") is a person;
        # other evidence-backed names are mostly institutions
        if len(span) <= 3 and all(m.cp and m.token is CANDIDATE for m in span):
            return "person"
        return "organization"
    return "person" if len(span) <= 3 else "organization"


def find_names(
    text: str,
    lang: str,
    toks: Sequence[tuple[int, _TokenType, str]],
    *,
    counterpart: str | None = None,
    heading: bool = False,
    counterpart_heading: bool = False,
) -> list[Entity]:
    """Name and term entities of one paragraph from its lexer tokens and the evidence."""
    german = lang.split("-")[0].lower() == "de"
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) > 8 and sum(c.isupper() for c in letters) > 0.6 * len(letters)
    others = counterpart_words(counterpart, counterpart_heading) if counterpart else frozenset()
    found: list[Entity] = []
    for start, token, value in toks:
        if token is TERM:
            found.append(Entity(start, start + len(value), value, "term", value))
    for run in _runs(text, toks):
        person = titled = False
        # drop function words, titles and honorifics at the front
        while run and (
            run[0].text in FUNCTION_WORDS or run[0].text in _TITLES or run[0].text in HONORIFICS
        ):
            person = person or run[0].text in HONORIFICS
            titled = titled or run[0].text in _TITLES
            run = run[1:]
        if (person or titled) and german:
            # "Herrn Müller": up to three names; "Präsident Macron": no German-looking noun
            keep = 0
            while (
                keep < min(len(run), 3)
                and run[keep].token is CANDIDATE
                and (person or _foreign(run[keep]))
            ):
                keep += 1
            run = run[:keep]
            person = person or bool(run)
        if not run:
            continue
        if shouting:  # an all-capitals line: capitals prove nothing, not even acronyms
            run = [m for m in run if m.token is not ACRONYM or m.text in PLACES]
            if not run:
                continue
        for m in run:
            m.cp = _in_counterpart(m.text, others, german)
            m.strong = m.token in (PLACE, ACRONYM, PRODUCT, ORG_SUFFIX) or m.cp or person
            if not m.strong and not german and not heading:
                m.strong = not m.initial and m.text not in FUNCTION_WORDS
            m.ok = m.strong
        if not german and not heading and len(run) >= 2 and run[0].text not in FUNCTION_WORDS:
            for m in run:  # a run of capitalised words is a name in Indonesian
                m.ok = True
        if german and not heading:
            _adjective_names(run)
        if german or heading:
            _extend(run)
        for span in _spans(run):
            found.extend(_entities(text, span, lang, person))
    found.sort(key=lambda e: (e.start, -e.end))
    return found


def _foreign(m: _Member) -> bool:
    """A member that may continue a German-text name: not a German-looking common noun."""
    return m.text not in FUNCTION_WORDS and (
        m.text in ORG_MARKERS
        or m.text in PLACE_MARKERS
        or m.token is not CANDIDATE
        or not german_looking(m.text)
    )


_NAME_ADJECTIVES = _words(
    "Deutsche Deutschen Deutscher Vereinte Vereinten Vereinigte Vereinigten Rote Roten Neue "
    "Neuen Freie Freien Erste Ersten"
)


def _adjective_names(run: list[_Member]) -> None:
    """German writes adjectives in lower case except inside names: ``Europäische Union``."""
    for i in range(len(run) - 1):
        m, nxt = run[i], run[i + 1]
        if m.initial or m.token is not CANDIDATE or nxt.gap not in (" ", "\u00a0"):
            continue
        low = m.text.lower()
        if m.text in _NAME_ADJECTIVES or low.endswith(("ische", "ischen", "ischer", "isches")):
            m.strong = m.ok = True
            nxt.strong = nxt.ok = True


def _is_marker(m: _Member) -> bool:
    return m.token is ORG_SUFFIX or m.text in ORG_MARKERS or m.text in PLACE_MARKERS


def _extend(run: list[_Member]) -> None:
    """Grow evidence-backed names in German text over the words between evidence and a marker.

    ``Chongqing Connectivity Initiative``: from the place to the marker; ``Chamber of Commerce
    & Industry``: on from a marker across a connector; ``Bosch GmbH``: back from a suffix. Only
    words that do not look like German common nouns are taken in.
    """
    n = len(run)
    i = 0
    while i < n:  # fill from evidence to the next evidence or marker
        if run[i].ok:
            k = i + 1
            while k < n and not (run[k].strong or _is_marker(run[k])) and _foreign(run[k]):
                k += 1
            if k < n and k > i + 1 and (run[k].strong or _is_marker(run[k])):
                for m in run[i + 1 : k + 1]:
                    m.ok = True
            elif k < n and k == i + 1 and _is_marker(run[k]):
                run[k].ok = True
        i += 1
    for i, m in enumerate(run):  # on from a marker across "of", "&"
        if m.ok and _is_marker(m) and i + 1 < n and run[i + 1].gap.strip() in CONNECTORS:
            j = i + 1
            while j < n and not run[j].ok and _foreign(run[j]):
                run[j].ok = True
                j += 1
    for i in range(n - 1, -1, -1):  # back from a suffix ("Bosch GmbH")
        if run[i].token is ORG_SUFFIX:
            j = i - 1
            while j >= 0 and not run[j].ok and _foreign(run[j]):
                run[j].ok = True
                j -= 1


def _spans(run: list[_Member]) -> list[list[_Member]]:
    spans: list[list[_Member]] = []
    current: list[_Member] = []
    for m in run:
        if m.ok:
            current.append(m)
        elif current:
            spans.append(current)
            current = []
    if current:
        spans.append(current)
    return spans


def _entities(text: str, span: list[_Member], lang: str, person: bool) -> list[Entity]:
    surface = text[span[0].start : span[-1].end]
    if len(span) > 1 and surface not in PLACES and all(m.token is PLACE for m in span):
        return [Entity(m.start, m.end, m.text, "place", m.text) for m in span]
    kind = _kind(span, lang, person)
    return [Entity(span[0].start, span[-1].end, surface, kind, surface)]
