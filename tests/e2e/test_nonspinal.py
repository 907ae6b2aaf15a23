"""Pain that may not come from the spine, end to end over REST in both screening modes (issue 17,
CLINICAL.md §7): the three messages of the issue reach at least doctor_today, a flank-to-groin
colic with vomiting the emergency department, and none gets spine self-care; an ordinary
mechanical back ache still reaches self-care with no more questions than before."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.triage.flags import BACK_SCREEN
from tests.e2e.conftest import Send, triage_of

MAX_TURNS = 30
# The person's answers to the intake questions, by a phrase of each question.
INTAKE = {
    "Where is the pain": "my lower back",
    "How long": "since yesterday",
    "0 (no pain) to 10": "7",
    "spread into an arm or a leg": "/deny",
    "How old are you": "31",
}
URGENCY = ["call_emergency", "emergency_department", "doctor_today", "doctor_soon",
           "routine_appointment", "self_care"]  # fmt: skip


def text_of(replies: list[dict[str, Any]]) -> str:
    return " ".join(str(reply.get("text") or "") for reply in replies)


def answer(replies: list[dict[str, Any]], unsure_about: Mapping[str, str]) -> str:
    """A person answering truthfully: intake facts from INTAKE; at a warning-sign question, "not
    sure" where the question mentions a phrase of `unsure_about` (in a "which of these?"
    follow-up: that item's button), otherwise "no"."""
    asked = text_of(replies)
    buttons = [b for r in replies for b in r.get("buttons") or []]
    for phrase, key in unsure_about.items():
        item = next((b["payload"] for b in buttons if key in str(b.get("payload"))), None)
        if item:
            return str(item)
        if phrase in asked:
            return "/unsure"
    for phrase, reply in INTAKE.items():
        if phrase in asked:
            return reply
    return "/deny"


def outcome(
    send: Send, sender: str, first: str, unsure_about: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], str, int]:
    """Talk until the outcome: (payload, everything the bot said, person messages sent)."""
    replies = send(sender, first)
    seen, sent = text_of(replies), 1
    while (payload := triage_of(replies)) is None:
        assert sent < MAX_TURNS, f"no outcome after {sent} messages: {seen[-400:]}"
        replies = send(sender, answer(replies, unsure_about or {}))
        seen, sent = seen + " " + text_of(replies), sent + 1
    return payload, seen, sent


def at_least(level: str, floor: str) -> bool:
    return URGENCY.index(level) <= URGENCY.index(floor)


def test_sudden_one_sided_pain_near_the_ovary_is_checked_today(either_send: Send) -> None:
    first = ("sharp on-and-off pains in my right side low down near my ovary and in my lower "
             "back, started out of nowhere a few hours ago")  # fmt: skip
    payload, seen, _ = outcome(either_send, "ns-ovary", first, {"pregnant": "possible_pregnancy"})
    assert at_least(payload["level"], "doctor_today"), payload
    assert "pregnan" in seen  # the pregnancy question was asked
    assert "Heat" not in seen and "Stretching" not in seen  # no spine self-care


def test_back_pain_with_a_stomach_ache_and_burning_pee_is_checked_today(
    either_send: Send,
) -> None:
    first = ("my back started hurting last night, I've got a stomach ache and it burns when I "
             "pee")  # fmt: skip
    payload, seen, _ = outcome(either_send, "ns-burning", first)
    assert at_least(payload["level"], "doctor_today"), payload
    assert any(rule.startswith("NS-2") for rule in payload["rules"]), payload["rules"]
    assert "Heat" not in seen
    # Before the instruction, the follow-ups that could still raise the level (§8.3 A7).
    assert "any pee" in seen, seen[:600]


def test_side_pain_into_the_groin_in_waves_with_vomiting_goes_to_the_emergency_department(
    either_send: Send,
) -> None:
    first = "it's my side, the pain goes down into my groin in waves and I've been sick"
    payload, seen, sent = outcome(either_send, "ns-colic", first)
    assert payload["level"] == "emergency_department", payload
    assert any(rule.startswith("NS-1") for rule in payload["rules"]), payload["rules"]
    assert "somewhere other than the spine" in seen and "Heat" not in seen
    assert sent <= 3  # said in the first message: acted on at once, not after the screening


def test_an_ordinary_mechanical_back_ache_still_reaches_self_care(
    screening_mode: str, either_send: Send
) -> None:
    first = "my lower back has ached for 2 weeks since I moved house, 4/10"
    payload, seen, sent = outcome(either_send, "ns-ordinary", first)
    assert payload["level"] == "self_care" and "Heat" in seen
    questions = sent - 3  # the first message, radiation and age came before the screening
    # CLINICAL.md §8.2: 6 grouped questions for the back with the §7 group; one by one, one
    # question per sign of the back screen (pregnancy among them at 31).
    assert questions <= (6 if screening_mode == "grouped" else len(BACK_SCREEN)), questions
