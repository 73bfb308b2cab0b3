"""Normalised values, general texts beyond the seeds, and code-point offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.entities import (
    KIND_COLOURS,
    KIND_NAMES,
    KINDS,
    code_point_offset,
    describe,
    recognize,
    utf16_offset,
)
from reader.core.entities.lexers import tokens
from reader.core.entities.normalize import (
    parse_date,
    parse_digits,
    parse_money,
    parse_number,
    parse_percent,
)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("10,8", "de", 10.8),
        ("1.000", "de", 1000),
        ("1 000", "id", 1000),
        ("1.000.000", "id", 1000000),
        ("1,000", "en", 1000),
        ("1,000.5", "en", 1000.5),
        ("1 000,5", "fr", 1000.5),
        ("2,5", "und", 2.5),
        ("1.000", "und", 1000),
    ],
)
def test_digits(text: str, lang: str, value: float) -> None:
    assert parse_digits(text, lang) == value


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("zwei", "de", 2),
        ("zehn", "de", 10),
        ("achtzehn", "de", 18),
        ("dreiunddreißig", "de", 33),
        ("einhundertzwanzig", "de", 120),
        ("neunhundertneunundneunzig", "de", 999),
        ("zweitausendfünfhundert", "de", 2500),
        ("Tausend", "de", 1000),
        ("zwei Millionen", "de", 2_000_000),
        ("eine Milliarde", "de", 1_000_000_000),
        ("1,5 Millionen", "de", 1_500_000),
        ("26 Mrd.", "de", 26_000_000_000),
        ("dua", "id", 2),
        ("sepuluh", "id", 10),
        ("delapan belas", "id", 18),
        ("tiga puluh tiga", "id", 33),
        ("sembilan ratus sembilan puluh sembilan", "id", 999),
        ("seratus dua puluh tiga", "id", 123),
        ("seribu lima ratus", "id", 1500),
        ("dua ratus lima puluh ribu", "id", 250_000),
        ("1,5 juta", "id", 1_500_000),
        ("26 miliar", "id", 26_000_000_000),
        ("thirty-three", "en", 33),
        ("3.5 million", "en", 3_500_000),
        ("2 billion", "en", 2_000_000_000),
    ],
)
def test_numbers(text: str, lang: str, value: float) -> None:
    assert parse_number(text, lang) == value


@pytest.mark.parametrize(
    ("text", "lang", "amount", "currency"),
    [
        ("26 Milliarden US-Dollar", "de", 26_000_000_000, "USD"),
        ("$26 miliar", "id", 26_000_000_000, "USD"),
        ("10,8 Millionen US-Dollar", "de", 10_800_000, "USD"),
        ("$10,8 juta", "id", 10_800_000, "USD"),
        ("Rp 5.000", "id", 5000, "IDR"),
        ("Rp5.000", "id", 5000, "IDR"),
        ("S$ 2 juta", "id", 2_000_000, "SGD"),
        ("5 Mio. €", "de", 5_000_000, "EUR"),
        ("100 Yuan", "de", 100, "CNY"),
        ("RMB 100 juta", "id", 100_000_000, "CNY"),
        ("26 miliar dolar AS", "id", 26_000_000_000, "USD"),
        ("10 juta rupiah", "id", 10_000_000, "IDR"),
        ("zwei Milliarden Euro", "de", 2_000_000_000, "EUR"),
        ("£3.5 million", "en", 3_500_000, "GBP"),
    ],
)
def test_money(text: str, lang: str, amount: float, currency: str) -> None:
    assert parse_money(text, lang) == {"amount": amount, "currency": currency}


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("15 Prozent", "de", 15),
        ("15 %", "de", 15),
        ("0,5 %", "de", 0.5),
        ("15 persen", "id", 15),
        ("15%", "id", 15),
        ("12.5 percent", "en", 12.5),
    ],
)
def test_percent(text: str, lang: str, value: float) -> None:
    assert parse_percent(text, lang) == value


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("15. Dezember 2025", "de", "2025-12-15"),
        ("15 Desember 2025", "id", "2025-12-15"),
        ("März 2024", "de", "2024-03"),
        ("Maret 2024", "id", "2024-03"),
        ("2015", "de", "2015"),
        ("November", "de", "XXXX-11"),
        ("1. Mai", "de", "XXXX-05-01"),
        ("15.12.2025", "de", "2025-12-15"),
        ("2025-12-15", "id", "2025-12-15"),
        ("17 Agustus 1945", "id", "1945-08-17"),
        ("3. Okt. 1990", "de", "1990-10-03"),
        ("December 15, 2025", "en", "2025-12-15"),
    ],
)
def test_dates(text: str, lang: str, value: str) -> None:
    assert parse_date(text, lang) == value


def found(text: str, lang: str) -> list[tuple[str, str, object]]:
    return [(e.text, e.kind, e.value) for e in recognize(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Der Umsatz stieg 2023–2025 um 15 Prozent auf 1,5 Millionen Euro.",
            "de",
            [
                ("2023", "date", "2023"),
                ("2025", "date", "2025"),
                ("15 Prozent", "percent", 15),
                ("1,5 Millionen Euro", "money", {"amount": 1_500_000, "currency": "EUR"}),
            ],
        ),
        (
            "Am 3. Oktober 1990 kamen zweiundvierzig Gäste, 1 000 Tonnen und 3,75 Prozentpunkte.",
            "de",
            [
                ("3. Oktober 1990", "date", "1990-10-03"),
                ("zweiundvierzig", "number", 42),
                ("1 000", "number", 1000),
                ("3,75 Prozentpunkte", "percent", 3.75),
            ],
        ),
        (
            "Pada 17 Agustus 1945, 15 persen dari Rp 5.000 dan S$ 2 juta untuk tiga puluh tiga "
            "kota.",
            "id",
            [
                ("17 Agustus 1945", "date", "1945-08-17"),
                ("15 persen", "percent", 15),
                ("Rp 5.000", "money", {"amount": 5000, "currency": "IDR"}),
                ("S$ 2 juta", "money", {"amount": 2_000_000, "currency": "SGD"}),
                ("tiga puluh tiga", "number", 33),
            ],
        ),
        (
            "Revenue rose 15% to $1.5 billion on December 15, 2025 with 1,000 staff.",
            "en",
            [
                ("15%", "percent", 15),
                ("$1.5 billion", "money", {"amount": 1_500_000_000, "currency": "USD"}),
                ("December 15, 2025", "date", "2025-12-15"),
                ("1,000", "number", 1000),
            ],
        ),
    ],
)
def test_general_texts(text: str, lang: str, expected: list[tuple[str, str, object]]) -> None:
    got = [item for item in found(text, lang) if item[1] in ("date", "number", "money", "percent")]
    assert got == expected


def test_articles_and_salah_satu_are_not_one() -> None:
    assert found("Er kaufte ein Auto und eine Wohnung.", "de") == []
    assert found("salah satu perusahaan, satu-satunya", "id") == []
    # "satu" alone is the article of "eine Tonne" / "satu ton": no number on either side
    assert found("satu perusahaan", "id") == []
    assert found("satu juta orang dan seratus satu hari", "id") == [
        ("satu juta", "number", 1_000_000),
        ("seratus satu", "number", 101),
    ]


def test_names_without_the_other_side() -> None:
    got = found("Die Siemens AG und die Deutsche Bank zahlten in Berlin.", "de")
    assert ("Siemens AG", "organization", "Siemens AG") in got
    assert ("Deutsche Bank", "organization", "Deutsche Bank") in got
    assert ("Berlin", "place", "Berlin") in got
    got = found("Presiden bertemu Bapak Budi Santoso di Jakarta pada Senin.", "id")
    assert ("Budi Santoso", "person", "Budi Santoso") in got
    assert ("Jakarta", "place", "Jakarta") in got
    assert not [g for g in got if g[0] in ("Senin", "Presiden")]
    # German capitalisation alone is no evidence
    assert found("Die Zusammenarbeit der Unternehmen wächst.", "de") == []


def test_non_bmp_text_keeps_code_point_offsets() -> None:
    prefix = "𝔘😀 Am "
    text = prefix + "15. Dezember 2025 zahlte Chongqing 5 Mio. US-Dollar 🎉 an 𝔘 Singapur."
    ents = recognize(text, "de")
    assert [e.text for e in ents] == [
        "15. Dezember 2025",
        "Chongqing",
        "5 Mio. US-Dollar",
        "Singapur",
    ]
    for e in ents:
        assert text[e.start : e.end] == e.text
    assert ents[0].start == len(prefix) == 6
    # Qt counts UTF-16 units: two astral characters before the date add two
    assert utf16_offset(text, ents[0].start) == 8
    assert text.encode("utf-16-le")[16:50].decode("utf-16-le") == "15. Dezember 2025"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["de", "id", "en", "fr", "und"]))
def test_tokens_cover_the_text_exactly(text: str, lang: str) -> None:
    toks = tokens(text, lang)
    assert "".join(v for _, _, v in toks) == text
    pos = 0
    for index, _, value in toks:
        assert index == pos
        pos += len(value)
    for e in recognize(text, lang):
        assert text[e.start : e.end] == e.text


def test_kinds_have_names() -> None:
    assert set(KIND_NAMES) == set(KINDS) == set(KIND_COLOURS)
    assert len(KINDS) == 9


def test_capitals_that_prove_nothing() -> None:
    assert found("MIT NACHTRÄGEN AUS FRÜHEREN JAHREN VON DYHRENFURTH", "de") == []
    assert found("Der Wind kam aus WNW.", "de") == []
    got = found("Am Indischen Ozean stand das Britische Museum.", "de")
    assert ("Indischen Ozean", "place", "Indischen Ozean") in got
    assert ("Britische Museum", "organization", "Britische Museum") in got
    assert ("NATO", "organization", "NATO") in found("Die NATO tagte.", "de")


def test_four_digit_measurements_are_numbers_not_years() -> None:
    assert found("Der Gipfel liegt auf 1200 m, seit 1956 bekannt.", "de") == [
        ("1200", "number", 1200),
        ("1956", "date", "1956"),
    ]
    assert found("Sebanyak 2000 orang datang pada 2019.", "id") == [
        ("2000", "number", 2000),
        ("2019", "date", "2019"),
    ]


def test_persons() -> None:
    got = found("Bundeskanzler Olaf Scholz traf Präsident Macron und Herrn Müller in Berlin.", "de")
    assert [(t, k) for t, k, _ in got] == [
        ("Olaf Scholz", "person"),
        ("Macron", "person"),
        ("Müller", "person"),
        ("Berlin", "place"),
    ]
    got = recognize(
        "Dort sprach Olaf Scholz mit Qingling.",
        "de",
        counterpart="Di sana Olaf Scholz berbicara dengan Qingling.",
    )
    assert [(e.text, e.kind) for e in got] == [
        ("Olaf Scholz", "person"),
        ("Qingling", "organization"),
    ]
    got = found("Presiden Prabowo Subianto tiba di Istana Merdeka, Jakarta.", "id")
    assert [(t, k) for t, k, _ in got] == [
        ("Prabowo Subianto", "person"),
        ("Istana Merdeka", "place"),
        ("Jakarta", "place"),
    ]


def test_decades_times_and_halves() -> None:
    assert found("Er kam zweimal, noch einmal, in den 1990er Jahren; 5G und 3D.", "de") == [
        ("zweimal", "number", 2)
    ]
    assert found("Dia datang dua kali pada tahun 1990-an, setengah dari mereka.", "id") == [
        ("dua", "number", 2)
    ]
    assert found("dua setengah juta", "id") == [("dua setengah juta", "number", 2_500_000)]


def test_clock_times_are_not_numbers() -> None:
    assert found(
        "Um 10:30 Uhr kamen 1.500 Leute, um 9.45 Uhr am 15.12.2025 26 Mrd US-Dollar.", "de"
    ) == [
        ("1.500", "number", 1500),
        ("15.12.2025", "date", "2025-12-15"),
        ("26 Mrd US-Dollar", "money", {"amount": 26_000_000_000, "currency": "USD"}),
    ]
    assert found("Pukul 10.00 WIB, Selasa (16/12/2025), 1.500 orang.", "id") == [
        ("16/12/2025", "date", "2025-12-16"),
        ("1.500", "number", 1500),
    ]


def test_quoted_terms_and_quoted_numbers() -> None:
    assert found("Die »weiche Konnektivität« und „Plan 2025“.", "de") == [
        ("weiche Konnektivität", "term", "weiche Konnektivität"),
        ("2025", "date", "2025"),
    ]
    assert found("“Konektivitas lunak” itu.", "id") == [
        ("Konektivitas lunak", "term", "Konektivitas lunak")
    ]


def test_offset_conversion_both_ways_and_tooltips() -> None:
    text = "a😀b𝔘c"
    for cp in range(len(text) + 1):
        units = utf16_offset(text, cp)
        assert units == len(text[:cp].encode("utf-16-le")) // 2
        assert code_point_offset(text, units) == cp
    money = recognize("Es kostet 10,8 Millionen US-Dollar.", "de")[0]
    assert describe(money) == "Amount of money: 10800000 USD"
    assert describe(recognize("Bis 2026.", "de")[0]) == "Date"
    assert describe(recognize("Um 15 %.", "de")[0]) == "Percentage"
    assert describe(recognize("Um 15 Prozent.", "de")[0]) == "Percentage: 15 %"
