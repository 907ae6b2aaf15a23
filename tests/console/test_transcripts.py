"""Transcripts read from Rasa's SQL tracker store."""

from __future__ import annotations

import asyncio
import warnings
from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import Engine

from bot.console.transcripts import transcript
from bot.db.session import make_engine
from tests.console.factories import add_events
from tests.records.factories import NOW

SECOND = timedelta(seconds=1)
QUESTION = {
    "text": "Do you have any numbness between your legs?",
    "data": {"buttons": [{"title": "Yes", "payload": "/affirm"},
                         {"title": "No", "payload": "/deny"}]},
}  # fmt: skip


def test_the_conversation_in_order_with_button_clicks_as_their_titles(tracker: Engine) -> None:
    add_events(
        tracker,
        "conv-1",
        ("action", NOW, {"name": "action_session_start"}),
        ("user", NOW + SECOND, {"text": "my lower back hurts", "parse_data": {}}),
        ("bot", NOW + 2 * SECOND, QUESTION),
        ("user", NOW + 3 * SECOND, {"text": "/deny"}),
        ("slot", NOW + 3 * SECOND, {"name": "saddle_numbness", "value": False}),
        ("bot", NOW + 4 * SECOND, {"text": "Thanks. How long has it hurt?", "data": {}}),
        ("user", NOW + 5 * SECOND, {"text": "/deny"}),  # no button offered: shown as typed
        ("bot", NOW + 6 * SECOND, {"text": None, "data": {"custom": {"triage": {}}}}),
    )
    add_events(tracker, "conv-2", ("user", NOW, {"text": "someone else"}))
    lines = transcript(tracker, "conv-1")
    assert [(line.speaker, line.text) for line in lines] == [
        ("user", "my lower back hurts"),
        ("bot", "Do you have any numbness between your legs?"),
        ("user", "No"),
        ("bot", "Thanks. How long has it hurt?"),
        ("user", "/deny"),
    ]
    assert lines[0].time == NOW + SECOND


def test_an_unknown_conversation_has_no_lines(tracker: Engine) -> None:
    assert transcript(tracker, "nobody") == []


def test_no_tracker_table_yet_means_no_lines(tmp_path: Path) -> None:
    empty = make_engine(f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
    assert transcript(empty, "conv-1") == []


def test_events_written_by_rasas_own_tracker_store_are_read(tmp_path: Path) -> None:
    path = tmp_path / "rasa-tracker.sqlite3"
    events = [("user", "my neck hurts", NOW), ("bot", QUESTION["text"], NOW + SECOND),
              ("user", "/affirm", NOW + 2 * SECOND)]  # fmt: skip
    # Rasa's tracker store uses SQLAlchemy APIs that 1.4 deprecates (Rasa's to change), and
    # importing Rasa puts warning filters of its own first: keep those warnings out of the report.
    with warnings.catch_warnings(record=True):
        from rasa.core.tracker_store import SQLTrackerStore
        from rasa.shared.core.domain import Domain
        from rasa.shared.core.events import BotUttered, UserUttered
        from rasa.shared.core.trackers import DialogueStateTracker

        store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))
        rasa_events = [
            UserUttered(text, timestamp=moment.timestamp())
            if kind == "user"
            else BotUttered(text, data=QUESTION["data"], timestamp=moment.timestamp())
            for kind, text, moment in events
        ]
        asyncio.run(store.save(DialogueStateTracker.from_events("conv-r", rasa_events)))
    lines = transcript(make_engine(f"sqlite:///{path}"), "conv-r")
    assert [(line.time, line.speaker, line.text) for line in lines] == [
        (NOW, "user", "my neck hurts"),
        (NOW + SECOND, "bot", QUESTION["text"]),
        (NOW + 2 * SECOND, "user", "Yes"),
    ]
