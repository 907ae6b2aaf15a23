"""Side paths at any point return the person to where they were."""

from __future__ import annotations

from tests.e2e.conftest import Send, triage_of
from tests.e2e.test_triage_conversation import text_of


def test_the_opening_says_what_the_bot_can_and_cannot_do(either_send: Send) -> None:
    opening = text_of(either_send("e2e-hello", "hello"))
    for words in ("cannot diagnose", "not medical advice", "call 911", "What you type is kept"):
        assert words in opening


def test_a_treatment_question_mid_screening_is_answered_and_the_question_comes_back(
    either_send: Send,
) -> None:
    sender = "e2e-prp"
    either_send(sender, "my lower back has hurt for 2 weeks, 4/10")
    either_send(sender, "/deny")
    first_question = text_of(either_send(sender, "38"))
    assert "chest" in first_question
    answer = text_of(either_send(sender, "what is PRP?"))
    assert "Platelet-rich plasma" in answer and "CADTH" in answer  # from the treatment table
    assert "chest" in answer  # the same screening question is asked again
    # Asking about a treatment is not having tried it: the pathway does not move on.
    for _ in range(30):
        payload = triage_of(either_send(sender, "/deny"))
        if payload is not None:
            break
    assert payload is not None and payload["level"] == "self_care"


def test_procedures_are_described_neutrally_with_availability(either_send: Send) -> None:
    answer = text_of(either_send("e2e-prolo", "does prolotherapy work?"))
    assert "Cochrane" in answer and "does not offer" in answer
    stem = text_of(either_send("e2e-stem", "are stem cell injections any good"))
    assert "has not approved" in stem


def test_bot_challenge_mid_intake_returns_to_the_question(either_send: Send) -> None:
    sender = "e2e-bot"
    either_send(sender, "my neck hurts")
    replies = text_of(either_send(sender, "are you a real person?"))
    assert "computer program" in replies and "How long" in replies


def test_two_misunderstood_messages_in_a_row_offer_a_person(either_send: Send) -> None:
    sender = "e2e-fallback"
    first = text_of(either_send(sender, "zxqv blorp"))
    assert "say it another way" in first
    second = text_of(either_send(sender, "qqq wibble"))
    assert "+1 555 0100" in second
