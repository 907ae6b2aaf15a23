"""Completed triages are kept once per conversation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from bot.records.queue import queue, record_detail
from bot.records.triage_records import save_triage
from bot.records.triage_summary import TriageSummary
from bot.records.workflow import change_status
from tests.records.factories import NOW


def test_a_second_outcome_in_a_conversation_updates_the_same_record(session: Session) -> None:
    first = save_triage(session, "conv-1", TriageSummary(level="self_care"), NOW)
    again = save_triage(
        session,
        "conv-1",
        TriageSummary(level="self_care", red_flags=(), reasons=("pain for 3 days",)),
        NOW + timedelta(minutes=5),
    )
    assert first == again and first.startswith("TR-")
    [item] = queue(session)
    assert (item.reference, item.created_at) == (first, NOW)
    detail = record_detail(session, first)
    assert detail is not None and detail.summary.reasons == ("pain for 3 days",)


def test_each_conversation_gets_its_own_record(session: Session) -> None:
    one = save_triage(session, "conv-1", TriageSummary(level="self_care"), NOW)
    two = save_triage(session, "conv-2", TriageSummary(level="self_care"), NOW)
    assert one != two and len(queue(session)) == 2


def test_a_closed_triage_that_gets_more_urgent_is_new_again(session: Session) -> None:
    reference = save_triage(session, "conv-1", TriageSummary(level="self_care"), NOW)
    change_status(session, reference, "closed", "alex")
    save_triage(session, "conv-1", TriageSummary(level="self_care"), NOW)
    assert queue(session, status="closed")[0].reference == reference
    save_triage(session, "conv-1", TriageSummary(level="doctor_today", red_flags=("fever",)), NOW)
    [item] = queue(session)
    assert (item.status, item.level) == ("new", "doctor_today")
