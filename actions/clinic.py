"""Actions that say something with the clinic's details (clinic.yml)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.clinic import Clinic, load_clinic


class ClinicAction(Action, ABC):
    """Base for actions that need the clinic configuration; tests pass their own loader.

    Abstract, so the action server does not register it as an action of its own.
    """

    @abstractmethod
    def name(self) -> str: ...

    def __init__(self, clinic: Callable[[], Clinic] = load_clinic) -> None:
        self._clinic = clinic

    def clinic(self) -> Clinic:
        return self._clinic()


class ActionGreet(ClinicAction):
    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        clinic = self.clinic()
        dispatcher.utter_message(
            response="utter_greet",
            emergency_number=clinic.emergency_number,
            clinic_name=clinic.name,
        )
        return []


class ActionClinicContact(ClinicAction):
    def name(self) -> str:
        return "action_clinic_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        clinic = self.clinic()
        dispatcher.utter_message(
            response="utter_clinic_contact",
            clinic_name=clinic.name,
            clinic_phone=clinic.phone,
            clinic_hours=clinic.hours,
        )
        return []
