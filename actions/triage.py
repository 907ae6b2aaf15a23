"""Actions that give a triage outcome. Decisions come from bot.triage; this is glue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic import ClinicAction
from bot.clinic import Clinic, load_clinic
from bot.dialogue.interrupt import INTERRUPT_ACTION, assess_with, message_flags
from bot.dialogue.outcome import triage_payload


class ActionRedFlagInterrupt(ClinicAction):
    """Give the urgent instruction at once, with the reasons and the triage payload, and stop
    any form: no routine advice follows a red flag (predicted by RedFlagPolicy)."""

    def __init__(self, clinic: Callable[[], Clinic] = load_clinic) -> None:
        super().__init__(clinic)

    def name(self) -> str:
        return INTERRUPT_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        new_flags = message_flags(tracker.latest_message.get("entities", []))
        assessment = assess_with(tracker.current_slot_values(), new_flags)
        clinic = self.clinic()
        dispatcher.utter_message(
            response=f"utter_level_{assessment.level.value}",
            emergency_number=clinic.emergency_number,
            clinic_name=clinic.name,
            clinic_phone=clinic.phone,
            clinic_hours=clinic.hours,
            json_message=triage_payload(assessment),
        )
        dispatcher.utter_message(
            response="utter_triage_reasons",
            reasons=" ".join(reason.text for reason in assessment.reasons),
        )
        flags = list(dict.fromkeys([*(tracker.get_slot("red_flags") or []), *new_flags]))
        events: list[dict[str, Any]] = [
            SlotSet("red_flags", flags),
            SlotSet("triage_level", assessment.level.value),
        ]
        if tracker.active_loop.get("name"):
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
        return events
