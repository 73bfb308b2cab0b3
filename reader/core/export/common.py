"""What every export format needs: pair numbers, ordering, source names and language labels."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.annotations import COLOURS, DEFAULT_COLOUR, Annotation, Target
from reader.core.document import Document, ParallelText
from reader.core.lang import language_name


def side_document(text: ParallelText, side: str) -> Document:
    """The document of ``side`` (``"left"`` or ``"right"``)."""
    return text.left if side == "left" else text.right


def source_name(text: ParallelText, side: str) -> str:
    """The file name of a side, or its title when it was not read from a file."""
    doc = side_document(text, side)
    if doc.path is not None:
        return doc.path.name
    return doc.title or side


def side_label(text: ParallelText, side: str) -> str:
    """The language name of a side (``German``), its code when the name is unknown."""
    return language_name(side_document(text, side).lang)


def primary_target(annotation: Annotation) -> Target:
    """The target that decides where an annotation belongs: the left one when there is one."""
    return annotation.target("left") or annotation.targets[0]


def pair_number(text: ParallelText, annotation: Annotation) -> int | None:
    """The 1-based number of the bead holding the annotation's (left) target paragraph.

    ``None`` when that paragraph no longer exists (an orphaned annotation on a changed text).
    """
    target = primary_target(annotation)
    left, right = text.bead_of_paragraph
    index = (left if target.side == "left" else right).get(target.paragraph)
    return None if index is None else index + 1


def sort_key(text: ParallelText, annotation: Annotation) -> tuple[int, int, int, str, str]:
    """Reading order: pair, side (left first), position, then creation time and id."""
    pair = pair_number(text, annotation)
    target = primary_target(annotation)
    return (
        pair if pair is not None else 1 << 30,
        0 if target.side == "left" else 1,
        target.full_start,
        annotation.created,
        annotation.id,
    )


def ordered(text: ParallelText, annotations: Sequence[Annotation]) -> list[Annotation]:
    """The annotations in reading order (see :func:`sort_key`)."""
    return sorted(annotations, key=lambda a: sort_key(text, a))


def by_pair(
    text: ParallelText, annotations: Sequence[Annotation]
) -> list[tuple[int | None, list[Annotation]]]:
    """``[(pair number, annotations of that pair), ...]`` in reading order; unplaced ones last."""
    groups: list[tuple[int | None, list[Annotation]]] = []
    for annotation in ordered(text, annotations):
        pair = pair_number(text, annotation)
        if groups and groups[-1][0] == pair:
            groups[-1][1].append(annotation)
        else:
            groups.append((pair, [annotation]))
    return groups


def colour_name(annotation: Annotation) -> str:
    """The annotation's colour name when it is one of :data:`COLOURS`, else the default."""
    return annotation.colour if annotation.colour in COLOURS else DEFAULT_COLOUR


def colour_hex(annotation: Annotation) -> str:
    return COLOURS[colour_name(annotation)]


def target_matches(text: ParallelText, target: Target) -> bool:
    """True when the target's positions still select its quote in the current text."""
    doc = side_document(text, target.side)
    if not 0 <= target.paragraph < len(doc.paragraphs):
        return False
    paragraph = doc.paragraphs[target.paragraph]
    return 0 <= target.start <= target.end <= len(paragraph) and (
        paragraph[target.start : target.end] == target.exact
    )


def filter_pair(
    text: ParallelText, annotations: Sequence[Annotation], pair: int | None
) -> list[Annotation]:
    """The annotations of the 1-based ``pair`` (all of them when ``pair`` is ``None``)."""
    if pair is None:
        return list(annotations)
    return [a for a in annotations if pair_number(text, a) == pair]
