"""The unit of work: one database transaction per batch of reports.

Concurrency. Store consumers of one group read different partitions, but reports are keyed by their
own id, so two reports of the same real engagement may be merged by two consumers at once; each would
miss the other's report and file it under a new merged engagement. Merging is therefore serialised:

- PostgreSQL: every unit of work first takes ``pg_advisory_xact_lock`` on one constant key. A
  per-type key would let calls and meetings merge in parallel, but actor tallies and articles are
  shared across types, and the store is not the pipeline's bottleneck (extraction is), so one
  lock keeps every write simple and correct. The lock is released by COMMIT or ROLLBACK.
- SQLite: the writer engine opens each transaction with ``BEGIN IMMEDIATE``, which takes the
  database's single write lock before the first read (see :mod:`parley_store.db`).

Readers (the API) take neither lock: they see the last committed batch.
"""

from __future__ import annotations

import abc
from types import TracebackType
from typing import Self

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from parley_store.repository import AbstractRepository, SqlAlchemyRepository

MERGE_LOCK_KEY = 0x70617273746F7265  # "parstore": any constant shared by every store process


class AbstractUnitOfWork(abc.ABC):
    """``with uow: ...; uow.commit()`` -- leaving the block without commit rolls everything back."""

    repository: AbstractRepository

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MERGE_LOCK_KEY})
        self.repository = SqlAlchemyRepository(self._session)
        return super().__enter__()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        self._session.close()

    def commit(self) -> None:
        self._session.commit()

    def rollback(self) -> None:
        self._session.rollback()
