"""Actions that say something with the clinic's details (clinic.yml)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from bot.clinic import Clinic, load_clinic
from bot.db.session import ready_engine


class ClinicAction(Action, ABC):
    """Base for actions that need the clinic configuration; tests pass their own loader.

    Abstract, so the action server does not register it as an action of its own.
    """

    @abstractmethod
    def name(self) -> str:
        """Rasa's name for the action; each concrete action gives its own."""

    def __init__(self, clinic: Callable[[], Clinic] = load_clinic) -> None:
        self._clinic = clinic

    def clinic(self) -> Clinic:
        """The clinic configuration (clinic.yml), from the loader given at construction."""
        return self._clinic()

    def contact(self) -> dict[str, str]:
        """The clinic's details as the keyword values domain responses use."""
        return contact_values(self._clinic())


def contact_values(clinic: Clinic) -> dict[str, str]:
    """The clinic's details as the keyword values domain responses use."""
    return {
        "emergency_number": clinic.emergency_number,
        "clinic_name": clinic.name,
        "clinic_phone": clinic.phone,
        "clinic_hours": clinic.hours,
    }


def call_links(contact: dict[str, str]) -> dict[str, Any]:
    """A custom payload the chat widget shows as tap-to-call links: {"call": {"clinic_phone",
    "emergency_number"}}. Channels without the widget show the message's text, which gives the
    numbers too."""
    return {
        "call": {
            "clinic_phone": contact["clinic_phone"],
            "emergency_number": contact["emergency_number"],
        }
    }


class DatabaseAction(ClinicAction):
    """Base for actions that also read or write the database; tests pass their own engine."""

    def __init__(
        self,
        clinic: Callable[[], Clinic] = load_clinic,
        engine: Callable[[], Engine] = ready_engine,
    ) -> None:
        super().__init__(clinic)
        self._engine = engine

    def engine(self) -> Engine:
        """The database engine, from the factory given at construction (built on first use)."""
        return self._engine()


class ActionGreet(ClinicAction):
    """Greet with the introduction and disclaimer, naming the clinic and the emergency number."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Send utter_greet filled with the clinic's details; no events."""
        dispatcher.utter_message(response="utter_greet", **self.contact())
        return []


class ActionClinicContact(ClinicAction):
    """Give the clinic's phone and hours to someone who asks for a person; outside a form, also
    offer a callback."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_clinic_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Send the contact details; outside a form offer a callback and set callback_offered."""
        dispatcher.utter_message(response="utter_clinic_contact", **self.contact())
        if tracker.active_loop.get("name"):
            return []  # inside a form, the form's question comes back instead of an offer
        dispatcher.utter_message(response="utter_offer_callback", **self.contact())
        return [SlotSet("callback_offered", True)]
