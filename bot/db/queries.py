"""Read the treatment table. Functions take a session and return dataclasses, never ORM rows."""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.content import TreatmentInfo
from bot.db.models import Treatment, TreatmentRegion
from bot.triage.flags import Region


def _info(row: Treatment) -> TreatmentInfo:
    """The row as the dataclass the rest of the bot reads: each field is the column of the same
    name, except the regions, which are rows of their own (in sorted order)."""
    columns = {f.name: getattr(row, f.name) for f in fields(TreatmentInfo) if f.name != "regions"}
    return TreatmentInfo(**columns, regions=tuple(r.region for r in row.regions))


def treatments_for(
    session: Session, step: int, region: Region, *, procedures: bool
) -> list[TreatmentInfo]:
    """Treatments on the pathway at `step` (1-5, CLINICAL.md §2.2) for `region`, in the content
    file's order: only procedures when `procedures` is True, none of them when it is False."""
    query = (
        select(Treatment)
        .join(TreatmentRegion)
        .where(
            TreatmentRegion.region == region.value,
            Treatment.step_min <= step,
            Treatment.step_max >= step,
            Treatment.procedure.is_(procedures),
        )
        .order_by(Treatment.position)
    )
    return [_info(row) for row in session.execute(query).scalars()]


def get_treatment(session: Session, key: str) -> TreatmentInfo | None:
    """The treatment with this key, or None when the table has no such key."""
    row = session.get(Treatment, key)
    return _info(row) if row is not None else None


def all_treatments(session: Session) -> list[TreatmentInfo]:
    """Every treatment in the table, in the content file's order."""
    rows = session.execute(select(Treatment).order_by(Treatment.position)).scalars()
    return [_info(row) for row in rows]


def pathway_steps(session: Session) -> dict[str, int]:
    """Every treatment key with the first pathway step it belongs to (1 when not on the pathway),
    which is what trying it says about where a person is on the pathway."""
    rows = session.execute(select(Treatment.key, Treatment.step_min)).all()
    return {key: step or 1 for key, step in rows}
