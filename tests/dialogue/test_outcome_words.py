"""The words of an outcome for pain that may not come from the spine (CLINICAL.md §7): the
destination a pregnancy changes, the "not from the spine" line, no spine self-care, and the
safety net that names §7's own warning signs."""

from __future__ import annotations

import pytest

from bot.dialogue.outcome import OUTCOMES, outcome_words
from bot.triage import Case, Flag, Level, Region, triage

F = Flag


def test_ordinary_back_pain_keeps_the_usual_words_and_spine_advice() -> None:
    words = outcome_words(triage(Case(region=Region.LOWER_BACK, screening_complete=True)))
    assert words.level == OUTCOMES[Level.SELF_CARE] and words.after_reasons == ()
    assert words.spine_advice and words.safety_net == ("utter_safety_net",)


def test_a_pregnancy_with_no_warning_sign_gets_pregnancy_words_and_its_safety_net() -> None:
    assessment = triage(
        Case(
            region=Region.LOWER_BACK,
            age=30,
            red_flags=frozenset({F.KNOWN_PREGNANCY}),
            screening_complete=True,
        )
    )
    assert assessment.level is Level.SELF_CARE
    words = outcome_words(assessment)
    assert words.level == "utter_level_self_care_pregnancy" and not words.spine_advice
    assert words.after_reasons == ()  # back pain in pregnancy is not said to be "not the spine"
    assert words.safety_net[0] == "utter_safety_net_pregnancy"
    assert "utter_safety_net" in words.safety_net  # the cauda equina list stays (R-L6)


@pytest.mark.parametrize(
    ("flags", "level", "response"),
    [
        (
            (F.KNOWN_PREGNANCY, F.VAGINAL_BLEEDING),
            Level.EMERGENCY_DEPARTMENT,
            "utter_level_emergency_department_maternity",
        ),
        (
            (F.KNOWN_PREGNANCY, F.FLUID_LEAK_VAGINAL),
            Level.EMERGENCY_DEPARTMENT,
            "utter_level_emergency_department_maternity",
        ),
        (
            (F.POSSIBLE_PREGNANCY, F.ONE_SIDED_LOWER_ABDOMINAL_PAIN),
            Level.EMERGENCY_DEPARTMENT,
            "utter_level_emergency_department_early_pregnancy",
        ),
        (
            (F.POSSIBLE_PREGNANCY, F.LOWER_ABDOMINAL_PELVIC_PAIN),
            Level.DOCTOR_TODAY,
            "utter_level_doctor_today_early_pregnancy",
        ),
    ],
)
def test_a_pregnancy_rule_that_sets_the_level_names_where_to_go(
    flags: tuple[Flag, ...], level: Level, response: str
) -> None:
    assessment = triage(
        Case(region=Region.LOWER_BACK, age=30, red_flags=frozenset(flags), screening_complete=True)
    )
    assert assessment.level is level
    words = outcome_words(assessment)
    assert words.level == response and not words.spine_advice
    assert words.safety_net[0] == "utter_safety_net_pregnancy"


def test_a_spine_emergency_in_a_pregnancy_keeps_the_emergency_department() -> None:
    # A cauda equina sign needs the emergency department, not the maternity unit.
    assessment = triage(
        Case(
            region=Region.LOWER_BACK,
            age=30,
            screening_complete=True,
            red_flags=frozenset({F.KNOWN_PREGNANCY, F.SADDLE_NUMBNESS}),
        )
    )
    assert assessment.level is Level.EMERGENCY_DEPARTMENT
    words = outcome_words(assessment)
    assert words.level == OUTCOMES[Level.EMERGENCY_DEPARTMENT]
    assert "utter_tell_them_pregnant" in words.after_reasons


def test_kidney_colic_says_it_may_not_be_the_spine_and_names_its_own_warning_signs() -> None:
    assessment = triage(
        Case(
            region=Region.LOWER_BACK,
            age=40,
            screening_complete=True,
            red_flags=frozenset({F.FLANK_PAIN_TO_GROIN, F.VOMITING_CANNOT_KEEP_FLUIDS}),
        )
    )
    assert assessment.level is Level.EMERGENCY_DEPARTMENT
    words = outcome_words(assessment)
    assert words.level == OUTCOMES[Level.EMERGENCY_DEPARTMENT]
    assert words.after_reasons == ("utter_not_from_the_spine",)
    assert words.safety_net[0] == "utter_safety_net_not_spine" and not words.spine_advice


def test_urinary_symptoms_without_fever_get_no_spine_self_care() -> None:
    assessment = triage(
        Case(
            region=Region.LOWER_BACK,
            age=40,
            screening_complete=True,
            red_flags=frozenset({F.URINARY_SYMPTOMS, F.PAINFUL_URINATION}),
        )
    )
    words = outcome_words(assessment)
    assert assessment.level is Level.DOCTOR_SOON and not words.spine_advice
    assert "utter_safety_net_not_spine" in words.safety_net
