"""The store's use case: file a batch of reports under merged engagements, in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from parley_shared.schemas import EngagementExtracted

from parley_store.merging import Report, merge, merged_id_for, person_keys, place
from parley_store.repository import AbstractRepository, FiledReport, KafkaOrigin
from parley_store.unit_of_work import AbstractUnitOfWork


@dataclass(frozen=True)
class Incoming:
    """A report to store, and where it was read from (``None`` outside Kafka, e.g. in tests)."""

    event: EngagementExtracted
    origin: KafkaOrigin | None = None


@dataclass(frozen=True)
class StoreOutcome:
    stored: int
    duplicates: int
    merged_ids: frozenset[str]


def store_reports(
    uow: AbstractUnitOfWork, incoming: Sequence[Incoming], received_at: datetime
) -> StoreOutcome:
    """Store new reports and recompute the merged engagements they join; commits once, at the end.

    Reports already stored (redelivery) and repeats within the batch change nothing. New reports are
    placed in report-id order, all stamped with one receipt time: the arrival order
    :mod:`parley_store.merging` defines, so the result equals clustering every report ever stored from
    scratch. The stamp is ``received_at``, moved just past the latest stored one if the clock says
    otherwise (a clock step back, or a second store process with a slower clock): arrival order must
    follow storage order, or a merged engagement's first report -- and so its id -- could change.
    """
    with uow:
        latest = uow.repository.latest_received_at()
        if latest is not None and received_at <= latest:
            received_at = latest + timedelta(microseconds=1)
        first_copies: dict[str, Incoming] = {}
        for item in incoming:
            first_copies.setdefault(item.event.id, item)
        known = uow.repository.known_report_ids(first_copies.keys())
        new = [first_copies[report_id] for report_id in sorted(first_copies.keys() - known)]

        clusters = _Clusters(uow.repository, [item.event for item in new])
        filed: list[FiledReport] = []
        for item in new:
            report = Report(event=item.event, received_at=received_at)
            filed.append(FiledReport(report=report, merged_id=clusters.file(report), origin=item.origin))
        uow.repository.put_engagements([merge(clusters.members[merged_id]) for merged_id in clusters.touched])
        uow.repository.add_reports(filed)
        uow.commit()
    return StoreOutcome(
        stored=len(filed), duplicates=len(incoming) - len(filed), merged_ids=frozenset(clusters.touched)
    )


def _lookup_keys(event: EngagementExtracted) -> set[tuple[str, str]]:
    """What finds clusters ``event`` may join: its type with each key of each participant."""
    return {(event.type, key) for person in event.participants for key in person_keys(person)}


class _Clusters:
    """The clusters a batch may touch, loaded from the repository once, up front, and indexed in memory.

    :meth:`file` then finds a report's candidate clusters by its type and participants in the index,
    which also holds the clusters the batch itself creates (they are only written at the end).
    """

    def __init__(self, repository: AbstractRepository, events: Sequence[EngagementExtracted]) -> None:
        self._index: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.members: dict[str, list[Report]] = {}
        self.touched: list[str] = []
        stored = repository.reports_of(repository.candidate_merged_ids(events))
        for merged_id, reports in stored.items():
            for report in reports:
                self._add(merged_id, report)

    def file(self, report: Report) -> str:
        """Place ``report`` in a cluster (an existing one, or a new one) and return its merged id."""
        candidate_ids = set().union(*(self._index.get(key, set()) for key in _lookup_keys(report.event)))
        ordered = sorted(candidate_ids)
        index = place(report, [self.members[m] for m in ordered])
        merged_id = merged_id_for(report.id) if index is None else ordered[index]
        self._add(merged_id, report)
        if merged_id not in self.touched:
            self.touched.append(merged_id)
        return merged_id

    def _add(self, merged_id: str, report: Report) -> None:
        self.members.setdefault(merged_id, []).append(report)
        for key in _lookup_keys(report.event):
            self._index[key].add(merged_id)
