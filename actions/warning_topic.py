"""Ask at once about a warning sign the person named but did not describe (issue 15).

"Something's not right with my bladder" names the bladder without saying whether control or
feeling has changed. The extractor reports such a topic as a `flag_topic` entity when it found no
mention of that flag either way, and RedFlagPolicy (bot/dialogue/rasa_policy.py) predicts
`action_ask_warning_topic` for it before anything else: the flag's own yes / not sure / no
question (the screening question, domain.yml), remembered in the `topic_question` slot. The next
message, when it is an answer (yes, not sure or no), goes to `action_record_warning_topic`
(anything else goes to the form as usual), which records the answer as the screening would
(so it is not asked again), gives the urgent instruction at once when the answer makes the case
urgent, and otherwise goes back to where the person was: the active form asks its question again,
or the intake starts, or the outcome is given again with the answer counted.
"""

from __future__ import annotations

from typing import Any, cast

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic_details import DatabaseAction
from actions.screening import QUESTIONS
from actions.triage import forget_message_text, give_urgent_instruction
from bot.dialogue.interrupt import (
    ASK_TOPIC_ACTION,
    RECORD_TOPIC_ACTION,
    assess_with,
    instruct_now,
    message_flags,
    topic_to_ask,
)
from bot.dialogue.state import Answer, record_answer, record_volunteered
from bot.language.answers import warning_sign_answer
from bot.triage import Flag


class ActionAskWarningTopic(Action):
    """Ask the flag question for the topic the person named (predicted by RedFlagPolicy)."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return ASK_TOPIC_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Ask about the topic's warning sign; the events keep the question and the signs told."""
        slots, entities = tracker.current_slot_values(), tracker.latest_message.get("entities", [])
        flag = topic_to_ask(slots, entities)
        if flag is None:
            return []
        dispatcher.utter_message(response="utter_topic_intro")
        dispatcher.utter_message(response=QUESTIONS[flag])
        # The signs the same message told are kept: no form validates this message, and the
        # question asked about the topic must not lose "it burns when I pee".
        flags = message_flags(entities)
        told = record_volunteered(slots, flags) if flags else {}
        return [
            SlotSet("topic_question", flag.value),
            *(SlotSet(name, value) for name, value in told.items()),
            *forget_message_text(tracker),
        ]


class ActionRecordWarningTopic(DatabaseAction):
    """Record the answer to the topic question; urgent answers get the instruction at once."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return RECORD_TOPIC_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Record the answer; give the urgent instruction at once, or go back to where the person
        was (`_back`)."""
        slots = tracker.current_slot_values()
        asked = slots.get("topic_question")
        # The message answered this question; a free-text slot Rasa filled with it (the name
        # asked before) is emptied, so the form asks its own question again.
        events: list[dict[str, Any]] = [
            SlotSet("topic_question", None),
            *forget_message_text(tracker),
        ]
        message = tracker.latest_message
        answer = warning_sign_answer(
            str(message.get("text") or ""), message.get("intent", {}).get("name")
        )
        if asked not in {flag.value for flag in Flag} or answer is None:
            # Not an answer: nothing is recorded, and the screening asks the question again.
            return events + self._back(tracker)
        lists = record_answer(slots, Flag(asked), cast(Answer, answer))
        updated = {**slots, **lists}
        events += [SlotSet(name, value) for name, value in lists.items()]
        assessment = assess_with(updated, [])
        if instruct_now(updated, assessment):
            urgent = give_urgent_instruction(self, dispatcher, domain, tracker, updated, assessment)
            return events + urgent
        dispatcher.utter_message(response="utter_topic_thanks")
        return events + self._back(tracker)

    @staticmethod
    def _back(tracker: Tracker) -> list[dict[str, Any]]:
        """Back to where the person was: an active form asks again by itself."""
        if tracker.active_loop.get("name"):
            return []
        if tracker.get_slot("triage_level"):
            return [FollowupAction("action_triage_outcome")]
        return [FollowupAction("intake_form")]
