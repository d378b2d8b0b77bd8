"""Feed polling end to end: RSS and Atom served over local HTTP, entries published to the real broker."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from kafka_reading import read_topic
from parley_ingest.dedup import SqliteDedupStore
from parley_ingest.feeds import FeedPoller
from parley_ingest.ingestor import Ingestor
from parley_shared.kafka import EventPublisher
from parley_shared.schemas import ArticleIngested

pytestmark = pytest.mark.integration

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


class CountingFeedHandler(SimpleHTTPRequestHandler):
    def do_GET(self):
        self.server.paths.append(self.path)
        super().do_GET()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def feed_server():
    """Serves tests/data/feeds on a free local port; yields the server (``.url``, ``.paths`` requested)."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(CountingFeedHandler, directory=str(FEEDS))
    )
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    server.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(10)


@pytest.fixture
def poller_parts(kafka_bootstrap, new_topic, tmp_path):
    topic = new_topic("feed-articles", 2)
    publisher = EventPublisher([kafka_bootstrap], client_id="test-feeds")
    dedup = SqliteDedupStore(tmp_path / "dedup.sqlite3")
    client = httpx.Client(timeout=10)
    yield topic, Ingestor(publisher, dedup, topic, ack_timeout_s=20), client
    client.close()
    publisher.close()
    dedup.close()


def test_entries_are_published_once_and_a_broken_feed_does_not_stop_the_others(
    feed_server, poller_parts, kafka_bootstrap
):
    topic, ingestor, client = poller_parts
    rss, atom, missing = (
        f"{feed_server.url}/{name}" for name in ("diplomacy.rss.xml", "diplomacy.atom.xml", "gone.xml")
    )
    poller = FeedPoller([rss, missing, atom], ingestor, client, interval_s=3600)

    first = poller.poll_once()
    second = poller.poll_once()

    assert [(r.url, [o.status for o in r.outcomes]) for r in first] == [
        (rss, ["accepted", "accepted"]),
        (missing, []),
        (atom, ["accepted", "accepted"]),
    ]
    assert first[1].error is not None and "404" in first[1].error
    assert [[o.status for o in r.outcomes] for r in second] == [["duplicate"] * 2, [], ["duplicate"] * 2]

    events = [ArticleIngested.model_validate_json(r.value) for r in read_topic(kafka_bootstrap, topic)]
    assert len(events) == 4
    assert {e.source for e in events} == {f"feed:{rss}", f"feed:{atom}"}
    by_title = {e.title: e for e in events}
    call = by_title["Ishaq Dar, Rubio discuss regional stability in phone call"]
    assert call.url == "https://wire.example.org/2025/08/05/dar-rubio-call"
    assert call.published_at.isoformat() == "2025-08-05T09:00:00+05:00"
    assert "Marco Rubio" in call.text


def test_the_poller_loop_polls_until_stopped(feed_server, poller_parts, kafka_bootstrap):
    topic, ingestor, client = poller_parts
    poller = FeedPoller([f"{feed_server.url}/diplomacy.atom.xml"], ingestor, client, interval_s=0.2)
    stop = threading.Event()
    thread = threading.Thread(target=poller.run, args=(stop,), daemon=True)

    thread.start()
    stop.wait(1.5)  # several rounds
    stop.set()
    thread.join(10)

    assert not thread.is_alive()
    assert len(feed_server.paths) >= 3
    assert set(feed_server.paths) == {"/diplomacy.atom.xml"}
    assert len(read_topic(kafka_bootstrap, topic)) == 2  # later rounds found only duplicates
