from datetime import date

import pytest
from parley_extract.actors import (
    Actor,
    KnowledgeBase,
    KnowledgeBaseError,
    _parse_file,
    knowledge_base,
    russian_case_forms,
)


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            Actor.model_validate(
                {
                    "id": "usa.antony-blinken",
                    "name": "Antony Blinken",
                    "country": "USA",
                    "offices": [
                        {
                            "role": "foreign_minister",
                            "title": "Secretary of State",
                            "of": "USA",
                            "start": "2021-01-26",
                            "end": "2025-01-20",
                        }
                    ],
                }
            ),
            Actor.model_validate(
                {
                    "id": "usa.marco-rubio",
                    "name": "Marco Rubio",
                    "country": "USA",
                    "aliases": {"arabic": ["مارکو روبیو"]},
                    "short": ["Rubio"],
                    "offices": [
                        {
                            "role": "foreign_minister",
                            "title": "Secretary of State",
                            "of": "USA",
                            "start": "2025-01-21",
                        }
                    ],
                }
            ),
        ]
    )


def test_office_holder_depends_on_the_date():
    kb = _kb()
    assert kb.holder("foreign_minister", "USA", date(2025, 7, 25))[0].name == "Marco Rubio"
    assert kb.holder("foreign_minister", "USA", date(2022, 7, 1))[0].name == "Antony Blinken"
    assert kb.holder("foreign_minister", "FRA", date(2022, 7, 1)) is None


def test_without_a_date_the_latest_holder_is_taken():
    assert _kb().holder("foreign_minister", "USA", None)[0].name == "Marco Rubio"


def test_aliases_in_other_scripts_resolve():
    assert [hit.actor_id for hit in _kb().names.lookup("مارکو روبیو")] == ["usa.marco-rubio"]


def test_a_malformed_entry_is_reported_with_file_and_id():
    text = (
        "actors:\n  - id: xxx.someone\n    name: Someone\n    country: XXX\n"
        "    offices:\n      - {role: emperor, title: E, of: XXX}\n"
    )
    with pytest.raises(KnowledgeBaseError, match=r"bad\.yaml: xxx\.someone"):
        _parse_file("bad.yaml", text)


def test_duplicate_ids_are_refused():
    actor = Actor.model_validate({"id": "pak.someone", "name": "Some One", "country": "PAK"})
    with pytest.raises(KnowledgeBaseError, match="duplicate"):
        KnowledgeBase([actor, actor])


def test_the_shipped_knowledge_base_covers_the_major_states():
    kb = knowledge_base()
    for role, country in [
        ("foreign_minister", "USA"),
        ("head_of_government", "IND"),
        ("head_of_state", "RUS"),
        ("foreign_minister", "PAK"),
        ("foreign_minister", "IRN"),
        ("head_of_state", "SAU"),
        ("foreign_minister", "CHN"),
        ("high_representative", "EU"),
        ("secretary_general", "UN"),
    ]:
        assert kb.holder(role, country, date(2025, 7, 1)) is not None, (role, country)


def _office_holder(actor_id: str, title: str, role: str, start: str) -> Actor:
    name = actor_id.split(".")[1].replace("-", " ").title()
    office = {"role": role, "title": title, "of": "VEN", "start": start}
    return Actor.model_validate({"id": actor_id, "name": name, "country": "VEN", "offices": [office]})


def test_a_printed_title_names_its_own_office_not_a_longer_one():
    kb = KnowledgeBase(
        [
            _office_holder("ven.the-president", "President", "head_of_state", "2019-01-10"),
            _office_holder("ven.the-deputy", "Executive Vice President", "vice_president", "2020-06-01"),
        ]
    )
    assert kb.holder_titled("President", "VEN", date(2024, 6, 1))[0].name == "The President"
    assert kb.holder_titled("Vice President", "VEN", date(2024, 6, 1))[0].name == "The Deputy"


def test_russian_names_ending_in_a_sibilant_take_em_in_the_instrumental():
    assert "Антониу Гутеррешем" in russian_case_forms("Антониу Гутерреш")
    assert "Сергеем Лавровым" not in russian_case_forms("Антониу Гутерреш")
    assert "Лавровым" in russian_case_forms("Лавров")
