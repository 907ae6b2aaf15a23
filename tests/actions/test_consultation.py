"""Saving a consultation request, driven with trackers built in code: saved with a reference
when the database is up; kept under the reference the person is told, and delivered later, when
it is down; never lost silently."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions.consultation import ActionSaveConsultationRequest
from bot.clinic import load_clinic
from bot.db.session import make_engine
from bot.records import pending
from bot.records.intake_records import find_by_reference
from bot.records.queue import queue

CLINIC = dataclasses.replace(load_clinic(), emergency_number="999", phone="+44 20 0000 0000")
# Nothing listens on port 1: connecting fails at once, as with a database server that is down.
DOWN = "postgresql+psycopg2://spinebot@127.0.0.1:1/spinebot"
SLOTS = {
    "consent_contact": True,
    "contact_name": "Ada Example",
    "contact_detail": "+1 555 0199",
    "contact_time": "mornings",
    "body_region": "lower_back",
    "duration_days": 200,
    "pain_score": 6,
    "age": 58.0,  # a float slot since issue 18; staff read whole years
}

Save = Callable[[Callable[[], Engine], str], tuple[dict[str, Any], list[dict[str, Any]]]]


@pytest.fixture
def spool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPINEBOT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "pending-requests"


@pytest.fixture
def save() -> Save:
    def run(engine: Callable[[], Engine], sender: str) -> tuple[dict[str, Any], list[Any]]:
        tracker = Tracker(
            sender, dict(SLOTS), {"text": "mornings"}, [], False, None, {}, "action_listen"
        )
        dispatcher = CollectingDispatcher()
        action = ActionSaveConsultationRequest(lambda: CLINIC, engine)
        events = asyncio.run(action.run(dispatcher, tracker, {}))
        [message] = dispatcher.messages
        return message, events

    return run


def _down() -> Engine:
    return make_engine(DOWN)


def test_a_saved_request_is_confirmed_with_a_reference_staff_can_find(
    database: Engine, spool: Path, save: Save
) -> None:
    message, _ = save(lambda: database, "c1")
    assert message["response"] == "utter_consultation_saved"
    with Session(database) as session:
        record = find_by_reference(session, message["reference"])
    assert record is not None and record["name"] == "Ada Example"
    assert pending.waiting(spool) == []


def test_with_the_database_down_the_request_is_kept_and_the_person_told_how_to_reach_the_clinic(
    database: Engine, spool: Path, save: Save, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    message, events = save(_down, "c2")
    assert message["response"] == "utter_consultation_kept"
    assert (message["clinic_phone"], message["emergency_number"]) == ("+44 20 0000 0000", "999")
    [kept] = pending.waiting(spool)
    assert kept.stem == message["reference"]
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # contact details: the service's user only
    assert "Ada Example" not in caplog.text and "0199" not in caplog.text
    assert {"event": "slot", "name": "contact_name", "value": None, "timestamp": None} in events

    # The database is back: the next save delivers the kept request first, under its reference.
    second, _ = save(lambda: database, "c3")
    assert second["response"] == "utter_consultation_saved"
    with Session(database) as session:
        delivered = find_by_reference(session, message["reference"])
        assert find_by_reference(session, second["reference"]) is not None
    assert delivered is not None and delivered["conversation_id"] == "c2"
    assert delivered["phone"] == "+1 555 0199"
    assert delivered["summary"]["region"] == "lower_back"
    assert delivered["summary"]["age"] == 58
    assert pending.waiting(spool) == []


def test_if_it_cannot_even_be_kept_the_person_is_asked_to_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, save: Save
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("SPINEBOT_DATA_DIR", str(blocker))
    message, _ = save(_down, "c4")
    assert message["response"] == "utter_consultation_not_saved"
    assert message["clinic_phone"] == "+44 20 0000 0000"


def test_delivery_never_saves_a_request_twice(database: Engine, spool: Path, save: Save) -> None:
    message, _ = save(_down, "c5")
    [kept] = pending.waiting(spool)
    copy = kept.read_text()
    assert pending.deliver(database, spool) == pending.Delivery(delivered=1, waiting=0)
    kept.write_text(copy)  # as if the file could not be removed after the save
    assert pending.deliver(database, spool) == pending.Delivery(delivered=1, waiting=0)
    with Session(database) as session:
        assert find_by_reference(session, message["reference"]) is not None
        assert [r.reference for r in queue(session)].count(message["reference"]) == 1


def test_the_command_delivers_and_reports_what_is_waiting(
    database: Engine,
    spool: Path,
    save: Save,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    save(_down, "c6")
    assert pending.main(["--list"]) == 1
    assert "1 request(s) waiting" in capsys.readouterr().out
    monkeypatch.setenv("DATABASE_URL", DOWN)
    assert pending.main([]) == 1
    assert "1 request(s) still waiting" in capsys.readouterr().err
    monkeypatch.setenv("DATABASE_URL", str(database.url))
    assert pending.main([]) == 0
    assert capsys.readouterr().out == "1 delivered, 0 still waiting\n"


def test_a_request_that_cannot_be_delivered_is_set_aside_not_refiled_and_blocks_nothing(
    database: Engine, spool: Path, save: Save
) -> None:
    taken, _ = save(_down, "c7")  # kept under a reference nobody checked
    save(_down, "c8")
    (spool / "SB-BROKEN.json").write_text("{not json")
    # Meanwhile another request was filed under the first one's reference.
    [first] = [p for p in pending.waiting(spool) if p.stem == taken["reference"]]
    clash = first.read_text().replace('"conversation_id": "c7"', '"conversation_id": "other"')
    other = spool.parent / "other"
    other.mkdir()
    (other / first.name).write_text(clash)
    assert pending.deliver(database, other).delivered == 1

    result = pending.deliver(database, spool)
    assert result == pending.Delivery(delivered=1, waiting=0)  # c8 went through
    assert sorted(p.name for p in (spool / "failed").iterdir()) == sorted(
        [first.name, "SB-BROKEN.json"]
    )
    with Session(database) as session:
        record = find_by_reference(session, taken["reference"])
    assert record is not None and record["conversation_id"] == "other"  # not refiled over it
