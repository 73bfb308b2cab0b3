"""Re-anchoring annotations after the text changed, and migrating a sidecar to the new text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.anchoring import (
    anchor_target,
    banded_search,
    find_previous_sidecar,
    reanchor,
)
from reader.core.annostore import AnnotationStore
from reader.core.annotations import Annotation, make_target
from reader.core.document import Document, load_pair

ALPHABET = "abcdefgh "


def _doc(paragraphs: list[str]) -> Document:
    return Document(paragraphs=tuple(paragraphs), lang="de")


def test_unchanged_text_keeps_the_target() -> None:
    doc = _doc(["eins zwei drei", "vier fünf sechs"])
    t = make_target(doc, "left", 1, 5, 9)
    assert anchor_target(doc, t) == t


def test_insertion_before_shifts_the_target() -> None:
    old = _doc(["eins zwei drei", "vier fünf sechs"])
    t = make_target(old, "left", 1, 5, 9)
    new = _doc(["ganz neu", "eins zwei drei", "vier fünf sechs"])
    placed = anchor_target(new, t)
    assert placed is not None
    assert (placed.paragraph, placed.start, placed.end, placed.exact) == (2, 5, 9, "fünf")
    assert placed.full_start == new.to_full(2, 5)


def test_repeated_quote_goes_to_the_occurrence_with_matching_context() -> None:
    old = _doc(["der Hafen ist alt. der Zug ist neu. der Hafen wächst."])
    t = make_target(old, "left", 0, 36, 45)  # the second "der Hafen"
    assert t.exact == "der Hafen"
    new = _doc(["Vorwort.", "der Hafen ist alt. der Zug ist neu. der Hafen wächst."])
    placed = anchor_target(new, t)
    assert placed is not None and (placed.paragraph, placed.start) == (1, 36)


def test_fuzzy_match_after_a_small_edit_inside_the_quote(seed_paths: tuple[Path, Path]) -> None:
    text = load_pair(*seed_paths)
    doc = text.left
    t = make_target(doc, "left", 1, 0, 60)
    changed = doc.paragraphs[1].replace("offiziellen", "offizielen", 1)
    new = _doc(["Eine neue Einleitung.", *doc.paragraphs[:1], changed, *doc.paragraphs[2:]])
    placed = anchor_target(new, t)
    assert placed is not None
    assert placed.paragraph == 2 and placed.start == 0
    assert placed.exact == changed[placed.start : placed.end]
    assert abs(len(placed.exact) - 60) <= 2


def test_banded_search_finds_best_approximate_occurrence() -> None:
    assert banded_search("abcdef", "xxabXdefyy", 2) == (1, 2, 8)
    assert banded_search("abcdef", "zzzzzzzzzz", 2) is None


def test_deleted_quote_becomes_an_orphan_kept_with_its_target() -> None:
    old = _doc(["eins zwei drei", "vier QUOTE sechs"])
    ann = Annotation(targets=(make_target(old, "left", 1, 5, 10),), note="n")
    new = _doc(["eins zwei drei", "vier sechs"])
    result = reanchor(ann, {"left": new, "right": new})
    assert result.orphaned and result.targets == ann.targets and result.note == "n"
    # When the text comes back, the orphan is placed again.
    again = reanchor(result, {"left": old, "right": old})
    assert not again.orphaned and again.targets == ann.targets


@st.composite
def _edited_text(draw: st.DrawFn) -> tuple[list[str], int, int, int, list[str], int, int]:
    """(old paragraphs, quote paragraph, start, end, new paragraphs, new paragraph, new start)."""
    paragraphs = draw(st.lists(st.text(ALPHABET, min_size=1, max_size=60), min_size=1, max_size=5))
    p = draw(st.integers(0, len(paragraphs) - 1))
    s = draw(st.integers(0, len(paragraphs[p]) - 1))
    e = draw(st.integers(s + 1, len(paragraphs[p])))
    quote_len = e - s
    new = list(paragraphs)
    qp, qs = p, s
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["insert", "delete", "new paragraph", "drop paragraph"]))
        if op == "new paragraph":
            at = draw(st.integers(0, len(new)))
            new.insert(at, draw(st.text(ALPHABET, min_size=1, max_size=30)))
            if at <= qp:
                qp += 1
        elif op == "drop paragraph" and len(new) > 1:
            at = draw(st.integers(0, len(new) - 1))
            if at != qp:
                del new[at]
                if at < qp:
                    qp -= 1
        elif op == "insert":
            at = draw(st.integers(0, len(new) - 1))
            para = new[at]
            pos = draw(st.integers(0, len(para)))
            if at == qp and qs < pos < qs + quote_len:
                continue  # not inside the quote
            piece = draw(st.text(ALPHABET, min_size=1, max_size=20))
            new[at] = para[:pos] + piece + para[pos:]
            if at == qp and pos <= qs:
                qs += len(piece)
        elif op == "delete":
            at = draw(st.integers(0, len(new) - 1))
            para = new[at]
            a = draw(st.integers(0, len(para)))
            b = draw(st.integers(a, min(len(para), a + 20)))
            if at == qp and not (b <= qs or a >= qs + quote_len):
                continue  # would touch the quote
            if b - a >= len(para):
                continue  # would empty the paragraph
            new[at] = para[:a] + para[b:]
            if at == qp and b <= qs:
                qs -= b - a
    return paragraphs, p, s, e, new, qp, qs


@settings(max_examples=300, deadline=None)
@given(case=_edited_text())
def test_edits_elsewhere_reanchor_to_the_same_quote(
    case: tuple[list[str], int, int, int, list[str], int, int],
) -> None:
    paragraphs, p, s, e, new_paragraphs, qp, qs = case
    old, new = _doc(paragraphs), _doc(new_paragraphs)
    target = make_target(old, "left", p, s, e)
    assert new.paragraphs[qp][qs : qs + (e - s)] == target.exact  # the generator's bookkeeping
    placed = anchor_target(new, target)
    assert placed is not None
    assert placed.exact == target.exact
    assert new.paragraphs[placed.paragraph][placed.start : placed.end] == target.exact
    assert new.full_text[placed.full_start : placed.full_end] == target.exact
    if _occurrences(new.full_text, target.exact) == 1:
        assert (placed.paragraph, placed.start) == (qp, qs)


def _occurrences(text: str, quote: str) -> int:
    """How often ``quote`` occurs in ``text``, overlapping occurrences included (``str.count``
    would see one "ddd" in "dddd", where there are two places it could be anchored)."""
    return sum(1 for i in range(len(text)) if text.startswith(quote, i))


@settings(max_examples=200, deadline=None)
@given(
    before=st.text(ALPHABET, max_size=80),
    quote=st.text("QWXZKJ", min_size=1, max_size=40),
    after=st.text(ALPHABET, max_size=80),
    others=st.lists(st.text(ALPHABET, min_size=1, max_size=40), max_size=3),
    cut=st.tuples(st.integers(0, 200), st.integers(0, 200)),
)
def test_deleting_the_quote_orphans_never_crashes(
    before: str, quote: str, after: str, others: list[str], cut: tuple[int, int]
) -> None:
    paragraph = before + quote + after
    old = _doc([*others, paragraph])
    ann = Annotation(
        targets=(make_target(old, "left", len(others), len(before), len(before) + len(quote)),)
    )
    # Delete a random range that covers the whole quote (and maybe more around it).
    a = max(0, len(before) - cut[0] % (len(before) + 1))
    b = min(len(paragraph), len(before) + len(quote) + cut[1] % (len(after) + 1))
    remaining = paragraph[:a] + paragraph[b:]
    new = _doc([*others, remaining] if remaining else (others or ["x"]))
    result = reanchor(ann, {"left": new, "right": new})
    assert result.orphaned
    assert result.targets == ann.targets  # kept for the orphan list, never dropped


@settings(max_examples=200, deadline=None)
@given(
    paragraphs=st.lists(st.text(ALPHABET + "QZ", min_size=1, max_size=50), min_size=1, max_size=4),
    data=st.data(),
)
def test_any_edit_either_places_correctly_or_orphans(
    paragraphs: list[str], data: st.DataObject
) -> None:
    """Even edits through the quote never crash, and a placed target always quotes the text."""
    old = _doc(paragraphs)
    p = data.draw(st.integers(0, len(paragraphs) - 1))
    s = data.draw(st.integers(0, len(paragraphs[p]) - 1))
    e = data.draw(st.integers(s + 1, len(paragraphs[p])))
    ann = Annotation(targets=(make_target(old, "left", p, s, e),))
    new_paragraphs = [
        data.draw(st.text(ALPHABET + "QZ", min_size=1, max_size=50))
        if data.draw(st.booleans())
        else text
        for text in paragraphs
    ]
    new = _doc(new_paragraphs)
    result = reanchor(ann, {"left": new, "right": new})
    if not result.orphaned:
        t = result.targets[0]
        assert new.paragraphs[t.paragraph][t.start : t.end] == t.exact
        assert new.full_text[t.full_start : t.full_end] == t.exact


# -- migrating a sidecar after the files were edited -------------------------------------------


def test_edited_files_keep_their_annotations(seed_paths: tuple[Path, Path], tmp_path: Path) -> None:
    left, right = tmp_path / "story.de.txt", tmp_path / "story.id.txt"
    shutil.copyfile(seed_paths[0], left)
    shutil.copyfile(seed_paths[1], right)
    text = load_pair(left, right)
    store = AnnotationStore.open(text)
    stays = store.create(store.target("left", 2, 0, 30), note="stays")
    fuzzy = store.create(store.target("left", 1, 0, 60), note="fuzzy")
    doomed = store.create(store.target("left", 3, 0, 24), note="doomed")
    bilingual = store.create([store.target("left", 5, 0, 20), store.target("right", 5, 0, 10)])
    assert doomed.targets[0].exact == "Die Brücke der Standards"
    assert store.save().ok
    store.update(stays.id, colour="green")
    assert store.save().ok
    old_path = Path(store.path)
    assert old_path.with_name(f"{old_path.name}.bak1").exists()

    source = left.read_text(encoding="utf-8")
    source = source.replace("offiziellen", "offizielen", 1)
    source = source.replace("Die Brücke der Standards\n\n", "", 1)
    left.write_text("Ein neues Vorwort.\n\n" + source, encoding="utf-8")
    edited = load_pair(left, right)
    assert edited.id != text.id
    assert find_previous_sidecar(edited) == old_path

    moved = AnnotationStore.open(edited)
    assert len(moved) == 4
    assert len(moved.warnings) == 1 and "1 could not be placed" in moved.warnings[0]
    assert [a.id for a in moved.orphans()] == [doomed.id]
    placed = moved.get(stays.id)
    assert placed is not None and placed.targets[0].exact == stays.targets[0].exact
    assert placed.targets[0].paragraph == 3
    again = moved.get(fuzzy.id)
    assert again is not None and not again.orphaned and "offizielen" in again.targets[0].exact
    both = moved.get(bilingual.id)
    assert both is not None and not both.orphaned
    assert both.targets[1] == bilingual.targets[1]  # the right side did not change
    # Saved under the new id, old file kept aside, orphans kept in the file.
    assert Path(moved.path).exists() and not old_path.exists()
    assert list(old_path.parent.glob(f"{old_path.name}.superseded-*"))
    assert not list(old_path.parent.glob(f"{old_path.name}.bak*"))  # backups went along
    raw = json.loads(Path(moved.path).read_text(encoding="utf-8"))
    assert {a["id"]: a.get("orphaned", False) for a in raw["annotations"]}[doomed.id] is True
    # Opening again finds the new sidecar directly.
    reopened = AnnotationStore.open(edited)
    assert reopened.warnings == [] and len(reopened) == 4


def test_unrelated_files_are_not_migrated(seed_paths: tuple[Path, Path], tmp_path: Path) -> None:
    text = load_pair(*seed_paths)
    store = AnnotationStore.open(text)
    store.create(store.target("left", 0, 0, 5))
    assert store.save().ok
    other_left, other_right = tmp_path / "a.de.txt", tmp_path / "a.id.txt"
    other_left.write_text("Ein anderer Text.\n\nNoch einer.", encoding="utf-8")
    other_right.write_text("Teks lain.\nSatu lagi.", encoding="utf-8")
    other = load_pair(other_left, other_right)
    assert find_previous_sidecar(other) is None
    assert len(AnnotationStore.open(other)) == 0


def test_occurrences_all_or_the_nearest_when_very_frequent() -> None:
    from reader.core.anchoring import _occurrences

    text = "ab" + "x" * 10_000 + "ab" + "y" * 100_000 + "ab"
    assert _occurrences(text, "ab", 0) == [0, 10_002, 110_004]
    many = "e" * 50_000
    nearest = _occurrences(many, "e", 25_000, limit=10)
    assert len(nearest) == 10 and all(abs(p - 25_000) <= 5 for p in nearest)
