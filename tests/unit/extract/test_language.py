import pytest
from parley_extract.language import SUPPORTED, detect_language, is_mixed_script


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The foreign minister held talks with his counterpart on regional security and trade."),
        ("fr", "Le ministre des affaires étrangères a rencontré son homologue pour parler du commerce."),
        ("es", "El ministro de asuntos exteriores se reunió con su homólogo para hablar del comercio."),
        (
            "tr",
            "Dışişleri bakanı, bölgesel güvenlik ve ticaret konularını görüşmek için mevkidaşıyla görüştü.",
        ),
        ("ur", "نائب وزیر اعظم اسحاق ڈار نے امریکی وزیر خارجہ سے ٹیلیفون پر گفتگو کی۔"),
        ("ar", "التقى وزير الخارجية الباكستاني بنظيره الأمريكي في واشنطن لبحث العلاقات الثنائية."),
        ("hi", "विदेश मंत्री ने व्यापार और क्षेत्रीय सुरक्षा पर अपने समकक्ष से बातचीत की।"),
        ("ru", "Министр иностранных дел провёл переговоры со своим коллегой в Москве."),
    ],
)
def test_each_supported_language_is_recognised_in_a_sentence(language: str, text: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [("دونوں رہنماؤں کی ملاقات", "ur"), ("اجتماع الوزيرين في القاهرة", "ar"), ("ہے", "ur"), ("مدينة", "ar")],
)
def test_urdu_and_arabic_are_told_apart_by_their_own_letters_even_when_short(
    text: str, language: str
) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [("Hier, le ministre a parlé.", "fr"), ("Ayer el ministro habló.", "es"), ("Dün bakan konuştu.", "tr")],
)
def test_short_latin_strings_are_settled_by_stop_words_and_letters(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_hint_decides_when_the_text_cannot() -> None:
    assert detect_language("محمد", hint="ar") == "ar"
    assert detect_language("محمد", hint="ur") == "ur"
    assert detect_language("محمد") == "und"
    assert detect_language("Kallas", hint="tr") == "tr"
    assert detect_language("2025 — 19", hint="es") == "es"
    assert detect_language("2025 — 19") == "und"


def test_a_hint_from_another_script_is_ignored() -> None:
    assert detect_language("Министр провёл переговоры.", hint="en") == "ru"
    assert detect_language("محمد", hint="en") == "und"


def test_results_are_always_supported_or_undetermined() -> None:
    samples = ["", "   ", "12345", "OK", "Dar", "ڈار", "डार", "Дар", "@SecRubio pic"]
    assert {detect_language(text) for text in samples} <= {*SUPPORTED, "und"}


def test_mixed_script_needs_a_real_share_of_each_script() -> None:
    assert is_mixed_script("Dar met Rubio in Washington. اسحاق ڈار نے واشنگٹن میں روبیو سے ملاقات کی۔")
    assert not is_mixed_script("اسحاق ڈار نے @SecRubio سے ملاقات کی اور دونوں نے تجارت پر بات چیت کی۔")
    assert not is_mixed_script("Dar met Rubio in Washington.")
