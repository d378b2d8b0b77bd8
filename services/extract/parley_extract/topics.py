"""What diplomats discussed: keyword topics in eight languages, from ``data/lexicon/topics.yaml``."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from parley_extract.countries import split_variants
from parley_extract.lexicon import LANGUAGES, read_lexicon
from parley_extract.matching import PhraseIndex

TOPICS: tuple[str, ...] = (
    "trade",
    "tariffs",
    "investment",
    "economy",
    "energy",
    "oil_gas",
    "minerals",
    "agriculture",
    "technology",
    "counterterrorism",
    "security",
    "defence",
    "nuclear",
    "climate",
    "health",
    "education",
    "culture",
    "migration",
    "humanitarian",
    "gaza",
    "palestine",
    "afghanistan",
    "kashmir",
    "ukraine",
    "iran",
    "connectivity",
    "water",
    "regional_stability",
    "visas",
    "diaspora",
)


def _keyword_forms(language: str, keyword: str) -> list[str]:
    """Arabic nouns take the article in running text: "تجارة" is also "التجارة"."""
    if language == "ar" and not keyword.startswith("ال"):
        return [keyword, "ال" + keyword]
    return [keyword]


@cache
def _topics_by_keyword() -> dict[str, dict[str, frozenset[str]]]:
    """language -> keyword -> the topics it signals."""
    data = read_lexicon("topics.yaml")
    unknown = data.keys() - set(TOPICS)
    if unknown:
        raise ValueError(f"topics.yaml: topics not in TOPICS: {sorted(unknown)}")
    collected: dict[str, defaultdict[str, set[str]]] = {lang: defaultdict(set) for lang in LANGUAGES}
    for topic, by_language in data.items():
        for language, line in by_language.items():
            for keyword in split_variants(line):
                for form in _keyword_forms(language, keyword):
                    collected[language][form].add(topic)
    return {lang: {k: frozenset(v) for k, v in keywords.items()} for lang, keywords in collected.items()}


@cache
def topic_index(language: str | None) -> PhraseIndex[frozenset[str]]:
    """The keywords searched in ``language``'s text: its own and English ones, since quotes, tweets
    and acronyms (CPEC, FDI) appear in English inside articles in other languages; an unknown
    ``language`` searches all."""
    languages = tuple(dict.fromkeys(("en", language))) if language in LANGUAGES else LANGUAGES
    index: PhraseIndex[frozenset[str]] = PhraseIndex(names=True)
    by_keyword = _topics_by_keyword()
    for language in languages:
        for keyword, topics in by_keyword[language].items():
            index.add(keyword, topics)
    return index


def find_topics(text: str, language: str) -> list[str]:
    """Topic ids whose keywords (see :func:`topic_index`) occur in ``text``, sorted and without repeats."""
    return sorted({topic for match in topic_index(language).find_names(text) for topic in match.payload})
