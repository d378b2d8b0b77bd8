"""HTTP behaviour of the ingest API: validation, statuses, dedup; Kafka is an in-memory stand-in here
(tests/integration/test_ingest_service.py runs the same app against the real broker)."""

import asyncio
from concurrent.futures import Future

import httpx
import pytest
from parley_ingest.app import create_app
from parley_ingest.dedup import SqliteDedupStore
from parley_ingest.settings import IngestSettings
from parley_shared.schemas import derive_article_id


class RecordingPublisher:
    """Acknowledges every event at once (or fails them all when ``down``) and keeps what it got."""

    def __init__(self):
        self.sent = []
        self.down = False

    def publish(self, topic, key, event, headers=None):
        future = Future()
        if self.down:
            future.set_exception(TimeoutError("broker not answering"))
        else:
            self.sent.append((topic, key, event))
            future.set_result(None)
        return _Acknowledgement(future)

    def flush(self, timeout=None):
        pass

    def broker_problem(self, timeout_s=1.0):
        return "127.0.0.1:9: connection refused" if self.down else None


class _Acknowledgement:
    def __init__(self, future):
        self._future = future

    def get(self, timeout=None):
        return self._future.result(timeout)


@pytest.fixture
def publisher():
    return RecordingPublisher()


class AppClient:
    """Calls the ASGI app in-process (starlette's TestClient is deprecated with httpx)."""

    def __init__(self, app):
        self._transport = httpx.ASGITransport(app=app)

    def get(self, path):
        return asyncio.run(self._request("GET", path))

    def post(self, path, json):
        return asyncio.run(self._request("POST", path, json=json))

    async def _request(self, method, path, **kwargs):
        async with httpx.AsyncClient(transport=self._transport, base_url="http://ingest") as client:
            return await client.request(method, path, **kwargs)


@pytest.fixture
def client(publisher):
    settings = IngestSettings(topic_articles="raw", max_batch=3, ack_timeout_s=1)
    dedup = SqliteDedupStore(":memory:")
    yield AppClient(create_app(settings, publisher, dedup))
    dedup.close()


def test_a_new_article_is_published_and_accepted(client, publisher):
    response = client.post("/articles", json={"url": "https://dawn.example/a/1", "text": "Dar met Rubio."})

    article_id = derive_article_id("https://dawn.example/a/1", "Dar met Rubio.")
    assert response.status_code == 202
    assert response.json() == {"id": article_id, "status": "accepted"}
    [(topic, key, event)] = publisher.sent
    assert (topic, key, event.id, event.source, event.text) == (
        "raw",
        article_id,
        article_id,
        "http",
        "Dar met Rubio.",
    )


def test_same_content_is_a_duplicate_and_changed_content_an_update(client, publisher):
    first = {"id": "dawn-7", "text": "Dar met Rubio."}

    statuses = [
        client.post("/articles", json=body).json()["status"]
        for body in (first, first, {**first, "title": "Corrected headline"})
    ]

    assert statuses == ["accepted", "duplicate", "updated"]
    assert [event.title for _, _, event in publisher.sent] == [None, "Corrected headline"]


def test_validation_errors_name_the_field_and_the_reason(client, publisher):
    response = client.post("/articles", json={"text": "", "url": "dawn.example/1"})

    assert response.status_code == 422
    problems = {tuple(e["loc"]): e["msg"] for e in response.json()["detail"]}
    assert problems[("body", "text")] == "String should have at least 1 character"
    assert problems[("body", "url")] == "Value error, must be an absolute http(s) URL"
    assert publisher.sent == []


def test_a_batch_reports_each_item_and_invalid_items_do_not_stop_valid_ones(client, publisher):
    batch = [{"id": "a", "text": "one"}, {"id": "b", "text": "two", "language": "English"}, "not an object"]

    response = client.post("/articles/batch", json=batch)

    assert response.status_code == 200
    body = response.json()
    assert body["results"][0] == {"index": 0, "id": "a", "status": "accepted", "errors": None}
    assert body["results"][1]["status"] == "invalid"
    assert body["results"][1]["errors"] == [
        {"field": "language", "message": "String should match pattern '^[a-z]{2,3}$'"}
    ]
    assert body["results"][2]["errors"][0]["field"] == "(article)"
    assert body["counts"] == {"accepted": 1, "updated": 0, "duplicate": 0, "invalid": 2}
    assert [key for _, key, _ in publisher.sent] == ["a"]


def test_a_batch_may_be_wrapped_in_an_object_and_repeats_within_it_are_duplicates(client, publisher):
    response = client.post(
        "/articles/batch", json={"articles": [{"id": "a", "text": "one"}, {"id": "a", "text": "one"}]}
    )

    assert [r["status"] for r in response.json()["results"]] == ["accepted", "duplicate"]
    assert len(publisher.sent) == 1


@pytest.mark.parametrize("body", [{"text": "not a batch"}, {"articles": "nope"}, 42])
def test_a_batch_body_that_is_not_a_list_is_rejected(client, body):
    response = client.post("/articles/batch", json=body)

    assert response.status_code == 422


def test_a_batch_above_the_limit_is_rejected(client, publisher):
    response = client.post("/articles/batch", json=[{"text": str(n)} for n in range(4)])

    assert response.status_code == 413
    assert "at most 3" in response.json()["detail"]
    assert publisher.sent == []


def test_kafka_down_means_503_and_nothing_is_remembered(client, publisher):
    publisher.down = True
    refused = client.post("/articles", json={"id": "a", "text": "one"})
    publisher.down = False
    retried = client.post("/articles", json={"id": "a", "text": "one"})

    assert refused.status_code == 503
    assert "broker not answering" in refused.json()["detail"]
    assert "retry" in refused.json()["detail"]
    assert retried.json()["status"] == "accepted"


def test_health_follows_the_broker_and_metrics_count_outcomes(client, publisher):
    client.post("/articles", json={"id": "m-1", "text": "one"})

    assert client.get("/health").json() == {"status": "ok", "kafka": "reachable"}
    metrics = client.get("/metrics")
    assert metrics.status_code == 200
    assert 'parley_ingest_articles_total{status="accepted",via="http"}' in metrics.text
