"""Every number, date and amount of both seed texts, with its value; names on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import ParallelText, load_pair
from reader.core.entities import Entity, bead_entities, entities_for, recognize

USD = "USD"
M26 = {"amount": 26_000_000_000, "currency": USD}
M108 = {"amount": 10_800_000, "currency": USD}

# paragraph index → [(text, kind, value)] in order of appearance
EXPECTED_DE: dict[int, list[tuple[str, str, object]]] = {
    0: [("15. Dezember 2025", "date", "2025-12-15")],
    1: [
        ("2015", "date", "2015"),
        ("zehn", "number", 10),
        ("347", "number", 347),
        ("26 Milliarden US-Dollar", "money", M26),
        ("33", "number", 33),
    ],
    5: [("November", "date", "XXXX-11")],
    7: [("März 2024", "date", "2024-03")],
    8: [("achtzehn", "number", 18)],
    12: [("zehn", "number", 10)],
    13: [
        ("2023", "date", "2023"),
        ("September 2024", "date", "2024-09"),
        ("November", "date", "XXXX-11"),
    ],
    14: [("zwei", "number", 2), ("März", "date", "XXXX-03")],
    15: [
        ("Juni", "date", "XXXX-06"),
        ("2026", "date", "2026"),
        ("10,8 Millionen US-Dollar", "money", M108),
    ],
    18: [("März 2025", "date", "2025-03"), ("30", "number", 30)],
}
EXPECTED_ID: dict[int, list[tuple[str, str, object]]] = {
    0: [("15 Desember 2025", "date", "2025-12-15")],
    1: [
        ("2015", "date", "2015"),
        ("sepuluh", "number", 10),
        ("347", "number", 347),
        ("$26 miliar", "money", M26),
        ("33", "number", 33),
    ],
    5: [("November", "date", "XXXX-11")],
    7: [("Maret 2024", "date", "2024-03")],
    8: [("delapan belas", "number", 18)],
    12: [("sepuluh", "number", 10)],
    13: [
        ("2023", "date", "2023"),
        ("September 2024", "date", "2024-09"),
        ("November", "date", "XXXX-11"),
    ],
    14: [("dua", "number", 2), ("Maret", "date", "XXXX-03")],
    15: [
        ("Juni", "date", "XXXX-06"),
        ("$10,8 juta", "money", M108),
        ("2026", "date", "2026"),
    ],
    18: [("Maret 2025", "date", "2025-03"), ("30", "number", 30)],
}
NUMERIC = {"date", "number", "money", "percent"}

# Capitalised German common nouns of the seed that must never be marked as names.
GERMAN_COMMON_NOUNS = {
    "Treffen",
    "Standards",
    "Unternehmen",
    "Zusammenarbeit",
    "Kooperationsmechanismus",
    "Ebene",
    "Koordinierungsplattform",
    "Ländern",
    "Bereichen",
    "Rangs",
    "Zusammenhang",
    "Kooperationsprojekt",
    "Demonstrationsinitiative",
    "Konnektivität",
    "Einführung",
    "Jahr",
    "Jahre",
    "Zeit",
    "Ergebnisse",
    "Brücken",
    "Entfernung",
    "Brücke",
    "Schlüssel",
    "Export",
    "Neufahrzeugen",
    "Neufahrzeuge",
    "Charge",
    "Modell",
    "Toren",
    "Weg",
    "Nutzfahrzeugmarke",
    "Markt",
    "Warenexport",
    "Verwaltung",
    "Ziel",
    "Automobilmarkt",
    "Anforderungen",
    "Vorschriften",
    "Sicherheit",
    "Leistung",
    "Markteintritt",
    "Wechsel",
    "Anpassungen",
    "Designphase",
    "Forschung",
    "Entwicklung",
    "Tests",
    "Präsident",
    "Herausforderungen",
    "Probleme",
    "Unterstützung",
    "Monaten",
    "Zertifizierung",
    "Geschichte",
    "Produkte",
    "Überseemärkte",
    "Plattform",
    "Zugang",
    "Beamter",
    "Initiative",
    "Hintergrund",
    "Regeln",
    "Konzept",
    "Fleischprodukten",
    "Einfuhrstandards",
    "Fleisch",
    "Land",
    "Kategorie",
    "Regionen",
    "Ministerium",
    "Handel",
    "Industrie",
    "Fleischexporte",
    "Verbindung",
    "Antragsunterlagen",
    "Marktzugang",
    "Überprüfung",
    "Region",
    "Behörden",
    "Handelskommission",
    "Personal",
    "Verbesserung",
    "Produktionslinien",
    "Genehmigung",
    "Vorsitzende",
    "Prozess",
    "Produktionskapazität",
    "Kooperationsvereinbarung",
    "Seite",
    "Wert",
    "Dialogs",
    "Kooperationschancen",
    "Seiten",
    "Finanzen",
    "Technologie",
    "Bildung",
    "Feldern",
    "Kooperationsmöglichkeiten",
    "Organisatorin",
    "Veranstaltung",
}


@pytest.fixture(scope="module")
def seed_text() -> ParallelText:
    repo = Path(__file__).resolve().parents[2]
    return load_pair(
        repo / "seeds" / "chongqing-connectivity.de.txt",
        repo / "seeds" / "chongqing-connectivity.id.txt",
    )


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_number_date_and_amount(seed_text: ParallelText, side: str) -> None:
    doc = seed_text.left if side == "left" else seed_text.right
    expected = EXPECTED_DE if side == "left" else EXPECTED_ID
    assert len(doc.paragraphs) == 20
    for index, text in enumerate(doc.paragraphs):
        found = [e for e in recognize(text, doc.lang) if e.kind in NUMERIC]
        for e in found:
            assert text[e.start : e.end] == e.text
        got = [(e.text, e.kind, e.value) for e in found]
        assert got == expected.get(index, []), f"{side} paragraph {index}"


def test_issue_example_offsets(seed_text: ParallelText) -> None:
    first = recognize(seed_text.left.paragraphs[0], "de")[0]
    assert first.to_dict() == {
        "start": 3,
        "end": 20,
        "text": "15. Dezember 2025",
        "kind": "date",
        "value": "2025-12-15",
    }


def test_ordinals_articles_and_product_codes_are_not_numbers(seed_text: ParallelText) -> None:
    texts = {e.text for p in seed_text.left.paragraphs for e in recognize(p, "de")}
    texts |= {e.text for p in seed_text.right.paragraphs for e in recognize(p, "id")}
    for word in (
        "dritten",
        "zweite",
        "erste",
        "ersten",
        "eines",
        "ketiga",
        "kedua",
        "pertama",
        "satu",
        "salah satu",
        "2",
    ):
        assert word not in texts
    eq2 = [e for p in seed_text.left.paragraphs for e in recognize(p, "de") if e.text == "EQ2"]
    assert eq2 and all(e.kind == "product" for e in eq2)


def _common_noun_as_name(e: Entity) -> bool:
    """A name that is a German common noun, or starts or ends with one."""
    if e.kind not in ("place", "organization", "person", "product"):
        return False
    words = e.text.replace("-", " ").split()
    if e.text == "Chongqing Connectivity Initiative":  # English name: "Initiative" belongs
        return False
    return words[0] in GERMAN_COMMON_NOUNS or words[-1] in GERMAN_COMMON_NOUNS


def test_german_common_nouns_are_never_names(seed_text: ParallelText) -> None:
    for n in range(len(seed_text.beads)):
        for _, e in bead_entities(seed_text, n).left:
            assert not _common_noun_as_name(e), (n, e)
    for text in seed_text.left.paragraphs:  # without the other side, too
        for e in recognize(text, "de"):
            assert not _common_noun_as_name(e), e


def _names(seed_text: ParallelText, side: str) -> set[tuple[str, str]]:
    found = set()
    for n in range(len(seed_text.beads)):
        pairs = getattr(bead_entities(seed_text, n), side)
        found |= {(e.text, e.kind) for _, e in pairs if e.kind not in NUMERIC | {"term"}}
    return found


def test_names_with_evidence_from_the_other_side(seed_text: ParallelText) -> None:
    left = _names(seed_text, "left")
    for name in [
        ("Chongqing", "place"),
        ("Singapur", "place"),
        ("China", "place"),
        ("Qingling Motors", "organization"),
        ("Qingling Group", "organization"),
        ("Qingling", "organization"),
        ("Motorway", "organization"),
        ("Chongqing Nuoxin", "organization"),
        ("BYD", "organization"),
        ("EQ2", "product"),
        ("Singapore Food Agency", "organization"),
        ("Chongqing Dejia Meat Technology Development Co., Ltd.", "organization"),
        ("Chongqing Connectivity Initiative", "organization"),
        ("Singapore Chinese Chamber of Commerce & Industry", "organization"),
        ("Chongqing Lianglu Cuntan Free Trade Port Zone", "place"),
    ]:
        assert name in left
    right = _names(seed_text, "right")
    for name in [
        ("Singapura", "place"),
        ("Inisiatif Konektivitas Chongqing", "organization"),
        ("Otoritas Pangan Singapura", "organization"),
        ("SFA", "organization"),
        ("SCCCI", "organization"),
        ("Chongqing Dejia Meat Technology Development Co., Ltd.", "organization"),
        ("Kamar Dagang dan Industri Tionghoa Singapura", "organization"),
        ("Zona Pelabuhan Bebas Cuntan Lianglu Chongqing", "place"),
    ]:
        assert name in right


def test_headings_have_no_names(seed_text: ParallelText) -> None:
    for index in (3, 4, 16, 17):
        assert recognize(seed_text.left.paragraphs[index], "de") == []
        other = seed_text.left.paragraphs[index]
        assert recognize(seed_text.right.paragraphs[index], "id", counterpart=other) == []


def test_quoted_terms(seed_text: ParallelText) -> None:
    terms = [e.text for e in recognize(seed_text.left.paragraphs[2], "de") if e.kind == "term"]
    assert terms == ["greifbaren Ergebnisse", "weiche Konnektivität", "weiche Konnektivität"]
    long_quote = seed_text.left.paragraphs[15]
    assert not [e for e in recognize(long_quote, "de") if e.kind == "term"]


def test_links_in_a_bead(seed_text: ParallelText) -> None:
    bead = bead_entities(seed_text, 1)
    linked = {(bead.left[i][1].text, bead.right[j][1].text) for i, j in bead.links}
    assert ("26 Milliarden US-Dollar", "$26 miliar") in linked
    assert ("zehn", "sepuluh") in linked
    assert ("2015", "2015") in linked
    assert ("Chongqing Connectivity Initiative", "Inisiatif Konektivitas Chongqing") in linked
    bead = bead_entities(seed_text, 5)
    linked = {(bead.left[i][1].text, bead.right[j][1].text) for i, j in bead.links}
    assert ("Singapur", "Singapura") in linked
    assert ("Qingling Motors", "Qingling Motors") in linked
    assert ("November", "November") in linked
    i = next(k for k, (_, e) in enumerate(bead.left) if e.text == "EQ2")
    assert [bead.right[j][1].text for j in bead.counterparts("left", i)] == ["EQ2"]


def test_cache_returns_the_same_result(seed_text: ParallelText) -> None:
    text = seed_text.left.paragraphs[1]
    first = entities_for(text, "de", counterpart=seed_text.right.paragraphs[1])
    again = entities_for(text, "de", counterpart=seed_text.right.paragraphs[1])
    assert first is again
    assert list(first) == recognize(text, "de", counterpart=seed_text.right.paragraphs[1])
