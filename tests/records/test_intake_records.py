"""Intake records on SQLite and PostgreSQL: saved with a unique reference, readable back."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import IntakeRecord
from bot.records.intake_records import IntakeRequest, find_by_reference, save_request
from bot.records.references import REFERENCE_ALPHABET, TRIAGE_PREFIX, new_reference
from bot.records.triage_summary import TriageSummary

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)


def request(**overrides: object) -> IntakeRequest:
    values: dict[str, object] = {
        "kind": "consultation",
        "name": "Sam Lee",
        "contact_time": "weekday mornings",
        "consent_given_at": NOW,
        "conversation_id": "conv-1",
        "phone": "+15550100199",
        "summary": TriageSummary(
            region="lower_back",
            duration_days=120,
            level="routine_appointment",
            reasons=("Pain that has lasted more than 12 weeks ...",),
        ),
    }
    values.update(overrides)
    return IntakeRequest(**values)  # type: ignore[arg-type]


def test_references_are_unambiguous() -> None:
    for _ in range(200):
        reference = new_reference()
        assert reference.startswith("SB-") and len(reference) == 9
        assert set(reference[3:]) <= set(REFERENCE_ALPHABET)
        assert not set(reference[3:]) & set("01OIL")


def test_one_generator_makes_both_kinds_of_reference() -> None:
    triage = new_reference(TRIAGE_PREFIX)
    assert triage.startswith("TR-") and len(triage) == 9
    assert set(triage[3:]) <= set(REFERENCE_ALPHABET)


def test_a_saved_request_is_read_back_with_its_summary(session: Session) -> None:
    with session.begin():
        reference = save_request(session, request())
    record = find_by_reference(session, reference.lower())
    assert record is not None
    assert (record["name"], record["phone"], record["status"]) == ("Sam Lee", "+15550100199", "new")
    assert record["summary"]["region"] == "lower_back"
    assert record["summary"]["level"] == "routine_appointment"
    assert record["level"] == "routine_appointment"


def test_every_request_gets_its_own_reference(session: Session) -> None:
    with session.begin():
        references = {save_request(session, request(conversation_id=f"c{i}")) for i in range(20)}
    assert len(references) == 20
    assert session.execute(select(func.count(IntakeRecord.id))).scalar_one() == 20


@pytest.mark.parametrize(
    ("overrides", "message"),
    [({"kind": "lunch"}, "kind"), ({"phone": None, "email": None}, "phone number or an email")],
)
def test_incomplete_requests_are_refused(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        request(**overrides)
