"""Following a record up: its status and staff notes.

The allowed changes are the TRANSITIONS table: the path new -> contacted -> scheduled -> closed,
and not_reached (from new or contacted, and back to contacted on a later try). Any open record
may also be closed directly (a duplicate, a withdrawn request, someone who was never reached);
closed is final. Triages have no contact details, so they only go from new to closed (reviewed).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.clock import as_utc, utc_now
from bot.db.models import StaffNote
from bot.records.queue import RecordNote, RecordNotFound, table_for
from bot.records.references import TRIAGE_PREFIX, normalise_reference
from bot.records.rows import add_row

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("contacted", "not_reached", "closed"),
    "contacted": ("scheduled", "not_reached", "closed"),
    "not_reached": ("contacted", "closed"),
    "scheduled": ("closed",),
    "closed": (),
}
TRIAGE_TRANSITIONS: dict[str, tuple[str, ...]] = {"new": ("closed",)}
NOTE_LENGTH = 2000


class TransitionError(ValueError):
    """A status change the workflow does not allow; the message says which ones it does."""


def next_statuses(status: str, kind: str = "consultation") -> tuple[str, ...]:
    """The statuses a record of this kind may move to from `status`."""
    table = TRIAGE_TRANSITIONS if kind == "triage" else TRANSITIONS
    return table.get(status, ())


def _locked_row(session: Session, reference: str) -> Any:
    """The record's row, locked until the transaction ends so two staff members changing it at
    once do not both pass the transition check (PostgreSQL; SQLite locks the whole file)."""
    table = table_for(reference)
    row = session.execute(
        select(table).where(table.reference == reference).with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise RecordNotFound(f"no record with reference {reference}")
    return row


def _note(
    session: Session,
    reference: str,
    username: str,
    text: str,
    status: str | None,
    now: datetime | None,
) -> RecordNote:
    note = RecordNote(as_utc(now or utc_now()), username, text.strip()[:NOTE_LENGTH], status)
    add_row(session, StaffNote, note, reference=reference)
    return note


def change_status(
    session: Session,
    reference: str,
    new_status: str,
    username: str,
    note: str | None = None,
    now: datetime | None = None,
) -> str:
    """Move a record to `new_status`, keeping who did it (and an optional note) in its notes.

    Returns:
        The status before the change.

    Raises:
        RecordNotFound: no such reference.
        TransitionError: the workflow does not allow this change.

    """
    reference = normalise_reference(reference)
    row = _locked_row(session, reference)
    kind = "triage" if reference.startswith(TRIAGE_PREFIX) else row.kind
    allowed = next_statuses(row.status, kind)
    if new_status not in allowed:
        options = ", ".join(allowed) if allowed else "none, it is final"
        raise TransitionError(
            f"{reference} cannot go from {row.status} to {new_status}; allowed: {options}"
        )
    previous: str = row.status
    row.status = new_status
    _note(session, reference, username, note or "", new_status, now)
    return previous


def add_note(
    session: Session, reference: str, username: str, text: str, now: datetime | None = None
) -> RecordNote:
    """Add a staff note to a record (RecordNotFound if there is none; ValueError if empty)."""
    reference = normalise_reference(reference)
    if not text.strip():
        raise ValueError("a note needs some text")
    _locked_row(session, reference)
    return _note(session, reference, username, text, None, now)
