"""Each warning-sign question a record's region calls for, with its answer: "not asked" is never
shown as "no", and what needs a call comes first."""

from __future__ import annotations

import pytest

from bot.intake.fhir_questionnaire import screening_question
from bot.records.triage_summary import TriageSummary
from bot.records.warning_sign_answers import (
    Answer,
    answered,
    by_answer,
    region_questions,
    screening_answers,
)
from bot.triage.flags import BACK_SCREEN, CAUDA_EQUINA_ITEMS, NECK_SCREEN, Flag, Region


def answers_of(summary: TriageSummary) -> dict[str, Answer]:
    return {item.flag: item.answer for item in screening_answers(summary)}


@pytest.mark.parametrize(
    ("region", "screen"), [(Region.LOWER_BACK, BACK_SCREEN), (Region.NECK, NECK_SCREEN)]
)
def test_a_region_lists_its_screen_in_order_with_every_follow_up_after_it(
    region: Region, screen: tuple[Flag, ...]
) -> None:
    questions = region_questions(region)
    flags = [flag for flag, _ in questions]
    assert len(flags) == len(set(flags))
    assert [flag for flag, follow_up in questions if not follow_up] == list(screen)
    # §7B: a gateway's follow-ups come after it; G3's own follow-ups after the pregnancy question.
    assert flags.index(Flag.POSSIBLE_PREGNANCY) < flags.index(Flag.KNOWN_PREGNANCY)
    assert flags.index(Flag.KNOWN_PREGNANCY) < flags.index(Flag.REDUCED_FETAL_MOVEMENTS)
    assert flags.index(Flag.FEVER) < flags.index(Flag.CONFUSION_OR_RASH)
    assert flags.index(Flag.MAJOR_TRAUMA) < flags.index(Flag.LIMB_NUMBNESS)
    # §8.3 A7: unable to walk after the last cauda equina item the region asks.
    last_ces = max(flags.index(f) for f in CAUDA_EQUINA_ITEMS if f in flags)
    assert flags.index(Flag.UNABLE_TO_WALK) == last_ces + 1


def test_only_the_back_has_the_inflammatory_question_and_the_kidney_gateways() -> None:
    back = {flag for flag, _ in region_questions(Region.LOWER_BACK)}
    neck = {flag for flag, _ in region_questions(Region.NECK)}
    assert Flag.INFLAMMATORY_PATTERN in back - neck
    assert {Flag.ABDOMINAL_OR_FLANK_PAIN, Flag.URINARY_SYMPTOMS} <= back - neck
    assert {Flag.STROKE_SYMPTOMS, Flag.MENINGISM} <= neck


def test_a_request_made_before_any_triage_has_no_answer_at_all() -> None:
    assert screening_answers(TriageSummary()) == ()
    told_region = screening_answers(TriageSummary(region="neck"))
    assert told_region and {item.answer for item in told_region} == {Answer.NOT_ASKED}
    assert answered(told_region) == 0


def test_each_answer_is_read_from_the_summary() -> None:
    summary = TriageSummary(
        region="lower_back",
        red_flags=("fever",),
        unsure_flags=("saddle_numbness",),
        cleared_unsure=("tearing_pain",),
        answered_flags=(
            "chest_pain",
            "tearing_pain",
            "saddle_numbness",
            "fever",
            "abdominal_or_flank_pain",
        ),
    )
    answers = answers_of(summary)
    assert answers["fever"] is Answer.YES
    assert answers["saddle_numbness"] is Answer.NOT_SURE
    assert answers["tearing_pain"] is Answer.CLEARED
    assert answers["chest_pain"] is Answer.NO
    # G1 was "no": its follow-ups were never asked, and do not read as "no".
    assert answers["abdominal_or_flank_pain"] is Answer.NO
    assert answers["flank_pain_to_groin"] is Answer.NOT_ASKED
    assert answers["night_pain"] is Answer.NOT_ASKED
    assert answered(screening_answers(summary)) == 5


def test_the_coordinator_reads_yes_and_not_sure_first_then_no_then_not_asked() -> None:
    summary = TriageSummary(
        region="neck",
        red_flags=("hand_clumsiness",),
        unsure_flags=("fever",),
        answered_flags=("chest_pain", "fever", "hand_clumsiness"),
    )
    ordered = by_answer(screening_answers(summary))
    assert [item.flag for item in ordered[:3]] == ["hand_clumsiness", "fever", "chest_pain"]
    assert {item.answer for item in ordered[3:]} == {Answer.NOT_ASKED}
    assert ordered[0].words == "yes" and ordered[1].words == "not sure (counted as yes)"
    assert ordered[-1].words == "not asked"


def test_a_sign_told_answers_its_gateway_and_says_so() -> None:
    summary = TriageSummary(
        region="lower_back",
        red_flags=("painful_urination",),
        answered_flags=("painful_urination",),
    )
    [gateway] = [i for i in screening_answers(summary) if i.flag == "urinary_symptoms"]
    assert (gateway.answer, gateway.implied) == (Answer.YES, True)
    assert gateway.words == "yes (from another answer)"
    assert answered(screening_answers(summary)) == 1


def test_a_question_from_the_other_regions_flow_is_listed_after_the_regions_own() -> None:
    summary = TriageSummary(
        region="neck", red_flags=("urinary_symptoms",), answered_flags=("urinary_symptoms",)
    )
    flags = [item.flag for item in screening_answers(summary)]
    assert "urinary_symptoms" in flags
    assert flags.index("urinary_symptoms") > flags.index("iv_drug_use")


def test_questions_are_in_the_words_the_bot_asked_them_and_unknown_keys_are_left_out() -> None:
    summary = TriageSummary(region="back", red_flags=("fever", "retired_flag"))
    answers = screening_answers(summary)
    assert all(item.question == screening_question(item.flag) for item in answers)
    assert "retired_flag" not in {item.flag for item in answers}
    assert screening_answers(TriageSummary(region="knee")) == ()
