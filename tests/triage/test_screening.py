"""The engine says which screening questions are still to ask; back and neck screens differ."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.triage import (
    Case,
    Flag,
    Level,
    Region,
    base_screen,
    pending_questions,
    questions_to_ask,
    triage,
)

F = Flag


def pending(region: Region = Region.LOWER_BACK, **kwargs: object) -> tuple[Flag, ...]:
    return pending_questions(Case(region, **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("region", "asked", "not_asked"),
    [
        (
            Region.LOWER_BACK,
            (
                F.SADDLE_NUMBNESS,
                F.BLADDER_DYSFUNCTION,
                F.BOWEL_DYSFUNCTION,
                F.BILATERAL_LEG_SYMPTOMS,
                F.FOOT_DROP,
                F.AORTIC_ANEURYSM,
            ),
            (F.STROKE_SYMPTOMS, F.SUDDEN_SEVERE_HEADACHE, F.HAND_CLUMSINESS),
        ),
        (
            Region.NECK,
            (
                F.STROKE_SYMPTOMS,
                F.SUDDEN_SEVERE_HEADACHE,
                F.HAND_CLUMSINESS,
                F.GAIT_DISTURBANCE,
                F.BLADDER_DYSFUNCTION,
            ),
            (F.SADDLE_NUMBNESS, F.BILATERAL_LEG_SYMPTOMS, F.AORTIC_ANEURYSM),
        ),
    ],
    ids=[
        "back: cauda equina questions, not the neck's vascular ones",
        "neck: vascular and myelopathy questions, not saddle numbness",
    ],
)
def test_each_region_is_asked_its_own_red_flags(
    region: Region, asked: tuple[Flag, ...], not_asked: tuple[Flag, ...]
) -> None:
    questions = pending(region)
    assert [flag for flag in asked if flag not in questions] == []
    assert [flag for flag in not_asked if flag in questions] == []


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


def test_a_fever_brings_the_meningitis_follow_ups_in_both_flows() -> None:
    # NS-8: confusion, a rash or a fit with a fever (L1); the stiff neck asked in the back flow too.
    fever = frozenset({F.FEVER})
    neck = pending(Region.NECK, red_flags=fever)
    after_fever = neck.index(F.MAJOR_TRAUMA) + 1  # the question before the fever's
    assert neck[after_fever:][:2] == (F.CONFUSION_OR_RASH, F.SEIZURE)
    back = pending(Region.LOWER_BACK, unsure=fever)  # "not sure" counts as a fever
    assert back[back.index(F.MAJOR_TRAUMA) + 1 :][:5] == (
        F.CONFUSION_OR_RASH,
        F.SEIZURE,
        F.MENINGISM,
        F.VERY_UNWELL,
        F.IMMUNOSUPPRESSION,
    )
    for region in (Region.LOWER_BACK, Region.NECK):
        assert F.SEIZURE not in pending(region) and F.CONFUSION_OR_RASH not in pending(region)
    assert F.MENINGISM not in pending(Region.LOWER_BACK)


def test_chronic_back_pain_brings_the_inflammatory_question() -> None:
    assert F.INFLAMMATORY_PATTERN in pending(duration_days=85)
    assert F.INFLAMMATORY_PATTERN not in pending(duration_days=84)
    assert F.INFLAMMATORY_PATTERN not in pending(Region.NECK, duration_days=200)


# ---- CLINICAL.md §7: the gateway questions and their follow-ups ------------------------------

GATEWAYS_BACK = (
    F.POSSIBLE_PREGNANCY,
    F.ABDOMINAL_OR_FLANK_PAIN,
    F.URINARY_SYMPTOMS,
    F.ONE_SIDED_BAND_PAIN,
)


@pytest.mark.parametrize("region", list(Region))
def test_gateways_come_after_the_life_threatening_and_ces_items_and_before_cancer(
    region: Region,
) -> None:
    questions = pending(region, age=30)
    gateways = GATEWAYS_BACK if not region.is_neck else GATEWAYS_BACK[::3]
    at = [questions.index(g) for g in gateways]
    assert at == sorted(at) and at == list(range(at[0], at[0] + len(gateways)))  # G3 first
    before = {F.CHEST_PAIN, F.TEARING_PAIN, F.FAINTING, F.FEVER}
    before |= {F.STROKE_SYMPTOMS} if region.is_neck else {F.AORTIC_ANEURYSM, F.SADDLE_NUMBNESS}
    assert all(questions.index(flag) < at[0] for flag in before)
    after = (F.CANCER_HISTORY, F.WEIGHT_LOSS, F.NIGHT_PAIN, F.IV_DRUG_USE)
    assert all(questions.index(flag) > at[-1] for flag in after)


def test_the_neck_flow_asks_only_the_pregnancy_and_band_gateways() -> None:
    questions = pending(Region.NECK, age=30)
    assert F.ABDOMINAL_OR_FLANK_PAIN not in questions and F.URINARY_SYMPTOMS not in questions


@pytest.mark.parametrize(
    ("age", "asked"),
    [(None, True), (11, False), (12, True), (30, True), (55, True), (56, False), (80, False)],
)
def test_pregnancy_is_asked_only_of_people_aged_12_to_55_or_of_unknown_age(
    age: int | None, asked: bool
) -> None:
    for region in (Region.LOWER_BACK, Region.NECK):
        assert (F.POSSIBLE_PREGNANCY in pending(region, age=age)) is asked


def test_a_pregnancy_told_at_any_age_still_brings_its_follow_ups() -> None:
    questions = pending(age=60, red_flags=frozenset({F.KNOWN_PREGNANCY}))
    assert F.POSSIBLE_PREGNANCY not in questions
    assert {F.VAGINAL_BLEEDING, F.REDUCED_FETAL_MOVEMENTS} <= set(questions)


# (gateway present, the follow-ups that come straight after it, in this order)
FOLLOW_UPS = [
    (
        F.POSSIBLE_PREGNANCY,
        (
            F.KNOWN_PREGNANCY,
            F.VAGINAL_BLEEDING,
            F.LOWER_ABDOMINAL_PELVIC_PAIN,
            F.SHOULDER_TIP_PAIN,
        ),
    ),
    (
        F.ABDOMINAL_OR_FLANK_PAIN,
        (
            F.SUDDEN_SEVERE_ABDOMINAL_PAIN,
            F.UPPER_ABDOMINAL_PAIN_TO_BACK,
            F.FLANK_PAIN_TO_GROIN,
            F.VOMITING_CANNOT_KEEP_FLUIDS,
            F.JAUNDICE,
            F.COLICKY_CANNOT_SETTLE,
            F.RIGHT_UPPER_PAIN_TO_SHOULDER_BLADE,
            F.PAIN_AFTER_EATING,
        ),
    ),
    (
        F.URINARY_SYMPTOMS,
        (
            F.NO_URINE_TODAY,
            F.VOMITING_CANNOT_KEEP_FLUIDS,
            F.PAINFUL_URINATION,
            F.BLOOD_IN_URINE,
            F.URINARY_FREQUENCY_URGENCY,
            F.KIDNEY_RISK,
            F.URINARY_TRACT_RISK,
        ),
    ),
    (F.ONE_SIDED_BAND_PAIN, (F.RASH_NEAR_EYE, F.SHINGLES_RASH)),
]
ALL_FOLLOW_UPS = {flag for _, items in FOLLOW_UPS for flag in items}


@pytest.mark.parametrize(("gateway", "follow_ups"), FOLLOW_UPS, ids=lambda g: str(g))
@pytest.mark.parametrize("answer", ["red_flags", "unsure"])
def test_a_gateway_present_brings_its_follow_ups_straight_after_it(
    gateway: Flag, follow_ups: tuple[Flag, ...], answer: str
) -> None:
    questions = pending(age=30, answered=frozenset({gateway}), **{answer: frozenset({gateway})})
    i = questions.index(follow_ups[0])
    assert questions[i : i + len(follow_ups)] == follow_ups
    assert questions[i - 1] in base_screen(Region.LOWER_BACK)  # right after the gateway's place


def test_no_follow_up_is_asked_while_its_gateway_is_absent_or_denied() -> None:
    assert not ALL_FOLLOW_UPS & set(pending(age=30))
    denied = frozenset(GATEWAYS_BACK)
    assert not ALL_FOLLOW_UPS & set(pending(age=30, answered=denied))


@pytest.mark.parametrize(
    ("present", "then"),
    [
        (F.KNOWN_PREGNANCY, (F.CONTRACTIONS_OR_RHYTHMIC_BACK_PAIN, F.FLUID_LEAK_VAGINAL,
                             F.REDUCED_FETAL_MOVEMENTS)),
        (F.VAGINAL_BLEEDING, (F.HEAVY_BLEEDING_OR_CLOTS,)),
        (F.LOWER_ABDOMINAL_PELVIC_PAIN, (F.SUDDEN_SEVERE_ABDOMINAL_PAIN,
                                         F.ONE_SIDED_LOWER_ABDOMINAL_PAIN)),
        (F.FLANK_PAIN_TO_GROIN, (F.PAIN_NOT_EASED_BY_PAINKILLERS, F.NO_URINE_TODAY, F.KIDNEY_RISK)),
        (F.SHINGLES_RASH, (F.VERY_UNWELL,)),
    ],
)  # fmt: skip
def test_a_follow_up_present_brings_its_own_follow_ups_straight_after_it(
    present: Flag, then: tuple[Flag, ...]
) -> None:
    questions = pending(age=30, red_flags=frozenset({F.POSSIBLE_PREGNANCY, present}))
    assert present not in questions
    i = questions.index(then[0])
    assert questions[i : i + len(then)] == then


def test_a_mentioned_sign_answers_its_gateway_and_its_other_follow_ups_are_asked() -> None:
    # "it burns when I pee": G2 is not asked; its other follow-ups are (CLINICAL.md §8.2 note).
    questions = pending(age=30, red_flags=frozenset({F.PAINFUL_URINATION}))
    assert F.URINARY_SYMPTOMS not in questions and F.PAINFUL_URINATION not in questions
    assert {F.NO_URINE_TODAY, F.BLOOD_IN_URINE, F.URINARY_TRACT_RISK} <= set(questions)
    # "I'm 8 weeks pregnant": the pregnancy gateway and the known-pregnancy question are answered.
    questions = pending(age=30, red_flags=frozenset({F.KNOWN_PREGNANCY}))
    assert F.POSSIBLE_PREGNANCY not in questions and F.KNOWN_PREGNANCY not in questions
    assert F.REDUCED_FETAL_MOVEMENTS in questions
    # "a rash on one side": the band gateway is answered; a rash near the eye is still asked.
    questions = pending(Region.NECK, age=70, red_flags=frozenset({F.SHINGLES_RASH}))
    assert F.ONE_SIDED_BAND_PAIN not in questions and F.RASH_NEAR_EYE in questions
    # A risk factor is not the complaint: "I have one kidney" still asks the gateways.
    questions = pending(age=30, red_flags=frozenset({F.KIDNEY_RISK}))
    assert F.URINARY_SYMPTOMS in questions and F.ABDOMINAL_OR_FLANK_PAIN in questions


@pytest.mark.parametrize(("age", "asked"), [(50, False), (51, True), (None, True), (80, True)])
def test_previous_kidney_stones_is_asked_only_over_50_or_at_an_unknown_age(
    age: int | None, asked: bool
) -> None:
    questions = pending(age=age, red_flags=frozenset({F.FLANK_PAIN_TO_GROIN}))
    assert (F.PREVIOUS_KIDNEY_STONES in questions) is asked


def test_a_gateway_told_in_the_neck_flow_still_brings_its_follow_ups() -> None:
    questions = pending(Region.NECK, age=70, red_flags=frozenset({F.URINARY_SYMPTOMS}))
    assert F.NO_URINE_TODAY in questions and F.PAINFUL_URINATION in questions


# ---- what to ask next: an urgent answer ends screening, unless a follow-up can change it ----


def everything_but(*left: Flag, region: Region = Region.LOWER_BACK) -> frozenset[Flag]:
    return frozenset(base_screen(region)) - set(left)


def test_questions_to_ask_is_everything_pending_while_nothing_is_urgent() -> None:
    case = Case(Region.LOWER_BACK, age=30, red_flags=frozenset({F.URINARY_SYMPTOMS}))
    assert questions_to_ask(case) == pending_questions(case)


def test_an_urgent_answer_ends_screening_when_no_follow_up_could_change_it() -> None:
    case = Case(Region.LOWER_BACK, age=30, red_flags=frozenset({F.SADDLE_NUMBNESS}))
    assert pending_questions(case) and questions_to_ask(case) == ()
    case = Case(Region.LOWER_BACK, red_flags=frozenset({F.CHEST_PAIN}))
    assert questions_to_ask(case) == ()


def test_side_to_groin_pain_asks_only_what_could_raise_it() -> None:
    answered = everything_but() | {F.SUDDEN_SEVERE_ABDOMINAL_PAIN, F.UPPER_ABDOMINAL_PAIN_TO_BACK}
    flank = frozenset({F.ABDOMINAL_OR_FLANK_PAIN, F.FLANK_PAIN_TO_GROIN})
    case = Case(Region.LOWER_BACK, age=40, red_flags=flank, answered=answered | flank)
    assert triage(case).level is Level.DOCTOR_TODAY
    assert questions_to_ask(case) == (
        F.PAIN_NOT_EASED_BY_PAINKILLERS,
        F.NO_URINE_TODAY,
        F.KIDNEY_RISK,
        F.VOMITING_CANNOT_KEEP_FLUIDS,
    )  # not the yellow skin, waves or meals questions: they cannot raise L3


def test_over_50_previous_stones_is_the_one_question_left_and_a_yes_opens_the_rest() -> None:
    flank = frozenset({F.ABDOMINAL_OR_FLANK_PAIN, F.FLANK_PAIN_TO_GROIN})
    case = Case(Region.LOWER_BACK, age=60, red_flags=flank, answered=everything_but() | flank)
    assert triage(case).level is Level.EMERGENCY_DEPARTMENT
    assert questions_to_ask(case) == (F.PREVIOUS_KIDNEY_STONES,)
    stones = Case(
        Region.LOWER_BACK,
        age=60,
        red_flags=flank | {F.PREVIOUS_KIDNEY_STONES},
        answered=everything_but() | flank | {F.PREVIOUS_KIDNEY_STONES},
    )
    assert F.PAIN_NOT_EASED_BY_PAINKILLERS in questions_to_ask(stones)
    unsure = Case(
        Region.LOWER_BACK,
        age=60,
        red_flags=flank,
        unsure=frozenset({F.PREVIOUS_KIDNEY_STONES}),
        answered=everything_but() | flank | {F.PREVIOUS_KIDNEY_STONES},
    )
    assert questions_to_ask(unsure) == ()  # not sure is no: L2 stands


def test_a_back_fever_asks_the_follow_ups_that_could_raise_it_then_stops() -> None:
    fever = frozenset({F.FEVER})
    case = Case(Region.LOWER_BACK, age=30, red_flags=fever, answered=fever)
    assert questions_to_ask(case) == (
        F.CONFUSION_OR_RASH,
        F.SEIZURE,
        F.MENINGISM,
        F.VERY_UNWELL,
        F.IMMUNOSUPPRESSION,
    )  # no more questions for everyone: cancer, weight loss and the gateways wait
    done = fever | set(questions_to_ask(case))
    assert questions_to_ask(Case(Region.LOWER_BACK, red_flags=fever, answered=done)) == ()


def test_an_injury_asks_for_nerve_symptoms_before_the_instruction() -> None:
    trauma = frozenset({F.MAJOR_TRAUMA})
    case = Case(Region.NECK, red_flags=trauma, answered=trauma)
    assert questions_to_ask(case) == (F.LIMB_NUMBNESS,)  # bruising cannot raise L2


def test_a_band_of_pain_told_before_the_chest_question_waits_for_it() -> None:
    # NS-7: L4 only once chest pain is denied. Told at the start, the band does not interrupt
    # with L3: the chest question (first in every screen) is asked, then the rest.
    band = frozenset({F.ONE_SIDED_BAND_PAIN})
    told = Case(Region.UPPER_BACK, age=40, red_flags=band, screening_complete=True)
    assert triage(told).level is Level.DOCTOR_TODAY and not triage(told).interrupt
    case = Case(Region.UPPER_BACK, age=40, red_flags=band)
    assert questions_to_ask(case)[0] is F.CHEST_PAIN
    denied = Case(Region.UPPER_BACK, age=40, red_flags=band, answered=frozenset({F.CHEST_PAIN}))
    assert triage(replace(denied, screening_complete=True)).level is Level.DOCTOR_SOON
    assert questions_to_ask(denied)[0] is F.TEARING_PAIN
