"""Read the treatment table. Functions take a session and return dataclasses, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Treatment, TreatmentRegion
from bot.triage.flags import Region


@dataclass(frozen=True)
class TreatmentInfo:
    key: str
    name: str
    description: str
    step_min: int | None
    step_max: int | None
    regions: tuple[str, ...]
    procedure: bool
    offered: bool
    evidence: str

    @classmethod
    def of(cls, row: Treatment) -> TreatmentInfo:
        return cls(
            key=row.key,
            name=row.name,
            description=row.description,
            step_min=row.step_min,
            step_max=row.step_max,
            regions=tuple(r.region for r in row.regions),
            procedure=row.procedure,
            offered=row.offered,
            evidence=row.evidence,
        )


def treatments_for(
    session: Session, step: int, region: Region, *, procedures: bool
) -> list[TreatmentInfo]:
    """Treatments on the pathway at `step` for `region`, in table order; procedures or not."""
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
    return [TreatmentInfo.of(row) for row in session.execute(query).scalars()]


def get_treatment(session: Session, key: str) -> TreatmentInfo | None:
    row = session.get(Treatment, key)
    return TreatmentInfo.of(row) if row is not None else None


def all_treatments(session: Session) -> list[TreatmentInfo]:
    rows = session.execute(select(Treatment).order_by(Treatment.position)).scalars()
    return [TreatmentInfo.of(row) for row in rows]


def pathway_steps(session: Session) -> dict[str, int]:
    """Every treatment key with the first pathway step it belongs to (1 when not on the pathway),
    which is what trying it says about where a person is on the pathway."""
    rows = session.execute(select(Treatment.key, Treatment.step_min)).all()
    return {key: step or 1 for key, step in rows}
