"""The API's filters, pagination and look-ups against a real PostgreSQL database."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from factories import FILTER_CASES, URDU_CALL, ApiClient, store_api_sample
from parley_api.app import create_app
from parley_api.settings import ApiSettings
from parley_store.db import migrate

pytestmark = pytest.mark.integration


@pytest.fixture
def client(new_database: Callable[[], str]) -> Iterator[ApiClient]:
    database_url = new_database()
    migrate(database_url)
    store_api_sample(database_url)
    app = create_app(ApiSettings(database_url=database_url))
    yield ApiClient(app)
    app.state.engine.dispose()


def kinds(client: ApiClient, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [item["summary"].split(":")[0] for item in response.json()["items"]]


def test_every_filter_answers_as_on_sqlite(client: ApiClient) -> None:
    for query, expected in FILTER_CASES:
        assert kinds(client, f"/engagements?{query}") == expected, query


def test_pagination_and_look_ups(client: ApiClient) -> None:
    first = client.get("/engagements?limit=3").json()
    second = client.get(first["next"]).json()

    assert (first["total"], len(first["items"]), len(second["items"]), second["next"]) == (4, 3, 1, None)
    detail = client.get(f"/engagements/{URDU_CALL.id}").json()
    assert detail["report_count"] == 2
    assert [r["language"] for r in detail["reports"]] == ["en", "ur"]
    actor = client.get("/actors/pak.ishaq-dar").json()
    assert (actor["engagement_count"], len(actor["recent_engagements"])) == (3, 3)
    assert client.get("/health").json() == {"status": "ok", "database": "ok"}
