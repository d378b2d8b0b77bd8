"""The HTTP API over a temporary SQLite database filled through the store's repository."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import (
    ENGLISH_CALL,
    FILTER_CASES,
    RUBIO,
    URDU_CALL,
    WASHINGTON,
    ApiClient,
    engagement,
    migrated_sqlite_url,
    store,
    store_api_sample,
)
from parley_api.app import create_app
from parley_api.settings import ApiSettings
from parley_shared.schemas import Participant


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiClient]:
    database_url = migrated_sqlite_url(tmp_path_factory.mktemp("api"))
    store_api_sample(database_url)
    app = create_app(ApiSettings(database_url=database_url, default_page_size=50))
    yield ApiClient(app)
    app.state.engine.dispose()


def kinds_of(response_json: dict[str, object]) -> list[str]:
    """Each item's "Type (status)", the start of its summary: enough to tell this data set's items apart."""
    items = response_json["items"]
    assert isinstance(items, list)
    return [item["summary"].split(":")[0] for item in items]


def get_ok(client: ApiClient, url: str) -> dict[str, object]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, dict)
    return body


def test_lists_merged_engagements_newest_first_with_undated_last(client: ApiClient) -> None:
    body = get_ok(client, "/engagements")

    assert body["total"] == 4  # the English and Urdu calls are one engagement
    assert kinds_of(body) == ["Call (happened)", "Forum (planned)", "Meeting (happened)", "Visit (happened)"]
    assert (body["limit"], body["offset"], body["next"]) == (50, 0, None)
    call = body["items"][0]  # type: ignore[index]
    assert call["report_count"] == 2
    assert call["languages"] == ["en", "ur"]
    assert [p["id"] for p in call["participants"]] == ["pak.ishaq-dar", "usa.marco-rubio"]
    assert call["date"] == {
        "start": "2025-07-25",
        "end": "2025-07-25",
        "precision": "day",
        "text": "on 2025-07-25",
    }


@pytest.mark.parametrize(("query", "expected"), FILTER_CASES)
def test_filters(client: ApiClient, query: str, expected: list[str]) -> None:
    body = get_ok(client, f"/engagements?{query}")

    assert kinds_of(body) == expected
    assert body["total"] == len(expected)


def test_pages_link_to_the_next_page(client: ApiClient) -> None:
    first = get_ok(client, "/engagements?limit=3&country=PAK")
    assert first["total"] == 3
    assert first["next"] is None

    first = get_ok(client, "/engagements?limit=2")
    assert (first["total"], first["limit"], first["offset"]) == (4, 2, 0)
    assert isinstance(first["next"], str)
    second = get_ok(client, first["next"])
    assert second["offset"] == 2
    assert second["next"] is None
    assert kinds_of(first) + kinds_of(second) == kinds_of(get_ok(client, "/engagements"))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date_from=2025-08-01&date_to=2025-07-01", "date_from (2025-08-01) is after date_to (2025-07-01)"),
        ("q=%20-%20", "q has no letters or digits"),
        ("country=Pakistan1", "pattern"),
        ("type=lunch", "meeting"),
        ("limit=501", "500"),
        ("offset=-1", "0"),
        ("date_from=yesterday", "date"),
    ],
)
def test_bad_filters_are_422_with_a_reason(client: ApiClient, query: str, message: str) -> None:
    response = client.get(f"/engagements?{query}")

    assert response.status_code == 422
    assert message in response.text


def test_engagement_detail_by_merged_id_and_by_report_id(client: ApiClient) -> None:
    merged_id = get_ok(client, "/engagements?type=call")["items"][0]["id"]  # type: ignore[index]

    detail = get_ok(client, f"/engagements/{merged_id}")
    via_report = get_ok(client, f"/engagements/{URDU_CALL.id}")

    assert via_report == detail
    assert [r["id"] for r in detail["reports"]] == [ENGLISH_CALL.id, URDU_CALL.id]  # type: ignore[attr-defined]
    english_report = detail["reports"][0]  # type: ignore[index]
    assert english_report["article"] == {
        "id": "dawn-001",
        "url": "https://news.example/dawn-001",
        "title": "Dar, Rubio discuss trade",
        "published_at": "2025-07-26T06:00:00Z",
    }
    assert {(e["report_id"], e["article"]["id"], e["language"]) for e in detail["evidence"]} == {  # type: ignore[attr-defined]
        (ENGLISH_CALL.id, "dawn-001", "en"),
        (URDU_CALL.id, "jang-001", "ur"),
    }
    assert detail["topics"] == ["trade"]


def test_unknown_engagement_is_404_with_a_clear_message(client: ApiClient) -> None:
    response = client.get("/engagements/m-doesnotexist")

    assert response.status_code == 404
    assert response.json()["detail"] == (
        "no engagement with id 'm-doesnotexist': it is neither a merged engagement id nor a report id"
    )


def test_actors_with_engagement_counts(client: ApiClient) -> None:
    body = get_ok(client, "/actors")

    counts = {item["id"]: item["engagement_count"] for item in body["items"]}  # type: ignore[attr-defined]
    assert counts == {
        "pak.ishaq-dar": 3,
        "usa.marco-rubio": 1,
        "rus.sergey-lavrov": 1,
        "chn.wang-yi": 1,
        "eu.kaja-kallas": 1,
    }
    assert body["items"][0]["id"] == "pak.ishaq-dar"  # type: ignore[index]
    assert [a["id"] for a in get_ok(client, "/actors?q=wang")["items"]] == ["chn.wang-yi"]  # type: ignore[attr-defined]
    assert [a["id"] for a in get_ok(client, "/actors?country=eu")["items"]] == ["eu.kaja-kallas"]  # type: ignore[attr-defined]


def test_actor_detail_lists_recent_engagements(client: ApiClient) -> None:
    detail = get_ok(client, "/actors/pak.ishaq-dar")

    assert detail["name"] == "Ishaq Dar"
    assert detail["role"] == "Foreign Minister"
    assert kinds_of({"items": [*detail["recent_engagements"]]}) == [  # type: ignore[misc]
        "Call (happened)",
        "Forum (planned)",
        "Meeting (happened)",
    ]
    assert client.get("/actors/xyz.nobody").status_code == 404


def test_health_metrics_and_docs(client: ApiClient) -> None:
    assert get_ok(client, "/health") == {"status": "ok", "database": "ok"}

    metrics = client.get("/metrics")
    assert metrics.status_code == 200
    assert (
        'parley_api_requests_total{method="GET",route="/engagements/{engagement_id}",status="404"}'
        in metrics.text
    )

    schema = get_ok(client, "/openapi.json")
    operations = [op for path in schema["paths"].values() for op in path.values()]  # type: ignore[attr-defined]
    assert len(operations) == 6
    assert all(op.get("description") for op in operations)
    assert client.get("/docs").status_code == 200


def test_health_is_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    (tmp_path / "a-directory.db").mkdir()
    app = create_app(ApiSettings(database_url=f"sqlite:///{tmp_path / 'a-directory.db'}"))

    response = ApiClient(app).get("/health")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_the_api_migrates_an_empty_database_at_start_up(tmp_path: Path) -> None:
    app = create_app(ApiSettings(database_url=f"sqlite:///{tmp_path / 'fresh' / 'parley.db'}"))

    async def start_and_stop() -> None:
        async with app.router.lifespan_context(app):
            pass

    asyncio.run(start_and_stop())

    body = ApiClient(app).get("/engagements").json()
    assert (body["total"], body["items"]) == (0, [])
    app.state.engine.dispose()


def test_an_unresolved_participant_is_an_actor_keyed_by_name(tmp_path: Path) -> None:
    database_url = migrated_sqlite_url(tmp_path)
    ambassador = Participant(name="Ambassador Rizwan Saeed Sheikh", country="PAK")
    store(database_url, [engagement(type="meeting", participants=[ambassador, RUBIO], location=WASHINGTON)])
    app = create_app(ApiSettings(database_url=database_url))
    client = ApiClient(app)

    actor = client.get("/actors/name:rizwan%20saeed%20sheikh").json()
    found = client.get("/engagements?actor=Saeed%20SHEIKH").json()

    assert (actor["name"], actor["actor_id"], actor["engagement_count"]) == (
        "Ambassador Rizwan Saeed Sheikh",
        None,
        1,
    )
    assert [p["id"] for p in found["items"][0]["participants"]] == [
        "name:rizwan saeed sheikh",
        "usa.marco-rubio",
    ]
    app.state.engine.dispose()
