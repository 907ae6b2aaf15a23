"""Consultation requests: consent first, then name, phone or email, and a time; saved as an
intake record with the triage summary (bot/records), confirmed with a reference number."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.clinic_details import ClinicAction, DatabaseAction, call_links, contact_values
from actions.guided_form import GuidedFormValidation, carries_other_content
from bot.clinic import load_clinic
from bot.dialogue.summary import assess_slots, summary_of
from bot.intake.contact import (
    ContactError,
    normalise_contact_time,
    normalise_email,
    normalise_name,
    normalise_phone,
)
from bot.language.answers import dont_know, explicit_no, explicit_yes, hedged
from bot.records.intake_records import IntakeRequest, save_or_update_request
from bot.records.pending import deliver, keep
from bot.records.references import new_reference
from bot.records.triage_summary import TriageSummary

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


# Why a contact answer cannot be used when the message gives no reason of its own.
HELP = {
    "consent_contact": "utter_help_consent_contact",
    "contact_name": "utter_help_contact_name",
    "contact_detail": "utter_help_contact_detail",
    "contact_time": "utter_help_contact_time",
    "contact_confirmed": "utter_help_contact_confirmed",
}
DETAILS = ("contact_name", "contact_detail", "contact_time")
# Emptied once a request is saved, kept, declined or abandoned, so that another starts afresh.
EMPTIED_AFTER_REQUEST = (
    "consent_contact",
    *DETAILS,
    "contact_confirmed",
    "request_kind",
    "missed_question",
)
# What the person is told: a new request, or their earlier one updated (one per conversation).
SAVED = {False: "utter_consultation_saved", True: "utter_consultation_updated"}
ABANDONED = "abandoned"  # request_kind when the details could not be taken in the chat
TIME_NOT_GIVEN = "not given"  # staff call during opening hours


MAX_NAME_WORDS = 6


def _not_a_name(text: str) -> bool:
    """Answers to the question, not names: "skip", "hmm", "yes", "no", "not sure", or a sentence
    ("I want to book a consultation")."""
    sentence = len(text.split()) > MAX_NAME_WORDS
    return sentence or hedged(text) or _not_a_time(text)


def _not_a_time(text: str) -> bool:
    """Answers to the question, not times: "yes", "no", "skip", "not sure"."""
    return explicit_yes(text) or explicit_no(text) or dont_know(text)


def _explicit_answer(tracker: Tracker, slot: str) -> dict[str, Any]:
    """{slot: True} for an explicit yes, {slot: False} for a clear no, while `slot` is asked;
    else {} (the form's help and way on follow)."""
    if tracker.get_slot("requested_slot") != slot:
        return {}
    text = str(tracker.latest_message.get("text") or "")
    if explicit_yes(text):
        return {slot: True}
    if explicit_no(text):
        return {slot: False}
    return {}


class ValidateConsultationForm(GuidedFormValidation):
    """Consent only from an explicit yes; a name, phone or email and a time that fit, each asked
    again when the message is about something else; after repeated misses, the clinic's phone."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "validate_consultation_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        """The slots still to ask: consent alone after a refusal, none after repeated misses, else
        the domain's list."""
        # Without consent nothing else is asked: the form ends and the refusal is respected
        # (consent stays in the list so that the "no" itself is kept). After repeated misses
        # the form ends too, with the clinic's phone (the save action).
        if tracker.get_slot("consent_contact") is False:
            return ["consent_contact"]
        if tracker.get_slot("request_kind") == ABANDONED:
            return []
        return domain_slots

    def extract_consent_contact(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """True only from the "I agree" button or an unambiguous yes, False from a clear no."""
        return _explicit_answer(tracker, "consent_contact")

    def extract_contact_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """The details read back: True from a clear yes, False from a clear no."""
        return _explicit_answer(tracker, "contact_confirmed")

    def validate_contact_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """Keep a confirmation; "not right" empties the details, asked again from the name."""
        if value is True:
            return {"contact_confirmed": True}
        # Not right: the details are asked again from the name.
        dispatcher.utter_message(response="utter_contact_change")
        return {"contact_confirmed": None, **{slot: None for slot in DETAILS}}

    def answered(self, values: Mapping[str, Any], requested: str, required: list[str]) -> bool:
        """Also an answer: the details asked again after "not right" at the read-back."""
        asked_again = requested == "contact_confirmed" and "contact_name" in values
        return asked_again or super().answered(values, requested, required)

    def help(self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str) -> None:
        """Say what the question needs (`HELP`)."""
        dispatcher.utter_message(response=HELP[requested])

    def offer_way_on(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> None:
        """Offer the clinic's phone, with tap-to-call links, in place of the chat."""
        contact = contact_values(load_clinic())
        dispatcher.utter_message(response="utter_contact_way_on", **contact)
        dispatcher.utter_message(json_message=call_links(contact))

    def take_way_on(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[dict[str, Any]]:
        """Without a time the request goes on (staff call in opening hours); without anything else
        it is abandoned and the form ends."""
        if requested == "contact_time":  # the rest is enough for the clinic to call
            dispatcher.utter_message(response="utter_contact_time_not_given")
            return [SlotSet("contact_time", TIME_NOT_GIVEN)]
        return [SlotSet("request_kind", ABANDONED)]

    def _check(
        self,
        slot: str,
        check: Callable[[str], str],
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> dict[str, Any]:
        # A free-text answer that is about the pain, or a question, is not a contact detail.
        if carries_other_content(tracker.latest_message):
            return {slot: None}
        try:
            return {slot: check(str(value or ""))}
        except ContactError as problem:
            dispatcher.utter_message(response=INVALID_ANSWER[slot], problem=str(problem))
            return {slot: None}

    def validate_contact_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """A name of at most `MAX_NAME_WORDS` words, normalised; "skip", "yes" or a sentence is
        not a name."""
        if _not_a_name(str(value or "")):
            return {"contact_name": None}
        return self._check("contact_name", normalise_name, value, dispatcher, tracker)

    def validate_contact_detail(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """A phone number or an email address, normalised (bot/intake/contact.py), or the reason it
        cannot be used."""

        def phone_or_email(text: str) -> str:
            if "@" in text:
                return normalise_email(text)
            return normalise_phone(text)

        return self._check("contact_detail", phone_or_email, value, dispatcher, tracker)

    def validate_contact_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """A time to call, normalised; "yes", "no", "skip" or "not sure" is not a time."""
        if _not_a_time(str(value or "")):
            return {"contact_time": None}
        return self._check("contact_time", normalise_contact_time, value, dispatcher, tracker)


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
    """Save the consultation or callback request with the triage summary and give its reference,
    or keep it to deliver later while the database is down. Without consent, or when the
    details could not be taken, nothing is saved and the person is told how to reach the clinic."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_save_consultation_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Save, keep or decline as the class says; empty the contact slots and close the offers."""
        contact = self.contact()
        slots = tracker.current_slot_values()
        reset = [SlotSet(name, None) for name in EMPTIED_AFTER_REQUEST]
        if slots.get("request_kind") == ABANDONED:
            dispatcher.utter_message(response="utter_request_not_taken", **contact)
            dispatcher.utter_message(json_message=call_links(contact))
            return [*reset, *CLOSED_OFFERS]
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
                reference, updated = save_or_update_request(session, request)
        except SQLAlchemyError as error:
            log_errors.error("intake record not saved: %s", type(error).__name__)
            # Not checked against the database (it is down): delivery refuses a clash.
            return self._keep(dispatcher, request, slots, new_reference(), reset, contact)
        dispatcher.utter_message(response=SAVED[updated], reference=reference, **contact)
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
    """Respect a declined consultation or callback offer, with the clinic's details."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_decline_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Say the offer is declined; close both offers."""
        dispatcher.utter_message(response="utter_consultation_declined", **self.contact())
        return CLOSED_OFFERS


class ActionRequestCallback(ClinicAction):
    """The person accepted a callback: the contact form runs for a callback request."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_request_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Mark the request a callback and close the callback offer; the contact form follows."""
        return [SlotSet("request_kind", "callback"), SlotSet("callback_offered", False)]
