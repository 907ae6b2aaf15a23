"""Completed triages are kept once per conversation, and a request made earlier in the same
conversation gets the triage's summary and level (real databases: SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Notification
from bot.records.intake_records import IntakeRequest, find_by_reference, requests_of, save_request
from bot.records.queue import queue, record_detail
from bot.records.triage_records import save_triage, triage_of
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


# ---- a request made before the triage of the same conversation --------------------------------

ASSESSED = TriageSummary(
    region="lower_back",
    age=58,
    pain_score=7,
    red_flags=("saddle_numbness",),
    answered_flags=("chest_pain", "saddle_numbness"),
    level="emergency_department",
    reasons=("Numbness in the saddle area can mean pressure on the nerves.",),
)


def early_request(session: Session, conversation_id: str = "conv-1") -> str:
    """A consultation asked for before any triage: only the region is known, no level."""
    return save_request(
        session,
        IntakeRequest(
            kind="consultation",
            name="Sam Lee",
            contact_time="now",
            consent_given_at=NOW,
            conversation_id=conversation_id,
            phone="+15550100199",
            summary=TriageSummary(region="lower_back"),
        ),
    )


def test_a_request_made_before_the_triage_gets_the_triages_summary_and_level(
    session: Session,
) -> None:
    request = early_request(session)
    assert find_by_reference(session, request)["level"] is None  # type: ignore[index]
    triage = save_triage(session, "conv-1", ASSESSED, NOW + timedelta(minutes=4))
    session.commit()
    detail = record_detail(session, request)
    assert detail is not None
    assert detail.level == "emergency_department" and detail.summary == ASSESSED
    # The queue shows the request, now with the level staff call back by, and not the triage.
    [item] = queue(session)
    assert (item.reference, item.level) == (request, "emergency_department")
    assert triage_of(session, "conv-1") == triage
    assert requests_of(session, "conv-1") == (request,)


def test_a_triage_of_another_conversation_leaves_the_request_alone(session: Session) -> None:
    request = early_request(session)
    save_triage(session, "conv-2", ASSESSED, NOW)
    detail = record_detail(session, request)
    assert detail is not None and detail.level is None
    assert detail.summary == TriageSummary(region="lower_back")
    assert triage_of(session, "conv-1") is None and requests_of(session, "conv-2") == ()


def test_a_request_already_followed_up_is_new_again_when_the_triage_is_more_urgent(
    session: Session,
) -> None:
    request = early_request(session)
    save_triage(session, "conv-1", TriageSummary(level="self_care"), NOW)
    change_status(session, request, "contacted", "alex")
    save_triage(session, "conv-1", TriageSummary(level="self_care", pain_score=3), NOW)
    assert record_detail(session, request).status == "contacted"  # type: ignore[union-attr]
    save_triage(session, "conv-1", ASSESSED, NOW)
    detail = record_detail(session, request)
    assert detail is not None and (detail.status, detail.level) == ("new", ASSESSED.level)


def _notified(session: Session, reference: str) -> list[str]:
    return list(
        session.execute(
            select(Notification.band)
            .where(Notification.reference == reference)
            .order_by(Notification.id)
        ).scalars()
    )


def test_a_request_a_later_triage_makes_urgent_is_announced_again_once(session: Session) -> None:
    request = early_request(session)
    assert _notified(session, request) == ["not assessed"]  # the e-mail when it was made
    save_triage(session, "conv-1", TriageSummary(level="routine_appointment"), NOW)
    assert _notified(session, request) == ["not assessed"]  # not more urgent: no second e-mail
    save_triage(session, "conv-1", ASSESSED, NOW)
    save_triage(session, "conv-1", ASSESSED, NOW + timedelta(minutes=1))
    assert _notified(session, request) == ["not assessed", "urgent"]
