import pytest
from parley_extract.organisations import organisation_lexicon


def acronyms(text: str) -> list[str]:
    return [m.org.acronym for m in organisation_lexicon().find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he presided over a UN Security Council discussion", ["UNSC"]),
        ("the Organization of Islamic Countries (OIC) and the United Nations", ["OIC", "OIC", "UN"]),
        ("the Shanghai Cooperation Organisation (SCO) summit", ["SCO", "SCO"]),
        ("talks with the European Union and the European Commission", ["EU", "EC"]),
        ("شنگھائی تعاون تنظیم کے اجلاس میں او آئی سی", ["SCO", "OIC"]),
        ("اقوام متحدہ کی سلامتی کونسل", ["UNSC"]),
        ("والاتحاد الأوروبي ومنظمة التعاون الإسلامي", ["EU", "OIC"]),
        ("в рамках ШОС и Евросоюза", ["SCO", "EU"]),
        ("le sommet de l'OTAN", ["NATO"]),
        ("शंघाई सहयोग संगठन", ["SCO"]),
        ("NATO'nun zirvesi", ["NATO"]),
        ("at the G-20 and the G7", ["G20", "G7"]),
    ],
)
def test_finds_organisations_across_languages(text, expected):
    assert acronyms(text) == expected


def test_acronyms_that_are_words_need_capitals():
    assert acronyms("who said the un-named quad bike was at eco mode") == []


def test_national_bodies_are_not_the_un():
    assert acronyms("Pakistan's National Security Council met") == []


def test_mentions_carry_text_and_offsets():
    text = "Dar met SCO ministers"
    (mention,) = organisation_lexicon().find(text)
    assert (mention.text, text[mention.start : mention.end]) == ("SCO", "SCO")


def test_bodies_know_their_parents():
    lexicon = organisation_lexicon()
    unsc = lexicon.get("UNSC")
    assert unsc is not None and unsc.parent == "UN"
    assert lexicon.get("EC").parent == "EU"
    assert lexicon.get("SCO").name == "Shanghai Cooperation Organisation"
    assert lexicon.get("NOPE") is None
    parents = {o.parent for o in lexicon.organisations if o.parent}
    assert parents <= {o.acronym for o in lexicon.organisations}
