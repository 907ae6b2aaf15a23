"""Issue 14's five reproductions over REST with the real servers: an answer the bot cannot use
never ends the conversation, consent needs an explicit yes, a free-text slot takes only what
fits, the outcome leads somewhere, and a person has one request per conversation."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import IntakeRecord
from bot.db.session import make_engine
from bot.records.intake_records import find_by_reference
from tests.e2e.conftest import Send, triage_of
from tests.e2e.test_triage_conversation import answer_until_outcome, text_of
from tests.stack import Stack

BLADDER = "I can't control my bladder and my legs are numb"
PAIN_QUESTION = "0 (no pain) to 10"
CIRCUIT_BREAKER = "Circuit breaker tripped"


def replies_ok(replies: list[dict[str, object]]) -> None:
    """A reply a person can read: 1-4 messages, no bubble repeated."""
    assert 1 <= len(replies) <= 4, replies
    texts = [r.get("text") for r in replies if r.get("text")]
    assert len(texts) == len(set(texts)), texts


@pytest.mark.parametrize(
    ("opening", "question", "off_script"),
    [
        ("my neck has been hurting for a few weeks", PAIN_QUESTION, "no"),
        ("my lower back hurts", "How long", "purple"),
        ("my back hurts, 3 weeks", PAIN_QUESTION, "asdfghjkl"),
        ("my lower back hurts for 2 weeks, 5/10", "spread into an arm", "hmm"),
    ],
)
def test_an_unusable_intake_answer_gets_help_then_a_way_on_and_an_emergency_still_escalates(
    either_send: Send, opening: str, question: str, off_script: str
) -> None:
    sender = f"e2e-dead-{off_script}"
    assert question in text_of(either_send(sender, opening))
    first = either_send(sender, off_script)
    replies_ok(first)
    assert question in text_of(first)  # the same question again, with help
    second = either_send(sender, off_script)
    replies_ok(second)
    assert question in text_of(second) and "Not sure" in str(second)  # a way on is offered
    third = either_send(sender, off_script)
    replies_ok(third)
    assert "carry on without it" in text_of(third) and question not in text_of(third)
    urgent = either_send(sender, BLADDER)
    payload = triage_of(urgent)
    assert payload is not None and payload["level"] in ("call_emergency", "emergency_department")


@pytest.mark.parametrize("answer", ["dunno", "no idea, ages"])
def test_dont_know_at_the_intake_is_an_answer_and_the_triage_goes_on(
    either_send: Send, answer: str
) -> None:
    sender = f"e2e-dunno-{answer}"
    either_send(sender, "my lower back hurts")
    replies = text_of(either_send(sender, answer))
    assert "carry on without it" in replies and PAIN_QUESTION in replies
    either_send(sender, "4")
    either_send(sender, "/deny")
    assert "warning signs" in text_of(
        either_send(sender, "not sure")
    )  # age unknown: screening starts
    payload, _ = answer_until_outcome(either_send, sender, "/deny")
    assert payload["level"] in ("self_care", "doctor_soon", "routine_appointment")


@pytest.mark.parametrize("answer", ["asdfghjkl", "?", "hmm", "skip", "why do you need that"])
def test_consent_is_never_taken_from_anything_but_an_explicit_yes(
    either_send: Send, answer: str
) -> None:
    sender = f"e2e-consent-{answer}"
    assert "Do you agree?" in text_of(either_send(sender, "I want to book a consultation"))
    replies = either_send(sender, answer)
    replies_ok(replies)
    said = text_of(replies)
    assert "What name" not in said and "Do you agree?" in said
    if answer == "why do you need that":
        assert "only used by the clinic's intake staff" in said
    assert "What name" in text_of(either_send(sender, "yes"))


def test_consent_asked_three_times_without_an_answer_ends_with_the_clinic_phone(
    either_send: Send, either_database_url: str
) -> None:
    sender = "e2e-consent-never"
    either_send(sender, "I want to book a consultation")
    either_send(sender, "hmm")
    second = text_of(either_send(sender, "hmm"))
    assert "+1 555 0100" in second and "talk to a person" in second.lower()
    third = text_of(either_send(sender, "hmm"))
    assert "nothing has been saved" in third and "+1 555 0100" in third
    with Session(make_engine(either_database_url), future=True) as session:
        saved = session.execute(
            select(IntakeRecord).where(IntakeRecord.conversation_id == sender)
        ).first()
    assert saved is None


def test_warning_signs_typed_at_the_name_are_noted_not_saved_as_the_name(
    either_send: Send, either_database_url: str
) -> None:
    sender = "e2e-name-flags"
    either_send(sender, "can I book a consultation about my lower back?")
    assert "What name" in text_of(either_send(sender, "yes"))
    replies = text_of(
        either_send(
            sender,
            "oh before that, I've been losing weight without trying and the pain wakes me "
            "every night",
        )
    )
    assert "noted" in replies and "What name" in replies
    assert "phone number or email" in text_of(either_send(sender, "Priya Shah"))
    assert "good time" in text_of(either_send(sender, "+1 555 010 0123"))
    check = text_of(either_send(sender, "evenings"))
    assert "Priya Shah" in check and "+15550100123" in check  # read back before saving
    saved = text_of(either_send(sender, "/affirm"))
    reference = re.search(r"SB-[0-9A-Z]{6}", saved)
    assert reference, saved
    with Session(make_engine(either_database_url), future=True) as session:
        record = find_by_reference(session, reference.group())
    assert record is not None and record["name"] == "Priya Shah"
    assert {"weight_loss", "night_pain"} <= set(record["summary"]["red_flags"])


def test_after_a_self_care_outcome_no_and_ok_close_politely(either_send: Send) -> None:
    sender = "e2e-after-self-care"
    either_send(sender, "my lower back has hurt for 3 weeks, 5/10")
    either_send(sender, "/deny")
    either_send(sender, "35")
    payload, seen = answer_until_outcome(either_send, sender, "/deny")
    assert payload["level"] == "self_care" and "anything else" in seen
    for answer in ("no", "ok", "thanks, bye"):
        replies = either_send(sender, answer)
        replies_ok(replies)
        said = text_of(replies)
        assert "didn't understand" not in said and "still not understanding" not in said


def test_after_an_emergency_every_message_repeats_the_instruction(either_send: Send) -> None:
    sender = "e2e-after-emergency"
    first = triage_of(either_send(sender, BLADDER))
    assert first is not None and first["level"] in ("call_emergency", "emergency_department")
    for message in ("what should I do", "what is physio?", "thanks"):
        replies = either_send(sender, message)
        replies_ok(replies)
        again = triage_of(replies)
        assert again is not None and again["level"] == first["level"]
        assert "Which treatment" not in text_of(replies)


def test_a_second_request_in_the_conversation_updates_the_first_with_the_triage(
    either_send: Send, either_database_url: str
) -> None:
    sender = "e2e-one-request"
    either_send(sender, "I want to book a consultation")
    for answer in ("/affirm", "Sam Lee", "+1 555 010 0199", "mornings"):
        either_send(sender, answer)
    first = re.search(r"SB-[0-9A-Z]{6}", text_of(either_send(sender, "/affirm")))
    assert first
    either_send(sender, "my lower back has hurt for 6 months, 6/10, physio didn't help")
    either_send(sender, "/deny")
    either_send(sender, "44")
    payload, _ = answer_until_outcome(either_send, sender, "/deny")
    assert payload["level"] == "routine_appointment"
    for answer in ("/affirm", "/affirm", "Sam Lee", "+1 555 010 0199", "mornings"):
        either_send(sender, answer)
    updated = text_of(either_send(sender, "/affirm"))
    assert first.group() in updated and "updated" in updated
    with Session(make_engine(either_database_url), future=True) as session:
        records = (
            session.execute(select(IntakeRecord).where(IntakeRecord.conversation_id == sender))
            .scalars()
            .all()
        )
        assert len(records) == 1
        assert records[0].level == "routine_appointment"
        assert records[0].summary["duration_days"] == 180


def test_no_conversation_tripped_the_circuit_breaker(
    either_stack: Stack, either_send: Send
) -> None:
    """Runs after the conversations above (pytest keeps file order): Rasa's log must not say that
    a turn hit its action limit."""
    either_send("e2e-breaker-probe", "hello")
    log = (either_stack.work / "servers.log").read_text(errors="replace")
    assert CIRCUIT_BREAKER not in log
