"""Signed-in staff sessions, kept in the database so several app instances share them and a
logout or a timeout ends the session everywhere.

The browser holds only a random token (HttpOnly, SameSite=Strict cookie); the database holds its
SHA-256, so a copy of the table cannot be replayed. Each session has its own CSRF token, which
every form posts back.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Column, DateTime, String, delete, select
from sqlalchemy.orm import Session

from bot.db.models import Base

COOKIE = "spinebot_staff"
IDLE_MINUTES_DEFAULT = 15
MAX_HOURS = 12  # a signed-in day, however active


class StaffSessionRow(Base):
    """A signed-in session in the table staff_sessions, keyed by the SHA-256 of its token."""

    __tablename__ = "staff_sessions"

    token_hash = Column(String(64), primary_key=True)
    username = Column(String(64), nullable=False, index=True)
    role = Column(String(16), nullable=False)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
    last_seen_at = Column(DateTime(timezone=True), nullable=False)


@dataclass(frozen=True)
class StaffSession:
    """A live session as handlers see it: who, their role, and the token every form posts back."""

    username: str
    role: str
    csrf_token: str

    @property
    def is_admin(self) -> bool:
        """Whether the session's role is admin."""
        return self.role == "admin"


def idle_timeout(environ: dict[str, str] | None = None) -> timedelta:
    """$SPINEBOT_SESSION_MINUTES of inactivity end a session (default 15)."""
    value = (environ if environ is not None else os.environ).get("SPINEBOT_SESSION_MINUTES", "")
    minutes = int(value) if value.isdigit() and int(value) > 0 else IDLE_MINUTES_DEFAULT
    return timedelta(minutes=minutes)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def start_session(session: Session, username: str, role: str, now: datetime) -> str:
    """Create a session; return the token for the cookie."""
    token = secrets.token_urlsafe(32)
    session.add(
        StaffSessionRow(
            token_hash=_hash(token),
            username=username,
            role=role,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
        )
    )
    return token


def resume_session(
    session: Session, token: str | None, now: datetime, idle: timedelta
) -> StaffSession | None:
    """The live session for a cookie token (its idle clock restarted), or None."""
    if not token:
        return None
    row = session.get(StaffSessionRow, _hash(token))
    if row is None:
        return None
    expired = now - _aware(row.last_seen_at) > idle or now - _aware(row.created_at) > timedelta(
        hours=MAX_HOURS
    )
    if expired:
        session.delete(row)
        session.flush()
        return None
    row.last_seen_at = now
    return StaffSession(row.username, row.role, row.csrf_token)


def end_session(session: Session, token: str | None) -> None:
    """End the session of this cookie token (nothing if there is none)."""
    if token:
        session.execute(delete(StaffSessionRow).where(StaffSessionRow.token_hash == _hash(token)))


def end_sessions_of(session: Session, username: str) -> None:
    """Sign a user out everywhere (deactivated, or password changed)."""
    session.execute(delete(StaffSessionRow).where(StaffSessionRow.username == username))


def csrf_matches(staff: StaffSession, submitted: str | None) -> bool:
    """Whether a posted CSRF token is the session's (compared in constant time)."""
    return bool(submitted) and hmac.compare_digest(staff.csrf_token, str(submitted))


def active_usernames(session: Session) -> list[str]:
    """The usernames with at least one stored session (live or not yet swept), sorted."""
    return sorted(set(session.execute(select(StaffSessionRow.username)).scalars()))
