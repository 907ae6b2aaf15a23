"""Database tables (SQLAlchemy 1.4 declarative models, used with 2.0-style queries)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

if TYPE_CHECKING:  # SQLAlchemy 1.4 ships no type information; this is what mypy sees instead.

    class Base:
        metadata: Any

        def __init__(self, **kwargs: Any) -> None: ...

else:
    Base = declarative_base()


class Treatment(Base):
    """One row of the treatment table (content/treatments.yml, CLINICAL.md §5)."""

    __tablename__ = "treatments"

    key = Column(String(64), primary_key=True)
    position = Column(Integer, nullable=False)  # order of the content file: recommendation order
    name = Column(String(200), nullable=False)
    description = Column(Text, nullable=False)
    step_min = Column(Integer, nullable=True)  # null: not on the pathway, explained on request
    step_max = Column(Integer, nullable=True)
    procedure = Column(Boolean, nullable=False)  # only ever a topic for a consultation
    offered = Column(Boolean, nullable=False)  # offered by this clinic (clinic.yml)
    evidence = Column(Text, nullable=False)

    regions = relationship(
        "TreatmentRegion",
        cascade="all, delete-orphan",
        order_by="TreatmentRegion.region",
        lazy="selectin",
    )


class TreatmentRegion(Base):
    """A body region a treatment applies to: one row each, so queries filter by region in SQL."""

    __tablename__ = "treatment_regions"

    treatment_key = Column(
        String(64), ForeignKey("treatments.key", ondelete="CASCADE"), primary_key=True
    )
    region = Column(String(32), primary_key=True)


class IntakeRecord(Base):
    """A consultation or callback request, with what the bot learned (bot/intake/records.py)."""

    __tablename__ = "intake_records"

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False, unique=True, index=True)
    kind = Column(String(16), nullable=False)  # consultation | callback
    status = Column(String(16), nullable=False)  # new, contacted, scheduled, closed, not_reached
    created_at = Column(DateTime(timezone=True), nullable=False)
    name = Column(String(100), nullable=False)
    phone = Column(String(20), nullable=True)
    email = Column(String(254), nullable=True)
    contact_time = Column(String(200), nullable=False)
    consent_given_at = Column(DateTime(timezone=True), nullable=False)
    conversation_id = Column(String(255), nullable=False)  # the tracker's sender id
    level = Column(String(32), nullable=True)
    summary = Column(JSON, nullable=False)
