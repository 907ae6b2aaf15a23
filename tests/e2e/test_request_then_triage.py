"""A person who asks for a call back first and describes their pain afterwards: the request they
made reaches staff with the triage that followed, not as "not assessed" (issue 19 step 2)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.db.session import make_engine
from bot.records.intake_records import find_by_reference
from bot.records.triage_records import triage_of
from tests.e2e.conftest import Send
from tests.e2e.test_triage_conversation import answer_until_outcome, text_of


def test_a_request_made_before_the_triage_is_given_the_triage(
    either_send: Send, either_database_url: str
) -> None:
    sender = "e2e-request-first"
    either_send(sender, "can someone call me back")
    either_send(sender, "/affirm")
    either_send(sender, "/affirm")
    either_send(sender, "Ada Early")
    either_send(sender, "+1 555 010 0142")
    either_send(sender, "after 5pm")
    saved = text_of(either_send(sender, "yes"))
    reference = re.search(r"SB-[0-9A-Z]{6}", saved)
    assert reference, saved
    engine = make_engine(either_database_url)
    with Session(engine, future=True) as session:
        before = find_by_reference(session, reference.group())
    assert before is not None and before["level"] is None  # not assessed yet

    either_send(sender, "my lower back has hurt for 3 weeks, about a 5")
    either_send(sender, "/deny")  # it does not spread
    either_send(sender, "58")
    payload, _ = answer_until_outcome(either_send, sender, "/deny")

    with Session(engine, future=True) as session:
        after = find_by_reference(session, reference.group())
        triage = triage_of(session, sender)
    assert after is not None and triage is not None
    assert after["level"] == payload["level"]
    assert after["summary"]["age"] == 58
    assert after["summary"]["duration_days"] == 21
