"""Fold the drafts that report one engagement into one event, settle status and dates, and emit.

An article mentions the same engagement in its headline, lead and body; each mention adds
a detail (the date here, the place there). Drafts fold when they are the same kind of
engagement between the same parties (one set containing the other), at compatible dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from parley_shared.schemas import (
    Article,
    EngagementExtracted,
    EventDate,
    Evidence,
    Extractor,
    Forum,
    Location,
    Participant,
    SourceArticle,
    engagement_id,
)

from parley_extract import EXTRACTOR_NAME, EXTRACTOR_VERSION
from parley_extract.actors import knowledge_base
from parley_extract.countries import country_lexicon
from parley_extract.dates import DateMention
from parley_extract.drafts import Draft, Status
from parley_extract.mentions import Person
from parley_extract.places import Place
from parley_extract.tokens import normalise

_EXTRACTOR = Extractor(name=EXTRACTOR_NAME, version=EXTRACTOR_VERSION)


class _Group:
    def __init__(self, draft: Draft) -> None:
        self.drafts = [draft]

    @property
    def type(self) -> str:
        return self.drafts[0].type

    def parties(self) -> list[Person]:
        seen: dict[str, Person] = {}
        for draft in self.drafts:
            for person in draft.parties:
                current = seen.get(person.key)
                if current is None or (current.unnamed and not person.unnamed):
                    seen[person.key] = person
        return list(seen.values())

    def party_keys(self) -> set[str]:
        return {p.key for p in self.parties()}

    def location(self) -> Place | None:
        direct = [d.location for d in self.drafts if d.location and not d.location_from_context]
        cities = [p for p in direct if p.kind != "country"]
        if cities or direct:
            return (cities or direct)[0]
        context = [d.location for d in self.drafts if d.location]
        return context[0] if context else None

    def date(self) -> DateMention | None:
        dated = [d.date for d in self.drafts if d.date is not None]
        if not dated:
            return None
        rank = {"day": 0, "month": 1, "year": 2}
        return min(dated, key=lambda m: rank[m.precision])

    def subtype(self) -> str | None:
        return next((d.subtype for d in self.drafts if d.subtype), None)

    def forum(self) -> tuple[str, str | None] | None:
        forums = [d.forum for d in self.drafts if d.forum]
        return max(forums, key=lambda f: len(f[0])) if forums else None


def _dates_compatible(a: DateMention | None, b: DateMention | None) -> bool:
    return a is None or b is None or (a.first <= b.last and b.first <= a.last)


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.kind == "country" or b.kind == "country":
        return a.country == b.country
    return a.name == b.name


def _forum_key(forum: tuple[str, str | None] | None) -> str | None:
    if forum is None:
        return None
    return forum[1] or " ".join(normalise(w) for w in forum[0].split())


def _fits(group: _Group, draft: Draft) -> bool:
    if group.type != draft.type or not _dates_compatible(group.date(), draft.date):
        return False
    days = {d.day_words for d in group.drafts if d.day_words}
    if draft.day_words and days and draft.day_words not in days:
        return False
    keys, other = group.party_keys(), {p.key for p in draft.parties}
    if draft.type in ("meeting", "call"):
        # The same parties: a bilateral on the sidelines of a trilateral is an engagement of its own.
        return keys == other and not _held_and_planned_apart(group, draft)
    if not keys & other:
        return False
    if draft.type == "visit":
        return _same_place(group.location(), draft.location)
    return _forum_key(group.forum()) == _forum_key(draft.forum) or _one_forum_named_twice(group, draft)


def _held_and_planned_apart(group: _Group, draft: Draft) -> bool:
    """ "met in New York in September ... expected to meet again in Muscat": one meeting held and one
    planned, in two cities, are two."""
    planned = {d.status == "planned" for d in (*group.drafts, draft)}
    return len(planned) == 2 and not _same_place(group.location(), draft.location)


def _one_forum_named_twice(group: _Group, draft: Draft) -> bool:
    """ "the high-level international conference" and "the two-state solution conference" in one city:
    one conference the article names two ways."""
    place, forum = group.location(), group.forum()
    if place is None or place.kind == "country" or forum is None or draft.forum is None:
        return False
    if forum[1] is not None or draft.forum[1] is not None:
        return False  # a body's meetings are told apart by their names: two Security Council sessions
    if draft.location is None or draft.location.name != place.name:
        return False
    return bool(_naming_words(forum[0]) & _naming_words(draft.forum[0]))


def _naming_words(name: str) -> set[str]:
    """The words of a forum's name that tell it apart: not the states it joins ("India-Russia Business
    Forum" and "India-Russia Inter-Governmental Commission" are two meetings), not "of" or "the"."""
    words = {normalise(w) for w in re.split(r"[\s\-–]+", name) if len(w) > 3}
    return {w for w in words if country_lexicon().iso3_of_name(w) is None}


def _group(drafts: Iterable[Draft]) -> list[_Group]:
    groups: list[_Group] = []
    for draft in drafts:
        home = next((g for g in groups if _fits(g, draft)), None)
        if home is None:
            groups.append(_Group(draft))
        else:
            home.drafts.append(draft)
    return groups


def _status(
    group: _Group,
    place: Place | None,
    when: tuple[date, date] | None,
    anchor: date | None,
    planned_places: dict[str, set[str]],
    happened_places: set[str],
) -> Status:
    stated = [d.status for d in group.drafts]
    if "cancelled" in stated:
        return "cancelled"
    if group.type == "visit" and any(d.status is None and d.strong for d in group.drafts):
        return "happened"  # "has arrived in" outweighs "travels to"
    if "planned" in stated:
        return "planned"
    if when is not None and anchor is not None and when[0] > anchor:
        return "planned"
    travellers = planned_places.get(place.name, set()) if place is not None else set()
    if (
        place is not None
        and place.name not in happened_places
        and any(p.key in travellers for p in group.parties())
    ):
        return "planned"  # held during a trip of theirs that is still ahead
    return "happened"


def _confidence(group: _Group, parties: list[Person], has_date: bool, has_place: bool) -> float:
    score = 0.45
    score += 0.15 if any(d.strong for d in group.drafts) else 0.0
    score += 0.1 * min(2, sum(1 for p in parties if p.actor_id))
    score += 0.05 * min(2, len(group.drafts) - 1)
    score += 0.05 if has_date else 0.0
    score += 0.05 if has_place else 0.0
    return round(min(score, 0.95), 2)


def assemble(
    article: Article, text: str, drafts: list[Draft], anchor: date | None
) -> list[EngagementExtracted]:
    groups = _group(drafts)
    places = {id(g): _destination(groups, g) for g in groups}
    visit_dates = _dates_by_place(groups)
    planned_places: dict[str, set[str]] = {}  # place: who travels there later
    happened_places: set[str] = set()
    for group in groups:
        place = places[id(group)]
        if group.type == "visit" and place is not None:
            if all(d.status == "planned" for d in group.drafts):
                planned_places.setdefault(place.name, set()).update(p.key for p in group.parties())
            else:
                happened_places.add(place.name)
    events = []
    for group in groups:
        mention = group.date()
        when = (mention.first, mention.last) if mention else None
        place = places[id(group)]
        if when is None and group.type == "visit" and place is not None:
            when = visit_dates.get(place.name)
        if when is None and group.subtype() == "sideline":
            when = _forum_day(groups, place)
        status = _status(group, place, when, anchor, planned_places, happened_places)
        events.append(_event(article, text, group, mention, when, place, status))
    return events


def _destination(groups: list[_Group], group: _Group) -> Place | None:
    place = group.location()
    if group.type == "visit" and place is not None and place.kind == "country":
        return _city_in(groups, place.country) or place
    return place


def _city_in(groups: list[_Group], country: str) -> Place | None:
    """ "jetting off to Belgium" and then "in Brussels": the visit's destination is the city."""
    for group in groups:
        place = group.location()
        if place is not None and place.kind != "country" and place.country == country:
            return place
    return None


def _forum_day(groups: list[_Group], place: Place | None) -> tuple[date, date] | None:
    """A meeting "on the sidelines" the text leaves undated took place during the forum, when the
    article dates exactly one forum there."""
    days = {
        (m.first, m.last)
        for g in groups
        if g.type == "forum"
        and (m := g.date()) is not None
        and m.precision == "day"
        and (place is None or g.location() is None or _same_place(g.location(), place))
    }
    return days.pop() if len(days) == 1 else None


def _dates_by_place(groups: list[_Group]) -> dict[str, tuple[date, date]]:
    """A visit the text leaves undated spans the dated engagements held at its destination."""
    spans: dict[str, tuple[date, date]] = {}
    for group in groups:
        mention, place = group.date(), group.location()
        if group.type == "visit" or mention is None or place is None or mention.precision != "day":
            continue
        first, last = spans.get(place.name, (mention.first, mention.last))
        spans[place.name] = (min(first, mention.first), max(last, mention.last))
    return spans


def _event(
    article: Article,
    text: str,
    group: _Group,
    mention: DateMention | None,
    when: tuple[date, date] | None,
    place: Place | None,
    status: Status,
) -> EngagementExtracted:
    parties = group.parties()
    forum = group.forum()
    first = group.drafts[0]
    evidence = _evidence(text, group, mention, place)
    event_date = None
    if when is not None:
        event_date = EventDate(
            start=when[0],
            end=when[1],
            precision=mention.precision if mention else "day",
            text=mention.text if mention else "",
        )
    location = (
        Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon)
        if place is not None and group.type != "call"
        else None
    )
    topics = sorted(set().union(*(d.topics for d in group.drafts)))
    subtype = group.subtype()
    return EngagementExtracted(
        id=engagement_id(
            article.id,
            group.type,
            [p.key for p in parties],
            location.name if location else None,
            when[0].isoformat() if when else None,
            _forum_key(forum),
        ),
        article_id=article.id,
        type=first.type,
        subtype=subtype,
        status=status,
        participants=[
            Participant(
                name=p.name,
                actor_id=p.actor_id,
                country=p.country,
                role=p.role,
                aliases=_aliases(text, group, p),
            )
            for p in parties
        ],
        location=location,
        forum=Forum(name=forum[0], org=forum[1]) if forum else None,
        date=event_date,
        topics=topics,
        evidence=evidence,
        confidence=_confidence(group, parties, when is not None, location is not None),
        language=first.sentence.language,
        extractor=_EXTRACTOR,
        source=SourceArticle(url=article.url, title=article.title, published_at=article.published_at),
    )


def _aliases(text: str, group: _Group, person: Person) -> list[str]:
    """How the article wrote the person's name, then the knowledge base's other spellings."""
    written = [
        text[p.start : p.end]
        for d in group.drafts
        for p in d.parties
        if p.key == person.key and p.via in ("alias", "short", "name") and p.end > p.start
    ]
    actor = knowledge_base().get(person.actor_id) if person.actor_id else None
    known = actor.aliases.all() if actor is not None else []
    return [form for form in dict.fromkeys([*written, *known]) if form != person.name]


def _evidence(text: str, group: _Group, mention: DateMention | None, place: Place | None) -> list[Evidence]:
    spans: list[tuple[int, int, str]] = []
    for draft in group.drafts:
        span = (draft.sentence.start, draft.sentence.end, "event")
        if span not in spans:
            spans.append(span)
    covered = [(s, e) for s, e, _ in spans]
    if mention is not None and not any(s <= mention.start < e for s, e in covered):
        spans.append((mention.start, mention.end, "date"))
    located = next((d for d in group.drafts if d.location == place and d.location_span), None)
    if located is not None and located.location_span is not None:
        s, e = located.location_span
        if not any(cs <= s < ce for cs, ce in covered):
            spans.append((s, e, "location"))
    return [Evidence(text=text[s:e], start=s, end=e, role=role) for s, e, role in spans]
