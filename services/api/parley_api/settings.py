"""The API's settings, read from the environment once, in ``main()``."""

from __future__ import annotations

from parley_shared.settings import CommonSettings
from parley_store.db import check_database_url
from parley_store.settings import DEFAULT_DATABASE_URL
from pydantic import AliasChoices, Field, field_validator

MAX_PAGE_SIZE = 500


class ApiSettings(CommonSettings):
    """Where the API listens and which database it reads.

    :param host: ``API_HOST``, default ``127.0.0.1`` (``0.0.0.0`` in a container).
    :param port: ``API_PORT``, default 8000.
    :param database_url: ``DATABASE_URL``, default ``sqlite:///.run/parley.db``: the store's database.
    :param default_page_size: ``API_PAGE_SIZE``, default 50 (at most 500): items per page when a request
        gives no ``limit``.
    """

    host: str = Field(default="127.0.0.1", validation_alias=AliasChoices("API_HOST"))
    port: int = Field(default=8000, ge=0, le=65535, validation_alias=AliasChoices("API_PORT"))
    database_url: str = Field(default=DEFAULT_DATABASE_URL, validation_alias=AliasChoices("DATABASE_URL"))
    default_page_size: int = Field(
        default=50, ge=1, le=MAX_PAGE_SIZE, validation_alias=AliasChoices("API_PAGE_SIZE")
    )

    _database_url_is_supported = field_validator("database_url")(check_database_url)
