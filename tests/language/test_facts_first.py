"""Facts beat a shaky intent (issue 15, item 2): bot/language/facts_first.py."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language.facts_first import FactsOverFallback, rescued_intent

FALLBACK = {"name": "nlu_fallback", "confidence": 0.25}
RANKING = [
    FALLBACK,
    {"name": "out_of_scope", "confidence": 0.22},
    {"name": "report_pain", "confidence": 0.19},
    {"name": "inform", "confidence": 0.18},
]


def entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value}


@pytest.mark.parametrize(
    ("entities", "ranking", "expected"),
    [
        # Region, duration and score: the best-ranked fact-carrying intent.
        ([entity("body_region", "neck"), entity("duration", "60")], RANKING, "report_pain"),
        ([entity("duration", "14")], [FALLBACK, {"name": "inform", "confidence": 0.2}], "inform"),
        # None ranked: chosen by the facts.
        ([entity("pain_score", "6")], [FALLBACK], "report_pain"),
        ([entity("red_flag", "weight_loss")], [FALLBACK], "report_symptom"),
        ([entity("duration", "3")], [FALLBACK], "inform"),
    ],
)
def test_a_fallback_with_facts_takes_a_fact_intent(
    entities: list[dict[str, Any]], ranking: list[dict[str, Any]], expected: str
) -> None:
    rescued = rescued_intent("nlu_fallback", ranking, entities)
    assert rescued is not None and rescued["name"] == expected


@pytest.mark.parametrize(
    ("intent", "entities"),
    [
        ("nlu_fallback", []),  # nothing to use: rephrase, as before
        ("nlu_fallback", [entity("side", "left"), entity("flag_topic", "fever")]),  # not facts
        ("greet", [entity("body_region", "back")]),  # a confident intent is left alone
    ],
)
def test_otherwise_the_intent_is_left_alone(intent: str, entities: list[dict[str, Any]]) -> None:
    assert rescued_intent(intent, RANKING, entities) is None


def test_a_warning_sign_is_never_answered_with_the_scope_message() -> None:
    ranking = [{"name": "out_of_scope", "confidence": 0.6}, *RANKING[2:]]
    flag = [entity("red_flag", "saddle_numbness")]
    rescued = rescued_intent("out_of_scope", ranking, flag)
    assert rescued is not None and rescued["name"] == "report_pain"  # best-ranked fact intent
    # Out of scope with a region but no warning sign stays out of scope ("pimples on my back").
    assert rescued_intent("out_of_scope", ranking, [entity("body_region", "back")]) is None


def test_the_component_rewrites_the_intent_and_keeps_the_ranking() -> None:
    message = Message(
        data={
            TEXT: "neck ugh 2 months, maybe 6/10",
            INTENT: dict(FALLBACK),
            INTENT_RANKING_KEY: RANKING,
            ENTITIES: [entity("body_region", "neck"), entity("pain_score", "6")],
        }
    )
    FactsOverFallback().process([message])
    assert message.get(INTENT)["name"] == "report_pain"
    # The ranking still shows the classifier was unsure.
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "nlu_fallback"
