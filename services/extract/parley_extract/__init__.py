"""Parley's extraction engine: article in, engagement events out. Pure: no Kafka, HTTP or SQL."""

EXTRACTOR_NAME = "parley-rules"
EXTRACTOR_VERSION = "1.0.0"
