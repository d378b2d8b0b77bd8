"""Fixtures for integration tests: a real Kafka broker and PostgreSQL server, and factories that
give each test its own topics and databases, removed again at teardown.

Where the services come from, in order:

* ``KAFKA_BOOTSTRAP_SERVERS`` (comma-separated ``host:port``) and ``PARLEY_DATABASE_URL_TEST`` (a
  SQLAlchemy URL whose role may ``CREATE DATABASE``), as ``make test`` exports them after starting
  a local broker and server;
* otherwise, when a Docker engine answers, containers started through testcontainers;
* otherwise the tests that need them fail: in this project a missing broker is an error, not a skip.

Unit tests use none of these fixtures, so they run without any of this.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
from collections.abc import Callable, Iterator
from typing import NoReturn

import pytest
from kafka import KafkaAdminClient
from kafka.errors import KafkaError
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

HOW_TO_RUN = "run the suite with `make test`, which starts a local broker and database and exports it"

KAFKA_TOPIC_NAME_LIMIT = 249
POSTGRES_IDENTIFIER_LIMIT = 63


def _docker_engine_answers() -> bool:
    # Asked through the CLI: docker-py leaks the socket of a refused connection, which
    # filterwarnings=error turns into a failure of whichever test is running when it is collected.
    try:
        probe = subprocess.run(
            ["docker", "version", "--format", "{{.Server.Version}}"],
            capture_output=True,
            timeout=15,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _fail_for_lack_of(variable: str) -> NoReturn:
    pytest.fail(f"{variable} is not set and no Docker engine answers: {HOW_TO_RUN}", pytrace=False)


def _unique_name(stem: str, *, disallowed: str, max_length: int, separator: str) -> str:
    """``stem`` with ``disallowed`` characters replaced, plus a random suffix, within ``max_length``."""
    suffix = secrets.token_hex(4)
    safe_stem = re.sub(disallowed, "_", stem)[: max_length - len(separator) - len(suffix)]
    return f"{safe_stem}{separator}{suffix}"


def _fail_unless_broker_answers(servers: str) -> None:
    admin: KafkaAdminClient | None = None
    try:
        admin = KafkaAdminClient(
            bootstrap_servers=servers.split(","), bootstrap_timeout_ms=10_000, request_timeout_ms=10_000
        )
        admin.describe_cluster()
    except KafkaError as error:
        pytest.fail(f"no Kafka broker answers at {servers} ({error!r}): {HOW_TO_RUN}", pytrace=False)
    finally:
        if admin is not None:
            admin.close()


def _fail_unless_database_answers(url: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        shown = make_url(url).render_as_string(hide_password=True)
        pytest.fail(f"PostgreSQL at {shown} does not answer ({error}): {HOW_TO_RUN}", pytrace=False)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """Bootstrap servers of a broker that answers, as one comma-separated string."""
    servers = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if servers:
        _fail_unless_broker_answers(servers)
        yield servers
        return
    if not _docker_engine_answers():
        _fail_for_lack_of("KAFKA_BOOTSTRAP_SERVERS")
    from testcontainers.community.kafka import KafkaContainer

    with KafkaContainer().with_kraft() as container:
        servers = container.get_bootstrap_server()
        _fail_unless_broker_answers(servers)
        yield servers


@pytest.fixture
def new_topic(kafka_bootstrap: str, request: pytest.FixtureRequest) -> Iterator[Callable[[str, int], str]]:
    """Factory: ``new_topic("articles", 6)`` creates a topic with 6 partitions that no other test
    shares, named after the test and ``"articles"``, and returns its name. Deleted at teardown."""
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap.split(","))
    created: list[str] = []

    def create(base: str, partitions: int) -> str:
        name = _unique_name(
            f"{request.node.name}-{base}",
            disallowed=r"[^A-Za-z0-9._-]",
            max_length=KAFKA_TOPIC_NAME_LIMIT,
            separator="-",
        )
        # wait_for_metadata: every partition has a leader before the test starts producing.
        admin.create_topics(
            {name: {"num_partitions": partitions, "replication_factor": 1}}, wait_for_metadata=True
        )
        created.append(name)
        return name

    try:
        yield create
    finally:
        if created:
            admin.delete_topics(created, raise_errors=False)
        admin.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """SQLAlchemy URL of a PostgreSQL server that answers and on which the role may create databases."""
    url = os.environ.get("PARLEY_DATABASE_URL_TEST")
    if url:
        _fail_unless_database_answers(url)
        yield url
        return
    if not _docker_engine_answers():
        _fail_for_lack_of("PARLEY_DATABASE_URL_TEST")
    from testcontainers.community.postgres import PostgresContainer

    with PostgresContainer("postgres:16-alpine", driver="psycopg") as container:
        url = container.get_connection_url()
        _fail_unless_database_answers(url)
        yield url


@pytest.fixture
def new_database(postgres_url: str, request: pytest.FixtureRequest) -> Iterator[Callable[[], str]]:
    """Factory: each call creates an empty database named after the test and returns its SQLAlchemy
    URL. Dropped at teardown, together with any connection the test left open."""
    # CREATE/DROP DATABASE cannot run inside a transaction block.
    server = create_engine(postgres_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    created: list[str] = []

    def create() -> str:
        name = _unique_name(
            request.node.name.lower(),
            disallowed=r"[^a-z0-9_]",
            max_length=POSTGRES_IDENTIFIER_LIMIT,
            separator="_",
        )
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(postgres_url).set(database=name).render_as_string(hide_password=False)

    try:
        yield create
    finally:
        with server.connect() as connection:
            for name in created:
                # FORCE terminates the sessions still connected first (PostgreSQL 13+).
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()
