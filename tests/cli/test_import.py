"""``parallel-reader import FILE.json [LEFT RIGHT]``."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.annostore import AnnotationStore
from reader.core.annotations import make_target
from reader.core.document import ParallelText, load_pair
from reader.core.sidecar import Sidecar

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def text(seed_paths: tuple[Path, Path]) -> ParallelText:
    return load_pair(*seed_paths)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _w3c_target(
    text: ParallelText, side: str, paragraph: int, start: int, end: int, *, ours: bool = True
) -> dict[str, Any]:
    doc = text.left if side == "left" else text.right
    t = make_target(doc, side, paragraph, start, end)
    source = f"urn:parallel-reader:{text.id}:{side}:{doc.lang}" if ours else "https://x.org/t"
    return {
        "type": "SpecificResource",
        "source": source,
        "styleClass": "pr-green",
        "selector": [
            {"type": "TextQuoteSelector", "exact": t.exact, "prefix": t.prefix, "suffix": t.suffix},
            {"type": "TextPositionSelector", "start": t.full_start, "end": t.full_end},
        ],
    }


def _w3c_annotation(targets: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"pr": "urn:parallel-reader:ns:"}],
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "Annotation",
        "created": "2026-11-20T10:00:00Z",
        "modified": "2026-11-20T11:00:00Z",
        "motivation": "commenting",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": "a note",
                "format": "text/plain",
            },
            {"type": "TextualBody", "purpose": "tagging", "value": "place"},
        ],
        "target": targets,
        "pr:colour": "blue",
    }
    data.update(extra)
    return data


def _collection(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"pr": "urn:parallel-reader:ns:"}],
        "id": "urn:parallel-reader:x:annotations",
        "type": "AnnotationCollection",
        "total": len(items),
        "first": {"id": "p1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _write(tmp_path: Path, data: Any, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_collection_into_seed_pair(
    text: ParallelText, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    single = _w3c_annotation([_w3c_target(text, "left", 1, 0, 20)])
    bilingual = _w3c_annotation(
        [_w3c_target(text, "left", 4, 5, 30), _w3c_target(text, "right", 4, 0, 12)]
    )
    path = _write(tmp_path, _collection([single, bilingual]))
    code, out, err = _run(["import", str(path)], capsys)
    assert (code, out) == (0, "imported 2, orphaned 0\n"), err
    store = AnnotationStore.open(text)
    one = store.get(single["id"][len("urn:uuid:") :])
    assert one is not None
    assert (one.note, one.tags, one.colour) == ("a note", ("place",), "blue")
    assert (one.created, one.modified) == ("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z")
    assert one.targets == (make_target(text.left, "left", 1, 0, 20),)
    two = store.get(bilingual["id"][len("urn:uuid:") :])
    assert two is not None and two.bilingual
    assert two.targets[1] == make_target(text.right, "right", 4, 0, 12)
    # Importing the same file again adds nothing.
    code, out, _err = _run(["import", str(path)], capsys)
    assert (code, out) == (0, "imported 2, orphaned 0\n")
    assert len(AnnotationStore.open(text)) == 2


@pytest.mark.parametrize("shape", ["annotation", "page", "list"])
def test_other_shapes(
    text: ParallelText, tmp_path: Path, capsys: pytest.CaptureFixture[str], shape: str
) -> None:
    ann = _w3c_annotation([_w3c_target(text, "right", 2, 0, 15)])
    data: Any = {
        "annotation": ann,
        "page": {"type": "AnnotationPage", "items": [ann]},
        "list": [ann],
    }[shape]
    code, out, _err = _run(["import", str(_write(tmp_path, data))], capsys)
    assert (code, out) == (0, "imported 1, orphaned 0\n")
    (stored,) = AnnotationStore.open(text).all()
    assert stored.targets[0].side == "right"


def test_foreign_sources_go_where_the_quote_anchors(
    text: ParallelText, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    right = _w3c_target(text, "right", 6, 0, 25, ours=False)
    del right["selector"][1]  # quote only
    left = _w3c_target(text, "left", 6, 0, 25, ours=False)
    left["selector"][1]["start"] += 3  # a stale position: the quote decides
    left["selector"][1]["end"] += 3
    tagged = _w3c_target(text, "left", 8, 0, 10, ours=False)
    tagged["language"] = "de-DE"
    items = [
        _w3c_annotation([right], id="https://example.org/anno/1"),
        _w3c_annotation([right, left]),  # listed right first: still bilingual
        _w3c_annotation(
            [tagged], body={"type": "TextualBody", "value": "plain"}, **{"pr:colour": None}
        ),
    ]
    code, out, err = _run(["import", str(_write(tmp_path, items))], capsys)
    assert (code, out) == (0, "imported 3, orphaned 0\n"), err
    anns = {a.note: a for a in AnnotationStore.open(text).all() if a.note != "a note"}
    store = AnnotationStore.open(text)
    first = store.get(str(uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/anno/1")))
    assert first is not None and first.sides == ("right",)
    assert first.targets[0] == make_target(text.right, "right", 6, 0, 25)
    both = [a for a in store.all() if a.bilingual]
    assert len(both) == 1 and both[0].targets[0] == make_target(text.left, "left", 6, 0, 25)
    assert anns["plain"].sides == ("left",) and anns["plain"].colour == "green"  # styleClass


def test_unplaceable_quote_is_imported_as_orphan(
    text: ParallelText, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _w3c_target(text, "left", 1, 0, 20)
    target["selector"][0]["exact"] = "Dieser Satz steht nirgends im Text, wirklich nicht."
    code, out, _err = _run(["import", str(_write(tmp_path, _w3c_annotation([target])))], capsys)
    assert (code, out) == (0, "imported 0, orphaned 1\n")
    (orphan,) = AnnotationStore.open(text).orphans()
    assert orphan.targets[0].exact.startswith("Dieser Satz")


def test_explicit_files(
    seed_paths: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    left, right = tmp_path / "l.txt", tmp_path / "r.txt"
    left.write_text("Erster Absatz hier.\n\nZweiter Absatz dort.", encoding="utf-8")
    right.write_text("Paragraf pertama di sini.\n\nParagraf kedua di sana.", encoding="utf-8")
    text = load_pair(left, right)
    ann = _w3c_annotation([_w3c_target(text, "left", 1, 0, 7)])
    path = _write(tmp_path, ann)
    code, out, _err = _run(["import", str(path), str(left), str(right)], capsys)
    assert (code, out) == (0, "imported 1, orphaned 0\n")
    assert len(AnnotationStore.open(text)) == 1
    assert len(AnnotationStore.open(load_pair(*seed_paths))) == 0


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"foo": 1}',
        "[1, 2]",
        '{"type": "AnnotationCollection", "total": 3, "first": "https://x.org/page1"}',
        '{"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": 5}}}',
        json.dumps(
            {
                "type": "Annotation",
                "target": {
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": "Chongqing"},
                        {"type": "TextPositionSelector", "start": "1", "end": 5},
                    ]
                },
            }
        ),
    ],
)
def test_invalid_json_exits_2_and_writes_nothing(
    text: ParallelText, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = _run(["import", str(path)], capsys)
    assert code == 2 and out == ""
    assert err.startswith("parallel-reader: error: ") and err.count("\n") == 1
    assert not Sidecar(text).path.exists()


def test_missing_file_and_one_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(["import", str(tmp_path / "nope.json")], capsys)
    assert code == 2 and "no such file" in err
    path = _write(tmp_path, [])
    code, _out, err = _run(["import", str(path), str(path)], capsys)
    assert code == 2 and "LEFT and RIGHT" in err


def test_unwritable_data_dir_exits_2(
    text: ParallelText, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    path = _write(tmp_path, _w3c_annotation([_w3c_target(text, "left", 1, 0, 20)]))
    code, out, err = _run(["--data-dir", str(blocker / "data"), "import", str(path)], capsys)
    assert code == 2 and out == "" and "Cannot save annotations" in err


def test_as_a_process(text: ParallelText, tmp_path: Path, data_dir: Path) -> None:
    path = _write(tmp_path, [_w3c_annotation([_w3c_target(text, "left", 1, 0, 20)])])
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "import", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "imported 1, orphaned 0\n"
    assert (data_dir / "annotations" / f"{text.id}.json").exists()


def test_round_trip_with_our_w3c_export(
    text: ParallelText, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the exporter writes comes back identical (runs once the export module is merged)."""
    w3c = pytest.importorskip("reader.core.export.w3c")
    store = AnnotationStore.open(text)
    made = [
        store.create(store.target("left", 1, 0, 20), note="n1", tags=["a", "b"], colour="green"),
        store.create([store.target("left", 4, 5, 30), store.target("right", 4, 0, 12)], note="bi"),
        store.create(store.target("right", 9, 3, 17), colour="purple"),
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(w3c.collection_to_w3c(text, made)), encoding="utf-8")
    other = tmp_path / "other-data"
    code, out, err = _run(["--data-dir", str(other), "import", str(path)], capsys)
    assert (code, out) == (0, "imported 3, orphaned 0\n"), err
    back = AnnotationStore.open(text, other)
    for ann in made:
        assert back.get(ann.id) == ann


def test_the_same_annotation_twice_counts_once(
    text: ParallelText, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = _w3c_annotation([_w3c_target(text, "left", 1, 0, 20)])
    later = {**ann, "body": {"type": "TextualBody", "value": "second"}}
    code, out, _err = _run(["import", str(_write(tmp_path, [ann, later]))], capsys)
    assert (code, out) == (0, "imported 1, orphaned 0\n")
    (stored,) = AnnotationStore.open(text).all()
    assert stored.note == "second"


def test_other_writers_variants(
    text: ParallelText, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Single objects instead of lists, bodyValue, tagging motivation, embedded next pages,
    IRI bodies and whole-document targets (skipped with a warning)."""
    t = make_target(text.left, "left", 7, 0, 15)
    plain = {
        "type": "Annotation",
        "id": "urn:uuid:11111111-1111-4111-8111-111111111111",
        "bodyValue": "from bodyValue",
        "target": {
            "source": "https://example.org/book",
            "selector": {"type": "TextQuoteSelector", "exact": t.exact, "suffix": t.suffix},
        },
    }
    tagging = {
        "type": "Annotation",
        "id": "urn:uuid:22222222-2222-4222-8222-222222222222",
        "motivation": "tagging",
        "body": [{"type": "TextualBody", "value": "place"}, "https://example.org/tag/x"],
        "target": {"selector": {"type": "TextQuoteSelector", "exact": t.exact}},
    }
    whole = {"type": "Annotation", "target": "https://example.org/book"}
    data = {
        "type": "AnnotationPage",
        "items": [plain],
        "next": {"type": "AnnotationPage", "items": [tagging, whole]},
    }
    code, out, err = _run(["import", str(_write(tmp_path, data))], capsys)
    assert (code, out) == (0, "imported 2, orphaned 0\n")
    assert "annotation 3: no target with a TextQuoteSelector; skipped" in err
    store = AnnotationStore.open(text)
    first = store.get("11111111-1111-4111-8111-111111111111")
    second = store.get("22222222-2222-4222-8222-222222222222")
    assert first is not None and first.note == "from bodyValue" and first.targets == (t,)
    assert second is not None and second.tags == ("place",) and second.note == ""
