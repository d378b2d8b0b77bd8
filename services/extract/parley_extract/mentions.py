"""People in a sentence: knowledge-base names, titles of office, and the words that stand for them.

A mention is resolved to a :class:`Person` -- a knowledge-base actor when possible, otherwise
a named official with the country and role the text gives, or (for "his Iranian
counterpart") an unnamed office holder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final, Literal

from parley_extract.actors import Actor, AliasHit, KnowledgeBase, Office, spells
from parley_extract.countries import CountryLexicon, CountryMention
from parley_extract.lexicon import Lexicon, Title
from parley_extract.organisations import OrganisationLexicon, OrgMention
from parley_extract.places import PlaceMention
from parley_extract.tokens import PhraseMatch, Token, normalise, normalised_words
from parley_extract.tokens import words as split_words

Via = Literal["alias", "short", "title", "name", "pronoun"]

# Words that end an unknown name written after a title in Arabic script (Urdu postpositions,
# conjunctions) or in Latin script (lower-case function words are excluded by capitalisation).
_URDU_ARABIC_STOPS = "سے نے کے کی کا کو اور، میں پر نے، و في مع من على"
_HINDI_STOPS = "ने को से का की के में पर और भी"
_LATIN_STOPS = "and with of the on in at who for to said has had was"
_NAME_STOP = normalised_words(_URDU_ARABIC_STOPS, _HINDI_STOPS, _LATIN_STOPS)
_HONORIFICS = normalised_words("Mr Ms Mrs Dr Sheikh Senator Prince H.E")
_CASED_NAME_WORD = re.compile(r"^[^\W\d_][\w'’\-]+$")


def _is_name_word(word: str) -> bool:
    """A capitalised word, in any script with letter case: "Aripov", "Émile", "Сергей"."""
    return word[:1].isupper() and bool(_CASED_NAME_WORD.match(word))


_APPOSITION = re.compile(r"^\s*(?:,|–|—|-|\()\s*(?:the\s+)?$")


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    name: str
    actor_id: str | None
    country: str | None
    role: str | None
    start: int
    end: int
    via: Via
    unnamed: bool = False

    @classmethod
    def of_actor(
        cls, actor: Actor, role: str | None, start: int = 0, end: int = 0, via: Via = "alias"
    ) -> Person:
        """A knowledge-base actor as a participant (``start``/``end``: where the text names them)."""
        return cls(actor.id, actor.name, actor.id, actor.country, role, start, end, via)

    @classmethod
    def named(
        cls, name: tuple[str, int, int], country: str | None, role: str | None, title: tuple[int, int]
    ) -> Person:
        """An official the knowledge base lacks, by the name written with their title."""
        text, start, end = name
        return cls(
            person_key(text), text, None, country, role, min(title[0], start), max(title[1], end), "name"
        )


def person_key(name: str) -> str:
    return "name:" + " ".join(normalise(part) for part in name.split())


@dataclass(slots=True)
class ArticleReading:
    """What the article tells the reading of its next sentence: whom it is about, whom it has named."""

    text: str  # the whole cleaned article
    on: date | None  # the day offices are held on
    known_ids: set[str]  # actors whose full name appears somewhere: their short forms count
    principal: Person | None = None  # the article's protagonist
    focus: Person | None = None  # who "he" and "the minister" are: the last person a sentence was about
    # the first person named of each country, who usually leads its side: "the Saudi delegation"
    recent: dict[str, Person] = field(default_factory=dict)
    # surnames of actors the article spells its own way ("Ahmed al-Charaa" ... "M. Charaa")
    spelled: dict[str, Actor] = field(default_factory=dict)
    # surnames of officials the knowledge base lacks, once named with their title ("Bangladesh Foreign
    # Secretary Md. Jashim Uddin" ... "Mr. Jashim Uddin is expected to travel")
    newcomers: dict[str, Person] = field(default_factory=dict)

    def note_spelling(self, name: str, actor: Actor) -> None:
        """``name`` is how this article writes ``actor``: its last word alone names them from now on."""
        self.spelled[normalise(split_words(name)[-1])] = actor


class MentionFinder:
    """Finds the people a sentence names, given what the article as a whole mentions."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lexicon: Lexicon,
        countries: CountryLexicon,
        organisations: OrganisationLexicon,
    ) -> None:
        self.kb = kb
        self.lexicon = lexicon
        self.countries = countries
        self.organisations = organisations

    def find(
        self,
        article: ArticleReading,
        tokens: Sequence[Token],
        name_hits: list[PhraseMatch[AliasHit]],
        words: Lexicon,
        orgs: Sequence[OrgMention] = (),
        places: Sequence[PlaceMention] = (),
    ) -> list[Person]:
        """People in one sentence, in text order. ``name_hits`` are the knowledge-base names in the
        sentence, full or short (short ones count once the full name appeared in the article)."""
        text, on, principal, focus = article.text, article.on, article.principal, article.focus
        all_titles = list(self.lexicon.titles.find(tokens))
        names = self._kb_names(tokens, name_hits, article.known_ids, all_titles, on)
        taken = {i for m in names for i in range(m.first, m.last)}
        titles = [m for m in all_titles if not any(i in taken for i in range(m.first, m.last))]
        country_mentions = self.countries.find(text[tokens[0].start : tokens[-1].end]) if tokens else []
        base = tokens[0].start if tokens else 0
        countries = [replace(c, start=c.start + base, end=c.end + base) for c in country_mentions]
        people: list[Person] = []
        for m in names:
            actor = self.kb.actors[m.payload.actor_id]
            office = actor.office_on(on)
            people.append(
                Person.of_actor(
                    actor,
                    office.title if office else None,
                    tokens[m.first].start,
                    tokens[m.last - 1].end,
                    "alias" if m.payload.full else "short",
                )
            )
        for title in self._best_titles(titles):
            if title.payload.role == "counterpart" and _is_plural(tokens, title):
                people += self._counterparts(text, tokens, title, countries, on, focus or principal)
                continue
            person = self._resolve_title(article, tokens, title, countries, orgs, people, places)
            if person is not None:
                people.append(person)
        taken |= {i for t in all_titles for i in range(t.first, t.last)}
        taken |= _indices_within(tokens, [(c.start, c.end) for c in countries])
        people += self._names_spelled_otherwise(article, tokens, taken, people)
        for person in people:
            if person.via == "name":
                article.newcomers[normalise(split_words(person.name)[-1])] = person
        named = sorted(people, key=lambda p: p.start)
        for token in tokens:
            if token.text.casefold() not in words.pronouns:
                continue
            # "Trump said that he had spoken...": a pronoun after a name in its sentence is that
            # name; one that opens the sentence is whom the text is following
            earlier = next((p for p in named if p.end <= token.start), None)
            referent = earlier or focus or principal
            if referent is not None:
                people.append(replace(referent, start=token.start, end=token.end, via="pronoun"))
        people.sort(key=lambda p: p.start)
        return _drop_overlaps(people)

    def _names_spelled_otherwise(
        self, article: ArticleReading, tokens: Sequence[Token], taken: set[int], people: list[Person]
    ) -> list[Person]:
        """Knowledge-base actors written in a spelling the knowledge base does not list: "Volodímir
        Zelenski", "Sergueï Lavrov" (runs of two to four capitalised words nobody else has claimed),
        and later their surname alone, as the article spells it ("M. Charaa")."""
        text = article.text
        claimed = [(p.start, p.end) for p in people]
        found = []
        surnames = article.spelled.keys() | article.newcomers.keys()
        runs = _capitalised_runs(text, tokens, taken, single=bool(surnames))
        if tokens and 0 not in taken and tokens[0].norm in surnames:
            runs.insert(0, (0, 1))  # "Mustafa llegó el domingo a Madrid": a sentence may open with it
        for first, last in runs:
            start, end = tokens[first].start, tokens[last - 1].end
            if any(a < end and start < b for a, b in claimed):
                continue
            if last - first == 1:
                actor = article.spelled.get(tokens[first].norm)
            else:
                actor = self.kb.spelled_like(text[start:end])
                if actor is not None:
                    article.note_spelling(text[start:end], actor)
            newcomer = article.newcomers.get(tokens[last - 1].norm) if actor is None else None
            if newcomer is not None:
                found.append(replace(newcomer, start=start, end=end, via="short"))
            elif actor is not None:
                office = actor.office_on(article.on)
                via: Via = "alias" if last - first > 1 else "short"
                found.append(Person.of_actor(actor, office.title if office else None, start, end, via))
        return found

    def _kb_names(
        self,
        tokens: Sequence[Token],
        name_hits: list[PhraseMatch[AliasHit]],
        known_ids: set[str],
        titles: list[PhraseMatch[Title]],
        on: date | None,
    ) -> list[PhraseMatch[AliasHit]]:
        title_before = {t.last: t.payload for t in titles}
        matches = []
        for m in name_hits:
            if m.payload.full or m.payload.actor_id in known_ids or self._titled(m, title_before, on):
                first = tokens[m.first]
                if (
                    not m.payload.full
                    and not first.is_capitalised
                    and first.text.isascii()
                    and not (first.norm in _NAME_PARTICLES and m.last - m.first > 1)
                ):
                    continue  # "dar" in lower case is a word, not a name; "al-Shaibani" is a name
                matches.append(m)
        # One actor per span: an ambiguous short form that fits two known actors is dropped.
        by_span: dict[tuple[int, int], list[PhraseMatch[AliasHit]]] = {}
        for m in matches:
            by_span.setdefault((m.first, m.last), []).append(m)
        return [group[0] for group in by_span.values() if len({g.payload.actor_id for g in group}) == 1]

    def _titled(self, m: PhraseMatch[AliasHit], title_before: Mapping[int, Title], on: date | None) -> bool:
        """A short form right after a title its actor holds: "Cumhurbaşkanı Erdoğan", "President Putin"."""
        title = title_before.get(m.first)
        if title is None:
            return False
        actor = self.kb.actors[m.payload.actor_id]
        return _office_titled(actor, title.role, on) is not None

    @staticmethod
    def _best_titles(titles: list[PhraseMatch[Title]]) -> list[PhraseMatch[Title]]:
        seen: set[tuple[int, int]] = set()
        out = []
        for t in titles:
            if (t.first, t.last) not in seen:
                seen.add((t.first, t.last))
                out.append(t)
        return out

    def _resolve_title(
        self,
        article: ArticleReading,
        tokens: Sequence[Token],
        title: PhraseMatch[Title],
        countries: list[CountryMention],
        orgs: Sequence[OrgMention],
        named: list[Person],
        places: Sequence[PlaceMention],
    ) -> Person | None:
        text, on, principal, focus = article.text, article.on, article.principal, article.focus
        start, end = tokens[title.first].start, tokens[title.last - 1].end
        role = title.payload.role
        not_names = [(c.start, c.end) for c in countries] + [(p.start, p.end) for p in places]
        not_names += [(o.start, o.end) for o in orgs]
        name_after: tuple[str, int, int] | None = _UNREAD
        country = _country_near(text, countries, start, end)
        # A knowledge-base name right after or just before the title is the same person.
        for person in named:
            gap_after = text[end : person.start]
            gap_before = text[person.end : start]
            if 0 <= person.start - end <= 30 and not _without_countries(gap_after, end, countries).strip(
                " ,"
            ):
                return None  # "son homologue allemande, Annalena Baerbock"
            if 0 <= start - person.end <= 30 and _APPOSITION.match(gap_before):
                if name_after is _UNREAD:
                    name_after = self._name_after(text, tokens, title.last, not_names)
                if name_after is None:
                    return None  # "Erdoğan, President of Türkiye" (but "Erdoğan, Başbakan Şahbaz Şerif")
        if role == "counterpart":
            # whose counterpart: the official named before the title in this sentence, else whom the
            # text follows ("Dışişleri Bakanı Fidan, ABD'li mevkidaşı Rubio ile")
            owner = next((p for p in reversed(named) if p.end <= start and p.actor_id), None)
            counterpart = self._counterpart(
                tokens, title, countries, on, owner or focus or principal, start, end
            )
            if name_after is _UNREAD:
                name_after = self._name_after(text, tokens, title.last, not_names)
            if name_after is None:
                return counterpart
            if counterpart is not None and counterpart.actor_id is not None:
                if spells(name_after[0], self.kb.actors[counterpart.actor_id]):
                    return counterpart
                spelled = self.kb.spelled_like(name_after[0])
                if spelled is not None:  # "her Saudi counterpart Waleed Elkhereiji": the one named
                    held = spelled.office_on(on)
                    return Person.of_actor(
                        spelled, held.title if held else counterpart.role, start, end, "title"
                    )
            # "his Bangladeshi counterpart Md. Jashim Uddin": a counterpart the knowledge base lacks
            return Person.named(
                name_after,
                counterpart.country if counterpart else _country_near(text, countries, start, end),
                counterpart.role if counterpart else self.lexicon.role_display.get(role, role),
                (start, end),
            )
        org = self._org_near(text, orgs, start, end)
        holder_of = country or org
        if name_after is _UNREAD:
            name_after = self._name_after(text, tokens, title.last, not_names)
        name = name_after or _name_before(text, tokens, title.first)
        if name is not None and name_after is None and _of_another_state(named, name, country):
            name = None  # "Hakan Fidan, Rusya Dışişleri Bakanı ile": no apposition, another minister
        display = self.lexicon.role_display.get(role, role)
        if name is not None:
            name_text, name_start, name_end = name
            found = (
                self._holder(title, text[start:end], holder_of, on, article.known_ids) if holder_of else None
            )
            if found is not None and spells(name_text, found[0]):
                # "Pakistan Başbakanı Şahbaz Şerif": the office holder, spelled the Turkish way
                actor, office = found
                article.note_spelling(name_text, actor)  # "Şara" alone, later on
                return Person.of_actor(
                    actor, office.title, min(start, name_start), max(end, name_end), "title"
                )
            spelled = self.kb.spelled_like(name_text)
            held = _office_titled(spelled, role, on) if spelled else None
            if spelled is not None and held is not None:
                # "Başbakan Şahbaz Şerif" (no country said), "Devlet Başkanı Yardımcısı Vladimir Medinski"
                # (another holder found): a known holder of such an office, spelled the article's way
                article.note_spelling(name_text, spelled)
                return Person.of_actor(
                    spelled, held.title, min(start, name_start), max(end, name_end), "title"
                )
            return Person.named(
                name, holder_of, text[start:end] if role == "other" else display, (start, end)
            )
        if role == "other":
            return None  # too vague to resolve: "the ambassador"
        if role == "minister" and holder_of is not None:
            # "the Chinese minister", "the Saudi delegation": the official of that country the text
            # is following, else the one it named last
            for candidate in (focus, principal, article.recent.get(holder_of)):
                if (
                    candidate is not None
                    and candidate.actor_id is not None
                    and candidate.country == holder_of
                ):
                    return replace(candidate, start=start, end=end, via="title")
            return None
        if holder_of is not None:
            found = self._holder(title, text[start:end], holder_of, on, article.known_ids)
            if found is None:
                return None
            actor, office = found
            return Person.of_actor(actor, office.title, start, end, "title")
        # "the deputy prime minister", "le ministre", "الوزير": whoever the text is about, if the office
        # fits -- by its printed title first (the premier is not the president), then by role.
        printed = text[start:end]
        if role in ("minister", "leader") and _PORTFOLIO.match(text, end):
            # "el ministro de Economía, Comercio y Empresa", "el líder del PP": another ministry or
            # body than the focus's
            return None
        for candidate in (focus, principal):
            if candidate is None or candidate.actor_id is None:
                continue
            actor = self.kb.actors[candidate.actor_id]
            if role == "leader":
                # "El mandatario llegó a Río": the one the text follows who heads a state or government
                fits = _office_titled(actor, "head_of_state", on) or _office_titled(
                    actor, "head_of_government", on
                )
            else:
                fits = actor.office_on(on) if role == "minister" else _titled_office(actor, printed, on)
            if fits is not None:
                return replace(candidate, start=start, end=end, via="title", role=fits.title)
        if principal is not None and principal.actor_id is not None and role != "minister":
            by_role = _office_titled(self.kb.actors[principal.actor_id], role, on)
            if by_role is not None:
                return replace(principal, start=start, end=end, via="title", role=by_role.title)
        if role not in ("minister", "other"):
            # "The crown prince chaired the summit": the one person the article has named who holds it
            holders = [
                (known, held)
                for known in (self.kb.actors[i] for i in sorted(article.known_ids))
                if (held := _titled_office(known, printed, on)) is not None
            ]
            if len(holders) == 1:
                return Person.of_actor(holders[0][0], holders[0][1].title, start, end, "title")
        return None

    def _holder(
        self, title: PhraseMatch[Title], printed: str, of: str, on: date | None, known: set[str]
    ) -> tuple[Actor, Office] | None:
        """The office holder a title names: by the printed title when it is English, else by role."""
        if title.payload.role == "leader":
            # "the Russian leader", "el mandatario": the head of state, unless the article has named
            # the head of government and not the head of state (Modi is "the Indian leader")
            state = self.kb.holder("head_of_state", of, on)
            government = self.kb.holder("head_of_government", of, on)
            if government is not None and (
                state is None or (government[0].id in known and state[0].id not in known)
            ):
                return government
            return state
        if title.payload.language == "en":
            found = self.kb.holder_titled(printed, of, on)
            if found is not None:
                return found
        if title.payload.role == "president":
            return self.kb.holder_titled("President", of, on) or self.kb.holder("head_of_state", of, on)
        return self.kb.holder(title.payload.role, of, on)

    def _counterparts(
        self,
        text: str,
        tokens: Sequence[Token],
        title: PhraseMatch[Title],
        countries: list[CountryMention],
        on: date | None,
        principal: Person | None,
    ) -> list[Person]:
        """ "his counterparts from Egypt, Jordan and Saudi Arabia": one counterpart per country listed
        right after the title, each at its country's place in the text."""
        end = tokens[title.last - 1].end
        listed: list[CountryMention] = []
        for country in countries:
            gap = text[(listed[-1].end if listed else end) : country.start]
            if country.start >= end and _COUNTRY_LIST_GAP.fullmatch(gap):
                listed.append(country)
            elif listed:
                break
        people = []
        for country in listed:
            found = self._counterpart(tokens, title, [country], on, principal, country.start, country.end)
            if found is not None:
                people.append(found)
        return people

    def _counterpart(
        self,
        tokens: Sequence[Token],
        title: PhraseMatch[Title],
        countries: list[CountryMention],
        on: date | None,
        principal: Person | None,
        start: int,
        end: int,
    ) -> Person | None:
        if principal is None or principal.actor_id is None:
            return None
        window = [
            c
            for c in countries
            if start - 40 <= c.start and c.end <= end + 25 and c.iso3 != principal.country
        ]
        if not window:
            return None
        country = min(window, key=lambda c: abs(c.start - start)).iso3
        office = _counterpart_office(self.kb.actors[principal.actor_id], on)
        if office is None:
            return None
        if office.role in _VAGUE_ROLES:
            # a Foreign Secretary's counterpart holds the office printed the same way, not any
            # official of that state (an ambassador, another ministry's minister)
            found = self.kb.holder_titled(office.title, country, on)
        else:
            found = self.kb.holder(office.role, country, on)
        if found is not None:
            actor, held = found
            return Person.of_actor(actor, held.title, start, end, "title")
        display = office.title if office.role in _VAGUE_ROLES else self.lexicon.role_display.get(office.role)
        name = f"{self.countries.english_name(country)} {display or office.title}"
        return Person(person_key(name), name, None, country, office.title, start, end, "title", unnamed=True)

    def _name_after(
        self, text: str, tokens: Sequence[Token], index: int, not_names: list[tuple[int, int]]
    ) -> tuple[str, int, int] | None:
        """An unknown person's name right after a title, up to a word that is not part of a name
        (a trigger, another title, an institution, a country or place: "министром ... Ирана Аббасом",
        "Ahmed Şara Antalya'ya")."""
        if index < len(tokens) and any(a <= tokens[index].start < b for a, b in not_names):
            index += 1  # a country in the genitive between the title and the name
        end = index
        while end < min(index + 4, len(tokens)) and not self._ends_name(tokens, end):
            if any(a <= tokens[end].start < b for a, b in not_names):
                break
            end += 1
        return _name_after(text, tokens[:end], index)

    def _ends_name(self, tokens: Sequence[Token], i: int) -> bool:
        return bool(
            self.lexicon.triggers.match_at(tokens, i)
            or self.lexicon.titles.match_at(tokens, i)
            or tokens[i].norm in _INSTITUTIONS
        )

    @staticmethod
    def _org_near(text: str, orgs: Sequence[OrgMention], start: int, end: int) -> str | None:
        """The body a title belongs to, written right against it: "UN Secretary-General",
        "Secretary-General of the OIC"."""
        for mention in orgs:
            before = mention.end <= start and _gap_ok(text[mention.end : start])
            after = mention.start >= end and _gap_after_ok(text[end : mention.start])
            if before or after:
                return mention.org.acronym if mention.org.parent is None else mention.org.parent
        return None


_TITLE_SYNONYMS = {
    "premier": "prime minister",
    "pm": "prime minister",
    "fm": "foreign minister",
    "dpm": "deputy prime minister",
    "top diplomat": "foreign minister",
}


def _office_titled(actor: Actor, role: str, on: date | None) -> Office | None:
    """The actor's office on a day that a title of ``role`` can name: any for "minister", the one
    printed "President" for "president" (Iran's heads the government), else the role's."""
    if role in ("minister", "other"):
        return actor.office_on(on)
    if role == "president":
        held = [o for o in actor.offices if (on is None or o.held_on(on)) and _PRESIDENT.match(o.title)]
        return held[-1] if held else None
    return actor.office_on(on, role)


_PRESIDENT = re.compile(r"^President\b")
# A bare "minister" with a portfolio: "Minister of Trade", "ministro de Economía", "ministre de l'Économie"
_PORTFOLIO = re.compile(r"\s+(?:of|for|de|del|du|des|di)\s+(?:la\s+|l['’]|el\s+)?[^\W\d_a-z]")


def _titled_office(actor: Actor, printed: str, on: date | None) -> Office | None:
    """The actor's office on a day printed with title ``printed`` ("the premier": Prime Minister)."""
    wanted = " ".join(normalise(w) for w in printed.split())
    wanted = _TITLE_SYNONYMS.get(wanted, wanted)
    for office in reversed(actor.offices):
        if (on is None or office.held_on(on)) and wanted in " ".join(
            normalise(w) for w in office.title.split()
        ):
            return office
    return None


def _country_near(text: str, countries: list[CountryMention], start: int, end: int) -> str | None:
    """The country of a title: just before it ("US", "Uzbekistan's", "امریکی") or after ("of Kazakhstan")."""
    before = [c for c in countries if c.end <= start and start - c.end <= 48 and _gap_ok(text[c.end : start])]
    if before:
        return before[-1].iso3
    after = [
        c for c in countries if c.start >= end and c.start - end <= 24 and _gap_after_ok(text[end : c.start])
    ]
    if after:
        return after[0].iso3
    inside = [c for c in countries if start <= c.start and c.end <= end]
    return inside[0].iso3 if inside else None


_GAP_BEFORE = re.compile(r"^(?:['’]s)?\s*(?:کے|کی|کا|के|की|का|\s)*\s*$")
# the body the title belongs to, between its country and the title: "Libya Ulusal Birlik Hükümeti
# Başbakanı", "Libya's Government of National Unity Prime Minister"
_GAP_INSTITUTION = re.compile(r"^(?:['’]s)?\s+(?:[^\W\d_][\w'’]*\s+){1,4}$")
_GAP_AFTER = re.compile(
    r"^\s*(?:of|of the|for|de|del|de la|du|des|d'|of the Republic of|،)?\s*(?:the\s+)?"
    r"(?:Republic of\s+|جمهورية\s+|دولة\s+)?$",
    re.IGNORECASE,
)


def _gap_ok(gap: str) -> bool:
    if len(gap) <= 14 and _GAP_BEFORE.match(gap):
        return True
    words = gap.removeprefix("'s").removeprefix("’s").split()
    return (
        bool(_GAP_INSTITUTION.match(gap))
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w in _OF for w in words)
    )


# the words that join a portfolio's words: "Ticaret ve Entegrasyon Bakanı", "Economía y Hacienda"
_OF = frozenset({"of", "for", "and", "the", "ve", "y", "et", "e", "de", "и"})


def _gap_after_ok(gap: str) -> bool:
    return bool(_GAP_AFTER.match(gap)) or gap.strip() == ""


_INSTITUTIONS = normalised_words(
    "دفتر وزارت حکومت ادارہ سفارتخانہ Ministry Office Department Government Embassy وزارة حكومة مكتب",
    # places named after people: "King Khalid International Airport"
    "Airport International Palace University Mosque Stadium",
)


def _name_after(text: str, tokens: Sequence[Token], index: int) -> tuple[str, int, int] | None:
    """An unknown person's name written right after a title: "Prime Minister Abdulla Aripov"."""
    parts: list[Token] = []
    for token in tokens[index : index + 4]:
        gap = text[parts[-1].end : token.start].strip() if parts else ""
        if gap and not (gap == "." and len(parts[-1].text) <= 2):  # "Md. Jashim Uddin", "S. Jaishankar"
            break
        first = token.text[:1]
        if not (first.isupper() or first.islower()):
            # Scripts without letter case (Arabic, Devanagari) give no sign where a name starts or
            # ends: people written in them are found through the knowledge base only.
            break
        if not _is_name_word(token.text) or token.norm in _NAME_STOP:
            break
        if token.norm in _HONORIFICS and not parts:
            continue
        parts.append(token)
        if _CASE_ENDING.match(text, token.end):
            break  # "Ahmed Şara'yı", "Abdulla Aripov's": the name ends with its case ending
    if len(parts) < 2 and not (parts and not parts[0].text.isascii()):
        return None
    if not parts:
        return None
    return text[parts[0].start : parts[-1].end], parts[0].start, parts[-1].end


_UNREAD: Final = ("", -1, -1)  # a name not looked for yet
_CASE_ENDING = re.compile(r"['’]\w")
_RUN_MAX = 4
# what stands between a plural "counterparts" and the countries it lists, and between those countries
_COUNTRY_LIST_GAP = re.compile(
    r"\s*(?:,|and|et|y|و|и|ve|from|of|de|des|du|del|من|из)?\s*(?:the\s+)?", re.IGNORECASE
)
_PLURAL_COUNTERPARTS = normalised_words("counterparts homologues homólogos نظرائه коллегами")


# Whose counterpart "his counterpart" is, for someone holding several offices: Dar's is a foreign
# minister (not a deputy prime minister), Erdoğan's a president (not a prime minister).
_COUNTERPART_ROLES = ("foreign_minister", "head_of_state", "head_of_government")


def _without_countries(gap: str, offset: int, countries: list[CountryMention]) -> str:
    """The gap with the country words inside it blanked out."""
    chars = list(gap)
    for c in countries:
        for i in range(max(c.start, offset), min(c.end, offset + len(gap))):
            chars[i - offset] = " "
    return "".join(chars)


# Roles that say too little to pick one holder: the office's title must match too.
_VAGUE_ROLES = frozenset({"other", "minister"})


def _counterpart_office(actor: Actor, on: date | None) -> Office | None:
    held = [o for o in actor.offices if on is None or o.held_on(on)] or list(actor.offices)
    if not held:
        return None
    return min(
        held,
        key=lambda o: (
            _COUNTERPART_ROLES.index(o.role) if o.role in _COUNTERPART_ROLES else len(_COUNTERPART_ROLES)
        ),
    )


def _is_plural(tokens: Sequence[Token], title: PhraseMatch[Title]) -> bool:
    return tokens[title.last - 1].norm in _PLURAL_COUNTERPARTS


def _indices_within(tokens: Sequence[Token], spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens that start inside one of ``spans`` (both in text order)."""
    found: set[int] = set()
    i = 0
    for start, end in spans:
        while i < len(tokens) and tokens[i].start < start:
            i += 1
        while i < len(tokens) and tokens[i].start < end:
            found.add(i)
            i += 1
    return found


def _capitalised_runs(
    text: str, tokens: Sequence[Token], taken: set[int], single: bool = False
) -> list[tuple[int, int]]:
    """Token spans of two to four capitalised words in a row (or one, if ``single``), outside
    ``taken``; a sentence's first word, capitalised whatever it is, only opens a run of two or more
    ("Sergueï Lavrov s'est rendu à Pyongyang")."""
    runs: list[tuple[int, int]] = []
    first: int | None = None
    for i in range(len(tokens) + 1):
        capital = i < len(tokens) and i not in taken and _is_name_word(tokens[i].text)
        if not capital and first is not None and i + 1 < len(tokens) and tokens[i].norm in _NAME_PARTICLES:
            capital = _is_name_word(tokens[i + 1].text)  # "Ahmed al-Charaa", "Faisal bin Farhan"
        # punctuation between two capitalised words ends a run: "Macron, Sergueï Lavrov"
        continues = (
            capital and first is not None and text[tokens[i - 1].end : tokens[i].start].strip() in ("", "-")
        )
        if first is not None and not continues:
            if (1 if single and first > 0 else 2) <= i - first <= _RUN_MAX:
                runs.append((first, i))
            first = None
        if capital and first is None:
            first = i
    return runs


_NAME_PARTICLES = normalised_words("al el bin ben ibn bint da de do dos van von")


def _of_another_state(named: list[Person], name: tuple[str, int, int], country: str | None) -> bool:
    """Whether a name read before a title is someone already known to serve another state."""
    return country is not None and any(
        name[1] < p.end and p.start < name[2] and p.country is not None and p.country != country
        for p in named
    )


def _name_before(text: str, tokens: Sequence[Token], index: int) -> tuple[str, int, int] | None:
    """ "Adylbek Kasymaliev, the Kyrgyz Republic's head ..." -- a Latin-script name in apposition."""
    parts: list[Token] = []
    i = index - 1
    # skip "the Kyrgyz Republic's" between the name and the title
    while (
        i >= 0 and index - i <= 4 and not _APPOSITION.match(text[tokens[i].end : tokens[i + 1].start] or "")
    ):
        i -= 1
    if i < 0 or not _APPOSITION.match(text[tokens[i].end : tokens[i + 1].start]):
        return None
    while i >= 0 and len(parts) < 3 and _is_name_word(tokens[i].text) and tokens[i].norm not in _NAME_STOP:
        if parts and text[tokens[i].end : parts[0].start].strip():
            break
        parts.insert(0, tokens[i])
        i -= 1
    if len(parts) < 2:
        return None
    return text[parts[0].start : parts[-1].end], parts[0].start, parts[-1].end


def _drop_overlaps(people: list[Person]) -> list[Person]:
    out: list[Person] = []
    for person in people:
        if out and person.start < out[-1].end:
            # keep the more specific of two overlapping mentions
            if _rank(person) > _rank(out[-1]):
                out[-1] = person
            continue
        out.append(person)
    return out


def _rank(person: Person) -> int:
    return {"alias": 5, "title": 4, "name": 3, "short": 2, "pronoun": 1}[person.via]
