"""The export registry, the pair filter, pair numbers and the stand-in annotations loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.annostore import AnnotationStore
from reader.core.errors import ReaderError
from reader.core.export import (
    FORMATS,
    annotations_path,
    export,
    load_annotations_for,
    pair_number,
)
from tests.core.export_support import make_annotations, make_text


def test_registry_lists_the_four_formats() -> None:
    assert list(FORMATS) == ["md", "csv", "html", "w3c"]
    assert {f.extension for f in FORMATS.values()} == {"md", "csv", "html", "jsonld"}
    for key, spec in FORMATS.items():
        assert spec.key == key
        assert f"*.{spec.extension}" in spec.label
        assert callable(spec.function)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_exports_every_annotation(tmp_path: Path, fmt: str) -> None:
    text = make_text(tmp_path)
    annotations = make_annotations(text)
    out = export(text, annotations, fmt)
    assert isinstance(out, str) and out.endswith("\n")
    for annotation in annotations:
        for target in annotation.targets:
            if fmt != "md":  # Markdown escapes and strips leading spaces
                assert target.exact.strip() in out.replace("&quot;", '"')
    assert out == FORMATS[fmt].function(text, annotations)


def test_unknown_format_and_nothing_to_export(tmp_path: Path) -> None:
    text = make_text(tmp_path)
    with pytest.raises(ReaderError, match="unknown export format 'pdf'"):
        export(text, make_annotations(text), "pdf")
    with pytest.raises(ReaderError, match="no annotations to export for Chongqing"):
        export(text, [], "md")
    with pytest.raises(ReaderError, match="no annotations to export for pair 2 of"):
        export(text, make_annotations(text), "md", pair=2)


def test_pair_numbers_use_the_left_target(tmp_path: Path) -> None:
    text = make_text(tmp_path)
    numbers = {a.id[-1]: pair_number(text, a) for a in make_annotations(text)}
    assert numbers == {"1": 1, "2": 3, "3": 4, "4": 1, "5": 11, "6": None}


def test_load_annotations_for(tmp_path: Path) -> None:
    text = make_text(tmp_path)
    data_dir = tmp_path / "data"
    assert load_annotations_for(text, data_dir) == []
    annotations = make_annotations(text)
    store = AnnotationStore.open(text, data_dir)
    store.add_many(annotations)
    assert store.save().ok
    path = annotations_path(text, data_dir)
    assert path.is_file()
    assert sorted(a.id for a in load_annotations_for(text, data_dir)) == sorted(
        a.id for a in annotations
    )
    # a damaged sidecar is repaired from its backup, with a one-line warning, never an exception
    path.write_text("not json", "utf-8")
    warnings: list[str] = []
    repaired = load_annotations_for(text, data_dir, warnings)
    assert warnings and all("\n" not in w for w in warnings)
    assert len(repaired) <= len(annotations)


def test_write_export_counts_and_writes_utf8(tmp_path: Path) -> None:
    from reader.core.export import write_export

    text = make_text(tmp_path)
    out = tmp_path / "pair1.md"
    assert write_export(out, text, make_annotations(text), "md", pair=1) == 2
    assert out.read_bytes().decode("utf-8") == export(text, make_annotations(text), "md", pair=1)
    with pytest.raises(ReaderError):
        write_export(tmp_path / "empty.md", text, [], "md")
    assert not (tmp_path / "empty.md").exists()
