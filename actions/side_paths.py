"""Side paths the person can take at any point: a question about a treatment, and messages the
bot did not understand."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.clinic_details import ClinicAction, DatabaseAction
from bot.db.queries import get_treatment
from bot.language.answers import explicit_no, explicit_yes

MISSES_BEFORE_HUMAN = 2
# Whether the clinic offers a procedure, placed inside the treatment's description. Literal
# names, so `python -m bot.dialogue.validate` can check them.
AVAILABILITY = {True: "utter_treatment_offered", False: "utter_treatment_not_offered"}


class ActionExplainTreatment(DatabaseAction):
    """Describe a treatment from the table, neutrally, with its evidence statement."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_explain_treatment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Explain each treatment the message names; no events."""
        explain_treatments(self, dispatcher, tracker, domain)
        return []


def explain_treatments(
    action: DatabaseAction,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: dict[str, Any],
) -> None:
    """Each treatment the latest message names, from the table; "which treatment?" if none."""
    keys = [
        e["value"]
        for e in tracker.latest_message.get("entities", [])
        if e.get("entity") == "treatment"
    ]
    if not keys:
        dispatcher.utter_message(response="utter_which_treatment")
        return
    clinic = action.clinic()
    with Session(action.engine(), future=True) as session:
        found = [t for t in (get_treatment(session, key) for key in dict.fromkeys(keys)) if t]
    for treatment in found:
        availability = ""
        if treatment.procedure:
            sentence = domain_text(domain, AVAILABILITY[treatment.offered])
            availability = sentence.format(clinic_name=clinic.name)
        dispatcher.utter_message(
            response="utter_treatment_info",
            name=treatment.name,
            description=treatment.description,
            evidence=treatment.evidence,
            availability=availability,
        )


def domain_text(domain: dict[str, Any], response: str) -> str:
    """The first text of a domain response (for a sentence placed inside another one)."""
    variants = domain.get("responses", {}).get(response) or [{}]
    return str(variants[0].get("text", ""))


# After an outcome, a plain "no" or "ok" (no offer pending) ends the conversation politely.
CLOSING_INTENTS = ("deny", "affirm")


class ActionHandleFallback(ClinicAction):
    """Outside the forms (which handle their own misses, actions/guided_form.py): after an
    outcome, "no" or "ok" closes politely; otherwise the first miss asks to rephrase with the
    main choices, and a second miss in a row offers a person as well."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_handle_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Close, ask to rephrase or offer a person, as the class says; no events."""
        intent = tracker.latest_message.get("intent", {}).get("name")
        text = str(tracker.latest_message.get("text") or "")
        plain = explicit_yes(text) or explicit_no(text)
        if tracker.get_slot("triage_level") and intent in CLOSING_INTENTS and plain:
            dispatcher.utter_message(response="utter_close", **self.contact())
            return []
        if consecutive_misses(tracker.events) >= MISSES_BEFORE_HUMAN:
            dispatcher.utter_message(response="utter_fallback_human", **self.contact())
            return []
        dispatcher.utter_message(response="utter_fallback_rephrase")
        return []


def consecutive_misses(events: list[dict[str, Any]]) -> int:
    """How many user messages in a row, this one included, the bot has not understood: this
    action ran after each of them (for an unclear intent or when no rule or story applied)."""
    misses = 1
    for event in reversed(events):
        if event.get("event") != "action":
            continue
        name = event.get("name")
        if name == "action_handle_fallback":
            misses += 1
        elif name != "action_listen":
            break
    return misses
