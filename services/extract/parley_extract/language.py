"""Language identification for the eight languages the engine reads.

Script decides first (Devanagari, Cyrillic, Arabic script, Latin); Urdu and Arabic are told apart by the
letters and function words only one of them uses. Latin-script text is settled by a stop-word vote when
the vote is a landslide or the string is too short for a character model, and otherwise by py3langid
restricted to English, French, Spanish and Turkish.
"""

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SUPPORTED = ("en", "ur", "ar", "fr", "es", "hi", "tr", "ru")
UNDETERMINED = "und"

_LATIN_LANGUAGES = ("en", "fr", "es", "tr")
_ARABIC_SCRIPT_LANGUAGES = ("ur", "ar")

_SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "devanagari": re.compile(r"[\u0900-\u097f]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
}
_NON_LATIN = re.compile(
    "|".join(pattern.pattern for script, pattern in _SCRIPTS.items() if script != "latin")
)
_SINGLE_LANGUAGE_SCRIPTS = {"devanagari": "hi", "cyrillic": "ru"}

# Letters each language has and the other lacks (Urdu: retroflexes, aspiration, bari ye, Farsi yeh/kaf;
# Arabic: ta marbuta, Arabic yeh/kaf, alef maqsura), plus the commonest function words.
_URDU_LETTERS = re.compile(r"[ٹڈڑںےہھگچپکیۓ]")
_ARABIC_LETTERS = re.compile(r"[ةيكى]")
_URDU_WORDS = re.compile(r"(?<!\w)(?:کے|کی|کا|ہے|ہیں|میں|نے|سے|کو|اور|پر|یہ|وہ)(?!\w)")
_ARABIC_WORDS = re.compile(r"(?<!\w)(?:في|من|على|إلى|الذي|التي|مع|عن|هذا|هذه|أن|إن|كان)(?!\w)")

# Enough text for the character model to be reliable; shorter strings go to the stop-word vote.
_MIN_CHARS_FOR_MODEL = 25
_MIN_MODEL_CONFIDENCE = 0.6
# Stop-word votes that settle a Latin-script text without the model: at least this many for the winner,
# and this many times the runner-up's. On the 353 Latin-script paragraphs of the test articles, votes
# this clear never disagreed with a confident model (even 2 votes at twice the runner-up's did not).
_LANDSLIDE_MIN_VOTES = 3
_LANDSLIDE_RATIO = 2
# Every test here is linear in its input, and a paragraph's first couple of hundred characters decide its
# language as well as the whole paragraph does.
_SAMPLE_CHARS = 200
# A script counts as present in a paragraph when it has this many letters and this share of them.
_MIXED_MIN_LETTERS = 15
_MIXED_MIN_SHARE = 0.15

_STOP_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "was", "with", "for", "on", "he", "said", "today", "a"},
    "fr": {"le", "la", "les", "et", "des", "du", "est", "une", "il", "a", "au", "aux", "hier", "avec"},
    "es": {"el", "la", "los", "las", "y", "del", "es", "una", "con", "por", "que", "ayer", "hoy", "se"},
    "tr": {"ve", "bir", "bu", "ile", "için", "da", "de", "dün", "bugün", "olarak", "ise", "çok", "bakan"},
}
_LANGUAGE_LETTERS = {"tr": "ğışİı", "es": "ñ¿¡", "fr": "œàèùâêîûë"}
_LETTER_VOTES = {letter: language for language, letters in _LANGUAGE_LETTERS.items() for letter in letters}
_LETTER_VOTE_WEIGHT = 2
_DISTINCTIVE_LETTERS = re.compile(f"[{''.join(_LETTER_VOTES)}]")
_STOP_WORD_VOTES = {
    word: tuple(language for language, stop_words in _STOP_WORDS.items() if word in stop_words)
    for word in set().union(*_STOP_WORDS.values())
}
_WORD = re.compile(r"\w+")


def _script_letter_counts(text: str) -> dict[str, int]:
    """Letters per script present in the text; a text in a single script gets a nominal count of 1."""
    # Counting letters is the slow part; most texts use one script, which a search or two establishes.
    if not _NON_LATIN.search(text):
        return {"latin": 1} if _SCRIPTS["latin"].search(text) else {}
    present = [(script, pattern) for script, pattern in _SCRIPTS.items() if pattern.search(text)]
    if len(present) == 1:
        return {present[0][0]: 1}
    return {script: len(pattern.findall(text)) for script, pattern in present}


def is_mixed_script(text: str) -> bool:
    """True when at least two scripts each hold a real share of the text's letters."""
    counts = _script_letter_counts(text)
    if len(counts) < 2:
        return False
    total = sum(counts.values())
    present = [c for c in counts.values() if c >= _MIXED_MIN_LETTERS and c >= _MIXED_MIN_SHARE * total]
    return len(present) >= 2


def detect_language(text: str, hint: str | None = None) -> str:
    """ISO 639-1 code of the text's language (one of SUPPORTED), or 'und'.

    `hint` (e.g. the article's declared language or the surrounding paragraph's) decides when the text is
    too short or too plain to tell, provided it is compatible with the text's script.
    """
    sample = text[:_SAMPLE_CHARS]
    counts = _script_letter_counts(sample)
    if not counts:
        return hint if hint in SUPPORTED else UNDETERMINED
    script = max(counts, key=lambda s: counts[s])
    if script in _SINGLE_LANGUAGE_SCRIPTS:
        return _SINGLE_LANGUAGE_SCRIPTS[script]
    if script == "arabic":
        return _urdu_or_arabic(sample, hint)
    return _latin_language(sample, hint)


def _urdu_or_arabic(text: str, hint: str | None) -> str:
    urdu = len(_URDU_LETTERS.findall(text)) + 2 * len(_URDU_WORDS.findall(text))
    arabic = len(_ARABIC_LETTERS.findall(text)) + 2 * len(_ARABIC_WORDS.findall(text))
    if urdu > arabic:
        return "ur"
    if arabic > urdu:
        return "ar"
    return hint if hint in _ARABIC_SCRIPT_LANGUAGES else UNDETERMINED


def _latin_language(text: str, hint: str | None) -> str:
    latin_hint = hint if hint in _LATIN_LANGUAGES else None
    (best, best_score), (_, runner_up_score) = _stop_word_ranking(text)[:2]
    vote = best if best_score > runner_up_score else None
    if len(text.strip()) < _MIN_CHARS_FOR_MODEL:
        return vote or latin_hint or UNDETERMINED
    # A landslide in the stop-word vote is as reliable as the model on prose, and many times cheaper.
    if best_score >= _LANDSLIDE_MIN_VOTES and best_score >= _LANDSLIDE_RATIO * runner_up_score:
        return best
    language, confidence = latin_identifier().classify(text)
    if confidence < _MIN_MODEL_CONFIDENCE:
        return vote or latin_hint or str(language)
    return str(language)


def _stop_word_ranking(text: str) -> list[tuple[str, int]]:
    """Latin-script languages by how many of their stop words and letters the text uses, most first."""
    scores = dict.fromkeys(_LATIN_LANGUAGES, 0)
    for word in _WORD.findall(text.lower()):
        for language in _STOP_WORD_VOTES.get(word, ()):
            scores[language] += 1
    for letter in _DISTINCTIVE_LETTERS.findall(text):
        scores[_LETTER_VOTES[letter]] += _LETTER_VOTE_WEIGHT
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)


@cache
def latin_identifier() -> LanguageIdentifier:
    """The model that tells Latin-script languages apart."""
    # Loading the model takes most of a second: do it once, on first use, not at import.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(_LATIN_LANGUAGES))
    return identifier
