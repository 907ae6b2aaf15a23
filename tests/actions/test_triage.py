"""The red-flag interrupt action, driven with trackers built in code."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.triage import ActionRedFlagInterrupt
from bot.clinic import load_clinic

CLINIC = dataclasses.replace(load_clinic(), emergency_number="999", phone="+44 20 0000 0000")


def tracker(
    text: str, flags: list[str], slots: dict[str, Any] | None = None, loop: str | None = None
) -> Tracker:
    entities = [{"entity": "red_flag", "value": flag} for flag in flags]
    message = {"text": text, "intent": {"name": "report_symptom"}, "entities": entities}
    return Tracker("t", slots or {}, message, [], False, None, {"name": loop}, "action_listen")


def run(tracker_: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionRedFlagInterrupt(lambda: CLINIC).run(dispatcher, tracker_, {}))
    return dispatcher.messages, events


def test_cauda_equina_gives_the_emergency_department_instruction_with_the_payload() -> None:
    messages, events = run(tracker("I can't control my bladder", ["bladder_dysfunction"]))
    outcome, reasons = messages
    assert outcome["response"] == "utter_level_emergency_department"
    assert (outcome["emergency_number"], outcome["clinic_phone"]) == ("999", "+44 20 0000 0000")
    payload = outcome["custom"]["triage"]
    assert payload["level"] == "emergency_department" and payload["disclaimer"] is True
    assert "cauda equina" in reasons["reasons"]
    assert {"event": "slot", "name": "triage_level", "value": "emergency_department",
            "timestamp": None} in events  # fmt: skip


def test_earlier_flags_count_with_the_new_one() -> None:
    slots = {"red_flags": ["major_trauma"], "body_region": "neck"}
    messages, events = run(tracker("my arms are tingling", ["limb_numbness"], slots))
    assert messages[0]["custom"]["triage"]["level"] == "call_emergency"
    red_flags = next(e["value"] for e in events if e.get("name") == "red_flags")
    assert red_flags == ["major_trauma", "limb_numbness"]


def test_an_active_form_is_stopped() -> None:
    _, events = run(tracker("and I wet myself", ["bladder_dysfunction"], loop="intake_form"))
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
