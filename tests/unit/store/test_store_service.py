"""The store's Kafka batch handler over the embedded SQLite database (Kafka itself: tests/integration)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from factories import DAR, T0, engagement, migrated_sqlite_url, urdu_call
from parley_shared.kafka import PoisonMessage, Received
from parley_shared.schemas import EngagementExtracted, Participant
from parley_store.db import make_engine
from parley_store.orm import ReportRow
from parley_store.service import StoppedDuringOutage, StoreHandler, storage_problem
from parley_store.unit_of_work import AbstractUnitOfWork, SqlAlchemyUnitOfWork
from sqlalchemy import select
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

UowFactory = Callable[[], AbstractUnitOfWork]


def received(event: EngagementExtracted, offset: int = 0) -> Received[EngagementExtracted]:
    return Received(event, event.id, "parley.engagements", 2, offset, {"schema": "EngagementExtracted"})


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return migrated_sqlite_url(tmp_path)


@pytest.fixture
def uow_factory(database_url: str) -> Iterator[UowFactory]:
    engine = make_engine(database_url, writer=True)
    sessions = sessionmaker(engine, expire_on_commit=False)
    yield lambda: SqlAlchemyUnitOfWork(sessions)
    engine.dispose()


def stored_origins(database_url: str) -> dict[str, tuple[str | None, int | None, int | None]]:
    engine = make_engine(database_url)
    with Session(engine) as session:
        reports = session.scalars(select(ReportRow))
        origins = {r.id: (r.kafka_topic, r.kafka_partition, r.kafka_offset) for r in reports}
    engine.dispose()
    return origins


def test_a_batch_is_committed_before_the_handler_returns(database_url: str, uow_factory: UowFactory) -> None:
    english, urdu = engagement(), urdu_call()
    handler = StoreHandler(uow_factory, threading.Event(), clock=lambda: T0)

    handler([received(english, 10), received(urdu, 11)])

    # read through a separate engine: only committed rows are visible there
    assert stored_origins(database_url) == {
        english.id: ("parley.engagements", 2, 10),
        urdu.id: ("parley.engagements", 2, 11),
    }


@pytest.mark.parametrize(
    ("event", "problem"),
    [
        (engagement(evidence="Dar\x00 met Rubio"), "NUL character"),
        (engagement(language="x" * 17), "language is 17 characters long (at most 16)"),
        (
            engagement(participants=[DAR, Participant(name="Rubio " * 60)]),
            "participants[1] is 364 characters long (at most 300)",
        ),
    ],
)
def test_reports_no_backend_can_store_are_poison(
    event: EngagementExtracted, problem: str, uow_factory: UowFactory
) -> None:
    handler = StoreHandler(uow_factory, threading.Event())
    problem_text = storage_problem(event)

    assert problem_text is not None and problem in problem_text
    with pytest.raises(PoisonMessage, match=f"report {event.id} can't be stored"):
        handler([received(engagement(article_id="fine")), received(event)])


def test_a_report_the_database_rejects_is_poison() -> None:
    def rejecting() -> AbstractUnitOfWork:
        raise DataError(
            "INSERT INTO reports ...", {}, ValueError("value too long for type character varying(16)")
        )

    with pytest.raises(PoisonMessage, match="value too long"):
        StoreHandler(rejecting, threading.Event())([received(engagement())])


def test_a_database_outage_is_waited_out_not_dead_lettered(
    database_url: str, uow_factory: UowFactory
) -> None:
    attempts: list[int] = []

    def flaky() -> AbstractUnitOfWork:
        attempts.append(1)
        if len(attempts) < 3:
            raise OperationalError("BEGIN", {}, ConnectionError("connection refused"))
        return uow_factory()

    StoreHandler(flaky, threading.Event())([received(engagement())])

    assert len(attempts) == 3
    assert len(stored_origins(database_url)) == 1


def test_shutdown_during_an_outage_ends_the_loop_without_storing() -> None:
    stop = threading.Event()

    def down() -> AbstractUnitOfWork:
        stop.set()
        raise OperationalError("BEGIN", {}, ConnectionError("connection refused"))

    with pytest.raises(StoppedDuringOutage):
        StoreHandler(down, stop)([received(engagement())])
    assert not issubclass(StoppedDuringOutage, Exception)  # the consumer must not dead-letter the batch
