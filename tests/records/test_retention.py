"""Deleting records by age (bot/records/retention.py), on SQLite and PostgreSQL: what is older
than the cutoff goes with its notes, what is not stays, and a dry run only counts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import Notification, StaffNote
from bot.records.queue import queue, record_detail
from bot.records.retention import purge_records
from bot.records.workflow import add_note
from tests.records.factories import NOW, add_request, add_triage

DAY = timedelta(days=1)


def _notes(session: Session) -> int:
    return session.execute(select(func.count(StaffNote.id))).scalar_one()


def test_records_created_before_the_cutoff_go_with_their_notes(session: Session) -> None:
    kept = add_request(session, NOW, conversation_id="kept")
    at_cutoff = add_triage(session, NOW - DAY, conversation_id="at-cutoff")
    old = add_request(session, NOW - 2 * DAY, conversation_id="old", kind="callback")
    old_triage = add_triage(session, NOW - 3 * DAY, conversation_id="old-triage")
    for reference in (kept, old, old_triage):
        add_note(session, reference, "alex", "called", NOW)

    expired = purge_records(session, NOW - DAY)

    assert (expired.requests, expired.triages, expired.notes) == ((old,), (old_triage,), 2)
    assert expired.references == tuple(sorted((old, old_triage)))
    assert expired.conversations == {"old", "old-triage"}
    assert expired.kept_conversations == {"kept", "at-cutoff"}
    assert sorted(item.reference for item in queue(session)) == sorted((kept, at_cutoff))
    assert record_detail(session, old) is None and record_detail(session, old_triage) is None
    assert _notes(session) == 1
    # the new-request e-mail rows (reference and urgency band) go with their requests
    assert session.execute(select(Notification.reference)).scalars().all() == [kept]


def test_a_dry_run_counts_the_same_and_deletes_nothing(session: Session) -> None:
    old = add_request(session, NOW - 2 * DAY, conversation_id="old")
    add_note(session, old, "alex", "called", NOW)

    counted = purge_records(session, NOW - DAY, dry_run=True)

    assert (counted.requests, counted.notes, counted.conversations) == ((old,), 1, {"old"})
    assert record_detail(session, old) is not None and _notes(session) == 1
    assert purge_records(session, NOW - DAY) == counted
    assert queue(session) == []
