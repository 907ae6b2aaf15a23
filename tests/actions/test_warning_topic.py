"""A warning sign named but not described is asked about at once and its answer recorded
(actions/warning_topic.py), driven with trackers built in code."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.warning_topic import ActionAskWarningTopic, ActionRecordWarningTopic
from bot.clinic import load_clinic
from bot.settings import ROOT

DOMAIN: dict[str, Any] = Domain.load(str(ROOT / "domain.yml")).as_dict()
CLINIC = dataclasses.replace(load_clinic(), emergency_number="999")
TOPIC = [{"entity": "flag_topic", "value": "bladder_dysfunction"}]


def tracker(text: str, intent: str, slots: dict[str, Any], loop: str | None = None) -> Tracker:
    message = {
        "text": text,
        "intent": {"name": intent},
        "entities": TOPIC if intent == "report_pain" else [],
    }
    return Tracker("t", slots, message, [], False, None, {"name": loop}, "action_listen")


def run(action: Any, tracker_: Tracker) -> tuple[list[dict[str, Any]], dict[str, Any], list]:  # type: ignore[type-arg]
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, DOMAIN))
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return dispatcher.messages, slots, events


def test_the_topic_gets_its_flag_question() -> None:
    ask = ActionAskWarningTopic()
    said, slots, _ = run(ask, tracker("my wee is weird", "report_pain", {}))
    asked = ["utter_topic_intro", "utter_screen_bladder_dysfunction"]
    assert [m["response"] for m in said] == asked
    assert slots == {"topic_question": "bladder_dysfunction"}


def test_signs_told_in_the_same_message_as_the_topic_are_kept() -> None:
    # "my back hurts, stomach ache, it burns when I pee": the topic question must not lose the
    # burning (the next step validates no form with this message).
    told = [{"entity": "red_flag", "value": "painful_urination"}, *TOPIC]
    message = {"text": "it burns when I pee", "intent": {"name": "report_pain"}, "entities": told}
    asked = Tracker("t", {}, message, [], False, None, {"name": None}, "action_listen")
    _, slots, _ = run(ActionAskWarningTopic(), asked)
    assert slots["topic_question"] == "bladder_dysfunction"
    assert slots["red_flags"] == ["painful_urination"]
    assert slots["answered_flags"] == ["painful_urination"]


def test_a_yes_gives_the_urgent_instruction_at_once_and_stops_the_form(database: Engine) -> None:
    record = ActionRecordWarningTopic(lambda: CLINIC, lambda: database)
    slots_in = {"topic_question": "bladder_dysfunction", "body_region": "lower_back"}
    said, slots, events = run(record, tracker("yes", "affirm", slots_in, loop="intake_form"))
    assert said[0]["custom"]["triage"]["level"] == "emergency_department"
    assert slots["triage_level"] == "emergency_department" and slots["topic_question"] is None
    assert slots["red_flags"] == ["bladder_dysfunction"]
    assert [e["name"] for e in events if e["event"] == "active_loop"] == [None]


def test_a_no_is_recorded_and_the_intake_starts_when_no_form_was_running(database: Engine) -> None:
    record = ActionRecordWarningTopic(lambda: CLINIC, lambda: database)
    said, slots, events = run(
        record, tracker("no", "deny", {"topic_question": "bladder_dysfunction"})
    )
    assert [m["response"] for m in said] == ["utter_topic_thanks"]
    assert slots["answered_flags"] == ["bladder_dysfunction"] and slots["red_flags"] == []
    assert [e["name"] for e in events if e["event"] == "followup"] == ["intake_form"]


def test_a_message_that_is_no_answer_records_nothing(database: Engine) -> None:
    record = ActionRecordWarningTopic(lambda: CLINIC, lambda: database)
    slots_in = {"topic_question": "bladder_dysfunction"}
    said, slots, _ = run(record, tracker("asdfghjkl", "deny", slots_in, loop="intake_form"))
    assert said == [] and slots == {"topic_question": None}  # the screening asks it later
