"""RSS and Atom polling: every feed entry becomes an article, ingested like one pushed over HTTP.

Entries already published with the same content are recognised by the dedup store, so a poll only
publishes what is new or changed since the last one.
"""

from __future__ import annotations

import calendar
import email.utils
import hashlib
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
import httpx
from parley_shared.article_files import field_errors
from parley_shared.schemas import ArticleIn
from prometheus_client import Counter
from pydantic import ValidationError

from parley_ingest.ingestor import Ingestor, IngestOutcome, PublishFailed

log = logging.getLogger(__name__)

FEED_POLLS = Counter("parley_ingest_feed_polls_total", "Feed polls, by result.", ["result"])


@dataclass(frozen=True)
class FeedRead:
    """What one feed document yielded: articles, and why some entries yielded none."""

    articles: list[ArticleIn]
    skipped: list[str] = field(default_factory=list)


def read_feed(document: bytes, feed_url: str) -> FeedRead:
    """Turn an RSS or Atom document into articles (pure: no I/O)."""
    parsed = feedparser.parse(document)
    language = _language(parsed.feed.get("language"))
    articles: list[ArticleIn] = []
    skipped: list[str] = []
    for number, entry in enumerate(parsed.entries, start=1):
        label = entry.get("link") or entry.get("id") or f"entry {number}"
        text = _entry_text(entry)
        if not text:
            skipped.append(f"{label}: no content or summary")
            continue
        try:
            articles.append(
                ArticleIn(
                    # No link: the entry's id is the stable handle, hashed since feed ids are URIs.
                    id=None if entry.get("link") or not entry.get("id") else _entry_id(feed_url, entry["id"]),
                    url=entry.get("link") or None,
                    title=entry.get("title") or None,
                    published_at=_entry_time(entry),
                    language=language,
                    text=text,
                )
            )
        except ValidationError as exc:
            skipped.append(f"{label}: " + "; ".join(map(str, field_errors(exc))))
    if parsed.get("bozo") and not parsed.entries:
        skipped.append(f"not a readable feed: {parsed.get('bozo_exception')}")
    return FeedRead(articles, skipped)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    text = next((c.get("value", "") for c in contents if c.get("value", "").strip()), "")
    return str(text or entry.get("summary") or "").strip()


def _entry_time(entry: Any) -> datetime | None:
    """The entry's publication time, keeping the publisher's UTC offset when the feed gives one.

    The offset matters: relative dates ("on Monday") are resolved from the local publication date.
    """
    # One key at a time: asking feedparser for "updated" when only "published" exists is deprecated.
    for key in ("published", "updated"):
        raw = entry.get(key)
        if raw:
            return _parse_time(str(raw)) or _utc(entry.get(f"{key}_parsed"))
    return None


def _parse_time(raw: str) -> datetime | None:
    try:
        return datetime.fromisoformat(raw)  # Atom: RFC 3339
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(raw)  # RSS: RFC 822
    except (TypeError, ValueError):
        return None


def _utc(moment: time.struct_time | None) -> datetime | None:
    # feedparser's own parse, for date formats neither standard accepts, is normalised to UTC.
    return None if moment is None else datetime.fromtimestamp(calendar.timegm(moment), UTC)


def _entry_id(feed_url: str, entry_id: str) -> str:
    return "f-" + hashlib.sha256(f"{feed_url}\x1f{entry_id}".encode()).hexdigest()[:16]


def _language(code: object) -> str | None:
    primary = str(code or "").split("-", 1)[0].strip().lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


@dataclass(frozen=True)
class FeedPollResult:
    url: str
    outcomes: list[IngestOutcome]
    error: str | None = None


class FeedPoller:
    """Fetches each feed, reads its entries and ingests them, every ``interval_s`` seconds.

    :param urls: RSS/Atom URLs (``INGEST_FEEDS``).
    :param ingestor: publishes the articles and remembers what was published.
    :param client: the HTTP client feeds are fetched with.
    :param interval_s: pause between the end of one round of polls and the start of the next.
    """

    def __init__(
        self, urls: Sequence[str], ingestor: Ingestor, client: httpx.Client, interval_s: float
    ) -> None:
        self._urls = list(urls)
        self._ingestor = ingestor
        self._client = client
        self._interval_s = interval_s

    def run(self, stop: threading.Event) -> None:
        """Poll until ``stop`` is set."""
        while not stop.is_set():
            started = time.monotonic()
            self.poll_once()
            stop.wait(max(0.0, self._interval_s - (time.monotonic() - started)))

    def poll_once(self) -> list[FeedPollResult]:
        """Poll every feed once; a failing feed is logged and doesn't stop the others."""
        return [self._poll(url) for url in self._urls]

    def _poll(self, url: str) -> FeedPollResult:
        try:
            response = self._client.get(url)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            FEED_POLLS.labels("fetch_error").inc()
            log.warning("feed fetch failed", extra={"feed": url, "error": repr(exc)})
            return FeedPollResult(url, [], f"fetch failed: {exc}")
        feed = read_feed(response.content, url)
        for reason in feed.skipped:
            log.warning("feed entry skipped", extra={"feed": url, "reason": reason})
        try:
            outcomes = self._ingestor.ingest(feed.articles, f"feed:{url}")
        except PublishFailed as exc:
            FEED_POLLS.labels("publish_error").inc()
            log.error("feed entries not published", extra={"feed": url, "error": str(exc)})
            return FeedPollResult(url, [], str(exc))
        FEED_POLLS.labels("ok").inc()
        new = sum(outcome.status != "duplicate" for outcome in outcomes)
        log.info("feed polled", extra={"feed": url, "entries": len(outcomes), "published": new})
        return FeedPollResult(url, outcomes)
