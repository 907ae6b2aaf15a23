"""Consultation requests: consent first, then name, phone or email, and a time; saved as an
intake record with the triage summary (bot/intake), confirmed with a reference number."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.clinic import ClinicAction, DatabaseAction
from bot.dialogue.summary import assess_slots, summary_of
from bot.intake.contact import (
    ContactError,
    normalise_contact_time,
    normalise_email,
    normalise_name,
    normalise_phone,
)
from bot.intake.pending import deliver, keep
from bot.intake.records import IntakeRequest, TriageSummary, new_reference, save_request

log_errors = logging.getLogger(__name__)
# After a request is saved or declined, neither offer is pending any more.
CLOSED_OFFERS = [SlotSet("consultation_offered", False), SlotSet("callback_offered", False)]


# What to say when a contact detail cannot be used ({problem} says why). Literal names, so
# `python -m bot.dialogue.validate` can check them.
INVALID_ANSWER = {
    "contact_name": "utter_invalid_contact_name",
    "contact_detail": "utter_invalid_contact_detail",
    "contact_time": "utter_invalid_contact_time",
}


class ValidateConsultationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_consultation_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        # Without consent nothing else is asked: the form ends and the refusal is respected.
        if tracker.get_slot("consent_contact") is False:
            return []
        return domain_slots

    def _check(
        self, slot: str, check: Callable[[str], str], value: Any, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        try:
            return {slot: check(str(value or ""))}
        except ContactError as problem:
            dispatcher.utter_message(response=INVALID_ANSWER[slot], problem=str(problem))
            return {slot: None}

    def validate_contact_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return self._check("contact_name", normalise_name, value, dispatcher)

    def validate_contact_detail(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        def phone_or_email(text: str) -> str:
            if "@" in text:
                return normalise_email(text)
            return normalise_phone(text)

        return self._check("contact_detail", phone_or_email, value, dispatcher)

    def validate_contact_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return self._check("contact_time", normalise_contact_time, value, dispatcher)


def staff_summary(session: Session, slots: dict[str, Any]) -> TriageSummary:
    """What the bot learned, with the outcome's reasons and recommendations when the triage the
    person was given is the one these slots give (not after "it's an emergency", say)."""
    summary = summary_of(slots)
    if not slots.get("triage_level"):
        return summary  # asked for a consultation before any triage
    assessment, plan = assess_slots(session, slots)
    if assessment.level.value != slots["triage_level"]:
        return summary
    return summary_of(slots, assessment, [t.name for t in plan.recommendations])


class ActionSaveConsultationRequest(DatabaseAction):
    def name(self) -> str:
        return "action_save_consultation_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        contact = self.contact()
        slots = tracker.current_slot_values()
        reset = [SlotSet(name, None) for name in ("consent_contact", "contact_name",
                 "contact_detail", "contact_time", "request_kind")]  # fmt: skip
        if slots.get("consent_contact") is not True:
            dispatcher.utter_message(response="utter_consultation_declined", **contact)
            return [*reset, *CLOSED_OFFERS]
        detail = str(slots.get("contact_detail") or "")
        kind = "callback" if slots.get("request_kind") == "callback" else "consultation"
        request = IntakeRequest(
            kind=kind,
            name=str(slots.get("contact_name")),
            contact_time=str(slots.get("contact_time")),
            consent_given_at=datetime.now(timezone.utc),
            conversation_id=tracker.sender_id,
            phone=None if "@" in detail else detail,
            email=detail if "@" in detail else None,
        )
        try:
            engine = self.engine()
            deliver(engine)  # requests kept while the database was down go first
            with Session(engine, future=True) as session, session.begin():
                request = dataclasses.replace(request, summary=staff_summary(session, slots))
                reference = save_request(session, request)  # checked to be unused
        except SQLAlchemyError as error:
            log_errors.error("intake record not saved: %s", type(error).__name__)
            # Not checked against the database (it is down): delivery refuses a clash.
            return self._keep(dispatcher, request, slots, new_reference(), reset, contact)
        dispatcher.utter_message(
            response="utter_consultation_saved", reference=reference, **contact
        )
        return [*reset, SlotSet("consultation_offered", False)]

    def _keep(
        self,
        dispatcher: CollectingDispatcher,
        request: IntakeRequest,
        slots: dict[str, Any],
        reference: str,
        reset: list[dict[str, Any]],
        contact: dict[str, str],
    ) -> list[dict[str, Any]]:
        """The database is down: keep the request to deliver later, and say how to reach the
        clinic meanwhile. Only if it cannot even be kept is the person asked to call instead."""
        try:
            keep(dataclasses.replace(request, summary=summary_of(slots)), reference)
        except OSError as error:
            log_errors.error("intake record not kept either: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_consultation_not_saved", **contact)
        else:
            dispatcher.utter_message(
                response="utter_consultation_kept", reference=reference, **contact
            )
        return [*reset, SlotSet("consultation_offered", False)]


class ActionDeclineConsultation(ClinicAction):
    def name(self) -> str:
        return "action_decline_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_consultation_declined", **self.contact())
        return CLOSED_OFFERS


class ActionRequestCallback(ClinicAction):
    """The person accepted a callback: the contact form runs for a callback request."""

    def name(self) -> str:
        return "action_request_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return [SlotSet("request_kind", "callback"), SlotSet("callback_offered", False)]
