"""Normalised values of numeric entities: numbers, money, percentages and dates.

Every function takes the surface text the lexer marked and returns the value, or ``None`` when the
text does not parse (the entity is then dropped):

* :func:`parse_number` → ``int`` or ``float`` (``"10,8"`` → 10.8, ``"1.000"`` → 1000,
  ``"dreiunddreißig"`` → 33, ``"tiga puluh tiga"`` → 33, ``"1,5 Millionen"`` → 1500000);
* :func:`parse_money` → ``{"amount": number, "currency": "USD"}`` (ISO 4217);
* :func:`parse_percent` → the number before the percent sign or word;
* :func:`parse_date` → an ISO 8601 string as far as known: ``"2025-12-15"``, ``"2024-03"``,
  ``"2015"``, ``"XXXX-11"`` (month without year), ``"XXXX-12-15"`` (day and month, no year).

Digit separators follow the language: German and Indonesian write ``10,8`` and ``1.000``;
English writes ``10.8`` and ``1,000``; other languages are guessed from the shape.
"""

from __future__ import annotations

import re

Number = int | float

# ---------------------------------------------------------------------------------------------
# Word lists shared with the lexers

MONTHS: dict[str, int] = {}
for _names in (
    # German
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    # Indonesian
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
    # English
    "January February March April May June July August September October November December",
    # French (capitalised in titles; the lexer matches them case-insensitively)
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
):
    for _n, _name in enumerate(_names.split(), start=1):
        MONTHS[_name.lower()] = _n
MONTHS["jänner"] = 1
MONTHS["maerz"] = 3
MONTHS["pebruari"] = 2
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mär": 3,
    "mrz": 3,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "agu": 8,
    "agt": 8,
    "agus": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dez": 12,
    "des": 12,
    "dec": 12,
}

# Scale words (lower case, trailing dot of abbreviations removed) → factor.
SCALES: dict[str, int] = {
    # German (Billion is 10^12 in German)
    "tausend": 10**3,
    "tsd": 10**3,
    "million": 10**6,
    "millionen": 10**6,
    "mio": 10**6,
    "milliarde": 10**9,
    "milliarden": 10**9,
    "mrd": 10**9,
    "billion": 10**12,
    "billionen": 10**12,
    "bio": 10**12,
    # Indonesian
    "ribu": 10**3,
    "rb": 10**3,
    "juta": 10**6,
    "jt": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "triliun": 10**12,
    # English
    "thousand": 10**3,
    "millions": 10**6,
    "billions": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    # French
    "mille": 10**3,
    "milliard": 10**9,
    "milliards": 10**9,
}
# English "billion" is 10^9; the German one wins in the shared table, English texts go through
# the generic lexer which passes lang="en".
EN_SCALES = {"billion": 10**9, "billions": 10**9}

# Currency surface → ISO 4217; keys are lower case without surrounding space.
CURRENCIES: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "us-dollar": "USD",
    "us-dollars": "USD",
    "us dollar": "USD",
    "us dollars": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "dolar": "USD",
    "dolar as": "USD",
    "dolar amerika": "USD",
    "dolar amerika serikat": "USD",
    "dollar as": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "yuan": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "renminbi": "CNY",
    "yuan renminbi": "CNY",
    "s$": "SGD",
    "sgd": "SGD",
    "singapur-dollar": "SGD",
    "singapur-dollars": "SGD",
    "singapore dollar": "SGD",
    "singapore dollars": "SGD",
    "dolar singapura": "SGD",
    "rp": "IDR",
    "rp.": "IDR",
    "idr": "IDR",
    "rupiah": "IDR",
    "£": "GBP",
    "gbp": "GBP",
    "pfund": "GBP",
    "pfund sterling": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "pound sterling": "GBP",
    "poundsterling": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "chf": "CHF",
    "franken": "CHF",
    "schweizer franken": "CHF",
    "rm": "MYR",
    "myr": "MYR",
    "ringgit": "MYR",
    "hk$": "HKD",
    "hkd": "HKD",
    "a$": "AUD",
    "aud": "AUD",
    "won": "KRW",
    "krw": "KRW",
    "₩": "KRW",
    "baht": "THB",
    "thb": "THB",
    "inr": "INR",
    "₹": "INR",
    "rupie": "INR",
    "rupien": "INR",
    "rubel": "RUB",
    "rub": "RUB",
    "₽": "RUB",
}

# ---------------------------------------------------------------------------------------------
# Numbers in digits


def parse_digits(text: str, lang: str = "de") -> Number | None:
    """``"10,8"`` → 10.8, ``"1.000"`` → 1000, ``"1 000"`` → 1000 (de/id); ``"1,000.5"`` (en)."""
    s = re.sub(r"[\s\u00a0\u202f\u2009']", "", text)
    if not s or not s[0].isdigit():
        return None
    base = lang.split("-")[0].lower()
    if base in ("de", "id", "ms", "fr", "es", "it", "nl", "pt"):
        decimal = ","
    elif base == "en":
        decimal = "."
    else:
        decimal = _guess_decimal(s)
    thousands = "." if decimal == "," else ","
    s = s.replace(thousands, "")
    if decimal in s:
        whole, _, frac = s.partition(decimal)
        if not whole.isdigit() or not frac.isdigit():
            return None
        return float(f"{whole}.{frac}")
    return int(s) if s.isdigit() else None


def _guess_decimal(s: str) -> str:
    """The decimal mark of a number whose language is unknown."""
    last_dot, last_comma = s.rfind("."), s.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        return "." if last_dot > last_comma else ","
    mark = "." if last_dot >= 0 else "," if last_comma >= 0 else "."
    if s.count(mark) > 1:
        return "," if mark == "." else "."
    tail = s[s.rfind(mark) + 1 :] if mark in s else ""
    if len(tail) == 3:  # 1.000 / 1,000: a thousands separator
        return "," if mark == "." else "."
    return mark


def _clean_number(value: float) -> Number:
    """Floats that are whole become ints; others are rounded to drop binary noise."""
    rounded = round(value, 9)
    if rounded == int(rounded):
        return int(rounded)
    return rounded


# ---------------------------------------------------------------------------------------------
# Numbers in words

DE_MORPHEMES: dict[str, float] = {
    "anderthalb": 1.5,
    "einhalb": 0.5,
    "ein": 1,
    "eins": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fünfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
    "zwanzig": 20,
    "dreißig": 30,
    "dreissig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
    "null": 0,
    "hundert": -100,
    "tausend": -1000,
    "und": -1,
}
DE_MORPHEME_RE = "|".join(sorted(DE_MORPHEMES, key=len, reverse=True))
_DE_MORPHEME = re.compile(DE_MORPHEME_RE)
# Bare articles are not the number one.
_DE_ARTICLES = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})


def parse_german_word(word: str) -> Number | None:
    """``"dreiunddreißig"`` → 33, ``"zweitausendfünfhundert"`` → 2500; ``None`` if not a number."""
    w = word.lower()
    if w in _DE_ARTICLES:
        return 1  # only before a scale word: "eine Million"
    if w.endswith("mal") and len(w) > 3:  # "zweimal" (twice) counts as two, "einmal" not
        value = parse_german_word(w[:-3])
        return value if value is not None and value >= 2 else None
    parts: list[str] = []
    pos = 0
    while pos < len(w):
        m = _DE_MORPHEME.match(w, pos)
        if not m:
            return None
        parts.append(m.group())
        pos = m.end()
    if not parts or parts[-1] == "und" or parts[0] == "und":
        return None
    total = 0.0
    group = 0.0
    pending = 0.0
    for part in parts:
        value = DE_MORPHEMES[part]
        if value == -1:  # "und": the tens follow
            continue
        if value == -100:
            group += (pending or 1) * 100
            pending = 0
        elif value == -1000:
            total += (group + pending or 1) * 1000
            group = pending = 0
        else:
            pending += value
    return _clean_number(total + group + pending)


ID_WORDS: dict[str, float] = {
    "nol": 0,
    "satu": 1,
    "se": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "setengah": 0.5,
}
ID_MULTIPLIERS = {"belas": -10, "puluh": -11, "ratus": -100, "seratus": -101}
ID_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
ID_SE_SCALES = {"seribu": 10**3, "sejuta": 10**6, "semiliar": 10**9, "setriliun": 10**12}


def parse_indonesian_words(text: str) -> Number | None:
    """``"tiga puluh tiga"`` → 33, ``"delapan belas"`` → 18, ``"dua ratus ribu"`` → 200000."""
    words = text.lower().split()
    if not words:
        return None
    total = 0.0
    group = 0.0
    pending = 0.0
    for w in words:
        if w in ID_WORDS:
            pending += ID_WORDS[w]
        elif w == "belas":
            pending += 10
        elif w == "puluh":
            group += pending * 10
            pending = 0
        elif w == "ratus":
            group += pending * 100
            pending = 0
        elif w == "seratus":
            group += 100
        elif w in ID_SCALES:
            total += (group + pending or 1) * ID_SCALES[w]
            group = pending = 0
        elif w in ID_SE_SCALES:
            total += ID_SE_SCALES[w]
        else:
            return None
    return _clean_number(total + group + pending)


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
EN_WORDS: dict[str, int] = {w: n for n, w in enumerate(_UNITS.split(" "))}
EN_WORDS.update({w: 10 * n for n, w in enumerate(_TENS.split(" "), 2)})
FR_WORDS: dict[str, int] = {
    "zéro": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
}


def parse_english_words(text: str) -> Number | None:
    """``"thirty-three"`` → 33, ``"two hundred"`` → 200 (basic English and French words)."""
    words = re.split(r"[\s-]+", text.lower())
    total = group = pending = 0
    for w in words:
        if w in ("and", "et"):
            continue
        if w in EN_WORDS:
            pending += EN_WORDS[w]
        elif w in FR_WORDS:
            pending += FR_WORDS[w]
        elif w in ("hundred", "cent", "cents"):
            group += (pending or 1) * 100
            pending = 0
        elif w in ("thousand", "mille"):
            total += (group + pending or 1) * 1000
            group = pending = 0
        else:
            return None
    return total + group + pending


def parse_number_words(text: str, lang: str) -> Number | None:
    """Number words of ``lang`` (several words for Indonesian, one compound word for German)."""
    base = lang.split("-")[0].lower()
    if base == "de":
        return parse_german_word(text)
    if base in ("id", "ms"):
        return parse_indonesian_words(text)
    return parse_english_words(text)


# ---------------------------------------------------------------------------------------------
# Combined values

_DIGITS_PREFIX = re.compile(r"\d[\d.,\s\u00a0\u202f\u2009']*\d|\d")


def _split_scale(text: str, lang: str) -> tuple[str, int]:
    """Separate a trailing scale word: ``"1,5 Millionen"`` → ``("1,5", 10**6)``."""
    m = re.search(r"[\s\u00a0]+([^\W\d_]+)\.?$", text)
    if m:
        word = m.group(1).lower()
        base = lang.split("-")[0].lower()
        scale = EN_SCALES.get(word) if base == "en" else None
        scale = scale or SCALES.get(word) or ID_SCALES.get(word)
        if scale:
            return text[: m.start()].strip(), scale
    return text.strip(), 1


def parse_number(text: str, lang: str = "de") -> Number | None:
    """A number in digits or words, with an optional scale word (``"zwei Millionen"``)."""
    head, scale = _split_scale(text, lang)
    if not head:
        return None
    if head[0].isdigit():
        value = parse_digits(head, lang)
    else:
        base = lang.split("-")[0].lower()
        if base == "de":
            value = parse_german_word(head)
        elif base in ("id", "ms"):
            # the scale may already be inside the words ("dua ratus ribu")
            value = parse_indonesian_words(text if scale == 1 else head)
            if scale != 1 and value is not None:
                return _clean_number(value * scale)
            return value
        else:
            value = parse_number_words(head, lang)
    if value is None:
        return None
    return _clean_number(value * scale)


_CURRENCY_KEYS = sorted(CURRENCIES, key=len, reverse=True)


def parse_money(text: str, lang: str = "de") -> dict[str, object] | None:
    """``"26 Milliarden US-Dollar"`` / ``"$26 miliar"`` → ``{"amount": 26000000000, ...}``."""
    s = " ".join(text.split())
    low = s.lower()
    currency = None
    rest = s
    for key in _CURRENCY_KEYS:  # a leading symbol or code
        if low.startswith(key) and (len(key) > 1 or not key.isalpha()):
            after = s[len(key) :]
            if after[:1].isdigit() or after[:1] == " " or key in ("rp", "rp."):
                currency = CURRENCIES[key]
                rest = after.strip()
                break
    if currency is None:
        for key in _CURRENCY_KEYS:  # a trailing word or symbol
            if low.endswith(key) and (
                len(low) == len(key) or not low[-len(key) - 1].isalpha() or not key[0].isalpha()
            ):
                currency = CURRENCIES[key]
                rest = s[: len(s) - len(key)].strip()
                break
    if currency is None or not rest:
        return None
    amount = parse_number(rest, lang)
    if amount is None:
        return None
    return {"amount": amount, "currency": currency}


def parse_percent(text: str, lang: str = "de") -> Number | None:
    """``"15 Prozent"``, ``"15 %"``, ``"15 persen"`` → 15."""
    m = re.match(
        r"(.*?)\s*(?:%|prozentpunkte?|prozent|persen|per\s?cent|percent|pour\s?cent|v\.\s?h\.)$",
        text.strip(),
        re.IGNORECASE | re.DOTALL,
    )
    if not m:
        return None
    return parse_number(m.group(1), lang)


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS.get(w)


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    y = f"{year:04d}" if year is not None else "XXXX"
    if month is None:
        return y if year is not None else None
    if day is None:
        return f"{y}-{month:02d}"
    return f"{y}-{month:02d}-{day:02d}"


def parse_date(text: str, lang: str = "de") -> str | None:
    """A date to ISO 8601 as far as known (see the module docstring)."""
    s = " ".join(text.replace("\u00a0", " ").split())
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", s)
    if m:
        a, b = int(m[1]), int(m[2])
        if lang.split("-")[0].lower() == "en" and "/" in s and b > 12 >= a:
            a, b = b, a  # US order month/day/year
        return _iso(int(m[3]), b, a)
    if re.fullmatch(r"\d{4}", s):
        return s
    day = year = month = None
    for token in re.findall(r"[^\W\d_]+\.?|\d+", s):
        if token[0].isdigit():
            if len(token) == 4:
                year = int(token)
            elif day is None:
                day = int(token)
            continue
        found = _month(token)
        if found is not None:
            month = found
    if month is None:
        return None
    return _iso(year, month, day)
