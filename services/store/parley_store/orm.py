"""The tables: typed SQLAlchemy 2 mappings, the same on SQLite and PostgreSQL.

The schema itself is created by the Alembic migrations in ``parley_store/migrations``; these classes
describe it for queries. A change here needs a new migration revision.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from parley_shared.schemas import EngagementStatus, EngagementType
from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Bounds of the indexed text columns; parley_store.service rejects longer values before the database does.
ID_MAX = 200
KEY_MAX = 300
LANGUAGE_MAX = 16


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both backends (SQLite stores them naive, so we re-attach UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one (UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime, date: Date, dict[str, Any]: JSON}


class ArticleRow(Base):
    """An article that reported at least one engagement, as its reports cite it."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(ID_MAX), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[str | None] = mapped_column(String(40), doc="ISO date or datetime, as published")
    first_seen: Mapped[datetime]


class EngagementRow(Base):
    """A merged engagement: the view of one real-world engagement over all its reports."""

    __tablename__ = "engagements"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    type: Mapped[EngagementType] = mapped_column(String(16))
    subtype: Mapped[str | None] = mapped_column(Text)
    status: Mapped[EngagementStatus] = mapped_column(String(16))
    date_start: Mapped[date | None]
    date_end: Mapped[date | None]
    date_precision: Mapped[str | None] = mapped_column(String(8))
    date_text: Mapped[str | None] = mapped_column(Text)
    location_name: Mapped[str | None] = mapped_column(Text)
    location_country: Mapped[str | None] = mapped_column(String(8))
    location_lat: Mapped[float | None] = mapped_column(Float)
    location_lon: Mapped[float | None] = mapped_column(Float)
    forum_name: Mapped[str | None] = mapped_column(Text)
    forum_org: Mapped[str | None] = mapped_column(Text)
    topics: Mapped[list[str]] = mapped_column(JSON)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    confidence: Mapped[float] = mapped_column(Float)
    languages: Mapped[list[str]] = mapped_column(JSON)
    report_count: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    summary: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, doc="folded text that free-text search matches")

    __table_args__ = (
        Index("ix_engagements_date_order", "date_start", "last_seen"),
        Index("ix_engagements_date_end", "date_end"),
        Index("ix_engagements_type", "type"),
        Index("ix_engagements_status", "status"),
        Index("ix_engagements_last_seen", "last_seen"),
    )


class ParticipantRow(Base):
    """A participant of a merged engagement; what the actor and country filters look up."""

    __tablename__ = "engagement_participants"

    merged_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True
    )
    actor_key: Mapped[str] = mapped_column(String(KEY_MAX), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, doc="order of appearance in the merged view")
    name: Mapped[str] = mapped_column(Text)
    search_name: Mapped[str] = mapped_column(Text, doc="folded name, for case-insensitive search")
    actor_id: Mapped[str | None] = mapped_column(String(KEY_MAX))
    country: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_engagement_participants_actor_key", "actor_key"),
        Index("ix_engagement_participants_actor_id", "actor_id"),
        Index("ix_engagement_participants_country", "country"),
    )


class ReportRow(Base):
    """One ``EngagementExtracted`` as received, with the merged engagement it was filed under."""

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(ID_MAX), primary_key=True)
    article_id: Mapped[str] = mapped_column(String(ID_MAX), ForeignKey("articles.id"))
    merged_id: Mapped[str] = mapped_column(String(64), ForeignKey("engagements.id"))
    type: Mapped[EngagementType] = mapped_column(String(16))
    status: Mapped[EngagementStatus] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX))
    confidence: Mapped[float] = mapped_column(Float)
    date_start: Mapped[date | None]
    date_end: Mapped[date | None]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, doc="the full event, as JSON")
    received_at: Mapped[datetime]
    kafka_topic: Mapped[str | None] = mapped_column(String(249))
    kafka_partition: Mapped[int | None] = mapped_column(Integer)
    kafka_offset: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        Index("ix_reports_merged_id", "merged_id"),
        Index("ix_reports_article_id", "article_id"),
        Index("ix_reports_language_merged_id", "language", "merged_id"),
    )


class ActorRow(Base):
    """Everyone who took part in at least one merged engagement, with how many."""

    __tablename__ = "actors"

    key: Mapped[str] = mapped_column(
        String(KEY_MAX), primary_key=True, doc="actor id, else name:<normalised>"
    )
    actor_id: Mapped[str | None] = mapped_column(String(KEY_MAX))
    name: Mapped[str] = mapped_column(Text)
    search_name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    engagement_count: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_actors_country", "country"),
        Index("ix_actors_engagement_count", "engagement_count"),
    )
