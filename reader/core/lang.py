"""Language codes, names and a small stop-word language detector."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

LANGUAGE_NAMES: dict[str, str] = {
    "de": "German",
    "id": "Indonesian",
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "ms": "Malay",
    "zh": "Chinese",
    "und": "Unknown language",
}

# The most frequent function words of each language; overlapping words count for each.
_STOPWORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch "
        "es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über "
        "einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei ihre "
        "diese dieser wurden zwischen sowie unter".split()
    ),
    "id": frozenset(
        "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena tersebut "
        "bisa ada mereka lebih kata sudah saat oleh menjadi orang telah kami adalah seperti "
        "hanya banyak atau tahun secara antara sebagai bahwa jika harus setelah masih dapat "
        "para bagi namun sejak hingga melalui sebuah".split()
    ),
    "en": frozenset(
        "the of and to a in is that for it as was with be by on not he this are or his from "
        "at which but have an they you were her she there been has their one we all would "
        "will its also more into than about between".split()
    ),
    "fr": frozenset(
        "le de la les et des en un une du est que pour dans qui au par sur pas plus ne se "
        "avec il ce sont aux ou son elle nous mais été cette leur ses entre comme tout deux "
        "fait était ont aussi".split()
    ),
    "es": frozenset(
        "de la que el en y los del se las por un para con no una su al es lo como más pero "
        "sus le ya o fue este ha sí porque esta entre cuando muy sin sobre también".split()
    ),
    "nl": frozenset(
        "de het een en van in is dat op te zijn voor met die niet aan er om ook als dan maar "
        "bij of uit nog wel naar door over ze zich werd tot".split()
    ),
    "it": frozenset(
        "di e il la che in a per un del non una sono è le si con da dei al della gli come più "
        "nel alla anche ma delle ha tra questo".split()
    ),
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LANG_SUFFIX = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


def language_name(code: str) -> str:
    """English name of a language code, or the code itself when it is not known."""
    base = code.split("-")[0].split("_")[0].lower()
    return LANGUAGE_NAMES.get(base, code)


def normalize_code(code: str) -> str:
    """``DE`` → ``de``, ``pt_BR`` → ``pt-BR``."""
    parts = re.split(r"[-_]", code.strip())
    if not parts or not parts[0]:
        return "und"
    head = parts[0].lower()
    return "-".join([head, *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def language_from_filename(path: str | Path) -> str | None:
    """``story.de.txt`` → ``de``; ``None`` when the name carries no language suffix."""
    suffixes = Path(path).suffixes
    if len(suffixes) < 2:
        return None
    candidate = suffixes[-2].lstrip(".")
    if _LANG_SUFFIX.match(candidate) and candidate.split("-")[0].split("_")[0].lower() in (
        LANGUAGE_NAMES.keys() | _STOPWORDS.keys()
    ):
        return normalize_code(candidate)
    return None


def detect_language(text: str) -> str:
    """Best guess from stop-word frequencies among the first 20,000 characters; ``und`` if none."""
    words = Counter(w.lower() for w in _WORD.findall(text[:20_000]))
    total = sum(words.values())
    if not total:
        return "und"
    scores = {
        lang: sum(count for word, count in words.items() if word in stops) / total
        for lang, stops in _STOPWORDS.items()
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 0.05 else "und"
