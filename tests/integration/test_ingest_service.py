"""The ingest API served by uvicorn, publishing through the real broker, and ``parley ingest`` against it."""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
import uvicorn
from kafka import KafkaAdminClient
from kafka_reading import read_topic
from parley_ingest import cli as ingest_cli
from parley_ingest.app import create_app
from parley_ingest.dedup import SqliteDedupStore
from parley_ingest.settings import IngestSettings
from parley_shared.kafka import EventPublisher
from parley_shared.schemas import ArticleIngested, derive_article_id

pytestmark = pytest.mark.integration

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(app) -> tuple[str, uvicorn.Server, threading.Thread]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


@pytest.fixture
def ingest(kafka_bootstrap, new_topic, tmp_path):
    """A running ingest service on a fresh topic: yields (base URL, topic)."""
    topic = new_topic("articles", 3)
    settings = IngestSettings(
        kafka_bootstrap_servers=kafka_bootstrap, topic_articles=topic, ack_timeout_s=20, max_batch=50
    )
    publisher = EventPublisher([kafka_bootstrap], client_id="test-ingest")
    dedup = SqliteDedupStore(tmp_path / "dedup.sqlite3")
    url, server, thread = serve(create_app(settings, publisher, dedup))
    yield url, topic
    server.should_exit = True
    thread.join(20)
    publisher.close()
    dedup.close()


def test_a_posted_article_is_on_the_raw_topic_once_the_response_says_accepted(ingest, kafka_bootstrap):
    url, topic = ingest
    body = {
        "url": "https://www.dawn.example/news/1",
        "title": "Dar, Rubio talk",
        "published_at": "2025-08-05T09:00:00+05:00",
        "language": "en",
        "text": "Ishaq Dar held a telephone conversation with Marco Rubio on August 4.",
    }

    response = httpx.post(f"{url}/articles", json=body, timeout=30)

    expected_id = derive_article_id(body["url"], body["text"])
    assert response.status_code == 202
    assert response.json() == {"id": expected_id, "status": "accepted"}
    [record] = read_topic(kafka_bootstrap, topic)
    event = ArticleIngested.model_validate_json(record.value)
    assert record.key == expected_id.encode()
    assert dict(record.headers)["schema"] == b"ArticleIngested"
    assert (event.id, event.url, event.title, event.source) == (
        expected_id,
        body["url"],
        body["title"],
        "http",
    )
    assert event.published_at.isoformat() == "2025-08-05T09:00:00+05:00"


def test_duplicates_are_not_republished_but_updates_are(ingest, kafka_bootstrap):
    url, topic = ingest
    original = {"id": "dawn-42", "text": "Dar met Rubio in Washington."}
    corrected = {**original, "text": "Dar met Rubio in Washington on Friday."}

    statuses = [
        httpx.post(f"{url}/articles", json=b, timeout=30).json()["status"]
        for b in (original, original, corrected)
    ]

    assert statuses == ["accepted", "duplicate", "updated"]
    texts = [ArticleIngested.model_validate_json(r.value).text for r in read_topic(kafka_bootstrap, topic)]
    assert texts == [original["text"], corrected["text"]]


def test_a_batch_with_an_invalid_item_publishes_the_valid_ones(ingest, kafka_bootstrap):
    url, topic = ingest
    batch = [
        {"id": "b-1", "text": "Lavrov met Wang Yi."},
        {"id": "b-2", "text": "Erdogan hosted Zelensky.", "published_at": "last Tuesday"},
        {"id": "b-3", "text": "Jaishankar called Blinken."},
    ]

    response = httpx.post(f"{url}/articles/batch", json=batch, timeout=30)

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "invalid", "accepted"]
    assert results[1]["errors"][0]["field"] == "published_at"
    assert "valid datetime" in results[1]["errors"][0]["message"]
    assert sorted(r.key for r in read_topic(kafka_bootstrap, topic)) == [b"b-1", b"b-3"]


def test_health_reports_the_broker_reachable(ingest):
    url, _ = ingest

    response = httpx.get(f"{url}/health", timeout=10)

    assert (response.status_code, response.json()) == (200, {"status": "ok", "kafka": "reachable"})


def test_an_unacknowledged_publish_is_a_503_and_is_not_remembered(kafka_bootstrap, tmp_path):
    # A topic that doesn't exist, with auto-creation off: the broker never acknowledges.
    settings = IngestSettings(
        kafka_bootstrap_servers=kafka_bootstrap, topic_articles="test.missing.topic", ack_timeout_s=2
    )
    publisher = EventPublisher(
        [kafka_bootstrap], client_id="test-ingest-503", max_block_ms=2000, allow_auto_create_topics=False
    )
    dedup = SqliteDedupStore(tmp_path / "dedup.sqlite3")
    url, server, thread = serve(create_app(settings, publisher, dedup))
    try:
        response = httpx.post(f"{url}/articles", json={"id": "lost-1", "text": "Dar met Rubio."}, timeout=30)

        assert response.status_code == 503
        assert "Kafka did not acknowledge within 2 s" in response.json()["detail"]
        assert dedup.fingerprint_of("lost-1") is None
    finally:
        server.should_exit = True
        thread.join(20)
        publisher.close(timeout=1)
        dedup.close()


def test_parley_ingest_sends_files_in_batches_and_reports_problems(ingest, kafka_bootstrap, tmp_path, capsys):
    url, topic = ingest
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        json.dumps({"id": "x-1", "text": "Wang Yi met Lavrov."})
        + "\n{broken\n"
        + json.dumps({"id": "x-2", "text": "t"})
        + "\n",
        encoding="utf-8",
    )
    args = argparse.Namespace(paths=[str(SEEDS), str(extra)], url=url, batch_size=2)

    exit_status = ingest_cli.run(args)
    first_summary = capsys.readouterr().err
    again = ingest_cli.run(args)
    second_summary = capsys.readouterr().err

    seeds = sorted(path.stem for path in SEEDS.glob("*.txt"))
    assert exit_status == 1  # the broken line
    assert f"{extra}:2: invalid JSON" in first_summary
    assert f"ingest: {len(seeds) + 2} accepted, 1 file problems" in first_summary
    assert sorted(r.key.decode() for r in read_topic(kafka_bootstrap, topic)) == sorted(
        [*seeds, "x-1", "x-2"]
    )
    assert again == 1
    assert f"ingest: 0 accepted, {len(seeds) + 2} duplicate, 1 file problems" in second_summary


def test_the_service_process_serves_and_exits_cleanly_on_sigterm(kafka_bootstrap, tmp_path):
    topic, port = f"test.ingest-process.{uuid.uuid4().hex[:10]}", free_port()
    env = os.environ | {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "PARLEY_TOPIC_ARTICLES": topic,
        "PARLEY_TOPIC_PARTITIONS": "2",
        "INGEST_PORT": str(port),
        "INGEST_DEDUP_PATH": str(tmp_path / "state" / "dedup.sqlite3"),
    }
    log_path = tmp_path / "ingest.log"
    with log_path.open("w") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "parley_ingest"], env=env, stderr=log_file)
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    try:
        health, deadline = None, time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None, f"ingest did not start: {log_path.read_text()[-2000:]}"
        assert health.status_code == 200
        accepted = httpx.post(
            f"http://127.0.0.1:{port}/articles", json={"id": "p-1", "text": "Dar met Rubio."}, timeout=30
        )
        assert accepted.json() == {"id": "p-1", "status": "accepted"}

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        [described] = admin.describe_topics([topic])
        assert len(described["partitions"]) == 2  # created at start-up
        assert [r.key for r in read_topic(kafka_bootstrap, topic)] == [b"p-1"]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        admin.delete_topics([topic])
        admin.close()
    log = log_path.read_text()
    assert "service=ingest" in log and 'msg="ingest stopped"' in log
    assert (tmp_path / "state" / "dedup.sqlite3").exists()
