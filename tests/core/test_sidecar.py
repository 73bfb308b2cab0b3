"""The sidecar file: validation, repair from backups, read-only future files, merging between
processes, crash safety and an unwritable data directory."""

from __future__ import annotations

import json
import os
import random
import re
import select
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reader.core.annostore import AnnotationStore
from reader.core.annotations import Annotation, make_target
from reader.core.document import ParallelText, load_pair
from reader.core.errors import ReaderError
from reader.core.sidecar import (
    BACKUP_COUNT,
    SCHEMA_VERSION,
    Sidecar,
    SidecarCorrupt,
    SidecarState,
    SidecarTooNew,
    merge_states,
    parse_sidecar,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def text(seed_paths: tuple[Path, Path]) -> ParallelText:
    return load_pair(*seed_paths)


def _ann(text: ParallelText, paragraph: int = 0, note: str = "", **kw: object) -> Annotation:
    target = make_target(text.left, "left", paragraph, 0, 5)
    return Annotation(targets=(target,), note=note, **kw)  # type: ignore[arg-type]


def _state(*annotations: Annotation) -> SidecarState:
    return SidecarState(annotations={a.id: a for a in annotations})


def test_path_is_keyed_by_document_id(text: ParallelText, data_dir: Path) -> None:
    sidecar = Sidecar(text)
    assert sidecar.path == data_dir / "annotations" / f"{text.id}.json"


def test_round_trip_records_sources_and_alignment(text: ParallelText) -> None:
    a = _ann(text, 1, note="eins", tags=("x", "y"), colour="green")
    b = Annotation(
        targets=(make_target(text.left, "left", 2, 3, 9), make_target(text.right, "right", 2, 0, 4))
    )
    state = _state(a, b)
    state.alignment = {"pinned": [{"left": [0], "right": [0]}]}
    state.alignment_modified = "2026-01-01T00:00:00.000Z"
    assert Sidecar(text).save(state).ok
    raw = json.loads(Sidecar(text).path.read_text(encoding="utf-8"))
    assert raw["schema_version"] == SCHEMA_VERSION
    assert raw["document_id"] == text.id
    assert raw["title"] == text.title
    assert raw["sources"]["left"]["lang"] == "de"
    assert raw["sources"]["right"]["path"].endswith("chongqing-connectivity.id.txt")
    assert raw["alignment"] == {"pinned": [{"left": [0], "right": [0]}]}
    loaded = Sidecar(text).load()
    assert loaded.found and not loaded.warnings and not loaded.read_only
    assert loaded.state.annotations == {a.id: a, b.id: b}
    assert loaded.state.alignment == state.alignment


def test_five_rotating_backups(text: ParallelText) -> None:
    sidecar = Sidecar(text)
    anns = []
    for n in range(8):
        anns.append(_ann(text, n))
        assert sidecar.save(_state(*anns)).ok
    backups = sorted(p.name for p in sidecar.path.parent.glob("*.bak*"))
    assert backups == [f"{sidecar.path.name}.bak{n}" for n in range(1, BACKUP_COUNT + 1)]
    newest, _ = parse_sidecar(sidecar.backup_path(1).read_bytes())
    oldest, _ = parse_sidecar(sidecar.backup_path(5).read_bytes())
    assert len(newest.annotations) == 7
    assert len(oldest.annotations) == 3
    assert not list(sidecar.path.parent.glob(".*.tmp"))


def _edited(good: bytes, change: Callable[[dict[str, Any]], object]) -> bytes:
    data = json.loads(good)
    change(data)
    return json.dumps(data).encode()


def test_unchanged_annotations_are_reused_when_saving(
    text: ParallelText, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving re-encodes only what changed, and the file says exactly what memory holds."""
    import reader.core.sidecar as sidecar_module

    store = AnnotationStore.open(text)
    for n in range(30):
        store.create(store.target("left", n % 20, 0, 5), note=f"n{n}")
    assert store.save().ok
    again = AnnotationStore.open(text)  # recovers the encoded lines from the file when saving
    calls: list[str] = []
    real = sidecar_module._encode_annotation

    def counting(ann: Annotation) -> bytes:
        calls.append(ann.id)
        return real(ann)

    monkeypatch.setattr(sidecar_module, "_encode_annotation", counting)
    victim = again.all()[7]
    again.update(victim.id, note="changed", tags=["t"])
    again.delete(again.all()[3].id)
    new = again.create(again.target("right", 2, 1, 4), note="new")
    assert again.save().ok
    assert sorted(calls) == sorted([victim.id, new.id])
    on_disk, meta = parse_sidecar(Path(again.path).read_bytes())
    assert on_disk.annotations == again.state().annotations
    assert on_disk.annotations[victim.id].note == "changed"
    monkeypatch.undo()
    fresh = sidecar_module.serialize(text, again.state(), meta["revision"])
    saved = meta["saved"].encode()
    assert Path(again.path).read_bytes() == re.sub(
        rb'"saved": "[^"]*"', b'"saved": "' + saved + b'"', fresh
    )


def _damage_cases(good: bytes) -> dict[str, bytes]:
    return {
        "corrupt": b'{"schema_version": 1, "annotations": [ {"id": ',
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "binary": b"\x00\xff\xfe garbage",
        "top-level list": b"[]",
        "schema as string": json.dumps({"schema_version": "1", "annotations": []}).encode(),
        "annotations not a list": json.dumps({"schema_version": 1, "annotations": {}}).encode(),
        "tags not a list": _edited(good, lambda d: d["annotations"][0].update(tags="x")),
        "colour not a string": _edited(good, lambda d: d["annotations"][1].update(colour=3)),
        "bad side": _edited(good, lambda d: d["annotations"][0]["targets"][0].update(side="up")),
        "deleted not a list": _edited(good, lambda d: d.update(deleted={})),
        "start not a number": json.dumps(
            {
                "schema_version": 1,
                "annotations": [
                    {
                        "id": "x",
                        "created": "2026-01-01T00:00:00Z",
                        "targets": [
                            {
                                "side": "left",
                                "paragraph": 0,
                                "quote": {"exact": "a"},
                                "position": {
                                    "start": "zero",
                                    "end": 1,
                                    "full_start": 0,
                                    "full_end": 1,
                                },
                            }
                        ],
                    }
                ],
            }
        ).encode(),
        "no targets": json.dumps(
            {
                "schema_version": 1,
                "annotations": [{"id": "x", "created": "2026-01-01T00:00:00Z", "targets": []}],
            }
        ).encode(),
    }


@pytest.mark.parametrize(
    "case",
    [
        "corrupt",
        "truncated",
        "empty",
        "binary",
        "top-level list",
        "schema as string",
        "annotations not a list",
        "tags not a list",
        "colour not a string",
        "bad side",
        "deleted not a list",
        "start not a number",
        "no targets",
    ],
)
def test_damaged_file_is_kept_aside_and_backup_restored(text: ParallelText, case: str) -> None:
    sidecar = Sidecar(text)
    first, second = _ann(text, 0, note="first"), _ann(text, 1, note="second")
    assert sidecar.save(_state(first)).ok
    assert sidecar.save(_state(first, second)).ok
    good = sidecar.path.read_bytes()
    damaged = _damage_cases(good)[case]
    with pytest.raises(SidecarCorrupt):
        parse_sidecar(damaged)
    sidecar.path.write_bytes(damaged)

    fresh = Sidecar(text)
    result = fresh.load()
    assert len(result.warnings) == 1
    message = result.warnings[0]
    assert "\n" not in message and "damaged" in message and "restored" in message
    aside = list(sidecar.path.parent.glob(f"{sidecar.path.name}.corrupt-*"))
    assert len(aside) == 1 and aside[0].name in message
    assert aside[0].read_bytes() == damaged  # kept byte for byte
    # The newest good backup (the state before the last save) is back, on disk too.
    assert set(result.state.annotations) == {first.id}
    assert set(parse_sidecar(sidecar.path.read_bytes())[0].annotations) == {first.id}
    assert fresh.save(result.state).ok


def test_damage_without_backup_starts_empty_and_never_overwrites_corrupt_copies(
    text: ParallelText,
) -> None:
    sidecar = Sidecar(text)
    sidecar.directory.mkdir(parents=True)
    for n in range(2):
        sidecar.path.write_bytes(b"not json %d" % n)
        result = Sidecar(text).load()
        assert result.state.annotations == {}
        assert "no good backup" in result.warnings[0]
    kept = sorted(p.read_bytes() for p in sidecar.directory.glob("*.corrupt-*"))
    assert kept == [b"not json 0", b"not json 1"]


def test_future_schema_opens_read_only_and_is_never_written(text: ParallelText) -> None:
    sidecar = Sidecar(text)
    sidecar.directory.mkdir(parents=True)
    future = json.dumps(
        {"schema_version": SCHEMA_VERSION + 1, "annotations": [], "new": "thing"}
    ).encode()
    sidecar.path.write_bytes(future)
    with pytest.raises(SidecarTooNew):
        parse_sidecar(future)
    store = AnnotationStore.open(text)
    assert store.read_only
    assert len(store.warnings) == 1 and "newer version" in store.warnings[0]
    with pytest.raises(ReaderError):
        store.create(store.target("left", 0, 0, 3))
    result = store.save()
    assert not result.ok and "newer version" in result.message
    assert sidecar.path.read_bytes() == future
    assert not list(sidecar.directory.glob("*.corrupt-*"))


def test_fresh_object_does_not_overwrite_future_file(text: ParallelText) -> None:
    sidecar = Sidecar(text)
    sidecar.directory.mkdir(parents=True)
    future = json.dumps({"schema_version": 99, "annotations": []}).encode()
    sidecar.path.write_bytes(future)
    result = Sidecar(text).save(_state(_ann(text)))
    assert not result.ok and "newer version" in result.message
    assert sidecar.path.read_bytes() == future


def _blocked_data_dir(tmp_path: Path) -> Path:
    """A data dir that cannot be created: its parent is a regular file (works even as root)."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    return blocker / "data"


def test_unwritable_data_dir_keeps_everything_in_memory(text: ParallelText, tmp_path: Path) -> None:
    data = _blocked_data_dir(tmp_path)
    store = AnnotationStore.open(text, data)
    assert store.warnings == []
    ann = store.create(store.target("left", 0, 0, 5), note="precious")
    result = store.save()
    assert not result.ok
    assert "Cannot save annotations" in result.message and "\n" not in result.message
    assert store.dirty and store.get(ann.id) == ann
    # Once the folder can be created, the next save writes everything.
    (tmp_path / "blocker").unlink()
    assert store.save().ok and not store.dirty
    assert ann.id in AnnotationStore.open(text, data)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="chmod does not stop root")
def test_read_only_directory_by_permissions(text: ParallelText, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "annotations").mkdir(parents=True)
    os.chmod(data / "annotations", 0o500)
    try:
        store = AnnotationStore.open(text, data)
        store.create(store.target("left", 0, 0, 5))
        result = store.save()
        assert not result.ok and "Cannot save annotations" in result.message
        assert store.dirty and len(store) == 1
    finally:
        os.chmod(data / "annotations", 0o700)


# -- merging ---------------------------------------------------------------------------------


def test_merge_newer_edit_wins_and_new_ones_are_kept(text: ParallelText) -> None:
    base = _ann(text, 0, note="base", modified="2026-01-01T00:00:00Z")
    mine_edit = replace(base, note="mine", modified="2026-01-01T00:00:01.500Z")
    their_edit = replace(base, note="theirs", modified="2026-01-01T00:00:01Z")
    only_mine, only_theirs = _ann(text, 1), _ann(text, 2)
    merged = merge_states(_state(mine_edit, only_mine), _state(their_edit, only_theirs))
    assert merged.annotations[base.id].note == "mine"  # 1.5 s is later than 1 s
    assert set(merged.annotations) == {base.id, only_mine.id, only_theirs.id}


def test_merge_tombstone_beats_older_copy_but_not_a_later_edit(text: ParallelText) -> None:
    a = _ann(text, 0, modified="2026-01-01T00:00:00Z")
    deleted = SidecarState(deleted={a.id: "2026-01-01T00:00:05.000Z"})
    assert merge_states(deleted, _state(a)).annotations == {}
    assert merge_states(_state(a), deleted).annotations == {}
    assert a.id in merge_states(deleted, _state(a)).deleted
    later = replace(a, modified="2026-01-01T00:00:06.000Z")
    assert a.id in merge_states(deleted, _state(later)).annotations


def test_merge_keeps_newer_alignment() -> None:
    old = SidecarState(alignment={"pinned": [1]}, alignment_modified="2026-01-01T00:00:00Z")
    new = SidecarState(alignment={"pinned": [2]}, alignment_modified="2026-01-01T00:00:00.5Z")
    assert merge_states(old, new).alignment == {"pinned": [2]}
    assert merge_states(new, old).alignment == {"pinned": [2]}


def test_two_stores_in_one_process_merge_deletions(text: ParallelText) -> None:
    one = AnnotationStore.open(text)
    keep = one.create(one.target("left", 0, 0, 5))
    doomed = one.create(one.target("left", 1, 0, 5))
    assert one.save().ok
    two = AnnotationStore.open(text)
    assert doomed.id in two
    one.delete(doomed.id)
    assert one.save().ok
    added = two.create(two.target("left", 2, 0, 5))  # two still holds doomed
    result = two.save()
    assert result.ok and result.merged
    assert {a.id for a in AnnotationStore.open(text).all()} == {keep.id, added.id}
    assert doomed.id not in two  # the merge reached the store's memory
    assert one.refresh() and added.id in one


_WORKER = textwrap.dedent(
    """
    import os, sys, time
    from reader.core.annostore import AnnotationStore
    from reader.core.document import load_pair
    name, go, left, right, data = sys.argv[1:6]
    text = load_pair(left, right)
    store = AnnotationStore.open(text, data)
    while not os.path.exists(go):
        time.sleep(0.005)
    for i in range(25):
        ann = store.create(store.target("left", i % 20, 0, 5), note=f"{name} {i}")
        if i == 5 and name == "A":
            victim = [a for a in store.all() if a.note == "victim"][0]
            store.delete(victim.id)
        if i == 7 and name == "B":
            edited = [a for a in store.all() if a.note == "edit me"][0]
            store.update(edited.id, note="edited by B")
        result = store.save()
        assert result.ok, result.message
        print(ann.id, flush=True)
    """
)


def test_two_processes_saving_concurrently_lose_nothing(
    text: ParallelText, seed_paths: tuple[Path, Path], data_dir: Path, tmp_path: Path
) -> None:
    store = AnnotationStore.open(text)
    victim = store.create(store.target("left", 3, 0, 5), note="victim")
    edit = store.create(store.target("left", 4, 0, 5), note="edit me")
    assert store.save().ok
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, name, str(go), *map(str, seed_paths), str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("A", "B")
    ]
    time.sleep(0.3)
    go.write_text("go")
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    saved = {line for out, _err in outputs for line in out.split()}
    assert len(saved) == 50
    final = AnnotationStore.open(text)
    ids = {a.id for a in final.all()}
    assert saved <= ids
    assert victim.id not in ids  # B never saw the deletion in its memory, yet it stays deleted
    assert edit.id in ids and final.get(edit.id).note == "edited by B"  # type: ignore[union-attr]
    assert ids == saved | {edit.id}


# -- crash safety ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_at_random_moments_never_loses_a_returned_save(text: ParallelText) -> None:
    rng = random.Random(20261122)
    sidecar_path = Sidecar(text).path
    confirmed: set[str] = set()
    kills = 0
    started = time.monotonic()
    while kills < 220:
        read_fd, write_fd = os.pipe()
        with warnings.catch_warnings():  # Python ≥ 3.12 warns about fork() in threaded programs
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # child: save in a loop, report each save that returned
            try:
                os.close(read_fd)
                store = AnnotationStore.open(text)
                n = 0
                while True:
                    ann = store.create(store.target("left", n % 20, 0, 5), note=f"n{n}")
                    if not store.save().ok:
                        os._exit(3)
                    os.write(write_fd, (ann.id + "\n").encode())
                    n += 1
            finally:
                os._exit(4)
        os.close(write_fd)
        deadline = time.monotonic() + rng.uniform(0.0, 0.06)
        buffer = b""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                chunk = os.read(read_fd, 65536)
                if not chunk:
                    break
                buffer += chunk
        os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), f"child exited by itself ({status})"
        kills += 1
        while chunk := os.read(read_fd, 65536):
            buffer += chunk
        os.close(read_fd)
        confirmed.update(line.decode() for line in buffer.split(b"\n")[:-1])
        if sidecar_path.exists():
            state, _meta = parse_sidecar(sidecar_path.read_bytes())  # always parses
            missing = confirmed - set(state.annotations)
            assert not missing, f"after {kills} kills, lost {len(missing)} returned saves"
    result = Sidecar(text).load()
    assert result.warnings == []
    assert confirmed <= set(result.state.annotations)
    assert len(confirmed) > 50  # the children did get to save between the kills
    assert time.monotonic() - started < 120


def test_alignment_section_is_opaque_and_kept_with_annotations(text: ParallelText) -> None:
    from reader.core.sidecar import load_alignment, save_alignment

    assert load_alignment(text) == ({"pinned": []}, [])
    store = AnnotationStore.open(text)
    ann = store.create(store.target("left", 0, 0, 5))
    assert store.save().ok
    pins = {"pinned": [{"left": [3, 4], "right": [3], "confirmed": True}]}
    assert save_alignment(text, pins).ok
    assert load_alignment(text)[0] == pins
    store.update(ann.id, note="later")  # the store never saw the new pins …
    assert store.save().ok
    assert load_alignment(text)[0] == pins  # … and does not undo them
    assert store.alignment == pins
    raw = json.loads(Sidecar(text).path.read_text(encoding="utf-8"))
    assert raw["alignment"] == pins


def test_missing_file_is_restored_from_the_newest_backup(text: ParallelText) -> None:
    sidecar = Sidecar(text)
    first, second = _ann(text, 0), _ann(text, 1)
    assert sidecar.save(_state(first)).ok
    assert sidecar.save(_state(first, second)).ok
    sidecar.path.unlink()
    result = Sidecar(text).load()
    assert result.found and set(result.state.annotations) == {first.id}
    assert len(result.warnings) == 1 and "was missing" in result.warnings[0]
    assert sidecar.path.exists()


def test_unreadable_file_opens_read_only_and_is_left_alone(
    text: ParallelText, monkeypatch: pytest.MonkeyPatch
) -> None:
    sidecar = Sidecar(text)
    assert sidecar.save(_state(_ann(text))).ok
    before = sidecar.path.read_bytes()
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self == sidecar.path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    store = AnnotationStore.open(text)
    assert store.read_only and "cannot be read" in store.warnings[0]
    assert not store.save().ok
    monkeypatch.undo()
    assert sidecar.path.read_bytes() == before
    assert not list(sidecar.directory.glob("*.corrupt-*"))


def test_a_directory_in_the_files_place_is_moved_aside(text: ParallelText) -> None:
    sidecar = Sidecar(text)
    sidecar.path.mkdir(parents=True)
    (sidecar.path / "inside").write_text("keep me")
    result = Sidecar(text).load()
    assert "damaged" in result.warnings[0]
    (aside,) = sidecar.directory.glob("*.corrupt-*")
    assert (aside / "inside").read_text() == "keep me"
    assert Sidecar(text).save(_state(_ann(text))).ok


def test_load_annotations_for_readers(text: ParallelText) -> None:
    from reader.core.sidecar import load_annotations

    assert load_annotations(text) == ([], [])
    a = _ann(text, 2)
    assert Sidecar(text).save(_state(a)).ok
    assert load_annotations(text) == ([a], [])


def test_fast_parse_builds_the_same_objects_as_from_dict(text: ParallelText) -> None:
    from reader.core.sidecar import _fast_annotation

    a = _ann(text, 3, note="ä", tags=("x",), colour="red")
    left, right = make_target(text.left, "left", 2, 3, 9), make_target(text.right, "right", 2, 0, 4)
    b = Annotation(targets=(left, right), orphaned=True)
    for ann in (a, b):
        data = json.loads(json.dumps(ann.to_dict()))
        fast = _fast_annotation(data)
        assert fast == Annotation.from_dict(data) == ann
        assert fast is not None and hash(fast) == hash(ann)
        assert replace(fast, note="n").note == "n" and fast.bilingual == ann.bilingual
    assert _fast_annotation({**a.to_dict(), "tags": "x"}) is None  # left to the general path


# -- the load cache --------------------------------------------------------------------------


def _closed_store(text: ParallelText, n: int = 5) -> AnnotationStore:
    store = AnnotationStore.open(text)
    for i in range(n):
        store.create(store.target("left", i, 0, 5), note=f"n{i}", tags=["t"])
    store.set_alignment({"pinned": [{"left": [1], "right": [1]}]})
    assert store.close().ok
    return store


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.core.sidecar as sidecar_module

    def refuse(data: bytes) -> object:
        raise AssertionError("parsed the JSON although the cache matched")

    monkeypatch.setattr(sidecar_module, "parse_sidecar", refuse)


def test_closing_leaves_a_cache_the_next_open_uses(
    text: ParallelText, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core.sidecar import cache_path

    store = _closed_store(text)
    assert cache_path(Path(store.path)).exists()
    _no_parsing(monkeypatch)
    again = AnnotationStore.open(text)
    assert again.warnings == []
    assert again.state().annotations == store.state().annotations
    assert again.alignment == store.alignment
    assert again.close().ok  # nothing changed: the cache is still right


def test_stale_or_damaged_cache_is_ignored(text: ParallelText) -> None:
    from reader.core.sidecar import cache_path

    store = _closed_store(text)
    cache = cache_path(Path(store.path))
    other = AnnotationStore.open(text)
    newer = other.create(other.target("right", 3, 0, 6), note="newer")
    assert other.save().ok  # no close: the cache now describes an older file
    assert newer.id in AnnotationStore.open(text)
    assert AnnotationStore.open(text).get(newer.id) == newer
    assert other.close().ok
    blob = bytearray(cache.read_bytes())
    blob[-10] ^= 0xFF
    cache.write_bytes(bytes(blob))
    assert AnnotationStore.open(text).get(newer.id) == newer
    cache.write_bytes(b"parallel-reader sidecar cache 1\nsome-other-python\n....")
    assert AnnotationStore.open(text).get(newer.id) == newer


def test_damaged_json_is_caught_even_with_a_cache(text: ParallelText) -> None:
    store = _closed_store(text)
    path = Path(store.path)
    path.write_bytes(path.read_bytes()[:-40])  # truncated; the cache still looks fine
    result = Sidecar(text).load()
    assert result.warnings and "damaged" in result.warnings[0]
    assert list(path.parent.glob(f"{path.name}.corrupt-*"))
