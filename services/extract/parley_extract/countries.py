"""Country names and demonyms in eight languages, and the spelling helpers that places,
organisations and topics share. Matching itself is :class:`parley_extract.matching.PhraseIndex`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from parley_extract.lexicon import LANGUAGES, read_lexicon
from parley_extract.matching import PhraseIndex, name_spelling

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


# --------------------------------------------------------------------------- countries

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
        self._index: PhraseIndex[_Country] = PhraseIndex(names=True)
        self._english: dict[str, str] = {}
        self._iso3_by_iso2: dict[str, str] = {}
        self._iso2_by_iso3: dict[str, str] = {}
        owner: dict[tuple[tuple[str, ...], tuple[int, ...]], str] = {}
        name_keys: set[tuple[str, ...]] = set()
        self._demonyms: list[str] = []
        for iso3, block in data["countries"].items():
            self._english[iso3] = split_variants(block["en"].partition("|")[0])[0]
            self._iso3_by_iso2[block["iso2"]] = iso3
            self._iso2_by_iso3[iso3] = block["iso2"]
            for language in LANGUAGES:
                for form, phrase in _forms_by_kind(language, block.get(language, "")):
                    spelling = name_spelling(phrase)
                    if owner.setdefault(spelling, iso3) != iso3:
                        raise ValueError(
                            f"countries.yaml: {phrase!r} is given to {owner[spelling]} and {iso3}"
                        )
                    self._index.add(phrase, _Country(iso3, form))
                    if form == "name":
                        name_keys.add(spelling[0])
                    else:
                        self._demonyms.append(phrase)
        self._name_keys = frozenset(name_keys)
        for language, line in data.get("not_countries", {}).items():
            for _, phrase in _forms_by_kind(language, line):
                self._index.add(phrase, None)

    def find(self, text: str) -> list[CountryMention]:
        """Countries named or qualified in ``text``: longest match wins, no overlaps, sorted by start."""
        return [
            CountryMention(m.start, m.end, text[m.start : m.end], m.payload.iso3, m.payload.form)
            for m in self._index.find_names(text)
        ]

    @property
    def name_keys(self) -> frozenset[tuple[str, ...]]:
        """Every country name as a sequence of normalised words (:func:`tokens.name_words`)."""
        return self._name_keys

    @property
    def demonyms(self) -> list[str]:
        """Every demonym form in every language ("Kazakh", "pakistanais", "پاکستانی")."""
        return list(self._demonyms)

    def iso3_of_name(self, phrase: str) -> str | None:
        """The country ``phrase`` names as a whole ("Kyrgyz Republic" -> "KGZ"); demonyms give None."""
        country = next(iter(self._index.lookup(phrase)), None)
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
