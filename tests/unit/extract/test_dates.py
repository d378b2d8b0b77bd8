from datetime import date
from pathlib import Path

import pytest
from parley_extract import dates
from parley_extract.dates import DateMention, Preference, find_anchor, find_dates

SEEDS = Path(__file__).resolve().parents[3] / "seeds"

WEDNESDAY = date(2025, 11, 19)
MONDAY = date(2025, 7, 28)


def exact(text: str, mentions: list[DateMention]) -> list[DateMention]:
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return mentions


def resolved(
    text: str, language: str, anchor: date | None, prefer: Preference = "past"
) -> list[tuple[str, date, date, str, bool]]:
    mentions = exact(text, find_dates(text, language, anchor, prefer))
    return [(m.text, m.first, m.last, m.precision, m.relative) for m in mentions]


def days(
    text: str, language: str, anchor: date | None, prefer: Preference = "past"
) -> list[tuple[str, date, date]]:
    return [(m.text, m.first, m.last) for m in exact(text, find_dates(text, language, anchor, prefer))]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "on August 4, 2025.", "August 4, 2025"),
        ("en", "on 4 August 2025.", "4 August 2025"),
        ("en", "on the 4th of August, 2025", "4th of August, 2025"),
        ("en", "on 2025-08-04", "2025-08-04"),
        ("ur", "4 اگست 2025 کو", "4 اگست 2025"),
        ("fr", "le 4 août 2025", "4 août 2025"),
        ("es", "el 4 de agosto de 2025", "4 de agosto de 2025"),
        ("tr", "4 Ağustos 2025 tarihinde", "4 Ağustos 2025"),
        ("ru", "4 августа 2025 года", "4 августа 2025"),
        ("ar", "في 4 أغسطس 2025", "4 أغسطس 2025"),
        ("hi", "4 अगस्त 2025 को", "4 अगस्त 2025"),
        ("ur", "۴ اگست ۲۰۲۵ کو", "۴ اگست ۲۰۲۵"),
    ],
)
def test_absolute_dates_in_every_language_need_no_anchor(language: str, text: str, expected: str) -> None:
    assert resolved(text, language, None) == [(expected, date(2025, 8, 4), date(2025, 8, 4), "day", False)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "in Brussels from Nov 19-21 at the invitation", "Nov 19-21"),
        ("en", "from 19 to 21 November", "from 19 to 21 November"),
        ("en", "on November 19–21, 2025,", "November 19–21, 2025"),
        ("ur", "19-21 نومبر کو برسلز میں", "19-21 نومبر"),
        ("fr", "du 19 au 21 novembre", "du 19 au 21 novembre"),
        ("ru", "с 19 по 21 ноября", "с 19 по 21 ноября"),
    ],
)
def test_day_ranges_within_a_month(language: str, text: str, expected: str) -> None:
    assert days(text, language, WEDNESDAY) == [(expected, date(2025, 11, 19), date(2025, 11, 21))]


def test_month_and_event_year_mentions_have_coarser_precision() -> None:
    assert resolved("The talks resumed in August 2025 after a pause in 2024.", "en", None) == [
        ("August 2025", date(2025, 8, 1), date(2025, 8, 31), "month", False),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "year", False),
    ]
    assert days("اکتوبر 2024 سے اب تک، 2023 میں", "ur", None) == [
        ("اکتوبر 2024", date(2024, 10, 1), date(2024, 10, 31)),
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "tariffs on Pakistani imports fell to 19 percent",
        "equipment left in Afghanistan after the 2021 withdrawal",
        "the 27-member bloc and the CASA-1000 project",
        "a solution based on pre-1967 borders",
        "the 7th Pakistan–EU Strategic Dialogue under the 2019 plan",
        "they may 5 times over",
    ],
)
def test_numbers_that_are_not_dates_are_not_matched(text: str) -> None:
    assert find_dates(text, "en", WEDNESDAY) == []


def test_a_day_is_not_stretched_into_a_range_by_a_following_number() -> None:
    assert days("on August 4 and 5,000 people", "en", WEDNESDAY) == [
        ("August 4", date(2025, 8, 4), date(2025, 8, 4))
    ]


@pytest.mark.parametrize(
    ("language", "text", "anchor", "expected"),
    [
        ("en", "He met Lavrov on Tuesday.", WEDNESDAY, date(2025, 11, 18)),
        ("en", "He met Lavrov on Wednesday.", WEDNESDAY, WEDNESDAY),
        ("en", "yesterday", WEDNESDAY, date(2025, 11, 18)),
        ("en", "today", WEDNESDAY, WEDNESDAY),
        ("en", "tomorrow", WEDNESDAY, date(2025, 11, 20)),
        ("en", "last Friday", WEDNESDAY, date(2025, 11, 14)),
        ("en", "next Monday", WEDNESDAY, date(2025, 11, 24)),
        ("en", "Monday night", WEDNESDAY, date(2025, 11, 17)),
        ("ur", "اسحاق ڈار نے پیر کی شب گفتگو کی", MONDAY, MONDAY),
        ("ur", "گزشتہ جمعہ کو ملاقات ہوئی", MONDAY, date(2025, 7, 25)),
        ("ur", "آج", MONDAY, MONDAY),
        ("ur", "گزشتہ روز", MONDAY, date(2025, 7, 27)),
        ("fr", "aujourd'hui", WEDNESDAY, WEDNESDAY),
        ("fr", "hier", WEDNESDAY, date(2025, 11, 18)),
        ("fr", "demain", WEDNESDAY, date(2025, 11, 20)),
        ("fr", "jeudi dernier", WEDNESDAY, date(2025, 11, 13)),
        ("es", "ayer", WEDNESDAY, date(2025, 11, 18)),
        ("es", "mañana", WEDNESDAY, date(2025, 11, 20)),
        ("es", "el jueves", WEDNESDAY, date(2025, 11, 13)),
        ("tr", "bugün", WEDNESDAY, WEDNESDAY),
        ("tr", "dün", WEDNESDAY, date(2025, 11, 18)),
        ("tr", "yarın", WEDNESDAY, date(2025, 11, 20)),
        ("ru", "вчера", WEDNESDAY, date(2025, 11, 18)),
        ("ru", "сегодня", WEDNESDAY, WEDNESDAY),
        ("ru", "завтра", WEDNESDAY, date(2025, 11, 20)),
        ("ru", "в четверг", WEDNESDAY, date(2025, 11, 13)),
        ("ar", "أمس", WEDNESDAY, date(2025, 11, 18)),
        ("ar", "اليوم", WEDNESDAY, WEDNESDAY),
        ("ar", "غدا", WEDNESDAY, date(2025, 11, 20)),
        ("ar", "الخميس", WEDNESDAY, date(2025, 11, 13)),
        ("ar", "يوم الجمعة الماضي", WEDNESDAY, date(2025, 11, 14)),
        ("hi", "आज", WEDNESDAY, WEDNESDAY),
        ("hi", "गुरुवार को", WEDNESDAY, date(2025, 11, 13)),
    ],
)
def test_relative_days_resolve_against_the_anchor(
    language: str, text: str, anchor: date, expected: date
) -> None:
    (mention,) = find_dates(text, language, anchor)

    assert (mention.first, mention.last, mention.precision, mention.relative) == (
        expected,
        expected,
        "day",
        True,
    )
    assert text[mention.start : mention.end] == mention.text


def test_weekday_direction_follows_prefer_and_modifiers_are_strict() -> None:
    friday = date(2025, 11, 21)

    assert days("on Friday", "en", friday) == [("Friday", friday, friday)]
    assert days("on Friday", "en", friday, "future") == [("Friday", friday, friday)]
    assert days("on Thursday", "en", WEDNESDAY, "future") == [
        ("Thursday", date(2025, 11, 20), date(2025, 11, 20))
    ]
    assert days("last Friday", "en", friday)[0][1] == date(2025, 11, 14)
    assert days("next Friday", "en", friday)[0][1] == date(2025, 11, 28)


def test_either_way_words_follow_prefer() -> None:
    assert days("کل", "ur", MONDAY) == [("کل", date(2025, 7, 27), date(2025, 7, 27))]
    assert days("کل", "ur", MONDAY, "future") == [("کل", date(2025, 7, 29), date(2025, 7, 29))]
    assert days("कल", "hi", MONDAY, "future") == [("कल", date(2025, 7, 29), date(2025, 7, 29))]


def test_without_an_anchor_relative_and_yearless_dates_are_skipped() -> None:
    text = "On Tuesday and yesterday, and on Aug. 4, Dar met Rubio; on August 5, 2025 they spoke again."

    assert [m.text for m in find_dates(text, "en", None)] == ["August 5, 2025"]
    assert find_dates("پیر کی شب، گزشتہ جمعہ کو، آج، 4 اگست", "ur", None) == []


@pytest.mark.parametrize(
    ("anchor", "prefer", "expected"),
    [
        (date(2025, 8, 5), "past", date(2025, 8, 4)),
        (date(2025, 1, 10), "past", date(2024, 8, 4)),
        (date(2025, 1, 10), "future", date(2025, 8, 4)),
        (date(2025, 8, 5), "future", date(2026, 8, 4)),
    ],
)
def test_a_yearless_date_takes_the_year_nearest_the_anchor_on_the_preferred_side(
    anchor: date, prefer: Preference, expected: date
) -> None:
    assert resolved("Dar met Rubio on Aug. 4 in Washington", "en", anchor, prefer) == [
        ("Aug. 4", expected, expected, "day", True)
    ]


def test_a_range_under_way_on_the_anchor_day_stays_in_the_anchor_year() -> None:
    assert days("Nov 19-21", "en", date(2025, 11, 20), "future") == [
        ("Nov 19-21", date(2025, 11, 19), date(2025, 11, 21))
    ]


def test_year_boundary_and_impossible_days() -> None:
    assert days("on Dec 30", "en", date(2026, 1, 2)) == [("Dec 30", date(2025, 12, 30), date(2025, 12, 30))]
    assert find_dates("on February 30, 2025 and 2025-13-01", "en", None) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ur", "کل جماعتی کانفرنس منعقد ہوئی"),  # "all-party", not "yesterday"
        ("ur", "نماز جمعہ کے بعد"),  # the Friday prayer, not a Friday
        ("ur", "گزشتہ ہفتے"),  # "last week"
        ("es", "por la mañana"),  # "in the morning"
        ("ru", "окружающая среда"),  # "environment"
        ("hi", "कला और संस्कृति"),  # "कल" inside a longer word
        ("en", "earlier this week"),
    ],
)
def test_date_words_inside_other_expressions_are_skipped(language: str, text: str) -> None:
    assert find_dates(text, language, WEDNESDAY) == []


def test_unknown_language_tries_every_vocabulary() -> None:
    assert [m.text for m in find_dates("4 août 2025 et 4 اگست 2025", "und", None)] == [
        "4 août 2025",
        "4 اگست 2025",
    ]


def test_lexicon_entries_are_validated() -> None:
    with pytest.raises(ValueError, match="'xx', months"):
        dates._vocabulary("xx", {"months": {1: ["jan"]}, "weekdays": {}})
    with pytest.raises(ValueError, match="'xx', colour: unknown field"):
        dates._vocabulary("xx", {"colour": "blue"})


# --- find_anchor ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", None),
        ("001", date(2025, 8, 5)),
        ("002", date(2025, 11, 19)),
        ("003", date(2025, 7, 28)),
        ("004", None),
    ],
)
def test_anchor_of_each_seed(prefix: str, expected: date | None) -> None:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")

    assert find_anchor(path.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Published: August 5, 2025\n\nDar met Rubio on July 25, 2025.", date(2025, 8, 5)),
        ("Title\n\nTuesday, November 18, 2025\n\nDar met Lavrov on 4 August 2025.", date(2025, 11, 18)),
        ("ISLAMABAD, Nov 19, 2025 (APP) - Dar left for Brussels.", date(2025, 11, 19)),
        ("ISLAMABAD, Nov 19 (APP) - Dar left for Brussels.", None),
        ("Dar spoke to Rubio.\n— Foreign Office (@ForeignOfficePk) July 28, 2025", date(2025, 7, 28)),
        ("Dar met Rubio on August 4, 2025, and again on Friday.", None),
        (
            '<html><head><meta property="article:published_time" content="2025-08-05T09:00:00+05:00">'
            "</head><body><p>Dar met Rubio.</p></body></html>",
            date(2025, 8, 5),
        ),
        ("<html><body><p>Dar met Rubio.</p><p>August 6, 2025</p></body></html>", date(2025, 8, 6)),
    ],
)
def test_anchor_prefers_labelled_then_standalone_then_dateline_then_embed(
    raw: str, expected: date | None
) -> None:
    assert find_anchor(raw) == expected


def test_labelled_date_beats_an_embed_date() -> None:
    raw = "— Someone (@someone) July 28, 2025\n\ndate 2025-11-19 ISLAMABAD – Dar left."

    assert find_anchor(raw) == date(2025, 11, 19)
