"""Country names and demonyms in eight languages, and the name index every gazetteer-like lexicon uses.

``NameIndex`` is a token-sequence index (one dictionary lookup per token, not one regex per name)
that knows two things generic phrase matching does not: letter case (``US`` is not ``us``, ``Turkey``
is not ``turkey``) and the clitics Arabic glues to the front of a word (``والصين``, ``بواشنطن``,
``للهند``). Places, organisations and topics reuse it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Generic, Literal, TypeVar

import yaml

P = TypeVar("P")

# Python's \w leaves out combining marks, which would cut Devanagari words at every vowel sign.
_MARKS = (
    "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"  # Latin accents, Arabic harakat
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"  # Devanagari vowel signs, nukta, virama
)
_WORD = re.compile(rf"[^\W_][\w{_MARKS}]*")
# What may separate the words of one name: "Guinea-Bissau", "Washington, D.C.", "Côte d'Ivoire".
_JOINER = re.compile(r"[ \t\u00a0\u200c\u200d\-‐‑–.,'’]{1,3}")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
# Accents, harakat, hamza seats, tatweel, nukta and virama: spellings differ on them, meaning does not.
_IGNORED_MARKS = re.compile("[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u093c\u094d]")
# Arabic-script letters that Urdu, Persian and Arabic typists write differently.
_LETTER_VARIANTS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ہ", "ه": "ہ", "ۀ": "ہ", "ٱ": "ا", "ı": "i"}
)
_MIN_STEM = 3
_CANDIDATE_CACHE_SIZE = 200_000


@lru_cache(maxsize=1 << 17)
def fold(word: str) -> str:
    """The form two spellings of a word share: case, accents and script variants ignored."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return _IGNORED_MARKS.sub("", decomposed).translate(_LETTER_VARIANTS)


class _Case(IntEnum):
    ANY = 0  # lowercase in the lexicon: "russe", "российский"
    CAPITALISED = 1  # "Turkey" must not match "turkey"
    EXACT = 2  # acronyms: "US" must not match "us"


def _case_of(word: str) -> _Case:
    if len(word) >= 2 and word.isupper():
        return _Case.EXACT
    return _Case.CAPITALISED if word[:1].isupper() else _Case.ANY


def _case_fits(case: _Case, lexicon_word: str, text_word: str) -> bool:
    if case is _Case.EXACT:
        return text_word == lexicon_word
    return case is _Case.ANY or text_word[:1].isupper()


def words_of(phrase: str) -> list[str]:
    """The words of ``phrase`` as :class:`NameIndex` splits text."""
    return _WORD.findall(phrase)


def _without_clitics(norm: str) -> list[str]:
    """Readings of an Arabic-script word with a leading و/ف, ب/ل/ک, or لل (= ل + ال) taken off."""
    bare = [norm[1:]] if norm[0] in "وف" and len(norm) > 3 else []
    readings = list(bare)
    for word in (norm, *bare):
        if word.startswith("لل") and len(word) > 4:
            readings.append("ال" + word[2:])
        if word[0] in "بلک" and len(word) > 3:
            readings.append(word[1:])
    return readings


@dataclass(frozen=True, slots=True)
class _Entry(Generic[P]):
    key: tuple[str, ...]  # normalised words; a trailing "*" makes a word a prefix
    words: tuple[str, ...]  # the words as the lexicon writes them, for exact-case checks
    cases: tuple[_Case, ...]
    tail: str  # punctuation that ends the name, taken into the mention when present
    payload: P | None  # None: a phrase that only blocks shorter matches inside it

    @property
    def rank(self) -> tuple[int, int]:
        return len(self.key), sum(self.cases)


@dataclass(frozen=True, slots=True)
class NameMatch(Generic[P]):
    start: int
    end: int
    payload: P


@lru_cache(maxsize=512)
def _words_in(text: str) -> tuple[list[tuple[int, int]], list[str], list[str]]:
    """Word spans, words and folded words of a text. Cached: the country, place, organisation and
    topic lexicons all search the same sentence in turn."""
    spans = [m.span() for m in _WORD.finditer(text)]
    words = [text[a:b] for a, b in spans]
    return spans, words, [fold(w) for w in words]


class NameIndex(Generic[P]):
    """Finds the longest, leftmost, non-overlapping names in a text.

    A word in a lexicon phrase written with a trailing ``*`` matches any word it begins
    (``tariff*``). Adding a phrase with payload ``None`` makes it a blocker: it wins over the
    shorter names inside it and yields nothing ("Latin America" hides "America").
    """

    def __init__(self) -> None:
        self._by_first: dict[str, list[_Entry[P]]] = {}
        self._by_first_stem: dict[str, list[_Entry[P]]] = {}
        self._spellings: set[tuple[tuple[str, ...], tuple[_Case, ...]]] = set()
        self._sorted = True
        # Candidates per folded word: most words of a text start no name, and Arabic-script
        # words would otherwise cost several clitic-stripped lookups each time.
        self._candidates_of: dict[str, tuple[_Entry[P], ...]] = {}

    def add(self, phrase: str, payload: P | None) -> None:
        words: list[str] = []
        prefixes: set[int] = set()
        for chunk in phrase.split():
            words.extend(words_of(chunk))
            if chunk.endswith("*") and words:
                prefixes.add(len(words) - 1)
        if not words:
            return
        key = tuple([fold(w) + "*" if i in prefixes else fold(w) for i, w in enumerate(words)])
        cases = tuple([_case_of(w) for w in words])
        if (key, cases) in self._spellings:
            return  # the first payload given a spelling keeps it
        self._spellings.add((key, cases))
        # A final "." belongs to "U.S." and "D.C.": mentions should cover it when the text has it.
        tail = "." if phrase.endswith(".") else ""
        index = self._by_first_stem if key[0].endswith("*") else self._by_first
        index.setdefault(key[0].rstrip("*"), []).append(_Entry(key, tuple(words), cases, tail, payload))
        self._sorted = False

    def lookup(self, phrase: str) -> P | None:
        """The payload of the entry spelled exactly like ``phrase`` (case aside), if any."""
        key = tuple(fold(w) for w in words_of(phrase))
        if not key:
            return None
        self._sort()
        return next((e.payload for e in self._by_first.get(key[0], []) if e.key == key), None)

    def _sort(self) -> None:
        """Longest and strictest entries first; stable, so among equals the first added leads."""
        if not self._sorted:
            for bucket in (*self._by_first.values(), *self._by_first_stem.values()):
                bucket.sort(key=lambda e: (-len(e.key), -sum(e.cases)))
            self._candidates_of.clear()
            self._sorted = True

    def find(self, text: str) -> list[NameMatch[P]]:
        self._sort()
        spans, words, norms = _words_in(text)
        found: list[NameMatch[P]] = []
        i = 0
        while i < len(words):
            best: _Entry[P] | None = None
            for entry in self._candidates(norms[i]):
                if (best is None or entry.rank > best.rank) and self._fits(
                    entry, i, text, spans, words, norms
                ):
                    best = entry
            if best is None:
                i += 1
                continue
            last = i + len(best.key) - 1
            if best.payload is not None:
                end = spans[last][1]
                if best.tail and text.startswith(best.tail, end):
                    end += len(best.tail)
                found.append(NameMatch(spans[i][0], end, best.payload))
            i = last + 1
        return found

    def _candidates(self, norm: str) -> tuple[_Entry[P], ...]:
        cached = self._candidates_of.get(norm)
        if cached is None:
            if len(self._candidates_of) > _CANDIDATE_CACHE_SIZE:
                self._candidates_of.clear()
            cached = self._candidates_of[norm] = tuple(self._lookup_candidates(norm))
        return cached

    def _lookup_candidates(self, norm: str) -> Iterator[_Entry[P]]:
        readings = [norm, *_without_clitics(norm)] if _ARABIC_SCRIPT.match(norm) else [norm]
        for reading in readings:
            yield from self._by_first.get(reading, ())
            if self._by_first_stem:
                for size in range(_MIN_STEM, len(reading) + 1):
                    yield from self._by_first_stem.get(reading[:size], ())

    @staticmethod
    def _fits(
        entry: _Entry[P], i: int, text: str, spans: list[tuple[int, int]], words: list[str], norms: list[str]
    ) -> bool:
        size = len(entry.key)
        if i + size > len(words):
            return False
        # Cheapest and most selective test first: the words themselves.
        for j in range(1, size):
            pattern, norm = entry.key[j], norms[i + j]
            if not (norm.startswith(pattern[:-1]) if pattern.endswith("*") else norm == pattern):
                return False
        return all(
            _case_fits(entry.cases[j], entry.words[j], words[i + j])
            and (j == 0 or _JOINER.fullmatch(text, spans[i + j - 1][1], spans[i + j][0]) is not None)
            for j in range(size)
        )


# --------------------------------------------------------------------------- inflection

_RUSSIAN_ADJECTIVE_ENDINGS = (
    *("ий", "ый", "ой", "ого", "ому", "им", "ым", "ом", "ая", "ую", "ое"),
    *("ие", "ые", "их", "ых", "ими", "ыми", "ей"),
)
_RUSSIAN_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")


def _russian_noun(name: str) -> list[str]:
    """Case forms of a one-word Russian name: Россия -> России, Россию... (overgenerates harmlessly)."""
    if not re.fullmatch(r"[А-ЯЁ][а-яё]+", name):
        return [name]
    if name.endswith("ия"):
        return [name[:-1] + e for e in ("я", "и", "ю", "ей")]
    endings = {
        "я": ("я", "и", "ю", "ей", "е"),
        "а": ("а", "ы", "и", "е", "у", "ой"),
        "й": ("й", "я", "ю", "ем", "е"),
        "ь": ("ь", "и", "я", "ю", "ем", "е", "ью"),
    }.get(name[-1])
    if endings:
        return [name[:-1] + e for e in endings]
    if name[-1] in _RUSSIAN_CONSONANTS:
        return [name + e for e in ("", "а", "у", "ом", "е")]
    return [name]


def _russian_adjective(word: str) -> list[str]:
    if word[-2:] not in ("ий", "ый", "ой"):
        return [word]
    return [word[:-2] + e for e in _RUSSIAN_ADJECTIVE_ENDINGS]


def _english_demonym(word: str) -> list[str]:
    return [word] if word.endswith(("s", "sh", "ch", "ese", "x", "z")) else [word, word + "s"]


def _french_adjective(word: str) -> list[str]:
    if word.endswith("e"):
        return [word, word + "s"]
    if word.endswith(("s", "x")):
        return [word, word + "e", word + "es"]
    doubled = [word + "ne", word + "nes"] if word.endswith("en") else []
    return [word, word + "s", word + "e", word + "es", *doubled]


def _spanish_adjective(word: str) -> list[str]:
    # Accents need no care: matching ignores them, so "francés" + "a" finds "francesa".
    if word.endswith("o"):
        return [word[:-1] + e for e in ("o", "a", "os", "as")]
    if word.endswith("e"):
        return [word, word + "s"]
    if word.endswith(("í", "ú")):
        return [word, word + "es", word + "s"]
    return [word, word + "a", word + "as", word + "es"]


def _arabic_adjective(word: str) -> list[str]:
    """أمريكي -> أمريكية، أمريكيين، الأمريكي، الأمريكيون..."""
    if " " in word or not word.endswith("ي"):
        return [word]
    bases = [word + e for e in ("", "ة", "ين", "ون", "ان", "تين", "تان")]
    return bases + ["ال" + b for b in bases if not b.startswith("ال")]


def _urdu_adjective(word: str) -> list[str]:
    return [word, word + "وں"] if word.endswith("ی") and " " not in word else [word]


def _turkish_demonym(word: str) -> list[str]:
    return [word, word + "lar", word + "ler"]


_NAME_FORMS = {"ru": _russian_noun}
_DEMONYM_FORMS = {
    "en": _english_demonym,
    "fr": _french_adjective,
    "es": _spanish_adjective,
    "ar": _arabic_adjective,
    "ur": _urdu_adjective,
    "tr": _turkish_demonym,
    "ru": _russian_adjective,
}


def name_forms(language: str, name: str) -> list[str]:
    """``name`` and the inflected forms the lexicons should also recognise (Russian cases)."""
    inflect = _NAME_FORMS.get(language)
    return inflect(name) if inflect else [name]


def demonym_forms(language: str, demonym: str) -> list[str]:
    """A demonym's dictionary form and its plural, feminine, definite or case forms."""
    inflect = _DEMONYM_FORMS.get(language)
    return inflect(demonym) if inflect else [demonym]


def split_variants(line: str) -> list[str]:
    """``"a; b; c"`` -> ``["a", "b", "c"]``: the lexicon files' way of listing spellings."""
    return [v.strip() for v in line.split(";") if v.strip()]


def read_lexicon(filename: str) -> dict[str, Any]:
    text = (resources.files("parley_extract") / "data" / "lexicon" / filename).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{filename}: expected a mapping at the top level")
    return data


# --------------------------------------------------------------------------- countries

LANGUAGES = ("en", "ur", "ar", "fr", "es", "hi", "tr", "ru")
CountryForm = Literal["name", "demonym"]


@dataclass(frozen=True, slots=True)
class CountryMention:
    start: int
    end: int
    text: str  # offsets into the string searched
    iso3: str  # ISO 3166-1 alpha-3
    form: CountryForm  # "Pakistan"/"پاکستان" vs "Pakistani"/"پاکستانی"/"Russian"/"امریکی"


@dataclass(frozen=True, slots=True)
class _Country:
    iso3: str
    form: CountryForm


def _forms_by_kind(language: str, line: str) -> Iterator[tuple[CountryForm, str]]:
    names, _, demonyms = line.partition("|")
    for name in split_variants(names):
        yield from (("name", form) for form in name_forms(language, name))
    for demonym in split_variants(demonyms):
        yield from (("demonym", form) for form in demonym_forms(language, demonym))


class CountryLexicon:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self._index: NameIndex[_Country] = NameIndex()
        self._english: dict[str, str] = {}
        self._iso3_by_iso2: dict[str, str] = {}
        self._iso2_by_iso3: dict[str, str] = {}
        owner: dict[tuple[tuple[str, ...], tuple[_Case, ...]], str] = {}
        name_keys: set[tuple[str, ...]] = set()
        for iso3, block in data["countries"].items():
            self._english[iso3] = split_variants(block["en"].partition("|")[0])[0]
            self._iso3_by_iso2[block["iso2"]] = iso3
            self._iso2_by_iso3[iso3] = block["iso2"]
            for language in LANGUAGES:
                for form, phrase in _forms_by_kind(language, block.get(language, "")):
                    words = words_of(phrase)
                    spelling = (tuple(fold(w) for w in words), tuple(_case_of(w) for w in words))
                    if owner.setdefault(spelling, iso3) != iso3:
                        raise ValueError(
                            f"countries.yaml: {phrase!r} is given to {owner[spelling]} and {iso3}"
                        )
                    self._index.add(phrase, _Country(iso3, form))
                    if form == "name":
                        name_keys.add(spelling[0])
        self._name_keys = frozenset(name_keys)
        for language, line in data.get("not_countries", {}).items():
            for _, phrase in _forms_by_kind(language, line):
                self._index.add(phrase, None)

    def find(self, text: str) -> list[CountryMention]:
        """Countries named or qualified in ``text``: longest match wins, no overlaps, sorted by start."""
        return [
            CountryMention(m.start, m.end, text[m.start : m.end], m.payload.iso3, m.payload.form)
            for m in self._index.find(text)
        ]

    @property
    def name_keys(self) -> frozenset[tuple[str, ...]]:
        """Every country name as a sequence of folded words."""
        return self._name_keys

    def iso3_of_name(self, phrase: str) -> str | None:
        """The country ``phrase`` names as a whole ("Kyrgyz Republic" -> "KGZ"); demonyms give None."""
        country = self._index.lookup(phrase)
        return country.iso3 if country and country.form == "name" else None

    def english_name(self, iso3: str) -> str:
        """The canonical English name ("United States"); the code itself for an unknown country."""
        return self._english.get(iso3, iso3)

    def iso3_from_iso2(self, iso2: str) -> str | None:
        return self._iso3_by_iso2.get(iso2.upper())

    def iso2_from_iso3(self, iso3: str) -> str | None:
        return self._iso2_by_iso3.get(iso3.upper())

    @property
    def iso3_codes(self) -> frozenset[str]:
        return frozenset(self._english)


@cache
def country_lexicon() -> CountryLexicon:
    return CountryLexicon(read_lexicon("countries.yaml"))
