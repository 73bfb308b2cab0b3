"""The per-document sidecar: annotations and alignment corrections, never lost.

One JSON file per parallel text at ``<data dir>/annotations/<document id>.json`` where the
document id is :attr:`reader.core.document.ParallelText.id` (derived from the content, so moving
or renaming the two files keeps their annotations). The file records the source paths, languages
and title, a ``"schema_version"``, the annotations, tombstones of deleted annotations and an
opaque ``"alignment"`` value owned by :mod:`reader.core.corrections`.

Guarantees:

* Writes are atomic (temporary file in the same directory, flush, fsync, ``os.replace``) and the
  previous file is kept as ``<name>.bak1`` … ``<name>.bak5`` (newest first).
* Loading validates. A damaged file is moved aside as ``<name>.corrupt-<timestamp>`` (never
  deleted, never overwritten), the newest good backup is restored and a one-line message is
  returned for the user.
* A file with a newer ``schema_version`` is opened read-only and never overwritten.
* Two processes saving the same document never lose an update: saves hold an exclusive lock on
  ``<name>.lock``, re-read the file when another process changed it and merge by annotation id
  and ``modified``; deletions are kept as tombstones (id and deletion time) so a deleted
  annotation does not come back from the other process's copy.
* An unwritable data directory yields a failed :class:`SaveResult` with a clear message; nothing
  held in memory is touched.
"""

from __future__ import annotations

import gc
import json
import marshal
import os
import re
import shutil
import sys
import uuid
import zlib
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import reader
from reader.core.annotations import DEFAULT_COLOUR, Annotation, Target, now_iso_ms, stamp_key
from reader.core.document import ParallelText
from reader.core.errors import ReaderError
from reader.core.paths import data_dir as resolve_data_dir
from reader.core.records import direct_constructor
from reader.core.textio import write_atomic

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

SCHEMA_VERSION = 1
BACKUP_COUNT = 5
TOMBSTONE_DAYS = 365
ANNOTATIONS_DIR = "annotations"
_HEAD_BYTES = 16384
_REVISION_RE = re.compile(rb'"revision":\s*"([0-9a-f]{32})"')


class SidecarCorrupt(Exception):
    """The file is not a valid sidecar; ``str()`` is the short reason."""


class SidecarTooNew(Exception):
    """The file has a newer schema than this program understands."""

    def __init__(self, version: int) -> None:
        super().__init__(f"schema_version {version}")
        self.version = version


def empty_alignment() -> dict[str, Any]:
    """The ``"alignment"`` section of a document without corrections."""
    return {"pinned": []}


@dataclass
class SidecarState:
    """What a sidecar holds beyond its metadata: the part two processes merge."""

    annotations: dict[str, Annotation] = field(default_factory=dict)
    deleted: dict[str, str] = field(default_factory=dict)  # id → ISO time of the deletion
    # opaque JSON value owned by reader.core.corrections (pins_to_json/pins_from_json)
    alignment: Any = field(default_factory=empty_alignment)
    alignment_modified: str = ""
    previous_ids: list[str] = field(default_factory=list)  # ids this document had before edits

    def copy(self) -> SidecarState:
        return SidecarState(
            annotations=dict(self.annotations),
            deleted=dict(self.deleted),
            alignment=self.alignment,
            alignment_modified=self.alignment_modified,
            previous_ids=list(self.previous_ids),
        )


@dataclass
class LoadResult:
    """The loaded state; ``warnings`` are one-line messages for the user (dialog or stderr)."""

    state: SidecarState
    warnings: list[str] = field(default_factory=list)
    read_only: bool = False
    found: bool = False  # a sidecar (or a restored backup) existed for this document


@dataclass
class SaveResult:
    """``ok`` is False when nothing was written; ``message`` then says why in one line.

    ``state`` is what is now on disk (after merging another process's changes); ``merged`` says
    the file had been changed by someone else and ``state`` differs from what was passed in.
    """

    ok: bool
    state: SidecarState
    message: str = ""
    merged: bool = False
    warnings: list[str] = field(default_factory=list)


def annotations_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """``<data dir>/annotations``."""
    return resolve_data_dir(data_dir) / ANNOTATIONS_DIR


def sidecar_path(doc_id: str, data_dir: str | os.PathLike[str] | None = None) -> Path:
    return annotations_dir(data_dir) / f"{doc_id}.json"


def _timestamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def _os_reason(exc: OSError) -> str:
    return str(exc.strerror or exc).lower() if exc.strerror else str(exc)


# ----------------------------------------------------------------------------------------------
# Parsing and writing


# validated values go straight into the instances (see reader.core.records): most of the load
# time was the frozen dataclasses' __init__
_make_target = direct_constructor(Target)
_make_annotation = direct_constructor(Annotation)


def _fast_annotation(d: Any) -> Annotation | None:
    """``Annotation.from_dict`` for the exact types we write, several times faster; None when
    anything is unusual (the caller then uses the general path, which explains errors)."""
    try:
        if type(d) is not dict:
            return None
        items = d["targets"]
        if type(items) is not list or not 1 <= len(items) <= 2:
            return None
        targets = []
        for t in items:
            q, p, side, para = t["quote"], t["position"], t["side"], t["paragraph"]
            s, e, fs, fe = p["start"], p["end"], p["full_start"], p["full_end"]
            ex, pr, su = q["exact"], q.get("prefix", ""), q.get("suffix", "")
            if (
                (side != "left" and side != "right")
                or type(para) is not int
                or type(s) is not int
                or type(e) is not int
                or type(fs) is not int
                or type(fe) is not int
                or para < 0
                or s < 0
                or e < s
                or fe < fs
                or type(ex) is not str
                or type(pr) is not str
                or type(su) is not str
            ):
                return None
            targets.append(_make_target(side, para, s, e, fs, fe, ex, pr, su))
        ann_id, created = d["id"], d["created"]
        modified = d.get("modified") or created
        colour, note = d.get("colour", DEFAULT_COLOUR), d.get("note", "")
        tags, orphaned = d.get("tags", []), d.get("orphaned", False)
        if (
            type(ann_id) is not str
            or type(created) is not str
            or type(modified) is not str
            or type(colour) is not str
            or type(note) is not str
            or type(tags) is not list
            or type(orphaned) is not bool
        ):
            return None
        for tag in tags:
            if type(tag) is not str:
                return None
        return _make_annotation(
            tuple(targets), ann_id, note, tuple(tags), colour, created, modified, orphaned
        )
    except (KeyError, TypeError, AttributeError):
        return None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing builds hundreds of thousands of acyclic objects; the cyclic garbage collector
    would scan them again and again (about a quarter of the time) for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_sidecar(data: bytes) -> tuple[SidecarState, dict[str, Any]]:
    """Validate and decode sidecar bytes into (state, metadata).

    Raises :class:`SidecarCorrupt` with a short reason, or :class:`SidecarTooNew`.
    """
    with _gc_paused():
        return _parse_sidecar(data)


def _parse_sidecar(data: bytes) -> tuple[SidecarState, dict[str, Any]]:
    try:
        raw = json.loads(data)
    except UnicodeDecodeError:
        raise SidecarCorrupt("not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise SidecarCorrupt(f"invalid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise SidecarCorrupt("not a JSON object")
    version = raw.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SidecarCorrupt("missing or invalid schema_version")
    if version > SCHEMA_VERSION:
        raise SidecarTooNew(version)
    if version < 1:
        raise SidecarCorrupt(f"invalid schema_version {version}")
    items = raw.get("annotations", [])
    if not isinstance(items, list):
        raise SidecarCorrupt("'annotations' is not a list")
    state = SidecarState()
    for n, item in enumerate(items):
        ann = _fast_annotation(item)
        if ann is None:  # unusual but maybe valid: the general (lenient, explaining) path
            if not isinstance(item, dict):
                raise SidecarCorrupt(f"annotation {n} is not an object")
            try:
                ann = Annotation.from_dict(item)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                reason = f"{type(exc).__name__}: {exc}"
                raise SidecarCorrupt(f"annotation {n} is invalid ({reason})") from None
            if any(t.paragraph < 0 for t in ann.targets):
                raise SidecarCorrupt(f"annotation {n} has a negative paragraph index")
        old = state.annotations.get(ann.id)
        if old is None or stamp_key(ann.modified) >= stamp_key(old.modified):
            state.annotations[ann.id] = ann
    deleted = raw.get("deleted", [])
    if not isinstance(deleted, list):
        raise SidecarCorrupt("'deleted' is not a list")
    for n, item in enumerate(deleted):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("id"), str)
            or not isinstance(item.get("deleted"), str)
        ):
            raise SidecarCorrupt(f"deletion record {n} is invalid")
        state.deleted[item["id"]] = item["deleted"]
    alignment = raw.get("alignment")
    state.alignment = empty_alignment() if alignment is None else alignment
    modified = raw.get("alignment_modified", "")
    if not isinstance(modified, str):
        raise SidecarCorrupt("'alignment_modified' is not a string")
    state.alignment_modified = modified
    previous = raw.get("previous_ids", [])
    if not isinstance(previous, list) or not all(isinstance(p, str) for p in previous):
        raise SidecarCorrupt("'previous_ids' is not a list of strings")
    state.previous_ids = list(previous)
    sources = raw.get("sources", {})
    if not isinstance(sources, dict):
        raise SidecarCorrupt("'sources' is not an object")
    meta = {k: v for k, v in raw.items() if k not in ("annotations", "deleted", "alignment")}
    return state, meta


def sources_of(text: ParallelText) -> dict[str, dict[str, str]]:
    """The ``"sources"`` record of a parallel text: path, language and content id per side."""
    result: dict[str, dict[str, str]] = {}
    for side, doc in (("left", text.left), ("right", text.right)):
        path = ""
        if doc.path is not None:
            try:
                path = str(Path(doc.path).resolve())
            except OSError:
                path = str(doc.path)
        result[side] = {"path": path, "lang": doc.lang, "content_id": doc.content_id}
    return result


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


EncodedCache = dict[str, tuple[Annotation, bytes]]
_SAFE_ID = re.compile(r"^[0-9A-Za-z._:-]+$")


def _encode_annotation(ann: Annotation) -> bytes:
    return _dumps(ann.to_dict()).encode("utf-8")


def serialize(
    text: ParallelText, state: SidecarState, revision: str, cache: EncodedCache | None = None
) -> bytes:
    """The JSON bytes of a sidecar: metadata first (so a short head read finds it), then one
    line per tombstone and per annotation. ``cache`` (id → (annotation, JSON bytes)) is reused
    for unchanged annotation objects and updated in place."""
    cutoff = datetime.now(timezone.utc) - timedelta(days=TOMBSTONE_DAYS)
    deleted = [
        {"id": i, "deleted": stamp}
        for i, stamp in state.deleted.items()
        if i not in state.annotations and stamp_key(stamp) >= cutoff
    ]
    head: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "revision": revision,
        "document_id": text.id,
        "title": text.title,
        "sources": sources_of(text),
        "saved": now_iso_ms(),
        "application": f"parallel-reader {reader.__version__}",
        "previous_ids": state.previous_ids,
        "alignment_modified": state.alignment_modified,
        "alignment": state.alignment,
    }
    if cache is None:
        cache = {}
    lines = []
    for ann_id, ann in state.annotations.items():
        hit = cache.get(ann_id)
        if hit is None or hit[0] is not ann:
            hit = (ann, _encode_annotation(ann))
            cache[ann_id] = hit
        lines.append(hit[1])
    if len(cache) > len(state.annotations):
        for stale in [i for i in cache if i not in state.annotations]:
            del cache[stale]
    parts = ["{"]
    parts.extend(f"{_dumps(k)}: {_dumps(v)}," for k, v in head.items())
    parts.append('"deleted": [')
    parts.append(",\n".join(_dumps(d) for d in deleted))
    parts.append('],\n"annotations": [\n')
    return "\n".join(parts).encode("utf-8") + b",\n".join(lines) + b"\n]}\n"


_ANNOTATIONS_MARK = b'\n"annotations": [\n'
_END_MARK = b"\n]}\n"


def encoded_lines(data: bytes, state: SidecarState) -> EncodedCache:
    """Recover the JSON line of each annotation from a file :func:`serialize` wrote, so the next
    save need not encode unchanged annotations again; {} when the layout is not ours."""
    start = data.find(_ANNOTATIONS_MARK)
    if start < 0 or not data.endswith(_END_MARK):
        return {}
    body = data[start + len(_ANNOTATIONS_MARK) : -len(_END_MARK)]
    lines = body.split(b"\n") if body else []
    if len(lines) != len(state.annotations):
        return {}
    cache: EncodedCache = {}
    for line, (ann_id, ann) in zip(lines, state.annotations.items(), strict=True):
        if _SAFE_ID.match(ann_id):
            marker = f'{{"id":"{ann_id}",'.encode()
        else:
            marker = ("{" + _dumps("id") + ":" + _dumps(ann_id) + ",").encode("utf-8")
        if not line.startswith(marker):
            return {}
        cache[ann_id] = (ann, line[:-1] if line.endswith(b",") else line)
    return cache


# ----------------------------------------------------------------------------------------------
# A load cache beside the JSON (the JSON stays the only source of truth)

_CACHE_MAGIC = b"parallel-reader sidecar cache 1\n"
_CACHE_TAG = f"{sys.implementation.cache_tag} marshal {marshal.version}".encode("ascii")


def cache_path(path: Path) -> Path:
    """``<name>.cache``: the state of ``<name>`` in Python's fast ``marshal`` format."""
    return path.with_name(f"{path.name}.cache")


def write_cache(path: Path, data: bytes, state: SidecarState) -> None:
    """Write the load cache for sidecar ``path`` whose bytes are ``data``. Best effort, not
    fsynced: a missing, stale or torn cache is ignored by :func:`read_cache`."""
    annotations = [
        (
            a.id,
            a.created,
            a.modified,
            a.colour,
            a.note,
            a.tags,
            a.orphaned,
            tuple(
                (
                    t.side,
                    t.paragraph,
                    t.start,
                    t.end,
                    t.full_start,
                    t.full_end,
                    t.exact,
                    t.prefix,
                    t.suffix,
                )
                for t in a.targets
            ),
        )
        for a in state.annotations.values()
    ]
    body = (
        zlib.crc32(data),
        len(data),
        annotations,
        list(state.deleted.items()),
        state.alignment,
        state.alignment_modified,
        state.previous_ids,
    )
    try:
        payload = marshal.dumps(body)
    except ValueError:  # an alignment value marshal cannot hold: no cache
        return
    blob = b"".join(
        (_CACHE_MAGIC, _CACHE_TAG, b"\n", zlib.crc32(payload).to_bytes(4, "little"), payload)
    )
    target = cache_path(path)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_bytes(blob)
        os.replace(tmp, target)
    except OSError:
        with suppress(OSError):
            tmp.unlink()


def read_cache(path: Path, data: bytes) -> SidecarState | None:
    """The state from the load cache of ``path`` if it was written for exactly these JSON
    ``data`` (checksum and length) by this Python; None otherwise."""
    try:
        blob = cache_path(path).read_bytes()
    except OSError:
        return None
    head = _CACHE_MAGIC + _CACHE_TAG + b"\n"
    if not blob.startswith(head) or len(blob) < len(head) + 4:
        return None
    crc = int.from_bytes(blob[len(head) : len(head) + 4], "little")
    payload = blob[len(head) + 4 :]
    if zlib.crc32(payload) != crc:
        return None
    try:
        with _gc_paused():
            body = marshal.loads(payload)
            data_crc, size, annotations, deleted, alignment, alignment_modified, previous = body
            if size != len(data) or data_crc != zlib.crc32(data):
                return None
            state = SidecarState(
                deleted=dict(deleted),
                alignment=alignment,
                alignment_modified=alignment_modified,
                previous_ids=list(previous),
            )
            state.annotations = _build_annotations(annotations)
    except (ValueError, TypeError, EOFError, KeyError):
        return None
    return state


def _build_annotations(rows: list[Any]) -> dict[str, Annotation]:
    result: dict[str, Annotation] = {}
    for ann_id, created, modified, colour, note, tags, orphaned, target_rows in rows:
        targets = []
        for side, para, s, e, fs, fe, exact, prefix, suffix in target_rows:
            targets.append(_make_target(side, para, s, e, fs, fe, exact, prefix, suffix))
        result[ann_id] = _make_annotation(
            tuple(targets), ann_id, note, tags, colour, created, modified, orphaned
        )
    return result


def read_state(path: Path, data: bytes) -> tuple[SidecarState, bool]:
    """The state in sidecar bytes ``data`` read from ``path`` and whether it came from the load
    cache (used when it matches), else parsed and validated (see :func:`parse_sidecar`, whose
    errors it raises)."""
    cached = read_cache(path, data)
    if cached is not None:
        return cached, True
    state, _meta = parse_sidecar(data)
    return state, False


def merge_states(mine: SidecarState, theirs: SidecarState) -> SidecarState:
    """Union of two states: per annotation id the newer ``modified`` wins (``mine`` on a tie);
    a tombstone removes an annotation not modified after the deletion; the newer alignment wins.
    """
    deleted = dict(theirs.deleted)
    for i, stamp in mine.deleted.items():
        if i not in deleted or stamp_key(stamp) > stamp_key(deleted[i]):
            deleted[i] = stamp
    merged: dict[str, Annotation] = {}
    for i in list(mine.annotations) + [i for i in theirs.annotations if i not in mine.annotations]:
        a, b = mine.annotations.get(i), theirs.annotations.get(i)
        pick: Annotation
        if a is None:
            assert b is not None
            pick = b
        elif b is None or stamp_key(a.modified) >= stamp_key(b.modified):
            pick = a
        else:
            pick = b
        gone = deleted.get(i)
        if gone is not None and stamp_key(gone) >= stamp_key(pick.modified):
            continue
        merged[i] = pick
        deleted.pop(i, None)
    alignment, alignment_modified = mine.alignment, mine.alignment_modified
    if stamp_key(theirs.alignment_modified) > stamp_key(mine.alignment_modified):
        alignment, alignment_modified = theirs.alignment, theirs.alignment_modified
    previous = list(mine.previous_ids)
    previous += [p for p in theirs.previous_ids if p not in previous]
    return SidecarState(merged, deleted, alignment, alignment_modified, previous)


def same_content(a: SidecarState, b: SidecarState) -> bool:
    """True when two states hold the same annotations, tombstones and alignment."""
    return (
        a.annotations == b.annotations
        and a.deleted == b.deleted
        and a.alignment == b.alignment
        and a.alignment_modified == b.alignment_modified
    )


# ----------------------------------------------------------------------------------------------
# The file


@contextmanager
def file_lock(lock_path: Path) -> Iterator[None]:
    """Exclusive lock between processes on ``lock_path`` (created if needed); the OS releases it
    when the holder dies, so a crashed instance never leaves a stale lock."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if sys.platform == "win32":  # pragma: no cover
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if sys.platform == "win32":  # pragma: no cover
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def aside_path(path: Path, kind: str) -> Path:
    """A fresh ``<name>.<kind>-<timestamp>`` beside ``path`` that does not exist yet."""
    base = f"{path.name}.{kind}-{_timestamp()}"
    candidate = path.with_name(base)
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{base}-{n}")
        n += 1
    return candidate


def supersede(path: Path) -> Path | None:
    """Move the sidecar ``path`` aside as ``<name>.superseded-<timestamp>`` (its annotations
    now live under a new document id). Returns the new path, or None if nothing was moved."""
    try:
        with file_lock(path.with_name(f"{path.name}.lock")):
            aside = aside_path(path, "superseded")
            os.rename(path, aside)
            with suppress(OSError):
                cache_path(path).unlink()
            # Its backups go along, so they are never mistaken for a lost current file.
            for n in range(1, BACKUP_COUNT + 1):
                backup = path.with_name(f"{path.name}.bak{n}")
                with suppress(OSError):
                    os.rename(backup, aside.with_name(f"{aside.name}.bak{n}"))
            return aside
    except OSError:
        return None


class Sidecar:
    """The sidecar file of one parallel text.

    ``load()`` once, then ``save(state)`` as often as needed; each save merges changes another
    process made since this object last read or wrote the file.
    """

    def __init__(self, text: ParallelText, data_dir: str | os.PathLike[str] | None = None) -> None:
        self.text = text
        self.directory = annotations_dir(data_dir)
        self.path = self.directory / f"{text.id}.json"
        self.read_only = False
        self.read_only_reason = ""
        self._signature: tuple[int, int, int] | None = None
        self._revision = ""
        self._encoded: EncodedCache = {}
        # The bytes last loaded, to recover each annotation's JSON at the first save.
        self._loaded: tuple[bytes, SidecarState] | None = None
        # The bytes and state of this object's last save, for the load cache at closing time.
        self._written: tuple[bytes, SidecarState] | None = None
        self._cache_fresh = False  # the load cache matches the file

    # -- paths -------------------------------------------------------------------------------

    def backup_path(self, n: int) -> Path:
        return self.path.with_name(f"{self.path.name}.bak{n}")

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(f"{self.path.name}.lock")

    def aside_path(self, kind: str) -> Path:
        return aside_path(self.path, kind)

    def _locked(self) -> AbstractContextManager[None]:
        return file_lock(self.lock_path)

    # -- change detection --------------------------------------------------------------------

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _head_revision(self) -> str:
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(_HEAD_BYTES)
        except OSError:
            return ""
        match = _REVISION_RE.search(head)
        return match.group(1).decode("ascii") if match else ""

    def changed_on_disk(self) -> bool:
        """True when the file differs from what this object last read or wrote."""
        sig = self._stat()
        if sig is None:
            return self._signature is not None
        if sig != self._signature:
            return True
        return self._head_revision() != self._revision

    def _remember(self, data: bytes | None) -> None:
        self._signature = self._stat()
        match = _REVISION_RE.search(data[:_HEAD_BYTES]) if data else None
        self._revision = match.group(1).decode("ascii") if match else ""

    # -- loading -----------------------------------------------------------------------------

    def load(self) -> LoadResult:
        """Read and validate the sidecar; repair from backups when it is damaged or missing."""
        if not self.path.exists() and not any(
            self.backup_path(n).exists() for n in range(1, BACKUP_COUNT + 1)
        ):
            return LoadResult(SidecarState())
        try:
            with self._locked():
                return self._load_locked()
        except OSError:
            # Cannot create the lock file (read-only folder): read without it.
            return self._load_locked()

    def _load_locked(self) -> LoadResult:
        warnings: list[str] = []
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return self._restore(f"The annotation file {self.path.name} was missing;", None)
        except PermissionError:
            self.read_only = True
            self.read_only_reason = (
                f"The annotation file {self.path} cannot be read (permission denied); "
                "annotations are read-only until this is fixed."
            )
            return LoadResult(SidecarState(), [self.read_only_reason], read_only=True, found=True)
        except OSError as exc:
            reason = f"cannot be read: {_os_reason(exc)}"
        else:
            try:
                state, self._cache_fresh = read_state(self.path, data)
            except SidecarTooNew as exc:
                self.read_only = True
                self.read_only_reason = (
                    f"The annotation file {self.path} was written by a newer version of "
                    f"Parallel Reader (schema_version {exc.version}, this version reads "
                    f"{SCHEMA_VERSION}); it is open read-only and will not be changed."
                )
                return LoadResult(
                    SidecarState(), [self.read_only_reason], read_only=True, found=True
                )
            except SidecarCorrupt as exc:
                reason = str(exc)
            else:
                self._remember(data)
                self._loaded = (data, state)
                return LoadResult(state, warnings, found=True)
        return self._repair(reason)

    def _move_aside(self) -> Path | None:
        aside = self.aside_path("corrupt")
        try:
            os.rename(self.path, aside)  # never replaces: aside does not exist
        except FileNotFoundError:
            return None
        return aside

    def _repair(self, reason: str) -> LoadResult:
        """Move the damaged file aside and restore the newest good backup."""
        try:
            aside = self._move_aside()
        except OSError as exc:
            self.read_only = True
            self.read_only_reason = (
                f"The annotation file {self.path} is damaged ({reason}) and cannot be moved "
                f"aside ({_os_reason(exc)}); annotations are read-only until this is fixed."
            )
            return LoadResult(SidecarState(), [self.read_only_reason], read_only=True, found=True)
        kept = f"it was kept as {aside.name}" if aside else "it was kept"
        return self._restore(f"The annotation file {self.path.name} was damaged ({reason});", kept)

    def _restore(self, problem: str, kept: str | None) -> LoadResult:
        """Put the newest good backup in place; ``problem`` starts the message for the user."""
        for n in range(1, BACKUP_COUNT + 1):
            backup = self.backup_path(n)
            try:
                data = backup.read_bytes()
                state, meta = parse_sidecar(data)
            except (OSError, SidecarCorrupt, SidecarTooNew):
                continue
            try:
                write_atomic(self.path, data)
            except ReaderError:
                pass  # the state is in memory; the next save writes it
            else:
                self._remember(data)
                self._loaded = (data, state)
            saved = meta.get("saved") or "an earlier save"
            done = f"the backup from {saved} was restored."
            message = f"{problem} {kept} and {done}" if kept else f"{problem} {done}"
            return LoadResult(state, [message], found=True)
        lost = "no good backup was found, so this document starts without annotations."
        message = f"{problem} {kept}, and {lost}" if kept else f"{problem} {lost}"
        self._signature = None
        self._revision = ""
        return LoadResult(SidecarState(), [message], found=False)

    # -- saving ------------------------------------------------------------------------------

    def save(self, state: SidecarState) -> SaveResult:
        """Merge with changes on disk, then write atomically with backups.

        Never raises for I/O problems: a failed save returns ``ok=False`` and a message, and the
        caller keeps its state in memory.
        """
        if self.read_only:
            return SaveResult(False, state, self.read_only_reason or "annotations are read-only")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._locked():
                return self._save_locked(state)
        except (OSError, ReaderError) as exc:
            reason = _os_reason(exc) if isinstance(exc, OSError) else str(exc)
            return SaveResult(
                False,
                state,
                f"Cannot save annotations in {self.directory} ({reason}); they are kept in "
                "memory and saved as soon as that works (or choose another --data-dir).",
            )

    def _save_locked(self, state: SidecarState) -> SaveResult:
        warnings: list[str] = []
        merged = state
        changed = False
        if self.changed_on_disk() and self.path.exists():
            try:
                data = self.path.read_bytes()
                theirs, _cached = read_state(self.path, data)
            except SidecarTooNew as exc:
                self.read_only = True
                self.read_only_reason = (
                    f"The annotation file {self.path} was written by a newer version of "
                    f"Parallel Reader (schema_version {exc.version}); it will not be changed."
                )
                return SaveResult(False, state, self.read_only_reason)
            except (SidecarCorrupt, OSError) as exc:
                aside = self._move_aside()
                name = aside.name if aside else self.path.name
                warnings.append(
                    f"The annotation file {self.path.name} was damaged ({exc}); it was kept as "
                    f"{name} and replaced by the annotations in memory."
                )
            else:
                merged = merge_states(state, theirs)
                changed = not same_content(merged, state)
        revision = uuid.uuid4().hex
        if self._loaded is not None:
            if not self._encoded:
                self._encoded = encoded_lines(*self._loaded)
            self._loaded = None
        payload = serialize(self.text, merged, revision, self._encoded)
        self._clean_temporaries()
        self._rotate_backups()
        write_atomic(self.path, payload)
        self._remember(payload)
        self._written = (payload, merged)
        self._cache_fresh = False
        return SaveResult(True, merged, merged=changed, warnings=warnings)

    def write_load_cache(self) -> bool:
        """Cache the state last loaded or saved for a fast next load (when the window closes);
        only if the file is still what this object read or wrote. Saves do not do it: they stay
        fast. True when the cache now matches the file."""
        if self.changed_on_disk():
            return False
        if self._cache_fresh:
            return True
        source = self._written or self._loaded
        if source is None:
            return False
        write_cache(self.path, *source)
        self._cache_fresh = True
        return True

    def _rotate_backups(self) -> None:
        if not self.path.exists():
            return
        for n in range(BACKUP_COUNT - 1, 0, -1):
            src = self.backup_path(n)
            if src.exists():
                os.replace(src, self.backup_path(n + 1))
        newest = self.backup_path(1)
        try:
            os.link(self.path, newest)
        except FileExistsError:  # pragma: no cover - rotation moved it away just before
            os.replace(self.path, newest)
        except OSError:
            tmp = newest.with_name(f".{newest.name}.tmp")
            shutil.copyfile(self.path, tmp)
            os.replace(tmp, newest)

    def _clean_temporaries(self) -> None:
        """Remove temporary files left by a writer that was killed (we hold the lock)."""
        prefix = f".{self.path.name}."
        try:
            entries = list(os.scandir(self.directory))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with suppress(OSError):
                    os.unlink(entry.path)


def load_alignment(
    text: ParallelText, data_dir: str | os.PathLike[str] | None = None
) -> tuple[Any, list[str]]:
    """The stored alignment corrections of ``text`` and one-line warnings (for code that does
    not hold an annotation store, e.g. a CLI command)."""
    result = Sidecar(text, data_dir).load()
    return result.state.alignment, result.warnings


def save_alignment(
    text: ParallelText, value: Any, data_dir: str | os.PathLike[str] | None = None
) -> SaveResult:
    """Store new alignment corrections for ``text``, keeping its annotations (merged save)."""
    sidecar = Sidecar(text, data_dir)
    loaded = sidecar.load()
    state = loaded.state.copy()
    state.alignment = value
    state.alignment_modified = now_iso_ms()
    result = sidecar.save(state)
    result.warnings[:0] = loaded.warnings
    return result


def load_annotations(
    text: ParallelText, data_dir: str | os.PathLike[str] | None = None
) -> tuple[list[Annotation], list[str]]:
    """The stored annotations of ``text`` (repaired from a backup if the file is damaged) and
    one-line warnings, for readers such as the export command. Does not migrate."""
    result = Sidecar(text, data_dir).load()
    return list(result.state.annotations.values()), result.warnings
