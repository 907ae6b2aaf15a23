"""Whole triage conversations over REST with the real servers, asserting on triage payloads."""

from __future__ import annotations

import re
from typing import Any

from tests.e2e.conftest import Send, triage_of

MAX_TURNS = 40  # more than the longest screen; a conversation that never ends fails


def text_of(replies: list[dict[str, Any]]) -> str:
    return " ".join(reply.get("text") or "" for reply in replies)


def answer_until_outcome(either_send: Send, sender: str, answer: str) -> tuple[dict[str, Any], str]:
    """Answer every screening question the same way until a triage payload arrives."""
    seen = ""
    for _ in range(MAX_TURNS):
        replies = either_send(sender, answer)
        seen += text_of(replies)
        payload = triage_of(replies)
        if payload is not None:
            return payload, seen
    raise AssertionError(f"no outcome after {MAX_TURNS} answers; last: {seen[-300:]}")


def test_facts_in_the_first_message_are_not_asked_again(either_send: Send) -> None:
    replies = either_send("e2e-facts", "my lower back has hurt for 3 weeks, 7/10")
    asked = text_of(replies)
    assert "spread into an arm or a leg" in asked
    assert "How long" not in asked and "0 (no pain) to 10" not in asked


def test_an_acute_case_with_no_red_flags_ends_in_self_care_advice(either_send: Send) -> None:
    either_send("e2e-acute", "my lower back has hurt for 3 weeks, 5/10")
    either_send("e2e-acute", "/deny")  # no spread
    first = text_of(either_send("e2e-acute", "35"))
    assert "warning signs" in first and "chest" in first  # screening comes before any advice
    payload, seen = answer_until_outcome(either_send, "e2e-acute", "/deny")
    assert payload["level"] == "self_care"
    assert "between your legs" in seen  # back screen asked the CES items (both modes)
    assert "Heat" in seen and "Get help at once" in seen and "does not diagnose" in seen


def test_a_neck_case_is_screened_with_neck_questions(either_send: Send) -> None:
    either_send("e2e-neck", "my neck has been stiff for 5 days, about a 4")
    either_send("e2e-neck", "/deny")
    first = text_of(either_send("e2e-neck", "29"))
    payload, seen = answer_until_outcome(either_send, "e2e-neck", "/deny")
    assert payload["level"] == "self_care"
    assert "double vision" in first + seen  # asked one by one, or in the first group (N1)
    assert "back passage" not in seen


def test_a_red_flag_in_the_middle_of_the_intake_form_interrupts(either_send: Send) -> None:
    either_send("e2e-midform", "my back is sore")
    replies = either_send("e2e-midform", "about two weeks, and I wet myself this morning")
    payload = triage_of(replies)
    assert payload is not None and payload["level"] == "emergency_department"
    assert "Heat" not in text_of(replies)  # no routine advice after a red flag


def test_not_sure_to_an_emergency_question_is_handled_as_yes(either_send: Send) -> None:
    either_send("e2e-unsure", "my lower back has hurt for 10 days, 4/10")
    either_send("e2e-unsure", "/deny")
    either_send("e2e-unsure", "50")
    payload, seen = answer_until_outcome(either_send, "e2e-unsure", "/unsure")
    assert payload["level"] == "call_emergency"  # "not sure" about chest pain counts as yes
    assert "Heat" not in seen


def test_the_same_conversation_always_gets_the_same_replies(either_send: Send) -> None:
    script = ["hello", "my neck has hurt for 2 weeks, 3/10", "/deny", "33", "/deny", "/deny",
              "what is physio?", "/deny"]  # fmt: skip
    first = [text_of(either_send("e2e-same-1", line)) for line in script]
    second = [text_of(either_send("e2e-same-2", line)) for line in script]
    assert first == second
    assert all(first)


def test_a_correction_during_the_intake_replaces_the_earlier_answer(either_send: Send) -> None:
    sender = "e2e-correct"
    either_send(sender, "my neck hurts")
    either_send(sender, "sorry, I meant my lower back, for 3 weeks")
    either_send(sender, "4")
    either_send(sender, "/deny")
    first = text_of(either_send(sender, "45"))
    assert "chest" in first
    payload, seen = answer_until_outcome(either_send, sender, "/deny")
    assert "between your legs" in seen  # screened as back pain, not neck pain
    assert payload["level"] == "self_care"


def test_weight_loss_mentioned_during_the_intake_is_noted_and_not_asked_again(
    either_send: Send,
) -> None:
    sender = "e2e-volunteered"
    either_send(sender, "my lower back has hurt for 10 days")
    replies = text_of(either_send(sender, "I have also lost weight"))
    assert "noted" in replies and "0 (no pain) to 10" in replies  # the question comes back
    either_send(sender, "4")
    either_send(sender, "/deny")
    either_send(sender, "40")
    payload, seen = answer_until_outcome(either_send, sender, "/deny")
    # screening does not ask it again (the question one by one; the item in a group)
    assert "lost weight recently" not in seen and not re.search(r"\d\. Losing weight", seen)
    assert payload["level"] == "doctor_soon" and "LB-5 weight loss" in payload["rules"]


def night_pain_unsure(replies: list[dict[str, Any]]) -> str:
    """The answer that marks night pain "not sure" and everything else "no", in either mode: the
    night-pain question or its group gets Not sure, the group's "which of these?" gets the
    night-pain item, any other question gets No."""
    asked = text_of(replies)
    payloads = [str(b.get("payload")) for r in replies for b in r.get("buttons") or []]
    night_item = next((p for p in payloads if "night_pain" in p), None)
    if night_item:
        return night_item
    return "/unsure" if "wake you at night" in asked or "wakes you" in asked else "/deny"


def test_not_sure_to_a_question_that_is_not_urgent_goes_on_with_the_screening(
    either_send: Send,
) -> None:
    sender = "e2e-unsure-night"
    either_send(sender, "my lower back has hurt for 10 days, 4/10")
    either_send(sender, "/deny")
    replies = either_send(sender, "40")
    for _ in range(MAX_TURNS):
        replies = either_send(sender, night_pain_unsure(replies))
        payload = triage_of(replies)
        if payload is not None:
            break
    assert payload is not None and payload["level"] == "doctor_soon"
    assert "LB-5 night pain" in payload["rules"]
