"""A chronic case ends in a consultation request saved in the database, read back by reference."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.db.session import make_engine
from bot.records.intake_records import find_by_reference
from tests.e2e.conftest import Send, triage_of
from tests.e2e.test_triage_conversation import answer_until_outcome, text_of


def test_a_chronic_case_ends_in_a_saved_consultation_request(
    either_send: Send, either_database_url: str
) -> None:
    sender = "e2e-chronic"
    either_send(sender, "my lower back has hurt for 6 months, 6/10, physio didn't help")
    either_send(sender, "/deny")
    either_send(sender, "44")
    payload, seen = answer_until_outcome(either_send, sender, "/deny")
    assert payload["level"] == "routine_appointment"
    assert "contact you about a consultation" in seen
    consent = text_of(either_send(sender, "/affirm"))
    assert "Do you agree?" in consent  # consent is asked before any contact detail
    assert "What name" in text_of(either_send(sender, "/affirm"))
    assert "phone number or email" in text_of(either_send(sender, "Sam Lee"))
    assert "I couldn't use that" in text_of(either_send(sender, "call me maybe"))  # validated
    assert "good time" in text_of(either_send(sender, "+1 555 010 0199"))
    check = text_of(either_send(sender, "weekday mornings"))
    assert "Sam Lee" in check and "Is this right?" in check  # read back before it is saved
    saved = text_of(either_send(sender, "/affirm"))
    reference = re.search(r"SB-[0-9A-Z]{6}", saved)
    assert reference, saved
    with Session(make_engine(either_database_url), future=True) as session:
        record = find_by_reference(session, reference.group())
    assert record is not None
    assert (record["name"], record["phone"], record["contact_time"]) == (
        "Sam Lee", "+15550100199", "weekday mornings",
    )  # fmt: skip
    assert record["conversation_id"] == sender
    assert record["summary"]["region"] == "lower_back"
    assert record["summary"]["duration_days"] == 180
    assert record["summary"]["age"] == 44
    assert record["summary"]["level"] == "routine_appointment"
    assert "physical_therapy" in record["summary"]["treatments_tried"]


def test_refusing_consent_saves_nothing_and_is_respected(either_send: Send) -> None:
    sender = "e2e-refuse"
    either_send(sender, "I'd like to book a consultation")
    replies = either_send(sender, "/deny")
    assert "won't ask again" in text_of(replies)
    assert triage_of(replies) is None


def test_asking_for_a_person_can_end_in_a_saved_callback_request(
    either_send: Send, either_database_url: str
) -> None:
    sender = "e2e-callback"
    first = text_of(either_send(sender, "I want to talk to a real person"))
    assert "+1 555 0100" in first and "call you back" in first
    assert "Do you agree?" in text_of(either_send(sender, "/affirm"))
    either_send(sender, "/affirm")
    either_send(sender, "Alex Kim")
    either_send(sender, "alex.kim@Example.com")
    either_send(sender, "any afternoon")
    saved = text_of(either_send(sender, "yes"))
    reference = re.search(r"SB-[0-9A-Z]{6}", saved)
    assert reference, saved
    with Session(make_engine(either_database_url), future=True) as session:
        record = find_by_reference(session, reference.group())
    assert record is not None
    assert (record["kind"], record["email"], record["phone"]) == (
        "callback", "alex.kim@example.com", None,
    )  # fmt: skip
