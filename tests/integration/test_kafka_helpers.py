"""parley_shared.kafka against the real broker: publishing, topic creation, the at-least-once consumer
loop with its dead-letter topic, and offset commits."""

import argparse
import json
import threading
import uuid
from datetime import UTC, datetime

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka_reading import read_topic
from parley_shared import tail
from parley_shared.kafka import (
    EventConsumer,
    EventPublisher,
    PoisonMessage,
    Received,
    Undecodable,
    encode,
    ensure_topics,
    follow,
)
from parley_shared.schemas import ArticleIngested, EngagementExtracted

pytestmark = pytest.mark.integration

NOW = datetime(2025, 8, 5, 9, tzinfo=UTC)


def article(article_id: str, text: str = "Ishaq Dar spoke with Marco Rubio.") -> ArticleIngested:
    return ArticleIngested(id=article_id, text=text, ingested_at=NOW)


@pytest.fixture
def raw_producer(kafka_bootstrap):
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap)
    yield producer
    producer.close()


def run_consumer_until(
    consumer: EventConsumer, handler, done: threading.Event, timeout_s: float = 60
) -> None:
    """Run the loop in a thread until ``done`` is set by the handler; fail if that takes too long."""
    stop = threading.Event()
    errors = []

    def loop():
        try:
            consumer.run(handler, stop)
        except Exception as exc:  # surfaced below, so the test fails with the loop's own error
            errors.append(exc)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    finished = done.wait(timeout_s)
    stop.set()
    thread.join(30)
    assert not errors, errors
    assert finished, "the consumer did not handle the expected messages in time"
    assert not thread.is_alive()


def test_published_events_arrive_as_json_keyed_and_labelled(kafka_bootstrap, new_topic):
    topic = new_topic("publish", 1)
    publisher = EventPublisher([kafka_bootstrap], client_id="test-publisher")
    try:
        metadata = publisher.publish(topic, "dawn-1", article("dawn-1"), headers={"trace": "t-1"}).get(
            timeout=30
        )
    finally:
        publisher.close()

    [record] = read_topic(kafka_bootstrap, topic)
    assert (record.partition, record.offset) == (metadata.partition, metadata.offset)
    assert record.key == b"dawn-1"
    assert ArticleIngested.model_validate_json(record.value) == article("dawn-1")
    assert dict(record.headers) == {
        "content-type": b"application/json",
        "schema": b"ArticleIngested",
        "schema-version": b"1",
        "trace": b"t-1",
    }


def test_ensure_topics_creates_missing_topics_and_leaves_existing_ones(kafka_bootstrap, new_topic):
    existing = new_topic("existing", 1)
    missing = f"test.ensure.{uuid.uuid4().hex[:10]}"
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    try:
        ensure_topics([kafka_bootstrap], [existing, missing], partitions=3)
        ensure_topics([kafka_bootstrap], [existing, missing], partitions=3)  # idempotent

        described = {t["name"]: len(t["partitions"]) for t in admin.describe_topics([existing, missing])}
        assert described == {existing: 1, missing: 3}
    finally:
        admin.delete_topics([missing])
        admin.close()


def test_poison_messages_go_to_the_dlq_and_the_partition_moves_on_and_commits(
    kafka_bootstrap, new_topic, raw_producer
):
    source, dlq = new_topic("source", 1), new_topic("dlq", 1)
    group = f"test-group-{uuid.uuid4().hex[:8]}"
    wrong_shape = json.dumps({"id": "x", "text": "no ingested_at"}).encode()
    sends = [
        (b"a", encode(article("a"))),
        (b"garbage", b"\xff not json at all"),
        (b"wrong", wrong_shape),
        (b"b", encode(article("b"))),
        (b"poison", encode(article("poison"))),
        (b"flaky", encode(article("flaky"))),
        (b"c", encode(article("c"))),
    ]
    for key, value in sends:
        raw_producer.send(source, key=key, value=value, headers=[("origin", b"test")])
    raw_producer.flush()

    handled: list[str] = []
    flaky_failures = []
    done = threading.Event()

    def handle(batch: list[Received[ArticleIngested]]) -> None:
        for received in batch:
            if received.value.id == "poison":
                raise PoisonMessage("article 'poison' is unprocessable: text is a test fixture")
            if received.value.id == "flaky" and not flaky_failures:
                flaky_failures.append(received.offset)
                raise ConnectionError("database briefly away")
        handled.extend(received.value.id for received in batch)
        if "c" in handled:
            done.set()

    consumer = EventConsumer(
        bootstrap_servers=[kafka_bootstrap],
        topic=source,
        group_id=group,
        model=ArticleIngested,
        dead_letter_topic=dlq,
        client_id="test-consumer",
        retry_backoff_s=0.05,
    )
    run_consumer_until(consumer, handle, done)

    # Everything but the three bad messages was handled (the flaky one after its retry), in order.
    assert [i for i in dict.fromkeys(handled)] == ["a", "b", "flaky", "c"]
    assert len(flaky_failures) == 1

    letters = read_topic(kafka_bootstrap, dlq)
    assert [(r.key, r.value) for r in letters] == [
        (b"garbage", b"\xff not json at all"),
        (b"wrong", wrong_shape),
        (b"poison", encode(article("poison"))),
    ]
    headers = [{k: v.decode() for k, v in r.headers} for r in letters]
    assert [h["dlq.reason"] for h in headers] == ["decode_error", "validation_error", "processing_error"]
    assert [h["dlq.source.offset"] for h in headers] == ["1", "2", "4"]
    assert all(h["dlq.source.topic"] == source and h["dlq.source.partition"] == "0" for h in headers)
    assert all(h["dlq.consumer.group"] == group and h["origin"] == "test" for h in headers)
    assert "Invalid JSON" in headers[0]["dlq.error"]
    assert "ingested_at" in headers[1]["dlq.error"] and "Field required" in headers[1]["dlq.error"]
    assert headers[2]["dlq.error"] == "article 'poison' is unprocessable: text is a test fixture"
    assert datetime.fromisoformat(headers[0]["dlq.failed_at"]).tzinfo is not None

    # The group's committed offset is past the last message: a restart re-reads nothing.
    checker = KafkaConsumer(bootstrap_servers=kafka_bootstrap, group_id=group, enable_auto_commit=False)
    try:
        assert checker.committed(TopicPartition(source, 0)) == len(sends)
    finally:
        checker.close()


def test_a_restarted_consumer_resumes_after_the_committed_offset(kafka_bootstrap, new_topic, raw_producer):
    source, dlq = new_topic("resume", 2), new_topic("resume-dlq", 1)
    group = f"test-group-{uuid.uuid4().hex[:8]}"

    def consume_ids(expected: int) -> list[str]:
        seen: list[str] = []
        done = threading.Event()

        def handle(batch):
            seen.extend(r.value.id for r in batch)
            if len(seen) >= expected:
                done.set()

        consumer = EventConsumer(
            bootstrap_servers=[kafka_bootstrap],
            topic=source,
            group_id=group,
            model=ArticleIngested,
            dead_letter_topic=dlq,
            client_id="test-resume",
        )
        run_consumer_until(consumer, handle, done)
        return seen

    for name in ("first-1", "first-2", "first-3"):
        raw_producer.send(source, key=name.encode(), value=encode(article(name)))
    raw_producer.flush()
    assert sorted(consume_ids(3)) == ["first-1", "first-2", "first-3"]

    raw_producer.send(source, key=b"second", value=encode(article("second"))).get(timeout=30)
    assert consume_ids(1) == ["second"]
    assert read_topic(kafka_bootstrap, dlq, idle_ms=1000) == []


def test_follow_yields_new_events_and_reports_undecodable_ones(kafka_bootstrap, new_topic, raw_producer):
    topic = new_topic("follow", 1)
    raw_producer.send(topic, key=b"a", value=encode(article("a")))
    raw_producer.send(topic, key=b"bad", value=b"{")
    raw_producer.flush()

    events = follow(
        bootstrap_servers=[kafka_bootstrap],
        topic=topic,
        model=ArticleIngested,
        client_id="test-follow",
        from_beginning=True,
    )
    try:
        first, second = next(events), next(events)
    finally:
        events.close()

    assert isinstance(first, Received) and first.value == article("a") and first.key == "a"
    assert isinstance(second, Undecodable) and second.offset == 1 and "EOF" in second.error


def test_parley_tail_prints_engagements_from_the_topic(kafka_bootstrap, new_topic, monkeypatch, capsys):
    topic = new_topic("tail", 1)
    call = EngagementExtracted.model_validate(
        {
            "id": "e-1", "article_id": "dawn-1", "type": "call", "status": "happened",
            "participants": [
                {"name": "Ishaq Dar", "country": "PAK"},
                {"name": "Marco Rubio", "country": "USA"},
            ],
            "date": {"start": "2025-08-04", "end": "2025-08-04", "text": "August 4"},
            "evidence": [{"text": "Dar spoke with Rubio", "start": 0, "end": 20}],
            "confidence": 0.9, "language": "en", "extractor": {"name": "test", "version": "1"},
        }
    )  # fmt: skip
    visit = call.model_copy(update={"id": "e-2", "type": "visit", "participants": call.participants[:1]})
    publisher = EventPublisher([kafka_bootstrap], client_id="test-tail")
    for event in (call, visit):
        publisher.publish(topic, event.id, event)
    publisher.flush(30)
    publisher.close()
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", kafka_bootstrap)
    monkeypatch.setenv("PARLEY_TOPIC_ENGAGEMENTS", topic)

    human = tail.run(argparse.Namespace(from_beginning=True, group=None, json=False, limit=2))
    human_lines = capsys.readouterr().out.splitlines()
    as_json = tail.run(argparse.Namespace(from_beginning=True, group=None, json=True, limit=1))
    json_lines = capsys.readouterr().out.splitlines()

    assert human == as_json == 0
    assert human_lines == [tail.format_engagement(call), tail.format_engagement(visit)]
    assert human_lines[0].startswith("2025-08-04  call     happened   Ishaq Dar (PAK) + Marco Rubio (USA)")
    assert [EngagementExtracted.model_validate_json(line) for line in json_lines] == [call]
