"""The one phrase-matching engine behind every lexicon: actor names, triggers, titles, markers,
countries, places, organisations and topics.

Phrases are stored as sequences of normalised words and looked up one dictionary probe per token
(not one regex per phrase), longest match first, left to right, without overlaps. A word written
with a trailing ``*`` matches any word it begins (``встрет*``, ``tariff*``), which covers inflected
languages without listing every form.

An index of *names* (``PhraseIndex(names=True)``: countries, places, organisations, topics) searches
raw text and knows three things generic phrase matching does not: letter case (``US`` is not
``us``, ``Turkey`` is not ``turkey``), the clitics Arabic glues to the front of a word (``والصين``,
``بواشنطن``, ``للهند``), and what may separate the words of one name ("Guinea-Bissau", "Côte
d'Ivoire", but not "Georgia. New"). A name added with payload ``None`` is a blocker: it wins over
the shorter names inside it and yields nothing ("Latin America" hides "America").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from parley_extract.tokens import PhraseMatch, Token, name_word_matches, name_words, normalise, words

P = TypeVar("P")

# What may separate the words of one name: "Guinea-Bissau", "Washington, D.C.", "Côte d'Ivoire".
_JOINER = re.compile(r"[ \t\u00a0\u200c\u200d\-‐‑–.,'’]{1,3}")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_CANDIDATE_CACHE_SIZE = 200_000


class _Case(IntEnum):
    ANY = 0  # lowercase in the lexicon: "russe", "российский"; and every word of a plain phrase
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


def name_spelling(phrase: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """What tells two names apart in a names index: their normalised words and case rules."""
    found = name_words(phrase)
    return tuple([normalise(w) for w in found]), tuple([_case_of(w) for w in found])


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


class _Surface(NamedTuple):
    """A text as written, split into words: what case rules and name separators are checked against."""

    text: str
    words: list[str]
    spans: list[tuple[int, int]]


@lru_cache(maxsize=16)
def _words_in(text: str) -> tuple[tuple[str, ...], _Surface]:
    """Normalised words and surface of a text. Cached, a little: the country, place, organisation and
    topic lexicons search the same sentence in turn (a larger cache would only flatter benchmarks that
    replay articles)."""
    spans: list[tuple[int, int]] = []
    written: list[str] = []
    for match in name_word_matches(text):
        spans.append(match.span())
        written.append(match.group())
    return tuple([normalise(w) for w in written]), _Surface(text, written, spans)


@dataclass(slots=True)  # not frozen: lexicons add hundreds of thousands, and frozen ones build slowly
class _Entry(Generic[P]):
    key: tuple[str, ...]  # normalised words; a trailing "*" makes a word a prefix
    words: tuple[str, ...]  # the words as the lexicon writes them, for exact-case checks
    cases: tuple[_Case, ...]
    tail: str  # punctuation that ends a name, taken into the mention when present
    payload: P | None  # None: a name that only blocks shorter matches inside it
    strictness: int  # how many case rules the entry imposes: the stricter of two spellings wins
    rest: tuple[str, ...]  # the key after its first word
    has_stem: bool  # whether a word after the first is a prefix


class _Candidates(NamedTuple, Generic[P]):
    """The entries a word may start, filed by the plain word that must follow it: a common first
    word ("the", "el", "محمد") starts hundreds of names, of which the next word leaves a handful."""

    by_next: dict[str, tuple[_Entry[P], ...]]
    rest: tuple[_Entry[P], ...]  # one-word entries, and those whose second word is a prefix

    @staticmethod
    def of(entries: Iterable[_Entry[Any]]) -> _Candidates[Any]:
        by_next: dict[str, list[_Entry[Any]]] = {}
        rest: list[_Entry[Any]] = []
        for entry in entries:
            second = entry.key[1] if len(entry.key) > 1 else "*"
            if second.endswith("*"):
                rest.append(entry)
            else:
                by_next.setdefault(second, []).append(entry)
        if not by_next and not rest:
            return _NO_CANDIDATES
        return _Candidates({k: tuple(v) for k, v in by_next.items()}, tuple(rest))


_NO_CANDIDATES: _Candidates[Any] = _Candidates({}, ())


@dataclass(frozen=True, slots=True)
class NameMatch(Generic[P]):
    start: int  # character offsets into the text searched
    end: int
    payload: P


class PhraseIndex(Generic[P]):
    """Maps phrases to payloads and finds the longest, leftmost, non-overlapping ones.

    A plain index keeps every payload a phrase is given and matches pre-tokenised text
    (:meth:`find`, :meth:`match_at`). A ``names`` index keeps the first payload given a spelling
    and searches raw text (:meth:`find_names`).
    """

    def __init__(self, *, names: bool = False) -> None:
        self._names = names
        self._by_first: dict[str, list[_Entry[P]]] = {}
        self._by_stem: dict[str, list[_Entry[P]]] = {}  # entries whose first word is a prefix
        self._spellings: set[tuple[Any, ...]] = set()
        self._sorted = True
        self._longest_key = 0  # words in the longest phrase
        # Candidates per normalised word: most words start no phrase, and Arabic-script words
        # would otherwise cost several clitic-stripped lookups each time.
        self._candidates_of: dict[str, _Candidates[P]] = {}

    def add(self, phrase: str, payload: P | None) -> None:
        norms, words_as_written, stems = self._words_of(phrase)
        if not norms:
            return
        key = tuple([n + "*" if i in stems else n for i, n in enumerate(norms)])
        cases = tuple([_case_of(w) if self._names else _Case.ANY for w in words_as_written])
        # A name means one thing (the first payload given a spelling keeps it); a phrase may mean several.
        spelling = (key, cases) if self._names else (key, cases, payload)
        if spelling in self._spellings:
            return
        self._spellings.add(spelling)
        # A final "." belongs to "U.S." and "D.C.": mentions should cover it when the text has it.
        tail = "." if self._names and phrase.endswith(".") else ""
        rest = key[1:]
        has_stem = any(k.endswith("*") for k in rest)
        entry = _Entry(key, words_as_written, cases, tail, payload, sum(cases), rest, has_stem)
        index = self._by_stem if key[0].endswith("*") else self._by_first
        index.setdefault(key[0].rstrip("*"), []).append(entry)
        self._longest_key = max(self._longest_key, len(key))
        self._sorted = False

    def _words_of(self, phrase: str) -> tuple[list[str], tuple[str, ...], set[int]]:
        """The normalised and written words of a lexicon phrase, and which of them are prefixes
        (written with a final ``*``)."""
        chunks = phrase.split() if "*" in phrase else [phrase]
        written: list[str] = []
        stems: set[int] = set()
        for chunk in chunks:
            found = self._split(chunk)
            written.extend(found)
            if chunk.endswith("*") and found:
                stems.add(len(written) - 1)
        return [normalise(w) for w in written], tuple(written), stems

    def _split(self, phrase: str) -> list[str]:
        return name_words(phrase) if self._names else words(phrase)

    def lookup(self, phrase: str) -> list[P | None]:
        """The payloads of the entries spelled exactly like ``phrase`` (case aside), strictest
        spelling first; None stands for a blocker."""
        key = tuple([normalise(w) for w in self._split(phrase)])
        if not key:
            return []
        self._sort()
        return [e.payload for e in self._by_first.get(key[0], []) if e.key == key]

    def match_at(self, tokens: Sequence[Token], i: int) -> list[PhraseMatch[P]]:
        """All payloads of the longest phrase starting at token ``i``."""
        self._sort()
        norms = tuple([t.norm for t in tokens[i : i + self._longest_key]])
        if not norms:
            return []
        candidates = self._candidates(norms[0])
        if candidates is _NO_CANDIDATES:
            return []
        longest = self._longest(candidates, norms, 0, None)
        return [PhraseMatch(i, i + len(e.key), e.payload) for e in longest if e.payload is not None]

    def find(self, tokens: Sequence[Token]) -> Iterator[PhraseMatch[P]]:
        """Longest-first, left-to-right, non-overlapping matches, every payload of each."""
        for i, longest in self._scan(tuple([t.norm for t in tokens]), None):
            last = i + len(longest[0].key)
            yield from (PhraseMatch(i, last, e.payload) for e in longest if e.payload is not None)

    def find_names(self, text: str) -> list[NameMatch[P]]:
        """The names in ``text``, one payload each: the strictest spelling of the longest name wins."""
        norms, surface = _words_in(text)
        spans = surface.spans
        found: list[NameMatch[P]] = []
        for i, longest in self._scan(norms, surface):
            best = max(longest, key=lambda e: e.strictness)  # the first of equals: it was added first
            if best.payload is not None:
                end = spans[i + len(best.key) - 1][1]
                if best.tail and text.startswith(best.tail, end):
                    end += len(best.tail)
                found.append(NameMatch(spans[i][0], end, best.payload))
        return found

    def _scan(
        self, norms: tuple[str, ...], surface: _Surface | None
    ) -> Iterator[tuple[int, list[_Entry[P]]]]:
        """Where each longest, leftmost, non-overlapping phrase starts, and its entries."""
        self._sort()
        cached = self._candidates_of
        i = 0
        while i < len(norms):
            candidates = cached.get(norms[i])
            if candidates is None:
                candidates = self._candidates(norms[i])
            longest = None if candidates is _NO_CANDIDATES else self._longest(candidates, norms, i, surface)
            if longest:
                yield i, longest
                i += len(longest[0].key)
            else:
                i += 1

    @staticmethod
    def _longest(
        candidates: _Candidates[P], norms: tuple[str, ...], i: int, surface: _Surface | None
    ) -> list[_Entry[P]]:
        """The candidates that make the longest phrase at word ``i`` (whose first word they match).

        Against a ``surface``, the entries' case rules and the separators between their words count too.
        """
        after = candidates.by_next.get(norms[i + 1], ()) if i + 1 < len(norms) else ()
        longest: list[_Entry[P]] = []
        size = 0
        for entry in (*after, *candidates.rest) if after else candidates.rest:
            key = entry.key
            n = len(key)
            if n < size or i + n > len(norms):
                continue
            # cheapest and most selective test first: the words themselves
            # (the first word may differ from the text's by a clitic: compare the rest)
            if n > 1 and not (
                _stems_fit(key, norms, i) if entry.has_stem else norms[i + 1 : i + n] == entry.rest
            ):
                continue
            if surface is not None and not _surface_fits(entry, surface, i):
                continue
            if n > size:
                longest, size = [], n
            longest.append(entry)
        return longest

    def _sort(self) -> None:
        """Longest and strictest entries first; stable, so among equals the first added leads."""
        if not self._sorted:
            for bucket in (*self._by_first.values(), *self._by_stem.values()):
                bucket.sort(key=lambda e: (-len(e.key), -e.strictness))
            self._candidates_of.clear()
            self._sorted = True

    def _candidates(self, norm: str) -> _Candidates[P]:
        cached = self._candidates_of.get(norm)
        if cached is None:
            if len(self._candidates_of) > _CANDIDATE_CACHE_SIZE:
                self._candidates_of.clear()
            cached = self._candidates_of[norm] = _Candidates.of(self._lookup_candidates(norm))
        return cached

    def _lookup_candidates(self, norm: str) -> Iterator[_Entry[P]]:
        arabic = self._names and _ARABIC_SCRIPT.match(norm) is not None
        for reading in [norm, *_without_clitics(norm)] if arabic else [norm]:
            yield from self._by_first.get(reading, ())
            if self._by_stem:
                for size in range(1, len(reading) + 1):
                    yield from self._by_stem.get(reading[:size], ())


def _stems_fit(key: tuple[str, ...], norms: Sequence[str], i: int) -> bool:
    """Whether the words from ``i`` fit ``key``, some of whose words are prefixes, after its first."""
    for j in range(1, len(key)):
        pattern, norm = key[j], norms[i + j]
        if not (norm.startswith(pattern[:-1]) if pattern.endswith("*") else norm == pattern):
            return False
    return True


def _surface_fits(entry: _Entry[Any], surface: _Surface, i: int) -> bool:
    """Whether the words from ``i`` are written as ``entry`` requires and joined as one name is."""
    text, words, spans = surface
    return all(
        _case_fits(entry.cases[j], entry.words[j], words[i + j])
        and (j == 0 or _JOINER.fullmatch(text, spans[i + j - 1][1], spans[i + j][0]) is not None)
        for j in range(len(entry.key))
    )
