"""The engine says which screening questions are still to ask; back and neck screens differ."""

from __future__ import annotations

import pytest

from bot.triage import Case, Flag, Level, Region, base_screen, pending_questions, triage

F = Flag


def pending(region: Region = Region.LOWER_BACK, **kwargs: object) -> tuple[Flag, ...]:
    return pending_questions(Case(region, **kwargs))  # type: ignore[arg-type]


def test_back_screen_asks_cauda_equina_questions_and_not_neck_vascular_ones() -> None:
    questions = pending(Region.LOWER_BACK)
    for flag in (
        F.SADDLE_NUMBNESS,
        F.BLADDER_DYSFUNCTION,
        F.BOWEL_DYSFUNCTION,
        F.BILATERAL_LEG_SYMPTOMS,
        F.FOOT_DROP,
        F.AORTIC_ANEURYSM,
    ):
        assert flag in questions
    for flag in (F.STROKE_SYMPTOMS, F.SUDDEN_SEVERE_HEADACHE, F.HAND_CLUMSINESS):
        assert flag not in questions


def test_neck_screen_asks_vascular_and_myelopathy_questions_and_not_saddle_numbness() -> None:
    questions = pending(Region.NECK)
    for flag in (
        F.STROKE_SYMPTOMS,
        F.SUDDEN_SEVERE_HEADACHE,
        F.HAND_CLUMSINESS,
        F.GAIT_DISTURBANCE,
        F.BLADDER_DYSFUNCTION,
    ):
        assert flag in questions
    for flag in (F.SADDLE_NUMBNESS, F.BILATERAL_LEG_SYMPTOMS, F.AORTIC_ANEURYSM):
        assert flag not in questions


@pytest.mark.parametrize("region", list(Region))
def test_life_threatening_questions_come_first(region: Region) -> None:
    assert pending(region)[0] is F.CHEST_PAIN


@pytest.mark.parametrize(
    "region", [Region.UPPER_BACK, Region.MID_BACK, Region.BACK, Region.TAILBONE]
)
def test_every_back_region_gets_the_back_screen(region: Region) -> None:
    assert pending(region) == base_screen(Region.LOWER_BACK)


def test_answered_questions_are_not_asked_again() -> None:
    answered = frozenset({F.CHEST_PAIN, F.TEARING_PAIN})
    questions = pending(answered=answered)
    assert F.CHEST_PAIN not in questions and F.TEARING_PAIN not in questions
    assert questions[0] is F.FAINTING


def test_volunteered_and_unsure_flags_are_not_asked_again() -> None:
    questions = pending(red_flags=frozenset({F.FEVER}), unsure=frozenset({F.NIGHT_PAIN}))
    assert F.FEVER not in questions and F.NIGHT_PAIN not in questions


def test_all_answered_means_screening_complete_and_allows_self_care() -> None:
    everything = frozenset(base_screen(Region.LOWER_BACK))
    result = triage(Case(Region.LOWER_BACK, duration_days=5, answered=everything))
    assert result.pending_questions == ()
    assert result.screening_complete
    assert result.level is Level.SELF_CARE


def test_screening_complete_leaves_nothing_pending() -> None:
    assert pending(screening_complete=True) == ()


@pytest.mark.parametrize("trauma", [F.MAJOR_TRAUMA, F.MINOR_TRAUMA])
def test_an_injury_brings_nerve_symptom_and_bruising_follow_ups(trauma: Flag) -> None:
    assert F.LIMB_NUMBNESS not in pending() and F.BRUISING not in pending()
    assert {F.LIMB_NUMBNESS, F.BRUISING} <= set(pending(red_flags=frozenset({trauma})))


def test_fever_with_back_pain_asks_whether_very_unwell() -> None:
    assert F.VERY_UNWELL in pending(red_flags=frozenset({F.FEVER}))
    assert F.VERY_UNWELL not in pending()


def test_neck_asks_about_smaller_injuries_once_a_serious_one_is_denied() -> None:
    assert F.MINOR_TRAUMA not in pending(Region.NECK)
    assert F.MINOR_TRAUMA in pending(Region.NECK, answered=frozenset({F.MAJOR_TRAUMA}))


def test_back_asks_about_smaller_injuries_only_with_a_fracture_risk() -> None:
    denied = frozenset({F.MAJOR_TRAUMA})
    assert F.MINOR_TRAUMA not in pending(answered=denied, age=40)
    assert F.MINOR_TRAUMA in pending(answered=denied, age=70)
    risk = frozenset({F.OSTEOPOROSIS_OR_STEROIDS})
    assert F.MINOR_TRAUMA in pending(answered=denied, red_flags=risk)


def test_fever_with_neck_pain_brings_the_meningitis_follow_up() -> None:
    assert F.CONFUSION_OR_RASH in pending(Region.NECK, red_flags=frozenset({F.FEVER}))
    assert F.CONFUSION_OR_RASH not in pending(Region.LOWER_BACK, red_flags=frozenset({F.FEVER}))


def test_chronic_back_pain_brings_the_inflammatory_question() -> None:
    assert F.INFLAMMATORY_PATTERN in pending(duration_days=85)
    assert F.INFLAMMATORY_PATTERN not in pending(duration_days=84)
    assert F.INFLAMMATORY_PATTERN not in pending(Region.NECK, duration_days=200)
