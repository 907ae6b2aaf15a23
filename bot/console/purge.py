"""Delete what is older than the retention period: requests, triages, their notes and their
conversations in the tracker store, plus conversations that never led to a record.

The records and their notes go through bot/records/retention.py (bot/records/ owns record rows);
this module adds the transcripts, old failed sign-ins and one `purged` audit entry per record.

The retention is $SPINEBOT_RETENTION_DAYS (default 365); each clinic sets it to what its records
policy says. Run `python -m bot.console.purge [--dry-run]`, e.g. daily from cron.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot import settings
from bot.console import transcripts
from bot.console.audit import record_audit
from bot.console.users import LOGIN_WINDOW
from bot.db.clock import as_utc, utc_now
from bot.db.models import LoginFailure
from bot.db.session import create_schema, default_engine, engine_for
from bot.records.retention import purge_records

DEFAULT_RETENTION_DAYS = 365


@dataclass(frozen=True)
class PurgeReport:
    """What a purge deleted (or, with a dry run, would delete): counts of each kind of row."""

    cutoff: datetime  # records created before this went
    retention_days: int
    dry_run: bool  # True: the counts say what would go; nothing was deleted
    intake_records: int
    triage_records: int
    notes: int
    conversations: int  # distinct conversations deleted from the tracker store
    transcript_events: int
    login_failures: int


def retention_days(environ: Mapping[str, str] | None = None) -> int:
    """$SPINEBOT_RETENTION_DAYS, a whole number of days of at least 1 (ValueError otherwise)."""
    raw = (os.environ if environ is None else environ).get("SPINEBOT_RETENTION_DAYS", "").strip()
    if not raw:
        return DEFAULT_RETENTION_DAYS
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"SPINEBOT_RETENTION_DAYS must be a whole number of days, got {raw!r}")
    return int(raw)


@contextmanager
def _tracker(session: Session, tracker_engine: Engine, dry_run: bool) -> Iterator[Connection]:
    """The tracker store's connection: the session's own when both live in one database (one
    transaction, and no lock against ourselves on SQLite); else a transaction of its own."""
    if session.get_bind().url == tracker_engine.url:
        yield session.connection()
    elif dry_run:
        with tracker_engine.connect() as connection:
            yield connection  # rolled back on close
    else:
        with tracker_engine.begin() as connection:
            yield connection


def purge(
    session: Session,
    tracker_engine: Engine,
    now: datetime,
    days: int | None = None,
    dry_run: bool = False,
    username: str | None = None,
) -> PurgeReport:
    """Delete records created more than `days` (default: retention_days()) before `now`, with
    their notes and transcripts, and one `purged` audit entry per record.

    Transcripts of conversations that led to no record go once their last event is that old;
    a conversation that a kept record belongs to always stays. The app's rows are deleted in
    the caller's transaction, the tracker's in that transaction too when both share a database,
    else in a transaction of its own that commits first (a later failure leaves records whose
    transcripts are gone, which the next purge removes).
    """
    days = retention_days() if days is None else days
    cutoff = as_utc(now) - timedelta(days=days)
    records = purge_records(session, cutoff, dry_run)
    old_failures = LoginFailure.at <= as_utc(now) - LOGIN_WINDOW
    failures = session.execute(select(func.count(LoginFailure.id)).where(old_failures)).scalar_one()
    if not dry_run:
        session.execute(
            delete(LoginFailure).where(old_failures).execution_options(synchronize_session=False)
        )
        for reference in records.references:
            record_audit(session, username, "purged", reference, f"older than {days} days", now)
        session.flush()
    with _tracker(session, tracker_engine, dry_run) as connection:
        stale = transcripts.stale_conversations(connection, cutoff)
        conversations = transcripts.stored_conversations(
            connection, (records.conversations | stale) - records.kept_conversations
        )
        if dry_run:
            events = transcripts.count_events(connection, conversations)
        else:
            events = transcripts.delete_events(connection, conversations)
    return PurgeReport(
        cutoff=cutoff,
        retention_days=days,
        dry_run=dry_run,
        intake_records=len(records.requests),
        triage_records=len(records.triages),
        notes=records.notes,
        conversations=len(conversations),
        transcript_events=events,
        login_failures=failures,
    )


def describe(report: PurgeReport) -> str:
    """The report as one line for the command line and cron's mail."""
    verb = "would delete" if report.dry_run else "deleted"
    return (
        f"{verb} what is older than {report.retention_days} days "
        f"(before {report.cutoff:%Y-%m-%d %H:%M} UTC): "
        f"{report.intake_records} requests, {report.triage_records} triages, "
        f"{report.notes} notes, {report.transcript_events} transcript events of "
        f"{report.conversations} conversations, {report.login_failures} old failed sign-ins"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bot.console.purge [--dry-run]`: exit 0 done, 1 database unusable, 2 bad
    $SPINEBOT_RETENTION_DAYS."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.console.purge",
        description="Delete records, notes and transcripts older than $SPINEBOT_RETENTION_DAYS.",
    )
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)
    try:
        days = retention_days()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        engine = default_engine()
        create_schema(engine)
        with Session(engine, future=True) as session, session.begin():
            report = purge(
                session, engine_for(settings.tracker_url()), utc_now(), days, args.dry_run
            )
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
        print(f"error: the database cannot be used: {reason}", file=sys.stderr)
        return 1
    print(describe(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
