"""The ingest use case, shared by the HTTP API and the feed poller: dedup, publish, wait for the ack."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from parley_shared.kafka import Publisher, wait_for_acks
from parley_shared.schemas import Article, ArticleIn, ArticleIngested
from prometheus_client import Counter

from parley_ingest.dedup import DedupStore, IngestStatus, classify, fingerprint

log = logging.getLogger(__name__)

ARTICLES = Counter("parley_ingest_articles_total", "Articles ingested, by outcome.", ["status", "via"])
PUBLISH_FAILURES = Counter(
    "parley_ingest_publish_failures_total", "Requests or polls Kafka did not acknowledge."
)


class PublishFailed(Exception):
    """Kafka did not acknowledge the articles; none of them counts as ingested."""


@dataclass(frozen=True)
class IngestOutcome:
    id: str
    status: IngestStatus


class Ingestor:
    """Publishes new and changed articles as ``ArticleIngested``; recognises ones already published.

    :param publisher: sends events to Kafka.
    :param dedup: remembers the fingerprint of what was published under each article id.
    :param topic: the raw articles topic.
    :param ack_timeout_s: how long to wait for Kafka's acknowledgement before giving up.
    """

    def __init__(self, publisher: Publisher, dedup: DedupStore, topic: str, ack_timeout_s: float) -> None:
        self._publisher = publisher
        self._dedup = dedup
        self._topic = topic
        self._ack_timeout_s = ack_timeout_s

    def ingest(self, articles: Sequence[ArticleIn], source: str) -> list[IngestOutcome]:
        """Publish what is new or changed; return one outcome per article, in order.

        Returns only once Kafka acknowledged every published article.

        :param source: how the articles arrived: ``http``, ``file`` or ``feed:<url>``.
        :raises PublishFailed: Kafka is unreachable or did not acknowledge in time; nothing was recorded.
        """
        ingested_at = datetime.now(UTC)
        outcomes: list[IngestOutcome] = []
        to_publish: dict[str, tuple[str, ArticleIngested]] = {}  # id -> (fingerprint, event); last one wins
        for article_in in articles:
            article = Article.from_input(article_in)
            current = fingerprint(article)
            already = to_publish.get(article.id)
            previous = already[0] if already else self._dedup.fingerprint_of(article.id)
            status = classify(previous, current)
            if status != "duplicate":
                event = ArticleIngested(**article.model_dump(), ingested_at=ingested_at, source=source)
                to_publish[article.id] = (current, event)
            outcomes.append(IngestOutcome(article.id, status))
        try:
            futures = [
                self._publisher.publish(self._topic, key, event) for key, (_, event) in to_publish.items()
            ]
            wait_for_acks(futures, self._ack_timeout_s)
        except Exception as exc:  # whatever stopped the publication, none of these articles is ingested
            PUBLISH_FAILURES.inc()
            raise PublishFailed(
                f"Kafka did not acknowledge within {self._ack_timeout_s:g} s: {exc!r}"
            ) from exc
        self._dedup.remember((key, current) for key, (current, _) in to_publish.items())
        via = source.split(":", 1)[0]
        for outcome in outcomes:
            ARTICLES.labels(outcome.status, via).inc()
        log.info(
            "ingested",
            extra={"source": source, "articles": len(outcomes), "published": len(to_publish)},
        )
        return outcomes
