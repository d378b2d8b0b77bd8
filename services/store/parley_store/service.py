"""The store service: engagement reports in, merged engagements in the database out.

Consumes ``EngagementExtracted`` from the engagements topic and stores each batch in one transaction
(:func:`parley_store.storing.store_reports`). The handler returns only after the COMMIT, so the
consumer commits Kafka offsets only for reports that are durable; a redelivered report is recognised
by its id and changes nothing.

Failures are sorted by cause: a report the database rejects for its content raises
:class:`~parley_shared.kafka.PoisonMessage` (it goes to the dead-letter topic); a database that is
down or locked is waited for, because dead-lettering good reports during an outage would lose them
(a consumer stuck that long leaves its group; it rejoins, and the batch is redelivered, when the
database is back).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from parley_shared.kafka import EventConsumer, PoisonMessage, Received, consumer_health, ensure_topics
from parley_shared.logs import configure_logging
from parley_shared.ops import CachedHealth, ops_server, stop_event_on_signals
from parley_shared.schemas import EngagementExtracted
from prometheus_client import Counter, Histogram
from sqlalchemy import Engine, make_url
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import sessionmaker

from parley_store.db import make_engine, migrate, ping
from parley_store.merging import actor_key
from parley_store.orm import ID_MAX, KEY_MAX, LANGUAGE_MAX
from parley_store.repository import KafkaOrigin
from parley_store.settings import StoreSettings
from parley_store.storing import Incoming, StoreOutcome, store_reports
from parley_store.unit_of_work import AbstractUnitOfWork, SqlAlchemyUnitOfWork

log = logging.getLogger(__name__)

REPORTS = Counter("parley_store_reports_total", "Reports received, by outcome.", ["outcome"])
MERGED_UPDATES = Counter("parley_store_merged_updates_total", "Merged engagements written (new or changed).")
BATCH_SECONDS = Histogram(
    "parley_store_batch_seconds",
    "Time to store one batch, commit included.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)

OUTAGE_BACKOFF_MAX_S = 30.0


class StoppedDuringOutage(BaseException):
    """Shutdown was requested while the database was down: the batch is neither stored nor committed.

    A ``BaseException`` (like ``KeyboardInterrupt``) on purpose: the consumer's error handling, which
    would dead-letter the batch, catches ``Exception`` only, so this ends the consumer loop without
    committing, and the batch is redelivered once the store runs again.
    """


def storage_problem(event: EngagementExtracted) -> str | None:
    """Why ``event`` can't be stored whatever the backend, or ``None``.

    Checked before touching the database so SQLite (which stores anything) and PostgreSQL agree.
    """
    too_long = [
        f"{field} is {len(value)} characters long (at most {limit})"
        for field, value, limit in [
            ("id", event.id, ID_MAX),
            ("language", event.language, LANGUAGE_MAX),
            *((f"participants[{i}]", actor_key(p), KEY_MAX) for i, p in enumerate(event.participants)),
        ]
        if len(value) > limit
    ]
    if too_long:
        return "; ".join(too_long)
    if "\\u0000" in event.model_dump_json():
        return "a text field contains a NUL character (\\u0000), which PostgreSQL cannot store"
    return None


class StoreHandler:
    """Stores one batch of received reports; returns only after the database COMMIT.

    :param uow_factory: a fresh unit of work per attempt.
    :param stop: set at shutdown; ends the wait for a database that is down.
    :param clock: the receipt time stamped on new reports.
    """

    def __init__(
        self,
        uow_factory: Callable[[], AbstractUnitOfWork],
        stop: threading.Event,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._uow_factory = uow_factory
        self._stop = stop
        self._clock = clock

    def __call__(self, batch: list[Received[EngagementExtracted]]) -> None:
        problems = [(r, problem) for r in batch if (problem := storage_problem(r.value)) is not None]
        if problems:
            received, problem = problems[0]
            # With several messages the consumer retries them one by one, so only the bad ones go to the DLQ.
            raise PoisonMessage(f"report {received.value.id} can't be stored: {problem}")
        incoming = [Incoming(r.value, KafkaOrigin(r.topic, r.partition, r.offset)) for r in batch]
        started = time.perf_counter()
        outcome = self._store_waiting_out_outages(incoming)
        BATCH_SECONDS.observe(time.perf_counter() - started)
        REPORTS.labels("stored").inc(outcome.stored)
        REPORTS.labels("duplicate").inc(outcome.duplicates)
        MERGED_UPDATES.inc(len(outcome.merged_ids))
        log.info(
            "stored batch",
            extra={
                "stored": outcome.stored,
                "duplicates": outcome.duplicates,
                "merged": len(outcome.merged_ids),
            },
        )

    def _store_waiting_out_outages(self, incoming: list[Incoming]) -> StoreOutcome:
        backoff = 0.5
        while True:
            try:
                return store_reports(self._uow_factory(), incoming, self._clock())
            except (DataError, IntegrityError) as exc:
                raise PoisonMessage(f"the database rejected the report: {exc.orig}") from exc
            except (OperationalError, InterfaceError) as exc:
                log.warning(
                    "database unavailable; retrying", extra={"error": str(exc.orig), "wait_s": backoff}
                )
                if self._stop.wait(backoff):
                    raise StoppedDuringOutage(f"database unavailable at shutdown: {exc.orig}") from exc
                backoff = min(backoff * 2, OUTAGE_BACKOFF_MAX_S)


def database_health(engine: Engine) -> Callable[[], dict[str, Any]]:
    def check() -> dict[str, Any]:
        try:
            ping(engine)
        except Exception as exc:
            return {"status": "unavailable", "database": f"{type(exc).__name__}: {exc}"}
        return {"status": "ok", "database": "ok"}

    return check


def main() -> None:
    settings = StoreSettings()
    configure_logging(settings.log_level, "store")
    log.info(
        "migrating", extra={"database": make_url(settings.database_url).render_as_string(hide_password=True)}
    )
    migrate(settings.database_url)
    servers = settings.bootstrap_servers
    ensure_topics(
        servers, [settings.topic_engagements, settings.dead_letter_topic], settings.topic_partitions
    )
    consumer = EventConsumer.for_service(
        settings, topic=settings.topic_engagements, model=EngagementExtracted, client_id="parley-store"
    )
    stop = stop_event_on_signals()
    engine = make_engine(settings.database_url, writer=True)
    # Probes read through their own engine: on SQLite a writer connection would queue behind a batch.
    probe_engine = make_engine(settings.database_url)
    kafka_health = consumer_health(consumer, servers)
    db_health = database_health(probe_engine)

    def health() -> dict[str, Any]:
        kafka, database = kafka_health(), db_health()
        status = "ok" if kafka["status"] == database["status"] == "ok" else "unavailable"
        return {"status": status, "kafka": kafka, "database": database}

    try:
        with ops_server(settings.ops_port, settings.ops_host, CachedHealth(health)):
            sessions = sessionmaker(engine, expire_on_commit=False)
            consumer.run(StoreHandler(lambda: SqlAlchemyUnitOfWork(sessions), stop), stop)
    except StoppedDuringOutage as exc:
        log.warning(
            "stopped while the database was down; the last batch will be redelivered",
            extra={"error": str(exc)},
        )
    finally:
        engine.dispose()
        probe_engine.dispose()
        log.info("store stopped")
