"""Red-flag screening, driven by the triage engine: it says which question is next.

Two modes (clinic.yml `screening`, CLINICAL.md §8): one question per warning sign, or a few
grouped "any of these?" questions with one "which of these?" follow-up each
(bot/dialogue/grouped.py says what to ask and how an answer changes the slots). The mode is chosen
when screening starts and kept in the `screening_mode` slot.

Answers are read by words as well as by intent (bot/language/answers.py): a hedge is "not
sure" (which counts as yes), never "no"; a message that is no answer gets help, then the
"not sure" way on, and a third miss at the same question records "not sure"
(actions/guided_form.py). A follow-up takes taps, numbers or words
(bot/language/choices.py)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic_details import ClinicAction, contact_values
from actions.guided_form import SIDE_INTENTS, GuidedFormValidation
from actions.side_paths import domain_text
from bot.clinic import screening_mode_for
from bot.dialogue import grouped
from bot.dialogue.state import Answer, case_or_back, record_answer
from bot.language import choices
from bot.language.answers import explicit_no, warning_sign_answer
from bot.triage import Flag, questions_to_ask
from bot.triage.groups import FOLLOW_UP

# How the screening form ends: Rasa ends a form whose validation or question action sets
# requested_slot to None (rasa/core/actions/forms.py, FormAction.is_done). The answer slot only
# ever holds the answer being recorded.
REQUESTED_SLOT = "requested_slot"
SCREENING_OVER: dict[str, Any] = {REQUESTED_SLOT: None}
# The question for each red-flag key (yes / not sure / no buttons in domain.yml). Literal names, so
# `python -m bot.dialogue.validate` can check that each one exists.
QUESTIONS: dict[Flag, str] = {
    Flag.CHEST_PAIN: "utter_screen_chest_pain",
    Flag.TEARING_PAIN: "utter_screen_tearing_pain",
    Flag.FAINTING: "utter_screen_fainting",
    Flag.AORTIC_ANEURYSM: "utter_screen_aortic_aneurysm",
    Flag.STROKE_SYMPTOMS: "utter_screen_stroke_symptoms",
    Flag.SUDDEN_SEVERE_HEADACHE: "utter_screen_sudden_severe_headache",
    Flag.SADDLE_NUMBNESS: "utter_screen_saddle_numbness",
    Flag.BLADDER_DYSFUNCTION: "utter_screen_bladder_dysfunction",
    Flag.BOWEL_DYSFUNCTION: "utter_screen_bowel_dysfunction",
    Flag.SEXUAL_DYSFUNCTION: "utter_screen_sexual_dysfunction",
    Flag.BILATERAL_LEG_SYMPTOMS: "utter_screen_bilateral_leg_symptoms",
    Flag.PROGRESSIVE_WEAKNESS: "utter_screen_progressive_weakness",
    Flag.FOOT_DROP: "utter_screen_foot_drop",
    Flag.UNABLE_TO_WALK: "utter_screen_unable_to_walk",
    Flag.GAIT_DISTURBANCE: "utter_screen_gait_disturbance",
    Flag.HAND_CLUMSINESS: "utter_screen_hand_clumsiness",
    Flag.MAJOR_TRAUMA: "utter_screen_major_trauma",
    Flag.MINOR_TRAUMA: "utter_screen_minor_trauma",
    Flag.LIMB_NUMBNESS: "utter_screen_limb_numbness",
    Flag.LIMB_WEAKNESS: "utter_screen_limb_weakness",
    Flag.LHERMITTE: "utter_screen_lhermitte",
    Flag.BOTH_HANDS_NUMB: "utter_screen_both_hands_numb",
    Flag.BRUISING: "utter_screen_bruising",
    Flag.OSTEOPOROSIS_OR_STEROIDS: "utter_screen_osteoporosis_or_steroids",
    Flag.FEVER: "utter_screen_fever",
    Flag.CONFUSION_OR_RASH: "utter_screen_confusion_or_rash",
    Flag.VERY_UNWELL: "utter_screen_very_unwell",
    Flag.MENINGISM: "utter_screen_meningism",
    Flag.IV_DRUG_USE: "utter_screen_iv_drug_use",
    Flag.IMMUNOSUPPRESSION: "utter_screen_immunosuppression",
    Flag.CANCER_HISTORY: "utter_screen_cancer_history",
    Flag.WEIGHT_LOSS: "utter_screen_weight_loss",
    Flag.NIGHT_PAIN: "utter_screen_night_pain",
    Flag.INFLAMMATORY_PATTERN: "utter_screen_inflammatory_pattern",
    # CLINICAL.md §7 (pain that may not come from the spine): the four gateways and their
    # follow-ups (§7B), and the fit asked after a fever (NS-8).
    Flag.ABDOMINAL_OR_FLANK_PAIN: "utter_screen_abdominal_or_flank_pain",
    Flag.URINARY_SYMPTOMS: "utter_screen_urinary_symptoms",
    Flag.POSSIBLE_PREGNANCY: "utter_screen_possible_pregnancy",
    Flag.KNOWN_PREGNANCY: "utter_screen_known_pregnancy",
    Flag.LOWER_ABDOMINAL_PELVIC_PAIN: "utter_screen_lower_abdominal_pelvic_pain",
    Flag.ONE_SIDED_LOWER_ABDOMINAL_PAIN: "utter_screen_one_sided_lower_abdominal_pain",
    Flag.VAGINAL_BLEEDING: "utter_screen_vaginal_bleeding",
    Flag.HEAVY_BLEEDING_OR_CLOTS: "utter_screen_heavy_bleeding_or_clots",
    Flag.SHOULDER_TIP_PAIN: "utter_screen_shoulder_tip_pain",
    Flag.SUDDEN_SEVERE_ABDOMINAL_PAIN: "utter_screen_sudden_severe_abdominal_pain",
    Flag.CONTRACTIONS_OR_RHYTHMIC_BACK_PAIN: "utter_screen_contractions_or_rhythmic_back_pain",
    Flag.FLUID_LEAK_VAGINAL: "utter_screen_fluid_leak_vaginal",
    Flag.REDUCED_FETAL_MOVEMENTS: "utter_screen_reduced_fetal_movements",
    Flag.FLANK_PAIN_TO_GROIN: "utter_screen_flank_pain_to_groin",
    Flag.COLICKY_CANNOT_SETTLE: "utter_screen_colicky_cannot_settle",
    Flag.PAIN_NOT_EASED_BY_PAINKILLERS: "utter_screen_pain_not_eased_by_painkillers",
    Flag.VOMITING_CANNOT_KEEP_FLUIDS: "utter_screen_vomiting_cannot_keep_fluids",
    Flag.PREVIOUS_KIDNEY_STONES: "utter_screen_previous_kidney_stones",
    Flag.UPPER_ABDOMINAL_PAIN_TO_BACK: "utter_screen_upper_abdominal_pain_to_back",
    Flag.RIGHT_UPPER_PAIN_TO_SHOULDER_BLADE: "utter_screen_right_upper_pain_to_shoulder_blade",
    Flag.PAIN_AFTER_EATING: "utter_screen_pain_after_eating",
    Flag.JAUNDICE: "utter_screen_jaundice",
    Flag.PAINFUL_URINATION: "utter_screen_painful_urination",
    Flag.URINARY_FREQUENCY_URGENCY: "utter_screen_urinary_frequency_urgency",
    Flag.BLOOD_IN_URINE: "utter_screen_blood_in_urine",
    Flag.NO_URINE_TODAY: "utter_screen_no_urine_today",
    Flag.KIDNEY_RISK: "utter_screen_kidney_risk",
    Flag.URINARY_TRACT_RISK: "utter_screen_urinary_tract_risk",
    Flag.ONE_SIDED_BAND_PAIN: "utter_screen_one_sided_band_pain",
    Flag.SHINGLES_RASH: "utter_screen_shingles_rash",
    Flag.RASH_NEAR_EYE: "utter_screen_rash_near_eye",
    Flag.SEIZURE: "utter_screen_seizure",
}


# The label of each item in a grouped question (CLINICAL.md §8.2), as domain responses.
ITEM_LABELS: dict[Flag, str] = {
    Flag.CHEST_PAIN: "utter_screen_item_chest_pain",
    Flag.TEARING_PAIN: "utter_screen_item_tearing_pain",
    Flag.FAINTING: "utter_screen_item_fainting",
    Flag.AORTIC_ANEURYSM: "utter_screen_item_aortic_aneurysm",
    Flag.STROKE_SYMPTOMS: "utter_screen_item_stroke_symptoms",
    Flag.SADDLE_NUMBNESS: "utter_screen_item_saddle_numbness",
    Flag.BLADDER_DYSFUNCTION: "utter_screen_item_bladder_dysfunction",
    Flag.BOWEL_DYSFUNCTION: "utter_screen_item_bowel_dysfunction",
    Flag.SEXUAL_DYSFUNCTION: "utter_screen_item_sexual_dysfunction",
    Flag.BILATERAL_LEG_SYMPTOMS: "utter_screen_item_bilateral_leg_symptoms",
    Flag.PROGRESSIVE_WEAKNESS: "utter_screen_item_progressive_weakness",
    Flag.GAIT_DISTURBANCE: "utter_screen_item_gait_disturbance",
    Flag.FOOT_DROP: "utter_screen_item_foot_drop",
    Flag.MAJOR_TRAUMA: "utter_screen_item_major_trauma",
    Flag.MINOR_TRAUMA: "utter_screen_item_minor_trauma",
    Flag.SUDDEN_SEVERE_HEADACHE: "utter_screen_item_sudden_severe_headache",
    Flag.FEVER: "utter_screen_item_fever",
    Flag.MENINGISM: "utter_screen_item_meningism",
    Flag.CANCER_HISTORY: "utter_screen_item_cancer_history",
    Flag.IMMUNOSUPPRESSION: "utter_screen_item_immunosuppression",
    Flag.IV_DRUG_USE: "utter_screen_item_iv_drug_use",
    Flag.OSTEOPOROSIS_OR_STEROIDS: "utter_screen_item_osteoporosis_or_steroids",
    Flag.WEIGHT_LOSS: "utter_screen_item_weight_loss",
    Flag.NIGHT_PAIN: "utter_screen_item_night_pain",
    Flag.HAND_CLUMSINESS: "utter_screen_item_hand_clumsiness",
    Flag.BOTH_HANDS_NUMB: "utter_screen_item_both_hands_numb",
    Flag.LHERMITTE: "utter_screen_item_lhermitte",
    Flag.UNABLE_TO_WALK: "utter_screen_item_unable_to_walk",
    Flag.LIMB_NUMBNESS: "utter_screen_item_limb_numbness",
    Flag.BRUISING: "utter_screen_item_bruising",
    Flag.VERY_UNWELL: "utter_screen_item_very_unwell",
    Flag.CONFUSION_OR_RASH: "utter_screen_item_confusion_or_rash",
    # §7 gateways and follow-ups (B6, N7 and the follow-up groups), and the two keys no group
    # lists, so that every key a follow-up group may list has a label.
    Flag.ABDOMINAL_OR_FLANK_PAIN: "utter_screen_item_abdominal_or_flank_pain",
    Flag.URINARY_SYMPTOMS: "utter_screen_item_urinary_symptoms",
    Flag.POSSIBLE_PREGNANCY: "utter_screen_item_possible_pregnancy",
    Flag.KNOWN_PREGNANCY: "utter_screen_item_known_pregnancy",
    Flag.LOWER_ABDOMINAL_PELVIC_PAIN: "utter_screen_item_lower_abdominal_pelvic_pain",
    Flag.ONE_SIDED_LOWER_ABDOMINAL_PAIN: "utter_screen_item_one_sided_lower_abdominal_pain",
    Flag.VAGINAL_BLEEDING: "utter_screen_item_vaginal_bleeding",
    Flag.HEAVY_BLEEDING_OR_CLOTS: "utter_screen_item_heavy_bleeding_or_clots",
    Flag.SHOULDER_TIP_PAIN: "utter_screen_item_shoulder_tip_pain",
    Flag.SUDDEN_SEVERE_ABDOMINAL_PAIN: "utter_screen_item_sudden_severe_abdominal_pain",
    Flag.CONTRACTIONS_OR_RHYTHMIC_BACK_PAIN: "utter_screen_item_contractions_or_rhythmic_back_pain",
    Flag.FLUID_LEAK_VAGINAL: "utter_screen_item_fluid_leak_vaginal",
    Flag.REDUCED_FETAL_MOVEMENTS: "utter_screen_item_reduced_fetal_movements",
    Flag.FLANK_PAIN_TO_GROIN: "utter_screen_item_flank_pain_to_groin",
    Flag.COLICKY_CANNOT_SETTLE: "utter_screen_item_colicky_cannot_settle",
    Flag.PAIN_NOT_EASED_BY_PAINKILLERS: "utter_screen_item_pain_not_eased_by_painkillers",
    Flag.VOMITING_CANNOT_KEEP_FLUIDS: "utter_screen_item_vomiting_cannot_keep_fluids",
    Flag.PREVIOUS_KIDNEY_STONES: "utter_screen_item_previous_kidney_stones",
    Flag.UPPER_ABDOMINAL_PAIN_TO_BACK: "utter_screen_item_upper_abdominal_pain_to_back",
    Flag.RIGHT_UPPER_PAIN_TO_SHOULDER_BLADE: "utter_screen_item_right_upper_pain_to_shoulder_blade",
    Flag.PAIN_AFTER_EATING: "utter_screen_item_pain_after_eating",
    Flag.JAUNDICE: "utter_screen_item_jaundice",
    Flag.PAINFUL_URINATION: "utter_screen_item_painful_urination",
    Flag.URINARY_FREQUENCY_URGENCY: "utter_screen_item_urinary_frequency_urgency",
    Flag.BLOOD_IN_URINE: "utter_screen_item_blood_in_urine",
    Flag.NO_URINE_TODAY: "utter_screen_item_no_urine_today",
    Flag.KIDNEY_RISK: "utter_screen_item_kidney_risk",
    Flag.URINARY_TRACT_RISK: "utter_screen_item_urinary_tract_risk",
    Flag.ONE_SIDED_BAND_PAIN: "utter_screen_item_one_sided_band_pain",
    Flag.SHINGLES_RASH: "utter_screen_item_shingles_rash",
    Flag.RASH_NEAR_EYE: "utter_screen_item_rash_near_eye",
    Flag.SEIZURE: "utter_screen_item_seizure",
    Flag.LIMB_WEAKNESS: "utter_screen_item_limb_weakness",
    Flag.INFLAMMATORY_PATTERN: "utter_screen_item_inflammatory_pattern",
}
# A label that depends on what was said before: feeling very unwell is asked after a fever (B4) and
# after a one-sided rash (NS-7), and its B4 label names the fever.
LABEL_WITHOUT_FEVER: dict[Flag, str] = {
    Flag.VERY_UNWELL: "utter_screen_item_very_unwell_without_fever",
}
# The "which of these?" message and the title of its way out: after a group question (§8.3 A2),
# and for a follow-up group, which comes without a group question before it (keyed True).
WHICH: dict[bool, tuple[str, str]] = {
    False: ("utter_screen_which", "utter_screen_none_after_all"),
    True: ("utter_screen_follow_up", "utter_screen_none_of_these"),
}
# What the two extra follow-up buttons send (bot/language/choices.py reads them).
NOT_SURE_WHICH, NONE_AFTER_ALL = "not_sure_which", "none_after_all"


def label_response(flag: Flag, slots: Mapping[str, Any] | None = None) -> str:
    """The domain response that labels an item, for the person these slots describe."""
    # Rasa sends every slot, unset ones as None.
    present = {*((slots or {}).get("red_flags") or []), *((slots or {}).get("unsure_flags") or [])}
    if slots is not None and flag in LABEL_WITHOUT_FEVER and Flag.FEVER.value not in present:
        return LABEL_WITHOUT_FEVER[flag]
    return ITEM_LABELS[flag]


def labelled(
    domain: dict[str, Any], items: tuple[Flag, ...], slots: Mapping[str, Any] | None = None
) -> list[tuple[str, str]]:
    """(key, label) for each item, labels from the domain."""
    return [(flag.value, domain_text(domain, label_response(flag, slots))) for flag in items]


def numbered(labels: list[tuple[str, str]]) -> str:
    """The items as a numbered list, one a line."""
    return "\n".join(f"{i}. {label}" for i, (_, label) in enumerate(labels, 1))


def choice_button(title: str, keys: str) -> dict[str, str]:
    """A follow-up button: its payload names the item keys it stands for."""
    return {"title": title, "payload": "/inform" + json.dumps({"screen_items": keys})}


def ends_screening(updates: Mapping[str, Any]) -> bool:
    """Whether these slot updates end the screening form (`SCREENING_OVER`)."""
    return REQUESTED_SLOT in updates and updates[REQUESTED_SLOT] is None


def next_question(slots: dict[str, Any]) -> Flag | None:
    """The engine's next question (`questions_to_ask`), or None when screening is over."""
    todo = questions_to_ask(case_or_back(slots, {}))
    return todo[0] if todo else None


class ActionAskScreeningAnswer(ClinicAction):
    """Ask the next screening question: the engine's next pending red flag (yes / not sure /
    no), or in grouped mode the next group, its "which of these?" follow-up or a clarifying
    question. The first question of a conversation comes after the line that says why these
    questions are asked."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_ask_screening_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Ask the next question, or end the form (requested_slot None) when nothing is left to
        ask; the events keep the mode and the question asked."""
        slots = tracker.current_slot_values()
        events: list[dict[str, Any]] = []
        if not slots.get("screening_mode"):
            mode = screening_mode_for(self.clinic(), tracker.sender_id)
            slots["screening_mode"] = mode
            events.append(SlotSet("screening_mode", mode))
        first = tracker.get_slot("screening_question") is None
        if slots["screening_mode"] == "grouped":
            return events + self.ask_grouped(dispatcher, slots, domain, intro=first)
        flag = next_question(slots)
        if flag is None:  # a screening started again with nothing left to ask
            return [*events, SlotSet(REQUESTED_SLOT, None)]
        if first:
            dispatcher.utter_message(response="utter_screening_intro")
        dispatcher.utter_message(response=QUESTIONS[flag])
        return [*events, SlotSet("screening_question", flag.value)]

    def ask_grouped(
        self,
        dispatcher: CollectingDispatcher,
        slots: dict[str, Any],
        domain: dict[str, Any],
        *,
        intro: bool,
    ) -> list[dict[str, Any]]:
        """Ask the next grouped-screening question (bot/dialogue/grouped.py)."""
        ask = grouped.next_ask(slots)
        if ask.kind == "done":
            return [SlotSet(REQUESTED_SLOT, None)]
        if intro:
            dispatcher.utter_message(response="utter_screening_intro")
        if ask.kind == "single":
            dispatcher.utter_message(response=QUESTIONS[ask.items[0]])
        elif ask.kind == "clarify" and ask.response:
            dispatcher.utter_message(response=ask.response)
        elif ask.kind == "group" and ask.response:
            items = labelled(domain, ask.items, slots)
            dispatcher.utter_message(response=ask.response, screen_list=numbered(items))
        elif ask.kind == "which":
            if ask.instruction_first:  # §8.3 A4: the L1 instruction before "which of these?"
                dispatcher.utter_message(
                    response="utter_screen_which_l1_first", **contact_values(self.clinic())
                )
            items = labelled(domain, ask.items, slots)
            which, none = WHICH[ask.group is not None and ask.group.name == FOLLOW_UP]
            buttons = [choice_button(label, key) for key, label in items]
            buttons += [
                choice_button(domain_text(domain, "utter_screen_not_sure_which"), NOT_SURE_WHICH),
                choice_button(domain_text(domain, none), NONE_AFTER_ALL),
            ]
            dispatcher.utter_message(
                response=which,
                screen_list=numbered(items),
                buttons=buttons,
                json_message={"choose": {"multiple": True}},
            )
        return [SlotSet("screening_question", ask.question)]


def _asked(slots: dict[str, Any]) -> Flag | None:
    asked = slots.get("screening_question")
    return Flag(asked) if asked in {f.value for f in Flag} else None


_NOT_SURE_WHICH_JSON = json.dumps({"not_sure_which": True})


def picked_answer(tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
    """The follow-up's answer as the slot value (a JSON object of bot.dialogue.grouped.Picked's
    fields), from a button's `screen_items` or typed numbers and words; {} if it is none.

    A bare number also reads as a pain score: the one this message set is put back."""
    message = tracker.latest_message
    entities = message.get("entities") or []
    sent = [str(e.get("value")) for e in entities if e.get("entity") == "screen_items"]
    text = " ".join(sent) or str(message.get("text") or "")
    current = tracker.current_slot_values()
    items = labelled(domain, grouped.next_ask(current).items, current)
    choice = choices.read_choice(text, items)
    if choice is not None:
        picked = grouped.Picked(
            chosen=choice.chosen,
            unsure=choice.unsure,
            not_sure_which=choice.not_sure_which,
            none_after_all=choice.none_after_all,
        )
    else:
        # A plain answer to the question before ("No" tapped again, "not sure"): no is "none of
        # these after all"; not sure, or yes without naming one, is "not sure which".
        plain = warning_sign_answer(text, message.get("intent", {}).get("name"))
        if plain is None:
            return {}
        picked = grouped.Picked(none_after_all=plain == "no", not_sure_which=plain != "no")
    value = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in asdict(picked).items()}
    slots: dict[str, Any] = {"screening_answer": json.dumps(value)}
    if any(e.get("entity") == "pain_score" for e in entities):
        slots["pain_score"] = value_before_message(tracker, "pain_score")
    return slots


def value_before_message(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest user message set it (None if it had none)."""
    passed_message = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            passed_message = True
        elif passed_message and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


def named_items(text: str, slots: dict[str, Any], domain: dict[str, Any]) -> frozenset[str]:
    """The listed items a message names by number or words (for a denial of some of them)."""
    return choices.named_items(text, labelled(domain, grouped.next_ask(slots).items, slots))


def recorded_grouped(slots: dict[str, Any], value: Any) -> dict[str, Any]:
    """The slot values after an answer in grouped mode (bot/dialogue/grouped.py): the answer
    recorded and screening_answer emptied, with `SCREENING_OVER` when nothing is left to ask.
    An answer that fits no question asked leaves only screening_answer emptied."""
    asked = str(slots.get("screening_question") or "")
    updates: dict[str, Any]
    if asked.startswith("which:") and isinstance(value, str) and value.startswith("{"):
        picked = json.loads(value)
        updates = grouped.record_which(
            slots,
            grouped.Picked(
                chosen=frozenset(picked.get("chosen", [])),
                unsure=frozenset(picked.get("unsure", [])),
                not_sure_which=bool(picked.get("not_sure_which")),
                none_after_all=bool(picked.get("none_after_all")),
            ),
        )
    elif asked.startswith("group:") and isinstance(value, str) and value.startswith("{"):
        updates = grouped.record_denied_items(slots, json.loads(value).get("denied", []))
    elif asked.startswith("group:") and value in ("yes", "no", "unsure"):
        updates = grouped.record_group_answer(slots, value)
    elif asked.startswith("clarify:") and value in ("yes", "no", "unsure"):
        updates = grouped.record_clarifying(slots, value)
    elif (flag := _asked(slots)) is not None and value in ("yes", "no", "unsure"):
        updates = {**record_answer(slots, flag, value), "screening_question": grouped.NEXT}
    else:
        return {"screening_answer": None}
    over = grouped.finished({**slots, **updates})
    return {**updates, "screening_answer": None, **(SCREENING_OVER if over else {})}


def recorded(slots: dict[str, Any], flag: Flag, answer: Answer) -> dict[str, Any]:
    """The slot values after `flag` was answered: the lists, screening_answer emptied, and
    `SCREENING_OVER` when nothing is left to ask (`questions_to_ask`: an urgent answer ends
    screening unless a follow-up of what was said could still change the level); otherwise the
    form asks the next question."""
    lists = record_answer(slots, flag, answer)
    over = next_question({**slots, **lists}) is None
    return {**lists, "screening_answer": None, **(SCREENING_OVER if over else {})}


class ValidateScreeningForm(GuidedFormValidation):
    """Record each answer; finish when nothing is pending or an answer makes the case urgent."""

    # Asking for a consultation leaves this form for the consultation form (data/rules.yml).
    side_intents = SIDE_INTENTS | {"request_consultation"}
    way_on_offer = "utter_screening_way_on"

    def name(self) -> str:
        """Rasa's name for this action."""
        return "validate_screening_form"

    def step(self, tracker: Tracker, requested: str) -> str:
        """One step per question asked: "screening_answer/<screening_question>"."""
        return f"{requested}/{tracker.get_slot('screening_question')}"

    def answered(self, values: Mapping[str, Any], requested: str, required: list[str]) -> bool:
        """An answer was recorded, or a grouped question moved on to its follow-up."""
        # An answer recorded, or a grouped question moved on to its follow-up.
        return "answered_flags" in values or "screening_question" in values

    def extract_screening_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """The answer to the question asked: "yes", "no" or "unsure" read by words and intent,
        or a follow-up's choice or a group's denied items as JSON; {} when it is no answer."""
        if tracker.get_slot("requested_slot") != "screening_answer":
            return {}
        message = tracker.latest_message
        text = str(message.get("text") or "")
        asked = str(tracker.get_slot("screening_question") or "")
        if tracker.get_slot("screening_mode") == "grouped" and asked.startswith("which:"):
            return picked_answer(tracker, domain)
        answer = warning_sign_answer(text, message.get("intent", {}).get("name"))
        if answer == "no" and asked.startswith("group:") and not explicit_no(text):
            # "no bladder trouble" at a group: "no" for the items it names, not the group (A8).
            named = named_items(text, tracker.current_slot_values(), domain)
            if named:
                return {"screening_answer": json.dumps({"denied": sorted(named)})}
        return {"screening_answer": answer} if answer else {}

    def validate_screening_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """Record the answer in the flag lists and empty the slot; end the form when nothing is left
        to ask (`recorded`, `recorded_grouped`)."""
        slots = tracker.current_slot_values()
        if slots.get("screening_mode") == "grouped":
            return recorded_grouped(slots, value)
        flag = _asked(slots)
        if value not in ("yes", "no", "unsure") or flag is None:
            return {"screening_answer": None}
        return recorded(slots, flag, value)

    def help(self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str) -> None:
        """The help for a "which of these?" follow-up, or for a yes / no question."""
        if str(tracker.get_slot("screening_question") or "").startswith("which:"):
            dispatcher.utter_message(response="utter_screen_which_help")
        else:
            dispatcher.utter_message(response="utter_screening_help")

    def take_way_on(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[dict[str, Any]]:
        """After three misses, record "not sure" for the question (every listed item in grouped
        mode) and say so."""
        slots = tracker.current_slot_values()
        if slots.get("screening_mode") == "grouped":
            # Three misses at a grouped question or follow-up: every listed item "not sure".
            asked = str(slots.get("screening_question") or "")
            value = "unsure" if not asked.startswith("which:") else _NOT_SURE_WHICH_JSON
            if not asked.startswith(("group:", "which:", "clarify:")) and _asked(slots) is None:
                return []
            dispatcher.utter_message(response="utter_screening_taken_as_unsure")
            return [SlotSet(k, v) for k, v in recorded_grouped(slots, value).items()]
        flag = _asked(slots)
        if flag is None:
            return []
        dispatcher.utter_message(response="utter_screening_taken_as_unsure")
        return [SlotSet(name, value) for name, value in recorded(slots, flag, "unsure").items()]
