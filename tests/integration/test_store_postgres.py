"""The store's schema, merging and idempotence on a real PostgreSQL server."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from factories import (
    DAR,
    MOSCOW,
    day,
    engagement,
    run_together,
    store,
    table_contents,
    urdu_call,
)
from parley_store.db import make_engine, migrate
from parley_store.orm import Base, EngagementRow, ReportRow
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration


@pytest.fixture
def database_url(new_database: Callable[[], str]) -> str:
    url = new_database()
    migrate(url)
    return url


def count(database_url: str, model: type[Base]) -> int:
    engine = make_engine(database_url)
    with Session(engine) as session:
        total = session.scalar(select(func.count()).select_from(model)) or 0
    engine.dispose()
    return total


def test_concurrent_migrations_reach_exactly_the_mapped_schema(new_database: Callable[[], str]) -> None:
    url = new_database()

    run_together(*[lambda: migrate(url)] * 3)

    engine = make_engine(url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"
    engine.dispose()


def test_english_and_urdu_reports_merge_into_one_row(database_url: str) -> None:
    store(database_url, [engagement(date=day("2025-07-25"))])
    store(database_url, [urdu_call()], minutes=3)

    engine = make_engine(database_url)
    with Session(engine) as session:
        [merged] = session.scalars(select(EngagementRow))
        assert (merged.report_count, merged.languages) == (2, ["en", "ur"])
        assert set(session.scalars(select(ReportRow.merged_id))) == {merged.id}
    engine.dispose()


def test_the_same_batch_persisted_twice_is_idempotent(database_url: str) -> None:
    batch = [
        engagement(date=day("2025-07-25")),
        urdu_call(),
        engagement(article_id="tass-1", type="visit", participants=[DAR], location=MOSCOW),
    ]
    store(database_url, batch)
    before = table_contents(database_url)

    outcome = store(database_url, batch, minutes=5)

    assert (outcome.stored, outcome.duplicates) == (0, 3)
    assert table_contents(database_url) == before


def test_concurrent_batches_with_reports_of_one_engagement_still_merge(database_url: str) -> None:
    """Two store consumers on different partitions: the advisory lock serialises their merges."""
    rounds = 5
    for round_ in range(rounds):
        english = engagement(article_id=f"dawn-{round_}", date=day(f"2025-0{round_ + 1}-10"))
        urdu = urdu_call(article_id=f"jang-{round_}", date=day(f"2025-0{round_ + 1}-10"))
        run_together(*[functools.partial(store, database_url, [event]) for event in (english, urdu)])

    assert count(database_url, ReportRow) == 2 * rounds
    assert count(database_url, EngagementRow) == rounds
