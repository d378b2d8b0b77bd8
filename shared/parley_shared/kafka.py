"""Kafka adapters: the only place where Parley's events become bytes and bytes become events.

Services publish pydantic events with :class:`EventPublisher` and consume them with :class:`EventConsumer`;
neither ever sees a byte string. Delivery is at-least-once end to end:

- the producer waits for all in-sync replicas (``acks="all"``) and is idempotent, so its own retries
  never duplicate a record;
- the consumer commits a batch's offsets only after the handler returned, i.e. after the handler made
  its side effect durable (a database commit, or a flushed producer);
- a message that can never succeed (undecodable, invalid, or failing again and again) goes to the
  consumer's dead-letter topic unchanged, with ``dlq.*`` headers explaining why, and the partition
  moves on. Dead letters are acknowledged by the broker before the offsets are committed.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Generator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, Literal, Protocol, TypeVar

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, OffsetAndMetadata, TopicPartition
from kafka.errors import CommitFailedError, TopicAlreadyExistsError
from kafka.producer.future import FutureRecordMetadata
from prometheus_client import Counter
from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)

SCHEMA_VERSION = "1"
DLQ_ERROR_MAX_BYTES = 2048
DeadLetterReason = Literal["decode_error", "validation_error", "processing_error"]

CONSUMED = Counter("parley_consumer_messages_total", "Messages polled from Kafka.", ["group", "topic"])
DEAD_LETTERED = Counter(
    "parley_consumer_dead_lettered_total", "Messages sent to a dead-letter topic.", ["group", "reason"]
)
BATCHES = Counter("parley_consumer_batches_total", "Batches handled and committed.", ["group"])


# --------------------------------------------------------------------------- encoding


def encode(event: BaseModel) -> bytes:
    """The wire form of an event: its UTF-8 JSON."""
    return event.model_dump_json().encode("utf-8")


def decode(model: type[T], raw: bytes | None) -> T:
    """Parse and validate one message value.

    :raises pydantic.ValidationError: the bytes are not JSON, or not a valid ``model``.
    :raises ValueError: the message has no value at all (a tombstone).
    """
    if raw is None:
        raise ValueError("message has no value (tombstone)")
    return model.model_validate_json(raw)


def event_headers(event: BaseModel) -> dict[str, str]:
    """Headers every produced message carries, so consumers can route without parsing the body."""
    return {
        "content-type": "application/json",
        "schema": type(event).__name__,
        "schema-version": SCHEMA_VERSION,
    }


def _header_pairs(headers: dict[str, str]) -> list[tuple[str, bytes]]:
    return [(name, value.encode("utf-8")) for name, value in headers.items()]


def _header_dict(pairs: Sequence[tuple[str, bytes | None]] | None) -> dict[str, str]:
    return {name: (value or b"").decode("utf-8", errors="replace") for name, value in pairs or ()}


# --------------------------------------------------------------------------- producing


class Publisher(Protocol):
    """What services need from :class:`EventPublisher`; tests may pass an in-memory stand-in."""

    def publish(self, topic: str, key: str, event: BaseModel, headers: dict[str, str] | None = None) -> Any:
        """Queue one event; the result's ``get(timeout)`` waits for the broker's acknowledgement."""

    def flush(self, timeout: float | None = None) -> None:
        """Wait until every queued event is acknowledged or has failed."""

    def broker_problem(self, timeout_s: float = 1.0) -> str | None:
        """``None`` when the broker is reachable, else why not."""


class EventPublisher:
    """Publishes events as JSON with durable, idempotent delivery.

    :param bootstrap_servers: ``host:port`` list (``KAFKA_BOOTSTRAP_SERVERS``).
    :param client_id: names this producer in broker logs, e.g. ``parley-ingest``.
    :param producer_overrides: further ``KafkaProducer`` options, e.g. ``max_block_ms``.
    """

    def __init__(self, bootstrap_servers: list[str], client_id: str, **producer_overrides: Any) -> None:
        config: dict[str, Any] = {
            "bootstrap_servers": bootstrap_servers,
            "client_id": client_id,
            "acks": "all",
            "enable_idempotence": True,
            # A few ms of batching costs nothing noticeable and makes batch endpoints far cheaper.
            "linger_ms": 5,
        }
        config.update(producer_overrides)
        self._bootstrap_servers = bootstrap_servers
        self._producer = KafkaProducer(**config)

    def publish(
        self, topic: str, key: str, event: BaseModel, headers: dict[str, str] | None = None
    ) -> FutureRecordMetadata:
        """Queue one event; ``.get(timeout)`` on the result waits for the broker's acknowledgement."""
        all_headers = event_headers(event) | (headers or {})
        return self._producer.send(
            topic, value=encode(event), key=key.encode("utf-8"), headers=_header_pairs(all_headers)
        )

    def flush(self, timeout: float | None = None) -> None:
        """Send everything queued and wait until each record is acknowledged or has failed."""
        self._producer.flush(timeout)

    def close(self, timeout: float | None = None) -> None:
        self._producer.close(timeout)

    def broker_problem(self, timeout_s: float = 1.0) -> str | None:
        """``None`` when a bootstrap broker of this publisher is reachable, else why none is."""
        return broker_problem(self._bootstrap_servers, timeout_s)


def wait_for_acks(futures: Sequence[FutureRecordMetadata], timeout_s: float) -> None:
    """Block until every record is acknowledged; raise the first failure (or a timeout)."""
    deadline = time.monotonic() + timeout_s
    for future in futures:
        future.get(timeout=max(0.0, deadline - time.monotonic()))


# --------------------------------------------------------------------------- administration


def ensure_topics(bootstrap_servers: list[str], topics: Sequence[str], partitions: int) -> None:
    """Create the topics that don't exist yet (existing ones are left as they are)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="parley-admin")
    try:
        for topic in topics:
            try:
                admin.create_topics({topic: {"num_partitions": partitions}}, wait_for_metadata=True)
                log.info("created topic", extra={"topic": topic, "partitions": partitions})
            except TopicAlreadyExistsError:
                log.debug("topic already exists", extra={"topic": topic})
    finally:
        admin.close()


def broker_problem(bootstrap_servers: list[str], timeout_s: float = 1.0) -> str | None:
    """``None`` when some bootstrap broker accepts a TCP connection, else why none did.

    A cheap probe for ``/health``: it doesn't prove the cluster is writable, but it tells a dead or
    unreachable broker apart from a working one without a full Kafka round trip per probe.
    """
    failures = []
    for server in bootstrap_servers:
        host, _, port = server.rpartition(":")
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s):
                return None
        except OSError as exc:
            failures.append(f"{server}: {exc}")
    return "no Kafka broker reachable (" + "; ".join(failures) + ")"


# --------------------------------------------------------------------------- consuming


@dataclass(frozen=True)
class Received(Generic[T]):
    """One decoded message and where it came from."""

    value: T
    key: str | None
    topic: str
    partition: int
    offset: int
    headers: dict[str, str]


def _received(value: T, record: Any) -> Received[T]:
    key = None if record.key is None else record.key.decode("utf-8", errors="replace")
    return Received(value, key, record.topic, record.partition, record.offset, _header_dict(record.headers))


class PoisonMessage(Exception):
    """Raise from a handler for a message that can never succeed (bad content): it goes to the DLQ at once."""


@dataclass(frozen=True)
class _DeadLetter:
    record: Any  # kafka.consumer.fetcher.ConsumerRecord
    reason: DeadLetterReason
    error: str


def _truncate(text: str, max_bytes: int = DLQ_ERROR_MAX_BYTES) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[: max_bytes - 3].decode("utf-8", errors="ignore") + "..."


def _decode_failure_reason(exc: Exception) -> DeadLetterReason:
    """Bytes that aren't JSON at all are a decode error; JSON that breaks the schema is a validation error."""
    if isinstance(exc, ValidationError) and any(e["type"] != "json_invalid" for e in exc.errors()):
        return "validation_error"
    return "decode_error"


class ConsumerSettings(Protocol):
    """What a consumer service's settings say about its consumer group."""

    @property
    def bootstrap_servers(self) -> list[str]: ...
    @property
    def group_id(self) -> str: ...
    @property
    def dead_letter_topic(self) -> str: ...
    @property
    def max_batch(self) -> int: ...


class EventConsumer(Generic[T]):
    """At-least-once consumer loop: decode -> handler -> commit.

    Poison messages go to the dead-letter topic and the partition moves on.

    :param bootstrap_servers: ``host:port`` list.
    :param topic: the topic to consume.
    :param group_id: the consumer group; offsets are committed for it.
    :param model: the event type every message must decode to.
    :param dead_letter_topic: where messages that can never succeed are sent, unchanged.
    :param client_id: names this consumer (and its dead-letter producer) in broker logs.
    :param max_batch: most messages handed to the handler at once.
    :param retries: when a batch fails, each of its messages is handled alone; a message that then
        raises anything but :class:`PoisonMessage` is retried this many times before it is dead-lettered.
    :param retry_backoff_s: wait before the first retry; doubles for each further one.
    :param poll_timeout_ms: how long one poll waits for messages; bounds how fast ``stop`` is noticed.
    """

    @classmethod
    def for_service(
        cls, settings: ConsumerSettings, *, topic: str, model: type[T], client_id: str
    ) -> EventConsumer[T]:
        """The consumer a service's settings describe (group, dead-letter topic, batch size)."""
        return cls(
            bootstrap_servers=settings.bootstrap_servers,
            topic=topic,
            group_id=settings.group_id,
            model=model,
            dead_letter_topic=settings.dead_letter_topic,
            client_id=client_id,
            max_batch=settings.max_batch,
        )

    def __init__(
        self,
        *,
        bootstrap_servers: list[str],
        topic: str,
        group_id: str,
        model: type[T],
        dead_letter_topic: str,
        client_id: str,
        max_batch: int = 500,
        retries: int = 2,
        retry_backoff_s: float = 0.5,
        poll_timeout_ms: int = 500,
    ) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._topic = topic
        self._group_id = group_id
        self._model = model
        self._dead_letter_topic = dead_letter_topic
        self._client_id = client_id
        self._max_batch = max_batch
        self._retries = retries
        self._retry_backoff_s = retry_backoff_s
        self._poll_timeout_ms = poll_timeout_ms
        self._last_poll: float | None = None

    @property
    def seconds_since_poll(self) -> float | None:
        """How long ago the loop last polled (``None`` before the first poll): a stuck loop shows here."""
        return None if self._last_poll is None else time.monotonic() - self._last_poll

    def run(self, handle_batch: Callable[[list[Received[T]]], None], stop: threading.Event) -> None:
        """Consume until ``stop`` is set. Raises if dead letters can't be delivered (nothing is committed)."""
        with ExitStack() as cleanup:
            consumer = KafkaConsumer(
                bootstrap_servers=self._bootstrap_servers,
                group_id=self._group_id,
                client_id=self._client_id,
                enable_auto_commit=False,
                auto_offset_reset="earliest",
                max_poll_records=self._max_batch,
            )
            cleanup.callback(
                log.info, "consumer closed", extra={"topic": self._topic, "group": self._group_id}
            )
            cleanup.callback(consumer.close, autocommit=False)
            dead_letters = KafkaProducer(
                bootstrap_servers=self._bootstrap_servers,
                client_id=f"{self._client_id}-dlq",
                acks="all",
                enable_idempotence=True,
            )
            cleanup.callback(dead_letters.close, timeout=10)
            consumer.subscribe([self._topic])
            log.info("consuming", extra={"topic": self._topic, "group": self._group_id})
            while not stop.is_set():
                polled = consumer.poll(timeout_ms=self._poll_timeout_ms, max_records=self._max_batch)
                self._last_poll = time.monotonic()
                records = [record for partition_records in polled.values() for record in partition_records]
                if records:
                    CONSUMED.labels(self._group_id, self._topic).inc(len(records))
                    self._dead_letter(dead_letters, self._process(records, handle_batch))
                    self._commit(consumer, records)

    def _process(
        self, records: list[Any], handle_batch: Callable[[list[Received[T]]], None]
    ) -> list[_DeadLetter]:
        """Hand the decodable messages to the handler; return the ones that must be dead-lettered."""
        dead: list[_DeadLetter] = []
        decoded: list[tuple[Any, Received[T]]] = []
        for record in records:
            try:
                value = decode(self._model, record.value)
            except ValueError as exc:  # pydantic's ValidationError is a ValueError too
                dead.append(_DeadLetter(record, _decode_failure_reason(exc), str(exc)))
                continue
            decoded.append((record, _received(value, record)))
        if not decoded:
            return dead
        try:
            handle_batch([received for _, received in decoded])
        except Exception as exc:
            if isinstance(exc, PoisonMessage) and len(decoded) == 1:
                dead.append(_DeadLetter(decoded[0][0], "processing_error", str(exc) or "poison message"))
                return dead
            log.warning("batch failed; retrying its messages one by one", extra={"error": repr(exc)})
            dead.extend(self._handle_one_by_one(decoded, handle_batch))
        return dead

    def _handle_one_by_one(
        self, decoded: list[tuple[Any, Received[T]]], handle_batch: Callable[[list[Received[T]]], None]
    ) -> list[_DeadLetter]:
        dead = []
        for record, received in decoded:
            error = self._handle_with_retries(received, handle_batch)
            if error is not None:
                dead.append(_DeadLetter(record, "processing_error", error))
        return dead

    def _handle_with_retries(
        self, received: Received[T], handle_batch: Callable[[list[Received[T]]], None]
    ) -> str | None:
        """Handle one message, retrying transient failures; return why it must be dead-lettered, or None."""
        last_error: Exception | None = None
        for attempt in range(self._retries + 1):
            if attempt:
                time.sleep(self._retry_backoff_s * 2 ** (attempt - 1))
            try:
                handle_batch([received])
                return None
            except PoisonMessage as exc:
                return str(exc) or "poison message"
            except Exception as exc:
                last_error = exc
                log.warning(
                    "message failed",
                    extra={"partition": received.partition, "offset": received.offset, "error": repr(exc)},
                )
        return f"failed {self._retries + 1} times; last error: {type(last_error).__name__}: {last_error}"

    def _dead_letter(self, producer: Any, dead: list[_DeadLetter]) -> None:
        futures = []
        failed_at = datetime.now(UTC).isoformat()
        for letter in dead:
            record = letter.record
            headers = _header_dict(record.headers) | {
                "dlq.reason": letter.reason,
                "dlq.error": _truncate(letter.error),
                "dlq.source.topic": record.topic,
                "dlq.source.partition": str(record.partition),
                "dlq.source.offset": str(record.offset),
                "dlq.consumer.group": self._group_id,
                "dlq.failed_at": failed_at,
            }
            # A record with neither key nor value can't be produced; an empty value keeps its headers.
            value = record.value if record.value is not None or record.key is not None else b""
            futures.append(
                producer.send(
                    self._dead_letter_topic, value=value, key=record.key, headers=_header_pairs(headers)
                )
            )
            log.warning(
                "dead-lettering message",
                extra={
                    "source": f"{record.topic}/{record.partition}/{record.offset}",
                    "reason": letter.reason,
                    "error": _truncate(letter.error, 300),
                },
            )
        if futures:
            producer.flush()
            wait_for_acks(futures, timeout_s=30)
            for letter in dead:
                DEAD_LETTERED.labels(self._group_id, letter.reason).inc()

    def _commit(self, consumer: Any, records: list[Any]) -> None:
        next_offsets: dict[Any, Any] = {}
        for record in records:
            partition = TopicPartition(record.topic, record.partition)
            next_offsets[partition] = OffsetAndMetadata(record.offset + 1, "", record.leader_epoch)
        try:
            consumer.commit(next_offsets)
        except CommitFailedError as exc:
            # The group rebalanced under us: the partitions' new owner re-reads these messages.
            log.warning("offset commit failed after a rebalance", extra={"error": str(exc)})
            return
        BATCHES.labels(self._group_id).inc()


def consumer_health(
    consumer: EventConsumer[Any], bootstrap_servers: list[str], stall_after_s: float = 300.0
) -> Callable[[], dict[str, Any]]:
    """A health check for a consumer service: the broker is reachable and the loop keeps polling.

    :param stall_after_s: a loop that hasn't polled for this long is reported ``stalled`` (a handler
        stuck that long also loses its partitions, as ``max_poll_interval_ms`` defaults to 300 s).
    """

    def check() -> dict[str, Any]:
        problem = broker_problem(bootstrap_servers)
        if problem is not None:
            return {"status": "unavailable", "kafka": problem}
        silence = consumer.seconds_since_poll
        if silence is not None and silence > stall_after_s:
            return {"status": "stalled", "kafka": "reachable", "seconds_since_poll": round(silence, 1)}
        return {
            "status": "ok",
            "kafka": "reachable",
            "seconds_since_poll": None if silence is None else round(silence, 1),
        }

    return check


@dataclass(frozen=True)
class Undecodable:
    """A message :func:`follow` could not decode, and why."""

    topic: str
    partition: int
    offset: int
    error: str


def follow(
    *,
    bootstrap_servers: list[str],
    topic: str,
    model: type[T],
    client_id: str,
    group_id: str | None = None,
    from_beginning: bool = False,
    poll_timeout_ms: int = 500,
) -> Generator[Received[T] | Undecodable, None, None]:
    """Yield a topic's messages as they arrive, for watching rather than processing (``parley tail``).

    Without ``group_id`` every partition is read and nothing is committed. With one, offsets are
    auto-committed, so the next run continues where this one stopped. ``from_beginning`` applies when
    there is no committed offset: read the retained history first instead of only new messages.
    Closing the generator closes the consumer.
    """
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        group_id=group_id,
        enable_auto_commit=group_id is not None,
        auto_offset_reset="earliest" if from_beginning else "latest",
    )
    try:
        consumer.subscribe([topic])
        while True:
            for records in consumer.poll(timeout_ms=poll_timeout_ms).values():
                for record in records:
                    try:
                        value = decode(model, record.value)
                    except ValueError as exc:
                        yield Undecodable(record.topic, record.partition, record.offset, str(exc))
                        continue
                    yield _received(value, record)
    finally:
        consumer.close()
