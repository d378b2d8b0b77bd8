"""Merging reports of the same real-world engagement across articles and languages.

An :class:`~parley_shared.schemas.EngagementExtracted` is one *report*: what one article says about
one engagement. Reports of the same engagement form a *cluster*, seen by the API as one *merged
engagement*. Pure code: no I/O, no clock.

Two reports may merge (:func:`same_engagement`) when all of these hold:

- they come from different articles (within one article the extractor already deduplicates, so two
  reports from one article are two engagements);
- same ``type``;
- participants, compared by ``actor_id`` when both sides have one, else by normalised name
  (:func:`parley_store.names.normalise_name`):

  - ``meeting``/``call``: the same set, or one set inside the other with at least two people shared;
  - ``visit``: a shared traveller and the same place, which both must name: same city name, else
    the same country (one newsroom writes "Washington", another "the United States");
  - ``forum``: a shared participant and the same forum: one forum name's words contained in the
    other's with no conflicting ``org`` ("SCO" vs "SCO Council of Foreign Ministers"), or, when a
    side has no forum, the same location name;
- dates compatible: either side undated, or ranges that overlap or lie at most
  :data:`MAX_DATE_GAP_DAYS` apart (time zones and "on Tuesday" anchored to a late edition shift a
  day or two); further apart never merge;
- locations compatible: the same country, or a country missing on one side;
- not one ``happened`` and the other ``cancelled``.

Clustering is *complete-linkage, in arrival order*: a new report joins an existing cluster whose
every member it may merge with (of several, the one most recently added to), else it starts a new
cluster. Complete linkage keeps an undated report from bridging two calls a month apart; arrival
order makes clustering
*online-stable*: a report that arrives later never moves an earlier report to another cluster, so a
merged engagement's id -- derived from its first report's id -- never changes once published.

The merged view (:func:`merge`): participants of all reports, once each (a resolved actor preferred
to a name-only mention); the most precise date; location, forum and subtype from the most confident
report that has one; status ``happened`` if any report says so, else ``cancelled`` if any does, else
``planned``; topics and evidence of all reports; confidence ``1 - prod(1 - c_i)`` capped at
:data:`CONFIDENCE_CAP`; languages; first and last receipt times.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from parley_shared.schemas import (
    EngagementExtracted,
    EngagementStatus,
    EngagementType,
    EventDate,
    EvidenceRole,
    Forum,
    Location,
    Participant,
)

from parley_store.names import fold_text, normalise_name

MAX_DATE_GAP_DAYS = 3
CONFIDENCE_CAP = 0.99
PREFERRED_LANGUAGE = "en"
NAME_KEY_PREFIX = "~"  # keeps name keys apart from actor keys in one look-up table
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_STATUS_PRECEDENCE: tuple[EngagementStatus, ...] = ("happened", "cancelled", "planned")
_CONFLICTING_STATUSES = frozenset({"happened", "cancelled"})


@dataclass(frozen=True)
class Report:
    """One engagement as one article reported it, and when the store first received it."""

    event: EngagementExtracted
    received_at: datetime

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def arrival(self) -> tuple[datetime, str]:
        """Sort key for "earliest report": receipt time, ties broken by report id."""
        return (self.received_at, self.event.id)


@dataclass(frozen=True)
class MergedEvidence:
    """A passage supporting a merged engagement, tagged with the report and article it came from."""

    report_id: str
    article_id: str
    language: str
    text: str
    role: EvidenceRole
    start: int
    end: int


@dataclass(frozen=True)
class MergedEngagement:
    """The single view of one real-world engagement built from all its reports."""

    id: str
    type: EngagementType
    subtype: str | None
    status: EngagementStatus
    date: EventDate | None
    location: Location | None
    forum: Forum | None
    participants: tuple[Participant, ...]
    topics: tuple[str, ...]
    evidence: tuple[MergedEvidence, ...]
    confidence: float
    languages: tuple[str, ...]
    report_ids: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime

    @property
    def report_count(self) -> int:
        return len(self.report_ids)

    @property
    def summary(self) -> str:
        """One readable line, e.g. ``Call (happened): Ishaq Dar (PAK), Marco Rubio (USA) on 2025-07-25``."""
        people = ", ".join(f"{p.name} ({p.country})" if p.country else p.name for p in self.participants)
        parts = [f"{self.type.capitalize()} ({self.status}): {people or 'unnamed participants'}"]
        if self.forum:
            parts.append(f"at {self.forum.name}")
        if self.location:
            parts.append(f"in {self.location.name}")
        if self.date:
            span = self.date.start.isoformat()
            if self.date.end != self.date.start:
                span += f" to {self.date.end.isoformat()}"
            parts.append(f"on {span}")
        return " ".join(parts)

    @property
    def search_text(self) -> str:
        """Everything a free-text query may hit, folded like :func:`~parley_store.names.fold_text`."""
        pieces = [self.summary, *self.topics]
        pieces += [f"{p.name} {p.role or ''} {p.actor_id or ''}" for p in self.participants]
        if self.forum:
            pieces.append(f"{self.forum.name} {self.forum.org or ''}")
        if self.location:
            pieces.append(self.location.name)
        pieces += [e.text for e in self.evidence]
        return fold_text(" ".join(pieces))


def actor_key(participant: Participant) -> str:
    """How a participant is filed: its knowledge-base id, else ``name:<normalised name>``."""
    return participant.actor_id or f"name:{normalise_name(participant.name)}"


def person_keys(participant: Participant) -> set[str]:
    """Keys that find a participant: whenever :func:`same_person` holds for two participants, their
    key sets intersect (same actor id, hence actor key; else the same normalised name)."""
    return {actor_key(participant), NAME_KEY_PREFIX + normalise_name(participant.name)}


def merged_id_for(first_report_id: str) -> str:
    """The merged engagement's id, derived from its earliest report's id."""
    return "m-" + hashlib.sha256(first_report_id.encode("utf-8")).hexdigest()[:20]


# --------------------------------------------------------------------------- the merge rule


def same_person(a: Participant, b: Participant) -> bool:
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return normalise_name(a.name) == normalise_name(b.name)


def _shared_count(a: Sequence[Participant], b: Sequence[Participant]) -> int:
    """Number of people of ``a`` found in ``b``, each person of ``b`` matched at most once."""
    unmatched = list(b)
    shared = 0
    for person in a:
        match = next((other for other in unmatched if same_person(person, other)), None)
        if match is not None:
            unmatched.remove(match)
            shared += 1
    return shared


def _participants_compatible(a: EngagementExtracted, b: EngagementExtracted) -> bool:
    shared = _shared_count(a.participants, b.participants)
    if a.type in ("meeting", "call"):
        smaller, larger = sorted((len(a.participants), len(b.participants)))
        same_set = shared == smaller == larger > 0
        subset = shared == smaller >= 2
        return same_set or subset
    return shared >= 1


def date_ranges_compatible(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """Whether two date ranges overlap or lie at most :data:`MAX_DATE_GAP_DAYS` apart."""
    gap = max(a_start, b_start) - min(a_end, b_end)  # zero or negative when the ranges overlap
    return gap.days <= MAX_DATE_GAP_DAYS


def _dates_compatible(a: EventDate | None, b: EventDate | None) -> bool:
    return a is None or b is None or date_ranges_compatible(a.start, a.end, b.start, b.end)


def _countries_compatible(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None or a.country is None or b.country is None:
        return True
    return a.country == b.country


def _same_place(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return False
    if fold_text(a.name) == fold_text(b.name):
        return True
    return a.country is not None and a.country == b.country


def _same_forum(a: EngagementExtracted, b: EngagementExtracted) -> bool:
    if a.forum and b.forum:
        if a.forum.org and b.forum.org and fold_text(a.forum.org) != fold_text(b.forum.org):
            return False
        words_a, words_b = set(fold_text(a.forum.name).split()), set(fold_text(b.forum.name).split())
        return words_a <= words_b or words_b <= words_a
    return (
        a.location is not None
        and b.location is not None
        and fold_text(a.location.name) == fold_text(b.location.name)
    )


def same_engagement(a: EngagementExtracted, b: EngagementExtracted) -> bool:
    """Whether two reports may describe the same real-world engagement (the rules in the module doc)."""
    if a.article_id == b.article_id or a.type != b.type:
        return False
    if {a.status, b.status} == _CONFLICTING_STATUSES:
        return False
    if not (_dates_compatible(a.date, b.date) and _countries_compatible(a.location, b.location)):
        return False
    if not _participants_compatible(a, b):
        return False
    if a.type == "visit":
        return _same_place(a.location, b.location)
    if a.type == "forum":
        return _same_forum(a, b)
    return True


# --------------------------------------------------------------------------- clustering


def place(report: Report, clusters: Sequence[Sequence[Report]]) -> int | None:
    """Index of the cluster ``report`` joins, or ``None`` when it starts a new one.

    Of several clusters it may join, it joins the one that most recently received a report: an
    undated report is most likely about the latest of several engagements between the same people.
    A report already in a cluster stays there, so a redelivered report changes nothing.
    """
    for index, cluster in enumerate(clusters):
        if any(member.id == report.id for member in cluster):
            return index
    joinable = [
        index
        for index, cluster in enumerate(clusters)
        if cluster and all(same_engagement(report.event, member.event) for member in cluster)
    ]
    return max(joinable, key=lambda index: max(member.arrival for member in clusters[index]), default=None)


def cluster_reports(reports: Iterable[Report]) -> list[list[Report]]:
    """Group reports into clusters, processing them in arrival order (see the module doc)."""
    clusters: list[list[Report]] = []
    for report in sorted(reports, key=lambda r: r.arrival):
        index = place(report, clusters)
        if index is None:
            clusters.append([report])
        elif all(member.id != report.id for member in clusters[index]):
            clusters[index].append(report)
    return clusters


# --------------------------------------------------------------------------- the merged view


def _union_participants(events: Sequence[EngagementExtracted]) -> tuple[Participant, ...]:
    """Everyone named by any report, once each.

    Of several mentions of one person the best-ranked one is kept: a resolved actor over a name-only
    mention, then an English-language report's spelling (the form the knowledge base's canonical names
    use), then the earliest; missing country and role are filled in from the other mentions.
    """
    merged: list[tuple[tuple[bool, bool], Participant]] = []
    for event in events:
        for person in event.participants:
            rank = (person.actor_id is not None, event.language == PREFERRED_LANGUAGE)
            index = next((i for i, (_, known) in enumerate(merged) if same_person(known, person)), None)
            if index is None:
                merged.append((rank, person))
                continue
            known_rank, known = merged[index]
            (best_rank, best), other = (
                ((rank, person), known) if rank > known_rank else ((known_rank, known), person)
            )
            filled = best.model_copy(
                update={"country": best.country or other.country, "role": best.role or other.role}
            )
            merged[index] = (best_rank, filled)
    return tuple(person for _, person in merged)


def _union_topics(events: Sequence[EngagementExtracted]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for event in events:
        for topic in event.topics:
            seen.setdefault(fold_text(topic), topic)
    return tuple(seen.values())


def _combined_confidence(events: Sequence[EngagementExtracted]) -> float:
    """Independent reports reinforce each other: 1 - prod(1 - c_i), capped below certainty."""
    doubt = math.prod(1.0 - event.confidence for event in events)
    return round(min(1.0 - doubt, CONFIDENCE_CAP), 6)


def _status(events: Sequence[EngagementExtracted]) -> EngagementStatus:
    statuses = {event.status for event in events}
    return next(status for status in _STATUS_PRECEDENCE if status in statuses)


def _most_precise_date(events: Sequence[EngagementExtracted]) -> EventDate | None:
    dated = [(event.date, event.confidence) for event in events if event.date is not None]
    if not dated:
        return None
    # min() keeps the first of equals, and events are in arrival order: the earliest report breaks ties.
    best, _ = min(
        dated,
        key=lambda pair: (_PRECISION_RANK[pair[0].precision], (pair[0].end - pair[0].start).days, -pair[1]),
    )
    return best


def merge(cluster: Sequence[Report]) -> MergedEngagement:
    """The merged view of one cluster. Deterministic: the same reports give the same result."""
    first_copies: dict[str, Report] = {}
    for report in sorted(cluster, key=lambda r: r.arrival):
        first_copies.setdefault(report.id, report)
    reports = list(first_copies.values())
    if not reports:
        raise ValueError("cannot merge an empty cluster")
    events = [report.event for report in reports]
    most_confident_first = sorted(events, key=lambda e: -e.confidence)  # stable: ties keep arrival order
    return MergedEngagement(
        id=merged_id_for(reports[0].id),
        type=events[0].type,
        subtype=next((e.subtype for e in most_confident_first if e.subtype), None),
        status=_status(events),
        date=_most_precise_date(events),
        location=next((e.location for e in most_confident_first if e.location), None),
        forum=next((e.forum for e in most_confident_first if e.forum), None),
        participants=_union_participants(events),
        topics=_union_topics(events),
        evidence=tuple(
            MergedEvidence(
                report_id=e.id,
                article_id=e.article_id,
                language=e.language,
                text=evidence.text,
                role=evidence.role,
                start=evidence.start,
                end=evidence.end,
            )
            for e in events
            for evidence in e.evidence
        ),
        confidence=_combined_confidence(events),
        languages=tuple(sorted({e.language for e in events})),
        report_ids=tuple(e.id for e in events),
        first_seen=reports[0].received_at,
        last_seen=max(report.received_at for report in reports),
    )
