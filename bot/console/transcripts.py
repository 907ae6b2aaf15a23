"""Read (and, for the purge, delete) conversations in Rasa's SQL tracker store.

Rasa's SQLTrackerStore keeps one row per event in the table `events` (id, sender_id, type_name,
timestamp, intent_name, action_name, data): `data` is the event as JSON text, with the message
in `text`; a bot event's buttons are in `data.buttons`. The table is Rasa's, so it is described
here as a plain table rather than a model, and may not exist before the first conversation.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Float, Integer, String, Text, column, delete, func, inspect, select, table
from sqlalchemy.engine import Connection, Engine

EVENTS = table(
    "events",
    column("id", Integer),
    column("sender_id", String),
    column("type_name", String),
    column("timestamp", Float),
    column("action_name", String),  # a slot event's slot name (bot/console/screening_report.py)
    column("data", Text),
)
CHUNK = 500  # sender ids per IN (...) list


@dataclass(frozen=True)
class TranscriptLine:
    """One message of a conversation: when (UTC), who said it, and the words shown."""

    time: datetime
    speaker: str  # user | bot
    text: str


def has_events(connection: Connection) -> bool:
    """Whether the tracker store has its events table yet (Rasa makes it on first use)."""
    return bool(inspect(connection).has_table("events"))


def event_data(raw: str | None) -> dict[str, Any]:
    """An event's `data` column as a dict; empty when it is missing, not JSON or not an object."""
    try:
        loaded = json.loads(raw or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _lines(rows: Iterator[Any]) -> Iterator[TranscriptLine]:
    # A button click arrives as its payload ("/deny"); show the title the person tapped instead.
    choices: dict[str, str] = {}
    for row in rows:
        data = event_data(row.data)
        text = data.get("text")
        moment = datetime.fromtimestamp(row.timestamp or 0, timezone.utc)
        if row.type_name == "bot":
            buttons = (data.get("data") or {}).get("buttons") or []
            if buttons:
                choices = {
                    str(b.get("payload")): str(b.get("title"))
                    for b in buttons
                    if isinstance(b, dict) and b.get("payload") and b.get("title")
                }
            if text:
                yield TranscriptLine(moment, "bot", str(text))
        elif text:
            yield TranscriptLine(moment, "user", choices.get(str(text), str(text)))
            choices = {}


def transcript(tracker_engine: Engine, conversation_id: str) -> list[TranscriptLine]:
    """What the person and the bot said in a conversation, in order; empty if none is stored."""
    with tracker_engine.connect() as connection:
        if not has_events(connection):
            return []
        query = (
            select(EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
            .where(EVENTS.c.sender_id == conversation_id, EVENTS.c.type_name.in_(("user", "bot")))
            .order_by(EVENTS.c.id)
        )
        return list(_lines(iter(connection.execute(query))))


def stale_conversations(connection: Connection, before: datetime) -> set[str]:
    """Conversations whose last event is older than `before`."""
    if not has_events(connection):
        return set()
    query = (
        select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(func.max(EVENTS.c.timestamp) < before.timestamp())
    )
    return set(connection.execute(query).scalars())


def _chunks(ids: Collection[str]) -> Iterator[list[str]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def stored_conversations(connection: Connection, conversation_ids: Collection[str]) -> set[str]:
    """Those of the conversations that have events in the store."""
    if not conversation_ids or not has_events(connection):
        return set()
    query = select(EVENTS.c.sender_id).distinct()
    return {
        sender
        for chunk in _chunks(conversation_ids)
        for sender in connection.execute(query.where(EVENTS.c.sender_id.in_(chunk))).scalars()
    }


def count_events(connection: Connection, conversation_ids: Collection[str]) -> int:
    """How many events these conversations have in the store (what a purge would delete)."""
    if not conversation_ids or not has_events(connection):
        return 0
    count = select(func.count()).select_from(EVENTS)
    return sum(
        connection.execute(count.where(EVENTS.c.sender_id.in_(chunk))).scalar_one()
        for chunk in _chunks(conversation_ids)
    )


def delete_events(connection: Connection, conversation_ids: Collection[str]) -> int:
    """Delete every event of these conversations; return how many rows went."""
    if not conversation_ids or not has_events(connection):
        return 0
    deleted = 0
    for chunk in _chunks(conversation_ids):
        result = connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(chunk)))
        deleted += result.rowcount
    return deleted
