"""International organisations (UN, SCO, OIC, EU...) named in text, in eight languages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from parley_extract.countries import name_forms, split_variants
from parley_extract.lexicon import LANGUAGES, read_lexicon
from parley_extract.matching import PhraseIndex


@dataclass(frozen=True, slots=True)
class Organisation:
    acronym: str  # Parley's id: "EU", "UN", "SCO", "UNSC", "ARAB_LEAGUE"...
    name: str  # English full name
    parent: str | None  # e.g. UNSC -> UN


@dataclass(frozen=True, slots=True)
class OrgMention:
    start: int
    end: int
    text: str
    org: Organisation


def _spellings(block: Mapping[str, Any]) -> Iterator[str]:
    for language in LANGUAGES:
        for name in split_variants(block.get(language, "")):
            yield from name_forms(language, name)


class OrganisationLexicon:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self._orgs = {
            acronym: Organisation(acronym, block["name"], block.get("parent"))
            for acronym, block in data["organisations"].items()
        }
        unknown_parents = {o.parent for o in self._orgs.values() if o.parent} - self._orgs.keys()
        if unknown_parents:
            raise ValueError(f"organisations.yaml: unknown parents {sorted(unknown_parents)}")
        self._index: PhraseIndex[Organisation] = PhraseIndex(names=True)
        self._names: list[str] = []
        for acronym, block in data["organisations"].items():
            for spelling in _spellings(block):
                self._index.add(spelling, self._orgs[acronym])
                self._names.append(spelling)
        for line in data.get("not_organisations", {}).values():
            for phrase in split_variants(line):
                self._index.add(phrase, None)

    def find(self, text: str) -> list[OrgMention]:
        """Organisations named in ``text``: longest match wins, no overlaps, sorted by start."""
        return [
            OrgMention(m.start, m.end, text[m.start : m.end], m.payload) for m in self._index.find_names(text)
        ]

    def get(self, acronym: str) -> Organisation | None:
        return self._orgs.get(acronym)

    def names(self) -> list[str]:
        """Every spelling of every organisation, so other lexicons can step aside for them."""
        return list(self._names)

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        return tuple(self._orgs.values())


@cache
def organisation_lexicon() -> OrganisationLexicon:
    return OrganisationLexicon(read_lexicon("organisations.yaml"))
