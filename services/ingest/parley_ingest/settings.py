"""Ingest's settings, read from the environment once, in ``main()``."""

from __future__ import annotations

from pathlib import Path

from parley_shared.settings import CommonSettings
from pydantic import AliasChoices, Field, field_validator


class IngestSettings(CommonSettings):
    """Where ingest listens, where it keeps its dedup state, and which feeds it polls.

    :param host: ``INGEST_HOST``, default ``127.0.0.1`` (``0.0.0.0`` in a container).
    :param port: ``INGEST_PORT``, default 8001.
    :param dedup_path: ``INGEST_DEDUP_PATH``, default ``.run/ingest-dedup.sqlite3``: the SQLite file that
        remembers which article versions were already published.
    :param feeds: ``INGEST_FEEDS``, comma-separated RSS/Atom URLs to poll; default none.
    :param feed_interval_s: ``INGEST_FEED_INTERVAL_S``, default 300: seconds between two polls of the feeds.
    :param max_batch: ``INGEST_MAX_BATCH``, default 1000: most articles accepted in one batch request.
    :param ack_timeout_s: ``INGEST_ACK_TIMEOUT_S``, default 10: how long a request waits for Kafka to
        acknowledge its articles before answering 503.
    """

    host: str = Field(default="127.0.0.1", validation_alias=AliasChoices("INGEST_HOST"))
    port: int = Field(default=8001, ge=0, le=65535, validation_alias=AliasChoices("INGEST_PORT"))
    dedup_path: Path = Field(
        default=Path(".run/ingest-dedup.sqlite3"), validation_alias=AliasChoices("INGEST_DEDUP_PATH")
    )
    feeds: str = Field(default="", validation_alias=AliasChoices("INGEST_FEEDS"))
    feed_interval_s: float = Field(
        default=300.0, gt=0, validation_alias=AliasChoices("INGEST_FEED_INTERVAL_S")
    )
    max_batch: int = Field(default=1000, ge=1, validation_alias=AliasChoices("INGEST_MAX_BATCH"))
    ack_timeout_s: float = Field(default=10.0, gt=0, validation_alias=AliasChoices("INGEST_ACK_TIMEOUT_S"))

    @field_validator("feeds")
    @classmethod
    def _http_urls(cls, value: str) -> str:
        urls = [url.strip() for url in value.split(",") if url.strip()]
        bad = [url for url in urls if not url.startswith(("http://", "https://"))]
        if bad:
            raise ValueError(f"must be comma-separated http(s) URLs; not a URL: {', '.join(bad)}")
        return ",".join(urls)

    @property
    def feed_urls(self) -> list[str]:
        return self.feeds.split(",") if self.feeds else []
