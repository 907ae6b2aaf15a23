"""Screening questions and outcome messages are named for every red flag and every level, so no
question or outcome can fail at run time for want of a response name."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import QUESTIONS, ActionAskScreeningAnswer
from actions.triage import OUTCOMES
from bot.triage import Flag, Level


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
    assert events[0]["value"] == "chest_pain"


def test_a_later_question_comes_without_the_introduction() -> None:
    slots = {"body_region": "lower_back", "duration": "10", "age": "40"}
    asked = {**slots, "screening_question": "chest_pain", "answered_flags": ["chest_pain"]}
    tracker = Tracker("t", asked, {}, [], False, None, {"name": "screening_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskScreeningAnswer().run(dispatcher, tracker, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_tearing_pain"]
