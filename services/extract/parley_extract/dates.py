"""Date mentions in text, resolved to calendar days against the article's publication date.

Absolute dates ("August 4, 2025", "4 اگست 2025", "2025-08-04"), day ranges within a month ("Nov 19-21"),
months ("August 2025"), event years ("in 2024") and, given an anchor, relative days ("yesterday",
"last Friday", "پیر کی شب"). The vocabulary of every language lives in data/lexicon/dates.yaml; the
grammar below is shared. Nothing here reads the clock: without an anchor, what needs one is skipped.
"""

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any, Literal

import yaml

from parley_extract.cleaning import EMBED_ATTRIBUTION, is_html, render_html_text

Precision = Literal["day", "month", "year"]
Preference = Literal["past", "future"]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # offsets into the string passed in
    end: int
    text: str
    first: date  # resolved range (first == last for a single day)
    last: date
    precision: Precision
    relative: bool  # True when it needed the anchor ("on Tuesday", "yesterday")


# --- Lexicon ---------------------------------------------------------------------------------------------

_MODIFIER_KINDS = ("last", "next", "this")


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """One language's entry of dates.yaml, validated. Month and weekday forms are kept as written (their
    period marks abbreviations); every other form is keyed by `_form_key`."""

    code: str
    months: dict[str, int]
    weekdays: dict[str, int]
    weekday_needs_context: frozenset[str]
    weekday_needs_suffix: frozenset[str]
    modifiers_before: dict[str, str]
    modifiers_after: dict[str, str]
    weekday_prefixes: tuple[str, ...]
    weekday_suffixes: tuple[str, ...]
    relative_days: dict[str, int]
    either_days: dict[str, int]
    not_dates: frozenset[str]
    capitalized_names: bool
    month_first: bool
    day_suffixes: tuple[str, ...]
    joiners: tuple[str, ...]
    range_words: tuple[str, ...]
    range_prefixes: tuple[str, ...]
    year_before: tuple[str, ...]
    year_after: tuple[str, ...]


_YAML_FIELDS = frozenset({
    "months", "weekdays", "weekday_needs_context", "weekday_needs_suffix", "weekday_modifiers",
    "weekday_prefixes", "weekday_suffixes", "relative_days", "either_days", "not_dates", "capitalized_names",
    "month_first", "day_suffixes", "joiners", "range_words", "range_prefixes", "year_before", "year_after",
})  # fmt: skip


def _form_key(form: str) -> str:
    """Forms compare without case, extra whitespace or an abbreviation's period."""
    return " ".join(form.casefold().split()).rstrip(".")


def _load_lexicon() -> dict[str, _Vocabulary]:
    source = resources.files("parley_extract").joinpath("data/lexicon/dates.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data:
        raise ValueError("dates.yaml: expected a mapping of language codes")
    return {str(code): _vocabulary(str(code), entry) for code, entry in data.items()}


def _vocabulary(code: str, entry: Any) -> _Vocabulary:
    def fail(field: str, problem: str) -> ValueError:
        return ValueError(f"dates.yaml, language {code!r}, {field}: {problem}")

    if not isinstance(entry, dict):
        raise fail("entry", "expected a mapping")
    unknown = set(entry) - _YAML_FIELDS
    if unknown:
        raise fail(", ".join(sorted(map(str, unknown))), "unknown field")

    def words(field: str) -> tuple[str, ...]:
        value = entry.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(field, "expected a list of non-empty strings")
        return tuple(value)

    def numbered(field: str, numbers: range) -> dict[str, int]:
        value = entry.get(field)
        if not isinstance(value, dict) or set(value) != set(numbers):
            raise fail(field, f"expected keys {numbers.start}..{numbers.stop - 1}")
        forms: dict[str, int] = {}
        for number, names in value.items():
            if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
                raise fail(f"{field}.{number}", "expected a non-empty list of strings")
            for name in names:
                if forms.setdefault(name, number) != number:
                    raise fail(field, f"{name!r} is listed under two numbers")
        return forms

    def offsets(field: str) -> dict[str, int]:
        value = entry.get(field, {})
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in value.items()
        ):
            raise fail(field, "expected a mapping of form to whole number of days")
        return {_form_key(form): days for form, days in value.items()}

    def modifiers(side: str) -> dict[str, str]:
        sides = entry.get("weekday_modifiers", {})
        value = sides.get(side, {}) if isinstance(sides, dict) else None
        if not isinstance(value, dict) or not set(value) <= set(_MODIFIER_KINDS):
            raise fail(f"weekday_modifiers.{side}", f"expected a mapping with keys among {_MODIFIER_KINDS}")
        forms: dict[str, str] = {}
        for kind, words_of_kind in value.items():
            if not isinstance(words_of_kind, list) or not all(isinstance(w, str) for w in words_of_kind):
                raise fail(f"weekday_modifiers.{side}.{kind}", "expected a list of strings")
            forms.update((_form_key(word), kind) for word in words_of_kind)
        return forms

    def flag(field: str) -> bool:
        value = entry.get(field, False)
        if not isinstance(value, bool):
            raise fail(field, "expected true or false")
        return value

    vocabulary = _Vocabulary(
        code=code,
        months=numbered("months", range(1, 13)),
        weekdays=numbered("weekdays", range(7)),
        weekday_needs_context=frozenset(map(_form_key, words("weekday_needs_context"))),
        weekday_needs_suffix=frozenset(map(_form_key, words("weekday_needs_suffix"))),
        modifiers_before=modifiers("before"),
        modifiers_after=modifiers("after"),
        weekday_prefixes=words("weekday_prefixes"),
        weekday_suffixes=words("weekday_suffixes"),
        relative_days=offsets("relative_days"),
        either_days=offsets("either_days"),
        not_dates=frozenset(map(_form_key, words("not_dates"))),
        capitalized_names=flag("capitalized_names"),
        month_first=flag("month_first"),
        day_suffixes=words("day_suffixes"),
        joiners=words("joiners"),
        range_words=words("range_words"),
        range_prefixes=words("range_prefixes"),
        year_before=words("year_before"),
        year_after=words("year_after"),
    )
    for field in ("weekday_needs_context", "weekday_needs_suffix"):
        if not getattr(vocabulary, field) <= set(map(_form_key, vocabulary.weekdays)):
            raise fail(field, "every form must also be listed under weekdays")
    return vocabulary


# --- Grammar ---------------------------------------------------------------------------------------------

# Word characters, including the combining marks of Arabic and Devanagari script, which \w leaves out:
# without them "कल" (tomorrow) would match inside "कला" (art).
_WORD_CHARS = (
    r"\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"
)
_WORD_START = rf"(?<![{_WORD_CHARS}])"
_WORD_END = rf"(?![{_WORD_CHARS}])"
_NOT_NUMBER_AFTER = r"(?![.,:]\d)(?![-–/]\d)"
_DASH = "[-–—]"
_YEAR = rf"(?P<year>\d{{4}}){_WORD_END}{_NOT_NUMBER_AFTER}"
_YEAR_RANGE = range(1900, 2101)

_ISO_DATE = re.compile(r"(?<![\w.:/-])(?P<year>\d{4})([-/])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)(?!-\d)")
_DOTTED_DATE = re.compile(r"(?<![\w.:/-])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\w.]\d)")


def _alternation(forms: Iterable[str]) -> str:
    """Regex alternation of phrases, longest first; "jan." makes the period optional."""
    ordered = sorted(set(forms), key=len, reverse=True)
    parts = []
    for form in ordered:
        stem, optional_period = (form[:-1], r"\.?") if form.endswith(".") else (form, "")
        parts.append(r"\s+".join(map(re.escape, stem.split())) + optional_period)
    return "|".join(parts) if parts else "(?!)"


def _optional(fragment: str) -> str:
    return f"(?:{fragment})?"


class _Rules:
    """A language's compiled patterns and the resolution of what they match."""

    def __init__(self, vocabulary: _Vocabulary) -> None:
        self.vocabulary = v = vocabulary
        self._months = {_form_key(form): number for form, number in v.months.items()}
        self._weekdays = {_form_key(form): number for form, number in v.weekdays.items()}
        month = rf"{_WORD_START}(?P<month>{_alternation(v.months)}){_WORD_END}"
        day_suffix = _optional(_alternation(v.day_suffixes))
        first_day = rf"(?<![\w.:/-])(?P<day>\d{{1,2}}){day_suffix}{_WORD_END}(?![.,:]\d)"
        last_day = rf"(?P<last_day>\d{{1,2}}){day_suffix}{_WORD_END}{_NOT_NUMBER_AFTER}"
        range_link = rf"\s*(?:{_DASH}|{_WORD_START}(?:{_alternation(v.range_words)}){_WORD_END})\s*"
        joiner = _optional(rf"(?:{_alternation(v.joiners)})\s+")
        days = first_day + _optional(range_link + last_day)
        year_tail = _optional(rf",?\s+{joiner}{_YEAR}")
        range_prefix = _optional(rf"{_WORD_START}(?:{_alternation(v.range_prefixes)})\s+")

        patterns = {
            "day_month": rf"{range_prefix}{days}\s+{joiner}{month}{year_tail}",
            "month_year": rf"{month},?\s+{joiner}{_YEAR}",
            "year_before": rf"{_WORD_START}(?:{_alternation(v.year_before)})\s+{_YEAR}",
            "year_after": rf"{_YEAR}\s+(?:{_alternation(v.year_after)}){_WORD_END}",
            "relative": rf"{_WORD_START}(?P<word>{self._relative_forms()}){_WORD_END}",
            "weekday": self._weekday_pattern(),
        }
        # Words without which a kind of pattern cannot match: month names, and the words a verbal mention
        # opens with (a prefix, modifier, weekday or relative day).
        openers = (*v.weekdays, *v.weekday_prefixes, *v.modifiers_before, *v.relative_days, *v.either_days)
        self._verbal_openers = frozenset(_first_word(form) for form in (*openers, *v.not_dates))
        self._month_words = frozenset(_first_word(form) for form in v.months)
        if v.month_first:
            patterns["month_day"] = rf"{month}\s+{days}{year_tail}"
        self.patterns = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in patterns.items()}

    def _relative_forms(self) -> str:
        v = self.vocabulary
        return _alternation([*v.relative_days, *v.either_days, *v.not_dates])

    def _weekday_pattern(self) -> str:
        v = self.vocabulary
        prefix = _optional(rf"(?P<{{name}}>{_alternation(v.weekday_prefixes)})\s+")
        return (
            _WORD_START
            + prefix.format(name="prefix")
            + _optional(rf"(?P<before>{_alternation(v.modifiers_before)})\s+")
            + prefix.format(name="inner_prefix")
            + rf"(?P<weekday>{_alternation(v.weekdays)})"
            + _optional(rf"\s+(?P<after>{_alternation(v.modifiers_after)})")
            + _optional(rf"\s+(?P<suffix>{_alternation(v.weekday_suffixes)})")
            + _WORD_END
        )

    def matches(self, text: str, clues: "_Clues") -> Iterator[tuple[str, re.Match[str]]]:
        """Every match of every pattern, skipping the patterns the text lacks the clues for."""
        possible = {
            "month": clues.has_digit and not self._month_words.isdisjoint(clues.words),
            "year": clues.has_year,
            "verbal": not self._verbal_openers.isdisjoint(clues.words),
        }
        for kind, pattern in self.patterns.items():
            if possible[_CLUE_OF_KIND[kind]]:
                for match in pattern.finditer(text):
                    yield kind, match

    def resolve(
        self, kind: str, match: re.Match[str], anchor: date | None, prefer: Preference
    ) -> DateMention | None:
        if kind in ("day_month", "month_day", "month_year") and not self._well_written(match["month"]):
            return None
        if kind in ("day_month", "month_day"):
            return _day_mention(match, self._months[_form_key(match["month"])], anchor, prefer)
        if kind == "month_year":
            return _month_mention(match, self._months[_form_key(match["month"])])
        if kind in ("year_before", "year_after"):
            return _year_mention(match)
        if anchor is None:
            return None
        if kind == "relative":
            return self._relative_mention(match, anchor, prefer)
        return self._weekday_mention(match, anchor, prefer)

    def _well_written(self, name: str) -> bool:
        return not self.vocabulary.capitalized_names or name[:1].isupper()

    def _relative_mention(self, match: re.Match[str], anchor: date, prefer: Preference) -> DateMention | None:
        v = self.vocabulary
        word = _form_key(match["word"])
        if word in v.relative_days:
            offset = v.relative_days[word]
        elif word in v.either_days:
            offset = v.either_days[word] * (-1 if prefer == "past" else 1)
        else:  # a not-date phrase, matched only so that its date word is skipped
            return None
        day = anchor + timedelta(days=offset)
        return _mention(match.span(), match.group(), day, day, "day", relative=True)

    def _weekday_mention(self, match: re.Match[str], anchor: date, prefer: Preference) -> DateMention | None:
        v = self.vocabulary
        name = _form_key(match["weekday"])
        context = [match[group] for group in ("prefix", "before", "inner_prefix", "after", "suffix")]
        if (name in v.weekday_needs_context and not any(context)) or (
            name in v.weekday_needs_suffix and not match["suffix"]
        ):
            return None
        if not self._well_written(match["weekday"]):
            return None
        modifier = v.modifiers_before.get(_form_key(match["before"] or "")) or v.modifiers_after.get(
            _form_key(match["after"] or "")
        )
        day = _weekday_date(anchor, self._weekdays[name], modifier, prefer)
        return _mention(match.span(), match.group(), day, day, "day", relative=True)


_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(r"\d{4}")
_TOKEN = re.compile(r"\w+")
# Running a pattern costs far more than checking whether the text could hold a match for it.
_CLUE_OF_KIND = {
    "day_month": "month",
    "month_day": "month",
    "month_year": "month",
    "year_before": "year",
    "year_after": "year",
    "relative": "verbal",
    "weekday": "verbal",
}


@dataclass(frozen=True, slots=True)
class _Clues:
    """What a text holds that some patterns need: its casefolded words, a digit, a four-digit number."""

    words: frozenset[str]
    has_digit: bool
    has_year: bool

    @classmethod
    def of(cls, text: str) -> "_Clues":
        has_digit = _DIGIT.search(text) is not None
        has_year = has_digit and _YEAR_DIGITS.search(text) is not None
        return cls(frozenset(_TOKEN.findall(text.casefold())), has_digit, has_year)


def _first_word(form: str) -> str:
    word = _TOKEN.match(form.casefold())
    return word.group() if word else form.casefold()


def _weekday_date(anchor: date, weekday: int, modifier: str | None, prefer: Preference) -> date:
    """The date of a weekday seen from the anchor: strictly before it for "last X", strictly after for
    "next X", otherwise the nearest on or before it (past) or on or after it (future)."""
    days_back = (anchor.weekday() - weekday) % 7
    days_ahead = (weekday - anchor.weekday()) % 7
    if modifier == "last":
        return anchor - timedelta(days=days_back or 7)
    if modifier == "next":
        return anchor + timedelta(days=days_ahead or 7)
    return anchor - timedelta(days=days_back) if prefer == "past" else anchor + timedelta(days=days_ahead)


def _mention(
    span: tuple[int, int], text: str, first: date, last: date, precision: Precision, *, relative: bool
) -> DateMention:
    return DateMention(span[0], span[1], text, first, last, precision, relative)


def _valid_year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year if year in _YEAR_RANGE else None


def _day_mention(
    match: re.Match[str], month: int, anchor: date | None, prefer: Preference
) -> DateMention | None:
    first_day = int(match["day"])
    last_day = int(match["last_day"]) if match["last_day"] else first_day
    if match["last_day"] and last_day <= first_day:
        return None
    year = _valid_year(match["year"])
    if match["year"] is not None and year is None:
        return None
    if year is None:
        if anchor is None:
            return None
        resolved = _nearest_year(month, first_day, last_day, anchor, prefer)
    else:
        resolved = _day_range(year, month, first_day, last_day)
    if resolved is None:
        return None
    return _mention(match.span(), match.group(), *resolved, "day", relative=year is None)


def _day_range(year: int, month: int, first_day: int, last_day: int) -> tuple[date, date] | None:
    if last_day > calendar.monthrange(year, month)[1] or first_day < 1:
        return None
    return date(year, month, first_day), date(year, month, last_day)


def _nearest_year(
    month: int, first_day: int, last_day: int, anchor: date, prefer: Preference
) -> tuple[date, date] | None:
    """The year that puts the dates nearest the anchor on the preferred side (an event under way on
    the anchor day counts on both sides)."""
    candidates = [
        resolved
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (resolved := _day_range(year, month, first_day, last_day)) is not None
    ]
    if prefer == "past":
        return max((c for c in candidates if c[0] <= anchor), default=None)
    return min((c for c in candidates if c[1] >= anchor), default=None)


def _month_mention(match: re.Match[str], month: int) -> DateMention | None:
    year = _valid_year(match["year"])
    if year is None:
        return None
    last = date(year, month, calendar.monthrange(year, month)[1])
    return _mention(match.span(), match.group(), date(year, month, 1), last, "month", relative=False)


def _year_mention(match: re.Match[str]) -> DateMention | None:
    year = _valid_year(match["year"])
    if year is None:
        return None
    return _mention(
        match.span("year"), match["year"], date(year, 1, 1), date(year, 12, 31), "year", relative=False
    )


def _numeric_mention(match: re.Match[str]) -> DateMention | None:
    year, month, day = _valid_year(match["year"]), int(match["month"]), int(match["day"])
    if year is None or not 1 <= month <= 12:
        return None
    resolved = _day_range(year, month, day, day)
    if resolved is None:
        return None
    return _mention(match.span(), match.group(), *resolved, "day", relative=False)


# --- Public ----------------------------------------------------------------------------------------------

_RULES = {code: _Rules(vocabulary) for code, vocabulary in _load_lexicon().items()}
_ALL_RULES = tuple(_RULES.values())
_NUMERIC_PATTERNS = (_ISO_DATE, _DOTTED_DATE)


def find_dates(
    text: str, language: str, anchor: date | None, prefer: Preference = "past"
) -> list[DateMention]:
    """Date mentions in `text`, left to right, resolved against `anchor` (the publication date).

    `language` selects the vocabulary (any other value, such as 'und', tries every language). Without an
    anchor, relative expressions and dates without a year are skipped. `prefer` says which way an
    ambiguous expression ("on Thursday", "Aug. 4", "کل") points from the anchor.
    """
    rules = (_RULES[language],) if language in _RULES else _ALL_RULES
    clues = _Clues.of(text)
    candidates: list[tuple[str, re.Match[str], _Rules | None]] = [
        (kind, match, language_rules)
        for language_rules in rules
        for kind, match in language_rules.matches(text, clues)
    ]
    if clues.has_year:
        candidates += [("numeric", m, None) for pattern in _NUMERIC_PATTERNS for m in pattern.finditer(text)]
    # Where matches overlap, the one starting first (then the longest) is the reading kept.
    candidates.sort(key=lambda candidate: (candidate[1].start(), -candidate[1].end()))
    mentions: list[DateMention] = []
    covered_until = 0
    for kind, match, language_rules in candidates:
        if match.start() < covered_until:
            continue
        covered_until = match.end()
        if language_rules is None:
            mention = _numeric_mention(match)
        else:
            mention = language_rules.resolve(kind, match, anchor, prefer)
        if mention is not None:
            mentions.append(mention)
    return mentions


# Where an article states its own publication date, best evidence first.
_TOP_LINES = 25
_STANDALONE_MAX_WORDS = 8
_HTML_PUBLISHED = re.compile(
    r"(?:article:published_time|datePublished|pubdate|publish[-_]date)[\"']?[^>]{0,200}?(\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^\W*(?:date|dated|published|posted|updated|publié|publicado|yayınlanma tarihi|опубликовано|تاریخ|"
    r"تاريخ النشر|نشر في|प्रकाशित)(?:\s+(?:on|le|el))?\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_DATELINE_PLACE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:\([^)]{1,40}\))?,\s*")
_SHORT_LINE_WORDS = 8
_WEEKDAY_NAMES = frozenset(_form_key(form) for rules in _ALL_RULES for form in rules.vocabulary.weekdays)


def find_anchor(raw: str) -> date | None:
    """The publication date the article states itself, or None.

    In order of trust: a publication date in the page's metadata; a "date ..."/"Published ..." line near
    the top; a line that is only a date; a dateline with a year ("ISLAMABAD, Nov 19, 2025 (APP) -"); the
    date closing an embedded post's attribution ("— Name (@handle) July 28, 2025").
    """
    if is_html(raw):
        published = _HTML_PUBLISHED.search(raw)
        if published and (day := _leading_day(published.group(1))):
            return day
        raw = render_html_text(raw)
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    top = lines[:_TOP_LINES]
    for found in (
        (_leading_day(line[label.end() :]) for line in top if (label := _DATE_LABEL.match(line))),
        (_whole_line_day(line) for line in lines if _could_be_date_line(line)),
        (_leading_day(line[place.end() :]) for line in top if (place := _DATELINE_PLACE.match(line))),
        (_whole_line_day(line[embed.end() :]) for line in lines if (embed := EMBED_ATTRIBUTION.match(line))),
        # "دمشق - الجمعة 24 يناير 2025", "Published: Tuesday, 22 October 2024": a short line near the top
        # that states one full date, whatever place, label or weekday stands around it
        (_only_day(line) for line in top if len(line.split()) <= _SHORT_LINE_WORDS),
    ):
        day = next((day for day in found if day is not None), None)
        if day is not None:
            return day
    return None


def _only_day(line: str) -> date | None:
    days = _full_days(line)
    return days[0].first if len(days) == 1 else None


def _could_be_date_line(line: str) -> bool:
    return len(line.split()) <= _STANDALONE_MAX_WORDS and _DIGIT.search(line) is not None


def _full_days(text: str) -> list[DateMention]:
    """Single days stated in full (with a year), in any language."""
    return [
        mention
        for mention in find_dates(text, "und", None)
        if mention.precision == "day" and mention.first == mention.last
    ]


def _leading_day(text: str) -> date | None:
    days = _full_days(text)
    return days[0].first if days and days[0].start == 0 else None


def _whole_line_day(line: str) -> date | None:
    """The date a line consists of (a weekday name and punctuation may surround it)."""
    days = _full_days(line)
    if len(days) != 1:
        return None
    rest = line[: days[0].start] + " " + line[days[0].end :]
    if all(_form_key(word) in _WEEKDAY_NAMES for word in _TOKEN.findall(rest)):
        return days[0].first
    return None
