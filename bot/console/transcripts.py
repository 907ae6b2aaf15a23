"""Read (and, for the purge, delete) conversations in Rasa's SQL tracker store.

Rasa's SQLTrackerStore keeps one row per event in the table `events` (id, sender_id, type_name,
timestamp, intent_name, action_name, data): `data` is the event as JSON text, with the message
in `text`; a bot event's buttons are in `data.buttons`. A button the person tapped arrives as its
payload ("/deny", '/inform{"screen_items": "saddle_numbness"}'); the transcript shows the
button's title instead, as the person saw it (`_Offered.words`). The table is Rasa's, so it is
described here as a plain table rather than a model, and may not exist before the first
conversation.
"""

from __future__ import annotations

import json
import re
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


# The chat widget's own messages (web/widget/spinebot.js): sent for the person, with no button.
WIDGET_PAYLOADS = {"/greet": "(opened the chat)", "/restart": "(started a new chat)"}
# Rasa's payload syntax: /intent, optionally @confidence, optionally a JSON object of entities.
_PAYLOAD = re.compile(r"/(?P<intent>[^\s{@]+)(?:@[0-9.]+)?(?P<entities>\{.*\})?", re.S)


def _payload_key(text: str) -> tuple[str, str] | None:
    """A payload's intent and entities (as sorted JSON, so spacing does not matter); None for
    words the person typed."""
    found = _PAYLOAD.fullmatch(text.strip())
    if found is None:
        return None
    entities = found["entities"] or "{}"
    try:
        loaded = json.loads(entities)
    except ValueError:
        return None
    return found["intent"], json.dumps(loaded, sort_keys=True)


def _entity_words(entities: str) -> str:
    """A payload's entities as "name: value" pairs for reading, never as JSON."""
    loaded = json.loads(entities)
    if not isinstance(loaded, dict):
        return ""
    return ", ".join(f"{str(name).replace('_', ' ')}: {value}" for name, value in loaded.items())


class _Offered:
    """The buttons the bot has just shown, to put a tapped payload back into the words the person
    tapped."""

    def __init__(self) -> None:
        # The last bot message's buttons: the widget clears them once the person answers, so
        # an answer can only come from these.
        self.latest: dict[tuple[str, str], str] = {}
        self.items: dict[str, str] = {}  # a "which of these?" item key -> its button's title

    def offer(self, buttons: list[Any]) -> None:
        """Remember a bot message's buttons ({"title", "payload"} each)."""
        self.latest, self.items = {}, {}
        for button in buttons:
            if not isinstance(button, dict) or not button.get("title"):
                continue
            key = _payload_key(str(button.get("payload") or ""))
            if key is None:
                continue
            title = str(button["title"])
            self.latest[key] = title
            item = json.loads(key[1]).get("screen_items")
            if key[0] == "inform" and isinstance(item, str) and " " not in item:
                self.items[item] = title

    def words(self, text: str) -> str:
        """What the person saw for a message: typed words as typed; a button's payload as the
        button's title; several items chosen together (the widget sends them as one payload) as
        their titles joined by "; "; the widget's own messages, and a payload no button offered
        (typed, or sent by another client), as a note in brackets, never as the raw payload."""
        key = _payload_key(text)
        if key is None:
            return text
        intent, entities = key
        if key in self.latest:
            return self.latest[key]
        chosen = json.loads(entities).get("screen_items")
        if intent == "inform" and isinstance(chosen, str) and chosen.split():
            titles = [self.items.get(item) for item in chosen.split()]
            if all(titles):
                return "; ".join(str(title) for title in titles)
        if text.strip() in WIDGET_PAYLOADS:
            return WIDGET_PAYLOADS[text.strip()]
        details = _entity_words(entities)
        return f"(chose: {intent.replace('_', ' ')}{' — ' + details if details else ''})"


def _lines(rows: Iterator[Any]) -> Iterator[TranscriptLine]:
    """The transcript lines of a conversation's user and bot events, in order."""
    offered = _Offered()
    for row in rows:
        data = event_data(row.data)
        text = data.get("text")
        moment = datetime.fromtimestamp(row.timestamp or 0, timezone.utc)
        if row.type_name == "bot":
            buttons = (data.get("data") or {}).get("buttons") or []
            if buttons:
                offered.offer(buttons)
            if text:
                yield TranscriptLine(moment, "bot", str(text))
        elif text:
            yield TranscriptLine(moment, "user", offered.words(str(text)))
            offered.latest = {}


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
