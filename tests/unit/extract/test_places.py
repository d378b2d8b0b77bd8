import pytest
from parley_extract.places import gazetteer


def places(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.place.name, m.place.country) for m in gazetteer().find(text)]


@pytest.mark.parametrize(
    ("text", "name", "country", "lat", "lon"),
    [
        ("Dar arrived in Washington, D.C., on Friday", "Washington", "USA", 38.9, -77.0),
        ("a visit to Washington DC", "Washington", "USA", 38.9, -77.0),
        ("واشنگٹن میں ملاقات", "Washington", "USA", 38.9, -77.0),
        ("wrapping up a visit to Moscow", "Moscow", "RUS", 55.75, 37.62),
        ("переговоры в Москве", "Moscow", "RUS", 55.75, 37.62),
        ("Москва", "Moscow", "RUS", 55.75, 37.62),
        ("the Strategic Dialogue in Brussels", "Brussels", "BEL", 50.85, 4.35),
        ("Dar has reached Bishkek", "Bishkek", "KGZ", 42.87, 74.59),
        ("the ministers' meeting at Astana", "Astana", "KAZ", 51.18, 71.45),
        ("then still called Nur-Sultan", "Astana", "KAZ", 51.18, 71.45),
        ("the UN in New York", "New York City", "USA", 40.71, -74.01),
        ("NYC", "New York City", "USA", 40.71, -74.01),
        ("نیویارک میں", "New York City", "USA", 40.71, -74.01),
        ("ISLAMABAD: the Foreign Office said", "Islamabad", "PAK", 33.72, 73.04),
    ],
)
def test_finds_cities_with_coordinates(text, name, country, lat, lon):
    (mention,) = gazetteer().find(text)
    place = mention.place
    assert (place.name, place.country, place.kind) == (name, country, "city")
    assert place.lat == pytest.approx(lat, abs=0.1)
    assert place.lon == pytest.approx(lon, abs=0.1)


def test_mention_covers_the_whole_name():
    text = "He arrived in Washington, D.C., for talks."
    (mention,) = gazetteer().find(text)
    assert mention.text == text[mention.start : mention.end] == "Washington, D.C."


@pytest.mark.parametrize(
    "text",
    [
        "He will discuss trade.",
        "Of Course, Dar Will Discuss Trade And Investment With Rubio",
        "Reading the statement, Victoria said it was a nice gesture; Mobile phones were banned.",
        "Secretary Austin and George met Hassan.",
        "the Shanghai Cooperation Organisation summit",
        "according to the Washington Post",
        "سرمایہ کاری کے مواقع اور فلسطینی عوام کا نصب العین",
        "Pakistan and Kuwait signed a deal",
    ],
)
def test_no_places_in_tricky_sentences(text):
    assert places(text) == []


def test_ambiguous_names_go_to_the_most_populous_place():
    moscow = gazetteer().lookup("Moscow")
    assert moscow is not None and moscow.country == "RUS"


def test_venues_sit_in_their_city():
    (akorda,) = gazetteer().find("talks at the Akorda")
    assert (akorda.place.kind, akorda.place.country) == ("venue", "KAZ")
    astana = gazetteer().capital("KAZ")
    assert astana is not None
    assert akorda.place.lat == pytest.approx(astana.lat, abs=0.2)
    kremlin = gazetteer().lookup("Kremlin")
    assert kremlin is not None and kremlin.country == "RUS"
    assert [m.place.name for m in gazetteer().find("Trump hosted him at the White House")] == ["White House"]


def test_capitals_and_countries_as_places():
    g = gazetteer()
    assert g.capital("PAK").name == "Islamabad"
    assert g.capital("KAZ").name == "Astana"
    assert g.capital("PLW") is not None
    pakistan = g.country_place("PAK")
    assert pakistan is not None
    assert (pakistan.name, pakistan.kind) == ("Pakistan", "country")
    assert pakistan.lat == pytest.approx(33.7, abs=0.1)
    assert g.lookup("Pakistan") == pakistan
    assert g.lookup("Atlantis") is None


def test_a_demonym_is_no_city():
    # GeoNames lists "Kazakh" among the alternate names of Petropavl
    text = "Kazakh President Kassym-Jomart Tokayev received Ishaq Dar at Akorda."
    assert [p.text for p in gazetteer().find(text)] == ["Akorda"]


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("Jaishankar landed in the Saudi capital on Sunday", "Riyadh"),
        ("Sánchez llegó el jueves a la capital china", "Beijing"),
        ("وصل الوزير إلى العاصمة السعودية", "Riyadh"),
        ("وزیر خارجہ پاکستان کے دارالحکومت پہنچ گئے", "Islamabad"),
        ("विदेश मंत्री भारत की राजधानी पहुंचे", "New Delhi"),
        ("Лавров прибыл в турецкую столицу", "Ankara"),
    ],
)
def test_the_capital_of_a_country_named_beside_it(text, capital):
    assert [p.place.name for p in gazetteer().find(text)] == [capital]


def test_the_word_capital_alone_or_inside_another_word_is_no_place():
    assert gazetteer().find("He returned to the capital to discuss capitalism in China") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("प्रधानमंत्री मोदी कज़ान पहुंचे", "Kazan"),
        ("وصل الرئيس إلى جدة", "Jeddah"),
        ("وصل الوزير إلى دبي", "Dubai"),
        ("وزیراعظم دوشنبے پہنچ گئے", "Dushanbe"),
        ("саммит в Шарм-эш-Шейхе", "Sharm el-Sheikh"),
        ("встреча в Анкоридже", "Anchorage"),
    ],
)
def test_summit_cities_in_every_script(text, name):
    assert [m.place.name for m in gazetteer().find(text)] == [name]
