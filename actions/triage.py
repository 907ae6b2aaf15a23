"""Actions that give a triage outcome. Decisions come from bot.triage; this is glue."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.clinic_details import DatabaseAction
from actions.compose import utter_together
from actions.screening import ITEM_LABELS, label_response
from actions.side_paths import domain_text, explain_treatments
from bot.dialogue.interrupt import INTERRUPT_ACTION, assess_with, message_flags
from bot.dialogue.outcome import (
    OUTCOMES,
    OutcomeWords,
    instruction_payload,
    outcome_words,
    triage_payload,
)
from bot.dialogue.recap import RECHECK, Recap, recap
from bot.dialogue.summary import assess_slots, keep_triage, summary_of
from bot.triage import Assessment, Flag, Level

# A short name for each screening group, for the outcome's recap (CLINICAL.md §8.3 A10).
# Literal names, so `python -m bot.dialogue.validate` can check them.
GROUP_TITLES: dict[str, str] = {
    "B1": "utter_screen_title_b1",
    "B2": "utter_screen_title_b2",
    "B3": "utter_screen_title_b3",
    "B4": "utter_screen_title_b4",
    "B5": "utter_screen_title_b5",
    "B6": "utter_screen_title_b6",
    "N1": "utter_screen_title_n1",
    "N2": "utter_screen_title_n2",
    "N3": "utter_screen_title_n3",
    "N4": "utter_screen_title_n4",
    "N5": "utter_screen_title_n5",
    "N6": "utter_screen_title_n6",
    "N7": "utter_screen_title_n7",
}


def not_right_button(domain: dict[str, Any]) -> dict[str, str]:
    """The recap's "That's not right" button: a report_symptom whose `screen_items` is RECHECK."""
    payload = "/report_symptom" + json.dumps({"screen_items": RECHECK})
    return {"title": domain_text(domain, "utter_screen_not_right"), "payload": payload}


def recap_parts(
    domain: dict[str, Any], shown: Recap, slots: dict[str, Any]
) -> tuple[list[str], dict[str, str]]:
    """The responses and template values that show a recap back, ending with the line that
    goes with the "That's not right" button; ([], {}) when there is nothing to show. Items are
    labelled as the screening listed them for these slots (`label_response`)."""
    if not shown:
        return [], {}

    def labels(flags: tuple[Flag, ...]) -> str:
        return "; ".join(
            domain_text(domain, label_response(f, slots)) for f in flags if f in ITEM_LABELS
        )

    parts, values = [], {}
    if shown.told:
        parts.append("utter_screen_recap_told")
        values["told"] = labels(shown.told)
    if shown.none_groups:
        parts.append("utter_screen_recap_none")
        # A group without a title is left out rather than the outcome lost (a test checks
        # every group has one).
        values["none_groups"] = "; ".join(
            domain_text(domain, GROUP_TITLES[g.name])
            for g in shown.none_groups
            if g.name in GROUP_TITLES
        )
    if shown.unsure:
        parts.append("utter_screen_recap_unsure")
        values["unsure"] = labels(shown.unsure)
    return [*parts, "utter_screen_recap"], values


def utter_assessment(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    assessment: Assessment,
    contact: dict[str, str],
    words: OutcomeWords,
    recap_of: tuple[Recap, dict[str, Any]] | None = None,
) -> None:
    """The level in plain words (`words`, bot/dialogue/outcome.py) and the reasons, in one
    message with the triage payload; with `recap_of` (a recap and the slots it was made from),
    the grouped screening's recap and its "That's not right" button after them."""
    parts, values = recap_parts(domain, *recap_of) if recap_of is not None else ([], {})
    utter_together(
        dispatcher,
        domain,
        [words.level, "utter_triage_reasons", *words.after_reasons, *parts],
        {**contact, **values, "reasons": " ".join(reason.text for reason in assessment.reasons)},
        json_message=triage_payload(assessment),
        buttons=[not_right_button(domain)] if parts else None,
    )


def stop_any_form(tracker: Tracker) -> list[dict[str, Any]]:
    """Events that end the active form, if there is one: no routine questions after an urgent
    instruction."""
    if tracker.active_loop.get("name"):
        return [ActiveLoop(None), SlotSet("requested_slot", None)]
    return []


# Slots Rasa fills from the whole message text (domain.yml, from_text) at the question asked.
FREE_TEXT_SLOTS = ("age", "contact_name", "contact_detail", "contact_time")


def forget_message_text(tracker: Tracker) -> list[dict[str, Any]]:
    """An urgent message typed at a free-text question is not the answer: Rasa filled the slot
    with it before the interrupt, and no form will validate it now. Empty those slots again."""
    text = tracker.latest_message.get("text")
    return [
        SlotSet(slot, None) for slot in FREE_TEXT_SLOTS if text and tracker.get_slot(slot) == text
    ]


def give_urgent_instruction(
    action: DatabaseAction,
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    tracker: Tracker,
    slots: dict[str, Any],
    assessment: Assessment,
) -> list[dict[str, Any]]:
    """Say the urgent instruction (level, reasons, payload) and keep the triage of `slots` for
    the staff queue; return the events that set the level and stop any form."""
    words = outcome_words(assessment)
    utter_assessment(dispatcher, domain, assessment, action.contact(), words)
    if assessment.level is Level.DOCTOR_TODAY:  # not an emergency yet: what would make it one
        utter_together(dispatcher, domain, words.safety_net, action.contact())
    keep_triage(action.engine(), tracker.sender_id, summary_of(slots, assessment))
    return [SlotSet("triage_level", assessment.level.value), *stop_any_form(tracker)]


# Outcomes that call for a consultation with the clinic; urgent ones send the person elsewhere now.
OFFER_CONSULTATION = (Level.DOCTOR_SOON, Level.ROUTINE_APPOINTMENT)


class ActionRedFlagInterrupt(DatabaseAction):
    """Give the urgent instruction at once, with the reasons and the triage payload, and stop
    any form: no routine advice follows a red flag (predicted by RedFlagPolicy). The triage is
    kept for the staff queue."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return INTERRUPT_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Give the urgent instruction; the events record the flags and the level, stop any form
        and forget text typed at a free-text question."""
        new_flags = message_flags(tracker.latest_message.get("entities", []))
        assessment = assess_with(tracker.current_slot_values(), new_flags)
        flags = list(dict.fromkeys([*(tracker.get_slot("red_flags") or []), *new_flags]))
        slots = {**tracker.current_slot_values(), "red_flags": flags}
        urgent = give_urgent_instruction(self, dispatcher, domain, tracker, slots, assessment)
        return [SlotSet("red_flags", flags), *urgent, *forget_message_text(tracker)]


def outcome_key(assessment: Assessment) -> str:
    """What makes one outcome the same as another: the level and the rules that fired."""
    return " ".join([assessment.level.value, *sorted(r.rule for r in assessment.reasons)])


class ActionTriageOutcome(DatabaseAction):
    """Give the outcome after screening, in at most three messages.

    Over REST the triage payload is an item of its own, so four items:

    1. the level in plain words and the reasons, with the triage payload;
    2. recommendations and consultation topics from the treatment table (none when urgent),
       then the disclaimer;
    3. unless urgent, the safety net with the next question: the consultation offer where the
       level calls for one, else the next steps.

    The triage is kept for the staff queue."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_triage_outcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Give the outcome (or say it is unchanged); the events record the level and the outcome
        given, and open the consultation offer where the level calls for one."""
        slots = tracker.current_slot_values()
        contact = self.contact()
        with Session(self.engine(), future=True) as session:
            assessment, plan = assess_slots(session, slots)
        given = outcome_key(assessment)
        if given == slots.get("last_outcome"):
            # A message after the outcome that changes nothing ("about 3 weeks") is not
            # answered with the whole outcome again.
            unchanged = ["utter_outcome_unchanged"]
            if not assessment.level.is_urgent:
                unchanged.append("utter_next_steps")
            utter_together(dispatcher, domain, unchanged, contact)
            return []
        shown = [t.name for t in plan.recommendations]
        keep_triage(self.engine(), tracker.sender_id, summary_of(slots, assessment, shown))
        grouped = slots.get("screening_mode") == "grouped" and not assessment.level.is_urgent
        said = (recap(slots, tracker.events), slots) if grouped else None
        words = outcome_words(assessment)
        utter_assessment(dispatcher, domain, assessment, contact, words, said)
        plan_parts, values = [], dict(contact)
        if plan.recommendations:
            plan_parts.append("utter_recommendations")
            values["recommendations"] = "; ".join(t.name for t in plan.recommendations)
        if plan.consultation_topics:
            plan_parts.append("utter_consultation_topics")
            values["topics"] = "; ".join(t.name for t in plan.consultation_topics)
        utter_together(dispatcher, domain, [*plan_parts, "utter_disclaimer"], values)
        events = [SlotSet("triage_level", assessment.level.value), SlotSet("last_outcome", given)]
        net = list(words.safety_net)
        # A spine clinic's consultation is not the next step for pain that may not come from
        # the spine (CLINICAL.md §7): the outcome already says where to go.
        if assessment.level in OFFER_CONSULTATION and words.spine_advice:
            utter_together(dispatcher, domain, [*net, "utter_offer_consultation"], contact)
            events.append(SlotSet("consultation_offered", True))
        elif not assessment.level.is_urgent:
            utter_together(dispatcher, domain, [*net, "utter_next_steps"], contact)
        elif assessment.level is Level.DOCTOR_TODAY:
            # Not an emergency yet: what would make it one (screening may have stopped early).
            utter_together(dispatcher, domain, net, contact)
        return events


class ActionEmergency(DatabaseAction):
    """The person says it is an emergency: tell them to call the emergency number now, with the
    payload, and stop any form (predicted by RedFlagPolicy for the `emergency` intent). The
    conversation is kept for the staff queue as a call_emergency triage."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Give the emergency instruction; the events set the level and stop any form."""
        payload = instruction_payload(Level.CALL_EMERGENCY, ["stated_emergency"])
        dispatcher.utter_message(
            response=OUTCOMES[Level.CALL_EMERGENCY], json_message=payload, **self.contact()
        )
        said = dataclasses.replace(
            summary_of(tracker.current_slot_values()),
            level=Level.CALL_EMERGENCY.value,
            reasons=("The person said it is an emergency.",),
        )
        keep_triage(self.engine(), tracker.sender_id, said)
        events: list[dict[str, Any]] = [SlotSet("triage_level", Level.CALL_EMERGENCY.value)]
        return events + forget_message_text(tracker) + stop_any_form(tracker)


# What the emergency reminder adds for a message it can answer; anything else gets the
# reminder alone. Literal names, so `python -m bot.dialogue.validate` can check them.
AFTER_EMERGENCY = {
    "thank": "utter_you_are_welcome",
    "goodbye": "utter_goodbye",
    "bot_challenge": "utter_iamabot",
    "request_human": "utter_clinic_contact",
    "request_consultation": "utter_after_emergency_consultation",
}


class ActionEmergencyReminder(DatabaseAction):
    """Any message after an emergency instruction: the instruction again, with the payload
    (the widget shows tap-to-call links), then an answer where there is one (predicted by
    RedFlagPolicy). An emergency is never followed by routine questions."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_emergency_reminder"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Repeat the instruction, then answer the message as `AFTER_EMERGENCY` says; no events."""
        level = Level(tracker.get_slot("triage_level"))
        contact = self.contact()
        payload = instruction_payload(level)
        # The same destination as the instruction given (a pregnancy's maternity unit), when the
        # slots still give that level; otherwise the level's usual words.
        now = assess_with(tracker.current_slot_values(), [])
        response = outcome_words(now).level if now.level is level else OUTCOMES[level]
        dispatcher.utter_message(response=response, json_message=payload, **contact)
        intent = tracker.latest_message.get("intent", {}).get("name")
        entities = tracker.latest_message.get("entities", [])
        if intent == "ask_treatment" and any(e.get("entity") == "treatment" for e in entities):
            explain_treatments(self, dispatcher, tracker, domain)
        elif intent in AFTER_EMERGENCY:
            dispatcher.utter_message(response=AFTER_EMERGENCY[intent], **contact)
        return []
