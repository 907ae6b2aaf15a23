"""The caching tracker store (bot/rasa_ext/tracker_store.py) stores and returns exactly what
Rasa's own SQLTrackerStore does, on SQLite and on PostgreSQL, and never hands out a kept
conversation that the database no longer matches: another server's messages, a failed message,
a purge and a new session are all seen."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.db.session import make_engine
from bot.rasa_ext.tracker_store import CachedSQLTrackerStore
from bot.settings import ROOT
from tools.bench.services import Postgres

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
_names = itertools.count(1)

Factory = Callable[..., Any]


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """Keyword arguments that point a tracker store at one new, empty database."""
    if request.param == "sqlite":
        return {"dialect": "sqlite", "db": str(tmp_path / "tracker.sqlite3")}
    server: Postgres = request.getfixturevalue("postgres")
    name = f"trackers_{next(_names)}"
    admin = make_engine(server.url("postgres"))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return {"dialect": "postgresql", "host": server.url(name)}


@pytest.fixture
def store(database: dict[str, str]) -> Iterator[Factory]:
    """Makes tracker stores on the database, one per 'server'; disposes them afterwards."""
    made: list[SQLTrackerStore] = []

    def make(kind: type[SQLTrackerStore] = CachedSQLTrackerStore, **extra: Any) -> Any:
        created = kind(DOMAIN, **database, **extra)
        made.append(created)
        return created

    yield make
    for created in made:
        created.engine.dispose()


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def turn(step: int) -> list[Event]:
    """One exchange as Rasa records it: the person, the bot's answer, a slot, listening again."""
    return [
        UserUttered(f"message {step}", {"name": "inform", "confidence": 0.9}),
        ActionExecuted("utter_ask_age"),
        BotUttered(f"answer {step}"),
        SlotSet("pain_score", str(step % 11)),
        ActionExecuted("action_listen"),
    ]


def talk(store: Any, sender: str, turns: range) -> DialogueStateTracker:
    """Messages handled as Rasa's processor does: retrieve (or create), add events, save."""
    tracker = None
    for step in turns:
        tracker = run(store.get_or_create_tracker(sender))
        for event in turn(step):
            tracker.update(event)
        run(store.save(tracker))
    assert tracker is not None
    return tracker


ROWS = text(
    "SELECT type_name, intent_name, action_name, data FROM events WHERE sender_id = :s ORDER BY id"
)


def stored_rows(store: Any, sender: str) -> list[tuple[Any, ...]]:
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(ROWS, {"s": sender})]


def dicts(tracker: DialogueStateTracker | None) -> list[dict[str, Any]]:
    assert tracker is not None
    return [event.as_dict() for event in tracker.events]


def test_writes_and_reads_what_rasas_store_does(store: Factory) -> None:
    cached, plain = store(), store(SQLTrackerStore)
    talk(cached, "cached", range(12))
    talk(plain, "plain", range(12))
    # Row for row the same (timestamps aside, which differ between the two runs).
    ours, rasas = stored_rows(cached, "cached"), stored_rows(plain, "plain")
    assert len(ours) == len(rasas) == 1 + 12 * 5  # action_listen of a new conversation
    assert [row[:3] for row in ours] == [row[:3] for row in rasas]
    assert dicts(run(plain.retrieve("cached"))) == dicts(run(cached.retrieve("cached")))
    assert cached.hits >= 11  # the conversation was not rebuilt for every message


def test_another_servers_messages_are_seen(store: Factory) -> None:
    first, second = store(), store()
    talk(first, "shared", range(3))
    talk(second, "shared", range(3, 5))  # the load balancer sent two messages elsewhere
    after = talk(first, "shared", range(5, 6))
    assert [e.text for e in after.events if isinstance(e, UserUttered)] == [
        f"message {step}" for step in range(6)
    ]
    assert len(stored_rows(first, "shared")) == 1 + 6 * 5


def test_a_message_that_failed_half_way_is_not_kept(store: Factory) -> None:
    cached = store()
    talk(cached, "failed", range(2))
    tracker = run(cached.retrieve("failed"))
    tracker.update(UserUttered("never saved", {"name": "inform", "confidence": 0.9}))
    # The message's handling failed before the save: the next read is the database's.
    again = run(cached.retrieve("failed"))
    assert "never saved" not in [e.text for e in again.events if isinstance(e, UserUttered)]
    assert dicts(again) == dicts(run(store(SQLTrackerStore).retrieve("failed")))


def test_a_purged_conversation_is_gone(store: Factory) -> None:
    cached = store()
    talk(cached, "purged", range(2))
    with cached.engine.begin() as connection:  # what the console's retention purge does
        connection.execute(text("DELETE FROM events WHERE sender_id = 'purged'"))
    assert run(cached.retrieve("purged")) is None


def test_a_new_session_starts_the_conversation_afresh(store: Factory) -> None:
    cached, plain = store(), store(SQLTrackerStore)
    tracker = talk(cached, "session", range(2))
    tracker = run(cached.retrieve("session"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    run(cached.save(tracker))
    after = run(cached.retrieve("session"))
    assert dicts(after) == dicts(run(plain.retrieve("session")))
    assert not any(isinstance(event, UserUttered) for event in after.events)


def test_the_number_of_kept_conversations_is_bounded(store: Factory) -> None:
    cached = store(cache_size=2)
    for sender in ("one", "two", "three"):
        talk(cached, sender, range(1))
    assert list(cached._kept) == ["two", "three"]
    none = store(cache_size=0)
    talk(none, "four", range(3))
    assert not none._kept and none.hits == 0
    assert dicts(run(none.retrieve("four"))) == dicts(run(cached.retrieve("four")))
    with pytest.raises(ValueError, match="cache_size"):
        store(cache_size=-1)


def test_a_tracker_is_handed_out_once_until_it_is_saved(store: Factory) -> None:
    cached = store()
    talk(cached, "twice", range(2))
    first = run(cached.retrieve("twice"))
    second = run(cached.retrieve("twice"))  # a reader outside the conversation lock
    assert second is not first and dicts(second) == dicts(first)
    first.update(UserUttered("from the processor", {"name": "inform", "confidence": 0.9}))
    run(cached.save(first))
    assert "from the processor" not in [e.text for e in second.events if isinstance(e, UserUttered)]
    assert dicts(run(cached.retrieve("twice"))) == dicts(first)


def test_a_new_domain_empties_the_memory(store: Factory) -> None:
    cached = store()
    talk(cached, "reload", range(2))
    assert cached._kept
    cached.domain = DOMAIN  # what Rasa does when it loads a model
    assert not cached._kept
    assert dicts(run(cached.retrieve("reload"))) == dicts(
        run(store(SQLTrackerStore).retrieve("reload"))
    )
