"""Whole triage conversations over REST with the real servers, asserting on triage payloads."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Send, triage_of

MAX_TURNS = 40  # more than the longest screen; a conversation that never ends fails


def text_of(replies: list[dict[str, Any]]) -> str:
    return " ".join(reply.get("text") or "" for reply in replies)


def answer_until_outcome(send: Send, sender: str, answer: str) -> tuple[dict[str, Any], str]:
    """Answer every screening question the same way until a triage payload arrives."""
    seen = ""
    for _ in range(MAX_TURNS):
        replies = send(sender, answer)
        seen += text_of(replies)
        payload = triage_of(replies)
        if payload is not None:
            return payload, seen
    raise AssertionError(f"no outcome after {MAX_TURNS} answers; last: {seen[-300:]}")


def test_facts_in_the_first_message_are_not_asked_again(send: Send) -> None:
    replies = send("e2e-facts", "my lower back has hurt for 3 weeks, 7/10")
    asked = text_of(replies)
    assert "spread into an arm or a leg" in asked
    assert "How long" not in asked and "0 (no pain) to 10" not in asked


def test_an_acute_case_with_no_red_flags_ends_in_self_care_advice(send: Send) -> None:
    send("e2e-acute", "my lower back has hurt for 3 weeks, 5/10")
    send("e2e-acute", "/deny")  # no spread
    first = text_of(send("e2e-acute", "35"))
    assert "warning signs" in first and "chest" in first  # screening comes before any advice
    payload, seen = answer_until_outcome(send, "e2e-acute", "/deny")
    assert payload["level"] == "self_care"
    assert "numbness or pins and needles between your legs" in seen  # back screen asked CES
    assert "Heat" in seen and "Get help at once" in seen and "does not diagnose" in seen


def test_a_neck_case_is_screened_with_neck_questions(send: Send) -> None:
    send("e2e-neck", "my neck has been stiff for 5 days, about a 4")
    send("e2e-neck", "/deny")
    send("e2e-neck", "29")
    payload, seen = answer_until_outcome(send, "e2e-neck", "/deny")
    assert payload["level"] == "self_care"
    assert "double vision" in seen and "back passage" not in seen


def test_a_red_flag_in_the_middle_of_the_intake_form_interrupts(send: Send) -> None:
    send("e2e-midform", "my back is sore")
    replies = send("e2e-midform", "about two weeks, and I wet myself this morning")
    payload = triage_of(replies)
    assert payload is not None and payload["level"] == "emergency_department"
    assert "Heat" not in text_of(replies)  # no routine advice after a red flag


def test_not_sure_to_an_emergency_question_is_handled_as_yes(send: Send) -> None:
    send("e2e-unsure", "my lower back has hurt for 10 days, 4/10")
    send("e2e-unsure", "/deny")
    send("e2e-unsure", "50")
    payload, seen = answer_until_outcome(send, "e2e-unsure", "/unsure")
    assert payload["level"] == "call_emergency"  # "not sure" about chest pain counts as yes
    assert "Heat" not in seen


def test_the_same_conversation_always_gets_the_same_replies(send: Send) -> None:
    script = ["hello", "my neck has hurt for 2 weeks, 3/10", "/deny", "33", "/deny", "/deny",
              "what is physio?", "/deny"]  # fmt: skip
    first = [text_of(send("e2e-same-1", line)) for line in script]
    second = [text_of(send("e2e-same-2", line)) for line in script]
    assert first == second
    assert all(first)


def test_a_correction_during_the_intake_replaces_the_earlier_answer(send: Send) -> None:
    sender = "e2e-correct"
    send(sender, "my neck hurts")
    send(sender, "sorry, I meant my lower back, for 3 weeks")
    send(sender, "4")
    send(sender, "/deny")
    first = text_of(send(sender, "45"))
    assert "chest" in first
    payload, seen = answer_until_outcome(send, sender, "/deny")
    assert "back passage" in seen  # screened as back pain, not neck pain
    assert payload["level"] == "self_care"


def test_weight_loss_mentioned_during_the_intake_is_noted_and_not_asked_again(send: Send) -> None:
    sender = "e2e-volunteered"
    send(sender, "my lower back has hurt for 10 days")
    replies = text_of(send(sender, "I have also lost weight"))
    assert "noted" in replies and "0 (no pain) to 10" in replies  # the question comes back
    send(sender, "4")
    send(sender, "/deny")
    send(sender, "40")
    payload, seen = answer_until_outcome(send, sender, "/deny")
    assert "lost weight recently" not in seen  # screening does not ask it again
    assert payload["level"] == "doctor_soon" and "LB-5 weight loss" in payload["rules"]


def test_not_sure_to_a_question_that_is_not_urgent_goes_on_with_the_screening(send: Send) -> None:
    sender = "e2e-unsure-night"
    send(sender, "my lower back has hurt for 10 days, 4/10")
    send(sender, "/deny")
    asked = text_of(send(sender, "40"))
    for _ in range(MAX_TURNS):
        answer = "/unsure" if "wake you at night" in asked else "/deny"
        replies = send(sender, answer)
        asked = text_of(replies)
        payload = triage_of(replies)
        if payload is not None:
            break
    assert payload is not None and payload["level"] == "doctor_soon"
    assert "LB-5 night pain" in payload["rules"]
