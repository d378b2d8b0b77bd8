"""The extract service on real topics: seed articles in, engagement events out, failures to the DLQ."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka_reading import read_topic
from parley_extract.engine import extract
from parley_extract.service import ExtractionHandler
from parley_shared.kafka import EventConsumer, EventPublisher, encode
from parley_shared.schemas import Article, ArticleIngested, EngagementExtracted

pytestmark = pytest.mark.integration

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REPO = Path(__file__).resolve().parents[2]


def seed_article(prefix: str) -> ArticleIngested:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return ArticleIngested(
        id=path.stem, text=path.read_text(encoding="utf-8"), ingested_at=datetime.now(UTC), source="file"
    )


def is_dar_rubio_call_on_4_august(event: EngagementExtracted) -> bool:
    names = " ".join(p.name for p in event.participants)
    return (
        event.type == "call"
        and "Dar" in names
        and "Rubio" in names
        and event.date is not None
        and event.date.start == date(2025, 8, 4)
    )


@pytest.fixture
def topics(new_topic):
    return new_topic("raw", 2), new_topic("engagements", 2), new_topic("extract-dlq", 1)


@pytest.fixture
def producer(kafka_bootstrap):
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap)
    yield producer
    producer.close()


def run_extraction(kafka_bootstrap, topics, extract_function, group, until) -> None:
    """Run the extraction consumer in a thread until ``until()`` holds (checked after each batch)."""
    raw, engagements, dlq = topics
    publisher = EventPublisher([kafka_bootstrap], client_id="test-extract")
    handler = ExtractionHandler(extract_function, publisher, engagements, ack_timeout_s=20)
    consumer = EventConsumer(
        bootstrap_servers=[kafka_bootstrap],
        topic=raw,
        group_id=group,
        model=ArticleIngested,
        dead_letter_topic=dlq,
        client_id="test-extract",
        retry_backoff_s=0.05,
    )
    stop = threading.Event()
    errors = []

    def handle(batch):
        try:
            handler(batch)
        finally:
            if until():
                stop.set()

    def loop():
        try:
            consumer.run(handle, stop)
        except Exception as exc:
            errors.append(exc)
            stop.set()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    stop.wait(120)
    stop.set()
    thread.join(30)
    publisher.close()
    assert not errors, errors
    assert until(), "the consumer did not get there in time"


def test_the_seed_call_between_dar_and_rubio_comes_out_on_the_engagements_topic(
    kafka_bootstrap, topics, producer
):
    raw, engagements, dlq = topics
    article = seed_article("001")
    producer.send(raw, key=article.id.encode(), value=encode(article)).get(timeout=30)
    group = f"test-extract-{uuid.uuid4().hex[:8]}"
    handled = []

    def counting_extract(a: Article) -> list[EngagementExtracted]:
        handled.append(a.id)
        return extract(a)

    run_extraction(kafka_bootstrap, topics, counting_extract, group, until=lambda: bool(handled))

    records = read_topic(kafka_bootstrap, engagements)
    events = [EngagementExtracted.model_validate_json(r.value) for r in records]
    assert any(is_dar_rubio_call_on_4_august(e) for e in events), [e.model_dump(mode="json") for e in events]
    assert all(e.article_id == article.id for e in events)
    assert [r.key.decode() for r in records] == [e.id for e in events]
    assert all(dict(r.headers)["schema"] == b"EngagementExtracted" for r in records)
    assert read_topic(kafka_bootstrap, dlq, idle_ms=1000) == []
    committed = KafkaConsumer(bootstrap_servers=kafka_bootstrap, group_id=group, enable_auto_commit=False)
    try:
        assert sum(committed.committed(TopicPartition(raw, p)) or 0 for p in (0, 1)) == 1
    finally:
        committed.close()


def test_an_article_the_engine_fails_on_goes_to_the_dlq_and_the_others_are_extracted(
    kafka_bootstrap, topics, producer
):
    raw, engagements, dlq = topics
    good, bad = seed_article("001"), seed_article("002")
    for article in (bad, good):
        producer.send(raw, key=article.id.encode(), value=encode(article), partition=0)
    producer.flush()
    attempts: list[str] = []

    def failing_on_bad(a: Article) -> list[EngagementExtracted]:
        attempts.append(a.id)
        if a.id == bad.id:
            raise IndexError("string index out of range")
        return extract(a)

    run_extraction(
        kafka_bootstrap,
        topics,
        failing_on_bad,
        f"test-{uuid.uuid4().hex[:8]}",
        until=lambda: good.id in attempts,
    )

    [letter] = read_topic(kafka_bootstrap, dlq)
    headers = {k: v.decode() for k, v in letter.headers}
    assert letter.key == bad.id.encode() and letter.value == encode(bad)
    assert headers["dlq.reason"] == "processing_error"
    assert (
        headers["dlq.error"]
        == f"extraction failed for article {bad.id}: IndexError: string index out of range"
    )
    events = [
        EngagementExtracted.model_validate_json(r.value) for r in read_topic(kafka_bootstrap, engagements)
    ]
    assert {e.article_id for e in events} == {good.id}
    assert any(is_dar_rubio_call_on_4_august(e) for e in events)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode()


def test_the_service_process_extracts_reports_health_and_stops_on_sigterm(
    kafka_bootstrap, topics, producer, tmp_path
):
    raw, engagements, dlq = topics
    ops_port = free_port()
    env = os.environ | {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "PARLEY_TOPIC_ARTICLES": raw,
        "PARLEY_TOPIC_ENGAGEMENTS": engagements,
        "EXTRACT_DLQ_TOPIC": dlq,
        "EXTRACT_GROUP_ID": f"test-extract-{uuid.uuid4().hex[:8]}",
        "EXTRACT_OPS_PORT": str(ops_port),
    }
    article = seed_article("001")
    producer.send(raw, key=article.id.encode(), value=encode(article)).get(timeout=30)

    log_path = tmp_path / "extract.log"
    with log_path.open("w") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "parley_extract"], cwd=REPO, env=env, stderr=log_file
        )
    try:
        deadline = time.monotonic() + 90
        events: list[EngagementExtracted] = []
        while not events and time.monotonic() < deadline and process.poll() is None:
            events = [
                EngagementExtracted.model_validate_json(r.value)
                for r in read_topic(kafka_bootstrap, engagements, 1000)
            ]
        assert any(is_dar_rubio_call_on_4_august(e) for e in events)

        status, body = http_get(f"http://127.0.0.1:{ops_port}/health")
        assert status == 200 and json.loads(body)["status"] == "ok"
        status, metrics = http_get(f"http://127.0.0.1:{ops_port}/metrics")
        assert "parley_extract_articles_total 1.0" in metrics
        assert 'parley_extract_engagements_total{type="call"}' in metrics

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    log = log_path.read_text()
    assert "level=INFO service=extract" in log and "extract stopped" in log
