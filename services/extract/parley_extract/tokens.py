"""Tokens with offsets, and the normal form every lexicon matches against.

Lexicons (actor aliases, titles, triggers) are stored as token sequences in normal
form; text is tokenised once per sentence and looked up phrase by phrase, which
keeps matching linear in the text instead of trying thousands of regexes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

P = TypeVar("P")


def _combining_marks() -> str:
    """Vowel signs and diacritics (Devanagari matras, Arabic harakat): part of a word, yet not ``\\w``."""
    marks = (chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) in ("Mn", "Mc"))
    return "".join(re.escape(m) for m in marks)


_LETTER = rf"[\w{_combining_marks()}]"
# A word, joined across an apostrophe to a longer part ("O'Brien", "N'Djamena", "l'ambassadeur") but not
# to a short ending, which is skipped: the possessive "Dar's", Turkish case endings ("Fidan'ın",
# "Rubio'nun", "Washington'a"). The three look-behinds keep a word from starting inside such an
# ending, so that a match is always exactly one word.
_TOKEN = re.compile(
    rf"(?<!{_LETTER}['’])(?<!{_LETTER}['’]{_LETTER})(?<!{_LETTER}['’]{_LETTER}{_LETTER})"
    rf"(?:{_LETTER}+(?:['’]{_LETTER}{{4,}})?|[@#]\w+)",
    re.UNICODE,
)
# Names split at apostrophes: Turkish writes case endings after one (Türkiye'nin, Pakistan'ın).
_NAME_WORD = re.compile(rf"[^\W_]{_LETTER}*")

# Letters that vary with typing habits: Arabic script between Urdu, Persian and Arabic, and others.
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
        "ı": "i",  # Turkish dotless i, which casefolding keeps
        "\u0640": "",  # tatweel, the Arabic letter stretcher
        "\u0901": "\u0902",  # Devanagari chandrabindu, typed for anusvara as often as not: "पहुँचे", "पहुंचे"
    }
)


@lru_cache(maxsize=65536)
def normalise(token: str) -> str:
    """Case-, accent- and spelling-variant-insensitive form of one token; a French elided article or
    pronoun is no part of it ("l'appel" is "appel", "d'Alger" is "alger", "s'entretenir" "entretenir")."""
    if token.isascii():
        folded = token.lower()  # what the steps below come to, at a fraction of the cost
    else:
        decomposed = unicodedata.normalize("NFKD", token.casefold())
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c) or c == _VIRAMA)
        folded = unicodedata.normalize("NFC", stripped).translate(_FOLD)
    elided = _ELISION.match(folded)
    return folded[elided.end() :] if elided else folded


# Devanagari's virama joins consonants: dropping it with the nukta would make "सत्र" (session) and
# "स्तर" (level) one word. The nukta goes: "कज़ान" is "कजान".
_VIRAMA = "\u094d"
_ELISION = re.compile(r"(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’](?=\w{3})")


def normalised_words(*lines: str) -> frozenset[str]:
    """The words of ``lines`` (space-separated), normalised: a word list to compare with ``Token.norm``
    (written as the language writes it: "éventuelle", "نظرائه")."""
    return frozenset(normalise(word) for line in lines for word in line.split())


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
    tokens: list[Token] = []
    # The engine's innermost loop: every word of every article passes here. tuple.__new__ builds a
    # Token at half the cost of calling the class.
    append, make = tokens.append, tuple.__new__
    for match in _TOKEN.finditer(text):
        word = match.group()
        start = match.start() + offset
        append(make(Token, (word, normalise(word), start, start + len(word))))
    return tokens


def words(text: str) -> list[str]:
    """The words :func:`tokenize` finds, without offsets or normal forms."""
    return _TOKEN.findall(text)


def name_words(text: str) -> list[str]:
    """The words of ``text`` as names are matched in raw text (see :data:`_NAME_WORD`)."""
    return _NAME_WORD.findall(text)


def name_word_matches(text: str) -> Iterator[re.Match[str]]:
    return _NAME_WORD.finditer(text)


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple([normalise(word) for word in _TOKEN.findall(phrase)])


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[P]):
    first: int  # index of the first token
    last: int  # index one past the last token
    payload: P


_ARABIC_CLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب")
_CLITIC_MIN_LETTERS = 4


def arabic_clitic_forms(phrase: str) -> list[str]:
    """Arabic writes "and", "with", "to" onto the next word (والتقى, بنظيره, لوزير): the forms a
    phrase takes with them. Urdu and Persian keep such words apart, so only Arabic needs this.

    Not for words of three letters: with a clitic they become other words (ف + يصل is فيصل, Faisal)."""
    first_word = phrase.split(maxsplit=1)[0] if phrase.strip() else ""
    if not "\u0600" <= phrase[:1] <= "\u06ff" or len(first_word) < _CLITIC_MIN_LETTERS:
        return []
    return [clitic + phrase for clitic in _ARABIC_CLITICS]
