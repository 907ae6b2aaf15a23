"""What every form does with an answer it cannot use, so that no question becomes a dead end.

Rasa rejects a form when the message fills none of its slots; with no rule for that message the
core fallback runs, the form runs again, rejects again, and after ten rounds the circuit breaker
ends the turn and leaves the conversation stuck. A form validation action built on
`GuidedFormValidation` never lets that happen. At the question being asked (the "step"):

- an answer that fills the asked slot, or corrects another of the form's slots, goes on;
- a warning sign mentioned on the way is noted (urgent ones never get here: RedFlagPolicy
  interrupts first) and the question is asked again;
- a "don't know" is an answer where the form allows one (intake facts become "unknown");
- anything else is a miss, counted per step in the `missed_question` slot ("<step>:<count>"):
  the first miss gets the step's help and the question again, the second also offers a way on
  (a "not sure" button, or the clinic's phone and a person), the third takes that way on.

Side questions (a treatment, "are you a bot", a person, out of scope, an emergency) are left to
their rules in data/rules.yml: one rule per side path answers, and RulePolicy then runs the
active form again, which asks its question once more.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue.interrupt import message_flags
from bot.dialogue.state import record_volunteered
from bot.language.answers import asks_to_explain, is_question

MISSED_QUESTION = "missed_question"
# Misses at one step: help at the first, a way on offered at the second, taken at the third.
OFFER_WAY_ON_AT = 2
TAKE_WAY_ON_AT = 3
# Intents whose own rule answers before the form runs again (data/rules.yml), and the
# emergency, which RedFlagPolicy handles.
SIDE_INTENTS = frozenset(
    {"ask_treatment", "bot_challenge", "request_human", "out_of_scope", "emergency"}
)
# Entities that say a message is about the pain, not a name, phone number or time.
CLINICAL_ENTITIES = frozenset({"red_flag", "body_region", "radiation", "treatment"})


def misses_so_far(marker: Any, step: str) -> int:
    """How many misses in a row at `step`, from the `missed_question` slot ("<step>:<n>")."""
    if not isinstance(marker, str) or ":" not in marker:
        return 0
    where, _, count = marker.rpartition(":")
    return int(count) if where == step and count.isdigit() else 0


def came_back_from_another_action(tracker: Tracker, form: str) -> bool:
    """True when the form runs after another action answered the latest message, not straight
    after the message. Rasa calls the validation action on a copy of the tracker that ends with
    the form's own ActionExecuted and the slot candidates; what came before that decides."""
    skipped_form = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            return False
        if kind == "action":
            name = event.get("name")
            if name == form and not skipped_form:
                skipped_form = True
                continue
            return bool(name != "action_listen")
    return tracker.latest_action_name not in ("action_listen", form, None)


def carries_other_content(message: Mapping[str, Any]) -> bool:
    """True if a message meant for a free-text slot is about something else: it names a symptom,
    a body region or a treatment, or it asks a question."""
    entities = {str(e.get("entity")) for e in message.get("entities", [])}
    return bool(entities & CLINICAL_ENTITIES) or is_question(str(message.get("text") or ""))


def record_volunteered_flags(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]]:
    """A warning sign mentioned in any message counts as answered yes, so the outcome includes it
    and screening does not ask it again; the person is told it was noted. A question about a
    treatment mentions no symptom of the person's and records nothing."""
    if tracker.latest_message.get("intent", {}).get("name") == "ask_treatment":
        return []
    slots = tracker.current_slot_values()
    recorded = slots.get("red_flags") or []
    flags = message_flags(tracker.latest_message.get("entities", []))
    if not [flag for flag in flags if flag not in recorded]:
        return []
    dispatcher.utter_message(response="utter_red_flag_noted")
    return [SlotSet(name, value) for name, value in record_volunteered(slots, flags).items()]


def _set_values(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The last value each SlotSet in `events` gives its slot."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


class GuidedFormValidation(FormValidationAction, ABC):
    """A form validation action that turns every message at one of its questions into progress,
    help, or a way on (see the module docstring). Subclasses say what help and ways on are."""

    side_intents: frozenset[str] = SIDE_INTENTS
    # The response that offers a way past the question after a second miss.
    way_on_offer: str = ""

    def step(self, tracker: Tracker, requested: str) -> str:
        """The question being asked: the requested slot, unless one slot asks many questions."""
        return requested

    def answered(self, values: Mapping[str, Any], requested: str, required: list[str]) -> bool:
        """Whether the slot values the message set answer the question, or correct another of
        the form's answers."""
        return any(values.get(slot) is not None for slot in required)

    def unknown_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[dict[str, Any]]:
        """Events that record a "don't know" as an answer, or [] where none is allowed."""
        return []

    @abstractmethod
    def help(self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str) -> None:
        """Say what kind of answer the question needs (the form then asks it again)."""

    def offer_way_on(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> None:
        """After a second miss: offer a way past the question (`way_on_offer`)."""
        dispatcher.utter_message(response=self.way_on_offer)

    @abstractmethod
    def take_way_on(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[dict[str, Any]]:
        """After a third miss: events that move past the question."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Extract and validate as the SDK does, then turn a message that answered nothing into
        help, a way on, or the way on taken (module docstring)."""
        # The question the message answers: the validators may end the form (requested_slot
        # set to None), and the SDK applies their events to this tracker.
        requested = tracker.get_slot("requested_slot")
        # What the slot validators say is held back until it is clear it should be said.
        said = CollectingDispatcher()
        events: list[dict[str, Any]] = await super().run(said, tracker, domain)
        extra = self._after_validation(dispatcher, said, tracker, domain, events, requested)
        if not extra:
            return events
        # The events added here can change which slot comes next (a form that ends early).
        tracker.add_slots(extra)
        following = await self.next_requested_slot(dispatcher, tracker, domain)
        return [*events, *extra, *([following] if following else [])]

    def _after_validation(
        self,
        dispatcher: CollectingDispatcher,
        said: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
        events: list[dict[str, Any]],
        requested: str | None,
    ) -> list[dict[str, Any]]:
        """The events to add to the validators' `events` for a message at the `requested`
        question; says what the person is told."""
        if came_back_from_another_action(tracker, self.form_name()):
            # Back from another action (a warning sign asked about at once): the message was
            # that action's, not an answer to this form's question, which the form asks again.
            return []
        intent = tracker.latest_message.get("intent", {}).get("name")
        text = str(tracker.latest_message.get("text") or "")
        if intent in self.side_intents and not asks_to_explain(text):
            dispatcher.messages.extend(said.messages)
            return []
        noted = record_volunteered_flags(dispatcher, tracker)
        required = self.domain_slots(domain)
        in_form = tracker.active_loop.get("name") == self.form_name()
        if not in_form or requested is None or requested not in required:
            dispatcher.messages.extend(said.messages)
            return noted
        if self.answered(_set_values(events), requested, required) or noted:
            dispatcher.messages.extend(said.messages)
            return [*noted, SlotSet(MISSED_QUESTION, None)]
        unknown = self.unknown_answer(dispatcher, tracker, requested)
        if unknown:
            return [*unknown, SlotSet(MISSED_QUESTION, None)]
        step = self.step(tracker, requested)
        misses = misses_so_far(tracker.get_slot(MISSED_QUESTION), step) + 1
        if misses >= TAKE_WAY_ON_AT:
            return [
                *self.take_way_on(dispatcher, tracker, requested),
                SlotSet(MISSED_QUESTION, None),
            ]
        if said.messages:
            dispatcher.messages.extend(said.messages)  # the validator's own reason
        else:
            self.help(dispatcher, tracker, requested)
        if misses >= OFFER_WAY_ON_AT:
            self.offer_way_on(dispatcher, tracker, requested)
        return [SlotSet(MISSED_QUESTION, f"{step}:{misses}")]
