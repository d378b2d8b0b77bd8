import json
from datetime import UTC, datetime

import pytest
from parley_shared.kafka import _decode_failure_reason, _truncate, decode, encode, event_headers
from parley_shared.schemas import ArticleIngested
from pydantic import ValidationError

ARTICLE = ArticleIngested(
    id="dawn-1",
    text="Ishaq Dar spoke with Marco Rubio.",
    published_at=datetime(2025, 8, 5, 9, tzinfo=UTC),
    ingested_at=datetime(2025, 8, 5, 10, tzinfo=UTC),
)


def test_events_round_trip_through_utf8_json():
    raw = encode(ARTICLE)

    assert json.loads(raw.decode("utf-8"))["event_type"] == "article.ingested"
    assert decode(ArticleIngested, raw) == ARTICLE


def test_every_event_is_labelled_with_its_schema():
    assert event_headers(ARTICLE) == {
        "content-type": "application/json",
        "schema": "ArticleIngested",
        "schema-version": "1",
    }


def test_not_json_is_a_decode_error_and_wrong_json_a_validation_error():
    with pytest.raises(ValidationError) as not_json:
        decode(ArticleIngested, b"\xff\xfe not json")
    with pytest.raises(ValidationError) as wrong_shape:
        decode(ArticleIngested, json.dumps({"id": "x", "text": "y"}).encode())
    with pytest.raises(ValueError, match="tombstone") as tombstone:
        decode(ArticleIngested, None)

    assert _decode_failure_reason(not_json.value) == "decode_error"
    assert _decode_failure_reason(wrong_shape.value) == "validation_error"
    assert "ingested_at" in str(wrong_shape.value)
    assert _decode_failure_reason(tombstone.value) == "decode_error"


def test_dead_letter_errors_are_cut_to_2_kb_without_splitting_characters():
    long = "ب" * 2000  # two bytes each in UTF-8

    cut = _truncate(long)

    assert len(cut.encode("utf-8")) <= 2048
    assert cut.endswith("...")
    assert _truncate("short") == "short"
