"""Remembers which version of each article was published, so re-sent articles aren't published twice.

An article's *version* is a fingerprint of its content. Ingest compares the fingerprint of an incoming
article with the one last published under the same id: equal -> duplicate, different -> updated.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, Protocol

from parley_shared.schemas import Article

IngestStatus = Literal["accepted", "duplicate", "updated"]


def fingerprint(article: Article) -> str:
    """A hash of everything the article says; equal fingerprints mean nothing changed."""
    return hashlib.sha256(article.model_dump_json().encode("utf-8")).hexdigest()


def classify(previous: str | None, current: str) -> IngestStatus:
    """What ingesting an article with fingerprint ``current`` means, given the one last published."""
    if previous is None:
        return "accepted"
    return "duplicate" if previous == current else "updated"


class DedupStore(Protocol):
    def fingerprint_of(self, article_id: str) -> str | None:
        """The fingerprint last published under ``article_id``, if any."""

    def remember(self, published: Iterable[tuple[str, str]]) -> None:
        """Record ``(article_id, fingerprint)`` pairs whose publication Kafka acknowledged."""


class SqliteDedupStore:
    """A :class:`DedupStore` in one SQLite file: small local state, safe to share between threads."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._connection = sqlite3.connect(str(path), check_same_thread=False)
        with self._lock, self._connection:
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS published ("
                " article_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, published_at TEXT NOT NULL)"
            )

    def fingerprint_of(self, article_id: str) -> str | None:
        with self._lock:
            row = self._connection.execute(
                "SELECT fingerprint FROM published WHERE article_id = ?", (article_id,)
            ).fetchone()
        return None if row is None else str(row[0])

    def remember(self, published: Iterable[tuple[str, str]]) -> None:
        with self._lock, self._connection:
            self._connection.executemany(
                "INSERT INTO published (article_id, fingerprint, published_at) VALUES (?, ?, datetime('now'))"
                " ON CONFLICT (article_id) DO UPDATE SET"
                " fingerprint = excluded.fingerprint, published_at = excluded.published_at",
                list(published),
            )

    def close(self) -> None:
        with self._lock:
            self._connection.close()
