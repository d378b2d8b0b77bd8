"""Engines for SQLite and PostgreSQL, and the schema migration entry point.

SQLite is the embedded default (``sqlite:///.run/parley.db``); PostgreSQL (``postgresql+psycopg://``)
is for deployments. On SQLite several processes (store and api) share one file, so each connection
uses WAL (readers never block the writer) and a busy timeout, and a *writer* engine opens every
transaction with ``BEGIN IMMEDIATE``: it takes the write lock before its first read, so a batch never
fails half-way with "database is locked" when another writer got there first; it waits instead.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError

SQLITE_BUSY_TIMEOUT_S = 30
_WAL_ATTEMPTS = 10
_WAL_RETRY_S = 0.05
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Session-level lock key serialising concurrent migrations (store and api start together).
_MIGRATION_LOCK_KEY = 0x7061726C6579  # "parley"


SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def check_database_url(database_url: str) -> str:
    """``database_url`` unchanged if it names a supported database, else a ``ValueError`` saying why."""
    try:
        backend = make_url(database_url).get_backend_name()
    except ArgumentError as exc:
        raise ValueError(f"not a database URL ({exc})") from None
    if backend not in SUPPORTED_BACKENDS:
        raise ValueError(
            f"unsupported database {backend!r}: use sqlite:///path/to/file.db or "
            "postgresql+psycopg://user:password@host:port/database"
        )
    return database_url


def is_sqlite(database_url: str) -> bool:
    return make_url(database_url).get_backend_name() == "sqlite"


def _ensure_sqlite_directory(database_url: str) -> None:
    database = make_url(database_url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def make_engine(database_url: str, *, writer: bool = False) -> Engine:
    """An engine for ``database_url``; ``writer=True`` for the store's write transactions (see module doc).

    For SQLite, creates the database file's directory if it is missing.
    """
    if not is_sqlite(database_url):
        return create_engine(database_url, pool_pre_ping=True)
    _ensure_sqlite_directory(database_url)
    engine = create_engine(database_url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
    begin_statement = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (sqlite3's legacy mode would skip it before SELECTs and DDL).
        dbapi_connection.isolation_level = None
        _use_wal(dbapi_connection)
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql(begin_statement)

    return engine


def _use_wal(connection: sqlite3.Connection) -> None:
    """Put the database file in WAL mode (a property of the file, kept once set).

    Switching needs the file to itself: when several processes open a new database at once, SQLite
    answers "database is locked" at once rather than waiting out the busy timeout, so try again a few
    times -- by then one of them has switched it.
    """
    for attempt in range(_WAL_ATTEMPTS):
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
        if str(mode).lower() == "wal":
            return
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == _WAL_ATTEMPTS - 1:
                raise
            time.sleep(_WAL_RETRY_S * (attempt + 1))


def migrate(database_url: str) -> None:
    """Bring the schema to the latest revision (``alembic upgrade head``); safe to call concurrently.

    The whole upgrade runs in one transaction that first takes a lock -- ``BEGIN IMMEDIATE`` on
    SQLite, ``pg_advisory_xact_lock`` on PostgreSQL -- so a second process waits, then finds the
    schema already at head.
    """
    engine = make_engine(database_url, writer=True)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def ping(engine: Engine) -> None:
    """Raise unless the database answers ``SELECT 1``."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
