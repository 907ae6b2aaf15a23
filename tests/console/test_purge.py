"""Retention: what is older than the retention period goes, with its notes and transcript."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.console.audit import list_audit
from bot.console.purge import DEFAULT_RETENTION_DAYS, purge, retention_days
from bot.console.users import record_login_failure
from bot.db.models import LoginFailure, StaffNote
from bot.records.queue import queue, record_detail
from bot.records.workflow import add_note
from tests.console.factories import add_events, count_events
from tests.records.factories import NOW, add_request, add_triage

DAY = timedelta(days=1)
RETENTION = 30


def said(tracker: Engine, conversation: str, when: object) -> None:
    add_events(tracker, conversation, ("user", when, {"text": "my back hurts"}))  # type: ignore[arg-type]


def test_exactly_the_expired_records_go_with_their_notes_and_transcripts(
    session: Session, tracker: Engine
) -> None:
    cutoff = NOW - RETENTION * DAY
    kept = add_request(session, cutoff + DAY, conversation_id="kept")
    gone = add_request(session, cutoff - DAY, conversation_id="gone")
    gone_triage = add_triage(session, cutoff - DAY, conversation_id="gone-triage")
    for reference in (kept, gone, gone_triage):
        add_note(session, reference, "alex", "called", cutoff)
    said(tracker, "kept", cutoff - DAY)  # the conversation began before the cutoff: still kept
    said(tracker, "gone", cutoff - DAY)
    said(tracker, "gone-triage", cutoff - DAY)
    said(tracker, "no-record-old", cutoff - DAY)
    said(tracker, "no-record-recent", cutoff + DAY)

    report = purge(session, tracker, NOW, RETENTION)
    session.commit()

    assert (report.intake_records, report.triage_records, report.notes) == (1, 1, 2)
    assert (report.conversations, report.transcript_events) == (3, 3)
    assert [item.reference for item in queue(session)] == [kept]
    assert record_detail(session, gone) is None and record_detail(session, gone_triage) is None
    assert session.execute(select(func.count(StaffNote.id))).scalar_one() == 1
    assert {c: count_events(tracker, c) for c in ("kept", "gone", "gone-triage")} == {
        "kept": 1, "gone": 0, "gone-triage": 0
    }  # fmt: skip
    assert count_events(tracker, "no-record-old") == 0
    assert count_events(tracker, "no-record-recent") == 1
    purged = list_audit(session)
    assert sorted((e.action, e.reference) for e in purged) == sorted(
        [("purged", gone), ("purged", gone_triage)]
    )
    assert purged[0].detail == f"older than {RETENTION} days"


def test_a_dry_run_counts_and_deletes_nothing(session: Session, tracker: Engine) -> None:
    gone = add_request(session, NOW - (RETENTION + 1) * DAY, conversation_id="gone")
    said(tracker, "gone", NOW - (RETENTION + 1) * DAY)
    report = purge(session, tracker, NOW, RETENTION, dry_run=True)
    session.commit()
    assert report.dry_run and (report.intake_records, report.transcript_events) == (1, 1)
    assert record_detail(session, gone) is not None
    assert count_events(tracker, "gone") == 1
    assert list_audit(session) == []


def test_a_conversation_with_a_kept_record_stays_even_if_an_older_one_goes(
    session: Session, tracker: Engine
) -> None:
    add_triage(session, NOW - (RETENTION + 5) * DAY, conversation_id="long")
    kept = add_request(session, NOW - DAY, conversation_id="long")
    said(tracker, "long", NOW - (RETENTION + 5) * DAY)
    report = purge(session, tracker, NOW, RETENTION)
    session.commit()
    assert report.triage_records == 1 and report.transcript_events == 0
    assert count_events(tracker, "long") == 1 and record_detail(session, kept) is not None


def test_old_failed_sign_ins_go_too(session: Session, tracker: Engine) -> None:
    record_login_failure(session, "alex", "10.0.0.1", NOW)
    record_login_failure(session, "alex", "10.0.0.1", NOW - DAY)
    assert purge(session, tracker, NOW, RETENTION).login_failures == 1
    assert session.execute(select(func.count(LoginFailure.id))).scalar_one() == 1


def test_nothing_to_purge(session: Session, tracker: Engine) -> None:
    report = purge(session, tracker, NOW, RETENTION)
    assert (report.intake_records, report.triage_records, report.transcript_events) == (0, 0, 0)
    assert report.cutoff == NOW - RETENTION * DAY


@pytest.mark.parametrize(
    ("value", "days"), [(None, DEFAULT_RETENTION_DAYS), ("", DEFAULT_RETENTION_DAYS), ("90", 90)]
)
def test_the_retention_comes_from_the_environment(value: str | None, days: int) -> None:
    assert retention_days({} if value is None else {"SPINEBOT_RETENTION_DAYS": value}) == days


@pytest.mark.parametrize("value", ["0", "-5", "ninety", "1.5"])
def test_a_bad_retention_is_refused_by_name(value: str) -> None:
    with pytest.raises(ValueError, match="SPINEBOT_RETENTION_DAYS must be a whole number"):
        retention_days({"SPINEBOT_RETENTION_DAYS": value})
