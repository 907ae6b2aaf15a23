"""A request kept while the database was down and delivered after the person's triage reaches
staff with that triage, not as "not assessed" (issue 19 step 2)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db.session import create_schema, make_engine
from bot.records import pending
from bot.records.intake_records import IntakeRequest, find_by_reference
from bot.records.triage_records import save_triage
from bot.records.triage_summary import TriageSummary
from tests.records.factories import NOW

TRIAGED = TriageSummary(region="lower_back", age=61, level="doctor_soon", reasons=("a reason",))


def kept_request(conversation_id: str) -> IntakeRequest:
    return IntakeRequest(
        kind="consultation",
        name="Ada Example",
        contact_time="mornings",
        consent_given_at=NOW,
        conversation_id=conversation_id,
        phone="+15550100199",
        summary=TriageSummary(region="lower_back"),  # asked for before any triage
    )


def database(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    create_schema(engine)
    return engine


def triage_at(engine: Engine, conversation_id: str, when: timedelta) -> None:
    with Session(engine, future=True) as session, session.begin():
        save_triage(session, conversation_id, TRIAGED, NOW + when)


def delivered(engine: Engine, spool: Path, reference: str) -> dict[str, object]:
    assert pending.deliver(engine, spool).delivered == 1
    with Session(engine, future=True) as session:
        found = find_by_reference(session, reference)
    assert found is not None
    return found


def test_a_kept_request_delivered_after_its_triage_carries_the_triage(tmp_path: Path) -> None:
    engine, spool = database(tmp_path), tmp_path / "spool"
    pending.keep(kept_request("conv-late"), "SB-AAAAAA", spool)
    triage_at(engine, "conv-late", timedelta(minutes=5))  # the database came back meanwhile
    record = delivered(engine, spool, "SB-AAAAAA")
    assert record["level"] == "doctor_soon"
    assert record["summary"]["age"] == 61  # type: ignore[index]


def test_a_triage_older_than_the_request_does_not_replace_it(tmp_path: Path) -> None:
    engine, spool = database(tmp_path), tmp_path / "spool"
    triage_at(engine, "conv-early", timedelta(minutes=-5))
    pending.keep(kept_request("conv-early"), "SB-BBBBBB", spool)
    record = delivered(engine, spool, "SB-BBBBBB")
    assert record["level"] is None  # the request's own summary, as kept
