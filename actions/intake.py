"""The intake form: region, duration, pain score, radiation and age, each checked with a clear
re-prompt. Values arrive already normalised by the language pipeline (bot/language). An answer
that cannot be used gets help, then a way on (actions/guided_form.py); "don't know" is an
answer, recorded as "unknown", which the triage engine reads as not known (bot/dialogue/state.py).
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.guided_form import SIDE_INTENTS, GuidedFormValidation, carries_other_content
from bot.dialogue.recap import asks_recheck, recheck_slots
from bot.language.answers import dont_know
from bot.triage import Radiation, Region

MAX_DAYS = 365 * 100
AGE = re.compile(r"\b(\d{1,3})\b")
# An intake fact the person does not know or skipped. Not a number and not a region, so the
# triage engine counts it as unknown (and an unknown region as back pain, the longer screen).
UNKNOWN = "unknown"
# The re-prompt for each intake question, with an example. Literal names, so
# `python -m bot.dialogue.validate` can check them.
INVALID_ANSWER = {
    "body_region": "utter_invalid_body_region",
    "duration": "utter_invalid_duration",
    "pain_score": "utter_invalid_pain_score",
    "radiation": "utter_invalid_radiation",
    "age": "utter_invalid_age",
}


def _first(value: Any) -> Any:
    """A text slot filled from several entities holds a list; the first mention wins."""
    return value[0] if isinstance(value, list) and value else value


def _whole_number(value: Any, low: int, high: int) -> int | None:
    """The whole number in `value` (a number, or the entity's text "21") if low <= it <= high."""
    try:
        number = int(str(_first(value)))
    except ValueError:
        return None
    return number if low <= number <= high else None


class ValidateIntakeForm(GuidedFormValidation):
    """Check each intake answer, and record a red flag the person mentions on the way."""

    # Asking for a consultation leaves this form for the consultation form (data/rules.yml).
    side_intents = SIDE_INTENTS | {"request_consultation"}
    way_on_offer = "utter_intake_way_on"

    def name(self) -> str:
        """Rasa's name for this action."""
        return "validate_intake_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Validate as every guided form does; after "That's not right" at an outcome
        (bot/dialogue/recap.py), first forget the screening's "no" answers so it asks again."""
        if not asks_recheck(tracker.latest_message.get("entities", [])):
            return await super().run(dispatcher, tracker, domain)
        recheck = [SlotSet(name, value) for name, value in recheck_slots(tracker.slots).items()]
        tracker.add_slots(recheck)
        return [*recheck, *await super().run(dispatcher, tracker, domain)]

    def unknown_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[dict[str, Any]]:
        """A "don't know" is recorded as `UNKNOWN` at once; anything else is not this answer."""
        if not dont_know(str(tracker.latest_message.get("text") or "")):
            return []
        return self.take_way_on(dispatcher, tracker, requested)

    def help(self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str) -> None:
        """The question's re-prompt with an example (`INVALID_ANSWER`)."""
        dispatcher.utter_message(response=INVALID_ANSWER[requested])

    def take_way_on(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[dict[str, Any]]:
        """Carry on without the fact: it is recorded as `UNKNOWN`."""
        dispatcher.utter_message(response="utter_intake_unknown")
        return [SlotSet(requested, UNKNOWN)]

    def _reject(self, dispatcher: CollectingDispatcher, slot: str) -> dict[str, Any]:
        dispatcher.utter_message(response=INVALID_ANSWER[slot])
        return {slot: None}

    def validate_body_region(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """A region key (bot.triage.Region) from the entity, else the re-prompt."""
        region = _first(value)
        if region in {r.value for r in Region}:
            return {"body_region": region}
        return self._reject(dispatcher, "body_region")

    def validate_duration(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """Days, a whole number from 0 to `MAX_DAYS` (the entity's text "21" becomes 21), else the
        re-prompt."""
        days = _whole_number(value, 0, MAX_DAYS)
        return {"duration": days} if days is not None else self._reject(dispatcher, "duration")

    def validate_pain_score(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """A whole number from 0 to 10, else the re-prompt."""
        score = _whole_number(value, 0, 10)
        if score is None:
            return self._reject(dispatcher, "pain_score")
        return {"pain_score": score}

    def validate_radiation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """A radiation key (bot.triage.Radiation) or "none", else the re-prompt."""
        choice = _first(value)
        if choice == "none" or choice in {r.value for r in Radiation}:
            return {"radiation": choice}
        return self._reject(dispatcher, "radiation")

    def validate_age(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """Years, a whole number from 1 to 120 found in the typed answer, else the re-prompt; a
        message about something else is not an age."""
        # The age is typed freely; a message about the pain or a question is not an age. An age
        # given earlier stays: the form validates it again when it starts once more (a symptom
        # told after the outcome, "wait, I did have a fever") and must not ask for it again.
        typed_now = str(_first(value) or "") == str(tracker.latest_message.get("text") or "")
        if typed_now and carries_other_content(tracker.latest_message):
            return {"age": None}
        found = AGE.search(str(_first(value) or ""))
        age = _whole_number(found.group(1), 1, 120) if found else None
        return {"age": age} if age is not None else self._reject(dispatcher, "age")
