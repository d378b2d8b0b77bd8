"""The seeds posted to ingest come out of the API, through all four services as real processes."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from parley_shared.article_files import iter_articles
from parley_shared.schemas import ArticleIn

REPO = Path(__file__).resolve().parents[2]
# The launcher lives with the pipeline benchmark, in a folder of scripts rather than a package: imported
# by file name, as scripts import each other (``benchmarks.pipeline`` would give one file two names).
sys.path.insert(0, str(REPO / "benchmarks"))
from pipeline import LocalPipeline, PipelineNames, ServiceFailed  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

SEEDS = REPO / "seeds"
TOPIC_PARTITIONS = 3
ARRIVAL_DEADLINE_S = 90.0
REQUEST_TIMEOUT_S = 30.0
MALFORMED = b"{not json"

# Small enough to check by hand: the engine reads one meeting, on Friday 12 September 2025.
SIXTH_ARTICLE = ArticleIn.model_validate(
    {
        "id": "e2e-sixth-dar-wang-yi",
        "title": "Dar meets Wang Yi",
        "published_at": "2025-09-12",
        "text": (
            "ISLAMABAD: Deputy Prime Minister and Foreign Minister Ishaq Dar met Chinese Foreign Minister "
            "Wang Yi in Islamabad on Friday. The two sides discussed trade and regional security."
        ),
    }
)

T = TypeVar("T")


@pytest.fixture
def pipeline(
    kafka_bootstrap: str,
    new_topic: Callable[[str, int], str],
    new_database: Callable[[], str],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[LocalPipeline]:
    """The four services on topics, groups, a PostgreSQL database and ports of their own; stopped
    (SIGTERM, then SIGKILL after a timeout) at teardown. The test may stop them first to check how."""
    groups = PipelineNames.unique(request.node.name)
    names = PipelineNames(
        articles=new_topic("articles", TOPIC_PARTITIONS),
        engagements=new_topic("engagements", TOPIC_PARTITIONS),
        extract_dlq=new_topic("extract-dlq", TOPIC_PARTITIONS),
        store_dlq=new_topic("store-dlq", TOPIC_PARTITIONS),
        extract_group=groups.extract_group,
        store_group=groups.store_group,
    )
    services = LocalPipeline(
        bootstrap_servers=kafka_bootstrap,
        database_url=new_database(),
        workdir=tmp_path / "services",
        names=names,
        partitions=TOPIC_PARTITIONS,
    )
    try:
        services.start()
    except ServiceFailed as exc:
        services.stop()
        pytest.fail(str(exc), pytrace=False)
    try:
        yield services
    finally:
        services.stop()


def seed_articles() -> list[ArticleIn]:
    read = list(iter_articles([SEEDS]))
    articles = [item for item in read if isinstance(item, ArticleIn)]
    assert len(articles) == len(read) == 5, f"unreadable seeds: {[str(p) for p in read if p not in articles]}"
    return articles


def post_batch(client: httpx.Client, pipeline: LocalPipeline, articles: list[ArticleIn]) -> list[str]:
    """The status ingest gave each article, in order."""
    response = client.post(
        f"{pipeline.ingest_url}/articles/batch",
        json=[a.model_dump(mode="json", exclude_none=True) for a in articles],
    )
    assert response.status_code == 200, response.text
    return [result["status"] for result in response.json()["results"]]


def list_engagements(client: httpx.Client, pipeline: LocalPipeline) -> list[dict[str, Any]]:
    page = client.get(f"{pipeline.api_url}/engagements", params={"limit": 500}).json()
    assert page["total"] <= 500, "the test expects one page"
    items: list[dict[str, Any]] = page["items"]
    return items


def wait_for(pipeline: LocalPipeline, what: str, probe: Callable[[], T | None]) -> T:
    """``probe()``'s first non-None answer within the deadline, else fail with the services' logs."""
    deadline = time.monotonic() + ARRIVAL_DEADLINE_S
    while time.monotonic() < deadline:
        found = probe()
        if found is not None:
            return found
        time.sleep(0.5)
    pytest.fail(f"{what} did not arrive within {ARRIVAL_DEADLINE_S:.0f} s\n{pipeline.logs()}", pytrace=False)


def names(engagement: dict[str, Any]) -> set[str]:
    return {participant["name"] for participant in engagement["participants"]}


def find(
    engagements: list[dict[str, Any]],
    type_: str,
    people: set[str],
    also: Callable[[dict[str, Any]], bool] = lambda _: True,
) -> dict[str, Any] | None:
    """The first engagement of ``type_`` among whose participants are ``people`` and that passes ``also``."""
    return next(
        (e for e in engagements if e["type"] == type_ and people <= names(e) and also(e)),
        None,
    )


def dar_rubio_call_on_4_august(engagements: list[dict[str, Any]]) -> dict[str, Any] | None:
    return find(
        engagements,
        "call",
        {"Ishaq Dar", "Marco Rubio"},
        lambda e: (e["date"] or {}).get("start") == "2025-08-04",
    )


def dar_lavrov_meeting_in_moscow(engagements: list[dict[str, Any]]) -> dict[str, Any] | None:
    return find(
        engagements,
        "meeting",
        {"Ishaq Dar", "Sergey Lavrov"},
        lambda e: (e["location"] or {}).get("name") == "Moscow",
    )


def dar_wang_yi_meeting(engagements: list[dict[str, Any]]) -> dict[str, Any] | None:
    return find(engagements, "meeting", {"Ishaq Dar", "Wang Yi"})


def assert_cited(detail: dict[str, Any], other_party: str, article_ids: set[str]) -> None:
    quoting = [item for item in detail["evidence"] if other_party in item["text"]]
    assert quoting, f"no evidence mentions {other_party}: {detail['evidence']}"
    assert {item["article"]["id"] for item in quoting} & article_ids
    assert {report["article"]["id"] for report in detail["reports"]} <= article_ids


def read_until(bootstrap: str, topic: str, found: Callable[[ConsumerRecord], bool]) -> ConsumerRecord | None:
    """The first record of ``topic`` (all partitions, from the start) that ``found`` accepts."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap.split(","), enable_auto_commit=False)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        deadline = time.monotonic() + ARRIVAL_DEADLINE_S
        while time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    if found(record):
                        return record
        return None
    finally:
        consumer.close()


def settled(read: Callable[[], list[dict[str, Any]]]) -> Callable[[], list[dict[str, Any]] | None]:
    """A probe answering the engagements once two reads two seconds apart agree."""
    previous: list[list[dict[str, Any]]] = []

    def probe() -> list[dict[str, Any]] | None:
        current = read()
        if previous and current == previous[-1]:
            return current
        previous.append(current)
        time.sleep(1.5)
        return None

    return probe


def test_seeds_flow_from_ingest_to_the_api_and_bad_input_does_not_stop_the_pipeline(
    pipeline: LocalPipeline, kafka_bootstrap: str
) -> None:
    seeds = seed_articles()
    seed_ids = {article.id for article in seeds if article.id}
    with httpx.Client(timeout=REQUEST_TIMEOUT_S) as client:
        assert post_batch(client, pipeline, seeds) == ["accepted"] * 5

        def both_seed_engagements() -> tuple[dict[str, Any], dict[str, Any]] | None:
            listed = list_engagements(client, pipeline)
            call, meeting = dar_rubio_call_on_4_august(listed), dar_lavrov_meeting_in_moscow(listed)
            return (call, meeting) if call and meeting else None

        call, meeting = wait_for(
            pipeline, "the Dar–Rubio call and the Dar–Lavrov meeting", both_seed_engagements
        )
        for engagement, other_party in [(call, "Rubio"), (meeting, "Lavrov")]:
            detail = client.get(f"{pipeline.api_url}/engagements/{engagement['id']}").json()
            assert_cited(detail, other_party, seed_ids)

        # Let the seeds' last reports land, so what follows compares a settled record.
        before = wait_for(pipeline, "a settled record", settled(lambda: list_engagements(client, pipeline)))

        assert post_batch(client, pipeline, seeds) == ["duplicate"] * 5
        producer = KafkaProducer(bootstrap_servers=kafka_bootstrap.split(","))
        try:
            producer.send(pipeline.names.articles, key=b"e2e-malformed", value=MALFORMED).get(timeout=30)
        finally:
            producer.close()
        assert post_batch(client, pipeline, [SIXTH_ARTICLE]) == ["accepted"]

        sixth = wait_for(
            pipeline,
            "the sixth article's meeting",
            lambda: dar_wang_yi_meeting(list_engagements(client, pipeline)),
        )
        detail = client.get(f"{pipeline.api_url}/engagements/{sixth['id']}").json()
        assert_cited(detail, "Wang Yi", {SIXTH_ARTICLE.id or ""})
        after = list_engagements(client, pipeline)
        known = {e["id"] for e in before}
        new_sources = {
            report["article"]["id"]
            for e in after
            if e["id"] not in known
            for report in client.get(f"{pipeline.api_url}/engagements/{e['id']}").json()["reports"]
        }

    unchanged = {(e["id"], e["report_count"]) for e in before}
    assert unchanged <= {(e["id"], e["report_count"]) for e in after}, "re-sent seeds changed the record"
    assert new_sources == {SIXTH_ARTICLE.id}, "only the sixth article may add engagements"

    dead = read_until(kafka_bootstrap, pipeline.names.extract_dlq, lambda r: r.value == MALFORMED)
    assert dead is not None, f"the malformed message never reached the extract DLQ\n{pipeline.logs()}"
    headers = {key: value.decode() for key, value in dead.headers}
    assert dead.key == b"e2e-malformed"
    assert headers["dlq.reason"] == "decode_error"
    assert headers["dlq.source.topic"] == pipeline.names.articles

    assert pipeline.stop() == {"ingest": 0, "extract": 0, "store": 0, "api": 0}, pipeline.logs()
