from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from parley_ingest.feeds import read_feed

FEEDS = Path(__file__).resolve().parents[2] / "data" / "feeds"
FEED_URL = "http://127.0.0.1:1/diplomacy.rss.xml"


def test_rss_items_become_articles_with_link_title_time_language_and_html_content():
    feed = read_feed((FEEDS / "diplomacy.rss.xml").read_bytes(), FEED_URL)

    first, second = feed.articles
    assert first.url == "https://wire.example.org/2025/08/05/dar-rubio-call"
    assert first.id is None  # derived from the URL at ingest, so a re-sent entry collides
    assert first.title == "Ishaq Dar, Rubio discuss regional stability in phone call"
    assert first.published_at == datetime(2025, 8, 5, 9, tzinfo=timezone(timedelta(hours=5)))
    assert first.language == "en"
    assert "<b>Ishaq Dar</b>" in first.text  # the full content, not the shorter description
    assert second.url is None and second.id is not None and second.id.startswith("f-")
    assert second.text.startswith("Russian Foreign Minister Sergey Lavrov will travel to Beijing")
    assert feed.skipped == ["https://wire.example.org/2025/08/07/gallery: no content or summary"]


def test_an_entry_without_link_keeps_the_same_id_from_poll_to_poll_but_not_across_feeds():
    document = (FEEDS / "diplomacy.rss.xml").read_bytes()

    again = read_feed(document, FEED_URL).articles[1].id
    other_feed = read_feed(document, "http://127.0.0.1:1/other.xml").articles[1].id

    assert read_feed(document, FEED_URL).articles[1].id == again != other_feed


def test_atom_entries_use_content_and_fall_back_to_updated_time():
    feed = read_feed((FEEDS / "diplomacy.atom.xml").read_bytes(), "http://127.0.0.1:1/diplomacy.atom.xml")

    first, second = feed.articles
    assert first.text.startswith("<p>External Affairs Minister S. Jaishankar met Chinese Foreign Minister")
    assert first.published_at == datetime(2025, 9, 1, 10, 30, tzinfo=timezone(timedelta(hours=8)))
    assert second.published_at == datetime(2025, 9, 2, 9, 0, tzinfo=UTC)
    assert second.text.startswith("Turkish President Recep Tayyip Erdogan received")
    assert feed.skipped == []


def test_a_document_that_is_not_a_feed_yields_nothing_and_says_so():
    feed = read_feed(b"<html><body>Service unavailable</body", "http://127.0.0.1:1/feed")

    assert feed.articles == []
    assert len(feed.skipped) == 1 and feed.skipped[0].startswith("not a readable feed")
