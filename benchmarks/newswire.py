"""A synthetic newswire for benchmarks: distinct articles about distinct engagements.

Replaying the five seeds a thousand times makes every copy report the same engagements, so the
store merges hundreds of reports into each: a workload no news feed produces. These articles pair
real office holders from the knowledge base at random, in their capitals, on varied days, and pad
each with ordinary news prose to about 3 KB, so most engagements are new and a few recur.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from parley_extract.actors import Actor, knowledge_base
from parley_extract.places import gazetteer

ROLES = ("head_of_state", "head_of_government", "foreign_minister")
FILLER = (
    "The talks covered trade, investment, energy and regional security, officials said, and both sides "
    "agreed to keep in close contact on issues of mutual interest. A joint working group is to meet later "
    "in the year to review progress on earlier agreements, including on visas and connectivity.",
    "In a statement issued afterwards, the foreign ministry said the two countries shared a commitment to "
    "peace and stability in the region. The statement stressed the importance of dialogue and welcomed "
    "the growing volume of bilateral trade, which has doubled over the past five years.",
    "Analysts said the engagement reflected a broader effort to diversify partnerships at a time of "
    "uncertainty in global markets. Opposition lawmakers, speaking to reporters in parliament, called for "
    "more transparency about the agreements signed during the year.",
    "The ministry spokesperson told the weekly press briefing that preparations for the next round of "
    "consultations were under way. She declined to comment on reports about a possible free trade "
    "agreement, saying that negotiations were continuing at the technical level.",
)


@dataclass(frozen=True)
class Official:
    name: str
    title: str
    country: str
    capital: str


def officials(on: date) -> list[Official]:
    """Knowledge-base heads of state and government and foreign ministers in office on a day."""
    found = []
    places = gazetteer()
    for actor in knowledge_base().actors.values():
        office = _office(actor, on)
        capital = places.capital(actor.country) if len(actor.country) == 3 else None
        if office is not None and capital is not None:
            found.append(Official(actor.name, office.title, actor.country, capital.name))
    return found


def _office(actor: Actor, on: date):  # type: ignore[no-untyped-def]
    for office in actor.offices:
        if office.role in ROLES and office.of == actor.country and office.held_on(on):
            return office
    return None


def article_text(rng: random.Random, cast: list[Official], day: date) -> str:
    host, guest, caller, other = rng.sample(cast, 4)
    while len({host.country, guest.country, caller.country, other.country}) < 4:
        host, guest, caller, other = rng.sample(cast, 4)
    when = day.strftime("%B %-d, %Y")
    paragraphs = [
        f"{guest.name} holds talks with {host.name} in {host.capital}",
        f"{host.capital.upper()}: {guest.title} {guest.name} arrived in {host.capital} on {when} on an "
        f"official visit and held talks with {host.title} {host.name}.",
        *rng.sample(FILLER, 2),
        f"Later in the day, {host.name} also held a telephone conversation with "
        f"{caller.title} {caller.name}.",
        *rng.sample(FILLER, 2),
        f"{guest.name} is expected to travel to {other.capital} next week to meet "
        f"{other.title} {other.name}.",
        *rng.sample(FILLER, 3),
    ]
    return "\n\n".join(paragraphs)


def newswire(size: int, seed: int = 7) -> list[tuple[str, date]]:
    """``size`` (text, published_at) pairs."""
    rng = random.Random(seed)
    days = [date(2025, 1, 6) + timedelta(days=offset) for offset in range(0, 300, 30)]
    casts = {day: officials(day) for day in days}
    articles = []
    for _ in range(size):
        day = rng.choice(days) + timedelta(days=rng.randrange(30))
        cast = casts[max(d for d in days if d <= day)]
        articles.append((article_text(rng, cast, day), day + timedelta(days=1)))
    return articles
