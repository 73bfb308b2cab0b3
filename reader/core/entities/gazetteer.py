"""A small built-in gazetteer and the word lists that tell names from common words.

Countries, regions and large cities in German, Indonesian and English spellings; markers of
organisations and places; honorifics before personal names; function words that start sentences.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PLACES = """
Afghanistan Ägypten Mesir Egypt Albanien Albania Algerien Aljazair Algeria Argentinien Argentina
Armenien Armenia Äthiopien Etiopia Ethiopia Australien Australia Österreich Austria Belgien Belgia
Belgium Bangladesch Bangladesh Brasilien Brasil Brazil Brunei Bulgarien Bulgaria Chile Cile China
Tiongkok Cina Dänemark Denmark Denmark Deutschland Jerman Germany Finnland Finlandia Finland
Frankreich Prancis France Griechenland Yunani Greece Indien India Indonesien Indonesia Irak Iraq
Iran Irland Irlandia Ireland Israel Italien Italia Italy Japan Jepang Kambodscha Kamboja Cambodia
Kanada Kanada Canada Kenia Kenya Kolumbien Kolombia Colombia Korea Südkorea Nordkorea Kroatien
Kroasia Croatia Kuba Kuba Cuba Laos Malaysia Malaysien Mexiko Meksiko Mexico Marokko Maroko Morocco
Myanmar Nepal Neuseeland Niederlande Belanda Netherlands Nigeria Norwegen Norwegia Norway Pakistan
Peru Philippinen Filipina Philippines Polen Polandia Poland Portugal Rumänien Rumania Romania
Russland Rusia Russia Saudi-Arabien Schweden Swedia Sweden Schweiz Swiss Switzerland Serbien Serbia
Singapur Singapura Singapore Spanien Spanyol Spain Südafrika Taiwan Thailand Tschechien Ceko Türkei
Turki Turkey Ukraine Ukraina Ungarn Hongaria Hungary Usbekistan Uzbekistan Vietnam Vietnamesisch
Timor-Leste Osttimor Europa Eropa Europe Asien Asia Afrika Africa Amerika America Ozeanien
Antarktis Arktis ASEAN USA AS UK Großbritannien Inggris Britain England Schottland Skotlandia
Chongqing Peking Beijing Shanghai Guangzhou Shenzhen Chengdu Wuhan Tianjin Hongkong Macau Xinjiang
Tibet Sichuan Guangdong Yunnan Hainan Jakarta Surabaya Bandung Medan Semarang Makassar Yogyakarta
Bali Jawa Java Sumatra Sumatera Kalimantan Borneo Sulawesi Papua Batam Berlin Hamburg München
Munich Köln Frankfurt Wien Vienna Zürich Paris London Rom Roma Rome Madrid Moskau Moskow Moscow
Tokio Tokyo Seoul Bangkok Hanoi Manila Delhi Mumbai Dubai Istanbul Kairo Kairo Sydney Washington
Brüssel Brussel Brussels Genf Jenewa Geneva Kuala Lumpur Johor Penang Sabah Sarawak Mekong Jangtse
Yangtze Malakka Malaka
"""
_MULTIWORD_PLACES = (
    "Hong Kong",
    "Kuala Lumpur",
    "New York",
    "Amerika Serikat",
    "Vereinigte Staaten",
    "United States",
    "Vereinigtes Königreich",
    "United Kingdom",
    "Korea Selatan",
    "Korea Utara",
    "Selandia Baru",
    "Afrika Selatan",
    "Arab Saudi",
    "Timur Tengah",
    "Nahost",
)
PLACES: frozenset[str] = _words(_PLACES) | frozenset(_MULTIWORD_PLACES)

# A name containing one of these is an organisation …
ORG_MARKERS: frozenset[str] = _words(
    """
    Co Co. Ltd Ltd. GmbH AG KG SE Inc Inc. Corp Corp. LLC PLC Tbk PT CV Group Gruppe Grup Motors
    Motor Agency Agentur Chamber Kammer Kamar Bank Corporation Company Holdings Holding Airlines
    Airways University Universität Universitas Institute Institut Ministry Ministerium Kementerian
    Komisi Kommission Commission Otoritas Authority Behörde Badan Foundation Stiftung Yayasan
    Association Verband Asosiasi Council Initiative Inisiatif Initiativ Administrasi Development
    Technology Industries Partei Partai Party Organisation Organization Organisasi Forum Zentrum
    Center Centre Pusat Bureau Büro Departemen Department Dinas Direktorat Agentur Media News Times
    Post Union Nationen Nations Bund Bundesbank Zentralbank Parlament Parliament Museum Museums
    Museen Akademie Academy Klub Club Verein Hochschule Schule Sekolah Rumah Sakit Hospital
    """
)
# … and one with these is a place.
PLACE_MARKERS: frozenset[str] = _words(
    """
    Zone Zona Province Provinz Provinsi Kota City Kabupaten Port Pelabuhan Hafen Island Pulau Insel
    River Sungai Fluss Street Straße Jalan Jl. Lake Danau Mount Gunung Bay Teluk Valley District
    Distrikt Region Kawasan Park Taman Airport Bandara Flughafen Ozean Ocean Meer Sea Samudra
    Laut Gebirge Berg Tal Gletscher Glacier Alpen Alps Selat Strait Kanal Canal Wüste Desert
    Istana Palast Palace Gedung Masjid Moschee Gereja Kirche Stadion Stadium Candi Tempel Temple
    """
)
# Words before a personal name.
HONORIFICS: frozenset[str] = _words(
    "Herr Herrn Frau Dr Dr. Prof Prof. Mr Mr. Mrs Mrs. Ms Ms. Bapak Pak Ibu Bu Sdr Sdr. Saudara "
    "Saudari Tuan Nyonya"
)
# Words that join the parts of a name ("Chamber of Commerce & Industry", "Kamar Dagang dan …").
CONNECTORS: frozenset[str] = frozenset({"of", "&", "and", "for", "dan", "de", "du", "des"})

# Capitalised function words (sentence starts, title case) that never begin a name.
FUNCTION_WORDS: frozenset[str] = _words(
    """
    Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Im Am Zum Zur Vom Beim Ins Ans Auf In
    An Bei Mit Nach Seit Von Vor Für Über Unter Durch Um Ab Bis Und Oder Aber Doch Dies Diese Dieser
    Dieses Diesen Jetzt Damit Dass Als Wenn Wie Was Wer Es Er Sie Wir Ihr Ich Man So Auch Noch Nur
    Schon Dann Da Hier Dort Zudem Zwar Indem Während Weil Obwohl Alle Viele Einige Jeder Jede Kein
    Keine Schließlich Nun
    Pada Di Ke Dari Dan Atau Yang Ini Itu Dengan Untuk Dalam Oleh Sejak Mulai Setelah Sebelum Bagi
    Seperti Namun Tetapi Karena Jika Hal Fakta Kisah Sekarang Saat Ketika Dia Ia Mereka Kami Kita
    Mengenai Tentang Bahwa Sebagai Akan Juga Sudah Telah Para Banyak Beberapa Setiap Seorang Sebuah
    Semua Menurut Senin Selasa Rabu Kamis Jumat Sabtu Minggu Selain Sementara Tidak Bukan Agar
    Supaya Hingga Sampai Antara
    The A An Of And Or In On At To For From By With As This That These Those It Its He She They We
    You I His Her Their Our But If When While After Before Since Until During Le La Les Un Une Des
    Du Et Dans Sur Pour Par Avec
    """
)


def place_kind(word: str, lang: str) -> str | None:
    """``"place"`` when ``word`` (or its German genitive without ``-s``) is a known place."""
    if word in PLACES:
        return "place"
    if lang.startswith("de") and word.endswith("s") and word[:-1] in PLACES and len(word) > 4:
        return "place"
    return None
