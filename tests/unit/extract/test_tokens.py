from parley_extract.matching import PhraseIndex
from parley_extract.tokens import normalise, tokenize


def test_tokens_keep_offsets_into_the_text():
    text = "Dar met Lavrov in Moscow."
    for token in tokenize(text, offset=10):
        assert text[token.start - 10 : token.end - 10] == token.text


def test_normalise_folds_case_accents_and_arabic_script_variants():
    assert normalise("Élysée") == "elysee"
    assert normalise("وزیرِ") == normalise("وزير")  # zer diacritic and Arabic yeh
    assert normalise("Türkiye") == "turkiye"


def test_phrase_index_prefers_the_longest_phrase():
    index = PhraseIndex[str]()
    index.add("prime minister", "pm")
    index.add("deputy prime minister", "dpm")
    found = [m.payload for m in index.find(tokenize("The Deputy Prime Minister and the Prime Minister"))]
    assert found == ["dpm", "pm"]


def test_phrase_index_prefix_words_match_inflections():
    index = PhraseIndex[str]()
    index.add("встрет*", "meeting")
    assert [m.payload for m in index.find(tokenize("Лавров встретился с Даром"))] == ["meeting"]
    assert list(index.find(tokenize("Лавров сказал"))) == []
