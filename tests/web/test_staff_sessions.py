"""Staff sessions: a cookie token that expires when idle, ends on logout, and carries CSRF."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from bot.web.staff_sessions import (
    StaffSession,
    csrf_matches,
    end_session,
    end_sessions_of,
    idle_timeout,
    resume_session,
    start_session,
)

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)
IDLE = timedelta(minutes=15)


def test_a_session_resumes_within_the_idle_time_and_the_clock_restarts(session: Session) -> None:
    token = start_session(session, "maria", "staff", T0)
    assert resume_session(session, token, T0 + timedelta(minutes=14), IDLE) is not None
    later = resume_session(session, token, T0 + timedelta(minutes=28), IDLE)
    assert later is not None and later.username == "maria" and not later.is_admin


def test_an_idle_session_expires_and_is_removed(session: Session) -> None:
    token = start_session(session, "maria", "staff", T0)
    assert resume_session(session, token, T0 + timedelta(minutes=16), IDLE) is None
    assert resume_session(session, token, T0 + timedelta(minutes=1), IDLE) is None  # gone


def test_no_session_lasts_longer_than_a_working_day_however_active(session: Session) -> None:
    token = start_session(session, "maria", "admin", T0)
    moment = T0
    for _ in range(12 * 6):
        moment += timedelta(minutes=10)
        if resume_session(session, token, moment, IDLE) is None:
            break
    assert moment - T0 <= timedelta(hours=12, minutes=10)


def test_logout_and_sign_out_everywhere_end_sessions(session: Session) -> None:
    first = start_session(session, "maria", "staff", T0)
    second = start_session(session, "maria", "staff", T0)
    end_session(session, first)
    assert resume_session(session, first, T0, IDLE) is None
    assert resume_session(session, second, T0, IDLE) is not None
    end_sessions_of(session, "maria")
    assert resume_session(session, second, T0, IDLE) is None


def test_unknown_or_missing_tokens_get_no_session(session: Session) -> None:
    assert resume_session(session, None, T0, IDLE) is None
    assert resume_session(session, "made-up-token", T0, IDLE) is None


def test_the_csrf_token_must_match_exactly() -> None:
    staff = StaffSession("maria", "staff", "token-123")
    assert csrf_matches(staff, "token-123")
    assert not csrf_matches(staff, "token-12")
    assert not csrf_matches(staff, "")
    assert not csrf_matches(staff, None)


def test_the_idle_time_is_configurable() -> None:
    assert idle_timeout({}) == timedelta(minutes=15)
    assert idle_timeout({"SPINEBOT_SESSION_MINUTES": "5"}) == timedelta(minutes=5)
    assert idle_timeout({"SPINEBOT_SESSION_MINUTES": "soon"}) == timedelta(minutes=15)
