"""The user's glossary: texts marked as entities, applied to every document.

Stored as ``glossary.json`` in the data directory::

    {"version": 1, "entries": [{"text": "Qingling", "kind": "organization", "lang": "de",
                                "counterpart": "Qingling", "counterpart_lang": "id"}, …]}

``lang`` may be ``""`` for "any language". Saving is atomic; a corrupt file is moved aside to
``glossary.json.corrupt-<n>`` (never lost) and reported as one-line :class:`ReaderError`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.core.entities.model import KINDS, Entity
from reader.core.errors import ReaderError
from reader.core.paths import data_dir as default_data_dir
from reader.core.textio import write_atomic

FILE_NAME = "glossary.json"
VERSION = 1


def _base(lang: str | None) -> str:
    return (lang or "").split("-")[0].split("_")[0].lower()


@dataclass(frozen=True)
class GlossaryEntry:
    """One marked text: its kind, language and optional counterpart in another language."""

    text: str
    kind: str
    lang: str = ""
    counterpart: str | None = None
    counterpart_lang: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError("an entry needs a non-empty text")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} (one of {', '.join(KINDS)})")
        if self.counterpart is not None and (
            not isinstance(self.counterpart, str) or not self.counterpart.strip()
        ):
            raise ValueError("a counterpart must be a non-empty text")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "kind": self.kind, "lang": self.lang}
        if self.counterpart is not None:
            data["counterpart"] = self.counterpart
            data["counterpart_lang"] = self.counterpart_lang or ""
        return data

    @classmethod
    def from_dict(cls, data: Any) -> GlossaryEntry:
        if not isinstance(data, dict):
            raise ValueError("an entry must be an object")
        unknown = set(data) - {"text", "kind", "lang", "counterpart", "counterpart_lang"}
        if unknown:
            raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
        for key in ("lang", "counterpart_lang"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise ValueError(f"{key} must be a string")
        return cls(
            text=data.get("text", ""),
            kind=data.get("kind", ""),
            lang=data.get("lang") or "",
            counterpart=data.get("counterpart"),
            counterpart_lang=data.get("counterpart_lang"),
        )

    def surfaces(self, lang: str) -> Iterator[str]:
        """The texts this entry marks in a paragraph of ``lang``."""
        base = _base(lang)
        if not self.lang or _base(self.lang) == base:
            yield self.text
        if self.counterpart and (not self.counterpart_lang or _base(self.counterpart_lang) == base):
            yield self.counterpart


@dataclass
class Glossary:
    """The entries, with the file they came from (``None`` for an in-memory glossary)."""

    entries: list[GlossaryEntry] = field(default_factory=list)
    path: Path | None = None

    # -- persistence ---------------------------------------------------------------------------

    @staticmethod
    def file_for(data_dir: str | os.PathLike[str] | None = None) -> Path:
        return default_data_dir(data_dir) / FILE_NAME

    @classmethod
    def load(cls, data_dir: str | os.PathLike[str] | None = None) -> Glossary:
        """The glossary of ``data_dir`` (empty if there is none yet).

        A file that is not a valid glossary is renamed to ``glossary.json.corrupt-<n>`` and a
        :class:`ReaderError` names both paths.
        """
        path = cls.file_for(data_dir)
        if not path.exists():
            return cls([], path)
        try:
            raw = path.read_text(encoding="utf-8")
            data = json.loads(raw)
            entries = cls._parse(data)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            aside = _move_aside(path)
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            where = f"; kept as {aside}" if aside else ""
            raise ReaderError(f"{path}: not a valid glossary ({reason}){where}") from None
        return cls(entries, path)

    @staticmethod
    def _parse(data: Any) -> list[GlossaryEntry]:
        if isinstance(data, list):
            items = data
        elif isinstance(data, dict) and isinstance(data.get("entries"), list):
            items = data["entries"]
        else:
            raise ValueError('expected {"entries": [...]}')
        entries = []
        for n, item in enumerate(items):
            try:
                entries.append(GlossaryEntry.from_dict(item))
            except ValueError as exc:
                raise ValueError(f"entry {n + 1}: {exc}") from None
        return entries

    def save(self, data_dir: str | os.PathLike[str] | None = None) -> Path:
        """Write atomically to ``data_dir`` (or where it was loaded from); returns the path."""
        path = self.file_for(data_dir) if data_dir is not None or self.path is None else self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReaderError(f"{path.parent}: cannot create ({exc.strerror or exc})") from None
        payload = {"version": VERSION, "entries": [e.to_dict() for e in self.entries]}
        write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        self.path = path
        return path

    # -- editing -------------------------------------------------------------------------------

    def add(self, entry: GlossaryEntry) -> None:
        """Add an entry, replacing one with the same text and language."""
        self.entries = [e for e in self.entries if (e.text, e.lang) != (entry.text, entry.lang)]
        self.entries.append(entry)

    def remove(self, text: str, lang: str = "") -> bool:
        before = len(self.entries)
        self.entries = [e for e in self.entries if (e.text, e.lang) != (text, lang)]
        return len(self.entries) != before

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def key(self) -> tuple[GlossaryEntry, ...]:
        """A hashable snapshot (cache key)."""
        return tuple(self.entries)

    # -- use -----------------------------------------------------------------------------------

    def find(self, text: str, lang: str) -> list[Entity]:
        """Glossary entities in a paragraph of ``lang`` (whole words, longest first)."""
        return find_entries(text, lang, self.entries)

    def pairs(self) -> set[tuple[str, str]]:
        """(text, counterpart) pairs in both directions, lower case: evidence for linking."""
        result = set()
        for e in self.entries:
            if e.counterpart:
                result.add((e.text.lower(), e.counterpart.lower()))
                result.add((e.counterpart.lower(), e.text.lower()))
        return result


def find_entries(text: str, lang: str, entries: Iterable[GlossaryEntry]) -> list[Entity]:
    found: list[Entity] = []
    taken: list[tuple[int, int]] = []
    candidates = sorted(
        ((surface, e) for e in entries for surface in e.surfaces(lang)),
        key=lambda item: -len(item[0]),
    )
    for surface, entry in candidates:
        if surface not in text:
            continue
        for m in _pattern(surface).finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            value = entry.text if surface == entry.counterpart else surface
            found.append(Entity(m.start(), m.end(), m.group(), entry.kind, value))
    found.sort(key=lambda e: e.start)
    return found


@lru_cache(maxsize=4096)
def _pattern(surface: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")


def _move_aside(path: Path) -> Path | None:
    for n in range(1, 1000):
        target = path.with_name(f"{path.name}.corrupt-{n}")
        if not target.exists():
            try:
                os.replace(path, target)
            except OSError:
                return None
            return target
    return None
