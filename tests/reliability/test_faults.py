"""Faults survived with nothing lost, on real servers this module starts for itself (the model
of the shared stack, its own ports, data folder and SQLite tracker store): the action server
down and back, the Rasa server restarted mid-conversation. (The database down while a request is
saved: tests/actions/test_consultation.py; Redis down in the scaled setup:
tests/bench/test_scaleout.py.)"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from bot.rasa_ext.channels.guard import service_problem_text
from tests.reliability.http import post_message
from tests.stack import Stack
from tools.server_pair import RestartableStack as Own

PROBLEM = service_problem_text()


@pytest.fixture(scope="module")
def own(live_stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Own]:
    work = tmp_path_factory.mktemp("faults")
    servers = Own(live_stack.work / "e2e.tar.gz", work,
                  f"sqlite:///{work / 'spinebot.sqlite3'}", os.environ).start()  # fmt: skip
    yield servers
    servers.stop()


def say(own: Own, sender: str, message: str) -> list[dict[str, Any]]:
    answer = post_message(own.url, {"sender": sender, "message": message})
    assert answer.status == 200, answer.text
    replies: list[dict[str, Any]] = answer.json()
    return replies


def texts(replies: list[dict[str, Any]]) -> list[str]:
    return [str(reply.get("text")) for reply in replies if reply.get("text")]


def test_guidance_names_the_emergency_number_and_the_clinic_phone() -> None:
    assert "call 911 now" in PROBLEM and "+1 555 0100" in PROBLEM


def test_with_the_action_server_down_the_bot_gives_safe_guidance_and_recovers(own: Own) -> None:
    assert PROBLEM not in texts(say(own, "down-1", "hello"))
    own.actions.stop()
    try:
        assert texts(say(own, "down-1", "my lower back has hurt for 3 weeks"))[-1] == PROBLEM
        # A red flag while the actions are away still gets the emergency number.
        assert PROBLEM in texts(say(own, "down-2", "I can't control my bladder"))
    finally:
        own.start_actions()
    # Back: the red flag is handled by the real interrupt, the conversation by the real actions.
    replies = say(own, "down-2", "I can't control my bladder")
    assert PROBLEM not in texts(replies)
    assert any(r.get("custom", {}).get("triage", {}).get("level") == "emergency_department"
               for r in replies)  # fmt: skip
    assert PROBLEM not in texts(say(own, "down-1", "about 3 weeks"))
    # The failures were logged, but never with what the person wrote.
    log = own.log.read_text()
    assert "message not fully handled" in log
    assert "has hurt for 3 weeks" not in log and "control my bladder" not in log


def test_a_restarted_rasa_server_resumes_the_conversation_from_the_tracker_store(
    own: Own,
) -> None:
    first = ["hi", "my lower back has hurt for 3 weeks, about 5/10"]
    rest = ["no", "35", "no"]
    # The same conversation twice: once straight through, once with a restart in the middle.
    straight = [texts(say(own, "straight", message)) for message in first + rest]
    for message in first:
        say(own, "restarted", message)
    own.rasa.stop()
    own.start_rasa()
    resumed = [texts(say(own, "restarted", message)) for message in rest]
    assert resumed == straight[len(first) :]
    assert all(replies and PROBLEM not in replies for replies in resumed)


def _tracker_db(own: Own, statement: str) -> None:
    with sqlite3.connect(own.env["TRACKER_DB"]) as connection:
        connection.execute(statement)


def _stored(own: Own, sender: str) -> int:
    with sqlite3.connect(own.env["TRACKER_DB"]) as connection:
        found = connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,))
        return int(found.fetchone()[0])


def test_a_failing_tracker_store_gives_guidance_logs_no_text_and_loses_nothing(own: Own) -> None:
    # Rasa's FailSafeTrackerStore would log the failed INSERT with the message in it, and go on
    # with an empty conversation after a failed read; here both are failures the person is told.
    sender = "tracker-down"
    say(own, sender, "my lower back has hurt for 3 weeks")
    stored = _stored(own, sender)
    _tracker_db(own, "CREATE TRIGGER refuse BEFORE INSERT ON events "
                     "BEGIN SELECT RAISE(ABORT, 'refused'); END")  # fmt: skip
    try:
        assert texts(say(own, sender, "it is a dull ache, maybe 6 out of 10"))[-1] == PROBLEM
    finally:
        _tracker_db(own, "DROP TRIGGER refuse")
    assert _stored(own, sender) == stored  # nothing half-written
    _tracker_db(own, "ALTER TABLE events RENAME TO events_away")
    try:
        assert texts(say(own, sender, "a dull ache"))[-1] == PROBLEM
    finally:
        _tracker_db(own, "ALTER TABLE events_away RENAME TO events")
    log = own.log.read_text()
    assert "6 out of 10" not in log and "dull ache" not in log
    # Back: the conversation goes on where it was (the intake), not from the greeting.
    replies = texts(say(own, sender, "6/10"))
    assert PROBLEM not in replies and not any("cannot diagnose" in text for text in replies)
    assert _stored(own, sender) > stored
