"""Grouped screening end to end over REST (issue 16, CLINICAL.md §8), against a stack whose
clinic.yml says `screening: {mode: grouped}`: a few "any of these?" questions, most urgent first,
one "which of these?" follow-up, and the levels of §1C."""

from __future__ import annotations

import json
from typing import Any

from tests.e2e.conftest import Send, triage_of

MAX_TURNS = 15


def text_of(replies: list[dict[str, Any]]) -> str:
    return " ".join(str(reply.get("text") or "") for reply in replies)


def is_group_question(replies: list[dict[str, Any]]) -> bool:
    titles = {b.get("title") for r in replies for b in r.get("buttons") or []}
    return "No, none of these" in titles


def tap(keys: str) -> str:
    return "/inform" + json.dumps({"screen_items": keys})


def intake(send: Send, sender: str, first: str) -> list[dict[str, Any]]:
    """The person's first message, no spread, an age: the replies end at the first group."""
    send(sender, first)
    send(sender, "/deny")
    return send(sender, "40")


def none_until_outcome(
    send: Send, sender: str, replies: list[dict[str, Any]]
) -> tuple[int, dict[str, Any]]:
    """Answer "No, none of these" until the outcome: (screening questions answered, payload).
    Each answer is one person turn."""
    for answered in range(MAX_TURNS):
        payload = triage_of(replies)
        if payload is not None:
            return answered, payload
        replies = send(sender, "/deny")
    raise AssertionError(f"no outcome after {MAX_TURNS} answers: {text_of(replies)[-300:]}")


def test_ordinary_back_pain_takes_six_screening_questions(grouped_send: Send) -> None:
    first = intake(grouped_send, "g-back", "my lower back has hurt for 2 weeks, 4/10")
    assert is_group_question(first) and "chest" in text_of(first)
    questions, payload = none_until_outcome(grouped_send, "g-back", first)
    assert payload["level"] == "self_care"
    assert questions == 6  # CLINICAL.md §8.2 note: 5 groups and the §7 group for the back
    assert 3 + questions <= 10  # person messages from the first one to the outcome


def test_ordinary_neck_pain_takes_seven_screening_questions(grouped_send: Send) -> None:
    first = intake(grouped_send, "g-neck", "my neck has been stiff for 5 days, about a 4")
    questions, payload = none_until_outcome(grouped_send, "g-neck", first)
    assert payload["level"] == "self_care"
    assert questions == 7 and 3 + questions <= 11  # 6 groups and the §7 group


def test_a_cauda_equina_item_tapped_in_the_follow_up_sends_to_the_emergency_department(
    grouped_send: Send,
) -> None:
    intake(grouped_send, "g-ces", "my lower back has hurt for 2 weeks, 4/10")
    grouped_send("g-ces", "/deny")  # B1
    which = grouped_send("g-ces", "/affirm")  # B2: yes
    assert "Which of these?" in text_of(which)
    payloads = [b["payload"] for r in which for b in r.get("buttons") or []]
    assert tap("bladder_dysfunction") in payloads and tap("unable_to_walk") in payloads  # A7
    payload = triage_of(grouped_send("g-ces", tap("bladder_dysfunction")))
    assert payload is not None and payload["level"] == "emergency_department"


def test_a_typed_number_answers_the_follow_up(grouped_send: Send) -> None:
    intake(grouped_send, "g-typed", "my lower back has hurt for 2 weeks, 4/10")
    grouped_send("g-typed", "/deny")
    grouped_send("g-typed", "yes")
    payload = triage_of(grouped_send("g-typed", "2"))  # 2. the bladder item
    assert payload is not None and payload["level"] == "emergency_department"


def test_an_l1_group_answered_yes_gives_the_instruction_before_asking_which(
    grouped_send: Send,
) -> None:
    intake(grouped_send, "g-l1", "my upper back has hurt for 2 days, 6/10")
    replies = grouped_send("g-l1", "/affirm")  # B1: yes
    said = text_of(replies)
    assert "call 911 now" in said.lower() and "Which of these?" in said
    assert said.lower().index("call 911") < said.index("Which of these?")
    payload = triage_of(grouped_send("g-l1", tap("fainting")))
    assert payload is not None and payload["level"] == "call_emergency"


def test_not_sure_about_a_tearing_pain_gets_one_clarifying_question(grouped_send: Send) -> None:
    intake(grouped_send, "g-clarify", "my mid back has hurt for 2 days, 6/10")
    grouped_send("g-clarify", "/unsure")
    asked = grouped_send("g-clarify", tap("tearing_pain"))
    assert triage_of(asked) is None and "worst pain you have ever had" in text_of(asked)
    after = grouped_send("g-clarify", "/deny")
    assert triage_of(after) is None and is_group_question(after)  # cleared: screening goes on


def test_no_to_one_item_is_no_for_that_item_only(grouped_send: Send) -> None:
    intake(grouped_send, "g-one-no", "my lower back has hurt for 2 weeks, 4/10")
    b2 = grouped_send("g-one-no", "/deny")
    assert "bladder" in text_of(b2)
    again = grouped_send("g-one-no", "no bladder problems")
    assert is_group_question(again) and "peeing" not in text_of(again)  # §8.3 A8


def test_no_at_the_follow_up_means_none_of_these_after_all(grouped_send: Send) -> None:
    # Found by the fuzzer in grouped mode: "No" tapped again at "which of these?" was a miss.
    intake(grouped_send, "g-no-which", "my lower back has hurt for 2 weeks, 4/10")
    assert "Which of these?" in text_of(grouped_send("g-no-which", "I think so?"))
    after = grouped_send("g-no-which", "/deny")
    assert is_group_question(after) and "bladder" in text_of(after)  # on to the next group


def test_a_red_flag_typed_at_a_group_question_interrupts(grouped_send: Send) -> None:
    # §8.3 A8: free text at a group is read for every flag, and an urgent one acts at once.
    intake(grouped_send, "g-typed-flag", "my lower back has hurt for 2 weeks, 4/10")
    payload = triage_of(grouped_send("g-typed-flag", "no chest pain but I've wet myself today"))
    assert payload is not None and payload["level"] == "emergency_department"


def buttons_of(replies: list[dict[str, Any]]) -> dict[str, str]:
    return {str(b["title"]): str(b["payload"]) for r in replies for b in r.get("buttons") or []}


def none_until_replies(send: Send, sender: str, replies: list[dict[str, Any]]) -> str:
    """Answer "No, none of these" until the outcome; the outcome's text."""
    for _ in range(MAX_TURNS):
        if triage_of(replies) is not None:
            return text_of(replies)
        replies = send(sender, "/deny")
    raise AssertionError(f"no outcome after {MAX_TURNS} answers: {text_of(replies)[-300:]}")


def test_the_outcome_shows_what_it_went_on_and_that_is_not_right_asks_again(
    grouped_send: Send,
) -> None:
    # §8.3 A10: the signs from the person's own words, the groups answered "none", and a way back.
    sender = "g-recap"
    first = intake(
        grouped_send, sender, "my lower back has hurt for 2 weeks, 4/10, lost weight too"
    )
    said = none_until_replies(grouped_send, sender, first)
    assert "You told us: Losing weight without trying." in said
    assert "the safety check (chest pain" in said and "bladder, bowel" in said
    replies = grouped_send(sender, "/deny")  # a plain no after the outcome asks nothing new
    again = grouped_send(sender, '/report_symptom{"screen_items": "recheck"}')
    assert is_group_question(again) and "chest" in text_of(again)  # B1 asked again
    asked = grouped_send(sender, "/deny")
    assert is_group_question(asked) and "bladder" in text_of(asked)
    assert triage_of(replies) is None
    outcome = grouped_send(sender, "/affirm")  # B2: yes this time
    assert "Which of these?" in text_of(outcome)
    payload = triage_of(grouped_send(sender, tap("saddle_numbness")))
    assert payload is not None and payload["level"] == "emergency_department"
    assert "LB-5 weight loss" in payload["rules"]  # what was told is still there


def test_the_recap_button_is_on_the_outcome(grouped_send: Send) -> None:
    sender = "g-recap-button"
    first = intake(grouped_send, sender, "my neck has been stiff for 5 days, about a 4")
    replies = first
    for _ in range(MAX_TURNS):
        if triage_of(replies) is not None:
            break
        replies = grouped_send(sender, "/deny")
    assert (
        buttons_of(replies).get("That's not right") == '/report_symptom{"screen_items": "recheck"}'
    )
    assert "You were not sure about" not in text_of(replies)  # nothing was marked not sure
