"""Save consultation and callback requests as intake records, with a reference number.

Functions take a session and return plain values, never ORM rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import IntakeRecord
from bot.notifications.outbox import enqueue
from bot.records.references import REQUEST_PREFIX, free_reference, normalise_reference
from bot.records.triage_summary import TriageSummary

KINDS = ("consultation", "callback")


@dataclass(frozen=True)
class IntakeRequest:
    """A consultation or callback request as the bot collected it, before it is saved.

    Raises ValueError for a kind outside KINDS or neither a phone number nor an email address."""

    kind: str
    name: str
    contact_time: str
    consent_given_at: datetime
    conversation_id: str
    phone: str | None = None
    email: str | None = None
    summary: TriageSummary = field(default_factory=TriageSummary)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        if not (self.phone or self.email):
            raise ValueError("a phone number or an email address is needed")


def save_request(session: Session, request: IntakeRequest, reference: str | None = None) -> str:
    """Store the request and return its reference number: `reference` if given (a request kept
    while the database was down, bot/records/pending.py), else a new unique one."""
    if reference is None:
        reference = free_reference(session, IntakeRecord, REQUEST_PREFIX)
    summary: dict[str, Any] = asdict(request.summary)
    session.add(
        IntakeRecord(
            reference=reference,
            kind=request.kind,
            status="new",
            created_at=datetime.now(timezone.utc),
            name=request.name,
            phone=request.phone,
            email=request.email,
            contact_time=request.contact_time,
            consent_given_at=request.consent_given_at,
            conversation_id=request.conversation_id,
            level=request.summary.level,
            summary=summary,
        )
    )
    # The clinic's intake address hears of it once the request is stored (same transaction).
    enqueue(session, reference, request.summary.level)
    session.flush()
    return reference


def save_or_update_request(session: Session, request: IntakeRequest) -> tuple[str, bool]:
    """One person, one request: the reference of the conversation's earlier request, updated
    with these details and this summary (the triage done since), and True; or a new record's
    reference and False when the conversation has none yet."""
    earlier = session.execute(
        select(IntakeRecord)
        .where(IntakeRecord.conversation_id == request.conversation_id)
        .order_by(IntakeRecord.created_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    if earlier is None:
        return save_request(session, request), False
    earlier.kind = request.kind
    earlier.name = request.name
    earlier.phone = request.phone
    earlier.email = request.email
    earlier.contact_time = request.contact_time
    earlier.consent_given_at = request.consent_given_at
    earlier.level = request.summary.level
    earlier.summary = asdict(request.summary)
    session.flush()
    return str(earlier.reference), True


def find_by_reference(session: Session, reference: str) -> dict[str, Any] | None:
    """A saved request's fields (the summary as stored JSON) by reference, any case; None if
    there is none."""
    row = session.execute(
        select(IntakeRecord).where(IntakeRecord.reference == normalise_reference(reference))
    ).scalar_one_or_none()
    if row is None:
        return None
    return {
        "reference": row.reference,
        "kind": row.kind,
        "status": row.status,
        "name": row.name,
        "phone": row.phone,
        "email": row.email,
        "contact_time": row.contact_time,
        "conversation_id": row.conversation_id,
        "level": row.level,
        "summary": row.summary,
    }


def requests_of(session: Session, conversation_id: str) -> tuple[str, ...]:
    """The SB- references of the conversation's consultation and callback requests, oldest
    first (usually one: `save_or_update_request` keeps one per conversation)."""
    references = session.execute(
        select(IntakeRecord.reference)
        .where(IntakeRecord.conversation_id == conversation_id)
        .order_by(IntakeRecord.created_at, IntakeRecord.reference)
    ).scalars()
    return tuple(str(reference) for reference in references)
