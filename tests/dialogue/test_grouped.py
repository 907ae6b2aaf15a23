"""Grouped screening at the slot level (bot/dialogue/grouped.py): what is asked next and how each
answer changes the slots, walked the way the form walks it (CLINICAL.md §8)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.dialogue import grouped
from bot.dialogue.interrupt import assess_with
from bot.triage import Level


def start(region: str, **facts: Any) -> dict[str, Any]:
    return {"body_region": region, "duration": "14", "pain_score": "4", "age": "40", **facts}


def ask(slots: dict[str, Any]) -> grouped.Ask:
    """Ask the next question, as action_ask_screening_answer does, and keep its stage."""
    question = grouped.next_ask(slots)
    slots["screening_question"] = question.question
    return question


def level(slots: dict[str, Any]) -> Level:
    return assess_with(slots, []).level


@pytest.mark.parametrize(("region", "questions"), [("lower_back", 5), ("neck", 6)])
def test_all_none_takes_one_question_per_group(region: str, questions: int) -> None:
    slots = start(region)
    asked = 0
    while (question := ask(slots)).kind != "done":
        assert question.kind == "group"
        slots.update(grouped.record_group_answer(slots, "no"))
        asked += 1
    assert asked == questions
    assert level(slots) is Level.SELF_CARE


def test_chronic_back_pain_adds_the_ng65_question() -> None:
    slots = start("lower_back", duration="120")
    kinds = []
    while (question := ask(slots)).kind != "done":
        kinds.append(question.kind)
        if question.kind == "group":
            slots.update(grouped.record_group_answer(slots, "no"))
        else:
            slots.update({"answered_flags": [*slots["answered_flags"], question.items[0].value],
                          "screening_question": grouped.NEXT})  # fmt: skip
    assert kinds == ["group"] * 5 + ["single"]


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


def test_not_sure_about_chest_pain_acts_at_once() -> None:
    slots = start("lower_back")
    ask(slots)
    slots.update(grouped.record_group_answer(slots, "unsure"))
    ask(slots)
    slots.update(grouped.record_which(slots, grouped.Picked(chosen=frozenset({"chest_pain"}))))
    assert slots["screening_question"] == grouped.NEXT  # no clarifying question (A5)
    assert level(slots) is Level.CALL_EMERGENCY and grouped.finished(slots)


def test_not_sure_about_a_tearing_pain_gets_one_clarifying_question() -> None:
    slots = start("lower_back")
    ask(slots)
    slots.update(grouped.record_group_answer(slots, "unsure"))
    ask(slots)
    slots.update(grouped.record_which(slots, grouped.Picked(chosen=frozenset({"tearing_pain"}))))
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
