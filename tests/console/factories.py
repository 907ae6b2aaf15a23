"""Rasa's tracker events built in code for the console's tests (requests and triages:
tests/records/factories.py)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text
from sqlalchemy.engine import Engine

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
