"""The actor knowledge base: people, their aliases in four scripts, and the offices they held.

Loaded from the YAML files in ``data/actors/`` (format: ``data/actors/README.md``).
``python -m parley_extract.actors --check`` validates every file and prints a summary.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from parley_extract.matching import PhraseIndex
from parley_extract.tokens import arabic_clitic_forms, normalise, phrase_key

Role = Literal[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "deputy_prime_minister",
    "vice_president",
    "crown_prince",
    "defence_minister",
    "secretary_general",
    "high_representative",
    "commission_president",
    "council_president",
    "director_general",
    "president",
    "chair",
    "national_security_adviser",
    "chief_of_staff",
    "minister",
    "army_chief",
    "other",
]

KB_EPOCH = date(2022, 1, 1)


class Office(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role
    title: str
    of: str = Field(pattern=r"^[A-Z][A-Z_]{1,11}$")
    start: date | None = None
    end: date | None = None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Aliases(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    latin: list[str] = Field(default_factory=list)
    arabic: list[str] = Field(default_factory=list)
    devanagari: list[str] = Field(default_factory=list)
    cyrillic: list[str] = Field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.latin, *self.arabic, *self.devanagari, *self.cyrillic]


class Actor(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z_]{2,12}\.[a-z0-9][a-z0-9\-]*$")
    name: str = Field(min_length=2)
    country: str = Field(pattern=r"^[A-Z][A-Z_]{1,11}$")
    gender: Literal["m", "f"] | None = None
    aliases: Aliases = Field(default_factory=Aliases)
    short: list[str] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)

    @field_validator("short")
    @classmethod
    def _short_forms_are_short(cls, value: list[str]) -> list[str]:
        for form in value:
            if len(phrase_key(form)) > 3:
                raise ValueError(f"short form {form!r} has more than three words")
        return value

    def office_on(self, day: date | None, role: str | None = None) -> Office | None:
        candidates = [o for o in self.offices if role is None or o.role == role]
        if day is not None:
            candidates = [o for o in candidates if o.held_on(day)]
        return candidates[-1] if candidates else None


class KnowledgeBaseError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class AliasHit:
    actor_id: str
    full: bool  # a full-name alias, as opposed to a short (surname) form


class KnowledgeBase:
    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors: dict[str, Actor] = {}
        self.names = PhraseIndex[AliasHit]()
        self._holders: dict[tuple[str, str], list[tuple[Actor, Office]]] = defaultdict(list)
        # every office of a state or body, its title's words normalised: for titles as printed
        self._offices_of: dict[str, list[tuple[Actor, Office, tuple[str, ...]]]] = defaultdict(list)
        # full names, and which of them have each trigram in their last word: for names spelled another way
        self._spellings: list[tuple[list[str], Actor]] = []
        self._spellings_by_trigram: dict[str, list[int]] = defaultdict(list)
        self._spelled: dict[str, Actor | None] = {}
        for actor in actors:
            if actor.id in self.actors:
                raise KnowledgeBaseError(f"duplicate actor id {actor.id!r}")
            self.actors[actor.id] = actor
            for alias in {actor.name, *actor.aliases.all()}:
                for form in (alias, *arabic_clitic_forms(alias), *russian_case_forms(alias)):
                    self.names.add(form, AliasHit(actor.id, full=True))
            for short in {*actor.short, *_surnames_in_other_scripts(actor)}:
                for form in (short, *arabic_clitic_forms(short), *russian_case_forms(short)):
                    self.names.add(form, AliasHit(actor.id, full=False))
            for office in actor.offices:
                self._holders[(office.role, office.of)].append((actor, office))
                title_words = tuple(normalise(w) for w in office.title.split())
                self._offices_of[office.of].append((actor, office, title_words))
            for alias in {actor.name, *actor.aliases.latin, *actor.aliases.cyrillic}:
                words = comparable_words(alias)
                if len(words) >= 2:
                    for trigram in _trigrams(words[-1]):
                        self._spellings_by_trigram[trigram].append(len(self._spellings))
                    self._spellings.append((words, actor))
        for holders in self._holders.values():
            holders.sort(key=lambda pair: pair[1].start or KB_EPOCH)

    def __len__(self) -> int:
        return len(self.actors)

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def holder_titled(self, title: str, of: str, on: date | None) -> tuple[Actor, Office] | None:
        """Who held an office printed with ``title`` ("President", "Chief Adviser") for ``of`` on a day.

        Titles say more than roles: Iran's president heads the government, not the state. The office
        whose title adds the fewest words wins ("President" is the president, not the Vice President),
        then the latest to start.
        """
        wanted = phrase_key(title)
        found = None
        best: tuple[int, date] | None = None
        for actor, office, words in self._offices_of.get(of, ()):
            if not _contains(words, wanted) or (on is not None and not office.held_on(on)):
                continue
            rank = (-(len(words) - len(wanted)), office.start or KB_EPOCH)
            if best is None or rank > best:
                found, best = (actor, office), rank
        return found

    def spelled_like(self, name: str) -> Actor | None:
        """The one actor ``name`` is another spelling of ("Volodímir Zelenski", "Sergueï Lavrov"), if any.

        Remembered: the same capitalised names ("European Union", "Foreign Office") recur in article
        after article.
        """
        if name not in self._spelled:
            if len(self._spelled) >= _SPELLED_CACHE_SIZE:
                self._spelled.clear()
            self._spelled[name] = self._spelling_of(name)
        return self._spelled[name]

    def _spelling_of(self, name: str) -> Actor | None:
        written = comparable_words(name)
        if len(written) < 2:
            return None
        # only names whose last word shares a third of its trigrams ("Şerif" and "Sharif" share 2 of 5):
        # a few dozen of the thousands known
        trigrams = _trigrams(written[-1])
        shared = Counter(i for t in trigrams for i in self._spellings_by_trigram.get(t, ()))
        enough = len(trigrams) / 3
        found = {
            actor.id: actor
            for words, actor in (self._spellings[i] for i, n in shared.items() if n >= enough)
            if spelled_alike(written, words)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def holder(self, role: str, of: str, on: date | None) -> tuple[Actor, Office] | None:
        """Who held ``role`` for state or body ``of`` on a day; without a day, the latest holder."""
        holders = self._holders.get((role, of), [])
        if on is None:
            return holders[-1] if holders else None
        current = [pair for pair in holders if pair[1].held_on(on)]
        return current[-1] if current else None


# How alike a name, and each of its words, must be to an actor's to be taken for another spelling of it.
# Transliterations score 0.77-0.93 ("Şahbaz Şerif"/"Shehbaz Sharif", "Sergueï Lavrov"/"Sergey Lavrov"); a
# namesake shares the surname but not the given name ("Nawaz"/"Shahbaz": 0.5).
_SPELLED_ALIKE = 0.75
_SPELLED_CACHE_SIZE = 20_000
_WORD_ALIKE = 0.6


def _trigrams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def comparable_words(name: str) -> list[str]:
    return [normalise(word) for word in name.replace("-", " ").split()]


def spells(name: str, actor: Actor) -> bool:
    """Whether ``name`` is a spelling of one of ``actor``'s Latin-script names."""
    written = comparable_words(name)
    return any(
        spelled_alike(written, comparable_words(alias)) for alias in (actor.name, *actor.aliases.latin)
    )


def spelled_alike(written: list[str], known: list[str]) -> bool:
    """Whether ``written`` is another spelling of the name ``known`` (both :func:`comparable_words`)."""
    matcher = SequenceMatcher(None, " ".join(written), " ".join(known))
    if matcher.real_quick_ratio() < _SPELLED_ALIKE or matcher.ratio() < _SPELLED_ALIKE:
        return False
    return all(max(SequenceMatcher(None, w, k).ratio() for k in known) >= _WORD_ALIKE for w in written)


_CYRILLIC = re.compile(r"^[\u0400-\u04ff\s\-]+$")
# Russian declines names: Лавров, Лаврова, Лаврову, Лавровым, Лаврове. Masculine names ending in a
# consonant take these endings; names in -а/-я and -ий/-ей follow their own patterns.
_CONSONANT_ENDINGS = ("а", "у", "ом", "ым", "е")
_A_ENDINGS = ("ы", "и", "е", "у", "ой", "ей")
_I_ENDINGS = ("я", "ю", "ем", "е")
_SIBILANT_ENDINGS = ("а", "у", "ем", "ем", "е")


def _russian_cases(word: str) -> list[str]:
    if word.endswith(("а", "я")):
        return [word[:-1] + e for e in _A_ENDINGS]
    if word.endswith("й"):
        return [word[:-1] + e for e in _I_ENDINGS]
    if word.endswith(("о", "е", "и", "у", "ы", "ь")):
        return []
    if word.endswith(("ж", "ш", "ч", "щ", "ц")):
        return [word + e for e in _SIBILANT_ENDINGS]  # "Гутеррешем", not "Гутеррешом"
    return [word + e for e in _CONSONANT_ENDINGS]


_NOT_SURNAMES = frozenset({"الله", "الدين", "اللہ", "الدین"})


def _surnames_in_other_scripts(actor: Actor) -> list[str]:
    """Where the surname alone is a short form ("Dissanayake"), so is the last word of the full name in
    the other scripts ("दिसानायके", "دسانائیکے"): the press shortens names the same way in every script."""
    surname = actor.name.split()[-1]
    if surname not in actor.short:
        return []
    others = [*actor.aliases.arabic, *actor.aliases.devanagari, *actor.aliases.cyrillic]
    lasts = [alias.split()[-1] for alias in others if len(alias.split()) >= 2]
    # Shorter words are everyday words too ("سال", year), and so are the ends of theophoric names
    return [word for word in lasts if len(word) >= 4 and word not in _NOT_SURNAMES]


def russian_case_forms(name: str) -> list[str]:
    """The oblique cases of a Cyrillic name: every word in the same case ("Аббасом Аракчи"), and only
    the last word declined, as Russian treats Korean and Chinese names ("Ким Чен Ыном")."""
    if not _CYRILLIC.match(name):
        return []
    words = name.split()
    forms = []
    for case in range(len(_CONSONANT_ENDINGS)):
        declined = []
        for word in words:
            cases = _russian_cases(word)
            declined.append(cases[case] if case < len(cases) else word)
        forms.append(" ".join(declined))
        forms.append(" ".join([*words[:-1], declined[-1]]))
    return [f for f in dict.fromkeys(forms) if f != name]


def _contains(words: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    n = len(wanted)
    return n > 0 and any(words[i : i + n] == wanted for i in range(len(words) - n + 1))


def _parse_file(name: str, text: str) -> list[Actor]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{name}: not valid YAML: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("actors"), list):
        raise KnowledgeBaseError(f"{name}: expected a mapping with an 'actors' list")
    actors = []
    for index, entry in enumerate(document["actors"]):
        try:
            actors.append(Actor.model_validate(entry))
        except ValidationError as exc:
            label = entry.get("id", f"entry {index}") if isinstance(entry, dict) else f"entry {index}"
            raise KnowledgeBaseError(f"{name}: {label}: {exc}") from exc
    return actors


def load_actor_files() -> list[tuple[str, list[Actor]]]:
    folder = resources.files("parley_extract") / "data" / "actors"
    files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".yaml")), key=lambda e: e.name
    )
    return [(entry.name, _parse_file(entry.name, entry.read_text(encoding="utf-8"))) for entry in files]


@cache
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase(actor for _, actors in load_actor_files() for actor in actors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate the actor knowledge base.")
    parser.add_argument("--check", action="store_true", help="validate every file and print a summary")
    parser.parse_args(argv)
    try:
        files = load_actor_files()
        kb = knowledge_base()
    except KnowledgeBaseError as exc:
        print(f"knowledge base error: {exc}", file=sys.stderr)
        return 1
    for name, actors in files:
        offices = sum(len(a.offices) for a in actors)
        print(f"{name}: {len(actors)} actors, {offices} offices")
    print(f"total: {len(kb)} actors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
