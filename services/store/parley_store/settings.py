"""Store's settings, read from the environment once, in ``main()``."""

from __future__ import annotations

from parley_shared.settings import CommonSettings
from pydantic import AliasChoices, Field, field_validator

from parley_store.db import check_database_url

DEFAULT_DATABASE_URL = "sqlite:///.run/parley.db"


class StoreSettings(CommonSettings):
    """The database, consumer group, dead-letter topic and ops endpoint of the store service.

    :param database_url: ``DATABASE_URL``, default ``sqlite:///.run/parley.db`` (its directory is created);
        PostgreSQL as ``postgresql+psycopg://user:password@host:port/db``.
    :param group_id: ``STORE_GROUP_ID``, default ``parley-store``: the Kafka consumer group.
    :param dead_letter_topic: ``STORE_DLQ_TOPIC``, default ``parley.store.dlq``: where reports that can't be
        decoded or stored go, unchanged, with ``dlq.*`` headers saying why.
    :param ops_host: ``STORE_OPS_HOST``, default ``127.0.0.1``: interface of ``/health`` and ``/metrics``.
    :param ops_port: ``STORE_OPS_PORT``, default 8003.
    :param max_batch: ``STORE_MAX_BATCH``, default 500: most reports stored in one transaction.
    """

    database_url: str = Field(default=DEFAULT_DATABASE_URL, validation_alias=AliasChoices("DATABASE_URL"))
    group_id: str = Field(default="parley-store", validation_alias=AliasChoices("STORE_GROUP_ID"))
    dead_letter_topic: str = Field(
        default="parley.store.dlq", validation_alias=AliasChoices("STORE_DLQ_TOPIC")
    )
    ops_host: str = Field(default="127.0.0.1", validation_alias=AliasChoices("STORE_OPS_HOST"))
    ops_port: int = Field(default=8003, ge=0, le=65535, validation_alias=AliasChoices("STORE_OPS_PORT"))
    max_batch: int = Field(default=500, ge=1, le=10_000, validation_alias=AliasChoices("STORE_MAX_BATCH"))

    _database_url_is_supported = field_validator("database_url")(check_database_url)
