"""Clinic actions, driven with a tracker built in code and a collecting dispatcher."""

from __future__ import annotations

import asyncio
import dataclasses

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic_details import ActionClinicContact, ActionGreet
from bot.clinic import load_clinic


def tracker() -> Tracker:
    return Tracker("test", {}, {"intent": {"name": "greet"}}, [], False, None, {}, "action_listen")


def test_greeting_names_the_configured_emergency_number() -> None:
    clinic = dataclasses.replace(load_clinic(), emergency_number="999")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionGreet(clinic=lambda: clinic).run(dispatcher, tracker(), {}))
    [message] = dispatcher.messages
    assert message["response"] == "utter_greet"
    assert message["emergency_number"] == "999"


def test_clinic_contact_gives_phone_and_hours_then_offers_a_callback() -> None:
    clinic = dataclasses.replace(load_clinic(), phone="+44 20 0000", hours="9 to 5")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionClinicContact(clinic=lambda: clinic).run(dispatcher, tracker(), {}))
    contact, offer = dispatcher.messages
    assert contact["response"] == "utter_clinic_contact"
    assert (contact["clinic_phone"], contact["clinic_hours"]) == ("+44 20 0000", "9 to 5")
    assert offer["response"] == "utter_offer_callback"
    assert events == [
        {"event": "slot", "name": "callback_offered", "value": True, "timestamp": None}
    ]


def test_inside_a_form_the_contact_details_come_without_an_offer() -> None:
    dispatcher = CollectingDispatcher()
    in_form = Tracker("t", {}, {}, [], False, None, {"name": "intake_form"}, "action_listen")
    events = asyncio.run(ActionClinicContact().run(dispatcher, in_form, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_clinic_contact"]
    assert events == []


def test_fallback_offers_a_person_only_after_two_misses_in_a_row() -> None:
    from actions.side_paths import ActionHandleFallback, consecutive_misses

    listen = {"event": "action", "name": "action_listen"}
    fallback = {"event": "action", "name": "action_handle_fallback"}
    user = {"event": "user", "text": "?"}
    assert consecutive_misses([listen, user]) == 1
    assert consecutive_misses([fallback, listen, user]) == 2
    assert (
        consecutive_misses([fallback, {"event": "action", "name": "action_greet"}, listen, user])
        == 1
    )
    clinic = load_clinic()
    dispatcher = CollectingDispatcher()
    second = Tracker("t", {}, {}, [fallback, listen, user], False, None, {}, "action_listen")
    asyncio.run(ActionHandleFallback(lambda: clinic).run(dispatcher, second, {}))
    assert dispatcher.messages[0]["response"] == "utter_fallback_human"
