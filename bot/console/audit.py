"""The audit log: who viewed, changed, exported or purged which record, and who signed in.

Callers write the entry in the same transaction as the action it records, so one is never kept
without the other. The detail is a short free text for context ("new -> contacted", "12 rows");
it must never hold health data or contact details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.clock import as_utc, utc_now
from bot.db.models import AuditLogEntry
from bot.records.rows import add_row

ACTIONS = frozenset(
    {
        "viewed",
        "status_changed",
        "note_added",
        "exported_csv",
        "exported_fhir",
        "login",
        "login_failed",
        "login_blocked",
        "logout",
        "purged",
        "user_created",
        "password_changed",
        "role_changed",
        "user_deactivated",
        "user_reactivated",
    }
)
DETAIL_LENGTH = 200


@dataclass(frozen=True)
class AuditEntry:
    """One audit log entry; `at` is UTC, `detail` at most DETAIL_LENGTH characters."""

    at: datetime
    username: str | None  # None: the system, e.g. a scheduled purge
    action: str
    reference: str | None
    detail: str | None


def record_audit(
    session: Session,
    username: str | None,
    action: str,
    reference: str | None = None,
    detail: str | None = None,
    now: datetime | None = None,
) -> AuditEntry:
    """Add an entry; an action outside ACTIONS is a programming error (ValueError)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AuditEntry(
        at=as_utc(now or utc_now()),
        username=username[:64] if username else None,
        action=action,
        reference=reference,
        detail=detail[:DETAIL_LENGTH] if detail else None,
    )
    add_row(session, AuditLogEntry, entry)
    return entry


def list_audit(
    session: Session, reference: str | None = None, limit: int | None = 200
) -> list[AuditEntry]:
    """Entries newest first, optionally only those about one record."""
    query = select(AuditLogEntry).order_by(AuditLogEntry.at.desc(), AuditLogEntry.id.desc())
    if reference:
        query = query.where(AuditLogEntry.reference == reference.strip().upper())
    if limit is not None:
        query = query.limit(limit)
    return [
        AuditEntry(
            at=as_utc(row.at),
            username=row.username,
            action=row.action,
            reference=row.reference,
            detail=row.detail,
        )
        for row in session.execute(query).scalars()
    ]
