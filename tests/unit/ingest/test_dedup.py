from parley_ingest.dedup import SqliteDedupStore, classify, fingerprint
from parley_shared.schemas import Article, ArticleIn


def article(**fields) -> Article:
    return Article.from_input(ArticleIn.model_validate({"text": "Dar met Rubio.", **fields}))


def test_fingerprints_change_with_any_content_but_not_between_equal_articles():
    base = article(url="https://dawn.example/1", title="Dar meets Rubio")

    assert fingerprint(base) == fingerprint(article(url="https://dawn.example/1", title="Dar meets Rubio"))
    assert fingerprint(base) != fingerprint(article(url="https://dawn.example/1", title="Dar and Rubio meet"))
    assert fingerprint(base) != fingerprint(
        article(url="https://dawn.example/1", title="Dar meets Rubio", text="x")
    )


def test_classification():
    assert classify(None, "abc") == "accepted"
    assert classify("abc", "abc") == "duplicate"
    assert classify("abc", "def") == "updated"


def test_the_store_remembers_the_latest_fingerprint_across_reopening(tmp_path):
    path = tmp_path / "state" / "dedup.sqlite3"
    store = SqliteDedupStore(path)
    store.remember([("a", "f1"), ("b", "f2")])
    store.remember([("a", "f3")])
    store.close()

    reopened = SqliteDedupStore(path)
    try:
        assert reopened.fingerprint_of("a") == "f3"
        assert reopened.fingerprint_of("b") == "f2"
        assert reopened.fingerprint_of("c") is None
    finally:
        reopened.close()
