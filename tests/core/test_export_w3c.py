"""W3C Web Annotation export: shape, positions, and every MUST of the W3C test suite."""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from reader.core.export import export
from reader.core.export.w3c import (
    ANNO_CONTEXT,
    COLOUR_KEY,
    annotation_to_w3c,
    collection_to_w3c,
    parse_source_urn,
    source_urn,
)
from tests.core.export_support import FRAKTUR, make_annotations, make_text

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def _format_checker() -> Any:
    """``uri`` and ``date-time`` checks without optional packages (RFC 3986 / RFC 3339)."""
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("uri")
    def _uri(value: object) -> bool:
        return not isinstance(value, str) or bool(_URI.match(value))

    @checker.checks("date-time")
    def _date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not _DATE_TIME.match(value):
            return False
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        return True

    return checker


class Suite:
    """The MUST assertions of one ``.test`` file of the W3C web-annotation-tests suite."""

    def __init__(self, root: Path, test_file: str) -> None:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4

        self.root = root
        registry: Any = Registry()
        for path in sorted((root / "definitions").glob("*.json")):
            schema = json.loads(path.read_text(encoding="utf-8"))
            resource = Resource.from_contents(schema, default_specification=DRAFT4)
            registry = registry.with_resource(schema["id"], resource)
        self.registry = registry
        self.checker = _format_checker()
        self.spec = json.loads((root / test_file).read_text(encoding="utf-8"))

    def _schema_passes(self, name: str, instance: Any, failures: list[str]) -> bool:
        schema = json.loads((self.root / name).read_text(encoding="utf-8"))
        validator = jsonschema.Draft4Validator(
            schema, registry=self.registry, format_checker=self.checker
        )
        valid = validator.is_valid(instance)
        passed = valid == (schema.get("expectedResult", "valid") == "valid")
        if not passed and schema.get("assertionType", "must") == "must":
            failures.append(f"{name}: {schema.get('errorMessage', schema.get('title'))}")
        return passed

    def _passes(self, item: Any, instance: Any, failures: list[str]) -> bool:
        """A file name is one schema; an object combines its ``assertions`` with ``and``/``or``
        (``compareWith``) and compares the outcome with its ``expectedResult``."""
        if isinstance(item, str):
            return self._schema_passes(item, instance, failures)
        inner: list[str] = []
        results = [self._passes(sub, instance, inner) for sub in item["assertions"]]
        combined = any(results) if item.get("compareWith", "and") == "or" else all(results)
        passed = combined == (item.get("expectedResult", "valid") == "valid")
        if not passed and item.get("assertionType", "must") == "must":
            failures.append(f"{item.get('title', 'combined assertion')}: {inner}")
        return passed

    def failures(self, instance: Any) -> list[str]:
        failures: list[str] = []
        for item in self.spec["assertions"]:
            self._passes(item, instance, failures)
        return failures


@pytest.fixture
def suite_root(shared_dir: Path) -> Path:
    root = shared_dir / "w3c-annotation-tests"
    if not root.is_dir():
        pytest.skip("../shared/w3c-annotation-tests is not present")
    return root


@pytest.fixture
def collection(tmp_path: Path) -> dict[str, Any]:
    text = make_text(tmp_path)
    return json.loads(export(text, make_annotations(text), "w3c"))


def test_every_annotation_passes_the_annotation_musts(
    suite_root: Path, collection: dict[str, Any]
) -> None:
    suite = Suite(suite_root, "annotations/annotationMusts.test")
    assert len(suite.spec["assertions"]) > 40
    items = collection["first"]["items"]
    assert len(items) == 6
    for item in items:
        assert suite.failures(item) == []


def test_the_collection_passes_the_collection_musts(
    suite_root: Path, collection: dict[str, Any]
) -> None:
    suite = Suite(suite_root, "collections/collectionMusts.test")
    assert suite.failures(collection) == []


def test_the_suite_catches_broken_annotations(suite_root: Path, collection: dict[str, Any]) -> None:
    """The validation above can fail: broken copies of a good annotation are caught."""
    suite = Suite(suite_root, "annotations/annotationMusts.test")
    good = collection["first"]["items"][0]
    breakages = [
        lambda a: a.pop("@context"),
        lambda a: a.update(id="not a uri"),
        lambda a: a.update(type="Note"),
        lambda a: a.update(created="yesterday"),
        lambda a: a.update(bodyValue="both body and bodyValue"),
        lambda a: a.pop("target"),
        lambda a: a["target"][0]["selector"][0].pop("exact"),
    ]
    for breakage in breakages:
        broken = copy.deepcopy(good)
        breakage(broken)
        assert suite.failures(broken), broken
    coll_suite = Suite(suite_root, "collections/collectionMusts.test")
    broken_collection = copy.deepcopy(collection)
    broken_collection["total"] = -1
    assert coll_suite.failures(broken_collection)


def test_collection_shape(collection: dict[str, Any]) -> None:
    assert collection["@context"][0] == ANNO_CONTEXT
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 6
    assert collection["label"].startswith("Chongqing Connectivity Initiative")
    page = collection["first"]
    assert page["type"] == "AnnotationPage"
    ids = [item["id"] for item in page["items"]]
    assert ids[0] == "urn:uuid:00000000-0000-4000-8000-000000000001"
    assert len(set(ids)) == 6


def test_annotation_mapping(tmp_path: Path) -> None:
    text = make_text(tmp_path)
    by_id = {a.id[-1]: a for a in make_annotations(text)}

    noted = annotation_to_w3c(text, by_id["3"])
    assert noted["motivation"] == "commenting"
    assert noted["created"] == "2026-01-02T10:00:00Z"
    assert noted["modified"] == "2026-01-03T11:30:00Z"
    note, *tags = noted["body"]
    assert note == {
        "type": "TextualBody",
        "purpose": "commenting",
        "value": by_id["3"].note,
        "format": "text/plain",
        "language": "id",
    }
    assert [t["value"] for t in tags] == ["𝔘nicode", "=cmd"]
    assert all(t["purpose"] == "tagging" and t["type"] == "TextualBody" for t in tags)
    assert noted[COLOUR_KEY] == "blue"
    [target] = noted["target"]
    assert target["source"] == source_urn(text, "right")
    quote, position = target["selector"]
    assert quote["type"] == "TextQuoteSelector"
    assert position["type"] == "TextPositionSelector"
    # Positions count code points: the non-BMP characters are one each.
    full = text.right.full_text
    assert full[position["start"] : position["end"]] == quote["exact"]
    assert quote["exact"].startswith("🙂" + FRAKTUR)
    assert full[: position["start"]].endswith(quote["prefix"])
    assert full[position["end"] :].startswith(quote["suffix"])

    bilingual = annotation_to_w3c(text, by_id["2"])
    assert bilingual["motivation"] == "highlighting"
    assert "body" not in bilingual
    sources = [t["source"] for t in bilingual["target"]]
    assert sources == [source_urn(text, "left"), source_urn(text, "right")]
    for target in bilingual["target"]:
        side = parse_source_urn(target["source"])
        assert side is not None
        doc = text.left if side[1] == "left" else text.right
        quote, position = target["selector"]
        assert doc.full_text[position["start"] : position["end"]] == quote["exact"]


def test_source_urn_round_trip(tmp_path: Path) -> None:
    text = make_text(tmp_path)
    assert source_urn(text, "left") == f"urn:parallel-reader:{text.id}:left:de"
    assert parse_source_urn(source_urn(text, "right")) == (text.id, "right", "id")
    assert parse_source_urn("urn:uuid:1234") is None
    with pytest.raises(ValueError):
        source_urn(text, "middle")


def test_non_uuid_ids_and_bad_dates_stay_valid(tmp_path: Path) -> None:
    text = make_text(tmp_path)
    annotation = make_annotations(text)[0]
    odd = type(annotation)(targets=annotation.targets, id="hand-edited id", created="last tuesday")
    data = annotation_to_w3c(text, odd)
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", data["id"])
    assert data["id"] == annotation_to_w3c(text, odd)["id"]  # stable
    assert "created" not in data and "modified" not in data


def test_empty_collection_is_still_valid(suite_root: Path, tmp_path: Path) -> None:
    text = make_text(tmp_path)
    data = collection_to_w3c(text, [])
    assert data["total"] == 0
    assert Suite(suite_root, "collections/collectionMusts.test").failures(data) == []


def test_round_trip_through_import(tmp_path: Path) -> None:
    """W3C export → ``parallel-reader import`` into an empty data dir → the same annotations."""
    pytest.importorskip("reader.cli.cmd_import")
    from reader.cli import main
    from reader.core.export import load_annotations_for

    text = make_text(tmp_path)
    annotations = make_annotations(text)[:5]  # the orphan cannot be placed on import
    out = tmp_path / "export.jsonld"
    out.write_text(export(text, annotations, "w3c"), encoding="utf-8")
    data_dir = tmp_path / "fresh-data"
    left, right = text.left.path, text.right.path
    assert left is not None and right is not None
    code = main(["import", str(out), str(left), str(right), "--data-dir", str(data_dir)])
    assert code == 0
    back = {a.id: a for a in load_annotations_for(text, data_dir)}
    assert set(back) == {a.id for a in annotations}
    for original in annotations:
        copy_ = back[original.id]
        assert copy_.note == original.note
        assert copy_.tags == original.tags
        assert copy_.colour == original.colour
        assert [(t.side, t.full_start, t.full_end, t.exact) for t in copy_.targets] == [
            (t.side, t.full_start, t.full_end, t.exact) for t in original.targets
        ]
