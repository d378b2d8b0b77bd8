"""The ingest service: an HTTP API (and optionally feed polling) that publishes articles to Kafka.

Start-up: read settings, configure logging, create the raw-articles topic if missing, open the
producer and the dedup store, start the feed poller when feeds are configured, then serve HTTP until
SIGTERM or SIGINT, after which the poller stops and every queued message is flushed.
"""

from __future__ import annotations

import logging
import threading

import httpx
import uvicorn
from parley_shared.kafka import EventPublisher, ensure_topics
from parley_shared.logs import configure_logging
from parley_shared.ops import exit_cleanly_on_signals

from parley_ingest.app import create_app
from parley_ingest.dedup import SqliteDedupStore
from parley_ingest.feeds import FeedPoller
from parley_ingest.ingestor import Ingestor
from parley_ingest.settings import IngestSettings

log = logging.getLogger("parley_ingest")

FEED_TIMEOUT_S = 20.0


def main() -> None:
    exit_cleanly_on_signals()  # so the clean-up below runs and queued messages are flushed
    settings = IngestSettings()
    configure_logging(settings.log_level, "ingest")
    ensure_topics(settings.bootstrap_servers, [settings.topic_articles], settings.topic_partitions)
    publisher = EventPublisher(
        settings.bootstrap_servers,
        client_id="parley-ingest",
        # A request must not hang longer on a missing broker than it waits for an acknowledgement.
        max_block_ms=int(settings.ack_timeout_s * 1000),
    )
    dedup = SqliteDedupStore(settings.dedup_path)
    stop = threading.Event()
    poller_thread: threading.Thread | None = None
    http_client = httpx.Client(
        timeout=FEED_TIMEOUT_S, follow_redirects=True, headers={"User-Agent": "parley-ingest"}
    )
    try:
        if settings.feed_urls:
            ingestor = Ingestor(publisher, dedup, settings.topic_articles, settings.ack_timeout_s)
            poller = FeedPoller(settings.feed_urls, ingestor, http_client, settings.feed_interval_s)
            poller_thread = threading.Thread(target=poller.run, args=(stop,), name="feed-poller", daemon=True)
            poller_thread.start()
            log.info(
                "polling feeds",
                extra={"feeds": len(settings.feed_urls), "interval_s": settings.feed_interval_s},
            )
        app = create_app(settings, publisher, dedup)
        server = uvicorn.Server(uvicorn.Config(app, host=settings.host, port=settings.port, log_config=None))
        server.run()
    finally:
        stop.set()
        if poller_thread is not None:
            poller_thread.join(timeout=FEED_TIMEOUT_S + settings.ack_timeout_s)
        http_client.close()
        publisher.close(timeout=settings.ack_timeout_s)
        dedup.close()
        log.info("ingest stopped")
