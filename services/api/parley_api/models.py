"""Response models: what the API promises its clients (the OpenAPI schema at ``/docs``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, Literal, TypeVar

from parley_shared.schemas import DatePrecision, EngagementStatus, EngagementType, EvidenceRole
from pydantic import BaseModel, ConfigDict, Field

ItemT = TypeVar("ItemT", bound=BaseModel)


class _Public(BaseModel):
    model_config = ConfigDict(frozen=True)


class DatePublic(_Public):
    start: date
    end: date
    precision: DatePrecision
    text: str | None = Field(default=None, description="The expression the date was read from.")


class LocationPublic(_Public):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class ForumPublic(_Public):
    name: str
    org: str | None = None


class ParticipantPublic(_Public):
    id: str = Field(description="Actor key: the knowledge-base id, else `name:<normalised name>`.")
    name: str
    actor_id: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3, or an organisation acronym.")
    role: str | None = None


class ArticlePublic(_Public):
    id: str
    url: str | None = None
    title: str | None = None
    published_at: datetime | date | None = None


class EvidencePublic(_Public):
    text: str
    role: EvidenceRole
    start: int = Field(description="Offset of the first character in the cleaned article text.")
    end: int
    language: str
    report_id: str
    article: ArticlePublic


class ReportPublic(_Public):
    id: str = Field(description="The `EngagementExtracted` event id.")
    type: EngagementType
    status: EngagementStatus
    language: str
    confidence: float
    date: DatePublic | None = None
    received_at: datetime
    article: ArticlePublic


class EngagementSummary(_Public):
    id: str = Field(description="Merged engagement id (`m-...`).")
    type: EngagementType
    subtype: str | None = None
    status: EngagementStatus
    date: DatePublic | None = None
    location: LocationPublic | None = None
    forum: ForumPublic | None = None
    participants: list[ParticipantPublic]
    topics: list[str]
    confidence: float = Field(description="1 - prod(1 - c) over the reports, capped at 0.99.")
    languages: list[str]
    report_count: int
    first_seen: datetime
    last_seen: datetime
    summary: str


class EngagementDetail(EngagementSummary):
    evidence: list[EvidencePublic] = Field(description="Supporting passages from every report.")
    reports: list[ReportPublic] = Field(description="The reports merged into this engagement, oldest first.")


class ActorPublic(_Public):
    id: str = Field(description="Actor key: the knowledge-base id, else `name:<normalised name>`.")
    actor_id: str | None = None
    name: str
    country: str | None = None
    role: str | None = None
    engagement_count: int
    first_seen: datetime
    last_seen: datetime


class ActorDetail(ActorPublic):
    recent_engagements: list[EngagementSummary] = Field(description="Newest first.")


class Page(_Public, Generic[ItemT]):
    items: list[ItemT]
    total: int = Field(description="Items matching the filters, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null on the last page.")


class Health(_Public):
    status: Literal["ok", "unavailable"]
    database: str
