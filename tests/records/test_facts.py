"""A record's facts as staff read them: never a default for what was not asked."""

from __future__ import annotations

from bot.records.facts import record_facts
from bot.records.triage_summary import TriageSummary


def test_a_request_made_before_any_triage_reads_not_given_and_not_asked() -> None:
    facts = record_facts(TriageSummary())
    assert (facts.age, facts.pain_score, facts.duration) == ("not given",) * 3
    assert facts.radiation == "not asked"  # not "no": nobody asked
    assert facts.region == "not given"
    assert facts.screening_mode == "not recorded"


def test_what_the_person_told_reads_in_words() -> None:
    facts = record_facts(
        TriageSummary(
            region="lower_back",
            age=67,
            pain_score=8,
            duration_days=21,
            radiation="both_legs",
            treatments_tried=("physical_therapy", "nsaids"),
            screening_mode="grouped",
        )
    )
    assert facts.region == "lower back" and facts.age == "67 years"
    assert facts.pain_score == "8 / 10" and facts.duration == "about 3 weeks (21 days)"
    assert facts.radiation == "down both legs"
    assert facts.treatments_tried == "physical therapy, nsaids"
    assert facts.screening_mode == "grouped questions"
    assert record_facts(TriageSummary(radiation="none")).radiation == "no, it stays where it is"
    assert record_facts(TriageSummary(age=41.0)).age == "41 years"  # type: ignore[arg-type]
