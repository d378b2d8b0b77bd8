"""``parley tail``: watch engagements arrive on Kafka, one line each.

The default line reads left to right as the event: when, what, whether it happened, who, where::

    2025-08-04  call     happened   Ishaq Dar (PAK) + Marco Rubio (USA)  @ -  [001_743dac7df282353b]

``--json`` prints each event as one JSON object per line instead, for piping into ``jq``.
"""

from __future__ import annotations

import argparse
import sys

from parley_shared.kafka import Undecodable, follow
from parley_shared.schemas import EngagementExtracted, EventDate, Participant
from parley_shared.settings import CommonSettings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from-beginning",
        action="store_true",
        help="start with the engagements already on the topic (default: only new ones)",
    )
    parser.add_argument(
        "--group",
        help="consumer group: remembers where this reader stopped (default: none, nothing remembered)",
    )
    parser.add_argument("--json", action="store_true", help="print each event as one JSON line")
    parser.add_argument("--limit", type=int, metavar="N", help="exit after N engagements")


def run(args: argparse.Namespace) -> int:
    """Print engagements until Ctrl-C (or ``--limit``). Topic and broker come from the environment."""
    settings = CommonSettings()
    events = follow(
        bootstrap_servers=settings.bootstrap_servers,
        topic=settings.topic_engagements,
        model=EngagementExtracted,
        client_id="parley-tail",
        group_id=args.group,
        from_beginning=args.from_beginning,
    )
    printed = 0
    try:
        for event in events:
            if isinstance(event, Undecodable):
                where = f"{event.topic}/{event.partition}/{event.offset}"
                print(f"skipped undecodable message {where}: {event.error}", file=sys.stderr)
                continue
            engagement = event.value
            print(engagement.model_dump_json() if args.json else format_engagement(engagement), flush=True)
            printed += 1
            if args.limit is not None and printed >= args.limit:
                break
    except KeyboardInterrupt:
        pass
    finally:
        events.close()
    return 0


def format_engagement(engagement: EngagementExtracted) -> str:
    """One human-readable line: date, type, status, participants, location, article."""
    participants = " + ".join(_participant(p) for p in engagement.participants) or "-"
    location = engagement.location
    where = "-" if location is None else location.name + (f", {location.country}" if location.country else "")
    return (
        f"{_date(engagement.date):<10}  {engagement.type:<7}  {engagement.status:<9}  "
        f"{participants}  @ {where}  [{engagement.article_id}]"
    )


def _participant(participant: Participant) -> str:
    return participant.name + (f" ({participant.country})" if participant.country else "")


def _date(when: EventDate | None) -> str:
    if when is None:
        return "undated"
    width = {"day": 10, "month": 7, "year": 4}[when.precision]
    start, end = when.start.isoformat()[:width], when.end.isoformat()[:width]
    return start if start == end else f"{start}..{end}"
