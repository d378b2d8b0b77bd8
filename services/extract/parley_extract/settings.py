"""Extract's settings, read from the environment once, in ``main()``."""

from __future__ import annotations

from parley_shared.settings import CommonSettings
from pydantic import AliasChoices, Field


class ExtractSettings(CommonSettings):
    """The consumer group, dead-letter topic and ops endpoint of the extract service.

    :param group_id: ``EXTRACT_GROUP_ID``, default ``parley-extract``: the Kafka consumer group.
    :param dead_letter_topic: ``EXTRACT_DLQ_TOPIC``, default ``parley.extract.dlq``: where articles that
        can't be decoded or extracted go, unchanged, with ``dlq.*`` headers saying why.
    :param ops_host: ``EXTRACT_OPS_HOST``, default ``127.0.0.1``: interface of ``/health`` and ``/metrics``.
    :param ops_port: ``EXTRACT_OPS_PORT``, default 8002.
    :param max_batch: ``EXTRACT_MAX_BATCH``, default 50: most articles extracted between two commits.
    :param ack_timeout_s: ``EXTRACT_ACK_TIMEOUT_S``, default 30: how long a batch waits for Kafka to
        acknowledge its engagements before it counts as failed.
    """

    group_id: str = Field(default="parley-extract", validation_alias=AliasChoices("EXTRACT_GROUP_ID"))
    dead_letter_topic: str = Field(
        default="parley.extract.dlq", validation_alias=AliasChoices("EXTRACT_DLQ_TOPIC")
    )
    ops_host: str = Field(default="127.0.0.1", validation_alias=AliasChoices("EXTRACT_OPS_HOST"))
    ops_port: int = Field(default=8002, ge=0, le=65535, validation_alias=AliasChoices("EXTRACT_OPS_PORT"))
    max_batch: int = Field(default=50, ge=1, le=10_000, validation_alias=AliasChoices("EXTRACT_MAX_BATCH"))
    ack_timeout_s: float = Field(default=30.0, gt=0, validation_alias=AliasChoices("EXTRACT_ACK_TIMEOUT_S"))
