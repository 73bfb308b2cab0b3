"""Lexical anchors: the parts of a paragraph that survive translation.

Numbers (digits and number words), names and other near-identical words (``Singapur`` /
``Singapura``, ``Expedition`` / ``expédition``), acronyms, URLs, quotations and parentheses.
Each is turned into a *key*; the aligner counts keys that two paragraphs share. Keys carry their
kind in their first character:

``#``  a number (``#2015``, ``#26``) or a power of ten from a scale word (``#e9`` for
       *Milliarde*, *miliar*, *billion*, *milliard*);
``w``  a word: the first five letters of a case- and accent-folded word of four letters or more
       (spelling variants evened out, see :func:`word_key`);
``A``  an acronym: an all-capital token of two or three letters, as written (``EU``, ``EQ2``);
``U``  a URL or e-mail address, lower-cased, without scheme and trailing slash;
``Q``  a quotation (one per pair of quotation marks);
``P``  a parenthesis.

The module is self-contained; :func:`numeric_anchors` is the one place that knows number words,
so it can later be pointed at a shared normaliser.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain

try:  # the C helper behind Counter.update, without its per-call ABC check (20,000 calls a book)
    from collections import _count_elements  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons

    def _count_elements(mapping: dict[str, int], iterable: Iterable[str]) -> None:
        for key in iterable:
            mapping[key] = mapping.get(key, 0) + 1


__all__ = [
    "KIND_WEIGHTS",
    "fold",
    "key_counts",
    "numeric_anchors",
    "paragraph_keys",
    "shared_keys",
    "word_key",
]

#: Relative weight of one shared key of each kind (the aligner multiplies it by rarity).
KIND_WEIGHTS: dict[str, float] = {
    "#": 1.5,
    "w": 1.5,
    "A": 1.5,
    "U": 3.0,
    "Q": 0.4,
    "P": 0.6,
}

_UNITS = {
    0: ("null", "nol", "zero", "zéro"),
    2: ("zwei", "dua", "two", "deux"),
    3: ("drei", "tiga", "three", "trois"),
    4: ("vier", "empat", "four", "quatre"),
    5: ("fünf", "lima", "five", "cinq"),
    6: ("sechs", "enam", "six"),
    7: ("sieben", "tujuh", "seven", "sept"),
    8: ("acht", "delapan", "eight", "huit"),
    9: ("neun", "sembilan", "nine", "neuf"),
    10: ("zehn", "sepuluh", "ten", "dix"),
    11: ("elf", "sebelas", "eleven", "onze"),
    12: ("zwölf", "twelve", "douze"),
    13: ("dreizehn", "thirteen", "treize"),
    14: ("vierzehn", "fourteen", "quatorze"),
    15: ("fünfzehn", "fifteen", "quinze"),
    16: ("sechzehn", "sixteen", "seize"),
    17: ("siebzehn", "seventeen"),
    18: ("achtzehn", "eighteen"),
    19: ("neunzehn", "nineteen"),
    20: ("zwanzig", "twenty", "vingt"),
    30: ("dreißig", "dreissig", "thirty", "trente"),
    40: ("vierzig", "forty", "quarante"),
    50: ("fünfzig", "fifty", "cinquante"),
    60: ("sechzig", "sixty", "soixante"),
    70: ("siebzig", "seventy", "septante"),
    80: ("achtzig", "eighty", "octante"),
    90: ("neunzig", "ninety", "nonante"),
    100: ("hundert", "seratus", "hundred", "cent"),
    1000: ("tausend", "seribu", "thousand", "mille"),
}
# Words for "one" double as articles or pronouns (ein, un, one, satu …): left out on purpose.
_SCALES = {
    "e6": ("million", "millionen", "mio", "juta", "millions"),
    "e9": (
        "milliarde",
        "milliarden",
        "mrd",
        "miliar",
        "milyar",
        "billion",
        "billions",
        "milliard",
        "milliards",
    ),
    "e12": ("billionen", "triliun", "trillion", "trillions"),
}
_NUMBER_WORDS: dict[str, str] = {}
for _value, _words in _UNITS.items():
    for _word in _words:
        _NUMBER_WORDS[_word] = f"#{_value}"
for _scale, _words in _SCALES.items():
    for _word in _words:
        _NUMBER_WORDS[_word] = f"#{_scale}"
# "billion" is 10^12 in German ("Billion") but 10^9 in English: resolved per language below.
_LANG_OVERRIDES = {"de": {"billion": "#e12"}}

_NUMBER = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?![\d])|\d+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ACRONYM = re.compile(r"\b[A-ZÄÖÜÀ-Þ][A-ZÄÖÜÀ-Þ0-9]{1,2}\b")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def _fold(token: str) -> str:
    lowered = token.lower().replace("ß", "ss")
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """Lower-case ``token`` and strip accents (``Ünïcødé`` → ``unicøde``; ``ß`` → ``ss``)."""
    return _fold(token)


_SPELLING = [("ph", "f"), ("x", "ks"), ("c", "k"), ("y", "i"), ("w", "v")]
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def word_key(token: str) -> str | None:
    """The word key of ``token``, or ``None`` for words shorter than four letters.

    Spelling differences common between European languages and Indonesian/Malay are evened out
    before the first five letters are taken: ``ph``/``f``, ``x``/``ks``, ``c``/``k``, ``y``/``i``,
    ``w``/``v`` and doubled letters (``Export``/``ekspor``, ``Konnektivität``/``konektivitas``).
    """
    if len(token) < 4:
        return None
    folded = _fold(token)  # word_key's own cache makes a second one useless
    for a, b in _SPELLING:
        folded = folded.replace(a, b)
    if _DOUBLED.search(folded) is not None:  # a template substitution is slow even with no match
        folded = _DOUBLED.sub(_first_group, folded)
    return "w" + folded[:5]


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)


def numeric_anchors(text: str, lang: str = "und") -> Counter[str]:
    """Numbers in ``text``, written in digits or as basic number words of de/id/en/fr.

    Digit groups are normalised (``1.000``, ``1,000`` and ``1000`` all give ``#1000``; leading
    zeros are dropped); number words give the same key as their digits (``zehn``, ``sepuluh``,
    ``ten``, ``dix`` → ``#10``); scale words give a power of ten (``Milliarden``, ``miliar`` →
    ``#e9``). Words for *one* are ignored (they double as articles).
    """
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group()).lstrip("0") or "0"
        found["#" + digits] += 1
    overrides = _LANG_OVERRIDES.get(lang, {})
    for match in _WORD.finditer(text):
        word = match.group().lower()
        key = overrides.get(word) or _NUMBER_WORDS.get(word)
        if key is not None:
            found[key] += 1
    return found


_CACHE_LIMIT = 200_000
_token_caches: dict[str, dict[str, tuple[str, ...]]] = {}
_QUOTES = re.compile('["„“”«»‹›「」『』]')


_HAS_DIGIT = re.compile(r"\d").search
# punctuation that may stand around a word (no letter, digit or underscore among them)
_EDGES = ".,;:!?\"'„“”«»‹›()[]{}<>…–—‐-‘’‚/*&%+=|~#"


def _add_word_keys(word: str, overrides: dict[str, str] | None, keys: list[str]) -> None:
    """Append the number key (for a number word) and the word key of one word."""
    low = word.lower()
    number = (overrides.get(low) if overrides else None) or _NUMBER_WORDS.get(low)
    if number is not None:
        keys.append(number)
    key = word_key(word)
    if key is not None:
        keys.append(key)


def _token_keys(token: str, lang: str) -> tuple[str, ...]:
    """Keys of one white-space separated token (numbers, words, acronyms, a URL).

    The same keys as :func:`numeric_anchors` plus word, acronym and URL keys, computed with cheap
    pre-checks first: this runs once per distinct token of a whole book.
    """
    lowered = token.lower()
    if "://" in token or "www." in lowered or "@" in token:
        url = _URL.search(token)
        if url is not None:
            address = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.group().lower()).rstrip("/.")
            return ("U" + address,)
    keys: list[str] = []
    core = token.strip(_EDGES)
    if core.isalpha():
        # the common case, a word with punctuation around it: the one match of _WORD is
        # ``core``, and an acronym can only be the whole of it
        _add_word_keys(core, _LANG_OVERRIDES.get(lang), keys)
        if len(core) <= 3 and lowered != token:
            for acronym in _ACRONYM.findall(core):
                keys.append("A" + acronym)
        return tuple(keys)
    if _HAS_DIGIT(token):
        for match in _NUMBER.finditer(token):
            digits = "".join(filter(str.isdigit, match.group())).lstrip("0") or "0"
            keys.append("#" + digits)
    overrides = _LANG_OVERRIDES.get(lang)
    for word in _WORD.findall(token):
        _add_word_keys(word, overrides, keys)
    if lowered != token:
        for acronym in _ACRONYM.findall(token):
            keys.append("A" + acronym)
    return tuple(keys)


def _fill_cache(tokens: Iterable[str], lang: str) -> dict[str, tuple[str, ...]]:
    cache = _token_caches.setdefault(lang, {})
    missing = set(tokens).difference(cache)
    if missing:
        if len(cache) + len(missing) > _CACHE_LIMIT:
            cache.clear()
        for token in missing:
            cache[token] = _token_keys(token, lang)
    return cache


def _shape_keys(text: str, keys: Counter[str]) -> None:
    # an ASCII text (known without a scan) has one quotation mark only: count it in C
    quotes = (text.count('"') if text.isascii() else len(_QUOTES.findall(text))) // 2
    if quotes:
        keys["Q"] += quotes
    parens = text.count("(")
    if parens:
        keys["P"] += parens


def paragraph_keys(text: str, lang: str = "und") -> Counter[str]:
    """Every anchor key of ``text`` with its count (see the module docstring for the kinds)."""
    tokens = text.split()
    cache = _fill_cache(tokens, lang)
    keys = Counter(chain.from_iterable([cache[t] for t in tokens]))
    _shape_keys(text, keys)
    return keys


def shared_keys(
    left: Sequence[str], right: Sequence[str], left_lang: str = "und", right_lang: str = "und"
) -> tuple[list[Counter[str]], list[Counter[str]]]:
    """The keys of every paragraph of both sides, restricted to keys found on both sides.

    The same as :func:`paragraph_keys` per paragraph, minus keys that only one side has (they
    cannot anchor anything), computed without counting those.
    """
    counts = key_counts(left, right, left_lang, right_lang)
    return [Counter(keys) for keys in counts[0]], [Counter(keys) for keys in counts[1]]


def key_counts(
    left: Sequence[str], right: Sequence[str], left_lang: str = "und", right_lang: str = "und"
) -> tuple[list[dict[str, int]], list[dict[str, int]]]:
    """:func:`shared_keys` as plain dictionaries (quicker to make, for the aligner)."""
    tokens = [[t.split() for t in left], [t.split() for t in right]]
    caches = []
    vocabularies = []
    side_keys = []
    for side, lang in zip(tokens, (left_lang, right_lang), strict=True):
        vocabulary = set(chain.from_iterable(side))
        cache = _fill_cache(vocabulary, lang)
        caches.append(cache)
        vocabularies.append(vocabulary)
        side_keys.append(set(chain.from_iterable([cache[t] for t in vocabulary])))
    shared = side_keys[0] & side_keys[1]
    out: list[list[dict[str, int]]] = []
    for side, cache, vocabulary, texts in zip(
        tokens, caches, vocabularies, (left, right), strict=True
    ):
        # each token that has a shared key, with its shared keys only: the per-paragraph loop
        # below is then a handful of C-level passes (isdisjoint, map, filter, chain, counting)
        relevant = {
            t: tuple([k for k in found if k in shared])
            for t in vocabulary
            if not shared.isdisjoint(found := cache[t])
        }
        lookup = relevant.get
        nothing_relevant = relevant.keys().isdisjoint
        counters = []
        for words, text in zip(side, texts, strict=True):
            keys: dict[str, int] = {}
            if not nothing_relevant(words):
                _count_elements(keys, chain.from_iterable(filter(None, map(lookup, words))))
            # quotations and parentheses (no token key is "Q" or "P"); an ASCII text (known
            # without a scan) has one quotation mark only: counted in C
            quotes = (text.count('"') if text.isascii() else len(_QUOTES.findall(text))) // 2
            if quotes:
                keys["Q"] = quotes
            parens = text.count("(")
            if parens:
                keys["P"] = parens
            counters.append(keys)
        out.append(counters)
    return out[0], out[1]
