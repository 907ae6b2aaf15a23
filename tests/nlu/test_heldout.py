"""The trained NLU model on the held-out file meets the language issue's targets.

Trains the NLU pipeline of config.yml once (about half a minute) and parses every held-out
message through Rasa, as the running bot would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.language.facts_first import FACT_INTENTS
from bot.settings import ROOT
from tools.nlu.evaluate import TARGETS, evaluate_heldout, load_heldout
from tools.nlu.model import Parser, quiet, train


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Parser]:
    quiet()
    work = tmp_path_factory.mktemp("nlu")
    loaded = Parser(train(ROOT / "config.yml", ROOT / "data" / "nlu.yml", work, "test"))
    yield loaded
    loaded.close()


@pytest.fixture(scope="module")
def figures(parser: Parser) -> dict[str, float]:
    return evaluate_heldout(parser, load_heldout(ROOT / "tests" / "nlu" / "heldout.yml"))


@pytest.mark.parametrize("name", list(TARGETS))
def test_heldout_target(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= TARGETS[name], f"{name}: {figures[name]:.3f}"


@pytest.mark.parametrize(
    "text",
    [
        "my knee is killing me",
        "the back of my knee hurts",
        "I have a sore throat",
        "can you book me a taxi",
        "what's the best pizza in town",
        "my wrist hurts when I type",
        # Issue 15's table: hair, skin and skull are not back pain.
        "I can't find a way to get my hair back",
        "I get clusters of blackheads on my back",
        "the back of my skull aches all day",
        "my back is covered in an itchy rash",
    ],
)
def test_out_of_scope_messages_are_recognised(parser: Parser, text: str) -> None:
    parsed = parser.parse(text)
    assert parsed["intent"]["name"] == "out_of_scope"
    assert not [e for e in parsed["entities"] if e["entity"] == "body_region"]


@pytest.mark.parametrize(
    "text",
    ["neck pain 2 months, maybe 6/10", "no weakness in my arms or legs, just a stiff neck"],
)
def test_terse_or_negated_pain_reports_are_pain_reports(parser: Parser, text: str) -> None:
    # Issue 15's table: the first fell near the fallback, the second to nlu_fallback.
    assert parser.parse(text)["intent"]["name"] == "report_pain"


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("hmm neck thing 2 months maybe 6/10 idk", {"body_region", "duration", "pain_score"}),
        ("erm so yeah my back, six weeks, 5/10", {"body_region", "duration", "pain_score"}),
    ],
)
def test_facts_beat_a_shaky_intent(parser: Parser, text: str, facts: set[str]) -> None:
    # Issue 15 item 2: the classifier is unsure (nlu_fallback tops its ranking), but the message
    # carries facts, so it is read as a fact-carrying intent and its facts are kept. Which one
    # is a near coin toss between report_pain and inform for these terse messages (about 0.5
    # each, flipping with any change to the training data); both start the intake with the
    # facts (data/rules.yml), which is what matters.
    parsed = parser.parse(text)
    assert parsed["intent_ranking"][0]["name"] == "nlu_fallback", "pick a shakier example"
    assert parsed["intent"]["name"] in FACT_INTENTS
    assert facts <= {e["entity"] for e in parsed["entities"]}


@pytest.mark.parametrize(
    "text",
    [
        "it burns when I pee",
        "I'm pregnant and my back hurts",
        "my tummy hurts too",
        "I've got a rash on one side",
        "I'm 8 weeks pregnant",
        "my eyes look yellow",
    ],
)
def test_pain_that_may_not_come_from_the_spine_is_not_out_of_scope(
    parser: Parser, text: str
) -> None:
    # Issue 17 item 2, CLINICAL.md §7: these route to triage, never to the scope reply.
    parsed = parser.parse(text)
    assert parsed["intent"]["name"] in {"report_pain", "report_symptom", "inform"}, parsed[
        "intent_ranking"
    ][:3]
    assert any(e["entity"] == "red_flag" for e in parsed["entities"])


def test_an_emergency_description_carries_its_red_flags_through_rasa(parser: Parser) -> None:
    parsed = parser.parse("my back hurts and I can't control my bladder, no fever")
    flags = {e["value"] for e in parsed["entities"] if e["entity"] == "red_flag"}
    assert flags == {"bladder_dysfunction"}
    assert all(e["extractor"] == "SpineEntityExtractor" for e in parsed["entities"])


def test_heldout_file_is_not_training_data() -> None:
    training = (ROOT / "data" / "nlu.yml").read_text().lower()
    repeated = [
        text
        for text in load_heldout(ROOT / "tests" / "nlu" / "heldout.yml").texts
        if f"- {text.lower()}\n" in training
    ]
    assert repeated == []
    assert not Path(ROOT / "data" / "heldout.yml").exists()
