"""Keep completed triages, so staff also see the ones that did not end in a request, and link
them to the request made in the same conversation.

The action that sends a triage outcome calls save_triage(); the queue shows the triage unless a
consultation or callback request came from the same conversation. A request made before the
triage (the person asked for a consultation first) is given the triage's summary and level when
the triage is saved, so it no longer reaches staff as "not assessed"; the record pages link the
two through `triage_of` and `bot.records.intake_records.requests_of`.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.clock import as_utc, utc_now
from bot.db.models import IntakeRecord, TriageRecord
from bot.notifications.message import URGENT, band_of
from bot.notifications.outbox import enqueue
from bot.records.queue import LEVEL_ORDER
from bot.records.references import TRIAGE_PREFIX, free_reference
from bot.records.triage_summary import TriageSummary


def _rank(level: str | None) -> int:
    """A level's place in LEVEL_ORDER (0 most urgent); no level or an unknown one last."""
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def save_triage(
    session: Session, conversation_id: str, summary: TriageSummary, now: datetime | None = None
) -> str:
    """Store the conversation's triage outcome and return its TR- reference.

    A later outcome in the same conversation replaces the summary of the same record. If it is
    more urgent than before, the record goes back to `new`, so a closed triage that got worse
    is seen again. Every consultation or callback request of the conversation gets the same
    summary and level, by the same rule (`_update_requests`).

    Args:
        session: the application database; the caller commits.
        conversation_id: Rasa's sender id, shared by the conversation's request, if any.
        summary: what the bot learned, with the outcome's level and reasons.
        now: when the outcome was given (UTC; default now).

    """
    now = as_utc(now or utc_now())
    stored = dataclasses.asdict(summary)
    row = session.execute(
        select(TriageRecord).where(TriageRecord.conversation_id == conversation_id)
    ).scalar_one_or_none()
    if row is None:
        row = TriageRecord(
            reference=free_reference(session, TriageRecord, TRIAGE_PREFIX),
            conversation_id=conversation_id,
            created_at=now,
            updated_at=now,
            level=summary.level,
            status="new",
            summary=stored,
        )
        session.add(row)
    else:
        if _rank(summary.level) < _rank(row.level):
            row.status = "new"
        row.level = summary.level
        row.summary = stored
        row.updated_at = now
    _update_requests(session, conversation_id, summary.level, stored)
    session.flush()
    reference: str = row.reference
    return reference


def _update_requests(
    session: Session, conversation_id: str, level: str | None, stored: dict[str, Any]
) -> None:
    """Give the conversation's requests the triage's summary and level; a request whose level
    becomes more urgent goes back to `new`, as a triage does, so staff see it again, and one
    that becomes urgent (L1-L3) is announced to the intake address again: its first e-mail,
    sent before the triage, said "not assessed"."""
    requests = session.execute(
        select(IntakeRecord).where(IntakeRecord.conversation_id == conversation_id)
    ).scalars()
    for request in requests:
        if _rank(level) < _rank(request.level):
            request.status = "new"
        if band_of(level) == URGENT and band_of(request.level) != URGENT:
            enqueue(session, request.reference, level)
        request.level = level
        request.summary = stored


def triage_of(session: Session, conversation_id: str) -> str | None:
    """The TR- reference of the conversation's triage record; None if it has none."""
    reference = session.execute(
        select(TriageRecord.reference).where(TriageRecord.conversation_id == conversation_id)
    ).scalar_one_or_none()
    return None if reference is None else str(reference)
