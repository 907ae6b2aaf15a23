"""The console's two lists, one page at a time.

- `people_to_contact`: the default view, consultation and callback requests (intake_records) not
  yet closed, in the order to call them back (`CONTACT_ORDER`), oldest waiting first within a
  level.
- `triage_log`: every completed triage (triage_records), newest first, for audit and analytics,
  each with the request its conversation ended in.

Both return a `QueuePage` of `QueueItem`s (bot/records/queue.py) with the count of every match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, case, cast, func, literal, null, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.db.clock import as_utc
from bot.db.models import IntakeRecord, TriageRecord
from bot.records.queue import (
    LEVEL_ORDER,
    QueueItem,
    filter_conditions,
    reference_candidates,
    row_columns,
)
from bot.records.references import TRIAGE_PREFIX
from bot.records.triage_summary import summary_from_json

OPEN = "open"  # the people-to-contact status filter's value for "every status but closed"
# The order requests are called back in. A request with no triage level ("not assessed") comes
# after the urgent levels (emergency and doctor today, which tell the person to act themselves
# now) and before the routine ones: nobody has checked its warning signs, so it is not known to
# be safe to leave for days, but a known emergency or same-day case still comes first.
CONTACT_ORDER: tuple[str | None, ...] = (*LEVEL_ORDER[:3], None, *LEVEL_ORDER[3:])


@dataclass(frozen=True)
class QueuePage:
    """One page of a list: its items, how many match in all, and where the page starts."""

    items: tuple[QueueItem, ...]
    total: int  # records matching the filters, on every page
    offset: int  # items before this page
    size: int | None  # the page size asked for; None when every item is on the page

    @property
    def first(self) -> int:
        """The 1-based position of the page's first item; 0 for an empty page."""
        return self.offset + 1 if self.items else 0

    @property
    def last(self) -> int:
        """The 1-based position of the page's last item; 0 for an empty page."""
        return self.offset + len(self.items) if self.items else 0

    @property
    def has_previous(self) -> bool:
        """Whether items come before this page."""
        return self.offset > 0

    @property
    def has_next(self) -> bool:
        """Whether items come after this page."""
        return self.last < self.total and bool(self.items)


def _rank(column: Any, order: tuple[str | None, ...]) -> Any:
    """An SQL rank of a level column by its place in `order`; no level, or a level `order` does
    not name, takes the place of None."""
    places = {value: place for place, value in enumerate(order) if value is not None}
    return case(places, value=column, else_=order.index(None))


def _page(session: Session, query: Select, limit: int | None, offset: int) -> QueuePage:
    """One page of a list's ordered query, with the count of every row it matches."""
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery()))
    items = tuple(
        QueueItem(
            reference=row.reference,
            kind=row.kind,
            level=row.level,
            status=row.status,
            created_at=as_utc(row.created_at),
            name=row.name,
            contact_time=row.contact_time,
            phone=row.phone,
            email=row.email,
            summary=summary_from_json(row.summary),
            request_reference=row.request_reference,
        )
        for row in session.execute(query.offset(offset).limit(limit))
    )
    return QueuePage(items=items, total=total.scalar_one(), offset=offset, size=limit)


def people_to_contact(
    session: Session,
    *,
    level: str | None = None,
    status: str | None = OPEN,
    kind: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    search: str | None = None,
    limit: int | None = 25,
    offset: int = 0,
) -> QueuePage:
    """Consultation and callback requests in the order to call them back: by level in
    CONTACT_ORDER (not assessed after the urgent levels), then oldest waiting first.

    Args:
        session: the application database.
        level: one of LEVEL_ORDER, or NO_LEVEL for requests made without a triage.
        status: OPEN (the default: every status but closed), one of STATUSES, or None for all.
        kind: "consultation" or "callback"; None for both.
        since: made at or after this time (inclusive).
        until: made before this time (exclusive).
        search: a reference (any case, SB- prefix optional) or part of a name.
        limit: at most this many items (the page size); None for every matching request.
        offset: items skipped first (the pages before).

    """
    r = IntakeRecord
    no_triage = cast(null(), String(16))
    query = select(
        *row_columns(r, r.kind, r.name, r.contact_time),
        r.phone.label("phone"),
        r.email.label("email"),
        r.summary.label("summary"),
        no_triage.label("request_reference"),
    )
    if kind is not None:
        query = query.where(r.kind == kind)
    search = search.strip() if search else None
    if search:
        matches = func.lower(r.name).contains(search.lower(), autoescape=True)
        references = reference_candidates(search)
        query = query.where(or_(matches, r.reference.in_(references)) if references else matches)
    open_only = status == OPEN
    query = query.where(*filter_conditions(r, level, None if open_only else status, since, until))
    if open_only:
        query = query.where(r.status != "closed")
    query = query.order_by(_rank(r.level, CONTACT_ORDER), r.created_at, r.reference)
    return _page(session, query, limit, offset)


def triage_log(
    session: Session,
    *,
    level: str | None = None,
    status: str | None = None,
    region: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    search: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> QueuePage:
    """Every completed triage, newest first, each with the request its conversation ended in
    (`request_reference`), if any.

    Args:
        session: the application database.
        level: one of LEVEL_ORDER, or NO_LEVEL.
        status: "new" or "closed" (reviewed); None for both.
        region: a body region as the summary keeps it ("lower_back", "neck"...).
        since: completed at or after this time (inclusive).
        until: completed before this time (exclusive).
        search: a triage reference, any case, TR- prefix optional (triages have no names).
        limit: at most this many items (the page size); None for every matching triage.
        offset: items skipped first (the pages before).

    """
    t = TriageRecord
    request = (
        select(func.min(IntakeRecord.reference))
        .where(IntakeRecord.conversation_id == t.conversation_id)
        .scalar_subquery()
    )
    no_text = cast(null(), String(200))
    query = select(
        *row_columns(t, cast(literal("triage"), String(16)), no_text, no_text),
        no_text.label("phone"),
        no_text.label("email"),
        t.summary.label("summary"),
        request.label("request_reference"),
    ).where(*filter_conditions(t, level, status, since, until))
    if region:
        query = query.where(t.summary["region"].as_string() == region)
    search = search.strip() if search else None
    if search:
        candidates = [c for c in reference_candidates(search) if c.startswith(TRIAGE_PREFIX)]
        query = query.where(t.reference.in_(candidates))
    query = query.order_by(t.created_at.desc(), t.reference)
    return _page(session, query, limit, offset)
