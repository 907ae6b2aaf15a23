"""Records and tracker events built in code for the console's tests."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db.models import IntakeRecord
from bot.records.intake_records import IntakeRequest, save_request
from bot.records.triage_records import save_triage
from bot.records.triage_summary import TriageSummary

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)

# The columns of Rasa 3.6's SQLTrackerStore.SQLEvent (rasa/core/tracker_store.py).
_metadata = MetaData()
EVENTS = Table(
    "events",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def create_events_table(engine: Engine) -> None:
    _metadata.create_all(engine)


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


def add_events(
    tracker: Engine, sender_id: str, *events: tuple[str, datetime, dict[str, Any]]
) -> None:
    """Tracker events as Rasa stores them: (type_name, time, the event's data)."""
    with tracker.begin() as connection:
        for type_name, moment, data in events:
            connection.execute(
                EVENTS.insert().values(
                    sender_id=sender_id,
                    type_name=type_name,
                    timestamp=moment.timestamp(),
                    data=json.dumps({"event": type_name, "timestamp": moment.timestamp(), **data}),
                )
            )


def count_events(tracker: Engine, sender_id: str) -> int:
    with tracker.connect() as connection:
        rows = connection.execute(EVENTS.select().where(EVENTS.c.sender_id == sender_id))
        return len(rows.all())
