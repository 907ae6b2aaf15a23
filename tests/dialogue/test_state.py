"""Slots to a triage case, screening answers to slots, and the triage payload."""

from __future__ import annotations

import pytest

from bot.dialogue.outcome import triage_payload
from bot.dialogue.state import case_from_slots, record_answer, slot_number
from bot.triage import Flag, Level, Radiation, Region, pending_questions, triage

STEPS = {"physical_therapy": 2, "heat": 1}


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (21, 21),
        (7.0, 7),
        ("8", 8),  # a pain score told during screening: the entity's text, as its mapping sets it
        ("unknown", None),  # "don't know" at the intake
        (None, None),
        (True, None),
        ("7.5", None),
    ],
)
def test_a_numeric_slot_is_read_as_a_number_or_as_unknown(
    value: object, number: int | None
) -> None:
    assert slot_number(value) == number


def test_slots_become_a_case() -> None:
    slots = {
        "body_region": "lower_back",
        "duration": "21",
        "pain_score": "7",
        "radiation": "leg",
        "age": "40",
        "red_flags": ["fever"],
        "unsure_flags": ["night_pain"],
        "answered_flags": ["chest_pain", "fever", "night_pain"],
        "treatments_tried": ["physical_therapy", "laser_cure"],
    }
    case = case_from_slots(slots, STEPS)
    assert case is not None
    assert (case.region, case.duration_days, case.pain_score, case.age) == (
        Region.LOWER_BACK,
        21,
        7,
        40,
    )
    assert case.radiation is Radiation.LEG
    assert case.red_flags == {Flag.FEVER} and case.unsure == {Flag.NIGHT_PAIN}
    assert dict(case.treatments_tried) == {"physical_therapy": 2}  # unknown keys are dropped


def test_no_region_means_no_case_yet() -> None:
    assert case_from_slots({}, STEPS) is None
    assert case_from_slots({"body_region": "knee"}, STEPS) is None


def test_unreadable_numbers_are_unknown_not_guessed() -> None:
    case = case_from_slots({"body_region": "neck", "duration": "ages", "pain_score": "bad"}, STEPS)
    assert case is not None and case.duration_days is None and case.pain_score is None


def test_answers_move_the_screening_on_and_not_sure_counts_as_yes() -> None:
    slots: dict[str, object] = {"body_region": "lower_back", "duration": "5"}
    first = pending_questions(case_from_slots(slots, STEPS))[0]  # type: ignore[arg-type]
    assert first is Flag.CHEST_PAIN
    slots.update(record_answer(slots, Flag.CHEST_PAIN, "no"))
    case = case_from_slots(slots, STEPS)
    assert case is not None and pending_questions(case)[0] is Flag.TEARING_PAIN
    slots.update(record_answer(slots, Flag.SADDLE_NUMBNESS, "unsure"))
    case = case_from_slots(slots, STEPS)
    assert case is not None and triage(case).level is Level.EMERGENCY_DEPARTMENT


def test_a_changed_answer_replaces_the_old_one() -> None:
    slots = record_answer({}, Flag.FEVER, "yes")
    slots = record_answer(slots, Flag.FEVER, "no")
    assert slots == {"red_flags": [], "unsure_flags": [], "answered_flags": ["fever"]}


def test_payload_follows_the_triage_contract() -> None:
    case = case_from_slots({"body_region": "neck", "red_flags": ["chest_pain"]}, STEPS)
    assert case is not None
    payload = triage_payload(triage(case))
    assert payload["triage"]["level"] == "call_emergency"
    assert payload["triage"]["disclaimer"] is True
    assert payload["triage"]["interrupt"] is True
    assert any("Source:" in reason for reason in payload["triage"]["reasons"])


def test_an_unknown_region_is_screened_as_back_pain_keeping_everything_else() -> None:
    from bot.dialogue.state import case_or_back

    case = case_or_back({"duration": "30", "treatments_tried": ["heat"]}, STEPS)
    assert case.region is Region.BACK and case.duration_days == 30
    assert dict(case.treatments_tried) == {"heat": 1}
    assert case_or_back({"body_region": "neck"}, STEPS).region is Region.NECK
