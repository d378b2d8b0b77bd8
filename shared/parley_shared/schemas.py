"""Message contracts between Parley's services and with downstream consumers.

Every message on a Parley topic is one of these pydantic models, serialised as
UTF-8 JSON. Each carries a ``schema_version`` so consumers can tell versions
apart; a new version only ever *adds* optional fields, so a v1 consumer keeps
reading v1-compatible messages. The JSON Schemas exported from these models live
in ``schemas/`` at the repository root (``make schemas``).

Events:

- ``ArticleIngested``      -- topic ``parley.articles.raw``, key: article id
- ``EngagementExtracted``  -- topic ``parley.engagements``, key: engagement id
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

EngagementType = Literal["meeting", "call", "visit", "forum"]
EngagementStatus = Literal["happened", "planned", "cancelled"]
DatePrecision = Literal["day", "month", "year"]
EvidenceRole = Literal["event", "date", "location"]

NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ArticleId = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[\w.:\-]+$")
]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{1,15}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


# --------------------------------------------------------------------------- articles


class ArticleIn(_Model):
    """An article as a newsroom pushes it: text or HTML, with optional metadata."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: ArticleId | None = Field(
        default=None, description="Caller's id; when absent Parley derives one from the URL or the content."
    )
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)
    published_at: datetime | date | None = Field(
        default=None, description="Publication time; anchors relative dates such as 'on Tuesday'."
    )
    language: str | None = Field(
        default=None, pattern=r"^[a-z]{2,3}$", description="ISO 639-1 code, if known."
    )
    text: NonEmptyStr = Field(max_length=2_000_000, description="Plain text or HTML of the article.")

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an absolute http(s) URL")
        return value


def derive_article_id(url: str | None, text: str) -> str:
    """A stable id: from the URL when there is one (so re-sent articles collide), else the content."""
    basis = url.strip().rstrip("/").lower() if url else " ".join(text.split())
    prefix = "u" if url else "c"
    return f"{prefix}-{hashlib.sha256(basis.encode('utf-8')).hexdigest()[:16]}"


class Article(_Model):
    """An article with its id settled: what the extraction engine reads."""

    id: ArticleId
    url: str | None = None
    title: str | None = None
    published_at: datetime | date | None = None
    language: str | None = None
    text: str

    @classmethod
    def from_input(cls, article: ArticleIn) -> Article:
        return cls(
            id=article.id or derive_article_id(article.url, article.text),
            url=article.url,
            title=article.title,
            published_at=article.published_at,
            language=article.language,
            text=article.text,
        )


class ArticleIngested(Article):
    """Event: an article was accepted by ingest. Topic ``parley.articles.raw``, key = article id."""

    event_type: Literal["article.ingested"] = "article.ingested"
    schema_version: Literal[1] = 1
    ingested_at: datetime
    source: str = Field(default="http", description="How it arrived: http, file, feed:<url>.")


# --------------------------------------------------------------------------- engagements


class Participant(_Model):
    name: NonEmptyStr
    actor_id: str | None = Field(default=None, description="Knowledge-base id, when resolved.")
    country: CountryCode | None = Field(
        default=None, description="ISO 3166-1 alpha-3, or an organisation acronym (EU, UN, SCO...)."
    )
    role: str | None = Field(default=None, description="Office held at the time, e.g. 'Foreign Minister'.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other forms of the name: as the article wrote it, and the knowledge base's spellings.",
    )


class Location(_Model):
    name: NonEmptyStr
    country: CountryCode | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class Forum(_Model):
    name: NonEmptyStr
    org: str | None = None


class EventDate(_Model):
    start: date
    end: date
    precision: DatePrecision = "day"
    text: str = Field(description="The expression in the article this was resolved from.")

    @model_validator(mode="after")
    def _ordered(self) -> EventDate:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self


class Evidence(_Model):
    text: str
    start: int = Field(ge=0, description="Offset of the first character in the cleaned article text.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    role: EvidenceRole = "event"


class Extractor(_Model):
    name: str
    version: str


class SourceArticle(_Model):
    """Where an engagement was read: lets consumers cite it without a second look-up."""

    url: str | None = None
    title: str | None = None
    published_at: datetime | date | None = None


class EngagementExtracted(_Model):
    """Event: one engagement reported by one article. Topic ``parley.engagements``, key = ``id``."""

    event_type: Literal["engagement.extracted"] = "engagement.extracted"
    schema_version: Literal[1] = 1
    id: str = Field(description="Deterministic from the article id and the engagement's content.")
    article_id: ArticleId
    type: EngagementType
    subtype: str | None = None
    status: EngagementStatus
    participants: list[Participant]
    location: Location | None = None
    forum: Forum | None = None
    date: EventDate | None = None
    topics: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)
    confidence: float = Field(ge=0.0, le=1.0)
    language: str
    extractor: Extractor
    source: SourceArticle | None = None


Engagement = EngagementExtracted


def engagement_id(
    article_id: str,
    type_: str,
    participant_keys: list[str],
    location_key: str | None,
    date_key: str | None,
    forum_key: str | None,
) -> str:
    """The same engagement read twice from the same article gets the same id."""
    parts = [
        article_id,
        type_,
        "|".join(sorted(participant_keys)),
        location_key or "",
        date_key or "",
        forum_key or "",
    ]
    return "e-" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


EVENT_MODELS: dict[str, type[BaseModel]] = {
    "ArticleIngested": ArticleIngested,
    "EngagementExtracted": EngagementExtracted,
}
