"""Table-driven tests of the triage rules: every CLINICAL.md red-flag row, every level, the
duration boundaries, and the safety properties (pain never lowers a red-flag level; missing
screening answers never give self-care)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.triage import Case, Flag, Level, Radiation, Region, triage
from bot.triage.rules import RULES

L1, L2, L3 = Level.CALL_EMERGENCY, Level.EMERGENCY_DEPARTMENT, Level.DOCTOR_TODAY
L4, L5, L6 = Level.DOCTOR_SOON, Level.ROUTINE_APPOINTMENT, Level.SELF_CARE
F = Flag
LOW, NECK = Region.LOWER_BACK, Region.NECK


def case(
    region: Region = LOW,
    days: int | None = 10,
    pain: int | None = 4,
    age: int | None = 35,
    flags: tuple[Flag, ...] = (),
    unsure: tuple[Flag, ...] = (),
    radiation: Radiation | None = None,
    complete: bool = True,
    tried: dict[str, int] | None = None,
) -> Case:
    """A case with every screening question answered unless `complete=False`."""
    return Case(
        region=region,
        duration_days=days,
        pain_score=pain,
        age=age,
        radiation=radiation,
        red_flags=frozenset(flags),
        unsure=frozenset(unsure),
        screening_complete=complete,
        treatments_tried=tried or {},
    )


CASES = [
    # ---- L1: call the emergency number -----------------------------------------------------
    ("NK-4 chest pain, low back", case(flags=(F.CHEST_PAIN,)), L1),
    ("NK-4 chest pain, neck", case(NECK, flags=(F.CHEST_PAIN,)), L1),
    ("NK-4 tearing pain", case(Region.MID_BACK, flags=(F.TEARING_PAIN,)), L1),
    ("LB-7 fainting", case(flags=(F.FAINTING,)), L1),
    ("LB-7 known aneurysm", case(flags=(F.AORTIC_ANEURYSM,)), L1),
    ("NK-3 stroke-like symptoms", case(NECK, flags=(F.STROKE_SYMPTOMS,)), L1),
    ("LB-3 major trauma + numbness", case(flags=(F.MAJOR_TRAUMA, F.LIMB_NUMBNESS)), L1),
    ("NK-2 major trauma + numbness", case(NECK, flags=(F.MAJOR_TRAUMA, F.LIMB_NUMBNESS)), L1),
    (
        "NK-2 minor trauma + weakness",
        case(NECK, flags=(F.MINOR_TRAUMA, F.PROGRESSIVE_WEAKNESS)),
        L1,
    ),
    ("NK-5 fever + confusion", case(NECK, flags=(F.FEVER, F.CONFUSION_OR_RASH)), L1),
    ("LB-1 CES, cannot walk", case(flags=(F.SADDLE_NUMBNESS, F.UNABLE_TO_WALK)), L1),
    ("chest pain with pain 0", case(pain=0, flags=(F.CHEST_PAIN,)), L1),
    ("not sure about chest pain", case(unsure=(F.CHEST_PAIN,)), L1),
    ("stroke symptoms, low back", case(flags=(F.STROKE_SYMPTOMS,)), L1),
    # ---- L2: emergency department ----------------------------------------------------------
    ("LB-1 saddle numbness", case(flags=(F.SADDLE_NUMBNESS,)), L2),
    ("LB-1 bladder", case(flags=(F.BLADDER_DYSFUNCTION,)), L2),
    ("LB-1 bowel", case(flags=(F.BOWEL_DYSFUNCTION,)), L2),
    ("LB-1 sexual dysfunction", case(flags=(F.SEXUAL_DYSFUNCTION,)), L2),
    ("LB-1 both legs", case(flags=(F.BILATERAL_LEG_SYMPTOMS,)), L2),
    ("LB-1 pain down both legs", case(radiation=Radiation.BOTH_LEGS), L2),
    ("LB-2 progressive weakness", case(flags=(F.PROGRESSIVE_WEAKNESS,)), L2),
    ("LB-2 foot drop, progressing", case(flags=(F.FOOT_DROP, F.PROGRESSIVE_WEAKNESS)), L2),
    ("LB-1 walking worse", case(flags=(F.GAIT_DISTURBANCE,)), L2),
    ("NK-1 bladder change", case(NECK, flags=(F.BLADDER_DYSFUNCTION,)), L2),
    ("NK-1 progressive weakness", case(NECK, flags=(F.PROGRESSIVE_WEAKNESS,)), L2),
    ("LB-5 cancer + foot drop", case(flags=(F.CANCER_HISTORY, F.FOOT_DROP)), L2),
    ("LB-4 fever + foot drop", case(flags=(F.FEVER, F.FOOT_DROP)), L2),
    ("NK-5 fever, neck", case(NECK, flags=(F.FEVER,)), L2),
    ("LB-3 major trauma", case(flags=(F.MAJOR_TRAUMA,)), L2),
    ("NK-2 major trauma", case(NECK, flags=(F.MAJOR_TRAUMA,)), L2),
    ("NK-2 minor trauma at 70", case(NECK, age=70, flags=(F.MINOR_TRAUMA,)), L2),
    ("NK-2 minor trauma at 65", case(NECK, age=65, flags=(F.MINOR_TRAUMA,)), L2),
    ("NK-3 sudden severe headache", case(NECK, flags=(F.SUDDEN_SEVERE_HEADACHE,)), L2),
    ("LB-1 cannot walk", case(flags=(F.UNABLE_TO_WALK,)), L2),
    ("LB-4 fever, very unwell", case(flags=(F.FEVER, F.VERY_UNWELL)), L2),
    ("NK-5 meningism without fever", case(NECK, flags=(F.MENINGISM,)), L2),
    ("LB-3 minor trauma + numbness", case(flags=(F.MINOR_TRAUMA, F.LIMB_NUMBNESS)), L1),
    ("not sure about saddle numbness", case(unsure=(F.SADDLE_NUMBNESS,)), L2),
    ("CES with pain 1, chronic", case(days=400, pain=1, flags=(F.SADDLE_NUMBNESS,)), L2),
    ("CES, tailbone", case(Region.TAILBONE, flags=(F.SADDLE_NUMBNESS,)), L2),
    ("CES, unspecified back", case(Region.BACK, flags=(F.BOWEL_DYSFUNCTION,)), L2),
    # ---- L3: doctor today ------------------------------------------------------------------
    ("LB-5 cancer history", case(flags=(F.CANCER_HISTORY,)), L3),
    ("NK-6 cancer history, neck", case(NECK, flags=(F.CANCER_HISTORY,)), L3),
    ("LB-4 fever", case(flags=(F.FEVER,)), L3),
    ("LB-4 immunosuppression", case(flags=(F.IMMUNOSUPPRESSION,)), L3),
    ("LB-4 injecting drugs", case(flags=(F.IV_DRUG_USE,)), L3),
    ("NK-6 injecting drugs, neck", case(NECK, flags=(F.IV_DRUG_USE,)), L3),
    (
        "LB-3 minor trauma + osteoporosis",
        case(flags=(F.MINOR_TRAUMA, F.OSTEOPOROSIS_OR_STEROIDS)),
        L3,
    ),
    ("LB-3 minor trauma at 70", case(age=70, flags=(F.MINOR_TRAUMA,)), L3),
    ("NK-2 minor trauma at 30", case(NECK, age=30, flags=(F.MINOR_TRAUMA,)), L3),
    ("NK-1 clumsy hands", case(NECK, flags=(F.HAND_CLUMSINESS,)), L3),
    ("NK-1 gait, neck", case(NECK, flags=(F.GAIT_DISTURBANCE,)), L3),
    ("NK-1 both arms", case(NECK, radiation=Radiation.BOTH_ARMS), L3),
    ("LB-2 foot drop", case(flags=(F.FOOT_DROP,)), L3),
    ("LB-3 osteoporosis, no injury", case(flags=(F.OSTEOPOROSIS_OR_STEROIDS,)), L3),
    ("R-L3 stable weakness", case(flags=(F.LIMB_WEAKNESS,)), L3),
    ("LB-3 bruising over the spine", case(flags=(F.BRUISING,)), L3),
    ("NK-1 clumsy hands, upper back", case(Region.UPPER_BACK, flags=(F.HAND_CLUMSINESS,)), L3),
    ("NK-1 Lhermitte", case(NECK, flags=(F.LHERMITTE,)), L3),
    ("NK-1 both hands numb", case(NECK, flags=(F.BOTH_HANDS_NUMB,)), L3),
    ("NK-1 both arms, mid back", case(Region.MID_BACK, radiation=Radiation.BOTH_ARMS), L3),
    ("screening incomplete", case(complete=False), L3),
    ("screening incomplete, mild acute", case(days=2, pain=0, complete=False), L3),
    ("screening incomplete, neck", case(NECK, pain=None, age=None, complete=False), L3),
    ("not sure about fever", case(unsure=(F.FEVER,)), L3),
    # ---- L4: doctor within days ------------------------------------------------------------
    ("LB-5 weight loss", case(flags=(F.WEIGHT_LOSS,)), L4),
    ("LB-5 night pain", case(flags=(F.NIGHT_PAIN,)), L4),
    ("NK-6 weight loss, neck", case(NECK, flags=(F.WEIGHT_LOSS,)), L4),
    ("NK-6 night pain, neck", case(NECK, flags=(F.NIGHT_PAIN,)), L4),
    ("LB-5 age 51", case(age=51), L4),
    ("NK-6 age 60, neck", case(NECK, age=60), L4),
    ("LB-5 age 19", case(age=19), L4),
    ("R-L4 leg pain 28 days", case(days=28, radiation=Radiation.LEG), L4),
    ("R-L4 leg pain 60 days", case(days=60, radiation=Radiation.LEG), L4),
    ("pain 8", case(pain=8), L4),
    ("pain 10", case(pain=10), L4),
    # ---- L5: routine appointment -----------------------------------------------------------
    ("chronic 85 days", case(days=85), L5),
    ("chronic 2 years", case(days=730, pain=2), L5),
    ("LB-6 inflammatory pattern", case(days=200, age=30, flags=(F.INFLAMMATORY_PATTERN,)), L5),
    ("tried physical therapy", case(days=10, tried={"physical_therapy": 2}), L5),
    ("tried a procedure", case(days=10, tried={"epidural_steroid_injection": 4}), L5),
    ("neck 42 days", case(NECK, days=42), L5),
    ("severe sciatica", case(days=10, pain=7, radiation=Radiation.LEG), L5),
    ("severe arm pain, neck", case(NECK, days=10, pain=7, radiation=Radiation.ARM), L5),
    ("chronic neck", case(NECK, days=100), L5),
    # ---- L6: self-care ---------------------------------------------------------------------
    ("acute low back", case(), L6),
    ("acute neck", case(NECK, days=5, pain=3), L6),
    ("upper back", case(Region.UPPER_BACK, days=20), L6),
    ("mid back", case(Region.MID_BACK), L6),
    ("unspecified back", case(Region.BACK), L6),
    ("tailbone", case(Region.TAILBONE), L6),
    ("age 50", case(age=50), L6),
    ("age 20", case(age=20), L6),
    ("27 days", case(days=27), L6),
    ("28 days, subacute", case(days=28), L6),
    ("84 days, subacute", case(days=84), L6),
    ("leg pain 27 days", case(days=27, radiation=Radiation.LEG), L6),
    ("pain 7, no spread", case(pain=7), L6),
    ("neck 41 days", case(NECK, days=41), L6),
    ("pain, age and duration unknown", case(days=None, pain=None, age=None), L6),
    ("tried heat only", case(tried={"heat": 1}), L6),
    ("single arm, mild", case(NECK, radiation=Radiation.ARM), L6),
    ("inflammatory pattern, acute", case(days=20, flags=(F.INFLAMMATORY_PATTERN,)), L6),
]


@pytest.mark.parametrize(("name", "given", "expected"), CASES, ids=[c[0] for c in CASES])
def test_level(name: str, given: Case, expected: Level) -> None:
    result = triage(given)
    assert result.level is expected, [r.rule for r in result.reasons]
    assert result.reasons, "every outcome explains itself"
    assert all(reason.source for reason in result.reasons), "every reason names its source"
    assert "Source:" in str(result.reasons[0])


def test_there_are_at_least_80_cases_and_every_level_is_covered() -> None:
    assert len(CASES) >= 80
    assert {expected for _, _, expected in CASES} == set(Level)


def test_every_clinical_row_is_encoded_and_exercised() -> None:
    rows = {f"LB-{n}" for n in range(1, 8)} | {f"NK-{n}" for n in range(1, 7)}
    encoded = {row for rule in RULES for row in re.findall(r"(?:LB|NK)-\d", rule.id)}
    assert rows <= encoded
    exercised = {row for name, _, _ in CASES for row in re.findall(r"(?:LB|NK)-\d", name)}
    assert rows <= exercised


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("flag", list(Flag))
def test_pain_score_never_lowers_a_red_flag_level(region: Region, flag: Flag) -> None:
    without_pain = triage(case(region, pain=None, flags=(flag,))).level
    for score in range(11):
        with_pain = triage(case(region, pain=score, flags=(flag,))).level
        assert with_pain.rank <= without_pain.rank, (score, with_pain)


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("flag", list(Flag))
def test_adding_a_red_flag_never_lowers_urgency(region: Region, flag: Flag) -> None:
    base = triage(case(region, flags=(F.WEIGHT_LOSS,)))
    more = triage(case(region, flags=(F.WEIGHT_LOSS, flag)))
    assert more.level.rank <= base.level.rank


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("days", [0, 27, 28, 84, 85, 400, None])
@pytest.mark.parametrize("pain", [0, 3, 7, None])
def test_missing_screening_answers_never_give_self_care(
    region: Region, days: int | None, pain: int | None
) -> None:
    result = triage(case(region, days=days, pain=pain, complete=False))
    assert result.level is not L6
    assert not result.screening_complete
    assert result.pending_questions


def test_urgent_red_flag_interrupts_but_incomplete_screening_alone_does_not() -> None:
    assert triage(case(flags=(F.SADDLE_NUMBNESS,), complete=False)).interrupt
    assert triage(case(flags=(F.FOOT_DROP,))).interrupt
    assert not triage(case(complete=False)).interrupt
    assert not triage(case(flags=(F.WEIGHT_LOSS,))).interrupt


def test_reasons_list_the_most_urgent_first() -> None:
    result = triage(case(days=200, flags=(F.WEIGHT_LOSS, F.SADDLE_NUMBNESS)))
    ranks = [reason.level.rank for reason in result.reasons]
    assert ranks == sorted(ranks)
    assert result.reasons[0].rule == "LB-1 cauda equina"


def test_every_rule_marked_for_review_is_listed_in_the_clinical_review_document() -> None:
    review = (Path(__file__).parents[2] / "docs" / "clinical-review.md").read_text()
    from bot.triage.engine import INCOMPLETE_SCREENING

    for rule in [*RULES, INCOMPLETE_SCREENING]:
        if rule.review:
            assert f"`{rule.id}`" in review, rule.id
