"""Sentences of a cleaned article, with exact offsets, paragraph index and language.

A sentence ends at . ! ? or the Urdu/Arabic/Devanagari enders (۔ ؟ । ॥) when whitespace follows, and
always at a line end; a period does not end one after an abbreviation ("Mr.", "Nov."), an initial
("A."), inside an initialism ("U.S.", "D.C.") unless a sentence plainly starts after it, or when the next
word starts in lower case.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from parley_extract.language import detect_language, is_mixed_script


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # offsets into the cleaned text: clean[start:end] == text
    end: int
    paragraph: int  # index of the paragraph
    language: str  # ISO 639-1 of this sentence (en, ur, ar, fr, es, hi, tr, ru, or 'und')


_LINE = re.compile(r"[^\n]+")
_BLANK_LINE_GAP = re.compile(r"\n[^\S\n]*\n")
_CANDIDATE_END = re.compile(r"[.!?۔؟।॥]+[\"'”’»)\]]*(?=\s|$)")
_UNAMBIGUOUS_ENDERS = frozenset("!?۔؟।॥")
_LAST_TOKEN = re.compile(r"[^\s(\[\"'“‘«]+$")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NEXT_WORD = re.compile(r"\s*(\S+)")

# Written with their period in running text; compared without it. Case matters: "No." is an abbreviation,
# "no." ends a sentence.
_ABBREVIATIONS = frozenset({
    # titles and ranks
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr",
    "Adm", "Sgt", "Gov", "Sen", "Rep", "Rev", "Hon", "Amb", "Pres", "Md", "Mohd", "Muh",
    "Mme", "Mlle", "Sra", "Srta", "Dra", "Doç",
    # months
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    # references and companies
    "No", "Nos", "Vol", "Art", "Fig", "Ref", "pp", "Co", "Corp", "Inc", "Ltd", "Bros", "Dept", "Univ", "Ave",
    "Blvd", "Rd", "approx", "vs", "cf", "e.g", "i.e",
    # Russian: год, годы, улица, миллион, миллиард, тысяча
    "г", "гг", "ул", "млн", "млрд", "тыс",
    # Hindi initials, as letter names ("एस. जयशंकर", "पी. चिदंबरम"), and डॉ (Dr)
    "ए", "बी", "सी", "डी", "ई", "एफ", "जी", "एच", "आई", "जे", "के", "एल", "एम", "एन", "ओ", "पी", "क्यू", "आर",
    "एस", "टी", "यू", "वी", "डब्ल्यू", "एक्स", "वाई", "जेड", "डॉ",
})  # fmt: skip
# After an initialism such as "U.S." a sentence is taken to start only when one of these words follows.
_SENTENCE_STARTERS = frozenset({
    "The", "He", "She", "They", "It", "This", "That", "These", "Those", "There", "In", "On", "At", "But",
    "And", "A", "An", "We", "I", "His", "Her", "Their", "Its",
})  # fmt: skip


def split_sentences(clean: str, language_hint: str | None = None) -> list[Sentence]:
    """Sentences of `clean` (the output of clean_text) in order, with exact offsets.

    Language is detected per paragraph (`language_hint`, such as the article's declared language, decides
    when a paragraph is too short to tell) and per sentence in paragraphs that mix scripts.
    """
    sentences: list[Sentence] = []
    for paragraph, lines in enumerate(_paragraphs(clean)):
        text = clean[lines[0][0] : lines[-1][1]]
        language = detect_language(text, language_hint)
        per_sentence = is_mixed_script(text)
        for line_start, line_end in lines:
            for start, end in _sentence_spans(clean, line_start, line_end):
                sentence_text = clean[start:end]
                sentence_language = detect_language(sentence_text, language) if per_sentence else language
                sentences.append(Sentence(sentence_text, start, end, paragraph, sentence_language))
    return sentences


def _paragraphs(clean: str) -> Iterator[list[tuple[int, int]]]:
    """Spans of the non-blank lines, grouped into paragraphs at blank lines."""
    current: list[tuple[int, int]] = []
    previous_end = 0
    for match in _LINE.finditer(clean):
        if not match.group().strip():
            continue
        if current and _BLANK_LINE_GAP.search(clean, previous_end, match.start()):
            yield current
            current = []
        current.append(match.span())
        previous_end = match.end()
    if current:
        yield current


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    sentence_start = start
    for match in _CANDIDATE_END.finditer(text, start, end):
        if _ends_sentence(text, sentence_start, match, end):
            yield from _trimmed(text, sentence_start, match.end())
            sentence_start = match.end()
    yield from _trimmed(text, sentence_start, end)


def _ends_sentence(text: str, sentence_start: int, ender: re.Match[str], line_end: int) -> bool:
    if _UNAMBIGUOUS_ENDERS.intersection(ender.group()):
        return True
    next_word = _NEXT_WORD.match(text, ender.end(), line_end)
    if next_word is None:
        return True
    following = next_word.group(1)
    if following[0].islower():
        return False
    token = _LAST_TOKEN.search(text, sentence_start, ender.start())
    if token is None:
        return True
    word = token.group()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return False
    if word.isdigit() and len(word) <= 3 and following not in _SENTENCE_STARTERS:
        # an ordinal ("Erdoğan, 4. Antalya Diplomasi Forumu"), unless it is a day after its month
        # ("fled to India on August 5. Prime Minister Modi...")
        before = text[sentence_start : token.start()].rstrip()
        if not before[-1:].isalpha():
            return False
    if _INITIALISM.fullmatch(word):
        return following in _SENTENCE_STARTERS
    return True


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end
