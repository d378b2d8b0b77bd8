import json
from pathlib import Path

from parley_shared.article_files import FileProblem, file_article_id, iter_articles
from parley_shared.schemas import ArticleIn

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def split(items):
    articles = [item for item in items if isinstance(item, ArticleIn)]
    problems = [item for item in items if isinstance(item, FileProblem)]
    return articles, problems


def test_a_text_file_is_one_article_named_after_the_file():
    seed = sorted(SEEDS.glob("*.txt"))[1]

    [article] = list(iter_articles([seed]))

    assert isinstance(article, ArticleIn)
    assert article.id == seed.stem
    assert article.text == seed.read_text(encoding="utf-8").strip()


def test_a_directory_is_read_recursively_in_name_order_skipping_other_and_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_text("<html><body><p>Second</p></body></html>", encoding="utf-8")
    (tmp_path / "a-one.txt").write_text("First", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("editor backup", encoding="utf-8")

    articles, problems = split(list(iter_articles([tmp_path])))

    assert problems == []
    assert [a.id for a in articles] == ["a-one", "two"]
    assert "<p>Second</p>" in articles[1].text


def test_json_and_jsonl_files_carry_full_articles(tmp_path):
    one = {
        "id": "dawn-1",
        "url": "https://dawn.example/1",
        "title": "T",
        "published_at": "2025-08-05",
        "text": "x",
    }
    (tmp_path / "one.json").write_text(json.dumps(one), encoding="utf-8")
    lines = [json.dumps({"text": "first"}), "", json.dumps({"text": "second", "language": "ur"})]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    articles, problems = split(list(iter_articles([tmp_path / "one.json", tmp_path / "many.jsonl"])))

    assert problems == []
    assert articles[0] == ArticleIn.model_validate(one)
    assert [(a.text, a.language) for a in articles[1:]] == [("first", None), ("second", "ur")]


def test_bad_json_and_bad_jsonl_lines_are_reported_and_the_rest_is_still_read(tmp_path):
    (tmp_path / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    (tmp_path / "list.json").write_text('[{"text": "a"}]', encoding="utf-8")
    good, bad_json, bad_field, good_too = (
        json.dumps({"text": "fine"}),
        "{not json",
        json.dumps({"text": "x", "url": "ftp://example.org/a", "colour": "red"}),
        json.dumps({"text": "also fine"}),
    )
    (tmp_path / "feed.jsonl").write_text("\n".join([good, bad_json, bad_field, good_too]), encoding="utf-8")

    articles, problems = split(list(iter_articles([tmp_path])))

    assert [a.text for a in articles] == ["fine", "also fine"]
    by_place = {(p.path.name, p.line): p.message for p in problems}
    assert by_place.keys() == {
        ("broken.json", None),
        ("list.json", None),
        ("feed.jsonl", 2),
        ("feed.jsonl", 3),
    }
    assert by_place[("broken.json", None)].startswith("invalid JSON: Unterminated string")
    assert ".jsonl" in by_place[("list.json", None)]
    assert by_place[("feed.jsonl", 2)].startswith("invalid JSON")
    assert "url: must be an absolute http(s) URL" in by_place[("feed.jsonl", 3)]
    assert "colour: Extra inputs are not permitted" in by_place[("feed.jsonl", 3)]
    assert str(next(p for p in problems if p.line == 3)).startswith(f"{tmp_path / 'feed.jsonl'}:3: ")


def test_missing_unsupported_empty_and_non_utf8_files_are_problems(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Bogotá".encode("latin-1"))
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7")

    items = list(
        iter_articles(
            [tmp_path / "nope.txt", tmp_path / "doc.pdf", tmp_path / "empty.txt", tmp_path / "latin1.txt"]
        )
    )

    assert all(isinstance(item, FileProblem) for item in items)
    messages = [item.message for item in items]
    assert messages[0] == "no such file or directory"
    assert messages[1].startswith("unsupported file type '.pdf'")
    assert messages[2] == "invalid article: text: String should have at least 1 character"
    assert messages[3].startswith("not UTF-8 text")


def test_file_names_that_are_not_valid_ids_are_made_safe():
    assert file_article_id(Path("Dawn 2025-08-05 (Dar & Rubio).txt")) == "Dawn-2025-08-05-Dar-Rubio"
    assert ArticleIn(id=file_article_id(Path("صحافت خبر.txt")), text="x").id == "صحافت-خبر"
