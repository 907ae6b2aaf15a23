"""Screening questions and outcome messages are named for every red flag and every level, so no
question or outcome can fail at run time for want of a response name."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import ITEM_LABELS, QUESTIONS, ActionAskScreeningAnswer
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
        "utter_ask_chest_pain",
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
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_tearing_pain"]


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
    for response in ITEM_LABELS.values():
        assert DOMAIN["responses"][response][0]["text"]


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
