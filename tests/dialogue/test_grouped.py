"""Grouped screening at the slot level (bot/dialogue/grouped.py): what is asked next and how each
answer changes the slots, walked the way the form walks it (CLINICAL.md §8)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.dialogue import grouped
from bot.dialogue.interrupt import assess_with
from bot.triage import Level


def start(region: str, **facts: Any) -> dict[str, Any]:
    return {"body_region": region, "duration": 14, "pain_score": 4, "age": 40, **facts}


def ask(slots: dict[str, Any]) -> grouped.Ask:
    """Ask the next question, as action_ask_screening_answer does, and keep its stage."""
    question = grouped.next_ask(slots)
    slots["screening_question"] = question.question
    return question


def level(slots: dict[str, Any]) -> Level:
    return assess_with(slots, []).level


GROUPS = {
    "lower_back": ["B1", "B2", "B3", "B4", "B5", "B6"],
    "neck": ["N1", "N2", "N3", "N4", "N5", "N6", "N7"],
}


@pytest.mark.parametrize("age", ["40", "70"])
@pytest.mark.parametrize("region", ["lower_back", "neck"])
def test_all_none_takes_one_question_per_group(region: str, age: str) -> None:
    # §8.2 note: the §8 groups and the §7 group, at most 6 questions (back) and 7 (neck).
    slots = start(region, age=age)
    asked = []
    while (question := ask(slots)).kind != "done":
        assert question.kind == "group" and question.group is not None
        asked.append(question.group.name)
        slots.update(grouped.record_group_answer(slots, "no"))
    assert asked == GROUPS[region]
    # Over 50, new pain is seen within days (LB-5/NK-6); nothing else is raised.
    assert level(slots) is (Level.SELF_CARE if age == "40" else Level.DOCTOR_SOON)


def test_chronic_back_pain_adds_the_ng65_question() -> None:
    slots = start("lower_back", duration="120")
    kinds = []
    while (question := ask(slots)).kind != "done":
        kinds.append(question.kind)
        if question.kind == "group":
            slots.update(grouped.record_group_answer(slots, "no"))
        else:
            slots.update(
                {
                    "answered_flags": [*slots["answered_flags"], question.items[0].value],
                    "screening_question": grouped.NEXT,
                }
            )
    assert kinds == ["group"] * 6 + ["single"]


def test_yes_then_which_sets_the_level_of_the_item_chosen() -> None:
    slots = start("lower_back")
    assert ask(slots).group is not None
    slots.update(grouped.record_group_answer(slots, "no"))  # B1: none
    b2 = ask(slots)
    assert b2.group is not None and b2.group.name == "B2"
    slots.update(grouped.record_group_answer(slots, "yes"))
    which = ask(slots)
    assert which.kind == "which" and not which.instruction_first  # B2 is an L2 group
    # A7: after a cauda equina item the follow-up also lists walking and a serious accident.
    assert {"unable_to_walk", "major_trauma"} <= {f.value for f in which.items}
    slots.update(
        grouped.record_which(slots, grouped.Picked(chosen=frozenset({"bladder_dysfunction"})))
    )
    assert level(slots) is Level.EMERGENCY_DEPARTMENT
    assert grouped.finished(slots)
    assert (
        "saddle_numbness" in slots["answered_flags"] and "saddle_numbness" not in slots["red_flags"]
    )


def test_a_cauda_equina_item_and_an_injury_with_numbness_is_call_emergency() -> None:
    # §8.3 A7: the combination is asked inside the follow-up, before the L2 instruction.
    slots = start("lower_back")
    ask(slots)
    slots.update(grouped.record_group_answer(slots, "no"))
    ask(slots)
    slots.update(grouped.record_group_answer(slots, "yes"))
    ask(slots)
    picked = grouped.Picked(chosen=frozenset({"saddle_numbness", "unable_to_walk"}))
    slots.update(grouped.record_which(slots, picked))
    assert level(slots) is Level.CALL_EMERGENCY


def test_an_l1_group_answered_yes_gives_the_instruction_first() -> None:
    slots = start("neck")
    ask(slots)
    slots.update(grouped.record_group_answer(slots, "yes"))
    which = ask(slots)
    assert which.kind == "which" and which.instruction_first  # §8.3 A4


def unsure_at_the_first_group_then_picked(item: str) -> dict[str, Any]:
    """A back case that answered "not sure" to B1, then picked `item` at "which of these?"."""
    slots = start("lower_back")
    ask(slots)
    slots.update(grouped.record_group_answer(slots, "unsure"))
    ask(slots)
    slots.update(grouped.record_which(slots, grouped.Picked(chosen=frozenset({item}))))
    return slots


def test_not_sure_about_chest_pain_acts_at_once() -> None:
    slots = unsure_at_the_first_group_then_picked("chest_pain")
    assert slots["screening_question"] == grouped.NEXT  # no clarifying question (A5)
    assert level(slots) is Level.CALL_EMERGENCY and grouped.finished(slots)


def test_not_sure_about_a_tearing_pain_gets_one_clarifying_question() -> None:
    slots = unsure_at_the_first_group_then_picked("tearing_pain")
    assert slots["screening_question"] == "clarify:tearing_pain"
    assert not grouped.finished(slots)  # the question comes before any instruction
    question = ask(slots)
    assert question.kind == "clarify" and question.response == "utter_clarify_tearing_pain"
    slots.update(grouped.record_clarifying(slots, "no"))  # not sudden, not the worst ever
    assert "tearing_pain" in slots["cleared_unsure"]
    assert level(slots) is not Level.CALL_EMERGENCY
    assert ask(slots).group is not None  # screening goes on with the next group


def test_a_denied_item_is_no_for_that_item_only() -> None:
    slots = start("lower_back")
    ask(slots)
    slots.update(grouped.record_group_answer(slots, "no"))
    ask(slots)
    slots.update(grouped.record_denied_items(slots, ["bladder_dysfunction"]))
    again = ask(slots)  # §8.3 A8: the same group again, without the denied item
    assert again.group is not None and again.group.name == "B2"
    assert "bladder_dysfunction" not in {f.value for f in again.items}


def test_an_item_already_reported_is_not_listed() -> None:
    slots = start("lower_back", answered_flags=["chest_pain"])  # denied in free text before
    first = ask(slots)
    assert first.group is not None and first.group.name == "B1"
    assert "chest_pain" not in {f.value for f in first.items}  # §8.3 A9


def to_group(slots: dict[str, Any], name: str) -> grouped.Ask:
    """Answer every group before `name` "none" and ask it."""
    while (question := ask(slots)).group is not None and question.group.name != name:
        slots.update(grouped.record_group_answer(slots, "no"))
    assert question.kind == "group" and question.group is not None, question
    return question


@pytest.mark.parametrize(("region", "name"), [("lower_back", "B6"), ("neck", "N7")])
def test_every_group_is_walked_to_the_section_7_group(region: str, name: str) -> None:
    slots = start(region, age=30)
    question = to_group(slots, name)
    assert question.response == f"utter_screen_group_{name.lower()}"
    assert "possible_pregnancy" in {f.value for f in question.items}
    slots.update(grouped.record_group_answer(slots, "no"))
    assert ask(slots).kind == "done" and level(slots) is Level.SELF_CARE


def test_the_pregnancy_item_is_left_out_for_a_person_it_cannot_apply_to() -> None:
    slots = start("lower_back", age=72)
    question = to_group(slots, "B6")
    assert "possible_pregnancy" not in {f.value for f in question.items}


def test_a_urinary_yes_brings_a_follow_up_group_and_a_fever_with_it_sets_doctor_today() -> None:
    slots = start("lower_back", age=30)
    to_group(slots, "B4")
    slots.update(grouped.record_group_answer(slots, "no"))  # B4: no fever, so B5 and B6 come
    to_group(slots, "B6")
    slots.update(grouped.record_group_answer(slots, "yes"))
    which = ask(slots)
    assert which.kind == "which" and which.response == "utter_screen_which"
    slots.update(
        grouped.record_which(slots, grouped.Picked(chosen=frozenset({"urinary_symptoms"})))
    )
    assert not grouped.finished(slots)  # doctor_soon so far: the follow-ups come
    follow_up = ask(slots)
    assert follow_up.kind == "which" and follow_up.response == "utter_screen_follow_up"
    assert str(follow_up.question).startswith("which:F:yes:no_urine_today,")
    assert not follow_up.instruction_first
    assert len(follow_up.items) <= 5
    slots.update(grouped.record_which(slots, grouped.Picked(none_after_all=True)))
    follow_up = ask(slots)  # the rest of the urinary follow-ups
    assert follow_up.kind == "which"
    slots.update(grouped.record_which(slots, grouped.Picked(none_after_all=True)))
    assert ask(slots).kind == "done" and grouped.finished(slots)
    assert level(slots) is Level.DOCTOR_SOON


def test_a_burning_told_in_the_first_message_skips_the_urinary_item() -> None:
    slots = start("lower_back", age=30, red_flags=["painful_urination"])
    question = to_group(slots, "B6")
    assert "urinary_symptoms" not in {f.value for f in question.items}
    slots.update(grouped.record_group_answer(slots, "no"))
    follow_up = ask(slots)  # its other follow-ups come straight away (§8.2 note)
    assert follow_up.kind == "which" and "painful_urination" not in {
        f.value for f in follow_up.items
    }
    assert "no_urine_today" in {f.value for f in follow_up.items}


def test_side_to_groin_pain_with_vomiting_in_one_follow_up_is_the_emergency_department() -> None:
    slots = start("lower_back", age=30)
    to_group(slots, "B6")
    slots.update(grouped.record_group_answer(slots, "yes"))
    ask(slots)
    picked = grouped.Picked(chosen=frozenset({"abdominal_or_flank_pain"}))
    slots.update(grouped.record_which(slots, picked))
    ask(slots)  # the first follow-up group
    picked = grouped.Picked(
        chosen=frozenset({"flank_pain_to_groin", "vomiting_cannot_keep_fluids"})
    )
    slots.update(grouped.record_which(slots, picked))
    assert level(slots) is Level.EMERGENCY_DEPARTMENT
    assert grouped.finished(slots)  # nothing left could raise it: the instruction comes now


def test_a_back_fever_brings_the_meningitis_items_into_its_follow_up() -> None:
    slots = start("lower_back")
    to_group(slots, "B4")
    slots.update(grouped.record_group_answer(slots, "yes"))
    which = ask(slots)
    assert {"confusion_or_rash", "seizure", "meningism", "very_unwell"} <= {
        f.value for f in which.items
    }
    picked = grouped.Picked(chosen=frozenset({"fever", "meningism"}))
    slots.update(grouped.record_which(slots, picked))
    assert level(slots) is Level.EMERGENCY_DEPARTMENT and grouped.finished(slots)


def test_not_sure_which_at_the_ces_group_asks_its_combination_items_next() -> None:
    # Not sure which of the bladder, bowel and nerve changes: those count as present (L2), and
    # "can't walk" and "a serious accident" (A7) are asked as their own question, never assumed.
    slots = start("lower_back", age=61)
    ask(slots)
    slots.update(grouped.record_group_answer(slots, "no"))
    ask(slots)
    slots.update(grouped.record_group_answer(slots, "unsure"))
    ask(slots)
    slots.update(grouped.record_which(slots, grouped.Picked(not_sure_which=True)))
    assert level(slots) is Level.EMERGENCY_DEPARTMENT
    assert not grouped.finished(slots)
    follow_up = ask(slots)
    assert follow_up.kind == "which" and follow_up.group is not None
    assert {"unable_to_walk", "major_trauma"} <= {f.value for f in follow_up.items}
    slots.update(grouped.record_which(slots, grouped.Picked(none_after_all=True)))
    assert level(slots) is Level.EMERGENCY_DEPARTMENT and grouped.finished(slots)
