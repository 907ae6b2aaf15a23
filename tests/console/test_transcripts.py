"""Transcripts read from Rasa's SQL tracker store."""

from __future__ import annotations

import asyncio
import json
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
        ("user", NOW + 5 * SECOND, {"text": "/deny"}),  # no button offered: a readable note
        ("bot", NOW + 6 * SECOND, {"text": None, "data": {"custom": {"triage": {}}}}),
    )
    add_events(tracker, "conv-2", ("user", NOW, {"text": "someone else"}))
    lines = transcript(tracker, "conv-1")
    assert [(line.speaker, line.text) for line in lines] == [
        ("user", "my lower back hurts"),
        ("bot", "Do you have any numbness between your legs?"),
        ("user", "No"),
        ("bot", "Thanks. How long has it hurt?"),
        ("user", "(chose: deny)"),
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


def user_event(text: str, intent: str, entities: list[dict[str, object]] | None = None) -> dict:  # type: ignore[type-arg]
    """A user event's data as Rasa 3.6's SQLTrackerStore keeps it (socket.io channel)."""
    return {
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": 1.0},
            "entities": entities or [],
            "text": text,
            "message_id": "5c1f0e",
            "metadata": {},
            "intent_ranking": [{"name": intent, "confidence": 1.0}],
        },
        "input_channel": "socketio",
        "message_id": "5c1f0e",
        "metadata": {},
    }


def bot_event(text: str, buttons: list[dict[str, str]]) -> dict:  # type: ignore[type-arg]
    """A bot event's data as Rasa 3.6 keeps it: the buttons under data.buttons."""
    return {
        "text": text,
        "data": {"elements": None, "quick_replies": None, "buttons": buttons,
                 "attachment": None, "image": None, "custom": None},
        "metadata": {"utter_action": "utter_screen_group"},
    }  # fmt: skip


def inform(keys: str, compact: bool = False) -> str:
    """A "which of these?" payload as actions/screening.py writes it, or (compact) as the chat
    widget's "Send" button writes it with JSON.stringify."""
    separators = (",", ":") if compact else (", ", ": ")
    return "/inform" + json.dumps({"screen_items": keys}, separators=separators)


WHICH = [
    {"title": "Numbness between the legs", "payload": inform("saddle_numbness")},
    {"title": "Trouble passing urine", "payload": inform("bladder_dysfunction")},
    {"title": "None of these after all", "payload": inform("none_after_all")},
]


def test_what_the_person_saw_and_tapped_not_the_payloads(tracker: Engine) -> None:
    add_events(
        tracker,
        "conv-t",
        ("user", NOW, user_event("/greet", "greet")),  # sent by the widget when it opens
        ("bot", NOW + SECOND, bot_event("Which of these?", WHICH)),
        ("user", NOW + 2 * SECOND, user_event(inform("bladder_dysfunction"), "inform")),
        ("bot", NOW + 3 * SECOND, bot_event("Which of these?", WHICH)),
        # Two items chosen, sent together by the widget's "Send" button in its own spacing.
        ("user", NOW + 4 * SECOND,
         user_event(inform("saddle_numbness bladder_dysfunction", compact=True), "inform")),
        ("bot", NOW + 5 * SECOND, bot_event("Which of these?", WHICH)),
        ("user", NOW + 6 * SECOND, user_event(inform("saddle_numbness", compact=True), "inform")),
        # Typed, or sent by another client, with no button behind it.
        ("user", NOW + 7 * SECOND, user_event('/inform{"pain_score": 7}', "inform")),
        ("user", NOW + 8 * SECOND, user_event("/restart", "restart")),
        ("user", NOW + 9 * SECOND, user_event("/affirm{not json", "affirm")),
    )  # fmt: skip
    said = [line.text for line in transcript(tracker, "conv-t") if line.speaker == "user"]
    assert said == [
        "(opened the chat)",
        "Trouble passing urine",
        "Numbness between the legs; Trouble passing urine",
        "Numbness between the legs",
        "(chose: inform — pain score: 7)",
        "(started a new chat)",
        "/affirm{not json",  # not a payload Rasa would read either: shown as typed
    ]
    assert not any("{" in text for text in said[:-1])
