"""Requests and triages built in code, as the bot saves them, for the tests of bot/records/ and
of the console that reads them."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.db.models import IntakeRecord
from bot.records.intake_records import IntakeRequest, save_request
from bot.records.triage_records import save_triage
from bot.records.triage_summary import TriageSummary

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)


def add_request(
    session: Session,
    created_at: datetime = NOW,
    *,
    level: str | None = "routine_appointment",
    kind: str = "consultation",
    name: str = "Sam Lee",
    status: str = "new",
    conversation_id: str = "conv-1",
) -> str:
    """A consultation or callback request as the bot saves it, then dated and set as asked."""
    reference = save_request(
        session,
        IntakeRequest(
            kind=kind,
            name=name,
            contact_time="weekday mornings",
            consent_given_at=created_at,
            conversation_id=conversation_id,
            phone="+15550100199",
            summary=TriageSummary(region="lower_back", duration_days=120, level=level),
        ),
    )
    session.execute(
        update(IntakeRecord)
        .where(IntakeRecord.reference == reference)
        .values(created_at=created_at, status=status)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return reference


def add_triage(
    session: Session,
    created_at: datetime = NOW,
    *,
    level: str | None = "self_care",
    conversation_id: str = "conv-t",
) -> str:
    return save_triage(
        session, conversation_id, TriageSummary(region="neck", level=level), created_at
    )
