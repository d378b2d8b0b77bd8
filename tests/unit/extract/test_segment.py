import itertools
from pathlib import Path

import pytest
from parley_extract.cleaning import clean_text
from parley_extract.segment import split_sentences

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def texts(clean: str, language_hint: str | None = None) -> list[str]:
    return [sentence.text for sentence in split_sentences(clean, language_hint)]


def test_sentences_end_at_stops_and_keep_exact_offsets() -> None:
    clean = "Dar met Rubio. They discussed trade!  Will they meet again? Perhaps."

    sentences = split_sentences(clean)

    assert [s.text for s in sentences] == [
        "Dar met Rubio.",
        "They discussed trade!",
        "Will they meet again?",
        "Perhaps.",
    ]
    assert all(clean[s.start : s.end] == s.text for s in sentences)


def test_abbreviations_initials_and_decimals_do_not_end_sentences() -> None:
    clean = (
        "Mr. Dar met Dr. Rubio in Washington, D.C. on Nov. 19. The U.S. side agreed. "
        "John F. Kennedy St. No. 5 hosted it. Tariffs fell 2.5 percent."
    )

    assert texts(clean) == [
        "Mr. Dar met Dr. Rubio in Washington, D.C. on Nov. 19.",
        "The U.S. side agreed.",
        "John F. Kennedy St. No. 5 hosted it.",
        "Tariffs fell 2.5 percent.",
    ]


def test_an_initialism_ends_a_sentence_when_a_sentence_plainly_starts_after_it() -> None:
    assert texts("He arrived in Washington, D.C. He then met Rubio.") == [
        "He arrived in Washington, D.C.",
        "He then met Rubio.",
    ]


def test_an_ordinal_number_does_not_end_a_sentence_unless_a_sentence_plainly_starts_after_it() -> None:
    assert texts("Erdoğan, 4. Antalya Diplomasi Forumu kapsamında Şara ile görüştü. Fidan da katıldı.") == [
        "Erdoğan, 4. Antalya Diplomasi Forumu kapsamında Şara ile görüştü.",
        "Fidan da katıldı.",
    ]
    assert texts("They met on August 4. The talks went well.") == [
        "They met on August 4.",
        "The talks went well.",
    ]


def test_a_hindi_initial_does_not_end_a_sentence() -> None:
    assert texts("विदेश मंत्री एस. जयशंकर मंगलवार शाम मॉस्को पहुंचे। उन्होंने लावरोव से मुलाकात की।") == [
        "विदेश मंत्री एस. जयशंकर मंगलवार शाम मॉस्को पहुंचे।",
        "उन्होंने लावरोव से मुलाकात की।",
    ]


def test_urdu_and_hindi_enders_split_sentences() -> None:
    urdu = "اسحاق ڈار نے روبیو سے بات کی۔ کیا وہ دوبارہ ملیں گے؟ دونوں نے اتفاق کیا"
    hindi = "डार ने रुबियो से मुलाकात की। दोनों ने व्यापार पर चर्चा की।"

    assert texts(urdu) == ["اسحاق ڈار نے روبیو سے بات کی۔", "کیا وہ دوبارہ ملیں گے؟", "دونوں نے اتفاق کیا"]
    assert [s.language for s in split_sentences(urdu)] == ["ur", "ur", "ur"]
    assert texts(hindi) == ["डार ने रुबियो से मुलाकात की।", "दोनों ने व्यापार पर चर्चा की।"]
    assert {s.language for s in split_sentences(hindi)} == {"hi"}


def test_line_breaks_end_sentences_and_blank_lines_start_paragraphs() -> None:
    clean = "A headline without a stop\nIts first line.\n\nSecond paragraph. With two sentences."

    sentences = split_sentences(clean)

    assert [(s.text, s.paragraph) for s in sentences] == [
        ("A headline without a stop", 0),
        ("Its first line.", 0),
        ("Second paragraph.", 1),
        ("With two sentences.", 1),
    ]


def test_language_is_set_per_paragraph_and_per_sentence_when_scripts_mix() -> None:
    clean = (
        "Ishaq Dar spoke to Marco Rubio on telephone today, the Foreign Office said.\n\n"
        "اسحاق ڈار نے مارکو روبیو سے ٹیلیفون پر گفتگو کی۔\n\n"
        "Dar met Rubio in Washington on Friday. اسحاق ڈار نے واشنگٹن میں مارکو روبیو سے ملاقات کی۔"
    )

    assert [(s.paragraph, s.language) for s in split_sentences(clean)] == [
        (0, "en"),
        (1, "ur"),
        (2, "en"),
        (2, "ur"),
    ]


def test_language_hint_decides_for_text_too_short_to_tell() -> None:
    assert [s.language for s in split_sentences("2025.", language_hint="fr")] == ["fr"]
    assert [s.language for s in split_sentences("2025.")] == ["und"]


def test_empty_and_blank_text_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \n") == []


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_sentences_are_exact_slices_of_the_cleaned_text(path: Path) -> None:
    clean = clean_text(path.read_text(encoding="utf-8"))

    sentences = split_sentences(clean)

    assert sentences
    for sentence in sentences:
        assert clean[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))


def test_seed_003_mixes_english_and_urdu_and_survives_the_broken_initialism() -> None:
    (path,) = SEEDS.glob("003_*.txt")
    sentences = split_sentences(clean_text(path.read_text(encoding="utf-8")))

    by_text = {s.text: s.language for s in sentences}
    assert by_text["S. Secretary of State, Marco Rubio @SecRubio on telephone today."] == "en"
    assert any(text.startswith("نائب وزیر اعظم") and language == "ur" for text, language in by_text.items())
    assert {s.language for s in sentences} == {"en", "ur"}


def test_a_day_after_its_month_ends_a_sentence_before_a_capitalised_word() -> None:
    assert texts("Hasina fled to India on August 5. Prime Minister Modi spoke to Yunus.") == [
        "Hasina fled to India on August 5.",
        "Prime Minister Modi spoke to Yunus.",
    ]
