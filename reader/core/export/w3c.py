"""W3C Web Annotation export (JSON-LD): an ``AnnotationCollection`` with one embedded page.

Shape (https://www.w3.org/TR/annotation-model/)::

    {"@context": CONTEXT, "id": "urn:parallel-reader:<text id>:annotations",
     "type": "AnnotationCollection", "label": <title>, "total": n,
     "first": {"id": "...:annotations:page-1", "type": "AnnotationPage", "startIndex": 0,
               "items": [<Annotation>, ...]}}

Each annotation (which repeats ``@context`` so that it stands alone)::

    {"@context": CONTEXT, "id": "urn:uuid:<uuid>", "type": "Annotation",
     "created": ..., "modified": ...,
     "motivation": "commenting" (with a note) | "highlighting",
     "body": [{"type": "TextualBody", "purpose": "commenting", "value": <note>,
               "format": "text/plain", "language": <lang of the first target's side>},
              {"type": "TextualBody", "purpose": "tagging", "value": <tag>}, ...],
     "target": [{"type": "SpecificResource", "source": source_urn(text, side),
                 "styleClass": "pr-<colour>",
                 "selector": [{"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
                              {"type": "TextPositionSelector", "start", "end"}]}, ...],
     "stylesheet": {"type": "CssStylesheet", "value": ".pr-<colour> { background-color: ... }"},
     "pr:colour": <colour name>}

``body`` is left out when there is neither a note nor a tag. There is one target per annotated
side (two for a bilingual annotation), always as a list. Positions are code points of the side's
full text (paragraphs joined by a blank line). The colour travels twice: as the model's own
``stylesheet``/``styleClass`` (other viewers can draw it) and as the extension property
:data:`COLOUR_KEY` in the :data:`NAMESPACE` declared in the context (what import reads).

Constants and :func:`source_urn`/:func:`parse_source_urn` are the contract with the importer.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from typing import Any

from reader.core.annotations import COLOURS, Annotation, Target
from reader.core.document import ParallelText
from reader.core.export.common import ordered, side_document

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE_PREFIX = "pr"
NAMESPACE = "urn:parallel-reader:ns:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {NAMESPACE_PREFIX: NAMESPACE}]
COLOUR_KEY = f"{NAMESPACE_PREFIX}:colour"
"""The extension key holding the colour name (``"pr:colour": "yellow"``)."""
STYLE_CLASS_PREFIX = "pr-"
URN_PREFIX = "urn:parallel-reader:"
UUID_URN_PREFIX = "urn:uuid:"

_URN = re.compile(r"^urn:parallel-reader:([0-9a-f]+):(left|right):([A-Za-z0-9-]+)$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)


def source_urn(text: ParallelText, side: str) -> str:
    """A stable URN for one side of a parallel text: ``urn:parallel-reader:<id>:<side>:<lang>``.

    ``<id>`` is :attr:`ParallelText.id` (from the content of both sides), so the same pair of
    texts always gets the same URNs; the side is part of it so that two sides in the same
    language stay apart.
    """
    if side not in ("left", "right"):
        raise ValueError(f"unknown side {side!r}")
    lang = side_document(text, side).lang or "und"
    return f"{URN_PREFIX}{text.id}:{side}:{lang}"


def parse_source_urn(urn: str) -> tuple[str, str, str] | None:
    """``(text id, side, lang)`` of a :func:`source_urn`, or ``None`` for any other string."""
    match = _URN.match(urn)
    return (match.group(1), match.group(2), match.group(3)) if match else None


def annotation_urn(annotation_id: str) -> str:
    """``urn:uuid:<uuid>``; an id that is not a UUID gets a stable name-based UUID instead."""
    try:
        value = uuid.UUID(annotation_id)
    except ValueError:
        value = uuid.uuid5(uuid.NAMESPACE_URL, URN_PREFIX + annotation_id)
    return UUID_URN_PREFIX + str(value)


def collection_id(text: ParallelText) -> str:
    return f"{URN_PREFIX}{text.id}:annotations"


def style_class(colour: str) -> str | None:
    """``pr-yellow`` for a palette colour, ``None`` for a name not in :data:`COLOURS`."""
    return STYLE_CLASS_PREFIX + colour if colour in COLOURS else None


def _target(text: ParallelText, target: Target, colour: str) -> dict[str, Any]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": target.exact}
    if target.prefix:
        quote["prefix"] = target.prefix
    if target.suffix:
        quote["suffix"] = target.suffix
    data: dict[str, Any] = {
        "type": "SpecificResource",
        "source": source_urn(text, target.side),
        "selector": [
            quote,
            {"type": "TextPositionSelector", "start": target.full_start, "end": target.full_end},
        ],
    }
    css = style_class(colour)
    if css:
        data["styleClass"] = css
    return data


def annotation_to_w3c(text: ParallelText, annotation: Annotation) -> dict[str, Any]:
    """One annotation as a standalone W3C Web Annotation (with its own ``@context``)."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_urn(annotation.id),
        "type": "Annotation",
    }
    # The model requires xsd:dateTime with a time zone; anything else is left out, not invented.
    if _DATE_TIME.match(annotation.created):
        data["created"] = annotation.created
    if _DATE_TIME.match(annotation.modified):
        data["modified"] = annotation.modified
    data["motivation"] = "commenting" if annotation.note else "highlighting"
    bodies: list[dict[str, Any]] = []
    if annotation.note:
        note: dict[str, Any] = {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": annotation.note,
            "format": "text/plain",
        }
        lang = side_document(text, annotation.targets[0].side).lang
        if _LANGUAGE.match(lang):
            note["language"] = lang
        bodies.append(note)
    for tag in annotation.tags:
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
    if bodies:
        data["body"] = bodies
    data["target"] = [_target(text, t, annotation.colour) for t in annotation.targets]
    css = style_class(annotation.colour)
    if css:
        data["stylesheet"] = {
            "type": "CssStylesheet",
            "value": f".{css} {{ background-color: {COLOURS[annotation.colour]}; }}",
        }
    data[COLOUR_KEY] = annotation.colour
    return data


def collection_to_w3c(text: ParallelText, annotations: Sequence[Annotation]) -> dict[str, Any]:
    """The annotations as one ``AnnotationCollection`` whose first (only) page embeds them."""
    items = [annotation_to_w3c(text, a) for a in ordered(text, annotations)]
    cid = collection_id(text)
    return {
        "@context": CONTEXT,
        "id": cid,
        "type": "AnnotationCollection",
        "label": text.title or text.left.title or "Parallel text",
        "total": len(items),
        "first": {
            "id": f"{cid}:page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def export_w3c(text: ParallelText, annotations: Sequence[Annotation]) -> str:
    """The collection as indented JSON-LD text (UTF-8 friendly: non-ASCII is not escaped)."""
    return json.dumps(collection_to_w3c(text, annotations), ensure_ascii=False, indent=2) + "\n"
