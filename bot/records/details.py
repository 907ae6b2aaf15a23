"""Many records in full at once, for the CSV export's one row per record.

`bot.records.queue.record_detail` reads one record with its notes (the record page);
`record_details` reads a list's records in a few queries, without their notes, which the export
does not carry.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.clock import as_utc
from bot.db.models import IntakeRecord, TriageRecord
from bot.records.queue import RecordDetail
from bot.records.references import TRIAGE_PREFIX
from bot.records.triage_summary import summary_from_json

CHUNK = 500  # references per query: well under SQLite's limit on bound parameters


def _chunks(references: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(references), CHUNK):
        yield references[start : start + CHUNK]


def _request(row: Any) -> RecordDetail:
    return RecordDetail(
        reference=row.reference,
        kind=row.kind,
        level=row.level,
        status=row.status,
        created_at=as_utc(row.created_at),
        conversation_id=row.conversation_id,
        summary=summary_from_json(row.summary),
        notes=(),
        name=row.name,
        phone=row.phone,
        email=row.email,
        contact_time=row.contact_time,
        consent_given_at=as_utc(row.consent_given_at) if row.consent_given_at else None,
    )


def _triage(row: Any) -> RecordDetail:
    return RecordDetail(
        reference=row.reference,
        kind="triage",
        level=row.level,
        status=row.status,
        created_at=as_utc(row.created_at),
        conversation_id=row.conversation_id,
        summary=summary_from_json(row.summary),
        notes=(),
    )


def record_details(session: Session, references: Sequence[str]) -> list[RecordDetail]:
    """The records with these references (as stored: SB-... requests, TR-... triages), in the
    order given, each without its notes (`notes` is empty); unknown references are skipped."""
    triages = [r for r in references if r.startswith(TRIAGE_PREFIX)]
    requests = [r for r in references if not r.startswith(TRIAGE_PREFIX)]
    found: dict[str, RecordDetail] = {}
    for chunk in _chunks(requests):
        rows = session.execute(select(IntakeRecord).where(IntakeRecord.reference.in_(chunk)))
        found.update((row.reference, _request(row)) for row in rows.scalars())
    for chunk in _chunks(triages):
        rows = session.execute(select(TriageRecord).where(TriageRecord.reference.in_(chunk)))
        found.update((row.reference, _triage(row)) for row in rows.scalars())
    return [found[reference] for reference in references if reference in found]
