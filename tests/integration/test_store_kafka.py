"""The store service end to end on a real broker and PostgreSQL: consume, store, commit, dead-letter."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from factories import DAR, MOSCOW, day, engagement, urdu_call
from kafka import KafkaConsumer, KafkaProducer
from parley_shared.kafka import EventConsumer, EventPublisher, Received
from parley_shared.schemas import EngagementExtracted
from parley_store.db import make_engine, migrate
from parley_store.orm import EngagementRow, ReportRow
from parley_store.service import StoreHandler
from parley_store.unit_of_work import SqlAlchemyUnitOfWork
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

pytestmark = pytest.mark.integration

WAIT_S = 60


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {WAIT_S}s waiting for {what}")
        time.sleep(0.2)


@dataclass
class StoreRun:
    """One store consumer running in a thread, recording the report ids its handler was given."""

    thread: threading.Thread
    stop: threading.Event
    handled: list[str]
    engine: Engine

    def shut_down(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive()
        self.engine.dispose()


@dataclass(frozen=True)
class Setup:
    servers: list[str]
    topic: str
    dead_letter_topic: str
    group: str
    database_url: str

    def stored_ids(self) -> set[str]:
        engine = make_engine(self.database_url)
        with Session(engine) as session:
            ids = set(session.scalars(select(ReportRow.id)))
        engine.dispose()
        return ids

    def start_store(self) -> StoreRun:
        stop = threading.Event()
        engine = make_engine(self.database_url, writer=True)
        sessions = sessionmaker(engine, expire_on_commit=False)
        store = StoreHandler(lambda: SqlAlchemyUnitOfWork(sessions), stop)
        consumer = EventConsumer(
            bootstrap_servers=self.servers,
            topic=self.topic,
            group_id=self.group,
            model=EngagementExtracted,
            dead_letter_topic=self.dead_letter_topic,
            client_id="store-test",
        )
        handled: list[str] = []

        def recording(batch: list[Received[EngagementExtracted]]) -> None:
            handled.extend(received.value.id for received in batch)
            store(batch)

        thread = threading.Thread(target=consumer.run, args=(recording, stop), daemon=True)
        thread.start()
        return StoreRun(thread, stop, handled, engine)


@pytest.fixture
def setup(
    kafka_bootstrap: str, new_topic: Callable[[str, int], str], new_database: Callable[[], str]
) -> Setup:
    database_url = new_database()
    migrate(database_url)
    return Setup(
        servers=[kafka_bootstrap],
        topic=new_topic("store-engagements", 3),
        dead_letter_topic=new_topic("store-dlq", 1),
        group=f"store-test-{uuid.uuid4().hex[:8]}",
        database_url=database_url,
    )


@pytest.fixture
def publisher(setup: Setup) -> Iterator[EventPublisher]:
    publisher = EventPublisher(setup.servers, client_id="store-test-producer")
    yield publisher
    publisher.close()


def read_dead_letters(setup: Setup, expected: int) -> list[tuple[bytes | None, bytes, dict[str, str]]]:
    consumer = KafkaConsumer(
        setup.dead_letter_topic,
        bootstrap_servers=setup.servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        consumer_timeout_ms=WAIT_S * 1000,
    )
    letters = []
    try:
        for record in consumer:
            headers = {name: value.decode() for name, value in record.headers}
            letters.append((record.key, record.value, headers))
            if len(letters) == expected:
                break
    finally:
        consumer.close()
    return letters


def test_store_persists_then_commits_and_dead_letters_poison(setup: Setup, publisher: EventPublisher) -> None:
    english = engagement(date=day("2025-07-25"))
    urdu = urdu_call()
    after_garbage = engagement(article_id="tass-1", type="visit", participants=[DAR], location=MOSCOW)
    unstorable = engagement(article_id="bad-1", evidence="Dar\x00 met Rubio")
    garbage = b'{"id": "e-1", "type": "call"'  # truncated JSON
    raw = KafkaProducer(bootstrap_servers=setup.servers)
    publisher.publish(setup.topic, english.id, english)
    # Same key, so same partition: the stored report must come after the garbage in that partition.
    raw.send(setup.topic, key=b"shared-key", value=garbage).get(timeout=30)
    raw.close()
    publisher.publish(setup.topic, "shared-key", after_garbage)
    publisher.publish(setup.topic, unstorable.id, unstorable)
    publisher.publish(setup.topic, urdu.id, urdu)
    publisher.flush(30)

    first = setup.start_store()
    wanted = {english.id, urdu.id, after_garbage.id}
    wait_until(lambda: setup.stored_ids() == wanted, "the three good reports to be stored")
    letters = read_dead_letters(setup, expected=2)
    first.shut_down()

    by_reason = {headers["dlq.reason"]: (key, value, headers) for key, value, headers in letters}
    assert set(by_reason) == {"decode_error", "processing_error"}
    key, value, headers = by_reason["decode_error"]
    assert (key, value) == (b"shared-key", garbage)
    assert headers["dlq.source.topic"] == setup.topic
    assert headers["dlq.consumer.group"] == setup.group
    key, value, headers = by_reason["processing_error"]
    assert key == unstorable.id.encode()
    assert EngagementExtracted.model_validate_json(value) == unstorable
    assert "NUL character" in headers["dlq.error"]

    engine = make_engine(setup.database_url)
    with Session(engine) as session:
        report_counts = sorted(session.scalars(select(EngagementRow.report_count)))
        origins = {
            r.id: (r.kafka_topic, r.kafka_offset is not None) for r in session.scalars(select(ReportRow))
        }
    engine.dispose()
    assert report_counts == [1, 2]  # the English and Urdu calls merged; the visit alone
    assert set(origins.values()) == {(setup.topic, True)}

    # Offsets were committed after the database commit: a restarted group re-reads nothing ...
    second = setup.start_store()
    sentinel = engagement(article_id="late-1", type="visit", participants=[DAR], location=MOSCOW)
    publisher.publish(setup.topic, sentinel.id, sentinel)
    publisher.flush(30)
    wait_until(lambda: sentinel.id in setup.stored_ids(), "the restarted store to store a new report")
    second.shut_down()
    # ... and handles only the report published after the restart.
    assert second.handled == [sentinel.id]
