"""A red flag mentioned at any point interrupts whatever is going on (DESIGN.md).

Rasa rules cannot say "any message with a red_flag entity, whatever the intent, even inside a
form", so this small policy does: when the latest user message carries a red flag and the
triage engine, given everything known so far, says the level is urgent, it predicts
`action_red_flag_interrupt` with full confidence and a priority above the RulePolicy (and when
the person says it is an emergency, `action_emergency`). Once an emergency instruction has been
given (level call_emergency or emergency_department), every later message gets
`action_emergency_reminder`, which repeats it and then answers what it can. A warning sign named
but not described (a `flag_topic` entity, "something's not right with my bladder") gets
`action_ask_warning_topic` before anything else, and the yes / not sure / no that answers it
`action_record_warning_topic` (actions/warning_topic.py).

It also keeps every turn finite. After either urgent action, the reminder, and the fallback
action outside a form, it predicts listening, which keeps a message nobody understood from
looping through the core fallback. And it predicts listening once a turn has run
`TURN_ACTION_CAP` actions: Rasa's circuit breaker stops a turn at ten actions without
listening, and then counts the next turn's actions on top of them, which left a conversation
that tripped it without any reply, emergencies included. Otherwise it abstains. It has nothing
to learn.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.interrupt import (
    ASK_TOPIC_ACTION,
    INTERRUPT_ACTION,
    RECORD_TOPIC_ACTION,
    topic_to_ask,
    urgent_red_flags,
)
from bot.language.answers import warning_sign_answer

PRIORITY = 7  # above RulePolicy (6), so an emergency wins over an active form
FALLBACK_ACTION = "action_handle_fallback"
EMERGENCY_INTENT = "emergency"
EMERGENCY_ACTION = "action_emergency"
REMINDER_ACTION = "action_emergency_reminder"
WAIT_AFTER = (INTERRUPT_ACTION, EMERGENCY_ACTION, REMINDER_ACTION, ASK_TOPIC_ACTION)
EMERGENCY_LEVELS = ("call_emergency", "emergency_department")
# Below Rasa's circuit breaker (MAX_NUMBER_OF_PREDICTIONS, 10): the longest ordinary turn (an
# answer that ends a form and starts the next) runs five actions.
TURN_ACTION_CAP = 8
# Intents Rasa's own default rules answer (restarting the conversation).
DEFAULT_INTENTS = ("restart", "session_start")


def user_just_spoke(tracker: DialogueStateTracker) -> bool:
    """True when nothing has run since the person's latest message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted):
            return False
    return False


def asked_topic_last(tracker: DialogueStateTracker) -> bool:
    """True when the bot's last turn asked about a warning sign the person had named (the
    message is then read as that answer first; anything else goes to the form as usual)."""
    listened = False
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted):
            if event.action_name == ACTION_LISTEN_NAME and not listened:
                listened = True
                continue
            if listened:
                return bool(event.action_name == ASK_TOPIC_ACTION)
    return False


def actions_since_listening(tracker: DialogueStateTracker) -> int:
    """Actions run since the bot last listened, counted as Rasa's circuit breaker counts them."""
    count = 0
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted):
            if event.action_name == ACTION_LISTEN_NAME:
                break
            count += 1
    return count


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class RedFlagPolicy(Policy):  # type: ignore[misc]
    """The interrupting, reminding and turn-ending predictions of the module docstring; abstains
    otherwise (all-zero probabilities), so RulePolicy decides."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Rasa's policy configuration: only the priority, `PRIORITY`, above RulePolicy's."""
        return {"priority": PRIORITY}

    def train(
        self,
        training_trackers: list[TrackerWithCachedStates],
        domain: Domain,
        **kwargs: Any,
    ) -> Resource:
        """Learn nothing: the predictions come from the triage engine and the tracker."""
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """One action with probability 1.0 (interrupt, emergency, reminder, warning-sign
        question or answer, or listening), or no prediction (all zeros) to leave it to rules."""
        probabilities = self._default_predictions(domain)
        if actions_since_listening(tracker) >= TURN_ACTION_CAP:
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
            return self._prediction(probabilities, is_no_user_prediction=True)
        if user_just_spoke(tracker):
            message = tracker.latest_message
            entities = message.entities if message else []
            intent = (message.intent or {}).get("name") if message else None
            # An urgent red flag, or "this is an emergency", is never talked down. Rasa lets an
            # active form's "happy path" prediction overrule every prediction based on user
            # input; an emergency must overrule the form, so it competes in that class too,
            # where the higher priority wins.
            if urgent_red_flags(tracker.current_slot_values(), entities):
                probabilities[domain.index_for_action(INTERRUPT_ACTION)] = 1.0
                return self._prediction(probabilities, is_no_user_prediction=True)
            if intent == EMERGENCY_INTENT:
                probabilities[domain.index_for_action(EMERGENCY_ACTION)] = 1.0
                return self._prediction(probabilities, is_no_user_prediction=True)
            level = tracker.get_slot("triage_level")
            if level in EMERGENCY_LEVELS and intent not in DEFAULT_INTENTS:
                probabilities[domain.index_for_action(REMINDER_ACTION)] = 1.0
                return self._prediction(probabilities, is_no_user_prediction=True)
            if intent in DEFAULT_INTENTS:
                return self._prediction(probabilities)
            # A warning sign named but not described is asked about before anything else, and
            # the answer to that question is recorded before the form reads the message.
            text = message.text if message and message.text else ""
            if asked_topic_last(tracker) and warning_sign_answer(text, intent) is not None:
                probabilities[domain.index_for_action(RECORD_TOPIC_ACTION)] = 1.0
                return self._prediction(probabilities, is_no_user_prediction=True)
            if topic_to_ask(tracker.current_slot_values(), entities):
                probabilities[domain.index_for_action(ASK_TOPIC_ACTION)] = 1.0
                return self._prediction(probabilities, is_no_user_prediction=True)
        elif (
            tracker.latest_action_name in WAIT_AFTER
            or (tracker.latest_action_name == FALLBACK_ACTION and not tracker.active_loop_name)
            or (tracker.latest_action_name == RECORD_TOPIC_ACTION and not tracker.active_loop_name)
        ):
            # After an urgent instruction or a warning-sign question, or after saying it did not
            # understand (outside a form, where no rule leads on), wait for the person instead
            # of guessing again. An active form's next question must not follow a warning-sign
            # question, so this competes with the form's happy path too.
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
            return self._prediction(probabilities, is_no_user_prediction=True)
        return self._prediction(probabilities)
