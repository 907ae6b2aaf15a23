"""No question is a dead end (actions/guided_form.py), driven with trackers built in code as
Rasa's form sends them: help, then a way on, then the way on taken; "don't know" is an intake
answer; consent only from an explicit yes; a free-text slot takes only what fits."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.consultation import ValidateConsultationForm
from actions.guided_form import GuidedFormValidation, came_back_from_another_action, misses_so_far
from actions.intake import ValidateIntakeForm
from actions.screening import ValidateScreeningForm
from bot.settings import ROOT

DOMAIN: dict[str, Any] = Domain.load(str(ROOT / "domain.yml")).as_dict()
INTAKE = {"body_region": "neck", "duration": "21", "requested_slot": "pain_score"}
CONSENT = {"requested_slot": "consent_contact"}
SCREENING = {
    "body_region": "lower_back",
    "duration": "21",
    "pain_score": "4",
    "age": "40",
    "radiation": "none",
    "requested_slot": "screening_answer",
    "screening_question": "night_pain",
}


def run(
    action: GuidedFormValidation,
    text: str,
    intent: str,
    slots: dict[str, Any],
    candidates: dict[str, Any] | None = None,
    entities: list[dict[str, str]] | None = None,
    latest: str = "action_listen",
) -> tuple[list[str], dict[str, Any]]:
    """The responses sent and the slot values set, for one message at the form's question."""
    message = {"text": text, "intent": {"name": intent}, "entities": entities or []}
    events = [{"event": "slot", "name": k, "value": v} for k, v in (candidates or {}).items()]
    form = action.name().removeprefix("validate_")
    tracker = Tracker(
        "t", {**slots, **(candidates or {})}, message, events, False, None, {"name": form}, latest
    )
    dispatcher = CollectingDispatcher()
    result = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    said = [str(m.get("response") or "custom") for m in dispatcher.messages]
    return said, {e["name"]: e["value"] for e in result if e["event"] == "slot"}


def test_three_misses_at_one_question_get_help_then_a_way_on_then_take_it() -> None:
    said, slots = run(ValidateIntakeForm(), "no", "deny", INTAKE)
    assert said == ["utter_invalid_pain_score"] and slots["missed_question"] == "pain_score:1"
    said, slots = run(ValidateIntakeForm(), "no", "deny", {**INTAKE, **slots})
    assert said == ["utter_invalid_pain_score", "utter_intake_way_on"]
    assert slots["missed_question"] == "pain_score:2"
    said, slots = run(ValidateIntakeForm(), "no", "deny", {**INTAKE, **slots})
    assert said == ["utter_intake_unknown"]
    assert slots["pain_score"] == "unknown" and slots["missed_question"] is None


def test_back_from_another_action_the_message_is_not_counted_as_a_miss() -> None:
    # "no" answered the bladder question asked at once (actions/warning_topic.py); the intake
    # then asks its own question again without calling that "no" a bad pain score.
    said, slots = run(
        ValidateIntakeForm(), "no", "deny", INTAKE, latest="action_record_warning_topic"
    )
    assert said == [] and "missed_question" not in slots


def test_a_form_knows_whether_it_runs_straight_after_the_message() -> None:
    # The tracker Rasa sends with a validation call ends with the form's own action event.
    listen, form = {"event": "action", "name": "action_listen"}, {"event": "action", "name": "f"}
    user = {"event": "user", "text": "no"}
    record = {"event": "action", "name": "action_record_warning_topic"}
    slot = {"event": "slot", "name": "pain_score", "value": None}

    def back(*events: dict[str, Any]) -> bool:
        tracker = Tracker("t", {}, {}, list(events), False, None, {"name": "f"}, "f")
        return came_back_from_another_action(tracker, "f")

    assert not back(listen, user, slot, form, slot)
    assert back(listen, user, record, slot, form, slot)


def test_a_miss_at_another_question_starts_counting_again() -> None:
    assert misses_so_far("duration:2", "pain_score") == 0
    assert misses_so_far("pain_score:2", "pain_score") == 2
    assert misses_so_far(None, "pain_score") == 0


@pytest.mark.parametrize("text", ["dunno", "no idea", "it varies", "/unsure"])
def test_dont_know_at_the_intake_is_recorded_as_unknown_at_once(text: str) -> None:
    said, slots = run(ValidateIntakeForm(), text, "unsure", INTAKE)
    assert said == ["utter_intake_unknown"] and slots["pain_score"] == "unknown"


def test_a_usable_answer_goes_on_and_clears_the_misses() -> None:
    slots = {**INTAKE, "missed_question": "pain_score:2"}
    said, set_ = run(ValidateIntakeForm(), "6", "inform", slots, {"pain_score": "6"})
    # The entity's text "6" is kept as the number the pain_score slot (type float) holds.
    assert said == [] and set_["pain_score"] == 6 and set_["missed_question"] is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what is physio?", "ask_treatment"),
        ("can I just book a consultation", "request_consultation"),
    ],
)
def test_a_side_question_is_left_to_its_rule(text: str, intent: str) -> None:
    said, slots = run(ValidateIntakeForm(), text, intent, INTAKE)
    assert said == [] and "missed_question" not in slots


@pytest.mark.parametrize("text", ["can you explain that in simpler words please", "no entiendo"])
def test_asking_for_the_question_another_way_gets_its_help_whatever_the_classifier_says(
    text: str,
) -> None:
    # The classifier read "explain that in simpler words" as request_consultation, and the
    # person was taken out of the intake to the consent question (the fuzzer's continuation).
    said, slots = run(ValidateIntakeForm(), text, "request_consultation", INTAKE)
    assert said == ["utter_invalid_pain_score"] and slots["missed_question"] == "pain_score:1"


@pytest.mark.parametrize("text", ["asdfghjkl", "?", "hmm", "skip", "why do you need that"])
def test_consent_is_not_taken_from_anything_but_an_explicit_yes(text: str) -> None:
    said, slots = run(ValidateConsultationForm(), text, "affirm", CONSENT)
    assert "consent_contact" not in slots and said == ["utter_help_consent_contact"]


def test_an_explicit_yes_consents_and_a_no_ends_the_form() -> None:
    _, slots = run(ValidateConsultationForm(), "/affirm", "affirm", CONSENT)
    assert slots["consent_contact"] is True
    _, slots = run(ValidateConsultationForm(), "no thanks", "deny", CONSENT)
    assert slots["consent_contact"] is False and slots["requested_slot"] is None


def test_the_third_miss_at_consent_ends_the_form_with_nothing_saved() -> None:
    slots = {**CONSENT, "missed_question": "consent_contact:2"}
    said, set_ = run(ValidateConsultationForm(), "hmm", "affirm", slots)
    assert set_["request_kind"] == "abandoned" and set_["requested_slot"] is None
    assert "consent_contact" not in set_ and said == []


def test_the_second_miss_offers_the_clinic_phone_as_a_tap_to_call_link() -> None:
    slots = {**CONSENT, "missed_question": "consent_contact:1"}
    said, _ = run(ValidateConsultationForm(), "hmm", "affirm", slots)
    assert said == ["utter_help_consent_contact", "utter_contact_way_on", "custom"]


def test_warning_signs_typed_at_the_name_are_noted_and_not_taken_as_the_name() -> None:
    text = "oh before that, I've been losing weight and the pain wakes me every night"
    flags = [
        {"entity": "red_flag", "value": "weight_loss"},
        {"entity": "red_flag", "value": "night_pain"},
    ]
    asking = {"consent_contact": True, "requested_slot": "contact_name"}
    said, slots = run(
        ValidateConsultationForm(), text, "report_symptom", asking, {"contact_name": text}, flags
    )
    assert slots["contact_name"] is None and said == ["utter_red_flag_noted"]
    assert set(slots["red_flags"]) == {"weight_loss", "night_pain"}


@pytest.mark.parametrize(
    "text", ["skip", "hmm", "yes", "what do you need it for?", "I want to book a consultation now"]
)
def test_answers_that_are_not_names_are_not_saved_as_the_name(text: str) -> None:
    asking = {"consent_contact": True, "requested_slot": "contact_name"}
    _, slots = run(ValidateConsultationForm(), text, "inform", asking, {"contact_name": text})
    assert slots["contact_name"] is None and slots["missed_question"] == "contact_name:1"


def test_changing_the_details_read_back_asks_them_again() -> None:
    details = {
        "consent_contact": True,
        "contact_name": "Sam Lee",
        "contact_detail": "+15550100",
        "contact_time": "mornings",
        "requested_slot": "contact_confirmed",
    }
    said, slots = run(ValidateConsultationForm(), "/deny", "deny", details)
    assert said == ["utter_contact_change"] and slots["contact_name"] is None
    assert "missed_question" in slots and slots["missed_question"] is None


@pytest.mark.parametrize(
    ("text", "intent", "recorded"),
    [("not really, only when I bend", "deny", "unsure_flags"), ("/affirm", "affirm", "red_flags")],
)
def test_a_hedge_at_a_warning_sign_question_is_not_sure_never_no(
    text: str, intent: str, recorded: str
) -> None:
    _, slots = run(ValidateScreeningForm(), text, intent, SCREENING)
    assert slots[recorded] == ["night_pain"] and slots["answered_flags"] == ["night_pain"]


def test_gibberish_the_classifier_calls_deny_is_not_a_no() -> None:
    said, slots = run(ValidateScreeningForm(), "asdfghjkl", "deny", SCREENING)
    assert "answered_flags" not in slots and said == ["utter_screening_help"]
    assert slots["missed_question"] == "screening_answer/night_pain:1"
