"""Red-flag screening, driven by the triage engine: it says which question is next."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue.interrupt import assess_with
from bot.dialogue.state import case_or_back, record_answer
from bot.triage import Flag, pending_questions

DONE = "done"


def next_question(slots: dict[str, Any]) -> Flag | None:
    pending = pending_questions(case_or_back(slots, {}))
    return pending[0] if pending else None


class ActionAskScreeningAnswer(Action):
    """Ask the engine's next pending red-flag question (utter_ask_<key>, yes / not sure / no)."""

    def name(self) -> str:
        return "action_ask_screening_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        flag = next_question(tracker.current_slot_values())
        if flag is None:
            return [SlotSet("screening_answer", DONE)]
        dispatcher.utter_message(response=f"utter_ask_{flag.value}")
        return [SlotSet("screening_question", flag.value)]


class ValidateScreeningForm(FormValidationAction):
    """Record each answer; finish when nothing is pending or an answer makes the case urgent."""

    def name(self) -> str:
        return "validate_screening_form"

    def validate_screening_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        slots = tracker.current_slot_values()
        asked = slots.get("screening_question")
        if value not in ("yes", "no", "unsure") or asked not in {f.value for f in Flag}:
            return {"screening_answer": None}
        lists = record_answer(slots, Flag(asked), value)
        updated = {**slots, **lists}
        urgent = assess_with(updated, []).interrupt
        finished = urgent or next_question(updated) is None
        return {**lists, "screening_answer": DONE if finished else None}
