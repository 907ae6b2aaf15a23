"""The audit log on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from bot.console.audit import list_audit, record_audit
from tests.records.factories import NOW


def test_entries_come_back_newest_first_and_by_record(session: Session) -> None:
    record_audit(session, "alex", "login", now=NOW)
    record_audit(session, "alex", "viewed", "SB-ABC234", now=NOW + timedelta(minutes=1))
    record_audit(session, "alex", "status_changed", "SB-ABC234", "new -> contacted",
                 now=NOW + timedelta(minutes=2))  # fmt: skip
    record_audit(session, "robin", "viewed", "SB-XYZ789", now=NOW + timedelta(minutes=3))
    entries = list_audit(session)
    assert [e.action for e in entries] == ["viewed", "status_changed", "viewed", "login"]
    assert entries[-1].at == NOW and entries[-1].reference is None
    about = list_audit(session, reference="sb-abc234")
    assert [(e.action, e.detail) for e in about] == [
        ("status_changed", "new -> contacted"),
        ("viewed", None),
    ]
    assert len(list_audit(session, limit=2)) == 2


def test_an_unknown_action_is_refused(session: Session) -> None:
    with pytest.raises(ValueError, match="unknown audit action 'looked'"):
        record_audit(session, "alex", "looked")
    assert list_audit(session) == []


def test_a_long_detail_is_cut_and_the_system_has_no_username(session: Session) -> None:
    entry = record_audit(session, None, "purged", "SB-ABC234", "x" * 500, now=NOW)
    assert entry.username is None and len(entry.detail or "") == 200
    assert list_audit(session) == [entry]
