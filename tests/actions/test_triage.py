"""The red-flag interrupt action, driven with trackers built in code."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions.triage import (
    ActionEmergency,
    ActionEmergencyReminder,
    ActionRedFlagInterrupt,
    ActionTriageOutcome,
)
from bot.clinic import load_clinic
from bot.db.seed import ensure_seeded
from bot.db.session import make_engine
from bot.records.queue import queue, record_detail
from bot.settings import ROOT
from bot.triage import Flag

DOMAIN: dict[str, Any] = Domain.load(str(ROOT / "domain.yml")).as_dict()
CLINIC = dataclasses.replace(load_clinic(), emergency_number="999", phone="+44 20 0000 0000")


def tracker(
    text: str, flags: list[str], slots: dict[str, Any] | None = None, loop: str | None = None
) -> Tracker:
    entities = [{"entity": "red_flag", "value": flag} for flag in flags]
    message = {"text": text, "intent": {"name": "report_symptom"}, "entities": entities}
    return Tracker("t", slots or {}, message, [], False, None, {"name": loop}, "action_listen")


Run = Callable[[Tracker], tuple[list[dict[str, Any]], list[dict[str, Any]]]]


@pytest.fixture
def run(database: Engine) -> Run:
    """Run the interrupt action on a tracker; return what it said and the events."""

    def interrupt(tracker_: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        dispatcher = CollectingDispatcher()
        action = ActionRedFlagInterrupt(lambda: CLINIC, lambda: database)
        events = asyncio.run(action.run(dispatcher, tracker_, {}))
        return dispatcher.messages, events

    return interrupt


def test_cauda_equina_gives_the_emergency_department_instruction_with_the_payload(run: Run) -> None:
    messages, events = run(tracker("I can't control my bladder", ["bladder_dysfunction"]))
    outcome, reasons = messages
    assert outcome["response"] == "utter_level_emergency_department"
    assert (outcome["emergency_number"], outcome["clinic_phone"]) == ("999", "+44 20 0000 0000")
    payload = outcome["custom"]["triage"]
    assert payload["level"] == "emergency_department" and payload["disclaimer"] is True
    assert "cauda equina" in reasons["reasons"]
    assert {
        "event": "slot",
        "name": "triage_level",
        "value": "emergency_department",
        "timestamp": None,
    } in events


def test_earlier_flags_count_with_the_new_one(run: Run) -> None:
    slots = {"red_flags": ["major_trauma"], "body_region": "neck"}
    messages, events = run(tracker("my arms are tingling", ["limb_numbness"], slots))
    assert messages[0]["custom"]["triage"]["level"] == "call_emergency"
    red_flags = next(e["value"] for e in events if e.get("name") == "red_flags")
    assert red_flags == ["major_trauma", "limb_numbness"]


def test_an_active_form_is_stopped(run: Run) -> None:
    _, events = run(tracker("and I wet myself", ["bladder_dysfunction"], loop="intake_form"))
    assert {"event": "active_loop", "name": None, "timestamp": None} in events


def test_an_urgent_message_typed_at_a_free_text_question_is_not_kept_as_its_answer(
    run: Run,
) -> None:
    text = "I'm 40 but I wet myself this morning"
    slots = {"age": text, "contact_name": "Sam Lee", "requested_slot": "age"}
    _, events = run(tracker(text, ["bladder_dysfunction"], slots, loop="intake_form"))
    cleared = {e["name"] for e in events if e.get("event") == "slot" and e["value"] is None}
    assert "age" in cleared and "contact_name" not in cleared


def test_the_interrupted_conversation_is_kept_for_the_staff_queue(
    run: Run, database: Engine
) -> None:
    slots = {"body_region": "lower_back", "duration": "14"}
    run(tracker("I can't control my bladder", ["bladder_dysfunction"], slots))
    with Session(database, future=True) as session:
        (item,) = queue(session)
        detail = record_detail(session, item.reference)
    assert (item.kind, item.level) == ("triage", "emergency_department")
    assert detail is not None and detail.conversation_id == "t"
    assert detail.summary.red_flags == ("bladder_dysfunction",)
    assert any("cauda equina" in reason for reason in detail.summary.reasons)


def test_a_stated_emergency_is_kept_as_the_most_urgent_triage(database: Engine) -> None:
    dispatcher = CollectingDispatcher()
    action = ActionEmergency(lambda: CLINIC, lambda: database)
    asyncio.run(action.run(dispatcher, tracker("this is an emergency", []), {}))
    with Session(database, future=True) as session:
        (item,) = queue(session)
    assert (item.kind, item.level) == ("triage", "call_emergency")


def test_a_database_failure_never_stops_the_urgent_instruction(tmp_path: Path) -> None:
    broken = make_engine(f"sqlite:///{tmp_path / 'no-tables.sqlite3'}")  # no schema
    dispatcher = CollectingDispatcher()
    action = ActionRedFlagInterrupt(lambda: CLINIC, lambda: broken)
    asyncio.run(action.run(dispatcher, tracker("I wet myself", ["bladder_dysfunction"]), {}))
    assert dispatcher.messages[0]["response"] == "utter_level_emergency_department"


def test_the_same_outcome_is_not_given_twice(tmp_path: Path) -> None:
    """A message after the outcome that changes nothing gets one line and the next steps, not
    the whole outcome again."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    ensure_seeded(engine)
    outcome = ActionTriageOutcome(lambda: CLINIC, lambda: engine)
    slots = {
        "body_region": "lower_back",
        "duration": "21",
        "pain_score": "4",
        "age": "40",
        "radiation": "none",
        "answered_flags": [f.value for f in Flag],
    }

    def give(slots_: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
        dispatcher = CollectingDispatcher()
        events = asyncio.run(outcome.run(dispatcher, tracker("3 weeks", [], slots_), {}))
        said = [str(m.get("response")) for m in dispatcher.messages]
        return said, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}

    first, set_ = give(slots)
    assert first[0] == "utter_level_self_care" and len(first) >= 5
    again, _ = give({**slots, **set_})
    assert again == ["utter_outcome_unchanged", "utter_next_steps"]
    changed, _ = give({**slots, **set_, "red_flags": ["weight_loss"]})
    assert changed[0] == "utter_level_doctor_soon"  # a new fact that changes it: the new outcome


def test_an_outcome_is_three_messages_that_keep_every_part(tmp_path: Path) -> None:
    """On a phone the outcome was eight bubbles; it is three (the payload rides on the first)
    and still says the level, the reasons, the plan, the disclaimer and the safety net, and
    asks the next question with its buttons."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    ensure_seeded(engine)
    outcome = ActionTriageOutcome(lambda: CLINIC, lambda: engine)
    slots = {
        "body_region": "lower_back",
        "duration": "21",
        "pain_score": "4",
        "age": "40",
        "radiation": "none",
        "answered_flags": [f.value for f in Flag],
        "red_flags": ["weight_loss"],
    }
    dispatcher = CollectingDispatcher()
    asyncio.run(outcome.run(dispatcher, tracker("no", [], slots), DOMAIN))
    level, plan, question = dispatcher.messages
    assert level["custom"]["triage"]["level"] == "doctor_soon"
    assert level["response"] == "utter_level_doctor_soon" and "Why: " in level["text"]
    assert "What the guidelines suggest trying" in plan["text"]
    assert "does not diagnose" in plan["text"] and "999" in plan["text"]
    assert question["text"].startswith("Get help at once, by calling 999")
    assert question["response"] == "utter_offer_consultation"
    assert "contact you about a consultation?" in question["text"]
    assert "{" not in level["text"] + plan["text"] + question["text"]  # every value filled


def test_a_gallbladder_pain_outcome_offers_no_spine_consultation_and_no_back_care(
    tmp_path: Path,
) -> None:
    # A newcomer's trial: pain under the right ribs to the shoulder blade after a fry-up got a
    # spine clinic's consultation offer. §7's outcome says where to go instead.
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    ensure_seeded(engine)
    outcome = ActionTriageOutcome(lambda: CLINIC, lambda: engine)
    slots = {
        "body_region": "upper_back",
        "duration": "2",
        "pain_score": "5",
        "age": "45",
        "radiation": "none",
        "answered_flags": [f.value for f in Flag],
        "red_flags": [
            "abdominal_or_flank_pain",
            "right_upper_pain_to_shoulder_blade",
            "pain_after_eating",
        ],
    }
    dispatcher = CollectingDispatcher()
    asyncio.run(outcome.run(dispatcher, tracker("no", [], slots), DOMAIN))
    said = " ".join(str(m.get("text")) for m in dispatcher.messages)
    assert dispatcher.messages[0]["custom"]["triage"]["level"] == "doctor_soon"
    assert "somewhere other than the spine" in said and "skin or eyes turn yellow" in said
    assert "Heat" not in said and "consultation" not in said


def test_after_a_maternity_instruction_the_reminder_keeps_the_maternity_unit(
    database: Engine,
) -> None:
    # A newcomer's trial: "can I take ibuprofen?" after "pregnant, back pain and bleeding" got
    # the generic emergency-department words instead of the maternity unit.
    flags = ["known_pregnancy", "possible_pregnancy", "vaginal_bleeding"]
    slots = {
        "body_region": "lower_back",
        "age": "30",
        "triage_level": "emergency_department",
        "red_flags": flags,
    }
    dispatcher = CollectingDispatcher()
    reminder = ActionEmergencyReminder(lambda: CLINIC, lambda: database)
    asyncio.run(reminder.run(dispatcher, tracker("can I take ibuprofen?", [], slots), DOMAIN))
    assert dispatcher.messages[0]["response"] == "utter_level_emergency_department_maternity"
