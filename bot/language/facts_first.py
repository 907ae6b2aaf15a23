"""Facts beat a shaky intent (issue 15, item 2): a message the intent classifier is unsure about
still counts when the extractor found clinical facts in it.

Rasa's FallbackClassifier turns a message whose best intent scores under its threshold into
`nlu_fallback`, and the dialogue then asks the person to rephrase, throwing away what they said
("neck pain 2 months, maybe 6/10" at 0.2 confidence). This component runs after it: when the
intent is `nlu_fallback` and the message carries a body region, a duration, a pain score or a
red flag, the intent becomes the best-ranked of the intents that carry facts (`report_pain`,
`report_symptom`, `inform`), so the forms fill their slots from the entities and the
conversation moves on. The ranking is left as the classifier gave it (with `nlu_fallback` on
top), so logs and tests can still see that the classifier was unsure.

Red flags never depended on the intent: RedFlagPolicy acts on an urgent one whatever the intent
(bot/dialogue/rasa_policy.py). This makes a non-urgent one, and the other facts, count too; and a
message the classifier calls `out_of_scope` that carries a red flag ("I can't feel the side of my
foot anymore") is read the same way, so a warning sign never gets the scope reply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENT = "out_of_scope"
FACT_ENTITIES = frozenset({"body_region", "duration", "pain_score", "red_flag"})
# The intents that carry facts, in the order used when the classifier ranked none of them.
FACT_INTENTS = ("report_pain", "report_symptom", "inform")


def rescued_intent(
    intent: str | None,
    ranking: Iterable[Mapping[str, Any]],
    entities: Iterable[Mapping[str, Any]],
) -> dict[str, Any] | None:
    """The intent a fallback message should have given its facts, or None to leave it alone.

    Args:
        intent: the message's intent name after the FallbackClassifier.
        ranking: Rasa's intent ranking, `[{"name": ..., "confidence": ...}, ...]`, best first.
        entities: Rasa entity dictionaries (`{"entity": ..., "value": ...}`).

    Returns:
        `{"name": ..., "confidence": ...}` with the best-ranked fact-carrying intent (or, if none
        is ranked, report_pain for a region or score, report_symptom for a red flag, inform for
        a bare duration), or None when the intent is not nlu_fallback or there is no fact (for
        out_of_scope: no red flag).

    """
    facts = {str(e.get("entity")) for e in entities} & FACT_ENTITIES
    # A warning sign is never answered with the scope message ("I can't feel my bum anymore").
    if intent == OUT_OF_SCOPE_INTENT and "red_flag" in facts:
        facts = {"red_flag"}
    elif intent != FALLBACK_INTENT or not facts:
        return None
    for candidate in ranking:
        if candidate.get("name") in FACT_INTENTS:
            return {"name": candidate["name"], "confidence": float(candidate["confidence"])}
    if facts & {"body_region", "pain_score"}:
        return {"name": "report_pain", "confidence": 0.0}
    if "red_flag" in facts:
        return {"name": "report_symptom", "confidence": 0.0}
    return {"name": "inform", "confidence": 0.0}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FactsOverFallback(GraphComponent):  # type: ignore[misc]
    """Replaces `nlu_fallback` with a fact-carrying intent when the message has facts (see the
    module docstring). Place it after FallbackClassifier in config.yml."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FactsOverFallback:
        """Rasa's factory: the component keeps no state and reads no config."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Rewrite the intent of each fallback message that carries facts, in place."""
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            new = rescued_intent(
                intent, message.get(INTENT_RANKING_KEY) or [], message.get(ENTITIES) or []
            )
            if new is not None:
                message.set(INTENT, new, add_to_output=True)
        return messages
