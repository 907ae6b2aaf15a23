"""Keep completed triages, so staff also see the ones that did not end in a request.

The action that sends a triage outcome calls save_triage(); the queue shows the triage unless a
consultation or callback request came from the same conversation.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.clock import as_utc, utc_now
from bot.db.models import TriageRecord
from bot.records.queue import LEVEL_ORDER
from bot.records.references import TRIAGE_PREFIX, free_reference
from bot.records.triage_summary import TriageSummary


def _rank(level: str | None) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def save_triage(
    session: Session, conversation_id: str, summary: TriageSummary, now: datetime | None = None
) -> str:
    """Store the conversation's triage outcome and return its TR- reference.

    A later outcome in the same conversation replaces the summary of the same record. If it is
    more urgent than before, the record goes back to `new`, so a closed triage that got worse
    is seen again.
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
    session.flush()
    reference: str = row.reference
    return reference
