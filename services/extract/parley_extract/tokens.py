"""Tokens with offsets, and the normal form every lexicon matches against.

Lexicons (actor aliases, titles, triggers) are stored as token sequences in normal
form; text is tokenised once per sentence and looked up phrase by phrase, which
keeps matching linear in the text instead of trying thousands of regexes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

P = TypeVar("P")


def _combining_marks() -> str:
    """Vowel signs and diacritics (Devanagari matras, Arabic harakat): part of a word, yet not ``\\w``."""
    marks = (chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) in ("Mn", "Mc"))
    return "".join(re.escape(m) for m in marks)


_LETTER = rf"[\w{_combining_marks()}]"
# An apostrophe joins "O'Brien" and "N'Djamena" but not the possessive "Dar's".
_TOKEN = re.compile(rf"(?<!['’]){_LETTER}+(?:['’](?![sS]\b){_LETTER}+)?|[@#]\w+", re.UNICODE)

# Arabic-script letters that vary between Urdu, Persian and Arabic typing habits.
_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ہ",
        "ه": "ہ",
        "ۀ": "ہ",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ی",
        "\u200c": "",  # zero-width non-joiner
        "\u200d": "",
        "’": "'",
        "ё": "е",
    }
)


@lru_cache(maxsize=65536)
def normalise(token: str) -> str:
    """Case-, accent- and spelling-variant-insensitive form of one token."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).translate(_FOLD)


class Token(NamedTuple):
    """A word with its normal form and offsets (a tuple: articles have thousands of them)."""

    text: str
    norm: str
    start: int
    end: int

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        start = match.start() + offset
        tokens.append(Token(word, normalise(word), start, start + len(word)))
    return tokens


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(normalise(m.group()) for m in _TOKEN.finditer(phrase))


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[P]):
    first: int  # index of the first token
    last: int  # index one past the last token
    payload: P


def _token_matches(pattern: str, token: str) -> bool:
    return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern


def _pattern_key(phrase: str) -> tuple[str, ...]:
    """Like :func:`phrase_key`, but keeps a trailing ``*`` (prefix match) on any word."""
    return tuple(
        normalise(word[:-1]) + "*" if word.endswith("*") and len(word) > 1 else key
        for word in phrase.split()
        for key in phrase_key(word)
    )


class PhraseIndex(Generic[P]):
    """Maps token sequences to payloads; finds the longest non-overlapping matches.

    A word written with a trailing ``*`` matches any token it begins (``встрет*``), which
    covers inflected languages without listing every form.
    """

    def __init__(self) -> None:
        # first word -> [(key, payload, has_prefix_word)], longest key first
        self._by_first: dict[str, list[tuple[tuple[str, ...], P, bool]]] = {}
        # keys whose first word is a prefix pattern, bucketed by its first letter
        self._prefixed: dict[str, list[tuple[tuple[str, ...], P, bool]]] = {}

    def add(self, phrase: str | Sequence[str], payload: P) -> None:
        key = _pattern_key(phrase) if isinstance(phrase, str) else tuple(phrase)
        if not key:
            return
        if key[0].endswith("*"):
            bucket = self._prefixed.setdefault(key[0][:1], [])
        else:
            bucket = self._by_first.setdefault(key[0], [])
        if any(existing == key and p == payload for existing, p, _ in bucket):
            return
        bucket.append((key, payload, any(word.endswith("*") for word in key)))
        bucket.sort(key=lambda item: -len(item[0]))

    def __contains__(self, phrase: str) -> bool:
        return bool(self.lookup(phrase))

    def lookup(self, phrase: str) -> list[P]:
        key = phrase_key(phrase)
        return [p for k, p, _ in self._by_first.get(key[0], []) if k == key] if key else []

    def match_at(self, tokens: Sequence[Token], i: int) -> list[PhraseMatch[P]]:
        """All payloads of the longest phrase starting at token ``i``."""
        return self._match(tuple(t.norm for t in tokens), i)

    def _match(self, norms: tuple[str, ...], i: int) -> list[PhraseMatch[P]]:
        norm = norms[i]
        exact = self._by_first.get(norm)
        prefixed = self._prefixed.get(norm[:1]) if self._prefixed else None
        if not exact and not prefixed:
            return []
        best: list[PhraseMatch[P]] = []
        best_len = 0
        for bucket in (exact, prefixed):
            for key, payload, has_prefix in bucket or ():
                n = len(key)
                if n < best_len or i + n > len(norms):
                    continue
                if has_prefix:
                    fits = all(_token_matches(k, t) for k, t in zip(key, norms[i : i + n], strict=True))
                else:
                    fits = n == 1 or norms[i : i + n] == key
                if fits:
                    if n > best_len:
                        best, best_len = [], n
                    best.append(PhraseMatch(i, i + n, payload))
        return best

    def find(self, tokens: Sequence[Token]) -> Iterator[PhraseMatch[P]]:
        """Longest-first, left-to-right, non-overlapping matches."""
        norms = tuple(t.norm for t in tokens)
        i = 0
        while i < len(norms):
            matches = self._match(norms, i)
            if matches:
                yield from matches
                i = matches[0].last
            else:
                i += 1


_ARABIC_CLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب")


def arabic_clitic_forms(phrase: str) -> list[str]:
    """Arabic writes "and", "with", "to" onto the next word (والتقى, بنظيره, لوزير): the forms a
    phrase takes with them. Urdu and Persian keep such words apart, so only Arabic needs this."""
    if not phrase or not "\u0600" <= phrase[0] <= "\u06ff":
        return []
    return [clitic + phrase for clitic in _ARABIC_CLITICS]


def span_text(text: str, tokens: Sequence[Token], first: int, last: int) -> str:
    return text[tokens[first].start : tokens[last - 1].end]


def any_in(tokens: Iterable[Token], words: frozenset[str]) -> bool:
    return any(t.norm in words for t in tokens)
