import pytest
from parley_extract.lexicon import read_lexicon
from parley_extract.topics import TOPICS, find_topics


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("They discussed tariffs on textiles.", "en", ["tariffs"]),
        ("cooperation in counterterrorism", "en", ["counterterrorism"]),
        ("counter-terrorism cooperation", "en", ["counterterrorism"]),
        ("تجارتی محصولات پر بات چیت", "ur", ["tariffs"]),
        ("انسداد دہشتگردی میں تعاون", "ur", ["counterterrorism"]),
        ("غزہ کی صورتحال", "ur", ["gaza"]),
        ("وبحث الجانبان التجارة والاستثمار", "ar", ["investment", "trade"]),
        ("обсудили торговлю и инвестиции", "ru", ["investment", "trade"]),
        ("Gazze'deki durum", "tr", ["gaza"]),
    ],
)
def test_finds_topics(text, language, expected):
    assert find_topics(text, language) == expected


def test_stems_do_not_reach_into_other_words():
    assert find_topics("He will discuss the investigation and its importance.", "en") == []


def test_results_are_sorted_and_unique():
    topics = find_topics("Trade, trade and more trade; tariffs and Gaza, Gaza.", "en")
    assert topics == ["gaza", "tariffs", "trade"]


def test_english_keywords_count_in_other_languages():
    assert find_topics("سی پیک اور CPEC پر گفتگو", "ur") == ["connectivity"]


def test_unknown_language_searches_every_lexicon():
    assert find_topics("غزہ", "xx") == ["gaza"]


def test_topic_ids_match_the_lexicon():
    assert set(read_lexicon("topics.yaml")) == set(TOPICS)
    assert "bilateral_relations" not in TOPICS
