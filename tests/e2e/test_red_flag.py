"""End to end over REST with the real Rasa server and action server: a red flag interrupts, in
both screening modes (the clinic's one question per sign, and grouped)."""

from __future__ import annotations

from tests.e2e.conftest import Send, triage_of


def test_a_red_flag_as_the_first_message_gets_the_emergency_instruction(either_send: Send) -> None:
    replies = either_send("e2e-first", "my back hurts and I can't control my bladder")
    payload = triage_of(replies)
    assert payload is not None, replies
    assert payload["level"] == "emergency_department"
    assert payload["disclaimer"] is True
    text = " ".join(r.get("text", "") for r in replies)
    assert "emergency department" in text and "911" in text
    assert "cauda equina" in text


def test_chest_pain_means_call_the_emergency_number(either_send: Send) -> None:
    payload = triage_of(either_send("e2e-chest", "I have chest pain and my upper back hurts"))
    assert payload is not None and payload["level"] == "call_emergency"


def test_a_denied_red_flag_does_not_interrupt(either_send: Send) -> None:
    replies = either_send("e2e-denied", "my back hurts, no numbness and my bladder is fine")
    assert triage_of(replies) is None


def test_an_emergency_after_other_talk_still_interrupts(either_send: Send) -> None:
    either_send("e2e-later", "hello")
    payload = triage_of(either_send("e2e-later", "I just fainted and my back is killing me"))
    assert payload is not None and payload["level"] == "call_emergency"


def test_saying_it_is_an_emergency_gets_the_emergency_number(either_send: Send) -> None:
    payload = triage_of(either_send("e2e-ambulance", "I need an ambulance now"))
    assert payload is not None and payload["level"] == "call_emergency"
