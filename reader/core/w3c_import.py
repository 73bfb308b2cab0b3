"""Reading W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/) into our model.

Accepted: an ``AnnotationCollection`` (with its ``first`` page embedded, and any embedded
``next`` pages), an ``AnnotationPage``, a single ``Annotation``, or a JSON list of these.
Per annotation:

* ``id`` ``urn:uuid:<uuid>`` keeps the UUID; any other id gets a stable name-based UUID, and an
  annotation without an id one derived from its content, so importing twice does not duplicate;
* ``created``/``modified`` are kept; ``body`` TextualBody items with purpose ``tagging`` become
  tags, the others (``commenting``, ``describing``, none) the note; ``bodyValue`` is a note;
* the colour comes from our extension key ``pr:colour`` (or its full IRI), else from a
  ``styleClass`` ``pr-<colour>``, else the default;
* each target with a ``TextQuoteSelector`` (and usually a ``TextPositionSelector``, code points
  of that side's full text) is anchored in the current text. A ``source`` naming one of our sides
  (``urn:parallel-reader:<id>:<side>:<lang>``) picks that side; otherwise the target's
  ``language`` picks the side in that language, else the side where the quote anchors. A target
  list with one target per side is a bilingual annotation.

What does not anchor is kept as an orphan. Malformed input raises :class:`ReaderError` with a
one-line message; nothing is half-imported.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.anchoring import anchor_target
from reader.core.annotations import (
    COLOURS,
    DEFAULT_COLOUR,
    SIDES,
    Annotation,
    Target,
    now_iso,
)
from reader.core.document import Document, ParallelText
from reader.core.errors import ReaderError
from reader.core.lang import normalize_code
from reader.core.textio import read_text

# The contract with reader.core.export.w3c (the exporter): same URN scheme and colour key.
URN_PREFIX = "urn:parallel-reader:"
UUID_URN_PREFIX = "urn:uuid:"
NAMESPACE = "urn:parallel-reader:ns:"
COLOUR_KEYS = ("pr:colour", NAMESPACE + "colour")
STYLE_CLASS_PREFIX = "pr-"
_SOURCE_URN = re.compile(r"^urn:parallel-reader:([0-9a-f]+):(left|right)(?::([A-Za-z0-9-]+))?$")


@dataclass
class ImportResult:
    """Annotations read from W3C JSON, anchored in a text; ``warnings`` are one-liners."""

    annotations: list[Annotation] = field(default_factory=list)
    skipped: int = 0  # annotations without a text selector
    unchanged: int = 0  # already present as they are (set by AnnotationStore.import_w3c)
    warnings: list[str] = field(default_factory=list)

    @property
    def anchored(self) -> int:
        return sum(not a.orphaned for a in self.annotations)

    @property
    def orphaned(self) -> int:
        return sum(a.orphaned for a in self.annotations)


class _Invalid(Exception):
    pass


def _type_names(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("type", obj.get("@type"))
    values = raw if isinstance(raw, list) else [raw]
    names = set()
    for v in values:
        if isinstance(v, str):
            names.add(v.rsplit("#", 1)[-1].rsplit("/", 1)[-1].split(":")[-1].lower())
    return names


def collect_annotations(data: Any) -> list[dict[str, Any]]:
    """The annotation objects in any accepted shape. Raises :class:`ReaderError` otherwise."""
    found: list[dict[str, Any]] = []

    def page_items(page: Any, where: str) -> None:
        if not isinstance(page, dict):
            raise _Invalid(f"{where} is not an embedded AnnotationPage")
        items = page.get("items", [])
        if not isinstance(items, list):
            raise _Invalid(f"{where}: 'items' is not a list")
        for n, item in enumerate(items):
            visit(item, f"{where} item {n}")

    def visit(obj: Any, where: str) -> None:
        if not isinstance(obj, dict):
            raise _Invalid(f"{where} is not a JSON object")
        names = _type_names(obj)
        if "annotation" in names:
            found.append(obj)
        elif "annotationpage" in names:
            page_items(obj, where)
            nxt = obj.get("next")
            if isinstance(nxt, dict):
                visit(nxt, f"{where} next page")
        elif "annotationcollection" in names:
            first = obj.get("first")
            if first is None:
                if obj.get("total", 0) not in (0, None):
                    raise _Invalid(f"{where}: the collection has no embedded first page")
                return
            if isinstance(first, str):
                raise _Invalid(f"{where}: the collection's pages are not embedded ({first})")
            visit(first, f"{where} first page")
        else:
            raise _Invalid(f"{where} is not an Annotation, AnnotationPage or AnnotationCollection")

    try:
        if isinstance(data, list):
            for n, item in enumerate(data):
                visit(item, f"item {n}")
        else:
            visit(data, "the top-level object")
    except _Invalid as exc:
        raise ReaderError(f"not W3C Web Annotation JSON: {exc}") from None
    return found


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"{what} is not a string")
    return value


def _annotation_id(obj: dict[str, Any]) -> str:
    raw = obj.get("id", obj.get("@id"))
    if isinstance(raw, str) and raw:
        if raw.lower().startswith(UUID_URN_PREFIX):
            try:
                return str(uuid.UUID(raw[len(UUID_URN_PREFIX) :]))
            except ValueError:
                pass
        return str(uuid.uuid5(uuid.NAMESPACE_URL, raw))
    canonical = json.dumps(obj, sort_keys=True, ensure_ascii=False)
    return str(uuid.uuid5(uuid.NAMESPACE_URL, URN_PREFIX + "import:" + canonical))


def _bodies(obj: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    notes: list[str] = []
    tags: list[str] = []
    motivations = {str(m).split(":")[-1].lower() for m in _as_list(obj.get("motivation"))}
    value = obj.get("bodyValue")
    if value is not None:
        notes.append(_string(value, "bodyValue"))
    for body in _as_list(obj.get("body")):
        if isinstance(body, str):
            continue  # an IRI body: nothing we can show
        if not isinstance(body, dict):
            raise _Invalid("a body is neither an object nor an IRI")
        if "value" not in body:
            continue
        text = _string(body["value"], "a body value")
        purposes = {str(p).split(":")[-1].lower() for p in _as_list(body.get("purpose"))}
        if "tagging" in purposes or (not purposes and motivations == {"tagging"}):
            if text.strip():
                tags.append(text.strip())
        else:
            notes.append(text)
    return "\n\n".join(n for n in notes if n), tuple(dict.fromkeys(tags))


def _colour(obj: dict[str, Any], targets: list[Any]) -> str:
    for key in COLOUR_KEYS:
        value = obj.get(key)
        if isinstance(value, str) and value in COLOURS:
            return value
    for t in targets:
        if isinstance(t, dict):
            for css in _as_list(t.get("styleClass")):
                if isinstance(css, str) and css.startswith(STYLE_CLASS_PREFIX):
                    name = css[len(STYLE_CLASS_PREFIX) :]
                    if name in COLOURS:
                        return name
    return DEFAULT_COLOUR


@dataclass
class _RawTarget:
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    side: str | None  # from one of our source URNs
    language: str | None


def _raw_target(t: Any) -> _RawTarget | None:
    """None for a target we cannot place at all (an IRI, no TextQuoteSelector)."""
    if not isinstance(t, dict):
        return None
    quote: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    for sel in _as_list(t.get("selector")):
        if not isinstance(sel, dict):
            continue
        names = _type_names(sel)
        if "textquoteselector" in names and quote is None:
            quote = sel
        elif "textpositionselector" in names and position is None:
            position = sel
    if quote is None:
        return None
    exact = _string(quote.get("exact"), "TextQuoteSelector exact")
    if not exact:
        return None
    start = end = None
    if position is not None:
        s, e = position.get("start"), position.get("end")
        if (
            isinstance(s, bool)
            or isinstance(e, bool)
            or not isinstance(s, int)
            or not isinstance(e, int)
            or not 0 <= s <= e
        ):
            raise _Invalid("TextPositionSelector start/end are not code-point offsets")
        start, end = s, e
    side = None
    source = t.get("source")
    if isinstance(source, str):
        match = _SOURCE_URN.match(source)
        if match:
            side = match.group(2)
    language = t.get("language")
    lang = None
    if isinstance(language, str) and language:
        lang = normalize_code(language)
    elif isinstance(language, list) and language and isinstance(language[0], str):
        lang = normalize_code(language[0])
    return _RawTarget(
        exact=exact,
        prefix=_string(quote.get("prefix", ""), "TextQuoteSelector prefix"),
        suffix=_string(quote.get("suffix", ""), "TextQuoteSelector suffix"),
        start=start,
        end=end,
        side=side,
        language=lang,
    )


def _provisional(doc: Document, side: str, raw: _RawTarget) -> Target:
    """A target as recorded (for anchoring, or kept as an orphan)."""
    fs = raw.start if raw.start is not None else 0
    fe = raw.end if raw.end is not None and raw.start is not None else fs + len(raw.exact)
    paragraph, offset = 0, 0
    if doc.paragraphs and fs < len(doc.full_text):
        paragraph, offset = doc.from_full(fs)
    return Target(
        side=side,
        paragraph=paragraph,
        start=offset,
        end=offset + (fe - fs),
        full_start=fs,
        full_end=fe,
        exact=raw.exact,
        prefix=raw.prefix,
        suffix=raw.suffix,
    )


def _place(text: ParallelText, side: str, raw: _RawTarget) -> tuple[Target, bool]:
    doc = text.left if side == "left" else text.right
    provisional = _provisional(doc, side, raw)
    placed = anchor_target(doc, provisional)
    return (placed, True) if placed is not None else (provisional, False)


def _candidate_sides(text: ParallelText, raw: _RawTarget) -> list[str]:
    if raw.side is not None:
        return [raw.side]
    if raw.language:
        primary = raw.language.split("-")[0]
        matching = [
            s
            for s, d in (("left", text.left), ("right", text.right))
            if d.lang.split("-")[0] == primary
        ]
        if len(matching) == 1:
            return matching + [s for s in SIDES if s not in matching]
    return list(SIDES)


def _resolve_targets(
    text: ParallelText, raws: list[_RawTarget], warnings: list[str], label: str
) -> tuple[tuple[Target, ...], bool]:
    """Targets on distinct sides; True when all are anchored."""
    chosen: dict[str, tuple[Target, bool]] = {}
    for raw in raws:
        options = [s for s in _candidate_sides(text, raw) if s not in chosen]
        if not options:
            warnings.append(f"{label}: more than one target on a side; extra targets left out")
            continue
        placements = [(s, *_place(text, s, raw)) for s in options]
        fixed = raw.side is not None or (raw.language is not None and len(options) == 1)
        anchored = [p for p in placements if p[2]]
        side, target, ok = anchored[0] if anchored and not fixed else placements[0]
        chosen[side] = (target, ok)
    ordered = [chosen[s] for s in SIDES if s in chosen]
    return tuple(t for t, _ok in ordered), all(ok for _t, ok in ordered)


def annotations_from_w3c(data: Any, text: ParallelText) -> ImportResult:
    """Convert parsed W3C JSON to annotations anchored in ``text`` (orphans when they do not
    anchor). Raises :class:`ReaderError` for input that is not W3C Web Annotation JSON."""
    result = ImportResult()
    objects = collect_annotations(data)
    for n, obj in enumerate(objects):
        label = f"annotation {n + 1}"
        try:
            targets = _as_list(obj.get("target"))
            raws = [r for r in (_raw_target(t) for t in targets) if r is not None]
            if not raws:
                result.skipped += 1
                result.warnings.append(f"{label}: no target with a TextQuoteSelector; skipped")
                continue
            note, tags = _bodies(obj)
            created = obj.get("created")
            created = created if isinstance(created, str) and created else now_iso()
            modified = obj.get("modified")
            modified = modified if isinstance(modified, str) and modified else created
            colour = _colour(obj, targets)
            resolved, anchored = _resolve_targets(text, raws, result.warnings, label)
        except _Invalid as exc:
            raise ReaderError(f"not valid W3C Web Annotation JSON: {label}: {exc}") from None
        result.annotations.append(
            Annotation(
                targets=resolved,
                id=_annotation_id(obj),
                note=note,
                tags=tags,
                colour=colour,
                created=created,
                modified=modified,
                orphaned=not anchored,
            )
        )
    unique: dict[str, Annotation] = {}
    for ann in result.annotations:  # the same annotation twice in a file: the later one counts
        unique.pop(ann.id, None)
        unique[ann.id] = ann
    result.annotations = list(unique.values())
    return result


def load_w3c(path: str | os.PathLike[str], text: ParallelText) -> ImportResult:
    """Read a W3C Web Annotation JSON file and convert it (see :func:`annotations_from_w3c`)."""
    p = Path(path)
    raw = read_text(p)
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ReaderError(f"{p}: invalid JSON ({exc})") from None
    try:
        return annotations_from_w3c(data, text)
    except ReaderError as exc:
        raise ReaderError(f"{p}: {exc}") from None
