"""The infrastructure fixtures do what they promise against the real broker and server."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

pytestmark = pytest.mark.integration

POLL_DEADLINE_S = 30


def read_partition(servers: str, partition: TopicPartition, count: int) -> list[ConsumerRecord]:
    """The first ``count`` records of one partition, read without a consumer group."""
    consumer = KafkaConsumer(
        bootstrap_servers=servers.split(","),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    try:
        consumer.assign([partition])
        records: list[ConsumerRecord] = []
        deadline = time.monotonic() + POLL_DEADLINE_S
        while len(records) < count and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend(batch)
        return records
    finally:
        consumer.close()


def test_idempotent_producer_round_trips_keyed_messages_in_order(
    kafka_bootstrap: str, new_topic: Callable[[str, int], str]
) -> None:
    topic = new_topic("round-trip", 6)
    producer = KafkaProducer(
        bootstrap_servers=kafka_bootstrap.split(","), acks="all", enable_idempotence=True
    )
    try:
        sent = [
            producer.send(topic, key=b"summit-42", value=f"update {n}".encode()).get(timeout=POLL_DEADLINE_S)
            for n in range(3)
        ]
    finally:
        producer.close()

    partitions = {metadata.partition for metadata in sent}
    assert len(partitions) == 1, "one key must map to one partition"
    (partition,) = partitions
    assert [metadata.offset for metadata in sent] == [0, 1, 2]

    records = read_partition(kafka_bootstrap, TopicPartition(topic, partition), count=3)
    assert [(r.key, r.value) for r in records] == [(b"summit-42", f"update {n}".encode()) for n in range(3)]


def test_new_topic_has_the_requested_partitions_and_a_name_no_other_call_shares(
    kafka_bootstrap: str, new_topic: Callable[[str, int], str]
) -> None:
    first, second = new_topic("articles", 6), new_topic("articles", 2)

    assert first != second
    assert first.startswith("test_new_topic_has_the_requested_partitions")
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap.split(","))
    try:
        described = {topic["name"]: topic for topic in admin.describe_topics([first, second])}
    finally:
        admin.close()
    assert len(described[first]["partitions"]) == 6
    assert len(described[second]["partitions"]) == 2


def test_new_database_accepts_a_table_and_a_row(new_database: Callable[[], str]) -> None:
    url = new_database()
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE summit (id serial PRIMARY KEY, city text NOT NULL)"))
            connection.execute(text("INSERT INTO summit (city) VALUES ('Helsinki')"))
        with engine.connect() as connection:
            database = connection.execute(text("SELECT current_database()")).scalar_one()
            rows = connection.execute(text("SELECT id, city FROM summit")).all()
    finally:
        engine.dispose()

    assert database == make_url(url).database
    assert [tuple(row) for row in rows] == [(1, "Helsinki")]


def test_each_new_database_is_separate(new_database: Callable[[], str]) -> None:
    first = create_engine(new_database(), poolclass=NullPool)
    second = create_engine(new_database(), poolclass=NullPool)
    try:
        with first.begin() as connection:
            connection.execute(text("CREATE TABLE only_here (id int)"))
        with second.connect() as connection, pytest.raises(ProgrammingError, match="only_here"):
            connection.execute(text("SELECT * FROM only_here"))
    finally:
        first.dispose()
        second.dispose()
