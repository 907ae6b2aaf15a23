"""Requests and triages as staff read them: `queue` lists both kinds together (requests, and
the triages that did not end in one), `record_detail` gives one record in full. The console's two
lists, people to contact and the triage log, are in bot/records/worklists.py.

References tell the two kinds apart: SB-XXXXXX for requests, TR-XXXXXX for triages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import String, case, cast, exists, func, literal, null, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.db.clock import as_utc
from bot.db.models import IntakeRecord, StaffNote, TriageRecord
from bot.records.intake_records import KINDS as REQUEST_KINDS
from bot.records.references import (
    REFERENCE_ALPHABET,
    REQUEST_PREFIX,
    TRIAGE_PREFIX,
    normalise_reference,
)
from bot.records.triage_summary import TriageSummary, summary_from_json
from bot.triage.levels import Level

LEVEL_ORDER = tuple(level.value for level in Level)  # most urgent first
NO_LEVEL = "none"  # the level filter's value for records without a triage level
KINDS = (*REQUEST_KINDS, "triage")
STATUSES = ("new", "contacted", "not_reached", "scheduled", "closed")
TRIAGE_STATUSES = ("new", "closed")  # a triage has no contact details: new, then reviewed
PAGE_SIZE = 100


class RecordNotFound(LookupError):
    """No intake or triage record has this reference."""


@dataclass(frozen=True)
class QueueItem:
    """One row of the staff queue; `created_at` in UTC."""

    reference: str
    kind: str  # consultation | callback | triage
    level: str | None
    status: str
    created_at: datetime
    name: str | None  # None for triages: no contact details were asked for
    contact_time: str | None
    phone: str | None = None  # as stored: digits with an optional leading +
    email: str | None = None
    summary: TriageSummary = field(default_factory=TriageSummary)
    # A triage's request from the same conversation (its SB- reference), if the person made one.
    request_reference: str | None = None


@dataclass(frozen=True)
class RecordNote:
    """A staff note on a record, or the trace of a status change; `created_at` in UTC."""

    created_at: datetime
    username: str
    text: str  # empty when the note only records a status change
    status: str | None  # the status set with this note, if any


@dataclass(frozen=True)
class RecordDetail:
    """One record in full, as the record page and the FHIR export show it; times in UTC."""

    reference: str
    kind: str
    level: str | None
    status: str
    created_at: datetime
    conversation_id: str
    summary: TriageSummary
    notes: tuple[RecordNote, ...]  # oldest first
    # Requests only; None for triages.
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    contact_time: str | None = None
    consent_given_at: datetime | None = None


def reference_candidates(search: str) -> list[str]:
    """The references a search term could mean: exact with a prefix, either prefix without."""
    term = normalise_reference(search)
    if term.startswith((REQUEST_PREFIX, TRIAGE_PREFIX)):
        return [term]
    if term and all(char in REFERENCE_ALPHABET for char in term):
        return [REQUEST_PREFIX + term, TRIAGE_PREFIX + term]
    return []


def row_columns(table: Any, kind: Any, name: Any, contact_time: Any) -> list[Any]:
    """The first columns of a list's row (QueueItem's reference to contact_time) from a record
    table; the columns requests and triages do not share are given."""
    return [
        table.reference.label("reference"),
        kind.label("kind"),
        table.level.label("level"),
        table.status.label("status"),
        table.created_at.label("created_at"),
        name.label("name"),
        contact_time.label("contact_time"),
    ]


def _requests(
    level: str | None,
    status: str | None,
    kind: str | None,
    since: datetime | None,
    until: datetime | None,
    search: str | None,
) -> Select:
    r = IntakeRecord
    query = select(*row_columns(r, r.kind, r.name, r.contact_time))
    if kind is not None:
        query = query.where(r.kind == kind)
    if search:
        matches = func.lower(r.name).contains(search.lower(), autoescape=True)
        references = reference_candidates(search)
        query = query.where(or_(matches, r.reference.in_(references)) if references else matches)
    return query.where(*filter_conditions(r, level, status, since, until))


def _triages(
    level: str | None,
    status: str | None,
    since: datetime | None,
    until: datetime | None,
    search: str | None,
) -> Select:
    t = TriageRecord
    no_name, no_time = cast(null(), String(100)), cast(null(), String(200))
    query = select(*row_columns(t, cast(literal("triage"), String(16)), no_name, no_time)).where(
        # A triage that ended in a request is shown as that request.
        ~exists().where(IntakeRecord.conversation_id == t.conversation_id)
    )
    if search:
        query = query.where(t.reference.in_(reference_candidates(search)))
    return query.where(*filter_conditions(t, level, status, since, until))


def filter_conditions(
    table: Any,
    level: str | None,
    status: str | None,
    since: datetime | None,
    until: datetime | None,
) -> list[Any]:
    """The WHERE conditions of the filters both record tables share: `level` (or NO_LEVEL),
    `status`, and created in [since, until); a None filter adds none."""
    conditions: list[Any] = []
    if level == NO_LEVEL:
        conditions.append(table.level.is_(None))
    elif level is not None:
        conditions.append(table.level == level)
    if status is not None:
        conditions.append(table.status == status)
    if since is not None:
        conditions.append(table.created_at >= as_utc(since))
    if until is not None:
        conditions.append(table.created_at < as_utc(until))
    return conditions


def queue(
    session: Session,
    level: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    search: str | None = None,
    limit: int | None = PAGE_SIZE,
    offset: int = 0,
) -> list[QueueItem]:
    """Requests and triages, most urgent level first (no level last), then newest first.

    A triage that ended in a request is shown as that request. Every filter left None matches
    all records.

    Args:
        session: the application database.
        level: one of LEVEL_ORDER, or NO_LEVEL for records without one.
        status: one of STATUSES.
        kind: one of KINDS.
        since: created at or after this time (inclusive).
        until: created before this time (exclusive).
        search: a reference (any case, SB-/TR- prefix optional) or part of a name.
        limit: at most this many items; None for every matching record.
        offset: items skipped first, for the next page.

    """
    search = search.strip() if search else None
    parts = []
    if kind in (None, "triage"):
        parts.append(_triages(level, status, since, until, search))
    if kind != "triage":
        parts.append(_requests(level, status, kind, since, until, search))
    rows = parts[0].subquery() if len(parts) == 1 else union_all(*parts).subquery()
    rank = case(
        {value: position for position, value in enumerate(LEVEL_ORDER)},
        value=rows.c.level,
        else_=len(LEVEL_ORDER),
    )
    query = (
        select(rows)
        .order_by(rank, rows.c.created_at.desc(), rows.c.reference)
        .offset(offset)
        .limit(limit)
    )
    return [
        QueueItem(
            reference=row.reference,
            kind=row.kind,
            level=row.level,
            status=row.status,
            created_at=as_utc(row.created_at),
            name=row.name,
            contact_time=row.contact_time,
        )
        for row in session.execute(query)
    ]


def notes_of(session: Session, reference: str) -> tuple[RecordNote, ...]:
    """A record's notes, oldest first (the reference as stored, already normalised)."""
    query = (
        select(StaffNote)
        .where(StaffNote.reference == reference)
        .order_by(StaffNote.created_at, StaffNote.id)
    )
    return tuple(
        RecordNote(as_utc(row.created_at), row.username, row.text, row.status)
        for row in session.execute(query).scalars()
    )


def table_for(reference: str) -> Any:
    """The model whose table holds a normalised reference: TriageRecord for TR-, else
    IntakeRecord."""
    return TriageRecord if reference.startswith(TRIAGE_PREFIX) else IntakeRecord


def record_detail(session: Session, reference: str) -> RecordDetail | None:
    """Everything about one record, with its notes; None if there is no such reference."""
    wanted = normalise_reference(reference)
    table = table_for(wanted)
    row = session.execute(select(table).where(table.reference == wanted)).scalar_one_or_none()
    if row is None:
        return None
    contact: dict[str, Any] = {}  # triages have no contact details
    if table is IntakeRecord:
        contact = {
            "name": row.name,
            "phone": row.phone,
            "email": row.email,
            "contact_time": row.contact_time,
            "consent_given_at": as_utc(row.consent_given_at),
        }
    return RecordDetail(
        reference=row.reference,
        kind="triage" if table is TriageRecord else row.kind,
        level=row.level,
        status=row.status,
        created_at=as_utc(row.created_at),
        conversation_id=row.conversation_id,
        summary=summary_from_json(row.summary),
        notes=notes_of(session, row.reference),
        **contact,
    )
