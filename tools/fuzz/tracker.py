"""Read a conversation back from Rasa's SQL tracker store (SQLite, opened read-only).

Rasa's table ``events`` has one row per event: ``id`` (increasing), ``sender_id``,
``type_name`` (``"slot"``, ``"active_loop"``, ``"bot"``, ``"user"``, ``"session_started"``...)
and ``data``, the event as JSON (``{"event": "slot", "name": ..., "value": ...}``,
``{"event": "active_loop", "name": str | None}``, ``{"event": "bot", "text": ..., "metadata":
{"utter_action": "utter_..."}}``).
The state of a conversation is rebuilt from the events of its latest session, the way Rasa
replays them: slots from ``slot`` events, the active form from ``active_loop`` events.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Events after which Rasa starts from empty slots and no form (session_config in domain.yml
# carries no slots over to a new session).
RESETS = frozenset({"session_started", "restart", "reset_slots"})


@dataclass(frozen=True)
class Event:
    id: int
    type: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Position:
    """Where a conversation is: the active form and the question it is asking (the requested
    slot, or for the screening form the red-flag question), or outside any form the bot's last
    message, named by its domain response (``utter_...``) where it has one, else by its text (the
    prompt the person is answering; the response name, because a text can hold a reference
    number that differs between conversations)."""

    active_loop: str | None
    question: str | None
    prompt: str | None = None

    def __str__(self) -> str:
        if self.active_loop is None:
            return f"no form, last said {_short(self.prompt)!r}"
        return f"{self.active_loop}/{self.question}"


@dataclass(frozen=True)
class Snapshot:
    """A conversation's state after some turn; `last_id` is the id of its last event (0 for a
    conversation with none), so later events can be told apart."""

    slots: Mapping[str, Any] = field(default_factory=dict)
    active_loop: str | None = None
    last_prompt: str | None = None
    last_id: int = 0

    def slot(self, name: str) -> Any:
        return self.slots.get(name)

    @property
    def requested_slot(self) -> str | None:
        value = self.slots.get("requested_slot") if self.active_loop else None
        return value if isinstance(value, str) else None

    @property
    def position(self) -> Position:
        if self.active_loop is None:
            return Position(None, None, self.last_prompt)
        if self.active_loop == "screening_form":
            question = self.slots.get("screening_question")
            return Position(self.active_loop, None if question is None else str(question))
        return Position(self.active_loop, self.requested_slot)


def _short(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def replay(events: Iterable[Event]) -> Snapshot:
    """The state after `events` (one conversation's, in id order)."""
    slots: dict[str, Any] = {}
    active_loop: str | None = None
    last_bot: str | None = None
    last_id = 0
    for event in events:
        last_id = event.id
        if event.type in RESETS:
            slots, active_loop = {}, None
        elif event.type == "slot":
            slots[str(event.data.get("name"))] = event.data.get("value")
        elif event.type == "active_loop":
            name = event.data.get("name")
            active_loop = name if isinstance(name, str) else None
        elif event.type == "bot":
            last_bot = _prompt(event.data) or last_bot
    return Snapshot(slots, active_loop, last_bot, last_id)


def _prompt(data: Mapping[str, Any]) -> str | None:
    """A bot event's response name, else its text; None for a payload without text."""
    metadata = data.get("metadata")
    if isinstance(metadata, Mapping) and isinstance(metadata.get("utter_action"), str):
        return str(metadata["utter_action"])
    text = data.get("text")
    return str(text) if text else None


def slot_sets(events: Iterable[Event], after_id: int) -> list[tuple[str, Any]]:
    """(slot, value) of the slot events later than `after_id` that an action set, in order:
    what a turn stored, including values that a later event of the same turn reset (a request
    saved, then its slots emptied).

    Left out are the candidates Rasa's slot mappings extract from the message before any action
    ran (the events between the ``user`` event and the first action other than action_listen):
    a form validates them next and sets each again, or to None if it refuses it. A candidate that
    nothing validated stays in the slot and shows in the snapshot after the turn."""
    found: list[tuple[str, Any]] = []
    acted = False
    for event in events:
        if event.id <= after_id:
            continue
        if event.type == "action" and event.data.get("name") != "action_listen":
            acted = True
        elif event.type == "slot" and acted:
            found.append((str(event.data.get("name")), event.data.get("value")))
    return found


@dataclass(frozen=True)
class TrackerDB:
    """The tracker store's SQLite file; every read opens its own read-only connection, so one
    reader serves many threads and never blocks Rasa's writes for longer than a query."""

    path: Path
    timeout: float = 30.0

    def events(self, sender: str) -> list[Event]:
        uri = f"file:{self.path}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=self.timeout)) as connection:
            rows: Sequence[tuple[int, str, str]] = connection.execute(
                "SELECT id, type_name, data FROM events WHERE sender_id = ? ORDER BY id",
                (sender,),
            ).fetchall()
        return [Event(row[0], row[1], json.loads(row[2] or "{}")) for row in rows]

    def snapshot(self, sender: str) -> Snapshot:
        return replay(self.events(sender))
