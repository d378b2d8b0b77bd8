"""Helpers for the store and API tests: builders of real ``EngagementExtracted`` events (defaults
describe the Dar–Rubio call; each test overrides only what it is about), storing them through the real
unit of work, and calling the API in-process.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI
from parley_shared.schemas import (
    EngagementExtracted,
    EngagementStatus,
    EngagementType,
    EventDate,
    Evidence,
    Extractor,
    Forum,
    Location,
    Participant,
    SourceArticle,
    engagement_id,
)
from parley_store.db import make_engine, migrate
from parley_store.merging import Report, actor_key
from parley_store.orm import Base
from parley_store.storing import Incoming, StoreOutcome, store_reports
from parley_store.unit_of_work import SqlAlchemyUnitOfWork
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

T0 = datetime(2025, 7, 26, 9, 0, tzinfo=UTC)

DAR = Participant(name="Ishaq Dar", actor_id="pak.ishaq-dar", country="PAK", role="Foreign Minister")
DAR_URDU = Participant(name="اسحاق ڈار", actor_id="pak.ishaq-dar", country="PAK")
RUBIO = Participant(name="Marco Rubio", actor_id="usa.marco-rubio", country="USA", role="Secretary of State")
RUBIO_URDU = Participant(name="مارکو روبیو", actor_id="usa.marco-rubio", country="USA")
LAVROV = Participant(
    name="Sergey Lavrov", actor_id="rus.sergey-lavrov", country="RUS", role="Foreign Minister"
)
WANG_YI = Participant(name="Wang Yi", actor_id="chn.wang-yi", country="CHN", role="Foreign Minister")

WASHINGTON = Location(name="Washington", country="USA", lat=38.9, lon=-77.04)
MOSCOW = Location(name="Moscow", country="RUS")


def day(iso: str, end: str | None = None, precision: str = "day") -> EventDate:
    """An event date from ISO strings: ``day("2025-07-25")`` or a range with ``end``."""
    return EventDate.model_validate(
        {"start": iso, "end": end or iso, "precision": precision, "text": f"on {iso}"}
    )


def engagement(
    *,
    article_id: str = "dawn-001",
    type: EngagementType = "call",
    status: EngagementStatus = "happened",
    participants: Sequence[Participant] = (DAR, RUBIO),
    date: EventDate | None = None,
    location: Location | None = None,
    forum: Forum | None = None,
    topics: Sequence[str] = (),
    language: str = "en",
    confidence: float = 0.8,
    evidence: str = "Ishaq Dar held a telephone conversation with Marco Rubio.",
    subtype: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published_at: datetime | date | None = None,
) -> EngagementExtracted:
    """An ``EngagementExtracted`` with its id derived exactly as the extractor derives it."""
    event_id = engagement_id(
        article_id,
        type,
        [actor_key(p) for p in participants],
        location.name if location else None,
        date.start.isoformat() if date else None,
        forum.name if forum else None,
    )
    return EngagementExtracted(
        id=event_id,
        article_id=article_id,
        type=type,
        subtype=subtype,
        status=status,
        participants=list(participants),
        location=location,
        forum=forum,
        date=date,
        topics=list(topics),
        evidence=[Evidence(text=evidence, start=0, end=len(evidence))],
        confidence=confidence,
        language=language,
        extractor=Extractor(name="test", version="1"),
        source=SourceArticle(
            url=url or f"https://news.example/{article_id}",
            title=title or f"Article {article_id}",
            published_at=published_at or datetime(2025, 7, 26, 6, 0, tzinfo=UTC),
        ),
    )


def urdu_call(article_id: str = "jang-001", **overrides: object) -> EngagementExtracted:
    """The Urdu report of the Dar–Rubio call: Urdu-script names, resolved to the same actors."""
    fields: dict[str, object] = {
        "article_id": article_id,
        "participants": (DAR_URDU, RUBIO_URDU),
        "language": "ur",
        "confidence": 0.7,
        "evidence": "اسحاق ڈار کی مارکو روبیو سے ٹیلیفون پر گفتگو",
    }
    fields.update(overrides)
    return engagement(**fields)  # type: ignore[arg-type]


def report(event: EngagementExtracted, minutes: float = 0) -> Report:
    """The event as the store received it, ``minutes`` after :data:`T0`."""
    return Report(event=event, received_at=T0 + timedelta(minutes=minutes))


def migrated_sqlite_url(directory: Path) -> str:
    """A fresh, migrated SQLite database in ``directory``: the store's embedded default."""
    url = f"sqlite:///{directory / 'parley.db'}"
    migrate(url)
    return url


def store(database_url: str, events: Sequence[EngagementExtracted], minutes: float = 0) -> StoreOutcome:
    """Store ``events`` as one batch received ``minutes`` after :data:`T0`, through the real unit of work."""
    engine = make_engine(database_url, writer=True)
    try:
        uow = SqlAlchemyUnitOfWork(sessionmaker(engine, expire_on_commit=False))
        return store_reports(uow, [Incoming(e) for e in events], T0 + timedelta(minutes=minutes))
    finally:
        engine.dispose()


def table_contents(database_url: str) -> dict[str, list[dict[str, object]]]:
    """Every row of every table, in a stable order: for asserting that nothing changed."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return {
                table.name: sorted(
                    (dict(row._mapping) for row in connection.execute(select(table))), key=repr
                )
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def run_together(*calls: Callable[[], object]) -> None:
    """Start the calls at the same moment, each in its own thread; re-raise the first failure."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            call()
        except BaseException as exc:  # re-raised in the test's thread below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


class ApiClient:
    """Calls an ASGI app in-process over httpx (starlette's TestClient is deprecated with plain httpx).

    Like a bare TestClient, it doesn't run the app's lifespan: tests migrate the database themselves.
    """

    def __init__(self, app: FastAPI) -> None:
        self._transport = httpx.ASGITransport(app=app)

    def get(self, url: str) -> httpx.Response:
        return asyncio.run(self._get(url))

    async def _get(self, url: str) -> httpx.Response:
        async with httpx.AsyncClient(transport=self._transport, base_url="http://api") as client:
            return await client.get(url)


# --------------------------------------------------------------------------- the API's sample data set

KALLAS = Participant(name="Kaja Kallas", actor_id="eu.kaja-kallas", country="EU", role="High Representative")
ENGLISH_CALL = engagement(date=day("2025-07-25"), title="Dar, Rubio discuss trade", topics=["trade"])
URDU_CALL = urdu_call()
MOSCOW_MEETING = engagement(
    article_id="tass-9",
    type="meeting",
    participants=[DAR, LAVROV],
    location=MOSCOW,
    date=day("2025-06-10"),
    evidence="Dar met Sergey Lavrov at the Kremlin to discuss energy.",
)
SCO_FORUM = engagement(
    article_id="app-3",
    type="forum",
    status="planned",
    participants=[DAR, WANG_YI],
    forum=Forum(name="SCO Council of Foreign Ministers", org="SCO"),
    location=Location(name="Tianjin", country="CHN"),
    date=day("2025-07-15", "2025-07-16"),
    evidence="Dar will attend the SCO Council of Foreign Ministers in Tianjin.",
)
EU_VISIT = engagement(
    article_id="euobs-1",
    type="visit",
    participants=[KALLAS],
    location=WASHINGTON,
    evidence="Kaja Kallas arrived in Washington for talks.",
)

FILTER_CASES = [
    ("actor=usa.marco-rubio", ["Call (happened)"]),
    ("actor=RUBÍO", ["Call (happened)"]),
    ("actor=Minister%20Lavrov", ["Meeting (happened)"]),
    ("actor=dar&type=meeting", ["Meeting (happened)"]),
    ("country=rus", ["Meeting (happened)"]),
    ("country=EU", ["Visit (happened)"]),
    ("country=PAK&status=planned", ["Forum (planned)"]),
    ("date_from=2025-07-16&date_to=2025-07-20", ["Forum (planned)"]),
    ("date_from=2025-07-17", ["Call (happened)"]),
    ("date_to=2025-06-30", ["Meeting (happened)"]),
    ("q=kremlin%20to%20DISCUSS", ["Meeting (happened)"]),
    ("q=Tianjin", ["Forum (planned)"]),
    ("q=ٹیلیفون", ["Call (happened)"]),
    ("q=100%25", []),
    ("language=ur", ["Call (happened)"]),
    ("language=en&type=visit", ["Visit (happened)"]),
]
"""``GET /engagements?<query>`` on the sample, and the "Type (status)" of each item it returns, in order."""


def store_api_sample(database_url: str) -> None:
    """The sample in two batches; the Urdu call arrives later and merges into the English one."""
    store(database_url, [ENGLISH_CALL, MOSCOW_MEETING, SCO_FORUM])
    store(database_url, [URDU_CALL, EU_VISIT], minutes=10)
