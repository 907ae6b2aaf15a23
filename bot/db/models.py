"""Database tables (SQLAlchemy 1.4 declarative models, used with 2.0-style queries)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

if TYPE_CHECKING:  # SQLAlchemy 1.4 ships no type information; this is what mypy sees instead.

    class Base:
        """The declarative base of every table, as mypy sees it."""

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
    """A consultation or callback request, with what the bot learned
    (bot/records/intake_records.py)."""

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


# ---- the staff console (bot/console/, bot/records/) --------------------------------------------


class TriageRecord(Base):
    """A completed triage that may not have ended in a request, so staff can review it. One row per
    conversation: a later outcome in the same conversation updates it
    (bot/records/triage_records.py)."""

    __tablename__ = "triage_records"

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False, unique=True, index=True)  # TR-XXXXXX
    conversation_id = Column(String(255), nullable=False, unique=True)  # the tracker's sender id
    created_at = Column(DateTime(timezone=True), nullable=False, index=True)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    level = Column(String(32), nullable=True)
    status = Column(String(16), nullable=False, default="new")
    summary = Column(JSON, nullable=False)  # a TriageSummary, as in intake_records.summary


class StaffNote(Base):
    """A note by staff on an intake or triage record; a status change is recorded as a note too."""

    __tablename__ = "staff_notes"

    id = Column(Integer, primary_key=True)
    # SB-... (intake_records) or TR-... (triage_records): the prefixes keep the two apart.
    reference = Column(String(16), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False)
    username = Column(String(64), nullable=False)
    text = Column(Text, nullable=False)  # may be empty when only the status changed
    status = Column(String(16), nullable=True)  # the status set with this note, if any


class StaffAccount(Base):
    """A clinic staff member who may sign in to the console (bot/console/users.py)."""

    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)  # stored lower-case
    password_hash = Column(String(255), nullable=False)  # scrypt$n$r$p$salt$key
    role = Column(String(16), nullable=False)  # staff | admin
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False)
    last_login_at = Column(DateTime(timezone=True), nullable=True)


class LoginFailure(Base):
    """A failed sign-in, kept for the rate limit's window; in the database so every app instance
    counts the same failures."""

    __tablename__ = "login_failures"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, index=True)
    address = Column(String(64), nullable=False, index=True)
    at = Column(DateTime(timezone=True), nullable=False, index=True)


class AuditLogEntry(Base):
    """Who viewed or changed what, and when. Never health data or contact details."""

    __tablename__ = "audit_entries"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, index=True)
    username = Column(String(64), nullable=True)  # null: the system (e.g. a scheduled purge)
    action = Column(String(32), nullable=False)
    reference = Column(String(16), nullable=True, index=True)
    detail = Column(String(200), nullable=True)


class Notification(Base):
    """A new-request e-mail to the clinic's intake address, written in the same transaction as the
    request and sent later (bot/notifications/): an outbox, so a request saved while the mail
    server is down is still announced once it is back. Holds no health information: the
    reference and the urgency band only."""

    __tablename__ = "notifications"

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False, index=True)  # SB-... (intake_records)
    band = Column(String(16), nullable=False)  # bot.notifications.message.BANDS
    created_at = Column(DateTime(timezone=True), nullable=False)
    next_attempt_at = Column(DateTime(timezone=True), nullable=False, index=True)
    attempts = Column(Integer, nullable=False, default=0)
    sent_at = Column(DateTime(timezone=True), nullable=True, index=True)  # null: not sent yet
    last_error = Column(String(64), nullable=True)  # the exception's type, never its text
