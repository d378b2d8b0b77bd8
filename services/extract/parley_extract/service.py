"""The extract service: raw articles in, engagement events out.

Consumes ``ArticleIngested`` from the raw topic, runs the extraction engine on each article and
publishes every ``EngagementExtracted`` keyed by its id. A batch returns only after Kafka acknowledged
all of its engagements, so the consumer commits offsets only for articles whose output is durable.
An article the engine fails on goes to the dead-letter topic: extraction is deterministic, so
retrying it would fail the same way.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from parley_shared.kafka import (
    EventConsumer,
    EventPublisher,
    PoisonMessage,
    Publisher,
    Received,
    consumer_health,
    ensure_topics,
    wait_for_acks,
)
from parley_shared.logs import configure_logging
from parley_shared.ops import CachedHealth, ops_server, stop_event_on_signals
from parley_shared.schemas import Article, ArticleIngested, EngagementExtracted
from prometheus_client import Counter, Histogram

from parley_extract.settings import ExtractSettings

log = logging.getLogger(__name__)

Extract = Callable[[Article], list[EngagementExtracted]]

ARTICLES = Counter("parley_extract_articles_total", "Articles the engine read.")
ENGAGEMENTS = Counter("parley_extract_engagements_total", "Engagement events published, by type.", ["type"])
EXTRACTION_SECONDS = Histogram(
    "parley_extract_seconds",
    "Time the engine took for one article.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class ExtractionHandler:
    """Handles one batch of articles: extract all, publish all engagements, wait for the acks.

    :param extract: the engine, ``Article -> list[EngagementExtracted]``.
    :param publisher: publishes engagement events.
    :param topic: the engagements topic.
    :param ack_timeout_s: how long to wait for Kafka to acknowledge a batch's engagements.
    """

    def __init__(self, extract: Extract, publisher: Publisher, topic: str, ack_timeout_s: float) -> None:
        self._extract = extract
        self._publisher = publisher
        self._topic = topic
        self._ack_timeout_s = ack_timeout_s

    def __call__(self, batch: list[Received[ArticleIngested]]) -> None:
        # Extract everything before publishing anything: a poison article then costs no duplicate output
        # when the consumer retries the batch's articles one by one.
        engagements = [engagement for received in batch for engagement in self._extract_one(received.value)]
        futures = [
            self._publisher.publish(self._topic, engagement.id, engagement) for engagement in engagements
        ]
        self._publisher.flush(self._ack_timeout_s)
        wait_for_acks(futures, self._ack_timeout_s)
        for engagement in engagements:
            ENGAGEMENTS.labels(engagement.type).inc()

    def _extract_one(self, article: ArticleIngested) -> list[EngagementExtracted]:
        started = time.perf_counter()
        try:
            return self._extract(article)
        except Exception as exc:
            raise PoisonMessage(
                f"extraction failed for article {article.id}: {type(exc).__name__}: {exc}"
            ) from exc
        finally:
            ARTICLES.inc()
            EXTRACTION_SECONDS.observe(time.perf_counter() - started)


def main() -> None:
    settings = ExtractSettings()
    configure_logging(settings.log_level, "extract")
    # Imported here, not at module level: loading the engine loads its knowledge base, and the handler
    # above takes the engine as a parameter so it can be exercised with any extraction function.
    from parley_extract.engine import extract, load

    load()
    servers = settings.bootstrap_servers
    topics = [settings.topic_articles, settings.topic_engagements, settings.dead_letter_topic]
    ensure_topics(servers, topics, settings.topic_partitions)
    consumer = EventConsumer.for_service(
        settings, topic=settings.topic_articles, model=ArticleIngested, client_id="parley-extract"
    )
    stop = stop_event_on_signals()
    publisher = EventPublisher(servers, client_id="parley-extract")
    health = CachedHealth(consumer_health(consumer, servers))
    try:
        with ops_server(settings.ops_port, settings.ops_host, health):
            handler = ExtractionHandler(
                extract, publisher, settings.topic_engagements, settings.ack_timeout_s
            )
            consumer.run(handler, stop)
    finally:
        publisher.close(timeout=settings.ack_timeout_s)
        log.info("extract stopped")
