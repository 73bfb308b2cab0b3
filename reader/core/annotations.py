"""The annotation model: highlights, notes and tags on spans of either side, or of both.

Each :class:`Target` follows the W3C Web Annotation model: a TextQuoteSelector (``exact`` with up
to 32 characters of ``prefix``/``suffix``) and a TextPositionSelector (``start``/``end`` in code
points), kept both within its paragraph and within the side's full text (paragraphs joined by
``"\\n\\n"``, see :mod:`reader.core.document`). An annotation with one target per side is a
bilingual annotation. Export is a mapping of this model, not a translation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from reader.core.document import Document

SIDES = ("left", "right")
CONTEXT_CHARS = 32

# Named palette (at least 6); the UI draws these, exports name them.
COLOURS: dict[str, str] = {
    "yellow": "#f9e154",
    "green": "#8fd18c",
    "blue": "#84b6f4",
    "pink": "#f4a3c6",
    "orange": "#f8b26a",
    "purple": "#c3a6f2",
    "red": "#f28b82",
    "grey": "#c4c4c4",
}
DEFAULT_COLOUR = "yellow"


def now_iso() -> str:
    """Current UTC time, ISO 8601 with seconds and a ``Z``."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def now_iso_ms() -> str:
    """Current UTC time, ISO 8601 with milliseconds and a ``Z`` (orders edits within a second)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def stamp_key(stamp: str) -> datetime:
    """An ISO 8601 time stamp as a comparable aware datetime; unparsable stamps sort first.

    String comparison is wrong for stamps of mixed precision (``…:38Z`` vs ``…:38.120Z``).
    """
    try:
        value = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return _EPOCH
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


@dataclass(frozen=True)
class Target:
    """A span of one side: paragraph index, positions and the quote with its context."""

    side: str  # "left" | "right"
    paragraph: int
    start: int  # code points within the paragraph
    end: int
    full_start: int  # code points within the side's full text
    full_end: int
    exact: str
    prefix: str = ""
    suffix: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "paragraph": self.paragraph,
            "quote": {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            "position": {
                "start": self.start,
                "end": self.end,
                "full_start": self.full_start,
                "full_end": self.full_end,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        """Raises ``KeyError``/``TypeError``/``ValueError`` on malformed data (callers validate)."""
        quote = data["quote"]
        pos = data["position"]
        side = str(data["side"])
        if side not in SIDES:
            raise ValueError(f"unknown side {side!r}")
        values = [int(pos[k]) for k in ("start", "end", "full_start", "full_end")]
        if values[0] < 0 or values[1] < values[0] or values[3] < values[2]:
            raise ValueError("bad position")
        return cls(
            side=side,
            paragraph=int(data["paragraph"]),
            start=values[0],
            end=values[1],
            full_start=values[2],
            full_end=values[3],
            exact=_str(quote["exact"]),
            prefix=_str(quote.get("prefix", "")),
            suffix=_str(quote.get("suffix", "")),
        )


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def make_target(doc: Document, side: str, paragraph: int, start: int, end: int) -> Target:
    """A target for ``doc.paragraphs[paragraph][start:end]`` with its context and positions."""
    text = doc.paragraphs[paragraph]
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}-{end} outside paragraph {paragraph}")
    full = doc.full_text
    fs, fe = doc.to_full(paragraph, start), doc.to_full(paragraph, end)
    return Target(
        side=side,
        paragraph=paragraph,
        start=start,
        end=end,
        full_start=fs,
        full_end=fe,
        exact=text[start:end],
        prefix=full[max(0, fs - CONTEXT_CHARS) : fs],
        suffix=full[fe : fe + CONTEXT_CHARS],
    )


@dataclass(frozen=True)
class Annotation:
    """One highlight/note: one target per annotated side (one or two)."""

    targets: tuple[Target, ...]
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    note: str = ""
    tags: tuple[str, ...] = ()
    colour: str = DEFAULT_COLOUR
    created: str = field(default_factory=now_iso)
    modified: str = ""
    orphaned: bool = False  # could not be re-anchored after the text changed; never dropped

    def __post_init__(self) -> None:
        if not self.modified:
            object.__setattr__(self, "modified", self.created)

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(t.side for t in self.targets)

    @property
    def bilingual(self) -> bool:
        return len({t.side for t in self.targets}) > 1

    def target(self, side: str) -> Target | None:
        for t in self.targets:
            if t.side == side:
                return t
        return None

    def edited(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied and ``modified`` set to now (milliseconds)."""
        return replace(self, modified=now_iso_ms(), **changes)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "created": self.created,
            "modified": self.modified,
            "colour": self.colour,
            "note": self.note,
            "tags": list(self.tags),
            "targets": [t.to_dict() for t in self.targets],
        }
        if self.orphaned:
            data["orphaned"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        """Raises ``KeyError``/``TypeError``/``ValueError`` on malformed data (callers validate)."""
        tags = data.get("tags", [])
        if not isinstance(tags, list):
            raise TypeError("tags must be a list")
        targets = data["targets"]
        if not isinstance(targets, list) or not 1 <= len(targets) <= 2:
            raise ValueError("an annotation has one or two targets")
        return cls(
            id=_str(data["id"]),
            created=_str(data["created"]),
            modified=_str(data.get("modified") or data["created"]),
            colour=_str(data.get("colour", DEFAULT_COLOUR)),
            note=_str(data.get("note", "")),
            tags=tuple(_str(t) for t in tags),
            targets=tuple(Target.from_dict(t) for t in targets),
            orphaned=bool(data.get("orphaned", False)),
        )


def to_utf16(text: str, offset: int) -> int:
    """Code-point ``offset`` into ``text`` → the UTF-16 offset Qt uses (QTextCursor positions).

    They differ after characters outside the Basic Multilingual Plane (emoji, rare CJK), which
    take two UTF-16 units but one code point.
    """
    head = text[:offset]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def from_utf16(text: str, offset: int) -> int:
    """UTF-16 ``offset`` (as Qt reports it) into ``text`` → code-point offset, the unit of
    targets. An offset inside a surrogate pair counts as before that character."""
    units = 0
    for index, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > offset:
            return index
        units += width
    return len(text)
