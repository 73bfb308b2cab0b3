"""The in-memory annotation store: changes, undo/redo, queries, notifications, saving."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.annostore import AnnotationStore, Change, stamp_after
from reader.core.annotations import Annotation, Target, stamp_key
from reader.core.document import ParallelText, load_pair


@pytest.fixture(scope="module")
def text() -> ParallelText:
    from reader.core.paths import seed_pair

    return load_pair(*seed_pair())


@pytest.fixture
def store(text: ParallelText) -> AnnotationStore:
    return AnnotationStore.open(text)


def _check_index(store: AnnotationStore, text: ParallelText) -> None:
    """The incrementally kept indexes equal ones built from scratch."""
    fresh = AnnotationStore(text)
    fresh._adopt(store.state())
    assert [a.id for a in store.all()] == [a.id for a in fresh.all()]
    for side in ("left", "right"):
        for p in range(len(text.left.paragraphs)):
            assert store.for_paragraph(side, p) == fresh.for_paragraph(side, p)


def _content(store: AnnotationStore) -> dict[str, tuple[object, ...]]:
    """What the user sees of each annotation (everything but the time stamps)."""
    return {a.id: (a.note, a.tags, a.colour, a.targets, a.orphaned) for a in store.all()}


def test_create_edit_delete_with_undo_redo(store: AnnotationStore) -> None:
    events: list[Change] = []
    store.subscribe(events.append)
    ann = store.create(store.target("left", 2, 0, 10), note="first", tags=[" term ", "term", ""])
    assert ann.tags == ("term",) and ann.targets[0].exact == "Über diese"
    assert store.dirty and store.can_undo and not store.can_redo
    assert store.undo_label == "Add annotation"
    edited = store.update(ann.id, note="second", colour="green")
    assert edited.note == "second" and edited.colour == "green" and edited.created == ann.created
    assert store.update(ann.id, note="second") is edited  # no change, no undo step
    store.delete(ann.id)
    assert ann.id not in store
    assert [e.kind for e in events] == ["added", "updated", "removed"]

    assert store.undo() and store.get(ann.id).note == "second"  # type: ignore[union-attr]
    assert store.undo() and store.get(ann.id).note == "first"  # type: ignore[union-attr]
    assert store.undo() and ann.id not in store
    assert not store.undo()
    assert store.redo() and store.get(ann.id).note == "first"  # type: ignore[union-attr]
    assert store.redo_label == "Edit annotation"
    store.create(store.target("left", 3, 0, 4))  # a new change drops the redo branch
    assert not store.can_redo and not store.redo()


def test_undo_restamps_modified_so_merges_keep_it(store: AnnotationStore) -> None:
    ann = store.create(store.target("left", 0, 0, 4))
    store.delete(ann.id)
    store.undo()
    back = store.get(ann.id)
    assert back is not None and back.modified >= ann.modified
    assert ann.id not in store.state().deleted


def test_bilingual_annotation(store: AnnotationStore) -> None:
    right = store.target("right", 4, 0, 12)
    left = store.target("left", 4, 5, 20)
    ann = store.create([right, left], note="term pair")
    assert ann.bilingual and ann.sides == ("left", "right")  # stored left first
    assert store.for_paragraph("right", 4) == [ann] == store.for_paragraph("left", 4)
    with pytest.raises(ValueError):
        store.create([left, left])
    with pytest.raises(ValueError):
        store.target("left", 4, 10, 5)
    with pytest.raises(ValueError):
        store.target("left", 99, 0, 1)


def test_queries(store: AnnotationStore, text: ParallelText) -> None:
    a = store.create(store.target("left", 5, 10, 20), tags=["b", "A"], colour="blue", note="x")
    b = store.create(store.target("right", 5, 0, 8), tags=["b"])
    c = store.create(store.target("left", 1, 0, 30), note="Hafen und Bahn")
    inner = store.create(store.target("left", 1, 5, 10))
    assert [x.id for x in store.all()] == [c.id, inner.id, a.id, b.id]
    assert store.for_bead(5) == [a, b]
    assert store.for_bead(5, side="right") == [b]
    assert store.for_side("left") == [c, inner, a]
    assert store.at("left", 1, 6) == [inner, c]  # innermost first
    assert store.at("left", 1, 10) == [c]
    assert store.tags() == ["A", "b"]
    assert store.tag_counts() == {"b": 2, "A": 1}
    assert store.filter("hafen") == [c]
    assert store.filter(tag="b") == [a, b]
    assert store.filter(colour="blue") == [a]
    assert store.filter(text.left.paragraphs[5][10:20].upper()) == [a]  # quote, any case
    # next/previous in reading order, with wrap-around
    assert store.next_after((0, "left", -1, -1)) == c
    assert store.next_after(store.position_of(c)) == inner  # type: ignore[arg-type]
    assert store.next_after(store.position_of(a)) == b  # type: ignore[arg-type]
    assert store.next_after(store.position_of(b)) == c  # type: ignore[arg-type]
    assert store.next_after(store.position_of(b), wrap=False) is None  # type: ignore[arg-type]
    assert store.previous_before(store.position_of(c)) == b  # type: ignore[arg-type]
    assert store.previous_before(store.position_of(c), wrap=False) is None  # type: ignore[arg-type]
    assert store.previous_before((5, "right", 0, 0)) == a


def test_orphans_are_listed_not_placed(store: AnnotationStore) -> None:
    lost = Annotation(
        targets=(Target("left", 99, 0, 4, 10_000, 10_004, "gone"),), note="lost", orphaned=True
    )
    store.add(lost)
    placed = store.create(store.target("left", 0, 0, 4))
    assert store.orphans() == [lost]
    assert store.all() == [placed, lost]
    assert store.filter(orphans=True) == [lost]
    assert store.filter(orphans=False) == [placed]
    assert store.for_paragraph("left", 99) == []
    assert store.next_after((0, "left", -1, -1)) == placed
    assert store.position_of(lost) is None


def test_unsubscribe(store: AnnotationStore) -> None:
    events: list[Change] = []
    unsubscribe = store.subscribe(events.append)
    store.create(store.target("left", 0, 0, 4))
    unsubscribe()
    store.create(store.target("left", 0, 0, 4))
    assert len(events) == 1


def test_save_clears_dirty_and_reloads(text: ParallelText, data_dir: Path) -> None:
    store = AnnotationStore.open(text)
    assert not store.dirty and len(store) == 0
    ann = store.create(store.target("left", 7, 2, 9), note="<b>not markup</b>")
    store.set_alignment({"pinned": [{"left": [7], "right": [7]}]})
    assert store.save().ok and not store.dirty
    assert store.path == str(data_dir / "annotations" / f"{text.id}.json")
    again = AnnotationStore.open(text)
    assert again.get(ann.id) == ann
    assert again.alignment == {"pinned": [{"left": [7], "right": [7]}]}


def test_refresh_merges_another_instance(text: ParallelText) -> None:
    one = AnnotationStore.open(text)
    two = AnnotationStore.open(text)
    events: list[Change] = []
    two.subscribe(events.append)
    ann = one.create(one.target("left", 0, 0, 4))
    one.save()
    assert two.refresh() and ann.id in two and events[-1].kind == "reset"
    assert not two.refresh()  # nothing new


_OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "delete", "undo", "redo"]),
        st.integers(0, 19),
        st.integers(0, 1000),
    ),
    max_size=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_OPS)
def test_undo_redo_of_add_edit_delete(text: ParallelText, ops: list[tuple[str, int, int]]) -> None:
    """Each change is undone exactly and redone exactly; undoing everything empties the store
    and redoing everything walks the same states back."""
    store = AnnotationStore(text)  # memory only
    store.for_paragraph("left", 0)  # build the indexes, so changes update them incrementally
    for op, paragraph, n in ops:
        _check_index(store, text)
        ids = sorted(a.id for a in store.all())
        before = _content(store)
        if op == "add":
            side = "left" if n % 2 else "right"
            store.create(store.target(side, paragraph, n % 5, 6 + n % 7), note=str(n))
        elif op == "edit" and ids:
            store.update(ids[n % len(ids)], note=f"e{n}", tags=[f"t{n % 3}"])
        elif op == "delete" and ids:
            store.delete(ids[n % len(ids)])
        elif op == "undo":
            store.undo()
            continue
        elif op == "redo":
            store.redo()
            continue
        else:
            continue
        after = _content(store)
        if after == before:
            continue
        assert store.undo() and _content(store) == before
        assert store.redo() and _content(store) == after
    while store.redo():  # to the newest state first
        pass
    seen = [_content(store)]
    while store.undo():
        seen.append(_content(store))
    assert seen[-1] == {}
    assert all(a != b for a, b in itertools.pairwise(seen))
    forward = [_content(store)]
    while store.redo():
        forward.append(_content(store))
    assert forward == list(reversed(seen))


def test_import_w3c_is_one_undoable_step(store: AnnotationStore, tmp_path: Path) -> None:
    targets = [store.target("left", 1, 0, 20), store.target("right", 2, 0, 10)]
    items = [
        {
            "type": "Annotation",
            "id": f"urn:uuid:0000000{n}-0000-4000-8000-000000000000",
            "target": {
                "source": f"urn:parallel-reader:{store.text.id}:{t.side}:xx",
                "selector": {"type": "TextQuoteSelector", "exact": t.exact},
            },
        }
        for n, t in enumerate(targets)
    ]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    result = store.import_w3c(path)
    assert (result.anchored, result.orphaned, len(store)) == (2, 0, 2)
    assert store.get("00000001-0000-4000-8000-000000000000").targets == (targets[1],)  # type: ignore[union-attr]
    assert store.undo_label == "Import annotations"
    assert store.import_w3c(path).unchanged == 2 and store.undo_label == "Import annotations"
    store.undo()
    assert len(store) == 0


def test_changes_outrank_time_stamps_from_the_future(store: AnnotationStore) -> None:
    """An imported annotation stamped in the future can still be edited and deleted, and the
    other instance's copy does not win the merge."""
    future = Annotation(
        targets=(store.target("left", 0, 0, 5),),
        created="2999-01-01T00:00:00Z",
        modified="2999-01-01T00:00:00Z",
    )
    store.add(future)
    edited = store.update(future.id, note="mine")
    assert stamp_key(edited.modified) > stamp_key(future.modified)
    store.delete(future.id)
    assert stamp_key(store.state().deleted[future.id]) > stamp_key(edited.modified)
    assert stamp_after("") <= stamp_after("2999-01-01T00:00:00.000Z") == "2999-01-01T00:00:00.001Z"


_TWO_OPS = st.lists(
    st.tuples(
        st.sampled_from([0, 1]),
        st.sampled_from(["add", "edit", "delete", "undo", "save", "refresh"]),
        st.integers(0, 1000),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_TWO_OPS)
def test_two_instances_converge_on_the_last_change(
    text: ParallelText, ops: list[tuple[int, str, int]]
) -> None:
    """Two stores on one sidecar, changing, saving and refreshing in any interleaving, end with
    the same annotations, and each one is as its latest change (in time) left it."""
    import shutil
    import tempfile
    import time

    folder = tempfile.mkdtemp()
    try:
        stores = [AnnotationStore.open(text, folder), AnnotationStore.open(text, folder)]
        truth: dict[str, str | None] = {}  # id → note of the latest change, None if deleted
        for who, op, n in ops:
            store = stores[who]
            ids = sorted(a.id for a in store.all())
            time.sleep(0.0015)  # distinct millisecond time stamps between the two instances
            if op == "add":
                ann = store.create(store.target("left", n % 20, 0, 4), note=f"{who}:{n}")
                truth[ann.id] = ann.note
            elif op == "edit" and ids:
                ann = store.update(ids[n % len(ids)], note=f"{who}:{n}")
                truth[ann.id] = ann.note
            elif op == "delete" and ids:
                store.delete(ids[n % len(ids)])
                truth[ids[n % len(ids)]] = None
            elif op == "undo" and store.can_undo:
                before = {a.id: a.note for a in store.all()}
                store.undo()
                after = {a.id: a.note for a in store.all()}
                for i in before.keys() | after.keys():
                    if before.get(i) != after.get(i):
                        truth[i] = after.get(i)
            elif op == "save":
                assert store.save().ok
            elif op == "refresh":
                store.refresh()
        for store in stores + stores[:1]:
            assert store.save().ok
        stores[1].refresh()
        expected = {i: note for i, note in truth.items() if note is not None}
        for store in stores:
            assert {a.id: a.note for a in store.all()} == expected
    finally:
        shutil.rmtree(folder)
