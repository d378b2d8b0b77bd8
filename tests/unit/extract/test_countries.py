import pytest
from parley_extract.countries import country_lexicon
from parley_extract.lexicon import LANGUAGES, read_lexicon

UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR
BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU EGY
SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN
IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI
MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR
OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP
SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR
ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()  # noqa: SIM905 (a table reads better than 193 quoted codes)
SCO_AND_P5 = ["CHN", "RUS", "IND", "PAK", "KAZ", "KGZ", "TJK", "UZB", "IRN", "BLR", "USA", "GBR", "FRA"]


def found(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.iso3, m.form) for m in country_lexicon().find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Uzbekistan's Prime Minister", ("Uzbekistan", "UZB", "name")),
        ("the Kyrgyz Republic's head", ("Kyrgyz Republic", "KGZ", "name")),
        ("Russian Foreign Minister", ("Russian", "RUS", "demonym")),
        ("امریکی وزیر خارجہ", ("امریکی", "USA", "demonym")),
        ("بنگلہ دیش کے مشیر", ("بنگلہ دیش", "BGD", "name")),
        ("ministre russe des Affaires étrangères", ("russe", "RUS", "demonym")),
        ("la ministra española", ("española", "ESP", "demonym")),
        ("Rusya Dışişleri Bakanı", ("Rusya", "RUS", "name")),
        ("министр иностранных дел России", ("России", "RUS", "name")),
        ("делегация российского МИД", ("российского", "RUS", "demonym")),
        ("वह पाकिस्तानी दूत से मिले", ("पाकिस्तानी", "PAK", "demonym")),
        ("وزير الخارجية الأمريكي", ("الأمريكي", "USA", "demonym")),
        ("Les diplomates américaines", ("américaines", "USA", "demonym")),
        ("Pakistanis living abroad", ("Pakistanis", "PAK", "demonym")),
        ("ABD'nin Ankara Büyükelçisi", ("ABD", "USA", "name")),
    ],
)
def test_finds_names_and_demonyms_across_languages(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("والصين", "CHN"), ("بالهند", "IND"), ("للصين", "CHN"), ("وباكستان", "PAK")],
)
def test_arabic_words_with_attached_prepositions_still_match(text, iso3):
    assert [m.iso3 for m in country_lexicon().find(text)] == [iso3]


def test_us_counts_only_in_capitals():
    assert found("He told us about the US and the U.S. position") == [
        ("US", "USA", "name"),
        ("U.S.", "USA", "name"),
    ]


def test_common_words_need_a_capital():
    # Lowercase "china" does match: it is the Spanish feminine demonym ("la delegación china").
    assert found("a turkey dinner, a hanging chad, a niger seed") == []
    assert [m.iso3 for m in country_lexicon().find("Turkey and China")] == ["TUR", "CHN"]


def test_longest_name_wins():
    assert [m.iso3 for m in country_lexicon().find("Guinea-Bissau, Equatorial Guinea and Guinea")] == [
        "GNB",
        "GNQ",
        "GIN",
    ]
    sudans = country_lexicon().find("South Sudan and Sudan; North Korea")
    assert [m.iso3 for m in sudans] == ["SSD", "SDN", "PRK"]


def test_phrases_that_only_contain_a_country_yield_nothing():
    assert found("Latin American leaders met in Latin America") == []
    assert found("وہ بے چین تھے") == []


def test_mentions_carry_offsets_into_the_text():
    text = "Talks between Pakistan and the United States"
    mentions = country_lexicon().find(text)
    assert [text[m.start : m.end] for m in mentions] == ["Pakistan", "United States"]
    assert mentions == sorted(mentions, key=lambda m: m.start)


def test_every_un_member_and_observer_is_known():
    assert len(set(UN_MEMBERS)) == 193
    known = country_lexicon().iso3_codes
    assert set(UN_MEMBERS) <= known
    assert {"PSE", "XKX", "TWN", "VAT"} <= known


def test_priority_countries_have_every_language():
    countries = read_lexicon("countries.yaml")["countries"]
    missing = {(iso3, lang) for iso3 in SCO_AND_P5 for lang in LANGUAGES if not countries[iso3].get(lang)}
    assert missing == set()


def test_every_country_has_english_urdu_and_arabic_names():
    countries = read_lexicon("countries.yaml")["countries"]
    incomplete = [
        iso3 for iso3, block in countries.items() if not all(block.get(k) for k in ("en", "ur", "ar"))
    ]
    assert incomplete == []


def test_codes_and_english_names():
    lexicon = country_lexicon()
    assert lexicon.english_name("USA") == "United States"
    assert lexicon.english_name("PAK") == "Pakistan"
    assert lexicon.iso3_from_iso2("kg") == "KGZ"
    assert lexicon.iso2_from_iso3("KGZ") == "KG"
    assert lexicon.iso3_from_iso2("ZZ") is None
    assert lexicon.iso3_of_name("Kyrgyz Republic") == "KGZ"
    assert lexicon.iso3_of_name("Kyrgyz") is None
