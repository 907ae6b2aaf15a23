"""The intake form: region, duration, pain score, radiation and age, each checked with a clear
re-prompt. Values arrive already normalised by the language pipeline (bot/language)."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue.interrupt import message_flags
from bot.dialogue.state import record_volunteered
from bot.triage import Radiation, Region

MAX_DAYS = 365 * 100
AGE = re.compile(r"\b(\d{1,3})\b")
# The re-prompt for each intake question, with an example. Literal names, so
# `python -m bot.dialogue.validate` can check them.
INVALID_ANSWER = {
    "body_region": "utter_invalid_body_region",
    "duration": "utter_invalid_duration",
    "pain_score": "utter_invalid_pain_score",
    "radiation": "utter_invalid_radiation",
    "age": "utter_invalid_age",
}
# Messages about the pain itself: the intents that start the intake (data/rules.yml).
INTAKE_INTENTS = ("report_pain", "report_symptom", "inform")


def _first(value: Any) -> Any:
    """A text slot filled from several entities holds a list; the first mention wins."""
    return value[0] if isinstance(value, list) and value else value


def _whole_number(value: Any, low: int, high: int) -> int | None:
    try:
        number = int(str(_first(value)))
    except ValueError:
        return None
    return number if low <= number <= high else None


def record_volunteered_flags(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]]:
    """A red flag mentioned in an intake message counts as answered yes (urgent ones never get
    here: RedFlagPolicy interrupts first), so the outcome includes it and screening does not ask
    it. A side question (about a treatment, asking for a person) is left to its rule, which the
    form only lets run when it takes nothing from the message; screening asks the flag later."""
    if tracker.latest_message.get("intent", {}).get("name") not in INTAKE_INTENTS:
        return []
    slots = tracker.current_slot_values()
    recorded = slots.get("red_flags") or []
    flags = message_flags(tracker.latest_message.get("entities", []))
    if not [flag for flag in flags if flag not in recorded]:
        return []
    dispatcher.utter_message(response="utter_red_flag_noted")
    return [SlotSet(name, value) for name, value in record_volunteered(slots, flags).items()]


class ValidateIntakeForm(FormValidationAction):
    """Check each intake answer, and record a red flag the person mentions on the way."""

    def name(self) -> str:
        return "validate_intake_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = await super().run(dispatcher, tracker, domain)
        return events + record_volunteered_flags(dispatcher, tracker)

    def _reject(self, dispatcher: CollectingDispatcher, slot: str) -> dict[str, Any]:
        dispatcher.utter_message(response=INVALID_ANSWER[slot])
        return {slot: None}

    def validate_body_region(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        region = _first(value)
        if region in {r.value for r in Region}:
            return {"body_region": region}
        return self._reject(dispatcher, "body_region")

    def validate_duration(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        days = _whole_number(value, 0, MAX_DAYS)
        return {"duration": str(days)} if days is not None else self._reject(dispatcher, "duration")

    def validate_pain_score(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        score = _whole_number(value, 0, 10)
        if score is None:
            return self._reject(dispatcher, "pain_score")
        return {"pain_score": str(score)}

    def validate_radiation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        choice = _first(value)
        if choice == "none" or choice in {r.value for r in Radiation}:
            return {"radiation": choice}
        return self._reject(dispatcher, "radiation")

    def validate_age(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        found = AGE.search(str(_first(value) or ""))
        age = _whole_number(found.group(1), 1, 120) if found else None
        return {"age": str(age)} if age is not None else self._reject(dispatcher, "age")


class ActionReprompt(Action):
    """Say what was not understood for the slot being asked, with an example."""

    def name(self) -> str:
        return "action_reprompt"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        slot = tracker.get_slot("requested_slot")
        if slot in INVALID_ANSWER:
            dispatcher.utter_message(response=INVALID_ANSWER[slot])
        else:
            dispatcher.utter_message(response="utter_default")
        return []
