"""Save consultation and callback requests as intake records, with a reference number.

Functions take a session and return plain values, never ORM rows.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import IntakeRecord

# No 0/O, 1/I/L: a reference read out over the phone must not be misheard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6
KINDS = ("consultation", "callback")


@dataclass(frozen=True)
class TriageSummary:
    """What the bot learned, as staff will read it."""

    region: str | None = None
    duration_days: int | None = None
    pain_score: int | None = None
    radiation: str | None = None
    red_flags: tuple[str, ...] = ()
    unsure_flags: tuple[str, ...] = ()
    answered_flags: tuple[str, ...] = ()
    treatments_tried: tuple[str, ...] = ()
    level: str | None = None
    reasons: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    disclaimers_shown: bool = True
    # "grouped" or "single" (clinic.yml `screening`), for the side-by-side comparison of
    # CLINICAL.md §8.4; None for records made before the mode was kept.
    screening_mode: str | None = None
    # Items answered "not sure" and cleared by the clarifying question (CLINICAL.md §8.3 A5).
    cleared_unsure: tuple[str, ...] = ()


@dataclass(frozen=True)
class IntakeRequest:
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


def new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"SB-{body}"


def save_request(session: Session, request: IntakeRequest, reference: str | None = None) -> str:
    """Store the request and return its reference number: `reference` if given (a request kept
    while the database was down, bot/records/pending.py), else a new unique one."""
    if reference is None:
        reference = _free_reference(session)
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


def _free_reference(session: Session) -> str:
    for _ in range(10):
        reference = new_reference()
        taken = select(IntakeRecord.id).where(IntakeRecord.reference == reference)
        if session.execute(taken).first() is None:
            return reference
    # 31^6 references make ten collisions in a row unrealistic
    raise RuntimeError("could not find a free reference number")  # pragma: no cover


def find_by_reference(session: Session, reference: str) -> dict[str, Any] | None:
    row = session.execute(
        select(IntakeRecord).where(IntakeRecord.reference == reference.strip().upper())
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
