"""Engagement triggers, status markers and titles of office, loaded once from ``data/lexicon/``.

Triggers and status markers are read per language: across Latin-script languages short
words collide (French "a téléphoné" would swallow English "a telephone conversation").
Sentences whose language is undetermined use every language's words. Titles of office are
shared: a title next to a name means the same in any language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from parley_extract.matching import PhraseIndex
from parley_extract.tokens import arabic_clitic_forms, phrase_key

EngagementType = Literal["meeting", "call", "visit", "forum"]
ENGAGEMENT_TYPES: tuple[EngagementType, ...] = ("meeting", "call", "visit", "forum")
LANGUAGES = ("en", "ur", "ar", "fr", "es", "tr", "ru", "hi")


@dataclass(frozen=True, slots=True)
class Trigger:
    type: EngagementType
    strong: bool  # False: a bare noun that needs a named counterpart or forum
    travel_toward: bool  # a visit trigger meaning "on the way there"
    language: str
    attributive: bool = False  # "visiting" before a name: that person is the one on a visit
    attributive_after: bool = False  # ", en visite au Maroc" after a name: that person is visiting


@dataclass(frozen=True, slots=True)
class Title:
    role: str
    language: str


MarkerKind = Literal["planned", "future", "cancelled", "negation", "plural", "subtype"]


@dataclass(frozen=True, slots=True)
class Marker:
    """A word that says something about the engagements around it: its tense, its subtype..."""

    kind: MarkerKind
    value: str  # the subtype, for subtype markers


@dataclass(frozen=True)
class Lexicon:
    triggers: PhraseIndex[Trigger]
    # status markers, subtypes, negations and "the two leaders": one index, one pass per sentence
    markers: PhraseIndex[Marker]
    titles: PhraseIndex[Title]
    pronouns: frozenset[str]
    planned_suffixes: frozenset[str]
    role_display: dict[str, str]


@cache  # every language's lexicon is built from the same two files
def read_lexicon(filename: str) -> dict[str, Any]:
    """One of the YAML files in ``data/lexicon/``, which all hold a mapping at the top level."""
    text = (resources.files("parley_extract") / "data" / "lexicon" / filename).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{filename}: expected a mapping at the top level")
    return data


def _words(entries: list[str]) -> frozenset[str]:
    return frozenset(key[0] for key in map(phrase_key, entries) if len(key) == 1)


@cache
def _titles() -> PhraseIndex[Title]:
    """Every language's titles in one index, shared by all lexicons."""
    titles = PhraseIndex[Title]()
    for language in LANGUAGES:
        for role, phrases in (read_lexicon("titles.yaml").get(language) or {}).items():
            for phrase in phrases:
                for form in (str(phrase), *arabic_clitic_forms(str(phrase))):
                    titles.add(form, Title(str(role), language))
    return titles


def lexicon(language: str | None = None) -> Lexicon:
    """The lexicon for sentences in ``language`` (all languages when None or not one of ours)."""
    return _lexicon(language if language in LANGUAGES else None)


@cache
def _lexicon(language: str | None) -> Lexicon:
    engagements = read_lexicon("engagements.yaml")
    wanted = (language,) if language is not None else LANGUAGES
    triggers = PhraseIndex[Trigger]()
    markers = PhraseIndex[Marker]()
    pronouns: set[str] = set()
    planned_suffixes: set[str] = set()
    for language in wanted:
        entry = engagements.get(language)
        if not isinstance(entry, dict):
            raise ValueError(f"lexicon engagements.yaml: language {language!r} missing")
        toward = {phrase_key(p) for p in entry.get("travel_toward", [])}
        attributive = {phrase_key(p) for p in entry.get("attributive_visit", [])}
        attributive_after = {phrase_key(p) for p in entry.get("attributive_visit_after", [])}
        for type_ in ENGAGEMENT_TYPES:
            spec = entry["triggers"].get(type_, {})
            for strength in ("strong", "noun"):
                for phrase in spec.get(strength) or []:
                    key = phrase_key(str(phrase))
                    trigger = Trigger(
                        type_,
                        strength == "strong",
                        key in toward,
                        language,
                        key in attributive,
                        key in attributive_after,
                    )
                    for form in (str(phrase), *arabic_clitic_forms(str(phrase))):
                        triggers.add(form, trigger)
        for phrase, subtype in (entry.get("subtypes") or {}).items():
            markers.add(str(phrase), Marker("subtype", str(subtype)))
        for phrase in entry["status"].get("planned", []):
            markers.add(str(phrase), Marker("planned", ""))
        for phrase in entry["status"].get("future_time", []):
            markers.add(str(phrase), Marker("future", ""))
        for phrase in entry["status"].get("cancelled", []):
            markers.add(str(phrase), Marker("cancelled", ""))
        for phrase in entry.get("negations") or []:
            markers.add(str(phrase), Marker("negation", ""))
        for phrase in entry.get("plural_refs") or []:
            markers.add(str(phrase), Marker("plural", ""))
        # Pronouns keep their accents: Spanish "él" is a pronoun, "el" an article.
        pronouns |= {str(p).casefold() for p in entry.get("pronouns") or []}
        planned_suffixes |= _words([str(p) for p in entry.get("planned_suffix") or []])
    return Lexicon(
        triggers=triggers,
        markers=markers,
        titles=_titles(),
        pronouns=frozenset(pronouns),
        planned_suffixes=frozenset(planned_suffixes),
        role_display={str(k): str(v) for k, v in read_lexicon("titles.yaml")["display"].items()},
    )
