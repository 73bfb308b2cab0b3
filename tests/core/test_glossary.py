"""The user's glossary: round trip, corrupt files, and its effect on recognition and links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.entities import (
    Glossary,
    GlossaryEntry,
    clear_cache,
    entities_for,
    link_bead,
    recognize,
)
from reader.core.errors import ReaderError


def test_round_trip(data_dir: Path) -> None:
    assert len(Glossary.load()) == 0
    g = Glossary()
    g.add(GlossaryEntry("weiche Konnektivität", "term", "de", "konektivitas lunak", "id"))
    g.add(GlossaryEntry("Qingling", "organization", "de"))
    g.add(GlossaryEntry("𝔘nicode 😀", "product", ""))
    path = g.save()
    assert path == data_dir / "glossary.json"
    loaded = Glossary.load()
    assert loaded.entries == g.entries
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["entries"][0] == {
        "text": "weiche Konnektivität",
        "kind": "term",
        "lang": "de",
        "counterpart": "konektivitas lunak",
        "counterpart_lang": "id",
    }
    assert not list(data_dir.glob("*.tmp"))


def test_explicit_data_dir_and_replace(tmp_path: Path) -> None:
    g = Glossary.load(tmp_path / "elsewhere")
    g.add(GlossaryEntry("Motorway", "organization", "de"))
    g.add(GlossaryEntry("Motorway", "place", "de"))
    g.save()
    again = Glossary.load(tmp_path / "elsewhere")
    assert [(e.text, e.kind) for e in again] == [("Motorway", "place")]
    assert again.remove("Motorway", "de")
    assert len(again) == 0


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"entries": 5}',
        '{"entries": [{"text": "X", "kind": "weather"}]}',
        '{"entries": [{"text": "", "kind": "term"}]}',
        '{"entries": [{"text": "X", "kind": "term", "colour": "red"}]}',
        "\udcff",
    ],
)
def test_corrupt_file_is_kept_aside(data_dir: Path, content: str) -> None:
    path = data_dir / "glossary.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(ReaderError) as info:
        Glossary.load()
    message = str(info.value)
    assert "\n" not in message and "not a valid glossary" in message
    assert not path.exists()
    aside = data_dir / "glossary.json.corrupt-1"
    assert aside.read_bytes() == content.encode("utf-8", "surrogateescape")
    assert str(aside) in message
    assert len(Glossary.load()) == 0  # next start: empty, old file still kept


def test_glossary_marks_entities_in_both_languages() -> None:
    g = Glossary([GlossaryEntry("weiche Konnektivität", "term", "de", "konektivitas lunak", "id")])
    g.add(GlossaryEntry("Treffen", "term", "de"))
    left = recognize("Diese weiche Konnektivität war das Treffen.", "de", glossary=g)
    right = recognize("Konektivitas ini: konektivitas lunak.", "id", glossary=g)
    assert [(e.text, e.kind) for e in left] == [
        ("weiche Konnektivität", "term"),
        ("Treffen", "term"),
    ]
    assert [(e.text, e.kind, e.value) for e in right if e.kind == "term"] == [
        ("konektivitas lunak", "term", "weiche Konnektivität")
    ]
    links = link_bead(left, [e for e in right if e.kind == "term"], glossary=g)
    assert (0, 0) in links
    # other language: the German-only entry does not apply
    assert not [e for e in recognize("Treffen", "id", glossary=g) if e.text == "Treffen"]


def test_glossary_overrides_numbers_and_changes_the_cache_key() -> None:
    text = "Der Airbus A320 und die Boeing 747 flogen."
    plain = entities_for(text, "de")
    assert ("747", "number") in [(e.text, e.kind) for e in plain]
    g = Glossary([GlossaryEntry("Boeing 747", "product", "")])
    marked = entities_for(text, "de", glossary=g)
    assert ("Boeing 747", "product") in [(e.text, e.kind) for e in marked]
    assert "747" not in [e.text for e in marked]
    clear_cache()
    assert entities_for(text, "de") == plain


def test_entry_validation() -> None:
    with pytest.raises(ValueError):
        GlossaryEntry("X", "colour")
    with pytest.raises(ValueError):
        GlossaryEntry("  ", "term")
