"""Turn each trigger into a draft engagement: parties, place, forum, date, as one sentence gives them.

Context the sentence leaves implicit comes from the article read so far: who "he" and "the
two leaders" are, where the traveller is (the last visit), and where a paragraph was filed
(its dateline).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from parley_extract.actors import AliasHit, knowledge_base
from parley_extract.candidates import (
    CHAIR_VERB,
    NOUN_REACH,
    VERB_FINAL,
    WITH_WORDS,
    Candidate,
    find_candidates,
    says_with,
)
from parley_extract.countries import country_lexicon
from parley_extract.dates import DateMention, find_dates
from parley_extract.lexicon import EngagementType, Lexicon, Trigger, lexicon
from parley_extract.mentions import ArticleReading, MentionFinder, Person
from parley_extract.organisations import OrgMention, organisation_lexicon
from parley_extract.places import Place, PlaceMention, gazetteer
from parley_extract.segment import Sentence
from parley_extract.tokens import PhraseMatch, Token, normalise, normalised_words, tokenize
from parley_extract.topics import find_topics

Status = Literal["happened", "planned", "cancelled"]

_FORUM_HEADS = (
    "Summit|Dialogue|Forum|Conference|Council|Assembly|Session|Debate|Meeting|Commission|Congress|"
    "Parliament|Institute|Institution|University|Foundation|Center|Centre|Chamber|Academy|Symposium|"
    "Ministerial|Consultations"
)
# "the Arab-Islamic summit", "the BRICS summit": heads the press also writes in lower case
_LOWER_CASE_HEADS = "summit|conference|forum|dialogue"
_CALENDAR_WORDS = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|"
    r"August|September|October|November|December)\b"
)
_FORUM_NAME = re.compile(
    rf"(?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+)?"
    rf"(?:[A-Z][\w’'\-–]*\s+){{0,6}}(?:{_FORUM_HEADS}|{_LOWER_CASE_HEADS})s?(?:['’]s?)?"
    rf"(?:\s+(?:meeting|session|summit))?"
    rf"(?:\s+(?:of|on)\s+(?:the\s+)?(?:(?!{_CALENDAR_WORDS})[A-Z][\w’'\-–]*\s?){{1,6}})?"
)
_VENUE_SPEECH = re.compile(
    r"\b(?:discuss|discussed|speak|spoke|address|addressed|deliver|delivered|talk|lecture|outline|present|share)\b",
    re.IGNORECASE,
)
_VENUE_INSTITUTION = re.compile(
    r"\bat the ((?:[A-Z][\w’'\-]*\s+){1,5}"
    r"(?:Council|Institute|Institution|University|Foundation|Center|Centre|Chamber|Academy|School|Forum))\b"
)
# Dates that say "since when", not "when": "since October 2024", "اکتوبر 2024 سے اب تک".
_SINCE_BEFORE = re.compile(r"(?:since|depuis|desde|с|منذ|से)\s*$", re.IGNORECASE)
_SINCE_AFTER = re.compile(r"^\s*(?:سے اب تک|سے|से|itibaren|beri|’dan|'dan|dan beri)", re.IGNORECASE)
_DATELINE_GAP = re.compile(r"^\s*(?:\(|–|—|-|:|,|\s)")
# A date that stamps the article ("date 2025-11-19") or a statement ("said on Monday"), not the event.
_NOT_EVENT_DATE = re.compile(
    r"(?:\b(?:date|dated|published|updated|posted|said|says|told|announced|stated|reported|added|confirmed|"
    r"noted|tweeted|wrote|declared|a déclaré|a indiqué|dijo|informó|declaró|açıkladı|dedi|заявил|сообщил)"
    r"|کہا|بتایا|قال|أعلن|कहा)\s*(?:on|le|el|el pasado|this|last)?\s*:?\s*$",
    re.IGNORECASE,
)
_ARTICLE_GAP = re.compile(r"\s+(?:the|la|le|el|l'|al-)?\s*", re.IGNORECASE)
# "the State Department said", "Beijing announced": a place that speaks stands for a government
_SPEAKS_FOR = re.compile(r"\s+(?:said|says|announced|stated|confirmed|added|reported)\b")
_WEEKDAY_PLACEHOLDER_ANCHOR = date(2001, 1, 1)
_LEAD_SENTENCES, _LEAD_BONUS = 3, 2
_SUBJECT_REACH = 4  # tokens: a name this close to the start of a sentence is its subject
# A dateline: one to three words opening a paragraph, then "(", a dash, a colon or a comma.
_DATELINE = re.compile(r"^\s*((?:\S+\s+){0,2}?\S+?)\s*(?:\(|–|—|-|:|,|\.-)")


@dataclass
class Draft:
    type: EngagementType
    subtype: str | None
    status: Status | None  # None: the sentence does not say; decided from context later
    parties: list[Person]
    sentence: Sentence
    strong: bool
    location: Place | None = None
    location_span: tuple[int, int] | None = None  # where the place was read, when outside the sentence
    location_from_context: bool = False
    forum: tuple[str, str | None] | None = None
    date: DateMention | None = None
    topics: set[str] = field(default_factory=set)
    order: int = 0
    day_words: str | None = None  # an unresolved "on Thursday", to keep two sessions apart


class DraftBuilder:
    def __init__(self, text: str, sentences: Sequence[Sentence], anchor: date | None) -> None:
        self.text = text
        self.sentences = sentences
        self.anchor = anchor
        self.lexicon = lexicon()
        self.kb = knowledge_base()
        self.countries = country_lexicon()
        self.organisations = organisation_lexicon()
        self.gazetteer = gazetteer()
        self.finder = MentionFinder(self.kb, self.lexicon, self.countries, self.organisations)
        self.tokens = [tokenize(s.text, s.start) for s in sentences]
        self.name_hits = [list(self.kb.names.find(toks)) for toks in self.tokens]
        known_ids = {m.payload.actor_id for hits in self.name_hits for m in hits if m.payload.full}
        self.reading = ArticleReading(text, anchor, known_ids)
        self.reading.principal = self._principal()
        self.last_parties: list[Person] = []
        self.focus_before: Person | None = None  # whom the text followed before the current sentence
        self.last_type = ""
        self.last_forum: tuple[str, str | None] | None = None  # the forum "the meeting" refers back to
        self.visits: list[Draft] = []
        self.datelines: dict[int, tuple[Place, tuple[int, int]]] = {}
        self._places_cache: dict[int, list[PlaceMention]] = {}
        self._topics_cache: dict[int, set[str]] = {}
        self._triggers: dict[int, list[PhraseMatch[Trigger]]] = {}  # by sentence start
        self._sentence_index = {s.start: i for i, s in enumerate(sentences)}

    def build(self) -> list[Draft]:
        drafts: list[Draft] = []
        for sentence, toks, name_hits in zip(self.sentences, self.tokens, self.name_hits, strict=True):
            if not toks:
                continue
            if sentence.paragraph not in self.datelines:
                self._note_dateline(sentence)
            words = lexicon(sentence.language)
            triggers = self._triggers[sentence.start] = list(words.triggers.find(toks))
            if not triggers and not _VENUE_INSTITUTION.search(sentence.text):
                self._follow_focus(name_hits)
                continue  # most sentences report no engagement: skip the costlier look-ups
            places = self._places(sentence)
            orgs = [
                replace(o, start=o.start + sentence.start, end=o.end + sentence.start)
                for o in self.organisations.find(sentence.text)
            ]
            people = self.finder.find(self.reading, toks, name_hits, words, orgs, places)
            self.focus_before = self.reading.focus
            self._note_focus(people, sentence.language)
            candidates = find_candidates(self.text, toks, triggers, people, places, orgs, words)
            candidates += self._venue_candidates(sentence, toks, people, candidates, words)
            if not candidates:
                continue
            dates = self._dates(sentence, candidates)
            day_words = self._day_words(sentence, candidates)
            for candidate in _fold_sidelines(candidates):
                produced = self._drafts(candidate, sentence, dates.get(id(candidate)), set())
                for draft in produced:
                    draft.topics = self._topics(sentence)
                    draft.day_words = day_words.get(id(candidate))
                    draft.order = len(drafts)
                    drafts.append(draft)
                    if draft.type == "visit":
                        self.visits.append(draft)
                    if draft.forum is not None:
                        self.last_forum = draft.forum
                engagements = [d for d in produced if d.type in ("meeting", "call") and len(d.parties) >= 2]
                if engagements:
                    # all the parties, before a listed meeting was split into bilaterals
                    self.last_parties = _unique([p for d in engagements for p in d.parties])
                    self.last_type = engagements[0].type
        return drafts

    # ------------------------------------------------------------------ context

    def _note_focus(self, people: list[Person], language: str) -> None:
        """The article's protagonist stays in focus whenever a sentence names them; else the first named."""
        named = [p for p in people if p.actor_id and p.via in ("alias", "short", "title")]
        for person in named:
            if person.country:
                self.reading.recent.setdefault(person.country, person)
        if not named:
            return
        first = min(people, key=lambda p: p.start)
        if first.via == "pronoun" and language not in VERB_FINAL:
            # "وتلقى سموه اتصالاً من عراقجي", "he received a call from X": the subject stays in focus (in
            # the verb-final languages a pronoun first may be an object's or a demonstrative: "वह बैठक")
            return
        principal = self.reading.principal
        self.reading.focus = next((p for p in named if principal and p.key == principal.key), named[0])

    def _follow_focus(self, name_hits: list[PhraseMatch[AliasHit]]) -> None:
        """A sentence without a trigger moves the focus only to a person it opens with (its subject):
        "...the deaths of Iranian President Ebrahim Raisi" does not make Raisi the next "he"."""
        named = [m for m in name_hits if m.payload.full or m.payload.actor_id in self.reading.known_ids]
        for match in named:
            self.reading.recent.setdefault(
                self.kb.actors[match.payload.actor_id].country, self._actor(match.payload.actor_id)
            )
        if self.reading.principal is not None and any(
            m.payload.actor_id == self.reading.principal.key for m in named
        ):
            self.reading.focus = self.reading.principal
        elif named and named[0].first <= _SUBJECT_REACH:
            self.reading.focus = self._actor(named[0].payload.actor_id)

    def _actor(self, actor_id: str) -> Person:
        actor = self.kb.actors[actor_id]
        office = actor.office_on(self.anchor)
        return Person.of_actor(actor, office.title if office else None)

    def _principal(self) -> Person | None:
        """The article's protagonist: the most-mentioned knowledge-base actor (first mentioned on a tie)."""
        counts: dict[str, int] = {}
        first_seen: dict[str, int] = {}
        for index, (toks, hits) in enumerate(zip(self.tokens, self.name_hits, strict=True)):
            for rank, match in enumerate(hits):
                actor_id = match.payload.actor_id
                if match.payload.full or actor_id in self.reading.known_ids:
                    # the first person of the headline and lead is who the story is about
                    lead_bonus = _LEAD_BONUS if index < _LEAD_SENTENCES and rank == 0 else 0
                    counts[actor_id] = counts.get(actor_id, 0) + 1 + lead_bonus
                    first_seen.setdefault(actor_id, toks[match.first].start)
        if not counts:
            return None
        return self._actor(max(counts, key=lambda a: (counts[a], -first_seen[a])))

    def _places(self, sentence: Sentence) -> list[PlaceMention]:
        found = self._places_cache.get(sentence.start)
        if found is None:
            found = self._places_cache[sentence.start] = [
                replace(p, start=p.start + sentence.start, end=p.end + sentence.start)
                for p in self.gazetteer.find(sentence.text)
                if not _SPEAKS_FOR.match(sentence.text, p.end)
            ]
        return found

    def _cities_outside_names(self, c: Candidate, sentence: Sentence) -> list[PlaceMention]:
        """The sentence's cities, but not one inside a person's name ("Chief Adviser Yunus" is no
        Khan Yunis), as the candidate's own places already are."""
        people = [*c.sentence_people, *([c.subject] if c.subject else [])]
        return [
            p
            for p in self._places(sentence)
            if p.place.kind != "country" and not any(q.start < p.end and p.start < q.end for q in people)
        ]

    def _note_dateline(self, sentence: Sentence) -> None:
        """ "نیویارک (...)" / "ISLAMABAD –" opening a paragraph: where it was reported from."""
        if not (sentence.start == 0 or self.text[sentence.start - 1] == "\n"):
            return
        opening = _DATELINE.match(sentence.text)
        if opening is None:
            return
        places = self.gazetteer.find(opening.group(1))
        if places and places[0].start <= 2 and _DATELINE_GAP.match(sentence.text[places[0].end :]):
            first = places[0]
            span = (first.start + sentence.start, first.end + sentence.start)
            self.datelines[sentence.paragraph] = (first.place, span)

    def _dates(self, sentence: Sentence, candidates: list[Candidate]) -> dict[int, DateMention]:
        """Each date in the sentence goes to the nearest trigger; planned ones read weekdays forward."""
        if self.anchor is None and not any(ch.isdigit() for ch in sentence.text):
            return {}
        found: dict[int, DateMention] = {}
        by_prefer: dict[str, list[DateMention]] = {}
        for prefer in ("past", "future"):
            if prefer == "future" and not any(c.status == "planned" for c in candidates):
                continue
            mentions = find_dates(sentence.text, sentence.language, self.anchor, prefer)
            by_prefer[prefer] = [
                replace(m, start=m.start + sentence.start, end=m.end + sentence.start)
                for m in mentions
                if m.precision != "year" and not self._is_since(sentence, m)
            ]
        for mention in by_prefer.get("past", []):
            nearest = min(candidates, key=lambda c: _distance(c, mention.start, mention.end))
            if _governing(candidates, mention, sentence.language, nearest).status == "planned" and (
                "future" in by_prefer
            ):
                mention = next(
                    (m for m in by_prefer["future"] if m.start == mention.start and m.end == mention.end),
                    mention,
                )
            current = found.get(id(nearest))
            if current is None or _distance(nearest, mention.start, mention.end) < _distance(
                nearest, current.start, current.end
            ):
                found[id(nearest)] = mention
        days = {(m.first, m.last) for m in found.values()}
        if len(days) == 1:
            # "On Thursday, he travelled to Washington, where he met Trump": one day for the sentence
            only = next(iter(found.values()))
            for candidate in candidates:
                found.setdefault(id(candidate), only)
        return found

    def _is_since(self, sentence: Sentence, mention: DateMention) -> bool:
        before = sentence.text[max(0, mention.start - 24) : mention.start]
        after = sentence.text[mention.end : mention.end + 12]
        return bool(
            _SINCE_BEFORE.search(before[-8:]) or _SINCE_AFTER.match(after) or _NOT_EVENT_DATE.search(before)
        )

    def _day_words(self, sentence: Sentence, candidates: list[Candidate]) -> dict[int, str]:
        """Without an anchor a weekday stays unresolved, yet "on Thursday" and "on Wednesday" still tell
        two sessions apart: read the expressions against a placeholder anchor, keep only their words."""
        if self.anchor is not None:
            return {}
        words: dict[int, str] = {}
        for mention in find_dates(sentence.text, sentence.language, _WEEKDAY_PLACEHOLDER_ANCHOR):
            if mention.relative:
                start = mention.start + sentence.start
                nearest = min(candidates, key=lambda c: _distance(c, start, start + len(mention.text)))
                words[id(nearest)] = mention.text.casefold()
        return words

    def _topics(self, sentence: Sentence) -> set[str]:
        """What was discussed: the trigger sentence and the next two of its paragraph."""
        found = self._topics_cache.get(sentence.start)
        if found is None:
            index = self._sentence_index[sentence.start]
            following = [
                s.text for s in self.sentences[index : index + 3] if s.paragraph == sentence.paragraph
            ]
            found = self._topics_cache[sentence.start] = set(
                find_topics(" ".join(following), sentence.language)
            )
        return set(found)

    # ------------------------------------------------------------------ drafts

    def _drafts(
        self, c: Candidate, sentence: Sentence, when: DateMention | None, topics: set[str]
    ) -> list[Draft]:
        subject = c.subject
        if subject is None and not c.others and c.trigger.strong and c.type in ("visit", "forum"):
            # "arrived in Beijing on Sunday", the person left implicit: whom the text is following
            subject = self.reading.focus
        base = Draft(
            type=c.type,
            subtype=c.subtype,
            status=c.status,  # type: ignore[arg-type]
            parties=[],
            sentence=sentence,
            strong=c.trigger.strong,
            date=when,
            topics=topics,
        )
        if c.type in ("meeting", "call"):
            meeting = self._meeting_or_call(c, base, subject)
            if meeting is None:
                return []
            # "Barrot and his German counterpart were received by al-Sharaa": the guests came together
            together = subject is not None and len(self._co_subjects(c, subject)) > 1
            meetings = [meeting] if together else _split_bilaterals(meeting, c)
            return [m for m in meetings if not _same_state(m.parties)]
        if subject is None:
            return []
        partners = [p for p in c.others if p.country != subject.country]
        if not partners and c.trigger.language in VERB_FINAL:
            # "X ने Y के साथ ... सत्र की सह-अध्यक्षता की": the co-chair is named before the verb's clause
            partners = [p for p in c.sentence_people if p.country != subject.country and p.start < c.start]
        elif not partners and _CO_CHAIR.search(c.trigger_text):
            partners = self._co_chair_of_talks(c, subject, sentence)
        if c.type == "forum" and partners and _CO_CHAIR.search(c.trigger_text):
            # "Erdoğan, Başbakan Şerif ile ... Konseyi'nin toplantısına eş başkanlık etti": co-chairing
            # with a foreign leader is their meeting, a round of a bilateral dialogue
            return [replace(base, type="meeting", subtype="dialogue", parties=_unique([subject, *partners]))]
        drafts: list[Draft] = []
        for actor in self._co_subjects(c, subject):
            if c.type == "visit":
                drafts += self._visit(c, replace(base, topics=set(topics)), actor)
            else:
                forum = self._forum(c, replace(base, topics=set(topics)), actor, sentence)
                drafts += [forum] if forum else []
        return drafts

    def _co_chair_of_talks(self, c: Candidate, subject: Person, sentence: Sentence) -> list[Person]:
        """ "co-chaired the 24th round of the Special Representatives' talks ... with Ajit Doval": who
        co-chairs talks (not a conference or a summit) with the one named after "with"."""
        talks = [
            hit
            for hit in self._triggers[sentence.start]
            if hit.payload.type == "meeting" and not hit.payload.strong
        ]
        tokens = self.tokens[self._sentence_index[sentence.start]]
        for person in c.sentence_people:
            if person.country == subject.country or person.start <= c.end:
                continue
            between = self.text[c.end : person.start]
            about_talks = any(c.end <= tokens[hit.first].start < person.start for hit in talks)
            if about_talks and says_with(between):
                return [person]
        return []

    def _hold_before(self, c: Candidate, subject: Person | None) -> re.Match[str] | None:
        """ "held", "will hold" between a bare meeting noun and its subject before it."""
        if c.trigger.strong or subject is None or subject.start >= c.start:
            return None
        return _HOLD.search(self.text, subject.end, c.start)

    def _co_subjects(self, c: Candidate, subject: Person) -> list[Person]:
        """ "Hun Manet and Phumtham arrived", "Rubio et Rutte participent": everyone named as the subject
        travels or takes part. Where objects follow the verb; in verb-final languages, for a forum only."""
        if c.subject is None or (c.trigger.language in VERB_FINAL and c.type != "forum"):
            return [subject]  # before a verb-final verb, a second name may be its object or destination
        before = [p for p in c.sentence_people if p.start < c.start and p.via != "pronoun"]
        joined = [subject]
        for person in before:
            gap = _HONORIFIC.sub("", self.text[joined[-1].end : person.start])  # "Mr. Hossain and Mr. X"
            if person.start > joined[-1].end and _COORDINATION.match(gap):
                joined.append(person)
        return _unique(joined)

    def _meeting_or_call(self, c: Candidate, draft: Draft, subject: Person | None) -> Draft | None:
        focus = self.focus_before
        if subject is None and c.implicit_subject and focus is not None:
            subject = replace(focus, start=c.start, end=c.start, via="pronoun")
        parties = _unique([*([subject] if subject else []), *c.others])
        if len(parties) == 1 and subject is not None and c.trigger.strong:
            parties += self._joined_by_with(c, subject)
        if len(parties) == 1 and focus is not None and focus.key != parties[0].key and self._object_clitic(c):
            # "el rey Felipe VI lo recibirá mañana", "le roi l'a reçu": "him" is whom the text follows
            parties.append(replace(focus, start=c.start, end=c.start, via="pronoun"))
        if len(parties) == 1 and focus is not None and focus.key != parties[0].key and self._only_object(c):
            # "Вечером ожидается встреча с Эрдоганом": the one named is the counterpart of whom the
            # text is following
            parties = [replace(focus, start=c.start, end=c.start, via="pronoun"), parties[0]]
        hold = self._hold_before(c, subject)
        held_together = self._co_subjects(c, subject) if hold and subject else []
        if len(held_together) > 1 and not _same_state(held_together):
            # "Wang Yi and Ajit Doval held the 24th round of boundary talks": a meeting noun that "hold"
            # gives to two subjects is their meeting
            parties = _unique([*held_together, *parties])
            if draft.status is None and hold and hold.group(1):
                draft.status = "planned"  # "will hold the 24th round of talks"
        elif not c.trigger.strong and not c.plural_ref and not self._named_right_after(c):
            return None
        continues = c.trigger.strong or self.last_type == c.type
        if len(parties) < 2 and c.plural_ref and len(self.last_parties) >= 2 and continues:
            # "the two leaders": the parties of the last engagement -- of the same kind, unless the
            # trigger itself is explicit ("the meeting between the two leaders last Friday")
            # "Trump spoke with the two leaders" after "Anwar spoke with Hun Manet and Phumtham":
            # a new subject joins the other side of the last engagement
            if subject is not None and all(p.key != subject.key for p in self.last_parties):
                parties = _unique([subject, *self.last_parties[1:]])
            else:
                parties = _unique([*self.last_parties, *parties])
        if len(parties) < 2 or _same_state(parties):
            return None
        draft.parties = parties
        if c.subtype in ("sideline", "dialogue") or c.sideline_forum is not None:
            draft.forum = c.sideline_forum or self._forum_name(c, draft.sentence)
        if c.type == "call":
            return draft
        self._locate_meeting(c, draft)
        return draft

    def _joined_by_with(self, c: Candidate, subject: Person) -> list[Person]:
        """ "Fidan ile Hüseyin ... baş başa görüştü": the one joined to the subject by "with", right after
        it, before the verb, is the counterpart, though the verb's clause begins after them."""
        after = [p for p in c.sentence_people if subject.end < p.start < c.start]
        if not after or after[0].country == subject.country:
            return []
        gap = self.text[subject.end : after[0].start]
        words = gap.split()
        joined = bool(words) and normalise(words[0]) in WITH_WORDS and len(words) <= 5 and "," not in gap
        return [after[0]] if joined else []

    def _object_clitic(self, c: Candidate) -> bool:
        return (
            c.trigger.strong
            and c.trigger.language in ("es", "fr")
            and bool(_OBJECT_CLITIC.search(self.text, max(0, c.start - 12), c.start))
        )

    def _only_object(self, c: Candidate) -> bool:
        """Whether the only person named is the object of a "with" trigger, no one named before it."""
        if c.trigger.language in VERB_FINAL or c.subject is None or c.subject.start < c.start:
            return False
        if c.plural_ref or c.subject.start - c.end > 2 * NOUN_REACH:
            return False
        # "se reunió el miércoles con el primer ministro vietnamita": "with" in the trigger or after it
        return says_with(self.text[c.start : c.subject.start])

    def _named_right_after(self, c: Candidate) -> bool:
        """A bare noun ("the meeting", "el encuentro") reports an engagement only with its counterpart
        right after it ("meeting with X", "talks between X and Y", "el encuentro del presidente Milei con
        Netanyahu"), not somewhere later in the clause."""
        after = [c.subject] if c.subject is not None and c.subject.start >= c.end else []
        for person in [*after, *c.others]:
            gap = self.text[c.end : person.start]
            if 0 <= person.start - c.end <= NOUN_REACH and "," not in gap:
                return True
        return False

    def _locate_meeting(self, c: Candidate, draft: Draft) -> None:
        cities = [p for p in c.places if p.place.kind != "country"] or self._cities_outside_names(
            c, draft.sentence
        )
        if cities:
            nearest = min(cities, key=lambda p: abs(p.start - c.start))
            draft.location = nearest.place
            return
        home = {p.country for p in draft.parties if p.country}
        dateline = self._dateline(draft.sentence.paragraph)
        if dateline is not None and dateline[0].country not in home:
            draft.location, draft.location_span = dateline[0], dateline[1]
            draft.location_from_context = True
            return
        visit = self._current_visit(draft.status)
        if visit is not None and visit.location is not None:
            draft.location = visit.location
            draft.location_span = (visit.sentence.start, visit.sentence.end)
            draft.location_from_context = True

    def _current_visit(self, status: Status | None) -> Draft | None:
        """Where the traveller is: the latest visit of the same tense, a city rather than a country."""
        same_tense = [v for v in self.visits if (v.status == "planned") == (status == "planned")]
        cities = [v for v in same_tense if v.location is not None and v.location.kind != "country"]
        latest = cities or same_tense
        return latest[-1] if latest else None

    def _visit(self, c: Candidate, draft: Draft, traveller: Person) -> list[Draft]:
        """One visit per destination: "a tour that will take him to Turkiye, Iran and Azerbaijan"."""
        drafts = []
        for destination in self._destinations(c, traveller, draft.sentence.paragraph):
            drafts.append(replace(draft, parties=[traveller], location=destination, topics=set(draft.topics)))
        return drafts

    def _dateline(self, paragraph: int) -> tuple[Place, tuple[int, int]] | None:
        """A paragraph's own dateline, else the article's (it opens the story and covers all of it)."""
        return self.datelines.get(paragraph) or self.datelines.get(min(self.datelines, default=-1))

    def _destinations(self, c: Candidate, traveller: Person, paragraph: int) -> list[Place]:
        """Foreign cities in the clause (else foreign countries named there), nearest first; a city
        stands for its country, so "Moscow, Russia" is one destination."""
        # where the traveller goes is said after the verb, except in verb-final languages;
        # "Thailand's acting Prime Minister ... arrived" names his home, not his destination
        verb_final = c.trigger.language in VERB_FINAL
        abroad = sorted(
            (
                p
                for p in c.places
                if p.place.country != traveller.country and (verb_final or p.start >= c.start)
            ),
            key=lambda p: abs(p.start - c.end),
        )
        motion = c.trigger.language == "tr" and normalise(c.trigger_text) in _TURKISH_MOTION
        found: list[Place] = [
            p.place for p in abroad if p.place.kind != "country" and (not motion or self._dative(p.end))
        ]
        if verb_final:
            # "لاہور سے اسلام آباد پہنچیں گے": the city one leaves is no destination
            onward = [p.place for p in abroad if p.place in found and not _ABLATIVE.match(self.text, p.end)]
            found = onward or found
        clause_start = c.clause_start if verb_final else c.start
        clause = self.text[clause_start : c.clause_end]
        relative = _RELATIVE.search(clause) if found and not verb_final else None
        if relative is not None:
            # "отправится в Рим, где при посредничестве Омана пройдет...": the city is the destination,
            # the countries of the relative clause are not
            clause = clause[: relative.start()]
        for mention in self.countries.find(clause):
            if motion and not self._dative(clause_start + mention.end):
                continue
            new = all(place.country != mention.iso3 for place in found)
            country = self.gazetteer.country_place(mention.iso3) if new else None
            if mention.iso3 != traveller.country and mention.form == "name" and country is not None:
                found.append(country)
        if not found and c.trigger.attributive_after:
            # "avec Musalia Mudavadi, en visite de travail au Royaume": where the meeting was
            cities = [p.place for p in c.places if p.place.kind != "country"]
            dateline = self._dateline(paragraph)
            found += cities[:1] or ([dateline[0]] if dateline else [])
            found = [place for place in found if place.country != traveller.country]
        if not found and _HERE.search(clause):
            # "arrived here on Monday": here is where the story was filed
            dateline = self._dateline(paragraph)
            if dateline is not None and dateline[0].country != traveller.country:
                found.append(dateline[0])
        return found

    def _dative(self, end: int) -> bool:
        """Whether the name ending at ``end`` takes the Turkish dative: where one goes ("Katar'a")."""
        return _TURKISH_DATIVE.match(self.text, end) is not None

    def _forum(self, c: Candidate, draft: Draft, participant: Person, sentence: Sentence) -> Draft | None:
        forum = self._forum_name(c, sentence) or self._forum_referred_to(c, sentence)
        if forum is None or self._chairs_a_body(c, forum):
            return None
        draft.forum = forum
        if draft.subtype == "dialogue" or _DIALOGUE.search(forum[0]):
            # A round of a bilateral dialogue is a meeting of its co-chairs, wherever the sentence names them.
            counterparts = [p for p in c.sentence_people if p.country != participant.country]
            if counterparts:
                draft.type = "meeting"
                draft.subtype = "dialogue"
                draft.parties = _unique([participant, *counterparts])
        if draft.type == "forum":
            draft.parties = [participant]
        cities = self._cities_outside_names(c, sentence)
        if cities:
            draft.location = min(cities, key=lambda p: abs(p.start - c.start)).place
        else:
            self._locate_meeting(c, draft)
        if forum[1] is None and not _SUMMIT.search(forum[0]) and self._at_home(draft, participant, sentence):
            return (
                None  # a speech to one's own parliament or think tank is not diplomacy; hosting a summit is
            )
        return draft

    def _chairs_a_body(self, c: Candidate, forum: tuple[str, str | None]) -> bool:
        """ "Anwar, who chairs Asean this year": holding a body's chair is no meeting of it."""
        chairs = c.subtype == "chair" or CHAIR_VERB.match(c.trigger_text)
        if not chairs or forum[0] != forum[1]:
            return False
        return any(
            _ARTICLE_GAP.fullmatch(self.text[c.end : o.start]) or c.end == o.start
            for o in (c.orgs or c.sentence_orgs)
            if o.start >= c.end
        )

    def _at_home(self, draft: Draft, participant: Person, sentence: Sentence) -> bool:
        """Where a forum without an international organisation takes place, as far as the article tells."""
        if participant.country is None:
            return False
        place = draft.location
        if place is None:
            trip = self._current_visit(None) or self._current_visit("planned")
            place = trip.location if trip is not None else None
        if place is not None:
            return place.country == participant.country
        abroad = [m for m in self.countries.find(sentence.text) if m.iso3 != participant.country]
        return not abroad

    def _forum_name(self, c: Candidate, sentence: Sentence) -> tuple[str, str | None] | None:
        word_before = _WORD_BEFORE.search(self.text, max(0, c.start - 40), c.start)
        if not c.trigger.strong and word_before and normalise(word_before.group(1)) in _NOT_FORUMS:
            return None  # "Kabine Toplantısı", "the cabinet meeting", "la conférence de presse"
        org = _org_of(c.orgs or c.sentence_orgs, c.start)
        best: tuple[int, str] | None = None
        for match in _FORUM_NAME.finditer(sentence.text):
            name = match.group().strip(" ’'")
            if len(name.split()) < 2 and org is None:
                continue
            distance = abs(match.start() + sentence.start - c.start)
            if best is None or distance < best[0]:
                best = (distance, name)
        if best is not None and best[0] <= 120:
            name = best[1]
            if org is None:
                org = _org_of(self.organisations.find(name), 0)
            return name, org
        if org is not None and not c.trigger.strong:
            noun = self.text[c.start : c.end]
            return f"{org} {noun}", org
        if org is not None:
            return org, org
        native = self._forum_noun_phrase(c, sentence)
        if native is not None:
            return native, _org_of(self.organisations.find(native), 0)
        return None

    def _forum_referred_to(self, c: Candidate, sentence: Sentence) -> tuple[str, str | None] | None:
        """ "addressed the meeting on Thursday", "बैठक को संबोधित": a bare forum noun beside a verb of
        taking part is the forum the article last named."""
        if not c.trigger.strong or self.last_forum is None:
            return None
        tokens = self.tokens[self._sentence_index[sentence.start]]
        for hit in self._triggers[sentence.start]:
            if hit.payload.type not in ("forum", "meeting") or hit.payload.strong:
                continue
            noun_start, noun_end = tokens[hit.first].start, tokens[hit.last - 1].end
            right_before = noun_end <= c.start and not self.text[noun_end : c.start].strip()
            right_after = c.end <= noun_start and _ARTICLE_GAP.fullmatch(self.text[c.end : noun_start])
            if right_before or right_after:
                return self.last_forum  # the noun is the verb's object: right before it, or right after
        return None

    def _forum_noun_phrase(self, c: Candidate, sentence: Sentence) -> str | None:
        """A meeting's name in lower case or in another language: "the glaciers conference", "la cumbre
        de la CELAC", "القمة العربية الإسلامية الطارئة", "Şanghay İşbirliği Örgütü Zirvesi". Take the
        forum noun nearest the trigger in its clause with the words that qualify it: after it where
        nouns lead their phrase, before it in English and the verb-final languages. Two words at
        least: "the summit" is no name."""
        countries = {p.country for p in c.sentence_people} | {c.subject.country if c.subject else None}
        if c.subtype == "dialogue" and len(countries - {None}) < 2:
            return None  # a round of a bilateral dialogue is a meeting, made where its co-chairs are named
        tokens = self.tokens[self._sentence_index[sentence.start]]
        hits = self._triggers[sentence.start]
        nouns = [
            hit
            for hit in hits
            if hit.payload.type == "forum"
            and not hit.payload.strong
            and c.clause_start <= tokens[hit.first].start < c.clause_end
            and (hit.last >= len(tokens) or tokens[hit.last].norm not in _DELEGATION)
        ]
        if not nouns:
            return None
        noun = min(nouns, key=lambda hit: abs(tokens[hit.first].start - c.start))
        # qualifiers end at a place ("... بالرياض", "en Montevideo") or a person ("इशिबा के साथ")
        ends = [(p.start, p.end) for p in self._places(sentence)]
        ends += [(p.start, p.end) for p in c.sentence_people]
        ends += [(tokens[h.first].start, tokens[h.last - 1].end) for h in hits if h is not noun]
        before = sentence.language in VERB_FINAL or sentence.language == "en"
        first, last = _qualifiers(self.text, tokens, noun, ends, before=before)
        words = tokens[first:last]
        if len(words) < 2 or any(w.norm in _NOT_FORUMS for w in words):
            return None
        beyond = first - 1 if before else last
        if 0 <= beyond < len(tokens) and tokens[beyond].norm in WITH_WORDS:
            return None  # "इशिबा के साथ वार्षिक शिखर", "sommet avec Poutine": a summit of two is a meeting
        # to the end of the last word as written: "Sommet sur l'IA", not "Sommet sur l" (where the name
        # ends in its noun, what follows an apostrophe is a case ending: "Zirvesi'ne")
        end = None if before else _WORD_REST.match(self.text, words[-1].end)
        return self.text[words[0].start : end.end() if end else words[-1].end]

    def _venue_candidates(
        self,
        sentence: Sentence,
        toks: list[Token],
        people: list[Person],
        existing: list[Candidate],
        words: Lexicon,
    ) -> list[Candidate]:
        """ "will discuss ... at the Atlantic Council": addressing a foreign institution is a forum."""
        if any(c.type == "forum" for c in existing) or not people:
            return []
        venue = _VENUE_INSTITUTION.search(sentence.text)
        if venue is None or not _VENUE_SPEECH.search(sentence.text[: venue.start()]):
            return []
        start = sentence.start + venue.start(1)
        planned = any(m.payload.kind == "planned" for m in words.markers.find(toks))
        return [
            Candidate(
                type="forum",
                trigger=Trigger("forum", True, False, sentence.language),
                start=start,
                end=sentence.start + venue.end(1),
                clause_start=sentence.start,
                clause_end=sentence.end,
                subject=people[0],
                others=[],
                places=[],
                orgs=[],
                status="planned" if planned else None,
                subtype="address",
                plural_ref=False,
            )
        ]


def _governing(
    candidates: list[Candidate], mention: DateMention, language: str, nearest: Candidate
) -> Candidate:
    """The verb whose tense says which way a weekday reads: where the verb comes first, a time
    after it is its adverbial ("arrived in Moscow on Thursday for talks" is a past Thursday);
    in verb-final languages the time stands before its verb, so the nearest trigger says."""
    if language in VERB_FINAL or not mention.relative:
        return nearest
    before = [
        c for c in candidates if c.end <= mention.start and c.clause_start <= mention.start < c.clause_end
    ]
    return max(before, key=lambda c: c.end) if before else nearest


def _distance(c: Candidate, start: int, end: int) -> int:
    if end <= c.start:
        return c.start - end
    if start >= c.end:
        return start - c.end
    return 0


# "X and Y held the 24th round of talks": the verb that gives a meeting noun its subjects ("will" or
# "to" before it: a plan)
_HOLD = re.compile(r"\b(will\s+|to\s+)?(?:held|hold|holds|holding)\b")
_CO_CHAIR = re.compile(
    r"co-?chair|copr[eé]sid|eş başkan|сопредседат|सह-?अध्यक्ष|مشترکہ صدارت|برئاسة مشتركة|ترأس.*مشترك",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:where|где|où|donde|wo)\b|حيث", re.IGNORECASE)
_HERE = re.compile(r"\b(?:here|ici|aquí|здесь|сюда|burada|buraya)\b|یہاں|هنا|यहां|यहाँ", re.IGNORECASE)
# what joins two subjects: "X and Y", "X et Y", "X y Y", "X و Y", "X и Y", "X, Y and Z"
# (a title may stand between: "Hun Manet and Thai acting Prime Minister Phumtham")
# or an apposition's comma: "Barrot et son homologue allemande, Annalena Baerbock"
_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|M|Mme)\.")
_COORDINATION = re.compile(r"^\s*,?\s*(?:and|et|y|e|и|و|ve|اور|और|,)\s+[^,;.]{0,40}?,?\s*$", re.IGNORECASE)
_JOINT = frozenset(
    {"trilateral", "joint", "together", "three-way", "quadrilateral", "discussion", "conversation"}
)


def _split_bilaterals(draft: Draft, c: Candidate) -> list[Draft]:
    """ "met Kuwait's crown prince and World Bank President Ajay Banga" reports two meetings, "spoke by
    telephone with both X and Y" two calls; "a trilateral meeting with" or "in discussion with X and Y"
    reports one."""
    subject, others = draft.parties[0], draft.parties[1:]
    countries = {p.country for p in others}
    joint = draft.subtype == "trilateral" or any(w.lower() in _JOINT for w in c.trigger_text.split())
    if len(others) < 2 or joint or len(countries) < len(others):
        return [draft]
    # an official of the subject's own state is no counterpart ("Trump ... Rubio ... Lavrov")
    foreign = [other for other in others if other.country is None or other.country != subject.country]
    return [replace(draft, parties=[subject, other], topics=set(draft.topics)) for other in foreign]


def _unique(people: list[Person]) -> list[Person]:
    seen: set[str] = set()
    out = []
    for person in people:
        if person.key not in seen:
            seen.add(person.key)
            out.append(person)
    return out


def _same_state(parties: list[Person]) -> bool:
    """Officials of one state meeting each other is not diplomacy (an ambassador at the airport).

    An official the text names without a nationality ("Finance Minister Muhammad Aurangzeb") is
    taken to serve the same state as the others: foreign officials are introduced as such.
    """
    known = {p.country for p in parties if p.country}
    return len(known) <= 1 and any(p.actor_id for p in parties)


_DIALOGUE = re.compile(r"\b(?:Dialogue|Consultations|Joint Commission|Joint Working Group)\b")


def _fold_sidelines(candidates: list[Candidate]) -> list[Candidate]:
    """ "met X on the sidelines of the summit": the summit names the meeting's forum; attending it is
    implied, not reported, so it makes no forum event of its own."""
    sideline_meetings = [c for c in candidates if c.type in ("meeting", "call") and c.subtype == "sideline"]
    if not sideline_meetings:
        return candidates
    kept = []
    for candidate in candidates:
        if candidate.type == "forum" and not candidate.trigger.strong:
            for meeting in sideline_meetings:
                org = _org_of(candidate.orgs or candidate.sentence_orgs, candidate.start)
                meeting.sideline_forum = meeting.sideline_forum or _sideline_forum_name(candidate, org)
            continue
        kept.append(candidate)
    return kept


def _sideline_forum_name(candidate: Candidate, org: str | None) -> tuple[str, str | None]:
    return (f"{org} {candidate.trigger_text}" if org else candidate.trigger_text), org


_WORD_BEFORE = re.compile(r"(\w+)\W*$")


# Words that end the qualifiers of a forum noun: prepositions, conjunctions, relatives, verbs of place.
_QUALIFIER_STOPS = normalised_words(
    "en con para que celebrada celebrado donde a al y e por entre",
    "à au aux avec pour qui dans et où tenu tenue",
    "в во на с со и по который которая которое где",
    "في من على إلى الى مع عن التي الذي حيث و تنعقد ينعقد انعقدت عقدت المقرر",
    "ve ile için sonra önce akşam sabah dün bugün yarın daha",
    "the a an of at in on to and with his her their its this that which for by from",
    "میں سے نے اور پر کو کے کی کا ساتھ",
    "में से ने और पर को के की का साथ",
)
_QUALIFIERS_MAX = 4
# Meetings that are no forum: press conferences and cabinet sessions ("مؤتمر صحفي", "Kabine Toplantısı"),
# and annual summits, which two states hold ("वार्षिक शिखर सम्मेलन"): meetings, not fora. (A business
# forum abroad is one; at home it is a speech at home, which ``_at_home`` drops.)
_NOT_FORUMS = normalised_words(
    "annual annuel anual yıllık ежегодный ежегодного السنوية سالانہ वार्षिक",
    "press news صحفي صحافي الصحفي presse prensa basın пресс-конференции пресс प्रेस پریس kabine cabinet",
)


def _qualifiers(
    text: str,
    tokens: Sequence[Token],
    noun: PhraseMatch[Trigger],
    ends: list[tuple[int, int]],
    *,
    before: bool,
) -> tuple[int, int]:
    """The token range of the forum noun and up to four qualifying words after it (before it, ``before``),
    up to punctuation, a preposition or conjunction, or one of the spans in ``ends``."""
    first, last = noun.first, noun.last
    while (last - first) - (noun.last - noun.first) < _QUALIFIERS_MAX:
        i = first - 1 if before else last
        if not 0 <= i < len(tokens):
            break
        token = tokens[i]
        gap = text[token.end : tokens[first].start] if before else text[tokens[last - 1].end : token.start]
        if gap.strip(" '’-‐–") or token.norm in _QUALIFIER_STOPS or token.text[:1].isdigit():
            break
        if any(start <= token.start < end for start, end in ends):
            break
        first, last = (first - 1, last) if before else (first, last + 1)
    while last > noun.last and tokens[last - 1].norm in _DANGLING:
        last -= 1
    return first, last


_SUMMIT = re.compile(r"(?i)\bsummit|sommet|cumbre|zirve|саммит|قمة|القمة|शिखर|سربراہی")
# "a Pakistani inter-ministerial delegation": the forum noun is an adjective
_DELEGATION = normalised_words("delegation delegations team")
# Turkish verbs of motion ("gitti", "geldi") say where one goes only through a dative ending on the
# place ("Katar'a gitti", "Bakü'ye gidecek"); "Ankara'dan açıklama geldi" (a statement came) is no trip.
# a Spanish or French object pronoun right before the verb, or before its auxiliary: "lo recibirá", "l'a reçu"
_OBJECT_CLITIC = re.compile(r"(?i)(?:^|\s)(?:lo|le|l['’])\s*(?:(?:a|ha|avait|había|va\s+a)\s+)?$")
_ABLATIVE = re.compile(r"\s*(?:سے|से|['’]?[dt][ae]n)\b")
_TURKISH_MOTION = normalised_words(
    "gitti geldi gidecek gidiyor ulaştı vardı gelecek geçti geçecek gelen giden"
)
_TURKISH_DATIVE = re.compile(r"['’](?:y?[aeAE])\b")
_WORD_REST = re.compile(r"[\w'’\-]*")
_DANGLING = normalised_words("de del la le les des du el los las")


def _org_of(orgs: list[OrgMention], near: int) -> str | None:
    if not orgs:
        return None
    nearest = min(orgs, key=lambda o: abs(o.start - near))
    return nearest.org.acronym
