"""The storage port for reports and merged engagements, and its SQLAlchemy adapter.

Writes go through a session the unit of work owns; nothing here commits.
"""

from __future__ import annotations

import abc
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from parley_shared.schemas import EngagementExtracted, SourceArticle
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from parley_store.merging import (
    NAME_KEY_PREFIX,
    MergedEngagement,
    Report,
    actor_key,
    date_ranges_compatible,
    person_keys,
)
from parley_store.names import normalise_name
from parley_store.orm import ActorRow, ArticleRow, EngagementRow, ParticipantRow, ReportRow


@dataclass(frozen=True)
class KafkaOrigin:
    """Where a report was read from, kept for tracing a row back to its message."""

    topic: str
    partition: int
    offset: int


@dataclass(frozen=True)
class FiledReport:
    """A new report and the merged engagement it was filed under."""

    report: Report
    merged_id: str
    origin: KafkaOrigin | None = None


class AbstractRepository(abc.ABC):
    """What the store's use case needs from storage: look-ups for merging, and writes."""

    @abc.abstractmethod
    def known_report_ids(self, report_ids: Collection[str]) -> set[str]:
        """The subset of ``report_ids`` already stored."""

    @abc.abstractmethod
    def latest_received_at(self) -> datetime | None:
        """The receipt time of the most recently stored report, if any."""

    @abc.abstractmethod
    def candidate_merged_ids(self, events: Sequence[EngagementExtracted]) -> set[str]:
        """Merged engagements sharing a type and a participant (by actor key or name) with any event."""

    @abc.abstractmethod
    def reports_of(self, merged_ids: Collection[str]) -> dict[str, list[Report]]:
        """The stored reports of each merged engagement, in arrival order."""

    @abc.abstractmethod
    def put_engagements(self, merged: Sequence[MergedEngagement]) -> None:
        """Insert or replace merged engagements, their participants, and the actors' tallies."""

    @abc.abstractmethod
    def add_reports(self, filed: Sequence[FiledReport]) -> None:
        """Insert new reports (and their articles); their merged engagements must be put first."""


def _published_at(source: SourceArticle | None) -> str | None:
    value: datetime | date | None = source.published_at if source else None
    return value.isoformat() if value else None


class SqlAlchemyRepository(AbstractRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def known_report_ids(self, report_ids: Collection[str]) -> set[str]:
        if not report_ids:
            return set()
        return set(self._session.scalars(select(ReportRow.id).where(ReportRow.id.in_(report_ids))))

    def latest_received_at(self) -> datetime | None:
        return self._session.scalar(select(func.max(ReportRow.received_at)))

    def candidate_merged_ids(self, events: Sequence[EngagementExtracted]) -> set[str]:
        # One query per type, not per event; then each event keeps the engagements it shares a person
        # with and whose date it is compatible with. A merged date is one member's own date, so an
        # engagement skipped for its date is one the merge rule would reject anyway.
        candidates: set[str] = set()
        for type_ in sorted({event.type for event in events}):
            of_type = [event for event in events if event.type == type_]
            people = [person for event in of_type for person in event.participants]
            if not people:
                continue
            by_key: dict[str, list[tuple[str, date | None, date | None]]] = defaultdict(list)
            for merged_id, key, name, start, end in self._session.execute(
                select(
                    ParticipantRow.merged_id,
                    ParticipantRow.actor_key,
                    ParticipantRow.search_name,
                    EngagementRow.date_start,
                    EngagementRow.date_end,
                )
                .join(EngagementRow, EngagementRow.id == ParticipantRow.merged_id)
                .where(EngagementRow.type == type_)
                .where(
                    or_(
                        ParticipantRow.actor_key.in_({actor_key(p) for p in people}),
                        ParticipantRow.search_name.in_({normalise_name(p.name) for p in people}),
                    )
                )
            ):
                for lookup in (key, NAME_KEY_PREFIX + name):
                    by_key[lookup].append((merged_id, start, end))
            for event in of_type:
                candidates.update(
                    merged_id
                    for lookup in set().union(*(person_keys(p) for p in event.participants))
                    for merged_id, start, end in by_key.get(lookup, ())
                    if event.date is None
                    or start is None
                    or end is None
                    or date_ranges_compatible(event.date.start, event.date.end, start, end)
                )
        return candidates

    def reports_of(self, merged_ids: Collection[str]) -> dict[str, list[Report]]:
        clusters: dict[str, list[Report]] = {merged_id: [] for merged_id in merged_ids}
        if not merged_ids:
            return clusters
        rows = self._session.execute(
            select(ReportRow.merged_id, ReportRow.payload, ReportRow.received_at)
            .where(ReportRow.merged_id.in_(merged_ids))
            .order_by(ReportRow.received_at, ReportRow.id)
        )
        for merged_id, payload, received_at in rows:
            event = EngagementExtracted.model_validate(payload)
            clusters[merged_id].append(Report(event=event, received_at=received_at))
        return clusters

    def put_engagements(self, merged: Sequence[MergedEngagement]) -> None:
        if not merged:
            return
        merged_ids = [m.id for m in merged]
        previous_keys = set(
            self._session.scalars(
                select(ParticipantRow.actor_key).where(ParticipantRow.merged_id.in_(merged_ids))
            )
        )
        self._session.execute(delete(ParticipantRow).where(ParticipantRow.merged_id.in_(merged_ids)))
        existing = {
            row.id: row
            for row in self._session.scalars(select(EngagementRow).where(EngagementRow.id.in_(merged_ids)))
        }
        for engagement in merged:
            values = _engagement_values(engagement)
            row = existing.get(engagement.id)
            if row is None:
                self._session.add(EngagementRow(**values))
            else:
                for column, value in values.items():
                    setattr(row, column, value)
        self._session.flush()
        participant_rows = [row for engagement in merged for row in _participant_rows(engagement)]
        self._session.add_all(participant_rows)
        self._session.flush()
        self._refresh_actors(previous_keys | {row.actor_key for row in participant_rows})

    def add_reports(self, filed: Sequence[FiledReport]) -> None:
        self._add_articles([f.report for f in filed])
        self._session.add_all(_report_row(f) for f in filed)
        self._session.flush()

    def _add_articles(self, reports: Sequence[Report]) -> None:
        by_id: dict[str, Report] = {}
        for report in reports:
            by_id.setdefault(report.event.article_id, report)
        if not by_id:
            return
        known = {
            row.id: row
            for row in self._session.scalars(select(ArticleRow).where(ArticleRow.id.in_(by_id.keys())))
        }
        for article_id, report in by_id.items():
            source = report.event.source
            row = known.get(article_id)
            if row is None:
                row = ArticleRow(id=article_id, first_seen=report.received_at)
                self._session.add(row)
            # A later report may cite the article more completely; never erase what is known.
            row.url = row.url or (source.url if source else None)
            row.title = row.title or (source.title if source else None)
            row.published_at = row.published_at or _published_at(source)
        self._session.flush()

    def _refresh_actors(self, keys: set[str]) -> None:
        """Recount each actor's engagements from the participant rows, the single source of truth."""
        if not keys:
            return
        tallies = {
            key: (count, first_seen, last_seen)
            for key, count, first_seen, last_seen in self._session.execute(
                select(
                    ParticipantRow.actor_key,
                    func.count(),
                    func.min(EngagementRow.first_seen),
                    func.max(EngagementRow.last_seen),
                )
                .join(EngagementRow, EngagementRow.id == ParticipantRow.merged_id)
                .where(ParticipantRow.actor_key.in_(keys))
                .group_by(ParticipantRow.actor_key)
            )
        }
        latest: dict[str, ParticipantRow] = {}
        for participant in self._session.scalars(
            select(ParticipantRow)
            .join(EngagementRow, EngagementRow.id == ParticipantRow.merged_id)
            .where(ParticipantRow.actor_key.in_(tallies.keys()))
            .order_by(EngagementRow.last_seen, EngagementRow.id)
        ):
            latest[participant.actor_key] = participant  # ordered: the most recent mention wins
        existing = {
            row.key: row for row in self._session.scalars(select(ActorRow).where(ActorRow.key.in_(keys)))
        }
        for key in keys:
            row = existing.get(key)
            if key not in tallies:
                if row is not None:
                    self._session.delete(row)
                continue
            count, first_seen, last_seen = tallies[key]
            mention = latest[key]
            if row is None:
                row = ActorRow(key=key)
                self._session.add(row)
            row.actor_id = mention.actor_id
            row.name = mention.name
            row.search_name = mention.search_name
            row.country = mention.country
            row.role = mention.role
            row.first_seen = first_seen
            row.last_seen = last_seen
            row.engagement_count = count
        self._session.flush()


def _engagement_values(merged: MergedEngagement) -> dict[str, Any]:
    return dict(
        id=merged.id,
        type=merged.type,
        subtype=merged.subtype,
        status=merged.status,
        date_start=merged.date.start if merged.date else None,
        date_end=merged.date.end if merged.date else None,
        date_precision=merged.date.precision if merged.date else None,
        date_text=merged.date.text if merged.date else None,
        location_name=merged.location.name if merged.location else None,
        location_country=merged.location.country if merged.location else None,
        location_lat=merged.location.lat if merged.location else None,
        location_lon=merged.location.lon if merged.location else None,
        forum_name=merged.forum.name if merged.forum else None,
        forum_org=merged.forum.org if merged.forum else None,
        topics=list(merged.topics),
        evidence=[
            {
                "report_id": e.report_id,
                "article_id": e.article_id,
                "language": e.language,
                "text": e.text,
                "role": e.role,
                "start": e.start,
                "end": e.end,
            }
            for e in merged.evidence
        ],
        confidence=merged.confidence,
        languages=list(merged.languages),
        report_count=merged.report_count,
        first_seen=merged.first_seen,
        last_seen=merged.last_seen,
        summary=merged.summary,
        search_text=merged.search_text,
    )


def _participant_rows(merged: MergedEngagement) -> list[ParticipantRow]:
    # The merged view already holds each person once, so actor keys are unique per engagement.
    return [
        ParticipantRow(
            merged_id=merged.id,
            actor_key=actor_key(person),
            position=position,
            name=person.name,
            search_name=normalise_name(person.name),
            actor_id=person.actor_id,
            country=person.country,
            role=person.role,
        )
        for position, person in enumerate(merged.participants)
    ]


def _report_row(filed: FiledReport) -> ReportRow:
    event = filed.report.event
    return ReportRow(
        id=event.id,
        article_id=event.article_id,
        merged_id=filed.merged_id,
        type=event.type,
        status=event.status,
        language=event.language,
        confidence=event.confidence,
        date_start=event.date.start if event.date else None,
        date_end=event.date.end if event.date else None,
        payload=event.model_dump(mode="json"),
        received_at=filed.report.received_at,
        kafka_topic=filed.origin.topic if filed.origin else None,
        kafka_partition=filed.origin.partition if filed.origin else None,
        kafka_offset=filed.origin.offset if filed.origin else None,
    )
