"""The merge rule and the merged view, on plain events (no database)."""

from __future__ import annotations

import random

import pytest
from factories import (
    DAR,
    LAVROV,
    MOSCOW,
    RUBIO,
    WANG_YI,
    WASHINGTON,
    day,
    engagement,
    report,
    urdu_call,
)
from parley_shared.schemas import EngagementExtracted, Forum, Location, Participant
from parley_store.merging import (
    CONFIDENCE_CAP,
    cluster_reports,
    merge,
    merged_id_for,
    person_keys,
    place,
    same_engagement,
    same_person,
)
from parley_store.names import normalise_name


def test_english_and_urdu_reports_of_the_same_call_merge() -> None:
    english = engagement(date=day("2025-07-25"), topics=["trade"])
    urdu = urdu_call(topics=["Trade", "Kashmir"])

    [cluster] = cluster_reports([report(english), report(urdu, minutes=5)])
    merged = merge(cluster)

    assert merged.report_ids == (english.id, urdu.id)
    assert merged.languages == ("en", "ur")
    assert [p.actor_id for p in merged.participants] == ["pak.ishaq-dar", "usa.marco-rubio"]
    assert merged.participants[0].name == "Ishaq Dar"  # first report's spelling, role kept
    assert merged.participants[0].role == "Foreign Minister"
    assert merged.date == english.date
    assert merged.topics == ("trade", "Kashmir")
    assert {(e.report_id, e.article_id, e.language) for e in merged.evidence} == {
        (english.id, "dawn-001", "en"),
        (urdu.id, "jang-001", "ur"),
    }
    assert merged.confidence == pytest.approx(1 - (1 - 0.8) * (1 - 0.7))


def test_the_english_spelling_of_a_resolved_actor_is_kept_whichever_report_came_first() -> None:
    merged = merge([report(urdu_call()), report(engagement(), minutes=1)])

    assert [p.name for p in merged.participants] == ["Ishaq Dar", "Marco Rubio"]
    assert merged.id == merged_id_for(urdu_call().id)


def test_a_call_and_a_meeting_between_the_same_people_do_not_merge() -> None:
    call = engagement(article_id="a1", type="call")
    meeting = engagement(article_id="a2", type="meeting", location=WASHINGTON)

    assert not same_engagement(call, meeting)
    assert len(cluster_reports([report(call), report(meeting)])) == 2


def test_two_calls_a_month_apart_do_not_merge() -> None:
    july = engagement(article_id="a1", date=day("2025-07-25"))
    august = engagement(article_id="a2", date=day("2025-08-25"))

    assert not same_engagement(july, august)


def test_an_undated_report_does_not_bridge_two_calls_a_month_apart() -> None:
    july = engagement(article_id="a1", date=day("2025-07-25"))
    undated = engagement(article_id="a2")
    august = engagement(article_id="a3", date=day("2025-08-25"))

    clusters = cluster_reports([report(july), report(undated, 1), report(august, 2)])

    assert [[r.id for r in c] for c in clusters] == [[july.id, undated.id], [august.id]]


def test_an_undated_report_joins_the_latest_of_several_matching_engagements() -> None:
    july = engagement(article_id="a1", date=day("2025-07-25"))
    august = engagement(article_id="a2", date=day("2025-08-25"))
    undated = engagement(article_id="a3")

    clusters = cluster_reports([report(july), report(august, 1), report(undated, 2)])

    assert [[r.id for r in c] for c in clusters] == [[july.id], [august.id, undated.id]]


@pytest.mark.parametrize(("other_day", "merges"), [("2025-07-28", True), ("2025-07-29", False)])
def test_dated_reports_merge_only_within_the_date_slack(other_day: str, merges: bool) -> None:
    first = engagement(article_id="a1", date=day("2025-07-25"))
    second = engagement(article_id="a2", date=day(other_day))

    assert same_engagement(first, second) is merges


def test_a_date_range_overlapping_a_day_is_compatible() -> None:
    visit = engagement(
        article_id="a1",
        type="visit",
        participants=[DAR],
        location=WASHINGTON,
        date=day("2025-07-20", "2025-07-30"),
    )
    other = engagement(
        article_id="a2", type="visit", participants=[DAR], location=WASHINGTON, date=day("2025-07-26")
    )

    assert same_engagement(visit, other)


def test_cancelled_and_happened_do_not_merge_but_planned_then_happened_does() -> None:
    planned = engagement(article_id="a1", type="meeting", status="planned", location=WASHINGTON)
    happened = engagement(article_id="a2", type="meeting", status="happened", location=WASHINGTON)
    cancelled = engagement(article_id="a3", type="meeting", status="cancelled", location=WASHINGTON)

    assert not same_engagement(happened, cancelled)
    assert same_engagement(planned, happened)
    assert merge([report(planned), report(happened, 60)]).status == "happened"
    assert merge([report(planned), report(cancelled, 60)]).status == "cancelled"


def test_reports_from_the_same_article_never_merge() -> None:
    first = engagement(article_id="a1", evidence="They spoke on Monday.")
    second = engagement(article_id="a1", evidence="They spoke again on Wednesday.", subtype="follow-up")

    assert not same_engagement(first, second)


def test_names_compare_without_titles_case_or_accents() -> None:
    resolved = engagement(article_id="a1", participants=[DAR, RUBIO])
    unresolved = engagement(
        article_id="a2",
        participants=[Participant(name="Mr. ISHAQ DAR"), Participant(name="Secretary of State Marco Rubío")],
    )

    assert normalise_name("H.E. Dr. Marco Rubío") == "marco rubio"
    assert same_engagement(resolved, unresolved)
    merged = merge([report(unresolved), report(resolved, 1)])
    assert [p.actor_id for p in merged.participants] == ["pak.ishaq-dar", "usa.marco-rubio"]


def test_different_actor_ids_are_different_people_even_with_the_same_name() -> None:
    one = engagement(
        article_id="a1", participants=[DAR, Participant(name="Ali Khan", actor_id="pak.ali-khan")]
    )
    other = engagement(
        article_id="a2", participants=[DAR, Participant(name="Ali Khan", actor_id="afg.ali-khan")]
    )

    assert not same_engagement(one, other)


def test_a_meeting_whose_participants_are_a_subset_with_two_shared_merges() -> None:
    bilateral = engagement(article_id="a1", type="meeting", participants=[DAR, LAVROV], location=MOSCOW)
    trilateral = engagement(
        article_id="a2", type="meeting", participants=[DAR, LAVROV, WANG_YI], location=MOSCOW
    )
    one_shared = engagement(
        article_id="a3", type="meeting", participants=[DAR, WANG_YI, RUBIO], location=MOSCOW
    )

    assert same_engagement(bilateral, trilateral)
    assert not same_engagement(bilateral, one_shared)
    merged = merge([report(bilateral), report(trilateral, 1)])
    assert [p.actor_id for p in merged.participants] == ["pak.ishaq-dar", "rus.sergey-lavrov", "chn.wang-yi"]


def test_meetings_in_different_countries_do_not_merge() -> None:
    in_moscow = engagement(article_id="a1", type="meeting", participants=[DAR, LAVROV], location=MOSCOW)
    in_washington = engagement(
        article_id="a2", type="meeting", participants=[DAR, LAVROV], location=WASHINGTON
    )
    unlocated = engagement(article_id="a3", type="meeting", participants=[DAR, LAVROV])

    assert not same_engagement(in_moscow, in_washington)
    assert same_engagement(in_moscow, unlocated)


def test_visits_need_the_same_traveller_and_place() -> None:
    english = engagement(article_id="a1", type="visit", participants=[DAR], location=WASHINGTON)
    by_country = engagement(
        article_id="a2", type="visit", participants=[DAR], location=Location(name="امریکہ", country="USA")
    )
    elsewhere = engagement(article_id="a3", type="visit", participants=[DAR], location=MOSCOW)
    someone_else = engagement(article_id="a4", type="visit", participants=[LAVROV], location=WASHINGTON)

    assert same_engagement(english, by_country)
    assert not same_engagement(english, elsewhere)
    assert not same_engagement(english, someone_else)


def test_forums_merge_by_name_words_and_org_but_not_across_sessions() -> None:
    def forum(article: str, name: str, org: str | None = None) -> EngagementExtracted:
        return engagement(
            article_id=article, type="forum", participants=[DAR], forum=Forum(name=name, org=org)
        )

    generic = forum("a1", "UN Security Council", "UN")
    middle_east = forum("a2", "UN Security Council open debate on the Middle East", "UN")
    oic = forum("a3", "UN Security Council debate on UN-OIC cooperation", "UN")
    other_org = forum("a4", "Security Council", "SCO")

    assert same_engagement(generic, middle_east)
    assert not same_engagement(middle_east, oic)
    assert not same_engagement(generic, other_org)
    clusters = cluster_reports([report(generic), report(middle_east, 1), report(oic, 2)])
    assert [len(c) for c in clusters] == [2, 1]


def test_forums_without_a_forum_name_merge_by_location() -> None:
    named = engagement(
        article_id="a1",
        type="forum",
        participants=[DAR],
        location=MOSCOW,
        forum=Forum(name="SCO Council of Foreign Ministers"),
    )
    unnamed = engagement(article_id="a2", type="forum", participants=[DAR], location=MOSCOW)

    assert same_engagement(named, unnamed)


def test_merging_is_idempotent_under_redelivery() -> None:
    english = engagement(date=day("2025-07-25"))
    urdu = urdu_call()

    once = merge([report(english), report(urdu, 5)])
    redelivered = merge([report(english), report(urdu, 5), report(urdu, 30)])

    assert redelivered == once
    assert cluster_reports([report(english), report(english, 9)]) == [[report(english)]]
    assert place(report(urdu, 99), [[report(english), report(urdu, 5)]]) == 0


def test_clustering_does_not_depend_on_input_order() -> None:
    events = [
        engagement(article_id="a1", date=day("2025-07-25")),
        urdu_call(article_id="a2"),
        engagement(article_id="a3", type="meeting", participants=[DAR, LAVROV], location=MOSCOW),
        engagement(article_id="a4", date=day("2025-08-30")),
    ]
    reports = [report(e, minutes=i) for i, e in enumerate(events)]
    expected = cluster_reports(reports)

    shuffled = reports[:]
    random.Random(7).shuffle(shuffled)

    assert cluster_reports(shuffled) == expected
    assert [merge(c).id for c in expected] == [merged_id_for(c[0].id) for c in expected]


def test_a_later_report_never_changes_the_merged_id() -> None:
    english = engagement(article_id="a1")
    urdu = urdu_call(article_id="a2")

    before = merge([report(urdu)])
    after = merge([report(urdu), report(english, 10)])

    assert after.id == before.id == merged_id_for(urdu.id)
    assert after.first_seen == report(urdu).received_at
    assert after.last_seen == report(english, 10).received_at


def test_merged_view_picks_the_most_precise_date_and_the_most_confident_location() -> None:
    month = engagement(
        article_id="a1",
        type="visit",
        participants=[DAR],
        date=day("2025-07-01", "2025-07-31", "month"),
        location=Location(name="Washington DC", country="USA"),
        confidence=0.9,
    )
    exact = engagement(
        article_id="a2",
        type="visit",
        participants=[DAR],
        date=day("2025-07-25"),
        location=WASHINGTON,
        confidence=0.6,
    )

    merged = merge([report(month), report(exact, 1)])

    assert merged.date == exact.date
    assert merged.location == month.location


def test_confidence_combines_reports_and_is_capped() -> None:
    strong = [engagement(article_id=f"a{i}", confidence=0.95) for i in range(3)]

    assert merge([report(e, i) for i, e in enumerate(strong)]).confidence == CONFIDENCE_CAP


def test_summary_and_search_text_mention_people_place_and_evidence() -> None:
    merged = merge([report(engagement(type="meeting", location=WASHINGTON, date=day("2025-07-25")))])

    assert merged.summary == (
        "Meeting (happened): Ishaq Dar (PAK), Marco Rubio (USA) in Washington on 2025-07-25"
    )
    assert "telephone conversation" in merged.search_text
    assert "secretary of state" in merged.search_text


def test_merging_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        merge([])


def test_people_the_rule_calls_the_same_share_a_look_up_key() -> None:
    people = [
        DAR,
        Participant(name="Ishaq Dar"),
        Participant(name="Mr. ISHAQ DAR"),
        Participant(name="اسحاق ڈار", actor_id="pak.ishaq-dar"),
        RUBIO,
        Participant(name="Marco Rubío"),
        Participant(name="Ishaq Dar", actor_id="pak.other-dar"),
    ]

    for a in people:
        for b in people:
            if same_person(a, b):
                assert person_keys(a) & person_keys(b), (a, b)
