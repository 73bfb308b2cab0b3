"""The annotations of one open parallel text, in memory, with undo/redo and persistence.

Plain Python (no Qt): the window wraps it. Typical use::

    store = AnnotationStore.open(text, data_dir)      # loads (repairs, migrates) the sidecar
    for message in store.warnings: show_dialog(message)
    unsubscribe = store.subscribe(on_change)           # on_change(Change) after every change
    ann = store.create([store.target("left", 3, 10, 24)], note="…", tags=("term",))
    store.update(ann.id, colour="green")
    store.delete(ann.id)
    store.undo(); store.redo()
    if store.dirty: result = store.save()              # debounce ≤ 1 s, and on close
    if not result.ok: show_dialog(result.message)      # nothing is lost: still dirty

Every change (including undo/redo) sets the annotation's ``modified`` to now, so the sidecar's
merge with another instance's copy keeps the latest intent; a deletion leaves a tombstone.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from reader.core.annotations import (
    DEFAULT_COLOUR,
    SIDES,
    Annotation,
    Target,
    make_target,
    now_iso_ms,
    stamp_key,
)
from reader.core.document import ParallelText

if TYPE_CHECKING:
    from reader.core.w3c_import import ImportResult
from reader.core.errors import ReaderError
from reader.core.sidecar import (
    SaveResult,
    Sidecar,
    SidecarCorrupt,
    SidecarState,
    SidecarTooNew,
    empty_alignment,
    merge_states,
    read_state,
    same_content,
)

# A reading position: (bead index, side, paragraph index, code-point offset in the paragraph).
Position = tuple[int, str, int, int]
_END = 1 << 62


@dataclass(frozen=True)
class Change:
    """What changed: ``kind`` is ``"added"``, ``"updated"``, ``"removed"`` (``ids`` name the
    annotations), ``"reset"`` (anything may have changed: another instance's annotations were
    merged in; ``ids`` is empty), or ``"alignment"`` (the alignment corrections changed)."""

    kind: str
    ids: tuple[str, ...] = ()


@dataclass
class _Command:
    label: str
    # (id, state before, state after); None means "absent"
    steps: list[tuple[str, Annotation | None, Annotation | None]] = field(default_factory=list)


class AnnotationStore:
    """All annotations of one :class:`ParallelText`, with an undo/redo stack and a sidecar."""

    def __init__(self, text: ParallelText, sidecar: Sidecar | None = None) -> None:
        self.text = text
        self.sidecar = sidecar
        self.warnings: list[str] = []
        self.dirty = False
        self._annotations: dict[str, Annotation] = {}
        self._deleted: dict[str, str] = {}
        self._alignment: Any = empty_alignment()
        self._alignment_modified = ""
        self._previous_ids: list[str] = []
        self._undo: list[_Command] = []
        self._redo: list[_Command] = []
        self._listeners: list[Callable[[Change], None]] = []
        self._order: list[tuple[tuple[int, int, int, int], str]] | None = None
        self._by_paragraph: dict[tuple[str, int], list[str]] | None = None

    # -- opening and saving ------------------------------------------------------------------

    @classmethod
    def open(
        cls, text: ParallelText, data_dir: str | os.PathLike[str] | None = None
    ) -> AnnotationStore:
        """Load the sidecar of ``text``: repaired from a backup if damaged, read-only if newer,
        migrated (re-anchored) from an earlier version of the same files if there is none.
        One-line messages for the user are in :attr:`warnings`."""
        from reader.core.anchoring import migrate

        sidecar = Sidecar(text, data_dir)
        store = cls(text, sidecar)
        result = sidecar.load()
        if not result.found and not result.read_only:
            migrated, info = migrate(text, sidecar, data_dir)
            result.warnings.extend(migrated.warnings)
            if migrated.found:
                result.state = migrated.state
                store.dirty = not info.saved  # e.g. an unwritable folder: save again later
        store._adopt(result.state)
        store.warnings = list(result.warnings)
        return store

    @property
    def read_only(self) -> bool:
        return self.sidecar is not None and self.sidecar.read_only

    @property
    def path(self) -> str:
        """The sidecar file ("" without one)."""
        return str(self.sidecar.path) if self.sidecar else ""

    def state(self) -> SidecarState:
        """A snapshot of what would be saved."""
        return SidecarState(
            annotations=dict(self._annotations),
            deleted=dict(self._deleted),
            alignment=self._alignment,
            alignment_modified=self._alignment_modified,
            previous_ids=list(self._previous_ids),
        )

    def _adopt(self, state: SidecarState) -> None:
        self._annotations = dict(state.annotations)
        self._deleted = dict(state.deleted)
        self._alignment = state.alignment
        self._alignment_modified = state.alignment_modified
        self._previous_ids = list(state.previous_ids)
        self._invalidate()

    def save(self) -> SaveResult:
        """Write the sidecar (merging another instance's changes first). On failure the store
        stays dirty and keeps everything; ``result.message`` says why in one line."""
        if self.sidecar is None:
            return SaveResult(False, self.state(), "these annotations have no file")
        mine = self.state()
        result = self.sidecar.save(mine)
        if result.ok:
            self.dirty = False
            if result.merged:
                self._adopt(result.state)
                self._notify(Change("reset"))
        return result

    def close(self) -> SaveResult:
        """Save if needed, then leave a load cache so that the next :meth:`open` is fast. Call
        it when the window closes; the store stays usable."""
        if self.sidecar is None:
            return SaveResult(False, self.state(), "these annotations have no file")
        result = self.save() if self.dirty else SaveResult(True, self.state())
        if result.ok:
            self.sidecar.write_load_cache()
        return result

    def refresh(self) -> bool:
        """Merge in changes another instance saved since we last read or wrote the file
        (e.g. when the window gains focus). Returns True when something changed."""
        if self.sidecar is None or not self.sidecar.changed_on_disk():
            return False
        try:
            data = self.sidecar.path.read_bytes()
            theirs, _cached = read_state(self.sidecar.path, data)
        except (OSError, SidecarCorrupt, SidecarTooNew):
            return False  # the next save deals with it (moves a damaged file aside)
        self.sidecar._remember(data)
        merged = merge_states(self.state(), theirs)
        if same_content(merged, self.state()):
            return False
        if not same_content(merged, theirs):
            self.dirty = True  # we hold something the file does not
        self._adopt(merged)
        self._notify(Change("reset"))
        return True

    # -- change notification -----------------------------------------------------------------

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``callback(change)`` after every change; returns a function that unsubscribes."""
        self._listeners.append(callback)

        def unsubscribe() -> None:
            if callback in self._listeners:
                self._listeners.remove(callback)

        return unsubscribe

    def _notify(self, change: Change) -> None:
        for callback in list(self._listeners):
            callback(change)

    def _invalidate(self) -> None:
        self._order = None
        self._by_paragraph = None

    # -- reading -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._annotations)

    def __contains__(self, ann_id: object) -> bool:
        return ann_id in self._annotations

    def get(self, ann_id: str) -> Annotation | None:
        return self._annotations.get(ann_id)

    def all(self) -> list[Annotation]:
        """Every annotation: placed ones in reading order, then the orphans."""
        placed = [self._annotations[i] for _key, i in self._sorted()]
        return placed + self.orphans()

    def orphans(self) -> list[Annotation]:
        """Annotations that could not be placed in the current text (listed, never drawn)."""
        return [a for a in self._annotations.values() if not self._placeable(a)]

    def _placeable(self, ann: Annotation) -> bool:
        if ann.orphaned:
            return False
        for t in ann.targets:
            doc = self.text.left if t.side == "left" else self.text.right
            if t.paragraph >= len(doc.paragraphs) or t.end > len(doc.paragraphs[t.paragraph]):
                return False
        return True

    def position_of(self, ann: Annotation) -> Position | None:
        """Reading position of an annotation (its left target if any), None for an orphan."""
        key = self._key(ann)
        if key is None:
            return None
        return (key[0], SIDES[key[1]], key[2], key[3])

    def _key(self, ann: Annotation) -> tuple[int, int, int, int] | None:
        if not self._placeable(ann):
            return None
        left_beads, right_beads = self.text.bead_of_paragraph
        best: tuple[int, int, int, int] | None = None
        for t in ann.targets:
            beads = left_beads if t.side == "left" else right_beads
            bead = beads.get(t.paragraph)
            if bead is None:
                continue
            key = (bead, SIDES.index(t.side), t.paragraph, t.start)
            if best is None or key < best:
                best = key
        return best

    def _sorted(self) -> list[tuple[tuple[int, int, int, int], str]]:
        if self._order is None:
            order = []
            for i, ann in self._annotations.items():
                key = self._key(ann)
                if key is not None:
                    order.append((key, i))
            order.sort()
            self._order = order
        return self._order

    def _index(self, ann: Annotation) -> None:
        """Add one annotation to the built indexes (kept sorted; no full rebuild)."""
        if self._order is None:
            return
        key = self._key(ann)
        if key is None:
            return
        insort(self._order, (key, ann.id))
        if self._by_paragraph is None:
            return
        for t in ann.targets:
            ids = self._by_paragraph.setdefault((t.side, t.paragraph), [])
            if ann.id not in ids:
                insort(ids, ann.id, key=self._sort_key_of)

    def _unindex(self, ann: Annotation) -> None:
        if self._order is None:
            return
        key = self._key(ann)
        if key is None:
            return
        n = bisect_left(self._order, (key, ann.id))
        if n < len(self._order) and self._order[n] == (key, ann.id):
            del self._order[n]
        else:  # pragma: no cover - defensive: rebuild rather than keep a wrong index
            self._invalidate()
            return
        if self._by_paragraph is None:
            return
        for t in ann.targets:
            ids = self._by_paragraph.get((t.side, t.paragraph))
            if ids is not None and ann.id in ids:
                ids.remove(ann.id)

    def _sort_key_of(self, ann_id: str) -> tuple[tuple[int, int, int, int], str]:
        key = self._key(self._annotations[ann_id])
        assert key is not None
        return (key, ann_id)

    def _paragraph_index(self) -> dict[tuple[str, int], list[str]]:
        if self._by_paragraph is None:
            index: dict[tuple[str, int], list[str]] = {}
            for _key, i in self._sorted():
                for t in self._annotations[i].targets:
                    ids = index.setdefault((t.side, t.paragraph), [])
                    if not ids or ids[-1] != i:
                        ids.append(i)
            self._by_paragraph = index
        return self._by_paragraph

    def for_paragraph(self, side: str, paragraph: int) -> list[Annotation]:
        """Placed annotations with a target in that paragraph of that side."""
        return [self._annotations[i] for i in self._paragraph_index().get((side, paragraph), [])]

    def for_bead(self, bead: int, side: str | None = None) -> list[Annotation]:
        """Placed annotations with a target in a paragraph of row ``bead`` (optionally one side)."""
        b = self.text.beads[bead]
        seen: dict[str, Annotation] = {}
        for s, paragraphs in (("left", b.left), ("right", b.right)):
            if side is not None and s != side:
                continue
            for p in paragraphs:
                for a in self.for_paragraph(s, p):
                    seen.setdefault(a.id, a)
        return list(seen.values())

    def for_side(self, side: str) -> list[Annotation]:
        """Placed annotations with a target on ``side``, in reading order."""
        return [
            self._annotations[i]
            for _key, i in self._sorted()
            if any(t.side == side for t in self._annotations[i].targets)
        ]

    def at(self, side: str, paragraph: int, offset: int) -> list[Annotation]:
        """Annotations whose span on ``side`` covers ``offset`` of ``paragraph`` (innermost
        first), e.g. for a click."""
        hits = []
        for a in self.for_paragraph(side, paragraph):
            for t in a.targets:
                if t.side == side and t.paragraph == paragraph and t.start <= offset < t.end:
                    hits.append((t.end - t.start, a))
        hits.sort(key=lambda h: h[0])
        return [a for _n, a in hits]

    def next_after(self, position: Position, *, wrap: bool = True) -> Annotation | None:
        """The first placed annotation after ``position`` in reading order (rows, then left
        before right, then paragraph and offset). ``(bead, "left", -1, -1)`` is the start of a
        row. With ``wrap`` the search continues from the top."""
        order = self._sorted()
        if not order:
            return None
        key = (position[0], SIDES.index(position[1]), position[2], position[3])
        n = bisect_right(order, (key, "\uffff"))
        if n < len(order):
            return self._annotations[order[n][1]]
        return self._annotations[order[0][1]] if wrap else None

    def previous_before(self, position: Position, *, wrap: bool = True) -> Annotation | None:
        """The last placed annotation before ``position`` in reading order (see
        :meth:`next_after`)."""
        order = self._sorted()
        if not order:
            return None
        key = (position[0], SIDES.index(position[1]), position[2], position[3])
        n = bisect_left(order, (key, ""))
        if n > 0:
            return self._annotations[order[n - 1][1]]
        return self._annotations[order[-1][1]] if wrap else None

    def tags(self) -> list[str]:
        """Every tag in use, sorted case-insensitively (for completion)."""
        found = {t for a in self._annotations.values() for t in a.tags}
        return sorted(found, key=lambda t: (t.casefold(), t))

    def tag_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for a in self._annotations.values():
            for t in a.tags:
                counts[t] = counts.get(t, 0) + 1
        return counts

    def filter(
        self,
        text: str = "",
        *,
        tag: str | None = None,
        colour: str | None = None,
        orphans: bool | None = None,
    ) -> list[Annotation]:
        """Annotations (reading order, orphans last) whose note, quotes or tags contain ``text``
        (case-insensitive), carrying ``tag``, of ``colour``; ``orphans`` True/False keeps only
        orphans / only placed ones."""
        needle = text.casefold().strip()
        result = []
        for a in self.all():
            if tag is not None and tag not in a.tags:
                continue
            if colour is not None and a.colour != colour:
                continue
            if orphans is not None and (not self._placeable(a)) != orphans:
                continue
            if needle:
                hay = "\n".join([a.note, *a.tags, *(t.exact for t in a.targets)]).casefold()
                if needle not in hay:
                    continue
            result.append(a)
        return result

    # -- changing ----------------------------------------------------------------------------

    def target(self, side: str, paragraph: int, start: int, end: int) -> Target:
        """A target for ``[start, end)`` of ``paragraph`` on ``side`` with quote and context.
        Raises ``ValueError`` for a bad span."""
        if side not in SIDES:
            raise ValueError(f"unknown side {side!r}")
        doc = self.text.left if side == "left" else self.text.right
        if not 0 <= paragraph < len(doc.paragraphs):
            raise ValueError(f"no paragraph {paragraph} on the {side} side")
        return make_target(doc, side, paragraph, start, end)

    def _check_writable(self) -> None:
        if self.read_only:
            assert self.sidecar is not None
            raise ReaderError(self.sidecar.read_only_reason or "annotations are read-only")

    def create(
        self,
        targets: Target | Sequence[Target],
        *,
        note: str = "",
        tags: Iterable[str] = (),
        colour: str = DEFAULT_COLOUR,
    ) -> Annotation:
        """A new annotation (one target, or one per side for a bilingual one); undoable."""
        if isinstance(targets, Target):
            targets = (targets,)
        targets = tuple(targets)
        if not 1 <= len(targets) <= 2 or len({t.side for t in targets}) != len(targets):
            raise ValueError("an annotation has one target, or one on each side")
        targets = tuple(sorted(targets, key=lambda t: SIDES.index(t.side)))
        ann = Annotation(targets=targets, note=note, tags=_clean_tags(tags), colour=colour)
        ann = replace(ann, modified=now_iso_ms())
        self.add(ann)
        return ann

    def add(self, ann: Annotation, label: str = "Add annotation") -> None:
        """Add an existing annotation object (e.g. imported) as one undoable step."""
        self.add_many([ann], label)

    def add_many(self, annotations: Iterable[Annotation], label: str = "Import") -> list[str]:
        """Add or replace several annotations as one undoable step; returns their ids."""
        self._check_writable()
        latest: dict[str, Annotation] = {}
        for ann in annotations:  # the same id twice: the later one counts
            latest[ann.id] = ann
        command = _Command(label, [(i, self._annotations.get(i), a) for i, a in latest.items()])
        if not command.steps:
            return []
        self._run(command, forward=True, fresh=False)
        return [s[0] for s in command.steps]

    def update(self, ann_id: str, **changes: Any) -> Annotation:
        """Change ``note``, ``tags``, ``colour`` or ``targets`` of one annotation; undoable.
        Returns the new annotation (the old one when nothing changed)."""
        self._check_writable()
        old = self._annotations.get(ann_id)
        if old is None:
            raise KeyError(ann_id)
        allowed = {"note", "tags", "colour", "targets", "orphaned"}
        unknown = set(changes) - allowed
        if unknown:
            raise TypeError(f"cannot change {', '.join(sorted(unknown))}")
        if "tags" in changes:
            changes["tags"] = _clean_tags(changes["tags"])
        if "targets" in changes:
            changes["targets"] = tuple(changes["targets"])
        if all(getattr(old, k) == v for k, v in changes.items()):
            return old
        new = old.edited(**changes)
        self._run(_Command("Edit annotation", [(ann_id, old, new)]), forward=True, fresh=False)
        return self._annotations[ann_id]

    def delete(self, ann_id: str) -> None:
        """Remove one annotation; undoable."""
        self.delete_many([ann_id])

    def delete_many(self, ids: Iterable[str], label: str = "Delete annotation") -> None:
        self._check_writable()
        command = _Command(label)
        for i in ids:
            old = self._annotations.get(i)
            if old is not None:
                command.steps.append((i, old, None))
        if command.steps:
            self._run(command, forward=True, fresh=False)

    def import_w3c(self, path: str | os.PathLike[str]) -> ImportResult:
        """Add the annotations of a W3C Web Annotation JSON file as one undoable step
        (annotations already present unchanged are left alone). Raises :class:`ReaderError`
        for input that is not W3C JSON, before anything changes. Does not save."""
        from reader.core.w3c_import import load_w3c

        self._check_writable()
        result = load_w3c(path, self.text)
        fresh = [a for a in result.annotations if self._annotations.get(a.id) != a]
        result.unchanged = len(result.annotations) - len(fresh)
        self.add_many(fresh, "Import annotations")
        return result

    # -- undo/redo ---------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def undo(self) -> bool:
        """Revert the last change; False when there is none."""
        if not self._undo:
            return False
        self._check_writable()
        command = self._undo.pop()
        self._run(command, forward=False, fresh=True)
        return True

    def redo(self) -> bool:
        """Re-apply the last undone change; False when there is none."""
        if not self._redo:
            return False
        self._check_writable()
        command = self._redo.pop()
        self._run(command, forward=True, fresh=True)
        return True

    def _run(self, command: _Command, *, forward: bool, fresh: bool) -> None:
        """Apply a command's after (forward) or before states. ``fresh`` re-stamps ``modified``
        (undo/redo are new edits as far as merging with other instances goes)."""
        kinds: dict[str, list[str]] = {"added": [], "updated": [], "removed": []}
        for ann_id, before, after in command.steps if forward else reversed(command.steps):
            target_state = after if forward else before
            current = self._annotations.get(ann_id)
            present = current is not None
            if current is not None:
                self._unindex(current)
            if target_state is None:
                if current is not None:
                    del self._annotations[ann_id]
                    self._deleted[ann_id] = stamp_after(current.modified)
                    kinds["removed"].append(ann_id)
            else:
                ann = target_state
                # The new state must be newer than what it replaces (and than a deletion), or a
                # merge with another instance's copy would prefer the old one.
                floor = current.modified if current is not None else self._deleted.get(ann_id)
                if fresh or (floor is not None and stamp_key(ann.modified) <= stamp_key(floor)):
                    ann = replace(ann, modified=stamp_after(floor or ""))
                self._annotations[ann_id] = ann
                self._index(ann)
                self._deleted.pop(ann_id, None)
                kinds["updated" if present else "added"].append(ann_id)
        if forward and not fresh:
            self._redo.clear()
        (self._undo if forward else self._redo).append(command)
        self.dirty = True
        for kind, ids in kinds.items():
            if ids:
                self._notify(Change(kind, tuple(ids)))

    # -- alignment corrections (opaque, see reader.core.corrections) --------------------------

    @property
    def alignment(self) -> Any:
        """The stored alignment corrections (``{"pinned": []}`` until something is set)."""
        return self._alignment

    def set_alignment(self, value: Any) -> None:
        """Store new alignment corrections (any JSON value); saved with the annotations."""
        self._check_writable()
        if value == self._alignment:
            return
        self._alignment = value
        self._alignment_modified = now_iso_ms()
        self.dirty = True
        self._notify(Change("alignment"))


def stamp_after(previous: str) -> str:
    """Now (ISO 8601, milliseconds), or just after ``previous`` if that is not in the past
    (a clock set back, an imported time stamp from the future)."""
    now = now_iso_ms()
    if not previous or stamp_key(now) > stamp_key(previous):
        return now
    later = stamp_key(previous) + timedelta(milliseconds=1)
    return later.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, non-empty, first occurrence kept."""
    seen: dict[str, None] = {}
    for tag in tags:
        t = str(tag).strip()
        if t and t not in seen:
            seen[t] = None
    return tuple(seen)
