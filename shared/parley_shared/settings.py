"""Settings every service shares. Each service subclasses :class:`CommonSettings` once, in its own
``settings.py``, and builds it in ``main()`` -- never at import time."""

from __future__ import annotations

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class CommonSettings(BaseSettings):
    """Kafka connection, topic names and logging, read from the environment.

    :param kafka_bootstrap_servers: ``KAFKA_BOOTSTRAP_SERVERS``, default ``127.0.0.1:9092``.
    :param topic_articles: ``PARLEY_TOPIC_ARTICLES``, default ``parley.articles.raw``.
    :param topic_engagements: ``PARLEY_TOPIC_ENGAGEMENTS``, default ``parley.engagements``.
    :param topic_partitions: ``PARLEY_TOPIC_PARTITIONS``, default 6 (created at start-up if missing).
    :param log_level: ``LOG_LEVEL``, default ``INFO``.
    """

    # Only the documented variable names (the aliases) are read from the environment. Fields may be
    # set by name in code (tests, tools), but their bare names ("PORT", "HOST", which process managers
    # and shells set) must not leak in from the environment: the prefix keeps them out of reach.
    model_config = SettingsConfigDict(
        frozen=True,
        extra="ignore",
        populate_by_name=True,
        env_prefix="PARLEY_FIELD_",
        env_prefix_target="variable",
    )

    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092", validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS")
    )
    topic_articles: str = Field(
        default="parley.articles.raw", validation_alias=AliasChoices("PARLEY_TOPIC_ARTICLES")
    )
    topic_engagements: str = Field(
        default="parley.engagements", validation_alias=AliasChoices("PARLEY_TOPIC_ENGAGEMENTS")
    )
    topic_partitions: int = Field(
        default=6, ge=1, le=1000, validation_alias=AliasChoices("PARLEY_TOPIC_PARTITIONS")
    )
    log_level: str = Field(default="INFO", validation_alias=AliasChoices("LOG_LEVEL"))

    @field_validator("kafka_bootstrap_servers")
    @classmethod
    def _host_port_list(cls, value: str) -> str:
        servers = [s.strip() for s in value.split(",") if s.strip()]
        if not servers or any(":" not in s or not s.rsplit(":", 1)[1].isdigit() for s in servers):
            raise ValueError("must be a comma-separated list of host:port, e.g. 127.0.0.1:9092")
        return ",".join(servers)

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @property
    def bootstrap_servers(self) -> list[str]:
        return self.kafka_bootstrap_servers.split(",")
