"""pygments lexers that mark entity candidates in German, Indonesian and other languages.

Each lexer is a :class:`pygments.lexer.RegexLexer` whose token types are those of
:mod:`reader.core.entities.model` (``Token.Literal.Date``, ``Token.Literal.Number.Money``,
``Token.Name.Entity.Place``, ``Token.Name.Candidate`` …). They are built with ``stripnl=False,
ensurenl=False`` and used through ``get_tokens_unprocessed`` so that token offsets are code-point
offsets into the original paragraph. Numeric tokens are final; name tokens are evidence that
:mod:`reader.core.entities.names` weighs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from pygments.lexer import RegexLexer
from pygments.token import Punctuation, Text, _TokenType

from reader.core.entities import gazetteer
from reader.core.entities.model import (
    ACRONYM,
    CANDIDATE,
    DATE,
    MONEY,
    NUMBER,
    ORG_SUFFIX,
    PERCENT,
    PLACE,
    PRODUCT,
    TERM,
)
from reader.core.entities.normalize import DE_MORPHEME_RE

TokenStream = Iterator[tuple[int, _TokenType, str]]

SP = r"[ \u00a0\u202f]"
NB = r"(?![\w])"  # end of a word
START = r"(?<![\w.,])"  # not inside a word or a number

DIGITS_COMMA = r"\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?(?!\w)|\d+(?:,\d+)?(?!\w)"
DIGITS_ANY = r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\w)|\d+(?:[.,]\d+)?(?!\w)"
YEAR = r"(?:1[0-9]|2[01])\d\d(?!\w)"

CURRENCY_CODES = "USD|EUR|SGD|IDR|CNY|RMB|GBP|JPY|CHF|MYR|HKD|AUD|KRW|THB|INR|RUB"
PRE_CURRENCY = (
    r"(?:US\$|S\$|HK\$|A\$|\$|€|£|¥|₹|₩|₽|Rp\.?|RM(?="
    + SP
    + r"?\d)|(?:"
    + CURRENCY_CODES
    + r")(?="
    + SP
    + r"?\d))"
)

MONTHS_DE = (
    "Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|"
    "Dezember"
)
ABBR_DE = r"(?:Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Nov|Dez)\."
MONTHS_ID = (
    "Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|"
    "Desember"
)
ABBR_ID = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Agus|Sep|Okt|Nov|Des)\.?"
MONTHS_EN = "January|February|March|April|June|July|August|September|October|November|December"
MONTHS_FR = "(?i:janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre)"

QUOTE_OPEN = '„“”"«»‚'
QUOTE_CLOSE = '“”"»«‘’'
QUOTED = (
    f"(?P<q_open>[{QUOTE_OPEN}])(?P<q_inner>[^{QUOTE_OPEN}{QUOTE_CLOSE}\\n]{{1,60}}?)"
    f"(?P<q_close>[{QUOTE_CLOSE}])"
)
_TERM_BREAK = re.compile(r"[.!?,;:]|\s-\s")
ORG_SUFFIX_RE = (
    f"(?:Co\\.,?{SP}?Ltd\\.?|Pte\\.?{SP}Ltd\\.?|Co\\.|Ltd\\.|Inc\\.|Corp\\.|GmbH|AG|KG|SE|LLC|PLC"
    "|Tbk\\.?)(?![\\w])"
)
ROMAN = re.compile(r"^[IVXLC]+$")
# A clock time (10:30, 10.30 Uhr, 10.00 WIB): not one of the kinds, and not two numbers.
TIME = f"(?:[01]?\\d|2[0-3])[:.][0-5]\\d(?!\\d|[.,]\\d)(?:{SP}?(?:Uhr|WIB|WITA|WIT){NB})?"
COMPASS = re.compile(r"^[NSEOW]{1,3}$")
# Units after a four-digit number: a measurement, not a year ("1200 m", "2000 Menschen").
UNITS = (
    "(?:m|km|cm|mm|kg|g|t|l|ha|m²|km²|Meter|Metern|Kilometer|Kilometern|Tonnen|Einwohner|"
    "Menschen|Personen|Stück|meter|kilometer|ton|hektar|orang|jiwa|unit|buah|people|"
    "metres|meters|tonnes|tons)"
)


# A lower-case letter (Latin scripts): only such words can be skipped in bulk.
LOWER = r"[^\W\dA-ZÀ-ÖØ-ÞĀ-Ž_]"
_LITERAL = re.compile(r"^[\w .'-]+$")


def _trie(words: list[str]) -> str:
    """An alternation of literal words as a prefix tree: ``zwei|zwanzig`` → ``zw(?:ei|anzig)``.

    The regular-expression engine then rejects a position after one character instead of trying
    every word, and a longer word always wins over its prefix (``Dollars`` over ``Dollar``).
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(tree)


def _alt(*words: str) -> str:
    """A regex alternation of ``|``-separated words; literal words go into a prefix tree."""
    parts: list[str] = []
    for w in words:
        parts.extend(p for p in w.split("|") if p)
    literal = sorted({p for p in parts if _LITERAL.match(p)})
    other = sorted({p for p in parts if not _LITERAL.match(p)}, key=len, reverse=True)
    branches = ([_trie(literal)] if literal else []) + other
    return "(?:" + "|".join(branches) + ")"


def _quoted_callback(lexer: RegexLexer, match: re.Match[str]) -> TokenStream:
    """A short quotation without digits is a term; others are lexed like the text around."""
    inner = match.group("q_inner")
    stripped = inner.strip()
    yield match.start("q_open"), Punctuation, match.group("q_open")
    if (
        stripped
        and len(stripped.split()) <= 6
        and not _TERM_BREAK.search(stripped)
        and not any(c.isdigit() for c in stripped)  # numbers inside stay numbers (checked)
    ):
        yield match.start("q_inner"), TERM, inner
    else:
        base = match.start("q_inner")
        for index, token, value in lexer.get_tokens_unprocessed(inner):
            yield base + index, token, value
    yield match.start("q_close"), Punctuation, match.group("q_close")


def _word_callback(lexer: RegexLexer, match: re.Match[str]) -> TokenStream:
    """Classify a word: place from the gazetteer, acronym, product code, capitalised word."""
    word = match.group()
    first = word[0]
    if not first.isupper():
        yield match.start(), Text, word
        return
    lang = lexer.lang
    if gazetteer.place_kind(word, lang) == "place":
        yield match.start(), PLACE, word
    elif any(c.isdigit() for c in word):
        yield match.start(), PRODUCT, word
    elif len(word) >= 2 and word.isupper():
        if ROMAN.match(word) or COMPASS.match(word) or len(word) > 6:
            yield match.start(), Text, word
        else:
            yield match.start(), ACRONYM, word
    else:
        yield match.start(), CANDIDATE, word


def _number_words_callback(lexer: RegexLexer, match: re.Match[str]) -> TokenStream:
    """Number words; bare German articles (``ein``, ``eine``) are not the number one."""
    from reader.core.entities.normalize import parse_number

    text = match.group()
    if text.lower() in ("ein", "eine", "einen", "einem", "einer", "eines", "einmal") or (
        parse_number(text, lexer.lang) is None
    ):
        yield match.start(), Text, text
    else:
        yield match.start(), NUMBER, text


class _Spec:
    """The language-specific regular expressions one lexer is built from."""

    def __init__(
        self,
        *,
        digits: str,
        number_words: str,
        scales: str,
        post_currency: str,
        percent: str,
        dates: list[str],
        month_only: str | None,
        skip: list[str],
        triggers: str,
    ) -> None:
        self.digits = digits
        self.number_words = number_words
        self.scales = scales
        self.post_currency = post_currency
        self.percent = percent
        self.dates = dates
        self.month_only = month_only
        self.skip = skip
        self.triggers = triggers


def _entity_rules(spec: _Spec) -> list[tuple[str, Any]]:
    """The rules in priority order: (regular expression, token type or callback)."""
    num_core = f"(?:{spec.digits})"
    scaled = f"(?:{SP}+{spec.scales}{NB})"
    number = f"{num_core}{scaled}?"
    words = f"(?:{spec.number_words})"
    words_scaled = f"{words}{scaled}?"
    rules: list[tuple[str, Any]] = [(QUOTED, _quoted_callback)]
    rules += [(skip, Text) for skip in spec.skip]
    rules += [
        # dates with digits come before plain numbers
        *[(START + d, DATE) for d in spec.dates],
        # money: symbol first, or amount then currency
        (f"{PRE_CURRENCY}{SP}?(?:{number}|{words_scaled})", MONEY),
        (f"{START}(?:{number}|{words_scaled}){SP}?{spec.post_currency}", MONEY),
        (f"{START}(?:{number}|{words_scaled}){SP}?{spec.percent}", PERCENT),
        (f"{START}{YEAR}(?![.,]\\d)(?!{SP}?{UNITS}{NB})", DATE),
        (f"{START}{number}", NUMBER),
        (f"{START}{words_scaled}(?![\\w-])", _number_words_callback),
    ]
    if spec.month_only:
        rules.append((f"{spec.month_only}{NB}", DATE))
    rules += [
        (ORG_SUFFIX_RE, ORG_SUFFIX),
        (r"[^\W\d_][\w]*", _word_callback),
        (r"\d+[^\W\d_][\w]*", Text),  # 3D, 5G: not numbers
    ]
    return rules


def _rules(spec: _Spec) -> list[Any]:
    """pygments rules: white space, then one combined expression for every entity rule.

    Trying one alternation in the regular-expression engine is several times faster than letting
    RegexLexer try each rule in turn; the callback dispatches on the alternative that matched.
    """
    entity_rules = _entity_rules(spec)
    actions: dict[str, Any] = {}
    parts = []
    for n, (pattern, action) in enumerate(entity_rules):
        name = f"r{n}"
        actions[name] = action
        parts.append(f"(?P<{name}>{pattern})")
    combined = "|".join(parts)

    def dispatch(lexer: RegexLexer, match: re.Match[str]) -> TokenStream:
        action = actions[match.lastgroup or ""]
        if isinstance(action, _TokenType):
            yield match.start(), action, match.group()
        else:
            yield from action(lexer, match)

    plain = f"(?:(?!(?:{spec.triggers})(?![\\w-])){LOWER}\\w*[\\s,;:.!?()/–—-]*)+"
    return [(r"\s+", Text), (plain, Text), (combined, dispatch), (r".", Text)]


def _scales_de() -> str:
    words = _alt("Tausend|Millionen|Million|Milliarden|Milliarde|Billionen|Billion")
    return f"(?:{words}{NB}|(?:Tsd|Mio|Mrd|Bio)(?:\\.|{NB}))"


GERMAN = _Spec(
    digits=DIGITS_COMMA,
    number_words=(
        f"(?i:{_alt(DE_MORPHEME_RE)}+(?:mal)?)"
        f"|(?:[Ee]ine?[nrms]?(?={SP}+(?:Millionen|Million|Milliarden|Milliarde|Billion)))"
    ),
    scales=_scales_de(),
    post_currency=_alt(
        "US-Dollars|US-Dollar|Singapur-Dollars|Singapur-Dollar|Dollars|Dollar|Euros|Euro|"
        "Yuan Renminbi|Yuan|Renminbi|Rupiah|Pfund Sterling|Pfund|Yen|Schweizer Franken|"
        "Franken|Ringgit|Won|Baht|Rupien|Rupie|Rubel|€|\\$|£|¥|" + CURRENCY_CODES
    )
    + NB,
    percent=r"(?:%|Prozentpunkte\b|Prozentpunkt\b|Prozent\b|v\.\s?H\.)",
    dates=[
        r"\d{4}-\d{2}-\d{2}(?!\d)",
        r"(?:[12]\d|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.\d{4}(?!\d)",
        f"(?:[12]\\d|3[01]|0?[1-9])\\.{SP}?(?:(?:{MONTHS_DE}){NB}|{ABBR_DE})(?:{SP}{YEAR})?",
        f"(?:(?:{MONTHS_DE}){NB}|{ABBR_DE}){SP}{YEAR}",
    ],
    month_only=f"(?:{MONTHS_DE})",
    skip=[TIME],
    triggers=f"{_alt(DE_MORPHEME_RE)}+(?:mal)?|ein\\w{{0,2}}",
)

_ID_UNITS = "nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|setengah"
_ID_ALL = (
    _ID_UNITS
    + "|belas|puluh|ratus|seratus|ribu|seribu|juta|sejuta|miliar|milyar|semiliar|triliun|setriliun"
)
INDONESIAN = _Spec(
    digits=DIGITS_COMMA,
    number_words=(
        f"(?i:{_alt(_ID_UNITS, 'seratus|seribu|sejuta|semiliar|setriliun')}"
        f"(?![\\w-])(?:{SP}+{_alt(_ID_ALL)}(?![\\w-]))*)"
    ),
    scales=f"(?i:{_alt('ribu|rb|juta|jt|miliar|milyar|triliun')})",
    post_currency=(
        "(?i:"
        + _alt(
            "dolar AS|dolar Amerika Serikat|dolar Amerika|dolar Singapura|dollar AS|dolar|"
            "rupiah|euro|yuan renminbi|yuan|renminbi|yen|ringgit|pound sterling|poundsterling|"
            "pound|baht|rubel"
        )
        + f"{NB}|{CURRENCY_CODES}{NB}|€|\\$|£|¥)"
    ),
    percent=r"(?:%|(?i:persen)\b)",
    dates=[
        r"\d{4}-\d{2}-\d{2}(?!\d)",
        r"(?:[12]\d|3[01]|0?[1-9])[./-](?:1[0-2]|0?[1-9])[./-]\d{4}(?!\d)",
        f"(?:[12]\\d|3[01]|0?[1-9]){SP}(?:(?:{MONTHS_ID}){NB}|{ABBR_ID}{NB})(?:{SP}{YEAR})?",
        f"(?:(?:{MONTHS_ID}){NB}|{ABBR_ID}{NB}){SP}{YEAR}",
    ],
    month_only=f"(?:{MONTHS_ID})",
    skip=[
        TIME,
        r"(?i:salah)" + SP + r"+(?i:satu)" + NB,
        r"\d+-an" + NB,  # 1990-an: a decade, not a year
        # "half" and "one/a" alone: German writes "die Hälfte", "eine Tonne" (no number)
        r"(?i:setengah|satu)" + NB + f"(?![\\w-]|{SP}+(?i:{_ID_ALL}))",
    ],
    triggers=_alt(
        _ID_ALL,
        "salah|dolar|dollar|rupiah|euro|yuan|renminbi|yen|ringgit|pound|poundsterling|baht|rubel",
    ),
)

_EN_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|vingt|trente"
)
GENERIC = _Spec(
    digits=DIGITS_ANY,
    number_words=f"(?i:{_alt(_EN_WORDS)}(?:[- ]{_alt(_EN_WORDS)})*)",
    scales=_alt(
        "thousand|millions|million|billions|billion|trillion|bn|mn|mille|milliards|milliard"
    ),
    post_currency=(
        _alt(
            "US dollars|US dollar|dollars|dollar|euros|euro|yuan|renminbi|pounds|pound|yen|"
            "francs suisses|rupiah|ringgit"
        )
        + f"{NB}|(?:{CURRENCY_CODES}){NB}|€|\\$|£|¥"
    ),
    percent=r"(?:%|(?i:per\s?cent|percent|pour\s?cent)\b)",
    dates=[
        r"\d{4}-\d{2}-\d{2}(?!\d)",
        r"(?:[12]\d|3[01]|0?[1-9])[./](?:[12]\d|3[01]|0?[1-9])[./]\d{4}(?!\d)",
        f"(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th|er)?{SP}(?:of{SP})?(?:{MONTHS_EN}|May|{MONTHS_FR}|mai){NB}(?:,?{SP}{YEAR})?",
        f"(?:{MONTHS_EN}|May){SP}(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:,?{SP}{YEAR})?{NB}",
        f"(?:{MONTHS_EN}|May|{MONTHS_FR}){SP}{YEAR}",
    ],
    month_only=f"(?:{MONTHS_EN})",
    skip=[],
    triggers=_alt(
        _EN_WORDS,
        "dollars|dollar|euros|euro|yuan|renminbi|pounds|pound|yen|francs|rupiah|ringgit|"
        "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
        "per|percent|pour|thousand|million|millions|billion|billions|trillion|mille|milliard|"
        "milliards|bn|mn",
    ),
)


def _make_lexer(name: str, code: str, spec: _Spec) -> type[RegexLexer]:
    attrs: dict[str, Any] = {
        "name": name,
        "aliases": [f"entities-{code}"],
        "filenames": [],
        "flags": re.UNICODE,
        "lang": code,
        "tokens": {"root": _rules(spec)},
    }
    return type(f"{name.replace(' ', '')}Lexer", (RegexLexer,), attrs)


GermanEntityLexer = _make_lexer("German entities", "de", GERMAN)
IndonesianEntityLexer = _make_lexer("Indonesian entities", "id", INDONESIAN)
GenericEntityLexer = _make_lexer("Generic entities", "en", GENERIC)


def base_language(lang: str) -> str:
    """``de-AT`` → ``de``; Malay shares the Indonesian lexer."""
    base = (lang or "und").split("-")[0].split("_")[0].lower()
    return "id" if base == "ms" else base


@lru_cache(maxsize=16)
def lexer_for(lang: str) -> RegexLexer:
    """The (shared, stateless) lexer instance for a language code."""
    base = base_language(lang)
    cls = {"de": GermanEntityLexer, "id": IndonesianEntityLexer}.get(base, GenericEntityLexer)
    lexer = cls(stripnl=False, ensurenl=False)
    if cls is GenericEntityLexer:
        lexer.lang = base if base != "und" else "en"
    return lexer


def tokens(text: str, lang: str) -> list[tuple[int, _TokenType, str]]:
    """All tokens of ``text`` with code-point offsets (no newline handling, no stripping)."""
    return list(lexer_for(lang).get_tokens_unprocessed(text))
