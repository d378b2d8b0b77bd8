"""Engagement candidates in one sentence: a trigger, its parties, and what the clause says about it.

A sentence can hold several triggers ("had an audience with Tokayev ... Further, he met
Sirajuddin"); each trigger reads the people, places and markers of its own clause -- the
stretch between the previous trigger and the next -- plus the sentence's subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from parley_extract.lexicon import EngagementType, Lexicon, Marker, Trigger
from parley_extract.mentions import Person
from parley_extract.organisations import OrgMention
from parley_extract.places import PlaceMention
from parley_extract.tokens import PhraseMatch, Token, normalise, normalised_words

# "called on the Council to act" is a demand; "called on the President" is a courtesy call.
_DEMAND_VERBS = frozenset({"called", "calls", "call"})
_PLANNED_WINDOW = 5  # tokens before a trigger that may carry "will", "is set to"...
_ATTRIBUTE_REACH = 60  # characters between "visiting" and the name it qualifies: titles, nationality
VERB_FINAL = frozenset({"ur", "hi", "tr"})
NOUN_REACH = 40  # characters between a bare engagement noun and the counterpart it names
# Turkish verbal nouns: "ziyaret etmesi", "görüşmeleri", "kabul edilmesi"
# What opens reported speech: "said that", ", что", "a déclaré que", "dijo que", "کہا کہ", "कहा कि", "قال إن"
_REPORTED = re.compile(
    r"\b(?:said|says|told \w+|announced|stated|added|confirmed) that\b|,\s*что\b"
    r"|\b(?:déclaré|indiqué|affirmé|annoncé|précisé|dijo|afirmó|señaló|anunció|informó|explicó|aseguró)"
    r"\s+(?:que|qu['’])|(?:کہا|بتایا) کہ|(?:कहा|बताया) कि|(?:قال|أعلن|أكد|أوضح|ذكر)\s+(?:أن|إن)",
    re.IGNORECASE,
)
_AFTER_NAME_GAP = re.compile(r"\s*,\s*(?:qui est\s+|que está\s+|who is\s+)?")
_PERFECT = normalised_words("had has have قد")
# the words that bring a verb's counterpart: "met with", "se reunió con", "ile görüştü"
WITH_WORDS = normalised_words("with con avec с со ile مع ساتھ साथ")
_POSSESSIVE = re.compile(r"['’]s(?!\w)")
_NOMINALISED = re.compile(r"m[ae](?:si|leri)$")  # on normalised words (ı -> i)
# Words that open a new clause after a trigger's object in verb-medial languages.


def says_with(stretch: str) -> bool:
    """Whether a stretch of text holds a word that brings a counterpart: "with", "con", "ile"."""
    return any(normalise(word) in WITH_WORDS for word in stretch.split())


# what opens a clause with its own subject: a semicolon, or a comma and a contrasting conjunction
_NEW_CLAUSE = re.compile(
    r"[;؛]|,\s*(?:while|whilst|whereas|mientras que|mientras|tandis que|alors que|а|тогда как)\s"
)
CHAIR_VERB = re.compile(r"(?:co-?)?chair|presid", re.IGNORECASE)
# ", who is attending", "، الذي يشارك في", ", qui participe", ", который примет участие"
_RELATIVE_PRONOUN = re.compile(
    r"[\s,،]*(?:who|qui|quien|que|который|которая|которые|الذي|التي|الذين)"
    r"(?:\s+(?:is|was|are|were|has|had|will|also|had\s+been|est|était|a|ha|había|также|قد|أيضا|كان))*\s*"
)
_RELATIVE_REACH = 30  # characters between the name and the verb
_TURKISH_PARTICIPLE = re.compile(r"(?:en|an)$")
_PARTICIPLE_REACH = 40  # characters of title between a participle and the name: "Cumhurbaşkanı"
# ", and Jaishankar met": "and" opens a clause only with its subject named right after it
_AND_CLAUSE = re.compile(r",\s*(?:and|y|et|e|и|و)\s")
_AND_REACH = 40  # characters of title between "and" and the name: "External Affairs Minister"
# "a affirmé que Félix Tshisekedi et Paul Kagame se rendraient à Washington", "after which Qin accepted
# an invitation to visit Washington": a reported or relative clause has its own subject, named right
# after the conjunction
_THAT_CLAUSE = re.compile(
    r"\b(?:that|which|where|when|que|où|lorsque|quand|donde|cuando|что|где|когда|أن)\s", re.IGNORECASE
)
_CLAUSE_BREAKS = normalised_words(
    "adding saying said says while whereas ajoutant añadiendo заявив who qui quien quienes который которая"
)
# Past negations right before a trigger (French "ne ... pas" puts "pas" there in compound tenses).
_PAST_NOT = normalised_words("never didn't pas jamais لم")
# Words that make an engagement a possibility rather than a plan: no event.
_SPECULATIVE = normalised_words(
    "potential possible possibility could might may hopes hoped happy willing ready want wants",
    "wish prêt dispuesto hazır готов proposed considering éventuelle éventuel posible possível",
    "olası возможн возможной возможную ممکنہ محتمل संभावित",
)


@dataclass
class Candidate:
    type: EngagementType
    trigger: Trigger
    start: int  # offsets of the trigger words
    end: int
    clause_start: int
    clause_end: int
    subject: Person | None
    others: list[Person]
    places: list[PlaceMention]
    orgs: list[OrgMention]
    status: str | None  # None: nothing in the clause says; decided later
    subtype: str | None
    plural_ref: bool
    trigger_text: str = ""
    sentence_people: list[Person] = field(default_factory=list)
    sentence_orgs: list[OrgMention] = field(default_factory=list)
    sideline_forum: tuple[str, str | None] | None = None
    implicit_subject: bool = False  # the subject is left unsaid: whom the text follows


def find_candidates(
    text: str,
    tokens: Sequence[Token],
    triggers: list[PhraseMatch[Trigger]],
    people: list[Person],
    places: list[PlaceMention],
    orgs: list[OrgMention],
    lexicon: Lexicon,
) -> list[Candidate]:
    if not tokens:
        return []
    hits = [
        m
        for m in triggers
        if not _is_demand(tokens, m) and not _is_speculative(tokens, m) and not _is_denied(tokens, m)
    ]
    hits = _one_per_span(hits)
    if any(h.payload.type == "call" and h.payload.strong for h in hits):
        # "Tras la reunión, ambos mantuvieron una videoconferencia": the call is this sentence's news,
        # a bare meeting noun naming no one after it refers to another
        hits = [
            h
            for h in hits
            if h.payload.strong or h.payload.type != "meeting" or _names_after(tokens, h, people)
        ]
    marks = list(lexicon.markers.find(tokens))
    if not hits or any(m.payload.kind == "negation" for m in marks):
        return []
    # "Mohammed bin Rashid" is no visit to Rashid (Rosetta): a place inside a person's name is none
    places = [p for p in places if not any(q.start < p.end and p.start < q.end for q in people)]
    visitors = _visitors(text, tokens, hits, people)
    hits = [hit for index, hit in enumerate(hits) if index not in visitors]
    # the subject is named before the verb: "Накануне визита иранского министра, в среду, Лавров провел
    # телефонный разговор" (a bare noun before it is no verb)
    verb = next((hit for hit in hits if hit.payload.strong), hits[0])
    subject = _subject(text, people, tokens[0].start, tokens[verb.first].start)
    plural = any(m.payload.kind == "plural" for m in marks)
    verb_final = hits[0].payload.language in VERB_FINAL
    own_clauses = [
        _subject_of_own_clause(text, people, subject, hit) for hit in (tokens[h.first] for h in hits)
    ]
    out: list[Candidate] = []
    for index, hit in enumerate(hits):
        clause_start, clause_end = _clause(tokens, hits, index, verb_final)
        start, end = tokens[hit.first].start, tokens[hit.last - 1].end
        following = own_clauses[index + 1] if index + 1 < len(hits) else None
        if following is not None and start < following[0] < clause_end:
            clause_end = following[0]  # "..., and Jaishankar met Hossain": the next clause is another's
        own_clause = own_clauses[index]
        hit_subject = own_clause[1] if own_clause is not None else subject
        antecedent = _antecedent(text, people, start)
        if antecedent is not None and CHAIR_VERB.match(text, start):
            continue  # "Hasan, who chairs this year's meeting": an office, no event
        hit_subject = antecedent or _participle_subject(tokens, hit, people) or hit_subject
        implicit = (
            not verb_final
            and hit is not verb
            and verb.payload.type in ("meeting", "call")
            and hit_subject is subject
            and subject is not None
            and tokens[verb.first].start < subject.start < start
            and says_with(text[tokens[verb.first].start : subject.start])
        )
        if implicit:
            # "se reunió con el primer ministro, Pham Minh Chinh, y el jueves fue recibido por To Lam":
            # the first verb's object is no later verb's subject; the subject is left unsaid
            hit_subject = None
        in_clause = [p for p in people if clause_start <= p.start < clause_end]
        others = [p for p in in_clause if hit_subject is None or p.key != hit_subject.key]
        clause = [m for m in marks if clause_start <= tokens[m.first].start < clause_end]
        status = _status(tokens, hit, clause, marks, lexicon)
        if status is None and not hit.payload.strong and out and out[-1].trigger.strong:
            # "is set to co-chair the Strategic Dialogue": the noun takes its verb's tense.
            status = out[-1].status
        out.append(
            Candidate(
                type=hit.payload.type,
                trigger=hit.payload,
                start=start,
                end=end,
                clause_start=clause_start,
                clause_end=clause_end,
                subject=hit_subject,
                others=others,
                places=[p for p in places if clause_start <= p.start < clause_end],
                orgs=[o for o in orgs if clause_start <= o.start < clause_end],
                status=status,
                subtype=_subtype(clause, marks),
                plural_ref=plural,
                trigger_text=text[start:end],
                sentence_people=[p for p in people if hit_subject is None or p.key != hit_subject.key],
                sentence_orgs=orgs,
                implicit_subject=implicit,
            )
        )
    for visitor in visitors.values():
        out.append(_visit_within(text, tokens, visitor, out, marks, lexicon))
    return out


def _visitors(
    text: str, tokens: Sequence[Token], hits: list[PhraseMatch[Trigger]], people: list[Person]
) -> dict[int, tuple[PhraseMatch[Trigger], Person]]:
    """ "held talks with visiting Brazilian President Lula": the attributive trigger is no clause of
    its own (Lula is the meeting's counterpart) but says that the person it qualifies is visiting."""
    found: dict[int, tuple[PhraseMatch[Trigger], Person]] = {}
    for index, hit in enumerate(hits):
        if hit.payload.attributive_after and len(hits) - len(found) >= 2:
            # "s'est entretenu avec Musalia Mudavadi, en visite de travail au Royaume"
            start = tokens[hit.first].start
            before = [p for p in people if p.end <= start]
            if before and _AFTER_NAME_GAP.fullmatch(text[before[-1].end : start]):
                found[index] = (hit, before[-1])
            continue
        if not hit.payload.attributive or len(hits) - len(found) < 2:
            continue
        end = tokens[hit.last - 1].end
        qualified = next((p for p in people if p.start >= end), None)
        gap = text[end : qualified.start] if qualified is not None else ""
        if qualified is not None and len(gap) <= _ATTRIBUTE_REACH and not any(c in gap for c in ",;."):
            found[index] = (hit, qualified)
    return found


def _visit_within(
    text: str,
    tokens: Sequence[Token],
    visitor: tuple[PhraseMatch[Trigger], Person],
    candidates: list[Candidate],
    marks: list[PhraseMatch[Marker]],
    lexicon: Lexicon,
) -> Candidate:
    """The visit an attributive trigger reports, in the clause of the engagement it sits in."""
    hit, person = visitor
    start, end = tokens[hit.first].start, tokens[hit.last - 1].end
    host = next(c for c in reversed(candidates) if c.clause_start <= start)
    return replace(
        host,
        type="visit",
        trigger=hit.payload,
        start=start,
        end=end,
        subject=person,
        others=[],
        status=_status(tokens, hit, [], marks, lexicon) or host.status,
        subtype=None,
        plural_ref=False,
        trigger_text=text[start:end],
    )


def _clause(
    tokens: Sequence[Token], hits: list[PhraseMatch[Trigger]], index: int, verb_final: bool
) -> tuple[int, int]:
    """The stretch of the sentence a trigger's arguments sit in.

    Verb-final languages (Urdu, Hindi, Turkish) put a trigger's parties before it; the others
    after it -- except the first trigger, whose subject precedes it everywhere.
    """
    if verb_final:
        start = tokens[hits[index - 1].last - 1].end if index > 0 else tokens[0].start
        end_index = min(hits[index].last + 3, len(tokens)) - 1
        if index + 1 < len(hits):
            end_index = min(end_index, hits[index + 1].first - 1)
        return start, tokens[max(end_index, hits[index].last - 1)].end
    start = tokens[hits[index].first].start if index > 0 else tokens[0].start
    end = tokens[hits[index + 1].first].start if index + 1 < len(hits) else tokens[-1].end
    for token in tokens[hits[index].last :]:
        if token.start >= end:
            break
        if token.norm in _CLAUSE_BREAKS:
            return start, token.start  # "..., adding that Trump and Xi could meet": another clause
    return start, end


def _one_per_span(hits: list[PhraseMatch[Trigger]]) -> list[PhraseMatch[Trigger]]:
    """Ambiguous phrases ("meeting" as meeting or forum noun): keep the first reading of each span."""
    seen: set[int] = set()
    out = []
    for hit in hits:
        if hit.first not in seen:
            seen.add(hit.first)
            out.append(hit)
    return out


def _is_demand(tokens: Sequence[Token], hit: PhraseMatch[Trigger]) -> bool:
    if tokens[hit.first].norm not in _DEMAND_VERBS or hit.payload.type != "meeting":
        return False
    following = [t.norm for t in tokens[hit.last : hit.last + 9]]
    return "to" in following


def _is_denied(tokens: Sequence[Token], hit: PhraseMatch[Trigger]) -> bool:
    """ "who did not travel to Riyadh", "n'a pas rencontré": this engagement did not happen (others in
    the sentence may have). A refusal ahead ("would not attend") is a cancellation, not a denial."""
    before = {t.norm for t in tokens[max(0, hit.first - 2) : hit.first]}
    return bool(before & _PAST_NOT) or {"did", "not"} <= before


def _is_speculative(tokens: Sequence[Token], hit: PhraseMatch[Trigger]) -> bool:
    return any(t.norm in _SPECULATIVE for t in tokens[max(0, hit.first - 4) : hit.first])


def _names_after(tokens: Sequence[Token], hit: PhraseMatch[Trigger], people: list[Person]) -> bool:
    end = tokens[hit.last - 1].end
    return any(0 <= p.start - end <= NOUN_REACH for p in people)


def _subject(text: str, people: list[Person], sentence_start: int, first_trigger_start: int) -> Person | None:
    """The sentence's agent: the first person named before the first trigger, else the first named."""
    before = [p for p in people if p.start < first_trigger_start]
    # "Ушаков рассказал журналистам, что в четверг Путин проведет встречу": who speaks is not who meets
    reported = [m.end() for m in _REPORTED.finditer(text, sentence_start, first_trigger_start)]
    if reported and any(p.start >= reported[-1] for p in before):
        before = [p for p in before if p.start >= reported[-1]]
    # "Trump's envoy, Keith Kellogg, is expected in Kyiv": a possessor is not the subject
    owners = [p for p in before if _POSSESSIVE.match(text, p.end)]
    if owners and len(owners) < len(before):
        before = [p for p in before if p not in owners]
    if before:
        # "Накануне визита иранского министра, в среду, Лавров провел телефонный разговор": an office
        # in a phrase before the subject is not the subject when someone is named
        named = [p for p in before if p.via in ("alias", "short", "name")]
        return named[0] if named and before[0].via == "title" else before[0]
    return people[0] if people else None


def _participle_subject(
    tokens: Sequence[Token], hit: PhraseMatch[Trigger], people: list[Person]
) -> Person | None:
    """ "Hocayev ile görüşen Bolat", "Washington'a gelen Erdoğan": a Turkish participle's subject is
    the name right after it (titles may stand between)."""
    if hit.payload.language != "tr" or not _TURKISH_PARTICIPLE.search(tokens[hit.last - 1].norm):
        return None
    end = tokens[hit.last - 1].end
    return next((p for p in people if 0 <= p.start - end <= _PARTICIPLE_REACH), None)


def _antecedent(text: str, people: list[Person], trigger_start: int) -> Person | None:
    """ "al-Shaibani, who is taking part in the council meetings", "الشيباني، الذي يشارك في": a verb
    right after a relative pronoun that follows a name has that name for its subject."""
    before = [p for p in people if p.end <= trigger_start and trigger_start - p.end <= _RELATIVE_REACH]
    if before and _RELATIVE_PRONOUN.fullmatch(text, before[-1].end, trigger_start):
        return before[-1]
    return None


def _subject_of_own_clause(
    text: str, people: list[Person], subject: Person | None, trigger: Token
) -> tuple[int, Person] | None:
    """ "Lamola will meet Wang Yi on the sidelines; Wang is set to attend", "Dar flew to Kabul, while
    Wang arrived there", "Modi and Yunus spoke over the phone, and Jaishankar met Hossain": a clause
    after a semicolon, a contrasting conjunction, or "and" right before a name has its own subject,
    the first person it names before the trigger. Where that clause begins, and who."""
    if subject is None:
        return None
    boundaries = [m.end() for m in _NEW_CLAUSE.finditer(text, subject.end, trigger.start)]
    if boundaries:
        person = next((p for p in people if boundaries[-1] <= p.start < trigger.start), None)
        return (boundaries[-1], person) if person else None
    openings = [(m, True) for m in _AND_CLAUSE.finditer(text, subject.end, trigger.start)]
    openings += [(m, False) for m in _THAT_CLAUSE.finditer(text, subject.end, trigger.start)]
    for match, pronoun_too in sorted(openings, key=lambda o: o[0].start(), reverse=True):
        person = next((p for p in people if match.end() <= p.start < trigger.start), None)
        if person is None or person.start - match.end() > _AND_REACH:
            continue
        # "a tour that will take him to", "where he and Dar are to co-chair": the subject goes on
        if pronoun_too or person.via != "pronoun":
            return match.start(), person
    return None


def _status(
    tokens: Sequence[Token],
    hit: PhraseMatch[Trigger],
    clause: list[PhraseMatch[Marker]],
    marks: list[PhraseMatch[Marker]],
    lexicon: Lexicon,
) -> str | None:
    if any(m.payload.kind == "cancelled" for m in clause):
        return "cancelled"
    if any(m.payload.kind == "future" for m in clause):
        return "planned"
    window_first, window_last = hit.first - _PLANNED_WINDOW, hit.last + 3
    if hit.payload.language in VERB_FINAL:
        # "ziyaret etmesi ve Lavrov ile görüşmesi bekleniyor": the tense comes at the clause's end
        window_last = max(window_last, max((m.last for m in clause), default=window_last))
        if any(_NOMINALISED.search(t.norm) for t in tokens[hit.first : hit.last + 2]):
            window_last = len(tokens)  # a verbal noun has no tense: the sentence's last verb gives it
    if any(m.payload.kind == "planned" and window_first <= m.first and m.last <= window_last for m in marks):
        return "planned"
    after = tokens[hit.last : hit.last + 3]
    if any(t.norm in lexicon.planned_suffixes for t in after):
        return "planned"
    if hit.payload.travel_toward and not (hit.first > 0 and tokens[hit.first - 1].norm in _PERFECT):
        return "planned"  # "left for Riyadh", "توجه إلى الرياض" -- but "قد توجه", "had left for": done
    return None


def _subtype(clause: list[PhraseMatch[Marker]], marks: list[PhraseMatch[Marker]]) -> str | None:
    """The clause's own subtype word; "on the sidelines of ..." qualifies the whole sentence."""
    for mark in clause:
        if mark.payload.kind == "subtype":
            return mark.payload.value
    sideline = any(m.payload.kind == "subtype" and m.payload.value == "sideline" for m in marks)
    return "sideline" if sideline else None
