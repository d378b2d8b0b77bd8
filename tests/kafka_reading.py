"""Reading a topic back in integration tests, shared so every test reads the same way."""

from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord


def read_topic(bootstrap: str, topic: str, idle_ms: int = 3000) -> list[ConsumerRecord]:
    """Every record on ``topic``, read until nothing new arrives for ``idle_ms``."""
    consumer = KafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", consumer_timeout_ms=idle_ms
    )
    try:
        return list(consumer)
    finally:
        consumer.close()
