"""Storing batches of reports through the unit of work, on the embedded SQLite database."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from factories import (
    DAR,
    LAVROV,
    MOSCOW,
    RUBIO,
    T0,
    day,
    engagement,
    migrated_sqlite_url,
    run_together,
    store,
    table_contents,
    urdu_call,
)
from parley_shared.schemas import Participant
from parley_store.db import make_engine, migrate
from parley_store.merging import Report, cluster_reports, merged_id_for
from parley_store.orm import ActorRow, ArticleRow, Base, EngagementRow, ParticipantRow, ReportRow
from sqlalchemy import func, select
from sqlalchemy.orm import Session


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return migrated_sqlite_url(tmp_path)


M = TypeVar("M", bound=Base)


def rows(database_url: str, model: type[M]) -> list[M]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(model)))
    finally:
        engine.dispose()


def test_concurrent_migrations_create_exactly_the_mapped_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'dir' / 'parley.db'}"

    run_together(*[lambda: migrate(url)] * 3)
    migrate(url)

    engine = make_engine(url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == "0001"
    engine.dispose()


def test_english_and_urdu_reports_become_one_engagement(database_url: str) -> None:
    english = engagement(date=day("2025-07-25"), title="Dar, Rubio discuss trade")
    urdu = urdu_call()

    outcome = store(database_url, [english, urdu])

    assert (outcome.stored, outcome.duplicates) == (2, 0)
    [merged] = rows(database_url, EngagementRow)
    assert merged.id == merged_id_for(min(english.id, urdu.id))
    assert outcome.merged_ids == {merged.id}
    assert (merged.report_count, merged.languages, merged.date_start) == (2, ["en", "ur"], date(2025, 7, 25))
    assert {r.merged_id for r in rows(database_url, ReportRow)} == {merged.id}
    actors = {a.key: a.engagement_count for a in rows(database_url, ActorRow)}
    assert actors == {"pak.ishaq-dar": 1, "usa.marco-rubio": 1}
    titles = {a.id: a.title for a in rows(database_url, ArticleRow)}
    assert titles == {"dawn-001": "Dar, Rubio discuss trade", "jang-001": "Article jang-001"}


def test_the_same_batch_stored_twice_changes_nothing(database_url: str) -> None:
    batch = [
        engagement(date=day("2025-07-25")),
        urdu_call(),
        engagement(article_id="x", type="visit", participants=[DAR], location=MOSCOW),
    ]
    store(database_url, batch)
    before = table_contents(database_url)

    outcome = store(database_url, batch, minutes=30)

    assert (outcome.stored, outcome.duplicates, outcome.merged_ids) == (0, 3, frozenset())
    assert table_contents(database_url) == before


def test_a_report_repeated_within_a_batch_is_stored_once(database_url: str) -> None:
    call = engagement()

    outcome = store(database_url, [call, call, call])

    assert (outcome.stored, outcome.duplicates) == (1, 2)
    assert len(rows(database_url, ReportRow)) == 1


def test_a_later_report_joins_the_stored_engagement_without_changing_its_id(database_url: str) -> None:
    urdu = urdu_call()
    store(database_url, [urdu])
    [first] = rows(database_url, EngagementRow)

    store(database_url, [engagement(date=day("2025-07-25"))], minutes=60)

    [merged] = rows(database_url, EngagementRow)
    assert merged.id == first.id == merged_id_for(urdu.id)
    assert merged.report_count == 2
    assert merged.first_seen == T0
    assert merged.last_seen == T0 + timedelta(minutes=60)


def test_separate_engagements_are_counted_per_actor(database_url: str) -> None:
    store(database_url, [engagement(date=day("2025-07-25"))])
    store(
        database_url,
        [
            engagement(article_id="a2", date=day("2025-08-30")),
            engagement(article_id="a3", type="meeting", participants=[DAR, LAVROV], location=MOSCOW),
        ],
        minutes=5,
    )

    actors = {a.key: a.engagement_count for a in rows(database_url, ActorRow)}
    assert actors == {"pak.ishaq-dar": 3, "usa.marco-rubio": 2, "rus.sergey-lavrov": 1}


def test_a_resolved_actor_absorbs_a_name_only_mention(database_url: str) -> None:
    unresolved = engagement(article_id="a1", participants=[Participant(name="Mr. Ishaq Dar"), RUBIO])
    store(database_url, [unresolved])
    assert "name:ishaq dar" in {a.key for a in rows(database_url, ActorRow)}

    store(database_url, [engagement(article_id="a2")], minutes=1)

    assert {a.key for a in rows(database_url, ActorRow)} == {"pak.ishaq-dar", "usa.marco-rubio"}
    keys = {p.actor_key for p in rows(database_url, ParticipantRow)}
    assert keys == {"pak.ishaq-dar", "usa.marco-rubio"}


def test_storing_in_any_batches_equals_clustering_everything_at_once(database_url: str) -> None:
    events = [
        engagement(article_id="a1", date=day("2025-07-25")),
        urdu_call(article_id="a2"),
        engagement(article_id="a3", date=day("2025-08-30")),
        engagement(article_id="a4", type="meeting", participants=[DAR, LAVROV], location=MOSCOW),
        engagement(article_id="a5", type="meeting", participants=[DAR, LAVROV], date=day("2025-07-01")),
        engagement(
            article_id="a6", participants=[Participant(name="Ishaq Dar"), Participant(name="Marco Rubio")]
        ),
        engagement(article_id="a7", type="visit", participants=[DAR], location=MOSCOW),
    ]
    shuffled = events[:]
    random.Random(3).shuffle(shuffled)
    batches = [shuffled[:2], shuffled[2:3], shuffled[3:]]
    received = []
    for minutes, batch in enumerate(batches):
        store(database_url, batch, minutes=minutes)
        received += [Report(event=e, received_at=T0 + timedelta(minutes=minutes)) for e in batch]

    expected = {merged_id_for(c[0].id): sorted(r.id for r in c) for c in cluster_reports(received)}
    stored: dict[str, list[str]] = {}
    for report in rows(database_url, ReportRow):
        stored.setdefault(report.merged_id, []).append(report.id)
    assert {k: sorted(v) for k, v in stored.items()} == expected
    engine = make_engine(database_url)
    with Session(engine) as session:
        counts = {id_: n for id_, n in session.execute(select(EngagementRow.id, EngagementRow.report_count))}
        participant_total = session.scalar(select(func.count()).select_from(ParticipantRow))
    engine.dispose()
    assert counts == {merged_id: len(ids) for merged_id, ids in expected.items()}
    assert participant_total and participant_total >= len(expected)


@pytest.mark.parametrize("urdu_first", [True, False])
def test_the_first_stored_report_names_the_engagement_even_when_the_clock_stalls(
    tmp_path: Path, urdu_first: bool
) -> None:
    database_url = migrated_sqlite_url(tmp_path)
    first, second = (urdu_call(), engagement()) if urdu_first else (engagement(), urdu_call())

    store(database_url, [first], minutes=5)
    store(database_url, [second], minutes=5)  # same clock reading: arrival must still follow storage order

    [merged] = rows(database_url, EngagementRow)
    assert merged.id == merged_id_for(first.id)
    received = {r.id: r.received_at for r in rows(database_url, ReportRow)}
    assert received[second.id] > received[first.id]
