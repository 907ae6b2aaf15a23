"""RedFlagPolicy: an urgent red flag in any message, even inside a form, predicts the interrupt."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.interrupt import ASK_TOPIC_ACTION, INTERRUPT_ACTION, RECORD_TOPIC_ACTION
from bot.dialogue.rasa_policy import RedFlagPolicy
from bot.settings import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def policy(tmp_path: Path) -> RedFlagPolicy:
    context = ExecutionContext(GraphSchema({}), "test")
    storage = LocalModelStorage(tmp_path)
    return RedFlagPolicy.create(
        RedFlagPolicy.get_default_config(), storage, Resource("red_flag_policy"), context
    )


def predict(policy: RedFlagPolicy, events: list) -> str | None:  # type: ignore[type-arg]
    tracker = DialogueStateTracker.from_events("t", events, slots=DOMAIN.slots)
    prediction: PolicyPrediction = policy.predict_action_probabilities(tracker, DOMAIN)
    if max(prediction.probabilities) == 0:
        return None
    return DOMAIN.action_names_or_texts[prediction.max_confidence_index]


def said(text: str, *flags: str, intent: str = "report_symptom") -> list:  # type: ignore[type-arg]
    entities = [{"entity": "red_flag", "value": f} for f in flags]
    return [
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered(text, intent={"name": intent, "confidence": 1.0}, entities=entities),
    ]


def test_an_urgent_red_flag_interrupts(policy: RedFlagPolicy) -> None:
    assert predict(policy, said("I can't control my bladder", "bladder_dysfunction")) == (
        INTERRUPT_ACTION
    )


def test_it_interrupts_inside_a_form_whatever_the_intent(policy: RedFlagPolicy) -> None:
    events = [
        ActiveLoop("intake_form"),
        *said("3 weeks, and chest pain", "chest_pain", intent="inform"),
    ]
    assert predict(policy, events) == INTERRUPT_ACTION


def test_a_non_urgent_flag_or_no_flag_does_not_interrupt(policy: RedFlagPolicy) -> None:
    assert predict(policy, said("I've lost some weight", "weight_loss")) is None
    assert predict(policy, said("my back hurts")) is None


def test_earlier_answers_make_a_new_flag_urgent(policy: RedFlagPolicy) -> None:
    events = [SlotSet("red_flags", ["major_trauma"]), *said("my arms tingle", "limb_numbness")]
    assert predict(policy, events) == INTERRUPT_ACTION


def test_an_l3_sign_waits_for_the_follow_ups_that_could_raise_it(policy: RedFlagPolicy) -> None:
    # CLINICAL.md §8.3 A7: one-sided low tummy pain is L3 (doctor today), L2 if the person could
    # be pregnant (NS-3), so the pregnancy question comes before the instruction.
    ovary = said("sharp pain low down on my right side", "one_sided_lower_abdominal_pain")
    assert predict(policy, ovary) is None
    # Once the pregnancy question and the other follow-ups are answered, the L3 stands.
    answered = [
        "possible_pregnancy",
        "sudden_severe_abdominal_pain",
        "upper_abdominal_pain_to_back",
        "flank_pain_to_groin",
        "vomiting_cannot_keep_fluids",
        "jaundice",
        "colicky_cannot_settle",
        "right_upper_pain_to_shoulder_blade",
        "pain_after_eating",
    ]
    settled = [SlotSet("answered_flags", answered), SlotSet("age", "28"), *ovary]
    assert predict(policy, settled) == INTERRUPT_ACTION
    # An L2 sign never waits.
    assert predict(policy, said("I've been sick and can't pee", "no_urine_today")) == (
        INTERRUPT_ACTION
    )


def test_after_the_interrupt_the_bot_listens(policy: RedFlagPolicy) -> None:
    events = [*said("chest pain", "chest_pain"), ActionExecuted(INTERRUPT_ACTION)]
    assert predict(policy, events) == ACTION_LISTEN_NAME


def test_the_interrupt_competes_with_an_active_forms_happy_path(policy: RedFlagPolicy) -> None:
    # Rasa lets "no user" (form happy path) predictions overrule all others; ours must be one too.
    events = [ActiveLoop("intake_form"), *said("and I wet myself", "bladder_dysfunction")]
    tracker = DialogueStateTracker.from_events("t", events, slots=DOMAIN.slots)
    prediction = policy.predict_action_probabilities(tracker, DOMAIN)
    assert prediction.is_no_user_prediction
    assert prediction.policy_priority > 6  # RulePolicy's default priority


def test_after_the_fallback_outside_a_form_the_bot_listens(policy: RedFlagPolicy) -> None:
    events = [*said("zxqv", intent="nlu_fallback"), ActionExecuted("action_handle_fallback")]
    assert predict(policy, events) == ACTION_LISTEN_NAME
    in_form = [ActiveLoop("intake_form"), *events]
    assert predict(policy, in_form) is None  # a rule returns to the form


def test_saying_it_is_an_emergency_is_never_talked_down(policy: RedFlagPolicy) -> None:
    assert predict(policy, said("I need an ambulance", intent="emergency")) == "action_emergency"
    in_form = [ActiveLoop("screening_form"), *said("help it's an emergency", intent="emergency")]
    assert predict(policy, in_form) == "action_emergency"
    after = [*said("sos", intent="emergency"), ActionExecuted("action_emergency")]
    assert predict(policy, after) == ACTION_LISTEN_NAME


def test_a_turn_that_runs_too_many_actions_ends_in_listening(policy: RedFlagPolicy) -> None:
    """Before Rasa's circuit breaker (ten actions) can trip, the turn ends and the bot listens."""
    looping = [ActionExecuted("action_handle_fallback"), ActionExecuted("intake_form")] * 4
    events = [ActiveLoop("intake_form"), *said("no", intent="deny"), *looping]
    assert predict(policy, events) == ACTION_LISTEN_NAME
    assert predict(policy, events[:-2]) is None  # six actions: the turn goes on


def test_a_message_after_a_turn_without_listening_still_gets_an_emergency_answer(
    policy: RedFlagPolicy,
) -> None:
    """A conversation whose last turn ended without listening (as a tripped circuit breaker
    leaves it) still interrupts for an urgent red flag."""
    events = [
        *said("no", intent="deny"),
        ActionExecuted("action_handle_fallback"),
        UserUttered(
            "I can't control my bladder",
            intent={"name": "report_symptom"},
            entities=[{"entity": "red_flag", "value": "bladder_dysfunction"}],
        ),
    ]
    assert predict(policy, events) == INTERRUPT_ACTION


@pytest.mark.parametrize("level", ["call_emergency", "emergency_department"])
def test_after_an_emergency_every_message_gets_the_reminder(
    policy: RedFlagPolicy, level: str
) -> None:
    events = [SlotSet("triage_level", level), *said("what should I do", intent="ask_treatment")]
    assert predict(policy, events) == "action_emergency_reminder"
    assert predict(policy, [*events, ActionExecuted("action_emergency_reminder")]) == (
        ACTION_LISTEN_NAME
    )
    restart = [SlotSet("triage_level", level), *said("/restart", intent="restart")]
    assert predict(policy, restart) is None  # Rasa's own rule restarts the conversation


def test_after_an_outcome_that_is_not_urgent_there_is_no_reminder(policy: RedFlagPolicy) -> None:
    events = [SlotSet("triage_level", "self_care"), *said("ok", intent="affirm")]
    assert predict(policy, events) is None


# --- a warning sign named but not described (issue 15) ---


def topic(text: str, flag: str, intent: str = "report_pain") -> list:  # type: ignore[type-arg]
    return [
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered(
            text,
            intent={"name": intent, "confidence": 1.0},
            entities=[{"entity": "flag_topic", "value": flag}],
        ),
    ]


def test_a_warning_sign_named_but_not_described_is_asked_about_at_once(
    policy: RedFlagPolicy,
) -> None:
    events = [ActiveLoop("intake_form"), *topic("3 weeks, my wee is weird", "bladder_dysfunction")]
    tracker = DialogueStateTracker.from_events("t", events, slots=DOMAIN.slots)
    prediction = policy.predict_action_probabilities(tracker, DOMAIN)
    assert DOMAIN.action_names_or_texts[prediction.max_confidence_index] == ASK_TOPIC_ACTION
    assert prediction.is_no_user_prediction  # before the form's next question
    asked = [
        *events,
        ActionExecuted(ASK_TOPIC_ACTION),
        SlotSet("topic_question", "bladder_dysfunction"),
    ]
    assert predict(policy, asked) == ACTION_LISTEN_NAME
    answered = [*asked, ActionExecuted(ACTION_LISTEN_NAME), *said("no", intent="deny")[1:]]
    assert predict(policy, answered) == RECORD_TOPIC_ACTION
    # Not an answer to that question ("44" at the age question): the form reads it as usual.
    other = [*asked, ActionExecuted(ACTION_LISTEN_NAME), *said("44", intent="inform")[1:]]
    assert predict(policy, other) is None


def test_a_topic_already_answered_or_being_asked_is_not_asked_again(policy: RedFlagPolicy) -> None:
    answered = [
        SlotSet("answered_flags", ["bladder_dysfunction"]),
        *topic("my wee is weird", "bladder_dysfunction"),
    ]
    assert predict(policy, answered) is None
    asking = [
        ActiveLoop("screening_form"),
        SlotSet("requested_slot", "screening_answer"),
        SlotSet("screening_question", "bladder_dysfunction"),
        *topic("what do you mean, my wee?", "bladder_dysfunction"),
    ]
    assert predict(policy, asking) is None


def test_an_urgent_flag_in_the_same_message_wins_over_the_topic(policy: RedFlagPolicy) -> None:
    events = [
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered(
            "my wee is weird and I have chest pain",
            intent={"name": "report_symptom"},
            entities=[
                {"entity": "flag_topic", "value": "bladder_dysfunction"},
                {"entity": "red_flag", "value": "chest_pain"},
            ],
        ),
    ]
    assert predict(policy, events) == INTERRUPT_ACTION
