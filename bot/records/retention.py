"""Deleting records by age: the requests and triages created before a cutoff, with their notes.

bot/records/ is the one owner of record rows, so the console's retention purge
(bot/console/purge.py) deletes records through `purge_records` and keeps to what is its own:
the transcripts in the tracker store, old failed sign-ins and the `purged` audit entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.db.clock import as_utc
from bot.db.models import IntakeRecord, Notification, StaffNote, TriageRecord

CHUNK = 500  # references per IN (...) list


@dataclass(frozen=True)
class ExpiredRecords:
    """The records created before a cutoff (deleted, or with a dry run only counted)."""

    requests: tuple[str, ...]  # SB- references of consultation and callback requests, sorted
    triages: tuple[str, ...]  # TR- references of triages, sorted
    notes: int  # staff notes on them
    conversations: frozenset[str]  # the conversations these records came from
    kept_conversations: frozenset[str]  # the conversations a record still kept came from

    @property
    def references(self) -> tuple[str, ...]:
        """Every expired reference, requests and triages together, sorted."""
        return tuple(sorted((*self.requests, *self.triages)))


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _delete(session: Session, model: Any, column: Any, values: Sequence[str]) -> None:
    for chunk in _chunks(values):
        session.execute(
            delete(model).where(column.in_(chunk)).execution_options(synchronize_session=False)
        )


def purge_records(session: Session, before: datetime, dry_run: bool = False) -> ExpiredRecords:
    """Delete every request and triage created before `before` (UTC), with its staff notes and
    its new-request e-mail rows (bot/notifications/), in the caller's transaction; with
    `dry_run`, delete nothing and say what would go."""
    cutoff = as_utc(before)
    expired: dict[Any, list[str]] = {IntakeRecord: [], TriageRecord: []}
    conversations: set[str] = set()
    kept: set[str] = set()
    for model, references in expired.items():
        for reference, conversation, created in session.execute(
            select(model.reference, model.conversation_id, model.created_at)
        ):
            if as_utc(created) < cutoff:
                references.append(reference)
                conversations.add(conversation)
            else:
                kept.add(conversation)
    requests, triages = tuple(sorted(expired[IntakeRecord])), tuple(sorted(expired[TriageRecord]))
    notes = sum(
        session.execute(
            select(func.count(StaffNote.id)).where(StaffNote.reference.in_(chunk))
        ).scalar_one()
        for chunk in _chunks(sorted((*requests, *triages)))
    )
    found = ExpiredRecords(requests, triages, notes, frozenset(conversations), frozenset(kept))
    if not dry_run:
        _delete(session, StaffNote, StaffNote.reference, found.references)
        _delete(session, Notification, Notification.reference, found.requests)
        _delete(session, IntakeRecord, IntakeRecord.reference, found.requests)
        _delete(session, TriageRecord, TriageRecord.reference, found.triages)
    return found
