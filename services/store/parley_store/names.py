"""Folding of names and free text, so reports written by different newsrooms compare equal.

Pure functions: used by the merge rules (is "H.E. Marco Rubio" the same person as "Marco Rubío"?)
and by the API's case- and accent-insensitive search, which must fold the query exactly as the stored
text was folded.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+")

# Leading honorifics and offices that newsrooms put before a name; longest phrases first so that
# "deputy prime minister" is removed whole rather than leaving "deputy".
_TITLE_PHRASES = (
    "his excellency",
    "her excellency",
    "his majesty",
    "his highness",
    "h e",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "senator",
    "ambassador",
    "field marshal",
    "general",
    "gen",
    "sheikh",
    "king",
    "queen",
    "crown prince",
    "prince",
    "emir",
    "president",
    "vice president",
    "prime minister",
    "deputy prime minister",
    "chancellor",
    "premier",
    "secretary of state",
    "secretary general",
    "foreign secretary",
    "foreign minister",
    "external affairs minister",
    "defence minister",
    "defense minister",
    "minister",
)


def fold_text(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces: the form searches compare."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", without_marks.casefold()).split())


_TITLES = sorted((tuple(fold_text(t).split()) for t in _TITLE_PHRASES), key=len, reverse=True)


def normalise_name(name: str) -> str:
    """A person's name folded and stripped of leading titles ("Dr. Marco Rubío" -> "marco rubio").

    A name made only of titles ("the President") is kept whole, so it never collapses to "".
    """
    words = fold_text(name).split()
    stripped = True
    while stripped:
        stripped = False
        for title in _TITLES:
            if len(words) > len(title) and tuple(words[: len(title)]) == title:
                words = words[len(title) :]
                stripped = True
                break
    return " ".join(words)
