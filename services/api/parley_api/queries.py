"""Read-only queries over the store's tables: a thin SQL adapter that returns response models.

Text filters compare folded text (:mod:`parley_store.names`) with ``LIKE``, so they are case- and
accent-insensitive the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from parley_shared.schemas import EngagementStatus, EngagementType
from parley_store.names import fold_text, normalise_name
from parley_store.orm import ActorRow, ArticleRow, EngagementRow, ParticipantRow, ReportRow
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from parley_api.models import (
    ActorDetail,
    ActorPublic,
    ArticlePublic,
    DatePublic,
    EngagementDetail,
    EngagementSummary,
    EvidencePublic,
    ForumPublic,
    LocationPublic,
    ParticipantPublic,
    ReportPublic,
)


@dataclass(frozen=True)
class EngagementFilters:
    """Filters of ``GET /engagements``; ``None`` means "any". Validated by the route."""

    actor: str | None = None
    country: str | None = None
    type: EngagementType | None = None
    status: EngagementStatus | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None
    language: str | None = None


def _participant_matches(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    # IN (uncorrelated subquery) rather than EXISTS: SQLite then reads the filter's index once instead
    # of once per engagement; PostgreSQL plans both as the same semi-join.
    return EngagementRow.id.in_(select(ParticipantRow.merged_id).where(*conditions))


def _actor_condition(actor: str) -> ColumnElement[bool]:
    # A resolved actor's key is its knowledge-base id, so one comparison serves both kinds of id.
    by_key = ParticipantRow.actor_key == actor
    name = normalise_name(actor)
    if not name:
        return _participant_matches(by_key)
    return _participant_matches(or_(by_key, ParticipantRow.search_name.contains(name, autoescape=True)))


def _engagement_conditions(filters: EngagementFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.actor:
        conditions.append(_actor_condition(filters.actor))
    if filters.country:
        conditions.append(_participant_matches(ParticipantRow.country == filters.country))
    if filters.type:
        conditions.append(EngagementRow.type == filters.type)
    if filters.status:
        conditions.append(EngagementRow.status == filters.status)
    if filters.date_from:
        conditions.append(EngagementRow.date_end >= filters.date_from)
    if filters.date_to:
        conditions.append(EngagementRow.date_start <= filters.date_to)
    if filters.q:
        conditions.append(EngagementRow.search_text.contains(fold_text(filters.q), autoescape=True))
    if filters.language:
        conditions.append(
            EngagementRow.id.in_(select(ReportRow.merged_id).where(ReportRow.language == filters.language))
        )
    return conditions


def _newest_first(query: Select[Any]) -> Select[Any]:
    return query.order_by(
        EngagementRow.date_start.desc().nulls_last(), EngagementRow.last_seen.desc(), EngagementRow.id
    )


def find_engagements(
    session: Session, filters: EngagementFilters, limit: int, offset: int
) -> tuple[list[EngagementSummary], int]:
    """One page of merged engagements matching ``filters``, newest first, and the total match count."""
    conditions = _engagement_conditions(filters)
    total = session.scalar(select(func.count()).select_from(EngagementRow).where(*conditions)) or 0
    rows = session.scalars(
        _newest_first(select(EngagementRow).where(*conditions)).limit(limit).offset(offset)
    )
    return _summaries(session, list(rows)), total


def get_engagement(session: Session, engagement_or_report_id: str) -> EngagementDetail | None:
    """A merged engagement by its id, or by the id of any report merged into it."""
    row = session.get(EngagementRow, engagement_or_report_id)
    if row is None:
        merged_id = session.scalar(select(ReportRow.merged_id).where(ReportRow.id == engagement_or_report_id))
        row = session.get(EngagementRow, merged_id) if merged_id else None
    if row is None:
        return None
    [summary] = _summaries(session, [row])
    reports = session.execute(
        select(ReportRow, ArticleRow)
        .join(ArticleRow, ArticleRow.id == ReportRow.article_id)
        .where(ReportRow.merged_id == row.id)
        .order_by(ReportRow.received_at, ReportRow.id)
    )
    report_list = [(report, _article(article)) for report, article in reports]
    articles = {article.id: article for _, article in report_list}
    evidence = [
        EvidencePublic(
            text=item["text"],
            role=item["role"],
            start=item["start"],
            end=item["end"],
            language=item["language"],
            report_id=item["report_id"],
            article=articles.get(item["article_id"], ArticlePublic(id=item["article_id"])),
        )
        for item in row.evidence
    ]
    return EngagementDetail(
        **summary.model_dump(),
        evidence=evidence,
        reports=[_report(report, article) for report, article in report_list],
    )


def find_actors(
    session: Session, q: str | None, country: str | None, limit: int, offset: int
) -> tuple[list[ActorPublic], int]:
    """One page of actors, most engaged first, and the total match count."""
    conditions: list[ColumnElement[bool]] = []
    if q:
        by_key = ActorRow.key == q
        name = normalise_name(q)
        conditions.append(
            or_(by_key, ActorRow.search_name.contains(name, autoescape=True)) if name else by_key
        )
    if country:
        conditions.append(ActorRow.country == country)
    total = session.scalar(select(func.count()).select_from(ActorRow).where(*conditions)) or 0
    rows = session.scalars(
        select(ActorRow)
        .where(*conditions)
        .order_by(ActorRow.engagement_count.desc(), ActorRow.name, ActorRow.key)
        .limit(limit)
        .offset(offset)
    )
    return [_actor(row) for row in rows], total


def get_actor(session: Session, key: str, recent: int) -> ActorDetail | None:
    """An actor by key (a knowledge-base id, or ``name:<normalised name>``) with their newest engagements."""
    row = session.get(ActorRow, key)
    if row is None:
        return None
    engagements = session.scalars(
        _newest_first(
            select(EngagementRow).where(_participant_matches(ParticipantRow.actor_key == row.key))
        ).limit(recent)
    )
    return ActorDetail(**_actor(row).model_dump(), recent_engagements=_summaries(session, list(engagements)))


# --------------------------------------------------------------------------- rows to models


def _summaries(session: Session, rows: Sequence[EngagementRow]) -> list[EngagementSummary]:
    participants: dict[str, list[ParticipantPublic]] = {row.id: [] for row in rows}
    if rows:
        for p in session.scalars(
            select(ParticipantRow)
            .where(ParticipantRow.merged_id.in_(participants.keys()))
            .order_by(ParticipantRow.merged_id, ParticipantRow.position)
        ):
            participants[p.merged_id].append(
                ParticipantPublic(
                    id=p.actor_key, name=p.name, actor_id=p.actor_id, country=p.country, role=p.role
                )
            )
    return [_summary(row, participants[row.id]) for row in rows]


def _summary(row: EngagementRow, participants: list[ParticipantPublic]) -> EngagementSummary:
    return EngagementSummary(
        id=row.id,
        type=row.type,
        subtype=row.subtype,
        status=row.status,
        date=_date(row.date_start, row.date_end, row.date_precision, row.date_text),
        location=(
            LocationPublic(
                name=row.location_name,
                country=row.location_country,
                lat=row.location_lat,
                lon=row.location_lon,
            )
            if row.location_name
            else None
        ),
        forum=ForumPublic(name=row.forum_name, org=row.forum_org) if row.forum_name else None,
        participants=participants,
        topics=row.topics,
        confidence=row.confidence,
        languages=row.languages,
        report_count=row.report_count,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        summary=row.summary,
    )


def _date(start: date | None, end: date | None, precision: str | None, text: str | None) -> DatePublic | None:
    if start is None or end is None:
        return None
    return DatePublic.model_validate(
        {"start": start, "end": end, "precision": precision or "day", "text": text}
    )


def _published_at(stored: str | None) -> datetime | date | None:
    """The stored ISO text back as what the article gave: a day, or a moment."""
    if stored is None:
        return None
    return date.fromisoformat(stored) if len(stored) == len("YYYY-MM-DD") else datetime.fromisoformat(stored)


def _article(row: ArticleRow) -> ArticlePublic:
    return ArticlePublic(
        id=row.id, url=row.url, title=row.title, published_at=_published_at(row.published_at)
    )


def _report(row: ReportRow, article: ArticlePublic) -> ReportPublic:
    stored_date = row.payload.get("date") or {}
    return ReportPublic(
        id=row.id,
        type=row.type,
        status=row.status,
        language=row.language,
        confidence=row.confidence,
        date=_date(row.date_start, row.date_end, stored_date.get("precision"), stored_date.get("text")),
        received_at=row.received_at,
        article=article,
    )


def _actor(row: ActorRow) -> ActorPublic:
    return ActorPublic(
        id=row.key,
        actor_id=row.actor_id,
        name=row.name,
        country=row.country,
        role=row.role,
        engagement_count=row.engagement_count,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
    )
