"""TMX 1.4b writing (read back with translate-toolkit) and safe reading."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reader.core.document import Bead
from reader.core.errors import ReaderError
from reader.core.tmx import load_tmx, parse_tmx, tmx_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

LEFT = ["Erster Absatz mit <Markup> & „Zitat“.", "Zweiter.", "Dritter\tmit Tab.", "Nur links."]
RIGHT = ["Paragraf pertama dengan <markup> & “kutipan”.", "Kedua. Ketiga dengan tab.", "Extra."]
BEADS = [
    Bead((0,), (0,), 0.9),
    Bead((1, 2), (1,), 0.7),
    Bead((3,), (), 0.4),
    Bead((), (2,), 0.4),
]


def _tmx() -> str:
    return tmx_text(BEADS, LEFT, RIGHT, left_lang="de", right_lang="id")


def test_header_is_tmx_14b() -> None:
    from defusedxml.ElementTree import fromstring

    root = fromstring(_tmx().encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    for attribute, value in {
        "srclang": "de",
        "segtype": "paragraph",
        "creationtool": "parallel-reader",
        "o-tmf": "parallel-reader",
        "adminlang": "en",
        "datatype": "plaintext",
    }.items():
        assert header.get(attribute) == value
    assert header.get("creationtoolversion")


def test_round_trip_through_translate_toolkit() -> None:
    from translate.storage import tmx

    store = tmx.tmxfile(io.BytesIO(_tmx().encode("utf-8")), "de", "id")
    units = store.units
    assert len(units) == len(BEADS)
    seen = []
    for unit in units:
        nodes = unit.getlanguageNodes()
        seen.append({node.get(XML_LANG): "".join(node.itertext()) for node in nodes})
    assert seen == [
        {"de": LEFT[0], "id": RIGHT[0]},
        {"de": "Zweiter. Dritter\tmit Tab.", "id": RIGHT[1]},
        {"de": LEFT[3]},
        {"id": RIGHT[2]},
    ]
    assert units[0].source == LEFT[0] and units[0].target == RIGHT[0]


def test_round_trip_through_our_reader(tmp_path: Path) -> None:
    path = tmp_path / "pair.tmx"
    path.write_text(_tmx(), encoding="utf-8")
    text = load_tmx(path)
    assert text.left.lang == "de" and text.right.lang == "id"
    # rows are translation units; a side's paragraphs were joined by one space (tab collapsed)
    assert list(text.left.paragraphs) == [LEFT[0], "Zweiter. Dritter mit Tab.", LEFT[3]]
    assert list(text.right.paragraphs) == RIGHT
    assert [(b.left, b.right) for b in text.beads] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), ()),
        ((), (2,)),
    ]
    assert text.warnings == []


def test_reads_inline_markup_and_region_codes() -> None:
    data = b"""<?xml version="1.0"?>
<tmx version="1.4"><header srclang="en-US" segtype="sentence" creationtool="x"
 creationtoolversion="1" o-tmf="x" adminlang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>
 now</seg></tuv><tuv xml:lang="fr-FR"><seg>Appuyez sur <hi>Enregistrer</hi></seg></tuv></tu>
<tu><tuv xml:lang="fr-FR"><seg>Seulement</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>   </seg></tuv></tu>
</body></tmx>"""
    text = parse_tmx(data, "ui.tmx")
    assert text.left.paragraphs == ("Press Save now",)
    assert text.right.paragraphs == ("Appuyez sur Enregistrer", "Seulement")
    assert text.left.lang == "en" and text.right.lang == "fr"
    assert [(b.left, b.right) for b in text.beads] == [((0,), (0,)), ((), (1,))]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<tmx version="1.4"><header srclang="de"/><body>
<tu><tuv xml:lang="de"><seg>&lol4;</seg></tuv></tu></body></tmx>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="de"/><body>
<tu><tuv xml:lang="de"><seg>&ext;</seg></tuv></tu></body></tmx>"""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (BILLION_LAUGHS, "entity declarations"),
        (EXTERNAL, "entity declarations"),
        (b"<tmx><body><tu></body></tmx>", "not a well-formed TMX file"),
        (b"<html><body/></html>", "not a TMX file"),
        (b'<tmx version="1.4"><header/></tmx>', "no <body>"),
        (b'<tmx version="1.4"><header/><body/></tmx>', "no translation units"),
        (b"\xff\xfe\x00garbage", "TMX"),
    ],
)
def test_bad_tmx_raises_one_line_reader_error(data: bytes, message: str) -> None:
    with pytest.raises(ReaderError) as info:
        parse_tmx(data, "bad.tmx")
    text = str(info.value)
    assert message in text and "\n" not in text and text.startswith("bad.tmx: ")


def test_load_tmx_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file"):
        load_tmx(tmp_path / "missing.tmx")
    empty = tmp_path / "empty.tmx"
    empty.write_bytes(b"")
    with pytest.raises(ReaderError, match="is empty"):
        load_tmx(empty)


def test_invalid_xml_characters_are_dropped_on_writing() -> None:
    data = tmx_text([Bead((0,), (0,))], ["a\x00b\x1fc"], ["d"], left_lang="de", right_lang="id")
    text = parse_tmx(data.encode("utf-8"))
    assert text.left.paragraphs == ("abc",)
