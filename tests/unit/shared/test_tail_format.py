from parley_shared.schemas import EngagementExtracted, EventDate, Location, Participant
from parley_shared.tail import format_engagement

DAR = Participant(name="Ishaq Dar", country="PAK")
RUBIO = Participant(name="Marco Rubio", country="USA")


def engagement(**fields) -> EngagementExtracted:
    defaults = {
        "id": "e-1",
        "article_id": "dawn-001",
        "type": "call",
        "status": "happened",
        "participants": [DAR, RUBIO],
        "evidence": [{"text": "Dar spoke with Rubio.", "start": 0, "end": 21}],
        "confidence": 0.9,
        "language": "en",
        "extractor": {"name": "test", "version": "1"},
    }
    return EngagementExtracted.model_validate(defaults | fields)


def test_a_dated_call_reads_as_one_line():
    event = engagement(
        date=EventDate(start="2025-08-04", end="2025-08-04", text="August 4"),
        location=Location(name="Islamabad", country="PAK"),
    )

    line = format_engagement(event)

    assert line.split() == [
        "2025-08-04", "call", "happened", "Ishaq", "Dar", "(PAK)", "+", "Marco", "Rubio", "(USA)",
        "@", "Islamabad,", "PAK", "[dawn-001]",
    ]  # fmt: skip


def test_month_precision_ranges_and_missing_parts():
    event = engagement(
        type="visit",
        status="planned",
        participants=[Participant(name="Wang Yi"), DAR],
        date=EventDate(
            start="2025-09-01", end="2025-10-31", precision="month", text="in September or October"
        ),
    )

    line = format_engagement(event)

    assert line.startswith("2025-09..2025-10")
    assert " visit " in line and " planned " in line
    assert "Wang Yi + Ishaq Dar (PAK)" in line
    assert "@ -" in line
    assert format_engagement(engagement()).startswith("undated")
