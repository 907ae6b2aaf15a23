"""Rasa's SQL tracker store, keeping the conversations it last saved instead of rebuilding them.

Written against Rasa 3.6.21's SQLTrackerStore (rasa/core/tracker_store.py; no upstream issue
known). Rasa 3.6's SQLTrackerStore rebuilds a conversation for every message: it reads every stored
event of the current session, decodes each from JSON and replays it into a new tracker; then,
to save, it counts the stored events again to find the new ones. The work grows with the
conversation, so a triage's late turns were twice as slow as its first (docs/BENCHMARKS.md).

CachedSQLTrackerStore keeps the tracker it saved last for the most recent conversations. Before
handing one out it asks the database one indexed question, how many events are stored for that
conversation and their lowest and highest id, and uses the kept tracker only if the answer is
the one it recorded when it saved: any event written since by another Rasa server, a deletion
(the console's purge) or a save that failed makes the answers differ and the tracker is rebuilt
from the database as before. A kept tracker that was changed but not saved (a message whose
handling failed half way) has more events than were saved, and is rebuilt too. A save that
starts a new conversation session is not kept, because Rasa reads only the latest session. A
model with a new domain (new slots) empties the store's memory.

The database stays the record: every event is written exactly as SQLTrackerStore writes it,
and a server that restarts or loses its memory reads the same conversations back.

The tracker handed out is the kept object itself, not a copy: in this deployment only the
message processor retrieves trackers, one message of a conversation at a time under the lock
store's lock (Rasa's HTTP API, which could retrieve outside that lock, is never enabled). So
that a caller outside the lock still cannot share an object with the processor, a kept tracker
is handed out once until it is saved: a second retrieve before that gets its own copy from the
database. An event broker in endpoints.yml would make every save miss (Rasa's stream_events
retrieves the tracker again); correct, but nothing would be kept.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

DEFAULT_CACHE_SIZE = 200  # conversations; a 30-turn triage's tracker is about 0.2 MB


@dataclass(frozen=True)
class Stored:
    """What the database holds for one conversation: event count, lowest and highest id, and
    the latest timestamp (SQLite may give a deleted conversation's ids to new rows)."""

    count: int
    first_id: int | None
    last_id: int | None
    last_time: float | None


@dataclass
class _Kept:
    tracker: DialogueStateTracker
    stored: Stored
    length: int  # len(tracker.events) when it was saved or read
    out: bool  # handed out by retrieve() and not saved since


class CachedSQLTrackerStore(SQLTrackerStore):  # type: ignore[misc]
    """SQLTrackerStore that reuses the trackers it last saved when the database is unchanged."""

    def __init__(
        self,
        domain: Domain | None = None,
        dialect: str = "sqlite",
        host: str | None = None,
        port: int | None = None,
        db: str = "rasa.db",
        username: str | None = None,
        password: str | None = None,
        event_broker: EventBroker | None = None,
        login_db: str | None = None,
        query: dict[str, Any] | None = None,
        cache_size: int | str = DEFAULT_CACHE_SIZE,
        **kwargs: Any,
    ) -> None:
        size = int(cache_size)
        if size < 0:
            raise ValueError("tracker store cache_size must be 0 or more")
        self._kept: OrderedDict[str, _Kept] = OrderedDict()  # before Rasa sets the domain
        super().__init__(
            domain,
            dialect,
            host,
            port,
            db,
            username,
            password,
            event_broker,
            login_db,
            query,
            **kwargs,
        )
        self.cache_size = size
        table = self.SQLEvent.__table__
        # One statement built once: SQLAlchemy then reuses its compiled form for every message.
        self._stored_query = sa.select(
            sa.func.count(table.c.id),
            sa.func.min(table.c.id),
            sa.func.max(table.c.id),
            sa.func.max(table.c.timestamp),
        ).where(table.c.sender_id == sa.bindparam("sender"))
        self.hits = 0
        self.misses = 0

    @property
    def domain(self) -> Domain:
        """The domain trackers are built with (an empty one until Rasa sets the model's)."""
        return self._domain

    @domain.setter
    def domain(self, domain: Domain | None) -> None:
        # Rasa sets the domain again when it loads a model: trackers built with the old slots
        # are dropped.
        self._domain = domain or Domain.empty()
        self._kept.clear()

    def _stored(self, session: Any, sender_id: str) -> Stored:
        count, first, last, last_time = session.execute(
            self._stored_query, {"sender": sender_id}
        ).one()
        return Stored(int(count), first, last, last_time)

    def _keep(self, tracker: DialogueStateTracker, stored: Stored, out: bool) -> None:
        if self.cache_size == 0:
            return
        self._kept[tracker.sender_id] = _Kept(tracker, stored, len(tracker.events), out)
        self._kept.move_to_end(tracker.sender_id)
        while len(self._kept) > self.cache_size:
            self._kept.popitem(last=False)

    def _unchanged(self, sender_id: str, stored: Stored) -> _Kept | None:
        """The kept tracker of a conversation whose stored events are as they were when it was
        kept; a kept tracker of a changed conversation is dropped."""
        kept = self._kept.get(sender_id)
        if kept is not None and kept.stored == stored:
            return kept
        self._kept.pop(sender_id, None)
        return None

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation's latest session, as SQLTrackerStore.retrieve returns it."""
        with self.session_scope() as session:
            stored = self._stored(session, sender_id)
            kept = self._unchanged(sender_id, stored)
            if kept is not None and not kept.out and len(kept.tracker.events) == kept.length:
                self.hits += 1
                kept.out = True
                self._kept.move_to_end(sender_id)
                return kept.tracker
            self.misses += 1
            if stored.count == 0:
                return None
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            events = [json.loads(row.data) for row in rows.all()]
        if not events or not self.domain:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        self._keep(tracker, stored, out=True)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the tracker's new events, exactly as SQLTrackerStore.save writes them."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = self._stored(session, tracker.sender_id)
            kept = self._unchanged(tracker.sender_id, stored)
            ours = kept is not None and kept.tracker is tracker
            if ours and kept is not None:  # the tracker handed out: its events past the kept ones
                new = list(tracker.events)[kept.length :]
            else:
                new = list(self._additional_events(session, tracker))
            rows = [self._row(tracker.sender_id, event) for event in new]
            session.add_all(rows)
            session.flush()  # assigns the ids
            ids = [row.id for row in rows]
            times = [row.timestamp for row in rows]  # read before the commit expires them
            session.commit()
        if not (ours or stored.count == 0) or any(isinstance(e, SessionStarted) for e in new):
            # Keep only what retrieve() would have returned: the tracker it handed out, or a
            # new conversation's; after a new session starts, Rasa reads from that session on.
            self._kept.pop(tracker.sender_id, None)
            return
        if ids:
            known = [t for t in (stored.last_time, *times) if t is not None]
            stored = Stored(
                stored.count + len(ids),
                stored.first_id if stored.first_id is not None else min(ids),
                max(ids),
                max(known, default=None),
            )
        self._keep(tracker, stored, out=False)

    def _row(self, sender_id: str, event: Any) -> Any:
        data = event.as_dict()
        intent = data.get("parse_data", {}).get("intent", {}).get("name")
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=intent,
            action_name=data.get("name"),
            data=json.dumps(data),
        )
