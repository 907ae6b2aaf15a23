"""Screening questions and outcome messages are named for every red flag and every level, so no
question or outcome can fail at run time for want of a response name."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import (
    ITEM_LABELS,
    LABEL_WITHOUT_FEVER,
    QUESTIONS,
    ActionAskScreeningAnswer,
    ValidateScreeningForm,
    ends_screening,
    label_response,
    next_question,
)
from actions.triage import OUTCOMES
from bot.clinic import Clinic, load_clinic
from bot.settings import ROOT
from bot.triage import Flag, Level
from bot.triage.groups import BACK_GROUPS, NECK_GROUPS


def test_every_red_flag_has_a_question_and_every_level_an_outcome() -> None:
    assert set(QUESTIONS) == set(Flag)
    assert set(OUTCOMES) == set(Level)
    assert len(set(QUESTIONS.values())) == len(Flag)  # no two flags share a question


def test_the_first_question_for_a_back_case_is_about_chest_pain() -> None:
    slots = {"body_region": "lower_back", "duration": "10", "age": "40"}
    tracker = Tracker("t", slots, {}, [], False, None, {"name": "screening_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAskScreeningAnswer().run(dispatcher, tracker, {}))
    # The first question of the conversation comes with the line that says why it is asked.
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_screening_intro",
        "utter_screen_chest_pain",
    ]
    assert {e["name"]: e["value"] for e in events}["screening_question"] == "chest_pain"
    # The mode comes from clinic.yml (one question per item there) and is kept in a slot.
    assert {e["name"]: e["value"] for e in events}["screening_mode"] == "single"


def test_a_later_question_comes_without_the_introduction() -> None:
    slots = {"body_region": "lower_back", "duration": "10", "age": "40"}
    asked = {**slots, "screening_question": "chest_pain", "answered_flags": ["chest_pain"]}
    tracker = Tracker("t", asked, {}, [], False, None, {"name": "screening_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskScreeningAnswer().run(dispatcher, tracker, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_screen_tearing_pain"]


DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def ask(
    slots: dict[str, Any], clinic: Clinic | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tracker = Tracker("t", slots, {}, [], False, None, {"name": "screening_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    action = ActionAskScreeningAnswer(lambda: clinic or load_clinic())
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return events, dispatcher.messages


def test_every_item_of_every_group_has_a_label() -> None:
    items = {f for g in (*BACK_GROUPS, *NECK_GROUPS) for f in g.items}
    items |= {f for g in (*BACK_GROUPS, *NECK_GROUPS) for c in g.conditional for f in c.items}
    assert items <= set(ITEM_LABELS)
    # A follow-up group may list any question the engine still wants: every key has a label.
    assert set(ITEM_LABELS) == set(Flag)
    for response in [*ITEM_LABELS.values(), *LABEL_WITHOUT_FEVER.values()]:
        assert DOMAIN["responses"][response][0]["text"], response
    # §8.2 Limits: the §7 labels (the keys after the §1 ones) are 12 words or fewer.
    section_7 = list(Flag)[list(Flag).index(Flag.INFLAMMATORY_PATTERN) + 1 :]
    for flag in section_7:
        text = DOMAIN["responses"][ITEM_LABELS[flag]][0]["text"]
        assert len(text.split()) <= 12, text


def test_a_grouped_clinic_asks_the_first_group_with_its_items_listed() -> None:
    clinic = dataclasses.replace(load_clinic(), screening_mode="grouped")
    slots = {"body_region": "lower_back", "duration": "10", "age": "40"}
    events, messages = ask(slots, clinic)
    assert [m["response"] for m in messages] == ["utter_screening_intro", "utter_screen_group_b1"]
    listed = messages[1]["screen_list"]
    assert listed.startswith("1. Pain, pressure or tightness in your chest") and "4. " in listed
    assert {e["name"]: e["value"] for e in events}["screening_question"] == "group:B1"


def test_the_follow_up_has_a_button_per_item_and_the_two_ways_out() -> None:
    slots = {
        "body_region": "lower_back",
        "screening_mode": "grouped",
        "screening_question": "which:B2:yes:saddle_numbness,bladder_dysfunction,unable_to_walk",
    }
    _, messages = ask(slots)
    (which,) = messages
    assert which["response"] == "utter_screen_which"
    payloads = [b["payload"] for b in which["buttons"]]
    assert payloads[0] == '/inform{"screen_items": "saddle_numbness"}'
    assert payloads[-2:] == [
        '/inform{"screen_items": "not_sure_which"}',
        '/inform{"screen_items": "none_after_all"}',
    ]
    assert which["custom"] == {"choose": {"multiple": True}}


def test_an_l1_follow_up_opens_with_the_instruction() -> None:
    slots = {
        "body_region": "neck",
        "screening_mode": "grouped",
        "screening_question": "which:N1:yes:chest_pain,stroke_symptoms",
    }
    _, messages = ask(slots, dataclasses.replace(load_clinic(), emergency_number="999"))
    assert [m["response"] for m in messages] == [
        "utter_screen_which_l1_first",
        "utter_screen_which",
    ]
    assert messages[0]["emergency_number"] == "999"


def test_a_follow_up_group_has_its_own_wording_and_a_none_of_these_button() -> None:
    slots = {
        "body_region": "lower_back",
        "age": "30",
        "screening_mode": "grouped",
        "red_flags": ["urinary_symptoms"],
        "screening_question": "which:F:yes:no_urine_today,vomiting_cannot_keep_fluids",
    }
    _, messages = ask(slots)
    (which,) = messages
    assert which["response"] == "utter_screen_follow_up"
    assert which["screen_list"].startswith("1. You haven't passed any pee all day")
    titles = [b["title"] for b in which["buttons"]]
    assert titles[-2:] == ["Not sure which", "None of these"]
    assert which["buttons"][-1]["payload"] == '/inform{"screen_items": "none_after_all"}'


def test_the_section_7_group_lists_its_items_for_the_person() -> None:
    clinic = dataclasses.replace(load_clinic(), screening_mode="grouped")
    answered = [f.value for g in BACK_GROUPS[:5] for f in g.items]
    slots = {
        "body_region": "lower_back",
        "duration": "10",
        "age": "30",
        "answered_flags": answered,
        "screening_question": "next",
    }
    events, messages = ask(slots, clinic)
    assert [m["response"] for m in messages] == ["utter_screen_group_b6"]
    listed = messages[0]["screen_list"].splitlines()
    assert len(listed) == 4 and "pregnant" in listed[2]
    assert {e["name"]: e["value"] for e in events}["screening_question"] == "group:B6"
    _, messages = ask({**slots, "age": "70"}, clinic)
    assert len(messages[0]["screen_list"].splitlines()) == 3  # no pregnancy item at 70


def test_feeling_very_unwell_is_labelled_for_a_rash_without_a_fever() -> None:
    base = {
        "body_region": "neck",
        "screening_mode": "grouped",
        "screening_question": "which:F:yes:very_unwell",
    }
    _, [rash] = ask({**base, "red_flags": ["shingles_rash"]})
    assert rash["screen_list"] == "1. Feeling very unwell in yourself"
    _, [fever] = ask({**base, "red_flags": ["fever"]})
    assert fever["screen_list"] == "1. With the fever: feeling very unwell"


def test_one_by_one_after_side_to_groin_pain_asks_what_could_raise_it() -> None:
    from bot.triage import base_screen
    from bot.triage.flags import Region

    answered = [f.value for f in base_screen(Region.LOWER_BACK)]
    flank = ["abdominal_or_flank_pain", "flank_pain_to_groin"]
    slots = {
        "body_region": "lower_back",
        "age": "40",
        "red_flags": flank,
        "answered_flags": [
            *answered,
            *flank,
            "sudden_severe_abdominal_pain",
            "upper_abdominal_pain_to_back",
        ],
        "screening_question": "upper_abdominal_pain_to_back",
    }
    _, messages = ask(slots)
    assert [m["response"] for m in messages] == ["utter_screen_pain_not_eased_by_painkillers"]


def test_item_labels_read_the_slots_as_rasa_sends_them_unset_lists_as_none() -> None:
    # The first group of a conversation: Rasa sends red_flags and unsure_flags as None.
    slots = {"red_flags": None, "unsure_flags": None, "body_region": "lower_back"}
    for flag in ITEM_LABELS:
        assert label_response(flag, slots).startswith("utter_screen_item_")


def validate(slots: dict[str, Any], text: str, intent: str) -> dict[str, Any]:
    """The slot values validate_screening_form sets for one message at the asked question."""
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    asking = {**slots, "requested_slot": "screening_answer"}
    loop = {"name": "screening_form"}
    tracker = Tracker("t", asking, message, [], False, None, loop, "action_listen")
    events = asyncio.run(ValidateScreeningForm().run(CollectingDispatcher(), tracker, DOMAIN))
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def all_but_the_last_answered() -> tuple[dict[str, Any], Flag]:
    """A back case at its last screening question, every other one answered no."""
    slots: dict[str, Any] = {"body_region": "lower_back", "duration": 10, "age": 40}
    answered: list[str] = []
    while (flag := next_question({**slots, "answered_flags": answered})) is not None:
        last = flag
        answered.append(flag.value)
    answered.remove(last.value)
    return {**slots, "answered_flags": answered, "screening_question": last.value}, last


def test_the_last_answer_ends_the_screening_form_and_leaves_no_marker_in_the_answer() -> None:
    slots, last = all_but_the_last_answered()
    set_ = validate(slots, "no", "deny")
    # Rasa ends a form whose validation sets requested_slot to None; the answer slot is emptied.
    assert set_["requested_slot"] is None and set_["screening_answer"] is None
    assert last.value in set_["answered_flags"]
    assert "done" not in set_.values()


def test_an_answer_with_questions_left_keeps_the_form_asking() -> None:
    slots, _ = all_but_the_last_answered()
    first = {**slots, "answered_flags": [], "screening_question": "chest_pain"}
    set_ = validate(first, "no", "deny")
    assert set_["screening_answer"] is None and "requested_slot" not in set_
    assert set_["answered_flags"] == ["chest_pain"]
    assert not ends_screening(set_) and ends_screening(validate(slots, "no", "deny"))


def test_a_screening_started_again_with_nothing_left_ends_without_a_question() -> None:
    slots, last = all_but_the_last_answered()
    done = {**slots, "answered_flags": [*slots["answered_flags"], last.value]}
    for mode in ("single", "grouped"):
        events, messages = ask({**done, "screening_mode": mode})
        ended = [e for e in events if e["event"] == "slot" and e["name"] == "requested_slot"]
        assert messages == [] and [e["value"] for e in ended] == [None]
