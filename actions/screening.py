"""Red-flag screening, driven by the triage engine: it says which question is next.

Answers are read by words as well as by intent (bot/language/answers.py): a hedge is "not
sure" (which counts as yes), never "no"; a message that is no answer gets help, then the
"not sure" way on, and a third miss at the same question records "not sure"
(actions/guided_form.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.guided_form import SIDE_INTENTS, GuidedFormValidation
from bot.dialogue.interrupt import assess_with
from bot.dialogue.state import Answer, case_or_back, record_answer
from bot.language.answers import warning_sign_answer
from bot.triage import Flag, pending_questions

DONE = "done"
# The question for each red-flag key (yes / not sure / no buttons in domain.yml). Literal names, so
# `python -m bot.dialogue.validate` can check that each one exists.
QUESTIONS: dict[Flag, str] = {
    Flag.CHEST_PAIN: "utter_ask_chest_pain",
    Flag.TEARING_PAIN: "utter_ask_tearing_pain",
    Flag.FAINTING: "utter_ask_fainting",
    Flag.AORTIC_ANEURYSM: "utter_ask_aortic_aneurysm",
    Flag.STROKE_SYMPTOMS: "utter_ask_stroke_symptoms",
    Flag.SUDDEN_SEVERE_HEADACHE: "utter_ask_sudden_severe_headache",
    Flag.SADDLE_NUMBNESS: "utter_ask_saddle_numbness",
    Flag.BLADDER_DYSFUNCTION: "utter_ask_bladder_dysfunction",
    Flag.BOWEL_DYSFUNCTION: "utter_ask_bowel_dysfunction",
    Flag.SEXUAL_DYSFUNCTION: "utter_ask_sexual_dysfunction",
    Flag.BILATERAL_LEG_SYMPTOMS: "utter_ask_bilateral_leg_symptoms",
    Flag.PROGRESSIVE_WEAKNESS: "utter_ask_progressive_weakness",
    Flag.FOOT_DROP: "utter_ask_foot_drop",
    Flag.UNABLE_TO_WALK: "utter_ask_unable_to_walk",
    Flag.GAIT_DISTURBANCE: "utter_ask_gait_disturbance",
    Flag.HAND_CLUMSINESS: "utter_ask_hand_clumsiness",
    Flag.MAJOR_TRAUMA: "utter_ask_major_trauma",
    Flag.MINOR_TRAUMA: "utter_ask_minor_trauma",
    Flag.LIMB_NUMBNESS: "utter_ask_limb_numbness",
    Flag.LIMB_WEAKNESS: "utter_ask_limb_weakness",
    Flag.LHERMITTE: "utter_ask_lhermitte",
    Flag.BOTH_HANDS_NUMB: "utter_ask_both_hands_numb",
    Flag.BRUISING: "utter_ask_bruising",
    Flag.OSTEOPOROSIS_OR_STEROIDS: "utter_ask_osteoporosis_or_steroids",
    Flag.FEVER: "utter_ask_fever",
    Flag.CONFUSION_OR_RASH: "utter_ask_confusion_or_rash",
    Flag.VERY_UNWELL: "utter_ask_very_unwell",
    Flag.MENINGISM: "utter_ask_meningism",
    Flag.IV_DRUG_USE: "utter_ask_iv_drug_use",
    Flag.IMMUNOSUPPRESSION: "utter_ask_immunosuppression",
    Flag.CANCER_HISTORY: "utter_ask_cancer_history",
    Flag.WEIGHT_LOSS: "utter_ask_weight_loss",
    Flag.NIGHT_PAIN: "utter_ask_night_pain",
    Flag.INFLAMMATORY_PATTERN: "utter_ask_inflammatory_pattern",
}


def next_question(slots: dict[str, Any]) -> Flag | None:
    pending = pending_questions(case_or_back(slots, {}))
    return pending[0] if pending else None


class ActionAskScreeningAnswer(Action):
    """Ask the engine's next pending red-flag question (yes / not sure / no); the first question
    of a conversation comes after the line that says why these questions are asked."""

    def name(self) -> str:
        return "action_ask_screening_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        flag = next_question(tracker.current_slot_values())
        if flag is None:
            return [SlotSet("screening_answer", DONE)]
        if tracker.get_slot("screening_question") is None:
            dispatcher.utter_message(response="utter_screening_intro")
        dispatcher.utter_message(response=QUESTIONS[flag])
        return [SlotSet("screening_question", flag.value)]


def _asked(slots: dict[str, Any]) -> Flag | None:
    asked = slots.get("screening_question")
    return Flag(asked) if asked in {f.value for f in Flag} else None


def recorded(slots: dict[str, Any], flag: Flag, answer: Answer) -> dict[str, Any]:
    """The slot values after `flag` was answered; screening_answer is "done" when nothing is
    pending or the answers make the case urgent, else None (the next question is asked)."""
    lists = record_answer(slots, flag, answer)
    updated = {**slots, **lists}
    urgent = assess_with(updated, []).interrupt
    finished = urgent or next_question(updated) is None
    return {**lists, "screening_answer": DONE if finished else None}


class ValidateScreeningForm(GuidedFormValidation):
    """Record each answer; finish when nothing is pending or an answer makes the case urgent."""

    # Asking for a consultation leaves this form for the consultation form (data/rules.yml).
    side_intents = SIDE_INTENTS | {"request_consultation"}

    def name(self) -> str:
        return "validate_screening_form"

    def step(self, tracker: Tracker, requested: str) -> str:
        return f"{requested}/{tracker.get_slot('screening_question')}"

    def answered(self, values: Mapping[str, Any], requested: str, required: list[str]) -> bool:
        return "answered_flags" in values  # an answer recorded, whatever comes next

    def extract_screening_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "screening_answer":
            return {}
        message = tracker.latest_message
        answer = warning_sign_answer(
            str(message.get("text") or ""), message.get("intent", {}).get("name")
        )
        return {"screening_answer": answer} if answer else {}

    def validate_screening_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        slots = tracker.current_slot_values()
        if value == DONE and next_question(slots) is None:
            # The screening ran before and a later fact (a new duration after the outcome)
            # leaves nothing to ask: the form finishes at once and the outcome follows.
            return {"screening_answer": DONE}
        flag = _asked(slots)
        if value not in ("yes", "no", "unsure") or flag is None:
            return {"screening_answer": None}
        return recorded(slots, flag, value)

    def help(self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str) -> None:
        dispatcher.utter_message(response="utter_screening_help")

    def offer_way_on(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> None:
        dispatcher.utter_message(response="utter_screening_way_on")

    def take_way_on(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[dict[str, Any]]:
        slots = tracker.current_slot_values()
        flag = _asked(slots)
        if flag is None:
            return []
        dispatcher.utter_message(response="utter_screening_taken_as_unsure")
        return [SlotSet(name, value) for name, value in recorded(slots, flag, "unsure").items()]
